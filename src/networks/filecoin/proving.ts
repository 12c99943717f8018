import type { RandomStream } from '../../engine/rng.ts';
import type { FilecoinCounters } from './counters.ts';
import { cutPieces, type Deals } from './deal-market.ts';
import { ATTO_PAIR, sectorsToBytes, toFil } from './fil.ts';
import { AVAILABLE, chargePenalty, type Ledger, moveWithin, PLEDGE } from './ledger.ts';
import {
  EPOCHS_IN_DAY,
  type FilterEstimate,
  faultExpired,
  pledgePenaltyForContinuedFault,
  pledgePenaltyForTermination,
  SECTOR_SIZE_32GIB,
  WPOST_PERIOD_DEADLINES,
} from './protocol.ts';
import type { Providers } from './providers.ts';
import { liveSectors, removeCohort, removeDeadline, type Sectors, setFault } from './sectors.ts';
import type { Vesting } from './vesting.ts';

/**
 * WindowPoSt, once per proving period (a day), deadline by deadline, and the end of sectors: a healthy deadline's
 * proof fails with the provider's fault probability (its power is removed; a newly detected fault pays nothing, miner
 * `lib.rs`); a faulty deadline recovers with the provider's daily repair probability, or pays the continued fault fee
 * BR(3.51 days) on its QA power (`pledge_penalty_for_continued_fault`); 42 proving periods after detection its
 * sectors are terminated (`FAULT_MAX_AGE`) and pay the termination fee (FIP-0098). Terminations release the sectors'
 * pledge and cut the deals they carry; expirations release the pledge.
 */
const DEADLINES = WPOST_PERIOD_DEADLINES;
/** Smoothing of the reliability clients see: about a month of proving periods. */
const RELIABILITY_MEMORY_DAYS = 30;

/** The smoothed estimates penalties are computed from (the reward and power actors' filters). */
export interface PenaltyBasis {
  readonly reward: FilterEstimate;
  readonly power: FilterEstimate;
}

export interface Termination {
  /** Penalties charged (attoFIL) and sectors removed. */
  fee: bigint;
  sectors: number;
}

/** IP per sector of cohort c (attoFIL). */
export function ipPerSector(s: Sectors, c: number): bigint {
  return BigInt(s.ipHi[c]!) * ATTO_PAIR.unit + BigInt(s.ipLo[c]!);
}

/**
 * The termination fee of `n` sectors of cohort c on `day`: per sector, pledge_penalty_for_termination of its pledge,
 * age and fault fee (BR(3.51 days) on its QA power), as the actor sums per sector.
 */
export function terminationFee(s: Sectors, c: number, n: number, day: number, basis: PenaltyBasis): bigint {
  const qa = SECTOR_SIZE_32GIB * BigInt(s.quality[c]!);
  const ff = pledgePenaltyForContinuedFault(basis.reward, basis.power, qa);
  const ageEpochs = Math.max(0, Math.round((day - s.activationDay[c]!) * EPOCHS_IN_DAY));
  return BigInt(n) * pledgePenaltyForTermination(ipPerSector(s, c), ageEpochs, ff);
}

/** Removes `n` sectors of cohort c from its provider's books: pledge back to available, the fee charged, deals cut. */
function settleRemoved(
  s: Sectors,
  c: number,
  n: number,
  fee: bigint,
  day: number,
  l: Ledger,
  v: Vesting,
  deals: Deals,
  pr: Providers,
  burn: (p: number, amount: bigint) => void,
): void {
  const p = s.provider[c]!;
  moveWithin(l, p, PLEDGE, AVAILABLE, ipPerSector(s, c) * BigInt(n));
  if (fee > 0n) {
    chargePenalty(l, v, p, fee);
    pr.filSpent[p] = pr.filSpent[p]! + toFil(fee);
  }
  if (s.deal[c]! >= 0) cutPieces(deals, l, s.deal[c]!, n, day, burn);
}

/** Terminates every live sector of cohort c (a provider's decision, or a deadline's fault age); returns fee and sectors. */
export function terminateCohort(
  s: Sectors,
  c: number,
  day: number,
  basis: PenaltyBasis,
  l: Ledger,
  v: Vesting,
  deals: Deals,
  pr: Providers,
  burn: (p: number, amount: bigint) => void,
): Termination {
  const live = liveSectors(s, c);
  if (live === 0) return { fee: 0n, sectors: 0 };
  const fee = terminationFee(s, c, live, day, basis);
  removeCohort(s, c);
  settleRemoved(s, c, live, fee, day, l, v, deals, pr, burn);
  return { fee, sectors: live };
}

/** Terminates provider p's sectors in deadline d (fault expired): every cohort loses its sectors there. */
function terminateDeadline(
  s: Sectors,
  p: number,
  d: number,
  day: number,
  basis: PenaltyBasis,
  l: Ledger,
  v: Vesting,
  deals: Deals,
  pr: Providers,
  burn: (p: number, amount: bigint) => void,
): Termination {
  const t: Termination = { fee: 0n, sectors: 0 };
  for (let c = s.head[p]!; c >= 0; c = s.next[c]!) {
    if (!s.alive[c]) continue;
    const n = removeDeadline(s, c, d);
    if (n === 0) continue;
    const fee = terminationFee(s, c, n, day, basis);
    settleRemoved(s, c, n, fee, day, l, v, deals, pr, burn);
    t.fee += fee;
    t.sectors += n;
  }
  setFault(s, p, d, -1);
  return t;
}

export type ProvingTally = Pick<FilecoinCounters, 'deadlinesDue' | 'deadlinesMissed' | 'faultFees' | 'terminationFees' | 'sectorsTerminated'>;

/**
 * The proving period ending at the close of `day` for provider p: each deadline with sectors proves or not. The
 * deadline's epoch is the day's end; a fault detected on day f expires when `faultExpired(end of day f, …)`.
 */
export function proveDay(
  s: Sectors,
  p: number,
  day: number,
  rng: RandomStream,
  basis: PenaltyBasis,
  l: Ledger,
  v: Vesting,
  deals: Deals,
  pr: Providers,
  tally: ProvingTally,
  burn: (p: number, amount: bigint) => void,
): void {
  if (!(s.provRaw[p]! > 0)) return;
  const q = pr.faultProb[p]!;
  const recover = pr.recoverProb[p]!;
  const base = p * DEADLINES;
  let due = 0;
  let missed = 0;
  for (let d = 0; d < DEADLINES; d++) {
    const k = base + d;
    if (!(s.liveRaw[k]! > 0)) {
      if (s.faultSince[k]! >= 0) setFault(s, p, d, -1);
      continue;
    }
    due++;
    const since = s.faultSince[k]!;
    if (since < 0) {
      if (q > 0 && rng.next() < q) {
        setFault(s, p, d, day);
        missed++;
      }
      continue;
    }
    if (faultExpired((since + 1) * EPOCHS_IN_DAY, (day + 1) * EPOCHS_IN_DAY)) {
      const t = terminateDeadline(s, p, d, day, basis, l, v, deals, pr, burn);
      tally.terminationFees += t.fee;
      tally.sectorsTerminated += t.sectors;
      missed++;
      continue;
    }
    if (rng.next() < recover) {
      setFault(s, p, d, -1);
      continue;
    }
    // Still faulty through this proving period: the continued fault fee on the deadline's QA power.
    const ff = pledgePenaltyForContinuedFault(basis.reward, basis.power, sectorsToBytes(s.liveQa[k]!));
    chargePenalty(l, v, p, ff);
    pr.filSpent[p] = pr.filSpent[p]! + toFil(ff);
    tally.faultFees += ff;
    missed++;
  }
  tally.deadlinesDue += due;
  tally.deadlinesMissed += missed;
  if (due > 0) pr.reliability[p] = pr.reliability[p]! + (1 - missed / due - pr.reliability[p]!) / RELIABILITY_MEMORY_DAYS;
}

/** Cohorts that expire on `day`: their sectors leave and their pledge returns to available. */
export function expireCohorts(s: Sectors, day: number, l: Ledger): number {
  const list = s.expiring.get(day);
  if (!list) return 0;
  let sectors = 0;
  for (const c of list) {
    if (!s.alive[c] || s.expirationDay[c] !== day) continue;
    const n = removeCohort(s, c);
    moveWithin(l, s.provider[c]!, PLEDGE, AVAILABLE, ipPerSector(s, c) * BigInt(n));
    sectors += n;
  }
  s.expiring.delete(day);
  return sectors;
}
