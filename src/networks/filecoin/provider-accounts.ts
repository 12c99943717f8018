import { fromFil, SECTORS_PER_TIB, toFil } from './fil.ts';
import {
  AVAILABLE,
  accountBalance,
  accountOf,
  accrueInterest,
  burnAvailable,
  COLLATERAL,
  type Ledger,
  PLEDGE,
  PRECOMMIT,
  repayFeeDebt,
  VESTING,
  vestDay,
} from './ledger.ts';
import { PROVIDER_OFF } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { fundProvider, type Providers } from './providers.ts';
import type { Sectors } from './sectors.ts';
import type { Vesting } from './vesting.ts';

/**
 * A provider's day, money-wise: its vesting rewards release (and repay fee debt first), its sectors burn base fee
 * (gas per TiB-year, more for data sectors), its loan accrues interest (paid to the lenders' pool, or added to the
 * loan), and its books in USD move: FIL earned less FIL spent at the day's price, less opex on its hardware and
 * depreciation; its capital (hardware at cost plus its own FIL at the day's price) accrues capital-days.
 */
export interface DayFlows {
  /** FIL earned and spent today, per provider (doubles, for the books; the ledger is exact). */
  readonly earned: Float64Array;
  readonly spent: Float64Array;
}

export function createDayFlows(n: number): DayFlows {
  return { earned: new Float64Array(n), spent: new Float64Array(n) };
}

/** Vesting and fee debt for every provider on `day` (every day, for every slot: a vesting table is read in day order). */
export function releaseVestingDay(l: Ledger, v: Vesting, pr: Providers, day: number): void {
  for (let p = 0; p < pr.n; p++) {
    vestDay(l, v, p, day);
    if (accountOf(l.feeDebt, p) > 0n) repayFeeDebt(l, v, p);
  }
}

/** The day's base fee and interest for provider p; returns the gas burnt (attoFIL). */
export function burnGasAndInterest(cfg: FilecoinConfig, l: Ledger, pr: Providers, s: Sectors, p: number, filUsd: number, flows: DayFlows): bigint {
  const raw = s.provRaw[p]!;
  let gas = 0n;
  if (raw > 0) {
    // Verified-data sectors pay the deal rate (publishing, more messages); the rest the committed-capacity rate.
    const verifiedTib = s.verifiedRaw[p]! / SECTORS_PER_TIB;
    const otherTib = raw / SECTORS_PER_TIB - verifiedTib;
    gas = fromFil((otherTib * cfg.gasFilPerTibYear + verifiedTib * cfg.dealGasFilPerTibYear) / 365);
    if (gas > 0n && fundProvider(l, pr, p, gas, filUsd)) {
      burnAvailable(l, p, gas);
      flows.spent[p] = flows.spent[p]! + toFil(gas);
    } else gas = 0n;
  }
  const owed = accountOf(l.borrowed, p);
  if (owed > 0n) {
    const interest = (owed * BigInt(Math.round(cfg.borrowRate * 1e9))) / (365n * 1_000_000_000n);
    accrueInterest(l, p, interest);
    flows.spent[p] = flows.spent[p]! + toFil(interest);
  }
  return gas;
}

/** Provider p's own FIL (available and locked, less what it owes), as a double. */
export function ownFil(l: Ledger, p: number): number {
  let held = 0n;
  for (const kind of [AVAILABLE, PLEDGE, VESTING, PRECOMMIT, COLLATERAL]) held += accountBalance(l, kind, p);
  return toFil(held - accountOf(l.borrowed, p) - accountOf(l.feeDebt, p));
}

/** The day's opex of provider p (USD): what its hardware in use costs to run (idle drives are powered down). */
export function opexOfDay(pr: Providers, s: Sectors, queuedSectors: number, p: number): number {
  const usedTib = (s.provRaw[p]! + queuedSectors + pr.pendingSectors[p]!) / SECTORS_PER_TIB;
  return (Math.min(usedTib, pr.capacityTib[p]!) * pr.opexPerTibYear[p]!) / 365;
}

/** Closes provider p's books for the day in USD, with `opex` its running cost of the day. */
export function bookDay(cfg: FilecoinConfig, l: Ledger, pr: Providers, p: number, filUsd: number, opex: number, flows: DayFlows): void {
  if (pr.status[p] === PROVIDER_OFF) {
    flows.earned[p] = 0;
    flows.spent[p] = 0;
    return;
  }
  const depreciation = pr.hardwareUsd[p]! / cfg.hardwareLifeYears / 365;
  const operating = (flows.earned[p]! - flows.spent[p]!) * filUsd - opex;
  pr.opIncomeUsd[p] = pr.opIncomeUsd[p]! + operating;
  pr.deprUsd[p] = pr.deprUsd[p]! + depreciation;
  pr.incomeUsdTotal[p] = pr.incomeUsdTotal[p]! + operating - depreciation;
  pr.capitalUsdDaysTotal[p] = pr.capitalUsdDaysTotal[p]! + pr.hardwareUsd[p]! + Math.max(0, ownFil(l, p)) * filUsd;
  flows.earned[p] = 0;
  flows.spent[p] = 0;
}
