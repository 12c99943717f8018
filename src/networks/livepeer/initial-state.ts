import { searchCumulative } from '../../engine/cumulative.ts';
import { hashNormal, hashUniform } from '../../engine/hash-draws.ts';
import { zipfCumulative } from '../../engine/zipf.ts';
import { BONDED, LIQUID } from './lpt.ts';
import type { LivepeerConfig } from './params.ts';

/**
 * The state at t = 0, as pure functions of (run seed, configuration, agent id): the shards that own the holders
 * (which keep their exact ledger entries) and the market (which keeps the totals and the orchestrators) evaluate the
 * same functions, so they agree without exchanging a million records and without a shared RNG stream.
 *
 * The totals are set to the configuration's: the active pools hold `initialBondingRate` of `initialSupplyLpt` (each
 * pool its Zipf share, of which `selfStakeShare` is the orchestrator's own), candidates hold their own stake, the
 * exchange its float, the treasury its balance, and liquid holders the rest. Holders' holdings are log-normal weights
 * (`holdingSigma`) scaled, bonded and liquid apart, so that the bonded ones fill the active pools and the liquid ones
 * the rest: so the concentration is the wallets' and the totals are the record's.
 */

const SALT_HOLDING = 11;
const SALT_PASSIVE = 12;
const SALT_BONDED = 13;
const SALT_DELEGATE = 14;
const SALT_HURDLE = 15;
const SALT_SELL = 16;
const SALT_CANDIDATE = 17;

export interface HolderAtStart {
  /** Holding in micro-LPT (an integer), so market (wei) and shard agree exactly. */
  microLpt: number;
  passive: boolean;
  state: number;
  /** Orchestrator slot bonded to, or -1. */
  delegate: number;
  /** Log-normal weight (mean 1) the holding is scaled from. */
  weight: number;
}

/** The opening book of a run: what every party needs to build its part of the state at t = 0. */
export interface InitialBook {
  /** Zipf cumulative over the active orchestrators (what bonded holders' delegates are drawn from). */
  readonly zipf: Float64Array;
  /** LPT per unit of weight for bonded and for liquid holders. */
  readonly bondedScale: number;
  readonly liquidScale: number;
  /** Each orchestrator's own stake at t = 0, micro-LPT (active ones bonded, candidates registered outside the set). */
  readonly selfMicroLpt: Float64Array;
}

/** The draws of holder `id` (weight, passive, bonded, delegate); `microLpt` is left at 0. */
export function holderDraw(cfg: LivepeerConfig, seed: number, id: number, zipf: Float64Array, out: HolderAtStart): HolderAtStart {
  const sigma = cfg.holdingSigma;
  out.weight = Math.exp(sigma * hashNormal(seed, id, SALT_HOLDING) - (sigma * sigma) / 2);
  out.passive = hashUniform(seed, id, SALT_PASSIVE) < cfg.passiveHolderFraction;
  const bonded = !out.passive && cfg.orchestrators > 0 && hashUniform(seed, id, SALT_BONDED) < cfg.initialBondedFraction;
  out.state = bonded ? BONDED : LIQUID;
  out.delegate = bonded ? searchCumulative(zipf, cfg.orchestrators, hashUniform(seed, id, SALT_DELEGATE)) : -1;
  out.microLpt = 0;
  return out;
}

/**
 * The opening book: the orchestrators' own stakes and the scales of holders' holdings. O(holders); every shard and the
 * market compute it once.
 * @throws RangeError when the configured totals leave liquid holders a negative share.
 */
export function initialBook(cfg: LivepeerConfig, seed: number): InitialBook {
  const nA = cfg.orchestrators;
  const zipf = zipfCumulative(Math.max(1, nA), cfg.stakeZipf);
  const activeLpt = cfg.initialBondingRate * cfg.initialSupplyLpt;
  const total = nA > 0 ? zipf[nA - 1]! : 0;
  const self = new Float64Array(nA + cfg.orchestratorCandidates);
  let selfActive = 0;
  let selfOutside = 0;
  for (let j = 0; j < nA; j++) {
    const poolShare = (zipf[j]! - (j > 0 ? zipf[j - 1]! : 0)) / total;
    self[j] = Math.max(1, Math.round(activeLpt * poolShare * cfg.selfStakeShare * 1e6));
    selfActive += self[j]! / 1e6;
  }
  // Candidates stay below every active orchestrator's own stake, so the active set at t = 0 is the one configured.
  let smallestActive = Infinity;
  for (let j = 0; j < nA; j++) smallestActive = Math.min(smallestActive, self[j]! / 1e6);
  for (let c = 0; c < cfg.orchestratorCandidates; c++) {
    const lpt = Math.min(cfg.candidateStakeLpt * Math.exp(hashNormal(seed, c, SALT_CANDIDATE) - 0.5), smallestActive / 2);
    self[nA + c] = Math.max(1, Math.round(lpt * 1e6));
    selfOutside += self[nA + c]! / 1e6;
  }
  let wBonded = 0;
  let wLiquid = 0;
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, weight: 0 };
  for (let i = 0; i < cfg.delegators; i++) {
    holderDraw(cfg, seed, i, zipf, h);
    if (h.state === BONDED) wBonded += h.weight;
    else wLiquid += h.weight;
  }
  const liquidLpt = cfg.initialSupplyLpt - activeLpt - selfOutside - cfg.exchangeFloatLpt - cfg.initialTreasuryLpt;
  if (liquidLpt < 0)
    throw new RangeError(
      `livepeer initial state: supply ${cfg.initialSupplyLpt} LPT is less than active stake, candidates' stake, exchange float and treasury together`,
    );
  return {
    zipf,
    bondedScale: wBonded > 0 ? Math.max(0, activeLpt - selfActive) / wBonded : 0,
    liquidScale: wLiquid > 0 ? liquidLpt / wLiquid : 0,
    selfMicroLpt: self,
  };
}

/** The state of holder `id` at t = 0 in a run whose opening book is `book`. */
export function holderAtStart(cfg: LivepeerConfig, seed: number, id: number, book: InitialBook, out: HolderAtStart): HolderAtStart {
  holderDraw(cfg, seed, id, book.zipf, out);
  const scale = out.state === BONDED ? book.bondedScale : book.liquidScale;
  out.microLpt = Math.max(1, Math.round(out.weight * scale * 1e6));
  return out;
}

/**
 * A holder's hurdle (the annual yield it requires to stay or become bonded) and the share of its rewards it sells. At
 * t = 0 each holder is where its hurdle puts it: a bonded holder's hurdle is the yield it sees, `yield0`, divided by a
 * log-normal factor exp(hurdleSigma |z|), a liquid one's multiplied by it. The sell share is uniform on
 * [0, 2 x rewardSellShare] (capped at 1).
 */
export function holderPreferences(cfg: LivepeerConfig, seed: number, id: number, bonded: boolean, yield0: number): { hurdle: number; sellShare: number } {
  const spread = Math.exp(cfg.hurdleSigma * Math.abs(hashNormal(seed, id, SALT_HURDLE)));
  return {
    hurdle: bonded ? yield0 / spread : yield0 * spread,
    sellShare: Math.min(1, 2 * cfg.rewardSellShare * hashUniform(seed, id, SALT_SELL)),
  };
}
