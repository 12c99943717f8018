import { hashNormal, hashUniform } from '../../engine/hash-draws.ts';
import { fromFil, SECTORS_PER_TIB, toFil } from './fil.ts';
import { AVAILABLE, accountBalance, borrowFromPool, buyFromHolders, type Ledger } from './ledger.ts';
import { PROVIDER_OFF } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { REWARD_EPOCHS_IN_YEAR } from './protocol.ts';

/**
 * Storage providers (few enough to live in the market, as typed-array columns): their hardware, sealing throughput,
 * costs, reliability, financing, hurdle and asks, and the running economics their decisions read. Heterogeneous by
 * size tier, from a home provider to an industrial one; the tier scales costs (economies of scale), the fault rate,
 * what is spent on reliability and how much is borrowed. Decisions are in provider-decisions.ts.
 */
export const TIER_HOME = 0;
export const TIER_SMALL = 1;
export const TIER_MEDIUM = 2;
export const TIER_INDUSTRIAL = 3;
export const TIER_NAMES = ['home', 'small', 'medium', 'industrial'] as const;
/** Raw capacity (TiB) below which a provider is in tiers 0, 1, 2; above the last, industrial. */
export const TIER_UPPER_TIB = [100, 1024, 10 * 1024] as const;

/**
 * Tier multipliers on the medium provider's parameters (assumptions: economies of scale in hardware, power and staff;
 * larger operations spend more per TiB on redundancy, fail less, and finance more of their pledge).
 */
const TIER_CAPEX = [1.5, 1.2, 1, 0.85];
const TIER_OPEX = [1.4, 1.15, 1, 0.85];
const TIER_FAULT = [4, 2, 1, 0.5];
const TIER_RELIABILITY_SPEND = [0.25, 0.75, 1, 2];
const TIER_BORROW = [0, 0.5, 1, 1.5];

export interface Providers {
  readonly n: number;
  readonly status: Uint8Array;
  readonly tier: Uint8Array;
  /** 1 for the slots outside investors run (capital-port.ts). */
  readonly investor: Uint8Array;
  /** Hardware owned (raw TiB) and what it cost (USD, book value at cost). */
  readonly capacityTib: Float64Array;
  readonly hardwareUsd: Float64Array;
  readonly sealPerDay: Float64Array;
  readonly capexPerTib: Float64Array;
  /** Operating cost per TiB-year, reliability spend included (USD). */
  readonly opexPerTibYear: Float64Array;
  readonly faultProb: Float64Array;
  readonly recoverProb: Float64Array;
  readonly borrowShare: Float64Array;
  readonly hurdle: Float64Array;
  /** Asks, FIL per TiB-year, for unverified and verified deals. */
  readonly ask: Float64Array;
  readonly askVerified: Float64Array;
  readonly nextReview: Float64Array;
  /** Smoothed expected returns on new committed capacity and on new verified-deal capacity (memory, with noise). */
  readonly expectCc: Float64Array;
  readonly expectVerified: Float64Array;
  /** Consecutive reviews with an operating loss. */
  readonly lossStreak: Int32Array;
  /** Pre-committed sectors awaiting their prove-commit. */
  readonly pendingSectors: Float64Array;
  /** Deal TiB refused for lack of room since the last review, and taken since it. */
  readonly refusedTib: Float64Array;
  readonly takenTib: Float64Array;
  /** Smoothed share of deadlines proven (reliability clients see). */
  readonly reliability: Float64Array;
  /** FIL flows since the last review (as doubles, for the economics): earned (rewards, deals) and spent (gas, penalties, interest). */
  readonly filEarned: Float64Array;
  readonly filSpent: Float64Array;
  /** USD: operating income (FIL flows at each day's price less opex) and depreciation since the last review; since t = 0. */
  readonly opIncomeUsd: Float64Array;
  readonly deprUsd: Float64Array;
  readonly incomeUsdTotal: Float64Array;
  readonly capitalUsdDaysTotal: Float64Array;
  /** Day of the last review (for capital-days), USD put in (hardware and FIL bought). */
  readonly lastReview: Float64Array;
  readonly usdInvested: Float64Array;
}

export function tierOf(capacityTib: number): number {
  let t = 0;
  while (t < TIER_UPPER_TIB.length && capacityTib >= TIER_UPPER_TIB[t]!) t++;
  return t;
}

export function createProviders(n: number): Providers {
  const f = () => new Float64Array(n);
  return {
    n,
    status: new Uint8Array(n),
    tier: new Uint8Array(n),
    investor: new Uint8Array(n),
    capacityTib: f(),
    hardwareUsd: f(),
    sealPerDay: f(),
    capexPerTib: f(),
    opexPerTibYear: f(),
    faultProb: f(),
    recoverProb: f(),
    borrowShare: f(),
    hurdle: f(),
    ask: f(),
    askVerified: f(),
    nextReview: f(),
    expectCc: f(),
    expectVerified: f(),
    lossStreak: new Int32Array(n),
    pendingSectors: f(),
    refusedTib: f(),
    takenTib: f(),
    reliability: new Float64Array(n).fill(1),
    filEarned: f(),
    filSpent: f(),
    opIncomeUsd: f(),
    deprUsd: f(),
    incomeUsdTotal: f(),
    capitalUsdDaysTotal: f(),
    lastReview: f(),
    usdInvested: f(),
  };
}

/**
 * Sets provider p's character for a size of `capacityTib`: tier, costs, fault and recovery rates, financing, hurdle
 * (log-normal around the median, drawn from (seed, p)) and a first review within `reviewDays`. Status is left as is.
 */
/** Hardware per TiB of a provider of `capacityTib` before its own cost spread: the tier's share of `capexUsdPerTib`. */
export function tierCapexPerTib(cfg: FilecoinConfig, capacityTib: number): number {
  return cfg.capexUsdPerTib * TIER_CAPEX[tierOf(capacityTib)]!;
}

export function configureProvider(pr: Providers, cfg: FilecoinConfig, seed: number, p: number, capacityTib: number): void {
  const t = tierOf(capacityTib);
  pr.tier[p] = t;
  pr.capacityTib[p] = capacityTib;
  pr.sealPerDay[p] = Math.max(1, (capacityTib * SECTORS_PER_TIB) / cfg.sealingDays);
  // Each provider's costs differ from its tier's by a log-normal factor (sites, power prices, staff).
  pr.capexPerTib[p] = tierCapexPerTib(cfg, capacityTib) * Math.exp(cfg.costSigma * hashNormal(seed, p, 3));
  const spend = cfg.reliabilityUsdPerTibYear * TIER_RELIABILITY_SPEND[t]!;
  pr.opexPerTibYear[p] = cfg.opexUsdPerTibYear * TIER_OPEX[t]! * Math.exp(cfg.costSigma * hashNormal(seed, p, 4)) + spend;
  // Each reliabilityUsdPerTibYear spent halves the fault probability.
  pr.faultProb[p] = Math.min(1, cfg.faultProbability * TIER_FAULT[t]! * 2 ** -(cfg.reliabilityUsdPerTibYear > 0 ? spend / cfg.reliabilityUsdPerTibYear : 0));
  pr.recoverProb[p] = 1 - Math.exp(-1 / cfg.recoveryDays);
  pr.borrowShare[p] = Math.min(1, cfg.borrowShare * TIER_BORROW[t]!);
  pr.hurdle[p] = cfg.hurdleAnnual * Math.exp(cfg.hurdleSigma * hashNormal(seed, p, 1));
  pr.ask[p] = cfg.initialAskFilPerTibYear;
  pr.askVerified[p] = 0;
  pr.nextReview[p] = Math.floor(hashUniform(seed, p, 2) * cfg.reviewDays);
  pr.reliability[p] = 1;
}

/** The economics a provider reads in the public state: block reward and pledge per TiB of QA power, FIL per year. */
export interface Economics {
  readonly rewardPerEpochFil: number;
  readonly networkQaTib: number;
  readonly pledgePerQaTibFil: number;
  readonly filUsd: number;
}

/** Expected block reward per TiB of QA power per year, FIL, at the smoothed reward and power. */
export function rewardPerQaTibYear(e: Economics): number {
  return e.networkQaTib > 0 ? (e.rewardPerEpochFil * REWARD_EPOCHS_IN_YEAR) / e.networkQaTib : 0;
}

/**
 * Annual return on the capital a new TiB of raw capacity needs, as provider p estimates it: block rewards on its QA
 * power (`quality` 1 or 10) plus deal income, less opex, depreciation, gas and interest on the borrowed part of the
 * pledge, over hardware plus the pledge it pays with its own money.
 */
export function returnOnNewTib(pr: Providers, cfg: FilecoinConfig, p: number, e: Economics, quality: number, dealFilPerTibYear: number): number {
  const pledge = quality * e.pledgePerQaTibFil;
  const b = pr.borrowShare[p]!;
  const gas = quality > 1 || dealFilPerTibYear > 0 ? cfg.dealGasFilPerTibYear : cfg.gasFilPerTibYear;
  const revenue = (quality * rewardPerQaTibYear(e) + dealFilPerTibYear) * e.filUsd;
  const cost = pr.opexPerTibYear[p]! + pr.capexPerTib[p]! / cfg.hardwareLifeYears + (gas + b * pledge * cfg.borrowRate) * e.filUsd;
  const capital = pr.capexPerTib[p]! + (1 - b) * pledge * e.filUsd;
  return capital > 0 ? (revenue - cost) / capital : 0;
}

/**
 * Annual return of keeping a TiB of committed capacity one more term (the hardware is sunk; the pledge stays locked
 * instead of coming back): rewards less opex, gas and interest, over the provider's own part of the locked pledge.
 */
export function returnOnKeepingTib(pr: Providers, cfg: FilecoinConfig, p: number, e: Economics, pledgeFilPerTib: number): number {
  const b = pr.borrowShare[p]!;
  const margin = (rewardPerQaTibYear(e) - cfg.gasFilPerTibYear - b * pledgeFilPerTib * cfg.borrowRate) * e.filUsd - pr.opexPerTibYear[p]!;
  const capital = (1 - b) * pledgeFilPerTib * e.filUsd;
  return capital > 0 ? margin / capital : margin > 0 ? Infinity : -Infinity;
}

/**
 * Makes provider p's available balance at least `amount`: it borrows its share of the shortfall from the lending
 * pool (as far as the pool goes) and buys the rest from holders with outside money at the day's price. Returns false,
 * changing nothing more, when holders cannot sell that much, or for an investor's provider that has not the FIL.
 */
export function fundProvider(l: Ledger, pr: Providers, p: number, amount: bigint, filUsd: number): boolean {
  const avail = accountBalance(l, AVAILABLE, p);
  if (avail >= amount) return true;
  // An investor's provider runs on its investor's money only (capital-port.ts): it neither borrows nor buys more.
  if (pr.investor[p]) return false;
  const shortfall = amount - avail;
  const share = BigInt(Math.round(pr.borrowShare[p]! * 1e6));
  const borrowed = share > 0n ? borrowFromPool(l, p, (shortfall * share) / 1_000_000n) : 0n;
  const rest = shortfall - borrowed;
  if (rest > l.holders) return false;
  if (rest > 0n) {
    buyFromHolders(l, p, rest);
    pr.usdInvested[p] = pr.usdInvested[p]! + toFil(rest) * filUsd;
  }
  return true;
}

/** Buys `tib` of hardware for provider p (capacity arrives at once). */
export function buyHardware(pr: Providers, p: number, tib: number): void {
  const usd = tib * pr.capexPerTib[p]!;
  pr.capacityTib[p] = pr.capacityTib[p]! + tib;
  pr.hardwareUsd[p] = pr.hardwareUsd[p]! + usd;
  pr.usdInvested[p] = pr.usdInvested[p]! + usd;
}

/** Whether provider p has left or never entered. */
export const isOff = (pr: Providers, p: number): boolean => pr.status[p] === PROVIDER_OFF;

/** FIL amount (double) to attoFIL, rounded to micro-FIL (for decisions that book). */
export const filAmount = fromFil;
