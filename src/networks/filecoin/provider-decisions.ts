import type { RandomStream } from '../../engine/rng.ts';
import type { FilecoinCounters } from './counters.ts';
import type { Deals } from './deal-market.ts';
import { SECTORS_PER_TIB, toFil } from './fil.ts';
import { AVAILABLE, accountBalance, accountOf, COLLATERAL, type Ledger, PLEDGE, PRECOMMIT, repayPool, sellToHolders, VESTING } from './ledger.ts';
import { PROVIDER_ACTIVE, PROVIDER_EXITING, PROVIDER_OFF } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { EPOCHS_IN_DAY, EPOCHS_IN_YEAR } from './protocol.ts';
import { buyHardware, type Economics, type Providers, returnOnKeepingTib, returnOnNewTib } from './providers.ts';
import { ipPerSector, type PenaltyBasis, terminateCohort, terminationFee } from './proving.ts';
import { cancelAll, enqueue, type Sealing } from './sealing.ts';
import { extendCohort, KIND_CC, liveSectors, type Sectors } from './sectors.ts';
import type { Vesting } from './vesting.ts';

/**
 * What providers decide, at reviews every `reviewDays` on average:
 *
 * - **estimate** the annual return on new capacity, for committed capacity and for Fil+ verified deals
 *   (`returnOnNewTib`), with a relative error (`returnNoise`) and memory (an exponential average over
 *   `memoryReviews` reviews);
 * - **grow** when the estimate clears the provider's hurdle: buy hardware (`growthPerReview` of its capacity, at
 *   least a sealing-day's worth) and seal it as committed capacity; grow for deals when it refused deal data for lack
 *   of room and verified deals clear the hurdle; otherwise **hold**;
 * - **extend** committed-capacity sectors expiring before the next review when keeping them clears the hurdle
 *   (`returnOnKeepingTib`: the hardware is sunk, the pledge stays), else let them expire;
 * - **exit** after `exitAfterReviews` reviews in a row with an operating loss: take no more deals, cancel the sealing
 *   queue, and terminate each cohort now when its termination fee is less than the loss of keeping it to expiry
 *   (else let it expire); once nothing is left, repay the loan, sell the FIL and resell the hardware;
 * - **price**: the deal asks rise by `askStep` after refusing data for lack of room, fall by it when idle with room.
 */
export interface DecisionContext {
  readonly cfg: FilecoinConfig;
  readonly day: number;
  readonly econ: Economics;
  readonly basis: PenaltyBasis;
  /** Initial pledge of a 32 GiB QA sector now, FIL. */
  readonly pledgePerSectorFil: number;
  readonly rng: RandomStream;
  readonly l: Ledger;
  readonly v: Vesting;
  readonly s: Sectors;
  readonly sealing: Sealing;
  readonly deals: Deals;
  readonly pr: Providers;
  readonly burn: (p: number, amount: bigint) => void;
}

export type DecisionTally = Pick<FilecoinCounters, 'growths' | 'exits' | 'entries' | 'sectorsExtended' | 'sectorsTerminated' | 'hardwareLossUsd'>;

const MAX_LIFETIME_DAYS = Math.floor((5 * EPOCHS_IN_YEAR) / EPOCHS_IN_DAY);

/** The verified-deal ask a provider can charge on top of block rewards (FIL per TiB-year). */
const dealIncome = (pr: Providers, p: number) => pr.askVerified[p]!;

/** Updates provider p's remembered estimates with this review's noisy observation of the returns. */
export function observeReturns(x: DecisionContext, p: number): void {
  const { pr, cfg, econ } = x;
  const noise = (r: number) => r + cfg.returnNoise * (Math.abs(r) + 0.05) * x.rng.normal();
  const w = 1 / cfg.memoryReviews;
  const cc = noise(returnOnNewTib(pr, cfg, p, econ, 1, 0));
  const verified = noise(returnOnNewTib(pr, cfg, p, econ, 10, dealIncome(pr, p)));
  pr.expectCc[p] = pr.expectCc[p]! + w * (cc - pr.expectCc[p]!);
  pr.expectVerified[p] = pr.expectVerified[p]! + w * (verified - pr.expectVerified[p]!);
}

/** Free capacity for new data (TiB): hardware less live, queued and pre-committed sectors. */
export function freeTib(x: { readonly pr: Providers; readonly s: Sectors; readonly sealing: Sealing }, p: number): number {
  const used = x.s.provRaw[p]! + x.sealing.queued[p]! + x.pr.pendingSectors[p]!;
  return Math.max(0, x.pr.capacityTib[p]! - used / SECTORS_PER_TIB);
}

/** Grows (buys hardware; seals committed capacity when it pays), or holds. */
function grow(x: DecisionContext, p: number, tally: DecisionTally): void {
  const { pr, cfg } = x;
  const ccPays = pr.expectCc[p]! > pr.hurdle[p]!;
  const dealsPay = pr.refusedTib[p]! > 0 && pr.expectVerified[p]! > pr.hurdle[p]!;
  if (!ccPays && !dealsPay) return;
  const step = Math.max(cfg.growthPerReview * pr.capacityTib[p]!, pr.sealPerDay[p]! / SECTORS_PER_TIB);
  const add = dealsPay && !ccPays ? Math.min(step, Math.max(pr.refusedTib[p]!, pr.sealPerDay[p]! / SECTORS_PER_TIB)) : step;
  buyHardware(pr, p, add);
  tally.growths++;
  if (ccPays) {
    const sectors = Math.floor(freeTib(x, p) * SECTORS_PER_TIB);
    if (sectors > 0) enqueue(x.sealing, p, KIND_CC, -1, sectors, -1);
  }
}

/** Extends provider p's committed capacity expiring before its next review when keeping it clears the hurdle. */
function extendExpiring(x: DecisionContext, p: number, until: number, tally: DecisionTally): void {
  const { s, pr, cfg } = x;
  for (let c = s.head[p]!; c >= 0; c = s.next[c]!) {
    if (!s.alive[c] || s.kind[c] !== KIND_CC || s.expirationDay[c]! > until || s.expirationDay[c]! <= x.day) continue;
    const pledgePerTib = toFil(ipPerSector(s, c)) * SECTORS_PER_TIB;
    if (returnOnKeepingTib(pr, cfg, p, x.econ, pledgePerTib) <= pr.hurdle[p]!) continue;
    const target = Math.min(s.expirationDay[c]! + cfg.ccSectorDays, s.activationDay[c]! + MAX_LIFETIME_DAYS);
    if (target <= s.expirationDay[c]!) continue;
    extendCohort(s, c, Math.round(target));
    tally.sectorsExtended += liveSectors(s, c);
  }
}

/** Moves the asks: up after refusing data for lack of room, down when idle with room. */
function reprice(x: DecisionContext, p: number): void {
  const { pr, cfg } = x;
  const up = pr.refusedTib[p]! > 0;
  const idle = pr.takenTib[p]! === 0 && freeTib(x, p) > 0;
  const move = (a: number) => (up ? Math.max(a * (1 + cfg.askStep), cfg.askStep * cfg.initialAskFilPerTibYear) : idle ? a * (1 - cfg.askStep) : a);
  const clean = (a: number) => (a < 1e-6 ? 0 : a);
  pr.ask[p] = clean(move(pr.ask[p]!));
  pr.askVerified[p] = clean(move(pr.askVerified[p]!));
}

/** Starts provider p's exit: no deals, no sealing, and each cohort terminated now if that costs less than keeping it. */
export function startExit(x: DecisionContext, p: number, tally: DecisionTally): void {
  const { pr, s } = x;
  pr.status[p] = PROVIDER_EXITING;
  // Deals still sealing drop their unsealed pieces at their start day (deal-market.ts).
  cancelAll(x.sealing, p);
  tally.exits++;
  const lossPerSectorDay = Math.max(0, -operatingMarginPerTibYear(x, p)) / SECTORS_PER_TIB / 365;
  for (let c = s.head[p]!; c >= 0; c = s.next[c]!) {
    const live = liveSectors(s, c);
    if (live === 0) continue;
    const keepLossUsd = lossPerSectorDay * live * (s.expirationDay[c]! - x.day);
    const feeUsd = toFil(terminationFee(s, c, live, x.day, x.basis)) * x.econ.filUsd;
    if (feeUsd < keepLossUsd) tally.sectorsTerminated += terminateCohort(s, c, x.day, x.basis, x.l, x.v, x.deals, pr, x.burn).sectors;
  }
}

/** USD per TiB-year of keeping committed capacity running: rewards less opex and gas (no pledge, no hardware). */
function operatingMarginPerTibYear(x: DecisionContext, p: number): number {
  const e = x.econ;
  const reward = e.networkQaTib > 0 ? (e.rewardPerEpochFil * 365 * EPOCHS_IN_DAY) / e.networkQaTib : 0;
  return (reward - x.cfg.gasFilPerTibYear) * e.filUsd - x.pr.opexPerTibYear[p]!;
}

/**
 * An exiting provider with nothing left closes: its loan is repaid as far as its FIL goes (the rest is written off by
 * the lenders), its FIL sold to holders, its hardware resold at `hardwareResaleShare`. Returns the USD it gets back
 * for the hardware.
 */
export function closeProvider(x: DecisionContext, p: number, tally: DecisionTally): number {
  const { pr, l } = x;
  repayPool(l, p, accountOf(l.borrowed, p));
  const rest = accountOf(l.borrowed, p);
  if (rest > 0n) {
    // Written off: the lenders' claim goes, no FIL moves.
    l.borrowed.hi[p] = 0;
    l.borrowed.lo[p] = 0;
    l.borrowed.overflow.delete(p);
    l.borrowedTotal -= rest;
  }
  const avail = accountBalance(l, AVAILABLE, p);
  if (avail > 0n) sellToHolders(l, p, avail);
  const resale = pr.hardwareUsd[p]! * x.cfg.hardwareResaleShare;
  tally.hardwareLossUsd += pr.hardwareUsd[p]! - resale;
  pr.hardwareUsd[p] = 0;
  pr.capacityTib[p] = 0;
  pr.status[p] = PROVIDER_OFF;
  return resale;
}

/** Whether an exiting provider has nothing left (no sectors, nothing sealing, nothing pending, no locked FIL). */
export function exitDone(x: DecisionContext, p: number): boolean {
  if (x.s.provRaw[p] !== 0 || x.sealing.queued[p] !== 0 || x.pr.pendingSectors[p] !== 0) return false;
  for (const kind of [PLEDGE, VESTING, PRECOMMIT, COLLATERAL]) if (accountBalance(x.l, kind, p) !== 0n) return false;
  return true;
}

/** Provider p's review on `x.day`. */
export function reviewProvider(x: DecisionContext, p: number, tally: DecisionTally): void {
  const { pr, cfg } = x;
  observeReturns(x, p);
  const operating = pr.opIncomeUsd[p]!;
  pr.lossStreak[p] = operating < 0 ? pr.lossStreak[p]! + 1 : 0;
  if (pr.status[p] === PROVIDER_ACTIVE) {
    if (pr.lossStreak[p]! >= cfg.exitAfterReviews) startExit(x, p, tally);
    else {
      grow(x, p, tally);
      extendExpiring(x, p, x.day + cfg.reviewDays + 1, tally);
      reprice(x, p);
    }
  }
  // Spare FIL repays the loan.
  if (accountOf(x.l.borrowed, p) > 0n) repayPool(x.l, p, accountBalance(x.l, AVAILABLE, p));
  pr.refusedTib[p] = 0;
  pr.takenTib[p] = 0;
  pr.opIncomeUsd[p] = 0;
  pr.deprUsd[p] = 0;
  pr.lastReview[p] = x.day;
}

/**
 * A candidate outside the network reviews: it enters when committed capacity, or verified deals while clients go
 * unserved, clear its hurdle — buying its hardware and sealing committed capacity when that pays.
 */
export function reviewCandidate(x: DecisionContext, p: number, demandUnserved: boolean, tally: DecisionTally): void {
  const { pr } = x;
  observeReturns(x, p);
  const ccPays = pr.expectCc[p]! > pr.hurdle[p]!;
  const dealsPay = demandUnserved && pr.expectVerified[p]! > pr.hurdle[p]!;
  if (!ccPays && !dealsPay) return;
  const tib = pr.capacityTib[p]!;
  pr.capacityTib[p] = 0;
  buyHardware(pr, p, tib);
  pr.status[p] = PROVIDER_ACTIVE;
  tally.entries++;
  if (ccPays) enqueue(x.sealing, p, KIND_CC, -1, Math.floor(tib * SECTORS_PER_TIB), -1);
}
