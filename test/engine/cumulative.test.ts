import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAtMost, searchCumulative } from '../../src/engine/cumulative.ts';

const ascending = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }).map((xs) => {
  const cum = new Float64Array(xs.length);
  let s = 0;
  xs.forEach((x, k) => {
    s += x;
    cum[k] = s;
  });
  return cum;
});

describe('searchCumulative', () => {
  it('finds the first entry at or above u, as a linear scan does', () => {
    fc.assert(
      fc.property(ascending, fc.double({ min: -1, max: 2100, noNaN: true }), (cum, u) => {
        const n = cum.length;
        let want = cum.findIndex((c) => c >= u);
        if (want < 0) want = n - 1;
        expect(searchCumulative(cum, n, u)).toBe(want);
      }),
    );
  });

  it('reads only the first n entries of a larger buffer', () => {
    const buf = Float64Array.of(1, 2, 3, 0, 0, 0);
    expect(searchCumulative(buf, 3, 2.5)).toBe(2);
    expect(searchCumulative(buf, 3, 99)).toBe(2);
    expect(searchCumulative(buf, 1, 99)).toBe(0);
  });

  it('draws indices in proportion to their weights', () => {
    const cum = Float64Array.of(1, 4, 10); // weights 1, 3, 6
    const counts = [0, 0, 0];
    const n = 100_000;
    for (let k = 0; k < n; k++) counts[searchCumulative(cum, 3, ((k + 0.5) / n) * 10)]!++;
    expect(counts).toEqual([10_000, 30_000, 60_000]);
  });
});

describe('countAtMost', () => {
  it('counts the sorted entries at or below x, as a filter does', () => {
    fc.assert(
      fc.property(ascending, fc.integer({ min: 0, max: 41 }), fc.double({ min: -1, max: 2100, noNaN: true }), (cum, cut, x) => {
        const n = Math.min(cut, cum.length);
        expect(countAtMost(cum, n, x)).toBe(Array.from(cum.subarray(0, n)).filter((c) => c <= x).length);
      }),
    );
  });
});
