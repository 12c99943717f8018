import { countAtMost, searchCumulative } from '../../engine/cumulative.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { type LivepeerPublic, ORCH_ACTIVE } from './messages.ts';
import type { LivepeerConfig } from './params.ts';

/**
 * How a broadcaster picks the orchestrators it will try for a stream: go-livepeer's broadcaster-side selection
 * (server/selection_algorithm.go `ProbabilitySelectionAlgorithm`), run in the shard from the published state.
 */
export interface SelectionTables {
  /** Active orchestrators that pass the performance filter, sorted by price (ties by index), so a cap selects a prefix. */
  eligible: Int32Array;
  eligiblePrice: Float64Array;
  /** Cumulative stake of eligible[0 … k]. */
  eligibleStakeCum: Float64Array;
  nEligible: number;
  /** Scratch: positions in `eligible` chosen for the current stream. */
  readonly chosen: Int32Array;
}

export function createSelectionTables(cfg: LivepeerConfig): SelectionTables {
  return {
    eligible: new Int32Array(0),
    eligiblePrice: new Float64Array(0),
    eligibleStakeCum: new Float64Array(0),
    nEligible: 0,
    chosen: new Int32Array(Math.max(1, cfg.candidatesPerStream)),
  };
}

/**
 * Rebuilds the tables from a new public state: the active set, filtered by performance score (minPerfScore; all of
 * it if none pass, as go-livepeer does), sorted by price.
 */
export function buildSelectionTables(t: SelectionTables, cfg: LivepeerConfig, pub: LivepeerPublic): void {
  const n = pub.orchStatus.length;
  if (t.eligible.length < n) {
    t.eligible = new Int32Array(n);
    t.eligiblePrice = new Float64Array(n);
    t.eligibleStakeCum = new Float64Array(n);
  }
  let perfOk = 0;
  for (let o = 0; o < n; o++) if (pub.orchStatus[o] === ORCH_ACTIVE && pub.orchPerfScore[o]! >= cfg.minPerfScore) perfOk++;
  const usePerf = cfg.minPerfScore > 0 && perfOk > 0;
  let ne = 0;
  for (let o = 0; o < n; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    if (usePerf && pub.orchPerfScore[o]! < cfg.minPerfScore) continue;
    t.eligible[ne++] = o;
  }
  const idx = Array.from(t.eligible.subarray(0, ne));
  idx.sort((a, b) => pub.orchPriceWei[a]! - pub.orchPriceWei[b]! || a - b);
  let cum = 0;
  for (let k = 0; k < ne; k++) {
    const o = idx[k]!;
    t.eligible[k] = o;
    t.eligiblePrice[k] = pub.orchPriceWei[o]!;
    cum += pub.orchStakeLpt[o]!;
    t.eligibleStakeCum[k] = cum;
  }
  t.nEligible = ne;
}

/** How many eligible orchestrators a broadcaster with this price cap may use. */
export function underPriceCap(t: SelectionTables, maxPriceWei: number): number {
  return countAtMost(t.eligiblePrice, t.nEligible, maxPriceWei);
}

/**
 * Picks up to candidatesPerStream of the m eligible orchestrators under the cap into t.chosen (positions in
 * t.eligible) and returns how many. Each pick follows ProbabilitySelectionAlgorithm.calculateProbabilities:
 * p_i = stakeWeight · stake_i / Σ stake + randWeight / m (priceWeight 0 by default); sampled as the mixture it is
 * (stake-weighted with probability stakeWeight / (stakeWeight + randWeight), else uniform), without replacement by
 * redrawing an orchestrator already listed (which is exactly the renormalised distribution).
 */
export function pickCandidates(t: SelectionTables, cfg: LivepeerConfig, rng: RandomStream, m: number): number {
  const picks = Math.min(cfg.candidatesPerStream, m);
  const sw = cfg.selectStakeWeight;
  const rw = cfg.selectRandWeight;
  const stakeSum = m > 0 ? t.eligibleStakeCum[m - 1]! : 0;
  let nChosen = 0;
  for (let k = 0; k < picks; k++) {
    let pick = -1;
    for (let tries = 0; tries < 64 && pick < 0; tries++) {
      let j: number;
      if (stakeSum > 0 && rng.next() * (sw + rw) < sw) j = searchCumulative(t.eligibleStakeCum, m, rng.next() * stakeSum);
      else j = rng.int(m);
      if (!isChosen(t, nChosen, j)) pick = j;
    }
    // Fall back to the first not yet chosen (vanishingly rare).
    for (let j = 0; pick < 0 && j < m; j++) if (!isChosen(t, nChosen, j)) pick = j;
    t.chosen[nChosen++] = pick;
  }
  return nChosen;
}

function isChosen(t: SelectionTables, nChosen: number, j: number): boolean {
  for (let c = 0; c < nChosen; c++) if (t.chosen[c] === j) return true;
  return false;
}
