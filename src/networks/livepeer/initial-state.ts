import type { LivepeerConfig } from './params.ts';

/**
 * The state at t = 0 of every token holder, as a pure function of (run seed, holder id). The shard that owns the
 * holder (which keeps its exact ledger entry) and the market (which only needs the opening totals) both evaluate it,
 * so they agree without exchanging a million records and without a shared RNG stream.
 */

/** murmur3's 32-bit finaliser over a combination of three words: a well-mixed hash, the same on every platform. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c ^ 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform in (0, 1) from (seed, id, salt). */
export function hashUniform(seed: number, id: number, salt: number): number {
  return (mix(seed, id, salt) + 0.5) / 4294967296;
}

/** A standard normal from (seed, id, salt) (Box–Muller on two hashed uniforms). */
export function hashNormal(seed: number, id: number, salt: number): number {
  const u = hashUniform(seed, id, salt * 2 + 1);
  const v = hashUniform(seed, id, salt * 2 + 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const SALT_HOLDING = 11;
const SALT_PASSIVE = 12;
const SALT_BONDED = 13;
const SALT_DELEGATE = 14;
const SALT_HURDLE = 15;

/** Holder states (the shard ledger's codes). */
export const LIQUID = 0;
export const BONDED = 1;
export const UNBONDING = 2;

export interface HolderAtStart {
  /** Holding in micro-LPT (an integer), so market (wei) and shard (float LPT) agree exactly. */
  microLpt: number;
  passive: boolean;
  state: number;
  /** Orchestrator slot bonded to, or -1. */
  delegate: number;
  /** Personal hurdle: the nominal annual yield this holder requires to bond. */
  hurdleAnnual: number;
}

/** Cumulative Zipf weights over the orchestrators registered at t = 0 (initial delegation targets). */
export function zipfCumulative(n: number, exponent: number): Float64Array {
  const cum = new Float64Array(n);
  let s = 0;
  for (let j = 0; j < n; j++) {
    s += 1 / (j + 1) ** exponent;
    cum[j] = s;
  }
  for (let j = 0; j < n; j++) cum[j] = cum[j]! / s;
  return cum;
}

/** Index of the first cumulative weight ≥ u (binary search). */
export function searchCumulative(cum: ArrayLike<number>, n: number, u: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Mean holding of a holder in LPT: the supply not held by orchestrator operators, spread over holders. */
export function meanHoldingLpt(cfg: LivepeerConfig): number {
  return (cfg.initialSupplyLpt * (1 - cfg.orchestratorStakeShare)) / cfg.delegators;
}

/** The state of holder `id` at t = 0. `zipf` is zipfCumulative(cfg.orchestrators, cfg.stakeZipf). */
export function holderAtStart(cfg: LivepeerConfig, seed: number, id: number, zipf: Float64Array, out: HolderAtStart): HolderAtStart {
  holderHoldingAtStart(cfg, seed, id, zipf, out);
  out.hurdleAnnual = cfg.delegatorHurdleAnnual * Math.exp(cfg.hurdleSigma * hashNormal(seed, id, SALT_HURDLE));
  return out;
}

/**
 * The ledger part of holderAtStart (holding, passive, state, delegate; `hurdleAnnual` is left as it was): what the
 * market needs for its opening totals, without the behavioural draws.
 */
export function holderHoldingAtStart(cfg: LivepeerConfig, seed: number, id: number, zipf: Float64Array, out: HolderAtStart): HolderAtStart {
  const sigma = cfg.holdingSigma;
  // Log-normal with mean 1: exp(sigma z - sigma^2/2).
  const w = Math.exp(sigma * hashNormal(seed, id, SALT_HOLDING) - (sigma * sigma) / 2);
  out.microLpt = Math.max(1, Math.round(meanHoldingLpt(cfg) * w * 1e6));
  out.passive = hashUniform(seed, id, SALT_PASSIVE) < cfg.passiveHolderFraction;
  const bonded = !out.passive && hashUniform(seed, id, SALT_BONDED) < cfg.initialBondedFraction && cfg.orchestrators > 0;
  out.state = bonded ? BONDED : LIQUID;
  out.delegate = bonded ? searchCumulative(zipf, cfg.orchestrators, hashUniform(seed, id, SALT_DELEGATE)) : -1;
  return out;
}

/** The contiguous range of global ids that shard `index` of `count` owns out of `n`. */
export function shardRange(n: number, index: number, count: number): { start: number; end: number } {
  return { start: Math.floor((n * index) / count), end: Math.floor((n * (index + 1)) / count) };
}
