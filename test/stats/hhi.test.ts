import { describe, expect, it } from 'vitest';
import { hhi } from '../../src/stats/hhi.ts';
import { INCOMES, LOGNORMAL, NUMPY } from './reference-data.ts';

describe('hhi', () => {
  it("gives the U.S. Department of Justice's example: shares 30, 30, 20, 20 % have HHI 2 600 (0.26)", () => {
    // https://www.justice.gov/atr/herfindahl-hirschman-index: "30² + 30² + 20² + 20² = 2,600"
    expect(hhi([30, 30, 20, 20]) * 10_000).toBeCloseTo(2_600, 9);
  });

  it('matches numpy on ten incomes and on twelve log-normal draws', () => {
    expect(hhi(INCOMES)).toBeCloseTo(NUMPY.incomes.hhi, 15);
    expect(hhi(LOGNORMAL)).toBeCloseTo(NUMPY.lognormal.hhi, 15);
  });

  it('is 1/n for n equal holders and 1 for one holder', () => {
    expect(hhi([2, 2, 2, 2])).toBeCloseTo(0.25, 15);
    expect(hhi([0, 7])).toBe(1);
  });

  it('is 0 for no values and for a zero total', () => {
    expect(hhi([])).toBe(0);
    expect(hhi([0, 0, 0])).toBe(0);
  });

  it('leaves its input unchanged', () => {
    const frozen = Object.freeze([1, 3]);
    expect(hhi(frozen)).toBeCloseTo(0.625, 15);
  });

  it('throws a RangeError for a negative, NaN or infinite value', () => {
    expect(() => hhi([1, -1])).toThrow(/hhi: .*value 1 is -1/);
    expect(() => hhi([Number.NaN, 1])).toThrow(RangeError);
    expect(() => hhi([-Infinity])).toThrow(RangeError);
  });
});
