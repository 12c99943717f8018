import { describe, expect, it } from 'vitest';
import { pointStats } from '../../src/output/point-stats.ts';

describe('pointStats', () => {
  it('gives n, mean, sample sd, t interval, min, median and max computed by hand', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sd = sqrt(32/7);
    // half width = qt(0.975, 7) · sd / sqrt(8), with qt(0.975, 7) = 2.36462425159278 (R).
    const s = pointStats([9, 2, 4, 4, 4, 5, 5, 7]);
    const sd = Math.sqrt(32 / 7);
    const half = (2.36462425159278 * sd) / Math.sqrt(8);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(sd, 14);
    expect(s.ci95Low).toBeCloseTo(5 - half, 10);
    expect(s.ci95High).toBeCloseTo(5 + half, 10);
    expect([s.min, s.median, s.max]).toEqual([2, 4.5, 9]);
  });

  it('takes the middle value as the median of an odd count', () => {
    expect(pointStats([3, 1, 2]).median).toBe(2);
  });

  it('leaves sd and the interval undefined for a single value', () => {
    expect(pointStats([3.5])).toEqual({ n: 1, mean: 3.5, min: 3.5, median: 3.5, max: 3.5 });
  });

  it('leaves out NaN and counts only the rest', () => {
    const s = pointStats([1, NaN, 3]);
    expect(s.n).toBe(2);
    expect(s.mean).toBe(2);
  });

  it('counts infinities, so the mean and max show them and sd is undefined', () => {
    const s = pointStats([1, NaN, 3, Infinity]);
    expect(s.n).toBe(3);
    expect([s.mean, s.min, s.median, s.max]).toEqual([Infinity, 1, 3, Infinity]);
    expect(s.sd).toBeNaN();
  });

  it('gives n = 0 and nothing else for no values', () => {
    expect(pointStats([])).toEqual({ n: 0 });
  });

  it('does not mutate its input', () => {
    const xs = Object.freeze([3, 1, 2]);
    pointStats(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});
