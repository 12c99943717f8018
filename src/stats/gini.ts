import { checkNonNegative } from './check-values.ts';

/**
 * The Gini coefficient of non-negative values: how unequally a total is shared, from 0 (all values equal) to
 * (n − 1) / n (one value holds everything).
 *
 * With x sorted ascending, `G = 2 Σ_i i·x_i / (n Σ x) − (n + 1) / n` (i = 1 … n), which equals the mean absolute
 * difference over twice the mean, `Σ_i Σ_j |x_i − x_j| / (2 n² x̄)`: the population Gini, without the small-sample
 * factor n / (n − 1).
 *
 * Reference: C. Gini (1912), *Variabilità e mutabilità*; https://en.wikipedia.org/wiki/Gini_coefficient#Definition
 *
 * Complexity: O(n log n) time (it sorts a copy), O(n) memory. The input is not changed.
 *
 * @param values non-negative finite numbers (stakes, balances)
 * @returns the Gini coefficient; 0 for no values or a zero total (nothing to be unequal about)
 * @throws {RangeError} if a value is negative, NaN or infinite
 * @example
 * gini([1, 2, 3, 4]); // => 0.25
 * gini([0, 0, 0, 10]); // => 0.75
 */
export function gini(values: ArrayLike<number>): number {
  checkNonNegative('gini', values);
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += v[i]!;
    weighted += (i + 1) * v[i]!;
  }
  if (n === 0 || sum <= 0) return 0;
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}
