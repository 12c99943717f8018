import { getPair, type PairColumns, pairUnit, setPair } from '../../engine/fixed-point-pairs.ts';
import { SECTOR_SIZE_32GIB } from './protocol.ts';

/**
 * The FIL ledger's vocabulary. Amounts are exact attoFIL. Totals are `bigint`; the amounts of many providers live in
 * pair columns (src/engine/fixed-point-pairs.ts) with unit 10^12 attoFIL, so `hi` counts micro-FIL and every
 * provider account is exact without a bigint per provider on the heap.
 */
export const ATTO_PAIR = pairUnit(10n ** 12n);

/** attoFIL as a double in FIL (for metrics and decisions; never for the ledger). */
export function toFil(atto: bigint): number {
  return Number(atto / 1_000_000_000n) / 1e9;
}

/** Whole micro-FIL of a FIL amount given as a double, as attoFIL (what a decision in FIL books on the ledger). */
export function fromFil(fil: number): bigint {
  if (!(fil >= 0) || !Number.isFinite(fil)) throw new RangeError(`fromFil: ${fil} is not a finite amount >= 0`);
  return BigInt(Math.round(fil * 1e6)) * 10n ** 12n;
}

/** The smaller of two amounts (Math.min does not take bigints). */
export function minAtto(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

/** Bytes per TiB, per EiB; 32 GiB sectors per TiB. */
export const TIB = 1n << 40n;
export const EIB = 1n << 60n;
export const SECTORS_PER_TIB = Number(TIB / SECTOR_SIZE_32GIB);

/** A sector count (an integer-valued double) as bytes of raw power. */
export function sectorsToBytes(sectors: number): bigint {
  return BigInt(sectors) * SECTOR_SIZE_32GIB;
}

/** Bytes as EiB (double). */
export function bytesToEib(bytes: bigint): number {
  return Number(bytes / (1n << 40n)) / 1_048_576;
}

/** Exact attoFIL accounts of `n` agents, one pair per agent. */
export function createAccounts(n: number): PairColumns {
  return { hi: new Float64Array(n), lo: new Float64Array(n), overflow: new Map() };
}

export function accountOf(c: PairColumns, i: number): bigint {
  return getPair(c, i, ATTO_PAIR);
}

/** Adds `delta` (may be negative) to account i. @throws {RangeError} when the account would go negative. */
export function addToAccount(c: PairColumns, i: number, delta: bigint): void {
  if (delta === 0n) return;
  const v = getPair(c, i, ATTO_PAIR) + delta;
  if (v < 0n) throw new RangeError(`FIL ledger: account ${i} would go negative (${v} attoFIL)`);
  setPair(c, i, v, ATTO_PAIR);
}
