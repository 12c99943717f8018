import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSeed } from '../../src/engine/rng.ts';
import { type Plan, parseShard, runIds, runOf, runsInShard } from '../../src/runner/plan.ts';

const planOf = (points: number, replicates: number, shard: Plan['shard'] = null): Plan => ({
  points: Array.from({ length: points }, (_, id) => ({ id, values: {} })),
  replicates,
  seed: 11,
  shard,
});

describe('the run plan', () => {
  it('numbers runs point-major: run_id = point_id × replicates + replicate', () => {
    const r = runOf(planOf(4, 3), 7);
    expect(r).toEqual({ runId: 7, pointId: 2, replicate: 1, seed: runSeed(11, 2, 1) });
  });

  it('splits the runs into disjoint shards that together hold every run once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), (points, replicates, n) => {
        const seen: number[] = [];
        for (let i = 0; i < n; i++) {
          const plan = planOf(points, replicates, { index: i, count: n });
          const ids = [...runIds(plan)];
          expect(ids.length).toBe(runsInShard(plan));
          expect(ids.every((id) => id % n === i)).toBe(true);
          seen.push(...ids);
        }
        expect(seen.sort((a, b) => a - b)).toEqual([...runIds(planOf(points, replicates))]);
      }),
    );
  });

  it('parses i/n and rejects malformed or out-of-range shards', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(['3/3', '-1/3', '1/0', 'a/b', '1'].map(parseShard)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
