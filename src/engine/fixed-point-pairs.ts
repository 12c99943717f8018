/**
 * Exact fixed-point integers held as pairs of doubles, so that a shard can keep a million token amounts in
 * typed-array columns (no BigInt per agent on the heap) and post them to a market as Float64Arrays.
 *
 * A pair (hi, lo) stands for v = hi · unit + lo, with both parts integers well inside 2^53, so every double involved
 * is exact. The unit is chosen per quantity, in the token's base unit: Livepeer keeps LPT amounts in wei with a unit
 * of 10^12 wei (hi counts micro-LPT) and LIP-36 reward factors (1e27 fixed point) with a unit of 10^15; attoFIL
 * (10^−18 FIL) and Maker's WAD (10^18) and RAY (10^27) fixed-point numbers fit the same way. A non-negative value too
 * large for a pair (hi above 2^53 − 1) is marked by hi = NaN: a column keeps it as a bigint on the side, a published
 * pair leaves it to a decimal string next to it.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The unit of a kind of pair; make one with `pairUnit` (which checks it). */
export interface PairUnit {
  /** v = hi · unit + lo, in the quantity's base unit (e.g. wei). */
  readonly unit: bigint;
}

/** A pair unit: 1 ≤ unit ≤ 2^53, so that every lo (0 ≤ |lo| < unit) is an exact double. */
export function pairUnit(unit: bigint): PairUnit {
  if (!(unit >= 1n && unit <= 2n ** 53n)) throw new RangeError(`pair unit must be an integer from 1 to 2^53, got ${unit}`);
  return { unit };
}

/** Exact non-negative integers indexed by slot: two Float64Array columns (hi, lo) and a map for the few too large. */
export interface PairColumns {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly overflow: Map<number, bigint>;
}

/** The integer at hi[at] · unit + lo[at] (lo === 0 is the common case and skips one BigInt). */
export function joinPair(hi: number, lo: number, u: PairUnit): bigint {
  return lo === 0 ? BigInt(hi) * u.unit : BigInt(hi) * u.unit + BigInt(lo);
}

/** The value in slot i. */
export function getPair(c: PairColumns, i: number, u: PairUnit): bigint {
  const hi = c.hi[i]!;
  if (Number.isNaN(hi)) return c.overflow.get(i)!; // NaN: kept on the side
  return joinPair(hi, c.lo[i]!, u);
}

/** Sets slot i to v ≥ 0. @throws {RangeError} for a negative v */
export function setPair(c: PairColumns, i: number, v: bigint, u: PairUnit): void {
  if (v < 0n) throw new RangeError(`fixed-point pairs: negative amount ${v} for slot ${i}`);
  const hi = v / u.unit;
  if (hi > MAX_SAFE) {
    c.hi[i] = NaN;
    c.lo[i] = 0;
    c.overflow.set(i, v);
    return;
  }
  if (c.overflow.size > 0) c.overflow.delete(i);
  c.hi[i] = Number(hi);
  c.lo[i] = Number(v - hi * u.unit);
}

/** Sets slot i to a whole number of units, given as an integer-valued double ≥ 0 (no BigInt when it fits). */
export function setPairUnits(c: PairColumns, i: number, units: number, u: PairUnit): void {
  if (units <= Number.MAX_SAFE_INTEGER) {
    if (c.overflow.size > 0) c.overflow.delete(i);
    c.hi[i] = units;
    c.lo[i] = 0;
  } else setPair(c, i, BigInt(units) * u.unit, u);
}

/**
 * Writes v ≥ 0 as the pair at out[at], out[at + 1]; when it does not fit, writes hi = NaN (the value then travels
 * as a decimal string beside the array).
 */
export function splitPair(v: bigint, out: Float64Array, at: number, u: PairUnit): void {
  const hi = v / u.unit;
  if (hi > MAX_SAFE) {
    out[at] = NaN;
    out[at + 1] = 0;
    return;
  }
  out[at] = Number(hi);
  out[at + 1] = Number(v - hi * u.unit);
}

/** Largest |hi| a signed pair may have (writeSignedPair), so that sums of up to 512 pairs stay exact. */
export const PAIR_HI_LIMIT = 2 ** 43;
const PAIR_HI_LIMIT_BIG = BigInt(PAIR_HI_LIMIT);

/**
 * Writes a signed v as a pair (both parts with v's sign) at out[at], out[at + 1]; returns false, writing nothing,
 * when |hi| would exceed PAIR_HI_LIMIT (the caller then sends v another way).
 */
export function writeSignedPair(v: bigint, out: Float64Array, at: number, u: PairUnit): boolean {
  const hi = v / u.unit;
  if (hi > PAIR_HI_LIMIT_BIG || hi < -PAIR_HI_LIMIT_BIG) return false;
  out[at] = Number(hi);
  out[at + 1] = Number(v - hi * u.unit);
  return true;
}

/** The pair at arr[at], arr[at + 1] as a bigint. */
export function readPair(arr: Float64Array, at: number, u: PairUnit): bigint {
  return joinPair(arr[at]!, arr[at + 1]!, u);
}

/**
 * How many pairs written by writeSignedPair `addPairs` may add into one accumulator and stay exact: every partial
 * sum of his is at most n · 2^43 and of los below n · unit, both of which must stay within 2^53.
 */
export function maxExactPairSum(u: PairUnit): number {
  return Math.min(512, Math.floor(2 ** 53 / Number(u.unit)));
}

/** acc[k] += d[k] for k < n: pairs added part by part, exact for up to maxExactPairSum(unit) additions. */
export function addPairs(acc: Float64Array, d: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) acc[k] = acc[k]! + d[k]!;
}
