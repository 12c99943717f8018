import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.ts';
import { JOB_AI, JOB_VIDEO, type LivepeerPublic, ORCH_ACTIVE, ORCH_REGISTERED } from '../../../src/networks/livepeer/messages.ts';
import { buildSelectionTables, createSelectionTables, pickCandidates, underPriceCap } from '../../../src/networks/livepeer/orchestrator-selection.ts';
import { smallConfig } from './helpers.ts';

/** Four orchestrators: 0-2 active with stakes 1, 2, 7 and prices 300, 100, 200; 3 registered outside the active set. */
function pub(perf = [1, 1, 1, 1]): LivepeerPublic {
  const n = 4;
  return {
    round: 1,
    inflationPpb: 0,
    supplyLpt: 100,
    activeStakeLpt: 10,
    treasuryCut: 0,
    orchStatus: Uint8Array.of(ORCH_ACTIVE, ORCH_ACTIVE, ORCH_ACTIVE, ORCH_REGISTERED),
    orchStakeLpt: Float64Array.of(1, 2, 7, 50),
    orchPriceWei: Float64Array.of(300, 100, 200, 1),
    orchAiPriceWei: Float64Array.of(0, 5, 7, 1),
    buyFilled: [],
    orchRewardCut: new Float64Array(n),
    orchFeeShare: new Float64Array(n),
    orchPerfScore: Float64Array.from(perf),
    orchCrf: new Float64Array(n).fill(1),
    orchCrfExact: new Float64Array(2 * n),
    orchRewardRate: new Float64Array(n).fill(1),
    orchFeePerStakeEth: new Float64Array(n),
    assignedOrch: [],
    assignedPriceWei: [],
    portEvents: [],
    investorSlotSelfLpt: new Float64Array(0),
    investorSlotIncomeEth: new Float64Array(0),
    firstInvestorSlot: n,
  };
}

describe("broadcasters' session pools and orchestrator selection (go-livepeer discovery and ProbabilitySelectionAlgorithm)", () => {
  it('lists the active set by price, so a price cap selects a prefix; for AI only those with an AI price', () => {
    const cfg = smallConfig();
    const t = createSelectionTables(cfg);
    buildSelectionTables(t, cfg, pub());
    expect(Array.from(t.eligible[JOB_VIDEO]!.subarray(0, t.nEligible[JOB_VIDEO]))).toEqual([1, 2, 0]);
    expect([99, 100, 250, 1e9].map((cap) => underPriceCap(t, JOB_VIDEO, cap))).toEqual([0, 1, 2, 3]);
    expect(Array.from(t.eligible[JOB_AI]!.subarray(0, t.nEligible[JOB_AI]))).toEqual([1, 2]);
  });

  it('filters by performance score, unless nobody passes', () => {
    const cfg = smallConfig({ minPerfScore: 0.5 });
    const t = createSelectionTables(cfg);
    buildSelectionTables(t, cfg, pub([0.9, 0.1, 0.6, 1]));
    expect(Array.from(t.eligible[JOB_VIDEO]!.subarray(0, t.nEligible[JOB_VIDEO]))).toEqual([2, 0]);
    buildSelectionTables(t, cfg, pub([0.1, 0.1, 0.1, 1]));
    expect(t.nEligible[JOB_VIDEO]).toBe(3);
  });

  it('tries first with probability stakeWeight x stake share + randWeight / m over its pool (0.7 and 0.3, starter.go)', () => {
    const cfg = smallConfig({ candidatesPerStream: 8, selectStakeWeight: 0.7, selectRandWeight: 0.3 });
    const t = createSelectionTables(cfg);
    buildSelectionTables(t, cfg, pub());
    const rng = RandomStream.fromKey('selection');
    const n = 200_000;
    const counts = new Map<number, number>();
    let picked = 0;
    for (let k = 0; k < n; k++) {
      picked += pickCandidates(t, cfg, rng, JOB_VIDEO, 3) === 3 ? 1 : 0;
      const o = t.eligible[JOB_VIDEO]![t.chosen[0]!]!;
      counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    expect(picked).toBe(n);
    for (const [o, stake] of [
      [0, 1],
      [1, 2],
      [2, 7],
    ] as const) {
      const p = 0.7 * (stake / 10) + 0.3 / 3;
      // Four standard deviations of a binomial share.
      expect(Math.abs((counts.get(o) ?? 0) / n - p), `orchestrator ${o}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('lists each orchestrator at most once, and no more than there are under the cap', () => {
    const cfg = smallConfig({ candidatesPerStream: 3 });
    const t = createSelectionTables(cfg);
    buildSelectionTables(t, cfg, pub());
    const rng = RandomStream.fromKey('distinct');
    for (let k = 0; k < 1_000; k++) {
      expect(pickCandidates(t, cfg, rng, JOB_VIDEO, 3)).toBe(3);
      expect(new Set(t.chosen).size).toBe(3);
    }
    expect(pickCandidates(t, cfg, rng, JOB_VIDEO, 2)).toBe(2);
    expect(pickCandidates(t, cfg, rng, JOB_VIDEO, 0)).toBe(0);
  });

  it('draws the session pool uniformly from those under the cap (discovery shuffles them): each of m in a pool of k with probability k / m', () => {
    const n = 20;
    const cfg = smallConfig({ candidatesPerStream: 8 });
    const many: LivepeerPublic = {
      ...pub(),
      orchStatus: new Uint8Array(n).fill(ORCH_ACTIVE),
      orchStakeLpt: Float64Array.from({ length: n }, (_, i) => i + 1),
      orchPriceWei: Float64Array.from({ length: n }, (_, i) => 100 + i),
      orchAiPriceWei: new Float64Array(n),
      orchPerfScore: new Float64Array(n).fill(1),
    };
    const t = createSelectionTables(cfg);
    buildSelectionTables(t, cfg, many);
    const rng = RandomStream.fromKey('pool');
    const runs = 40_000;
    const inPool = new Float64Array(n);
    for (let k = 0; k < runs; k++) {
      expect(pickCandidates(t, cfg, rng, JOB_VIDEO, n)).toBe(8);
      for (let c = 0; c < 8; c++) inPool[t.eligible[JOB_VIDEO]![t.chosen[c]!]!]!++;
    }
    const p = 8 / n;
    for (let o = 0; o < n; o++) expect(Math.abs(inPool[o]! / runs - p), `orchestrator ${o}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / runs));
  });
});
