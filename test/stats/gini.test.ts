import { describe, expect, it } from 'vitest';
import { gini } from '../../src/stats/gini.ts';
import { INCOMES, LOGNORMAL, NUMPY } from './reference-data.ts';

describe('gini', () => {
  it("gives R's value for the incomes of R's ineq documentation (ineq::Gini = 0.4620911)", () => {
    expect(gini(INCOMES)).toBeCloseTo(0.4620911, 7);
  });

  it('matches numpy on ten incomes and on twelve log-normal draws', () => {
    expect(gini(INCOMES)).toBeCloseTo(NUMPY.incomes.gini, 14);
    expect(gini(LOGNORMAL)).toBeCloseTo(NUMPY.lognormal.gini, 14);
  });

  it('is 0 for equal values and (n − 1) / n when one value holds everything', () => {
    expect(gini([5, 5, 5, 5])).toBeCloseTo(0, 14);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(3 / 4, 14);
    // Σ|x_i − x_j| / (2 n² mean) = 20 / (2 · 16 · 2.5), by hand
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 14);
  });

  it('does not depend on the order of the values, nor on their scale', () => {
    const shuffled = [LOGNORMAL[5], LOGNORMAL[0], LOGNORMAL[11], ...LOGNORMAL.slice(6, 11), ...LOGNORMAL.slice(1, 5)];
    expect(shuffled).toHaveLength(LOGNORMAL.length);
    expect(gini(shuffled)).toBeCloseTo(gini(LOGNORMAL), 14);
    expect(gini(LOGNORMAL.map((x) => x * 1e6))).toBeCloseTo(gini(LOGNORMAL), 14);
  });

  it('is 0 for no values and for a zero total', () => {
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('leaves its input unchanged (a frozen array, a typed array)', () => {
    const frozen = Object.freeze([3, 1, 2]);
    expect(gini(frozen)).toBeCloseTo(2 / 9, 14);
    const typed = Float64Array.of(3, 1, 2);
    gini(typed);
    expect(Array.from(typed)).toEqual([3, 1, 2]);
  });

  it('throws a RangeError naming the value for a negative, NaN or infinite value', () => {
    expect(() => gini([1, -2])).toThrow(/gini: .*value 1 is -2/);
    expect(() => gini([Number.NaN])).toThrow(RangeError);
    expect(() => gini([1, Infinity])).toThrow(RangeError);
  });
});
