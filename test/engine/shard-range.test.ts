import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardRange } from '../../src/engine/shard-range.ts';

describe('shardRange', () => {
  it('tiles 0 … n−1 with K contiguous ranges whose sizes differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 256 }), (n, k) => {
        let next = 0;
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < k; i++) {
          const { start, end } = shardRange(n, i, k);
          expect(start).toBe(next);
          next = end;
          min = Math.min(min, end - start);
          max = Math.max(max, end - start);
        }
        expect(next).toBe(n);
        expect(max - min).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('splits 10 ids over 3 shards as 3, 3, 4', () => {
    expect([0, 1, 2].map((i) => shardRange(10, i, 3))).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 10 },
    ]);
  });
});
