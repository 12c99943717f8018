/**
 * Exact wei amounts held in pairs of doubles, so that a shard can keep a million of them in typed-array columns
 * (no per-holder BigInt on the heap): v = hi * AMOUNT_UNIT + lo, hi counting micro-LPT and lo the wei below, both
 * integers well inside 2^53, so every double involved is exact. A holding too large for a pair (over 9e9 LPT) is kept
 * as a bigint on the side, marked by hi = NaN.
 */

/** 10^12 wei: hi counts micro-LPT, which is also the unit of holdings at t = 0 (so they need no bigint work). */
export const AMOUNT_UNIT = 10n ** 12n;
const MAX_HI = BigInt(Number.MAX_SAFE_INTEGER);

/** Exact non-negative amounts indexed by slot: two Float64Array columns and an overflow map. */
export interface ExactAmounts {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly overflow: Map<number, bigint>;
}

export function getAmount(a: ExactAmounts, i: number): bigint {
  const hi = a.hi[i]!;
  if (Number.isNaN(hi)) return a.overflow.get(i)!; // NaN: kept on the side
  const lo = a.lo[i]!;
  return lo === 0 ? BigInt(hi) * AMOUNT_UNIT : BigInt(hi) * AMOUNT_UNIT + BigInt(lo);
}

export function setAmount(a: ExactAmounts, i: number, v: bigint): void {
  if (v < 0n) throw new RangeError(`livepeer ledger: negative amount ${v} for slot ${i}`);
  const hi = v / AMOUNT_UNIT;
  if (hi > MAX_HI) {
    a.hi[i] = NaN;
    a.lo[i] = 0;
    a.overflow.set(i, v);
    return;
  }
  if (a.overflow.size > 0) a.overflow.delete(i);
  a.hi[i] = Number(hi);
  a.lo[i] = Number(v - hi * AMOUNT_UNIT);
}

/** Sets an amount given in micro-LPT (an integer-valued double, as holderAtStart draws it). */
export function setMicroLpt(a: ExactAmounts, i: number, micro: number): void {
  if (micro <= Number.MAX_SAFE_INTEGER) {
    if (a.overflow.size > 0) a.overflow.delete(i);
    a.hi[i] = micro;
    a.lo[i] = 0;
  } else setAmount(a, i, BigInt(micro) * AMOUNT_UNIT);
}

/**
 * Σ of non-negative integer-valued doubles (micro-LPT), exact: partial sums stay below 2^53 and are flushed into a
 * bigint before they could round.
 */
export class ExactMicroSum {
  private acc = 0;
  private big = 0n;
  add(x: number): void {
    if (x >= 2 ** 52) {
      this.big += BigInt(x);
      return;
    }
    this.acc += x;
    if (this.acc >= 2 ** 52) {
      this.big += BigInt(this.acc);
      this.acc = 0;
    }
  }
  /** The sum in wei. */
  wei(): bigint {
    return (this.big + BigInt(this.acc)) * AMOUNT_UNIT;
  }
}

/** Unit of the published cumulative reward factors (1e27 fixed point) as pairs: hi counts 10^15. */
export const FACTOR_UNIT = 10n ** 15n;

/** Writes factor c as the pair at out[2j], out[2j + 1] (hi = NaN when it does not fit: then it goes as a string). */
export function splitFactor(c: bigint, out: Float64Array, j: number): void {
  const hi = c / FACTOR_UNIT;
  if (hi > MAX_HI) {
    out[2 * j] = NaN;
    out[2 * j + 1] = 0;
    return;
  }
  out[2 * j] = Number(hi);
  out[2 * j + 1] = Number(c - hi * FACTOR_UNIT);
}

/** The factor of a pair written by splitFactor. */
export function joinFactor(hi: number, lo: number): bigint {
  return lo === 0 ? BigInt(hi) * FACTOR_UNIT : BigInt(hi) * FACTOR_UNIT + BigInt(lo);
}

/** Largest |hi| a posted pair may have, so that the sum of up to 512 of them stays exact. */
export const PAIR_HI_LIMIT = 2 ** 43;
const PAIR_HI_LIMIT_BIG = BigInt(PAIR_HI_LIMIT);

/**
 * Writes a signed amount as a pair (unit AMOUNT_UNIT, both parts with v's sign) at out[at], out[at + 1]; returns
 * false (writing nothing) when |hi| would exceed PAIR_HI_LIMIT.
 */
export function writePair(v: bigint, out: Float64Array, at: number): boolean {
  const hi = v / AMOUNT_UNIT;
  if (hi > PAIR_HI_LIMIT_BIG || hi < -PAIR_HI_LIMIT_BIG) return false;
  out[at] = Number(hi);
  out[at + 1] = Number(v - hi * AMOUNT_UNIT);
  return true;
}

/** The pair at arr[at], arr[at + 1] as a bigint (unit AMOUNT_UNIT). */
export function readPair(arr: Float64Array, at: number): bigint {
  const hi = arr[at]!,
    lo = arr[at + 1]!;
  return lo === 0 ? BigInt(hi) * AMOUNT_UNIT : BigInt(hi) * AMOUNT_UNIT + BigInt(lo);
}

/**
 * acc += d, pairwise, exactly: each |hi| ≤ 2^43 and |lo| < 10^12, so up to 512 additions keep every sum an exact
 * integer double (the market adds one pair per shard, K ≤ 256).
 */
export function addPairs(acc: Float64Array, d: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) acc[k] = acc[k]! + d[k]!;
}
