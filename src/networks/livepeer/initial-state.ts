import { searchCumulative } from '../../engine/cumulative.ts';
import { hashNormal, hashUniform } from '../../engine/hash-draws.ts';
import { BONDED, LIQUID } from './lpt.ts';
import type { LivepeerConfig } from './params.ts';

/**
 * The state at t = 0 of every token holder, as a pure function of (run seed, holder id). The shard that owns the
 * holder (which keeps its exact ledger entry) and the market (which only needs the opening totals) both evaluate it,
 * so they agree without exchanging a million records and without a shared RNG stream.
 */

const SALT_HOLDING = 11;
const SALT_PASSIVE = 12;
const SALT_BONDED = 13;
const SALT_DELEGATE = 14;
const SALT_HURDLE = 15;

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
