import { countAtMost } from '../../engine/cumulative.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { JOB_AI, type LivepeerPublic, ORCH_ACTIVE } from './messages.ts';
import type { LivepeerConfig } from './params.ts';

/**
 * How a broadcaster lists the orchestrators it will try for a job, run in the shard from the published state: its
 * session pool (go-livepeer server/broadcast.go NewSessionManager and discovery/discovery.go GetOrchestrators: `numOrchs`
 * orchestrators from discovery, in random order) tried in the order of server/selection_algorithm.go's
 * ProbabilitySelectionAlgorithm over the pool. The market tries them in that order, suspends the full ones, and
 * refreshes the pool from the rest when all are full (stream-matching.ts).
 */
export interface SelectionTables {
  /** Per job kind: active orchestrators able to serve it that pass the performance filter, sorted by price (ties by index). */
  eligible: Int32Array[];
  eligiblePrice: Float64Array[];
  eligibleStake: Float64Array[];
  nEligible: Int32Array;
  /** Scratch: positions in `eligible` of the pool, and the pool in try order (positions too). */
  readonly pool: Int32Array;
  readonly chosen: Int32Array;
  readonly weight: Float64Array;
}

export function createSelectionTables(cfg: LivepeerConfig): SelectionTables {
  const k = Math.max(1, cfg.candidatesPerStream);
  return {
    eligible: [new Int32Array(0), new Int32Array(0)],
    eligiblePrice: [new Float64Array(0), new Float64Array(0)],
    eligibleStake: [new Float64Array(0), new Float64Array(0)],
    nEligible: new Int32Array(2),
    pool: new Int32Array(k),
    chosen: new Int32Array(k),
    weight: new Float64Array(k),
  };
}

/**
 * Rebuilds the tables from a new public state: for each job kind, the active orchestrators that can serve it (AI: a
 * price for AI), filtered by performance score (minPerfScore; all of them if none pass, as go-livepeer does), sorted
 * by price.
 */
export function buildSelectionTables(t: SelectionTables, cfg: LivepeerConfig, pub: LivepeerPublic): void {
  for (let kind = 0; kind < 2; kind++) {
    const price = kind === JOB_AI ? pub.orchAiPriceWei : pub.orchPriceWei;
    const n = pub.orchStatus.length;
    if (t.eligible[kind]!.length < n) {
      t.eligible[kind] = new Int32Array(n);
      t.eligiblePrice[kind] = new Float64Array(n);
      t.eligibleStake[kind] = new Float64Array(n);
    }
    const able = (o: number) => pub.orchStatus[o] === ORCH_ACTIVE && (kind !== JOB_AI || price[o]! > 0);
    let perfOk = 0;
    for (let o = 0; o < n; o++) if (able(o) && pub.orchPerfScore[o]! >= cfg.minPerfScore) perfOk++;
    const usePerf = cfg.minPerfScore > 0 && perfOk > 0;
    const idx: number[] = [];
    for (let o = 0; o < n; o++) if (able(o) && !(usePerf && pub.orchPerfScore[o]! < cfg.minPerfScore)) idx.push(o);
    idx.sort((a, b) => price[a]! - price[b]! || a - b);
    const el = t.eligible[kind]!;
    for (let k = 0; k < idx.length; k++) {
      const o = idx[k]!;
      el[k] = o;
      t.eligiblePrice[kind]![k] = price[o]!;
      t.eligibleStake[kind]![k] = pub.orchStakeLpt[o]!;
    }
    t.nEligible[kind] = idx.length;
  }
}

/** How many eligible orchestrators of a job kind a broadcaster with this price cap (wei per unit) may use. */
export function underPriceCap(t: SelectionTables, kind: number, maxPriceWei: number): number {
  return countAtMost(t.eligiblePrice[kind]!, t.nEligible[kind]!, maxPriceWei);
}

/**
 * The session pool and its try order for one job, into t.chosen (positions in t.eligible[kind]); returns its size.
 * The pool is min(candidatesPerStream, m) distinct orchestrators of the m under the cap, uniformly at random (discovery
 * shuffles them); the order is successive draws without replacement with ProbabilitySelectionAlgorithm's weights over
 * the pool, stakeWeight x stake / pool stake + randWeight / pool size (priceWeight 0 by default).
 */
export function pickCandidates(t: SelectionTables, cfg: LivepeerConfig, rng: RandomStream, kind: number, m: number): number {
  const k = Math.min(cfg.candidatesPerStream, m);
  const pool = t.pool;
  if (k === m) for (let j = 0; j < m; j++) pool[j] = j;
  else
    for (let n = 0; n < k; ) {
      const j = rng.int(m);
      let dup = false;
      for (let s = 0; s < n; s++) if (pool[s] === j) dup = true;
      if (!dup) pool[n++] = j;
    }
  const stakes = t.eligibleStake[kind]!;
  let stakeSum = 0;
  for (let s = 0; s < k; s++) stakeSum += stakes[pool[s]!]!;
  const sw = cfg.selectStakeWeight;
  const rw = cfg.selectRandWeight;
  let total = 0;
  for (let s = 0; s < k; s++) {
    t.weight[s] = (stakeSum > 0 ? (sw * stakes[pool[s]!]!) / stakeSum : sw / k) + rw / k;
    total += t.weight[s]!;
  }
  for (let c = 0; c < k; c++) {
    // Draw one of the pool's remaining members with probability proportional to its weight, then remove it.
    let u = rng.next() * total;
    let s = 0;
    for (; s < k - c - 1 && u >= t.weight[s]!; s++) u -= t.weight[s]!;
    t.chosen[c] = pool[s]!;
    total -= t.weight[s]!;
    const last = k - c - 1;
    pool[s] = pool[last]!;
    t.weight[s] = t.weight[last]!;
  }
  return k;
}
