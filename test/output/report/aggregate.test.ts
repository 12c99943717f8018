import { describe, expect, it } from 'vitest';
import { pointStats } from '../../../src/output/point-stats.ts';
import { cellNumber, SeriesAccumulator } from '../../../src/output/report/aggregate.ts';

describe('the time series of a point across replicates', () => {
  it('gives at each sample the mean and 95 % interval summary.csv would give for the same values', () => {
    // Two points, three replicates each (runs 0-2 → point 0, runs 3-5 → point 1), two metrics, rows in any order.
    const acc = new SeriesAccumulator(2, (run) => (run < 3 ? 0 : 1));
    const values: Record<number, [number, number][]> = {
      0: [
        [1, 10],
        [2, 20],
      ],
      1: [
        [3, 30],
        [5, 50],
      ],
      2: [
        [8, 80],
        [11, Number.NaN],
      ],
    };
    for (const run of [2, 0, 1]) for (const [k, t] of [1, 0].entries()) acc.add(run, t, values[run]![1 - k]!);
    acc.add(4, 0, [100, 100]);
    const [p0, p1] = acc.finish();
    expect(p0!.t).toEqual([0, 1]);
    const m0 = p0!.metrics[0]!;
    for (const [k, xs] of [
      [1, 3, 8],
      [2, 5, 11],
    ].entries()) {
      const s = pointStats(xs);
      expect(m0.n[k]).toBe(3);
      expect(m0.mean[k]).toBeCloseTo(s.mean!, 12);
      expect(m0.lo[k]).toBeCloseTo(s.ci95Low!, 12);
      expect(m0.hi[k]).toBeCloseTo(s.ci95High!, 12);
    }
    // The NaN of run 2 at t = 1 is left out, as summary.csv leaves it out.
    const m1 = p0!.metrics[1]!;
    expect(m1.n).toEqual([3, 2]);
    expect(m1.mean[1]).toBeCloseTo(35, 12);
    // One replicate: a mean but no interval.
    expect(p1!.pointId).toBe(1);
    expect(p1!.metrics[0]!.mean).toEqual([100]);
    expect(p1!.metrics[0]!.lo[0]).toBeNaN();
  });

  it('ignores rows of runs it cannot place', () => {
    const acc = new SeriesAccumulator(1, () => undefined);
    acc.add(7, 0, [1]);
    expect(acc.finish()).toEqual([]);
  });

  it('reads cells as the CSVs write them', () => {
    expect(cellNumber('')).toBeNaN();
    expect(cellNumber('inf')).toBe(Number.POSITIVE_INFINITY);
    expect(cellNumber('-inf')).toBe(Number.NEGATIVE_INFINITY);
    // As folders written before inf/-inf have them.
    expect(cellNumber('Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(cellNumber('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(cellNumber('0.1')).toBe(0.1);
  });
});
