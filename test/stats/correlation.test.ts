import { describe, expect, it } from 'vitest';
import { pearsonCorrelation } from '../../src/stats/correlation.ts';
import { INCOMES, LOGNORMAL } from './reference-data.ts';

describe('pearsonCorrelation', () => {
  it('matches numpy.corrcoef on the reference incomes against the first ten log-normal draws, and against 0..9', () => {
    // /usr/bin/python3, numpy 1.24.2: np.corrcoef(INCOMES, LOGNORMAL[:10])[0, 1], np.corrcoef(np.arange(10.), INCOMES)[0, 1]
    expect(pearsonCorrelation(INCOMES, LOGNORMAL.slice(0, 10))).toBeCloseTo(0.717037033896631, 14);
    expect(
      pearsonCorrelation(
        Array.from({ length: 10 }, (_, i) => i),
        INCOMES,
      ),
    ).toBeCloseTo(0.8772454654590293, 14);
  });

  it('is 1 for a positive linear relation, -1 for a negative one, whatever the scale and shift', () => {
    expect(pearsonCorrelation([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 14);
    expect(pearsonCorrelation([1, 2, 3, 4], [-3, -5, -7, -9])).toBeCloseTo(-1, 14);
    expect(
      pearsonCorrelation(
        LOGNORMAL,
        LOGNORMAL.map((v) => 1e6 * v + 3),
      ),
    ).toBeCloseTo(1, 12);
  });

  it('is 0 for fewer than two pairs or a constant list, and refuses unequal lengths and non-finite values', () => {
    expect(pearsonCorrelation([1], [2])).toBe(0);
    expect(pearsonCorrelation([1, 2, 3], [5, 5, 5])).toBe(0);
    expect(() => pearsonCorrelation([1, 2], [1])).toThrow('2 values against 1');
    expect(() => pearsonCorrelation([1, Number.NaN], [1, 2])).toThrow('value 1 is NaN');
  });

  it('leaves its inputs unchanged', () => {
    const x = Object.freeze([3, 1, 2]);
    const y = Float64Array.of(1, 2, 3);
    pearsonCorrelation(x, y);
    expect(Array.from(y)).toEqual([1, 2, 3]);
  });
});
