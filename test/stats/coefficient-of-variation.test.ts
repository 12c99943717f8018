import { describe, expect, it } from 'vitest';
import { coefficientOfVariation } from '../../src/stats/coefficient-of-variation.ts';
import { INCOMES, LOGNORMAL } from './reference-data.ts';

describe('coefficientOfVariation', () => {
  it('matches numpy (x.std(ddof=1) / x.mean()) on the reference incomes, the log-normal draws and a textbook sample', () => {
    // /usr/bin/python3, numpy 1.24.2
    expect(coefficientOfVariation(INCOMES)).toBeCloseTo(0.9665587923457877, 14);
    expect(coefficientOfVariation(LOGNORMAL)).toBeCloseTo(0.9504229536945618, 14);
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(0.427617987059879, 14);
  });

  it('is 0 for a constant sample and does not depend on the scale', () => {
    expect(coefficientOfVariation([3, 3, 3])).toBe(0);
    expect(coefficientOfVariation(INCOMES.map((v) => v * 1000))).toBeCloseTo(coefficientOfVariation(INCOMES), 14);
  });

  it('is NaN (undefined) for fewer than two values or a zero mean, and refuses non-finite values', () => {
    expect(coefficientOfVariation([5])).toBeNaN();
    expect(coefficientOfVariation([-1, 1])).toBeNaN();
    expect(() => coefficientOfVariation([1, Infinity])).toThrow('value 1 is Infinity');
  });
});
