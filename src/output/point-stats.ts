import { mean as meanOf, medianSorted, sampleStandardDeviation } from 'simple-statistics';
import { studentTQuantile } from './student-t.ts';

/** The statistics summary.csv gives for one (point, metric). Undefined cells are written empty. */
export interface PointStats {
  readonly n: number;
  readonly mean?: number;
  readonly sd?: number;
  readonly ci95Low?: number;
  readonly ci95High?: number;
  readonly min?: number;
  readonly median?: number;
  readonly max?: number;
}

/**
 * n, mean, sample sd (n − 1 denominator), the 95% confidence interval of the mean by Student's t with
 * n − 1 degrees of freedom, min, median (mean of the two middle values when n is even) and max, of the
 * values in `values` that are numbers: NaN (a value the run leaves undefined) is left out and not counted
 * in n; ±Infinity is counted, and gives what IEEE arithmetic gives (a mean of inf, an undefined sd and
 * interval, an infinite min or max), so an infinite result is never hidden. sd and the interval need
 * n ≥ 2. `tq` lets callers cache t quantiles. Does not mutate `values`.
 */
export function pointStats(values: readonly number[], tq: (df: number) => number = (df) => studentTQuantile(0.975, df)): PointStats {
  const xs = values.filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0) return { n: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (min === -Infinity || max === Infinity) {
    // Compensated summation and interpolation turn inf into NaN (inf − inf): the mean of values with infinities of
    // one sign is that infinity, and the median of two equal middle values is that value.
    const mean = min === -Infinity && max === Infinity ? NaN : min === -Infinity ? -Infinity : Infinity;
    const a = sorted[(n - 1) >> 1]!;
    const b = sorted[n >> 1]!;
    const median = a === b ? a : (a + b) / 2;
    return n === 1 ? { n, mean, min, median, max } : { n, mean, sd: NaN, ci95Low: NaN, ci95High: NaN, min, median, max };
  }
  const median = medianSorted(sorted);
  // simple-statistics sums with Kahan–Babuška compensation, in the order given: equal inputs, equal bits.
  const mean = meanOf(xs);
  if (n === 1) return { n, mean, min, median, max };
  const sd = sampleStandardDeviation(xs);
  const half = tq(n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci95Low: mean - half, ci95High: mean + half, min, median, max };
}
