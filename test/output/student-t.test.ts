import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../src/output/student-t.ts';

describe('studentTQuantile', () => {
  // Reference values of R's qt(p, df) (15 significant digits), cross-checked with scipy.stats.t.ppf.
  const cases: [number, number, number][] = [
    [0.975, 1, 12.7062047361747],
    [0.975, 2, 4.30265272974946],
    [0.975, 3, 3.18244630528371],
    [0.975, 4, 2.77644510519779],
    [0.975, 9, 2.2621571627982],
    [0.975, 19, 2.09302405440831],
    [0.975, 30, 2.04227245630124],
    [0.975, 100, 1.98397151852355],
    [0.995, 5, 4.03214298355523],
    [0.9, 7, 1.41492392765051],
  ];
  it.each(cases)('matches R qt(%f, %i) = %f', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 9);
  });

  it('is antisymmetric about p = 0.5', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.77644510519779, 9);
    expect(studentTQuantile(0.5, 4)).toBe(0);
  });

  it('inverts the CDF', () => {
    for (const df of [1.5, 3, 12, 57]) for (const p of [0.6, 0.9, 0.975, 0.999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
  });

  it('rejects p outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});
