import { WPOST_PERIOD_DEADLINES } from './protocol.ts';

/**
 * Sectors, in cohorts: the 32 GiB sectors a provider committed together (one prove-commit batch, or the sectors of
 * one client's deal), with one activation, one expiration, one quality and one initial pledge per sector. A cohort's
 * sectors are spread over the provider's 48 proving deadlines as the miner actor spreads new sectors: sector k goes
 * to deadline (offset + k) mod 48. When a deadline's sectors are terminated (42 days faulty) the cohort loses exactly
 * its sectors in that deadline (a bit in `removed`). Power is kept per provider and deadline, so proving works on a
 * provider's 48 deadlines and never walks its sectors.
 *
 * Quality is the sector's QA multiple (1 for committed capacity and unverified deals, 10 for Fil+ verified data:
 * `qa_power_for_weight` of a sector whose whole space-time is of one kind), so QA power is counted in 32 GiB
 * sector-equivalents, exact in doubles.
 */
export const KIND_CC = 0;
export const KIND_DEAL = 1;
export const KIND_VERIFIED = 2;
const DEADLINES = WPOST_PERIOD_DEADLINES;

export interface Sectors {
  n: number;
  provider: Int32Array;
  count: Float64Array;
  quality: Uint8Array;
  kind: Uint8Array;
  /** Activation day and expiration day (days since t = 0; the expiration day is the first day without it). */
  activationDay: Float64Array;
  expirationDay: Float64Array;
  /** Initial pledge per sector, attoFIL as a pair (hi · 10^12 + lo). */
  ipHi: Float64Array;
  ipLo: Float64Array;
  offset: Uint8Array;
  /** Deadlines whose sectors were terminated (bits 0-31 and 32-47). */
  removedLo: Uint32Array;
  removedHi: Uint32Array;
  /** The deal the cohort stores (-1 for committed capacity). */
  deal: Int32Array;
  alive: Uint8Array;
  /** Next cohort of the same provider (-1 ends the list). */
  next: Int32Array;
  /** Per provider: its first cohort, and the deadline offset of its next cohort. */
  readonly head: Int32Array;
  readonly nextOffset: Uint8Array;
  /** Per provider and deadline (p · 48 + d): live sectors and QA sector-equivalents (faulty ones included). */
  readonly liveRaw: Float64Array;
  readonly liveQa: Float64Array;
  /** Per provider and deadline: the day its fault was detected, -1 when healthy. */
  readonly faultSince: Float64Array;
  /** Per provider: live sectors and QA, and the faulty part of them. */
  readonly provRaw: Float64Array;
  readonly provQa: Float64Array;
  readonly faultyRaw: Float64Array;
  readonly faultyQa: Float64Array;
  /** Per provider: live verified-deal sectors (for the Fil+ share). */
  readonly verifiedRaw: Float64Array;
  /** Cohorts by expiration day. */
  readonly expiring: Map<number, number[]>;
}

export function createSectors(providers: number, capacity = 1024): Sectors {
  const c = Math.max(16, capacity);
  return {
    n: 0,
    provider: new Int32Array(c),
    count: new Float64Array(c),
    quality: new Uint8Array(c),
    kind: new Uint8Array(c),
    activationDay: new Float64Array(c),
    expirationDay: new Float64Array(c),
    ipHi: new Float64Array(c),
    ipLo: new Float64Array(c),
    offset: new Uint8Array(c),
    removedLo: new Uint32Array(c),
    removedHi: new Uint32Array(c),
    deal: new Int32Array(c),
    alive: new Uint8Array(c),
    next: new Int32Array(c),
    head: new Int32Array(providers).fill(-1),
    nextOffset: new Uint8Array(providers),
    liveRaw: new Float64Array(providers * DEADLINES),
    liveQa: new Float64Array(providers * DEADLINES),
    faultSince: new Float64Array(providers * DEADLINES).fill(-1),
    provRaw: new Float64Array(providers),
    provQa: new Float64Array(providers),
    faultyRaw: new Float64Array(providers),
    faultyQa: new Float64Array(providers),
    verifiedRaw: new Float64Array(providers),
    expiring: new Map(),
  };
}

function grow(s: Sectors): void {
  const c = s.provider.length * 2;
  const g = <T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(c);
    b.set(a);
    return b;
  };
  s.provider = g(s.provider);
  s.count = g(s.count);
  s.quality = g(s.quality);
  s.kind = g(s.kind);
  s.activationDay = g(s.activationDay);
  s.expirationDay = g(s.expirationDay);
  s.ipHi = g(s.ipHi);
  s.ipLo = g(s.ipLo);
  s.offset = g(s.offset);
  s.removedLo = g(s.removedLo);
  s.removedHi = g(s.removedHi);
  s.deal = g(s.deal);
  s.alive = g(s.alive);
  s.next = g(s.next);
}

/** Sectors of a cohort of `count` with `offset` that fall in deadline d (before any removal). */
export function sectorsInDeadline(count: number, offset: number, d: number): number {
  const k = (d - offset + DEADLINES) % DEADLINES;
  return k < count ? Math.floor((count - 1 - k) / DEADLINES) + 1 : 0;
}

export function isRemoved(s: Sectors, c: number, d: number): boolean {
  return d < 32 ? (s.removedLo[c]! & (1 << d)) !== 0 : (s.removedHi[c]! & (1 << (d - 32))) !== 0;
}

function markRemoved(s: Sectors, c: number, d: number): void {
  if (d < 32) s.removedLo[c] = (s.removedLo[c]! | (1 << d)) >>> 0;
  else s.removedHi[c] = (s.removedHi[c]! | (1 << (d - 32))) >>> 0;
}

/** Live sectors of cohort c in deadline d. */
export function liveInDeadline(s: Sectors, c: number, d: number): number {
  return s.alive[c] && !isRemoved(s, c, d) ? sectorsInDeadline(s.count[c]!, s.offset[c]!, d) : 0;
}

/** Live sectors of cohort c. */
export function liveSectors(s: Sectors, c: number): number {
  if (!s.alive[c]) return 0;
  if (s.removedLo[c] === 0 && s.removedHi[c] === 0) return s.count[c]!;
  let n = 0;
  for (let d = 0; d < DEADLINES; d++) n += liveInDeadline(s, c, d);
  return n;
}

/** Moves `sectors` (quality q, verified or not) of provider p's deadline d in or out of the power tallies. */
function tally(s: Sectors, p: number, d: number, sectors: number, q: number, verified: boolean): void {
  const k = p * DEADLINES + d;
  s.liveRaw[k] = s.liveRaw[k]! + sectors;
  s.liveQa[k] = s.liveQa[k]! + sectors * q;
  s.provRaw[p] = s.provRaw[p]! + sectors;
  s.provQa[p] = s.provQa[p]! + sectors * q;
  if (verified) s.verifiedRaw[p] = s.verifiedRaw[p]! + sectors;
  if (s.faultSince[k]! >= 0) {
    s.faultyRaw[p] = s.faultyRaw[p]! + sectors;
    s.faultyQa[p] = s.faultyQa[p]! + sectors * q;
  }
}

export interface NewCohort {
  readonly provider: number;
  readonly count: number;
  readonly quality: number;
  readonly kind: number;
  readonly activationDay: number;
  readonly expirationDay: number;
  readonly ipHi: number;
  readonly ipLo: number;
  readonly deal: number;
}

/**
 * Adds a cohort to provider p's sectors, spread over its deadlines from the provider's next offset; returns its id.
 * Sectors that land in a faulty deadline count as faulty until it recovers (faults are per deadline here).
 */
export function addCohort(s: Sectors, c: NewCohort): number {
  if (!(c.count > 0) || !Number.isInteger(c.count)) throw new RangeError(`sectors: a cohort needs a whole number of sectors, got ${c.count}`);
  if (s.n === s.provider.length) grow(s);
  const id = s.n++;
  const p = c.provider;
  s.provider[id] = p;
  s.count[id] = c.count;
  s.quality[id] = c.quality;
  s.kind[id] = c.kind;
  s.activationDay[id] = c.activationDay;
  s.expirationDay[id] = c.expirationDay;
  s.ipHi[id] = c.ipHi;
  s.ipLo[id] = c.ipLo;
  const off = s.nextOffset[p]!;
  s.offset[id] = off;
  s.nextOffset[p] = (off + (c.count % DEADLINES)) % DEADLINES;
  s.removedLo[id] = 0;
  s.removedHi[id] = 0;
  s.deal[id] = c.deal;
  s.alive[id] = 1;
  s.next[id] = s.head[p]!;
  s.head[p] = id;
  const verified = c.kind === KIND_VERIFIED;
  for (let d = 0; d < DEADLINES; d++) {
    const n = sectorsInDeadline(c.count, off, d);
    if (n > 0) tally(s, p, d, n, c.quality, verified);
  }
  const list = s.expiring.get(c.expirationDay);
  if (list) list.push(id);
  else s.expiring.set(c.expirationDay, [id]);
  return id;
}

/** Removes cohort c's sectors in deadline d (termination); returns how many were removed. */
export function removeDeadline(s: Sectors, c: number, d: number): number {
  const n = liveInDeadline(s, c, d);
  if (n === 0) return 0;
  tally(s, s.provider[c]!, d, -n, s.quality[c]!, s.kind[c] === KIND_VERIFIED);
  markRemoved(s, c, d);
  return n;
}

/** Removes all of cohort c's live sectors (expiration or voluntary termination); returns how many were removed. */
export function removeCohort(s: Sectors, c: number): number {
  if (!s.alive[c]) return 0;
  let n = 0;
  for (let d = 0; d < DEADLINES; d++) n += removeDeadline(s, c, d);
  s.alive[c] = 0;
  return n;
}

/** Marks provider p's deadline d faulty (detected on `day`) or healthy (-1), moving its power in or out of the faulty tallies. */
export function setFault(s: Sectors, p: number, d: number, day: number): void {
  const k = p * DEADLINES + d;
  const was = s.faultSince[k]! >= 0;
  const now = day >= 0;
  s.faultSince[k] = day;
  if (was === now) return;
  const sign = now ? 1 : -1;
  s.faultyRaw[p] = s.faultyRaw[p]! + sign * s.liveRaw[k]!;
  s.faultyQa[p] = s.faultyQa[p]! + sign * s.liveQa[k]!;
}

/** Provider p's power that proves (live and not faulty), in sectors and QA sector-equivalents. */
export function provenRaw(s: Sectors, p: number): number {
  return s.provRaw[p]! - s.faultyRaw[p]!;
}
export function provenQa(s: Sectors, p: number): number {
  return s.provQa[p]! - s.faultyQa[p]!;
}

/** Moves cohort c's expiration to `day` (a sector extension). */
export function extendCohort(s: Sectors, c: number, day: number): void {
  const old = s.expiring.get(s.expirationDay[c]!);
  if (old) {
    const at = old.indexOf(c);
    if (at >= 0) old.splice(at, 1);
  }
  s.expirationDay[c] = day;
  const list = s.expiring.get(day);
  if (list) list.push(c);
  else s.expiring.set(day, [c]);
}
