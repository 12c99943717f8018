import { describe, expect, it } from 'vitest';
import { zipfCumulative } from '../../src/engine/zipf.ts';

describe('zipfCumulative', () => {
  it('gives rank 1 the share 1 / H_n: H_10 = 7381 / 2520 (the 10th harmonic number)', () => {
    const cum = zipfCumulative(10, 1);
    expect(cum[0]).toBeCloseTo(2520 / 7381, 15);
    expect(cum[9]).toBe(1);
  });

  it('follows r^-s: with s = 2 over 4 ranks the weights are 1, 1/4, 1/9, 1/16 of 205/144', () => {
    const cum = zipfCumulative(4, 2);
    const h = 205 / 144;
    const want = [1 / h, (1 + 1 / 4) / h, (1 + 1 / 4 + 1 / 9) / h, 1];
    for (let k = 0; k < 4; k++) expect(cum[k]).toBeCloseTo(want[k]!, 15);
  });

  it('is uniform for exponent 0, and empty for no ranks', () => {
    expect(Array.from(zipfCumulative(4, 0))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(zipfCumulative(0, 1)).toHaveLength(0);
  });
});
