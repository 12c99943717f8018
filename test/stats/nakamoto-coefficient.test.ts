import { describe, expect, it } from 'vitest';
import { nakamotoCoefficient } from '../../src/stats/nakamoto-coefficient.ts';
import { INCOMES, LOGNORMAL, NUMPY } from './reference-data.ts';

describe('nakamotoCoefficient', () => {
  it('matches numpy on ten incomes and on twelve log-normal draws, at one third and at one half', () => {
    expect(nakamotoCoefficient(INCOMES)).toBe(NUMPY.incomes.nakamotoThird);
    expect(nakamotoCoefficient(INCOMES, 0.5)).toBe(NUMPY.incomes.nakamotoHalf);
    expect(nakamotoCoefficient(LOGNORMAL)).toBe(NUMPY.lognormal.nakamotoThird);
    expect(nakamotoCoefficient(LOGNORMAL, 0.5)).toBe(NUMPY.lognormal.nakamotoHalf);
  });

  it('counts holders strictly above the threshold', () => {
    expect(nakamotoCoefficient([10, 10, 10])).toBe(2); // one holds exactly 1/3: not over it
    expect(nakamotoCoefficient([40, 30, 20, 10])).toBe(1);
    expect(nakamotoCoefficient([1, 1, 1, 1, 1, 1])).toBe(3);
    expect(nakamotoCoefficient([25, 25, 25, 25], 0.5)).toBe(3);
    expect(nakamotoCoefficient([5, 1], 0)).toBe(1);
  });

  it('does not depend on the order of the values', () => {
    expect(nakamotoCoefficient([10, 20, 40, 30])).toBe(nakamotoCoefficient([40, 30, 20, 10]));
  });

  it('is 0 for no values and for a zero total', () => {
    expect(nakamotoCoefficient([])).toBe(0);
    expect(nakamotoCoefficient([0, 0])).toBe(0);
  });

  it('leaves its input unchanged', () => {
    const typed = Float64Array.of(1, 5, 3);
    expect(nakamotoCoefficient(typed)).toBe(1);
    expect(Array.from(typed)).toEqual([1, 5, 3]);
  });

  it('throws a RangeError for a bad value or a threshold outside [0, 1)', () => {
    expect(() => nakamotoCoefficient([2, -1])).toThrow(/nakamotoCoefficient: .*value 1 is -1/);
    expect(() => nakamotoCoefficient([1], 1)).toThrow(/threshold must be in \[0, 1\), got 1/);
    expect(() => nakamotoCoefficient([1], -0.1)).toThrow(RangeError);
    expect(() => nakamotoCoefficient([1], Number.NaN)).toThrow(RangeError);
  });
});
