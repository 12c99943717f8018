import { checkFinite } from './check-values.ts';

/**
 * The coefficient of variation of a sample: its standard deviation (with Bessel's n − 1) over its mean, how widely
 * values spread relative to their size (a relay's monthly incomes: 0 for a steady income, about 1 / √k for an income
 * of k lottery wins a month).
 *
 * Reference: https://en.wikipedia.org/wiki/Coefficient_of_variation (numpy: `x.std(ddof=1) / x.mean()`).
 *
 * Complexity: O(n) time (two passes), O(1) memory. The input is not changed.
 *
 * @param values finite numbers
 * @returns sd / mean; NaN for fewer than two values or a mean of 0 (undefined)
 * @throws {RangeError} if a value is NaN or infinite
 * @example
 * coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9]); // => 0.4276 (sd 2.138, mean 5)
 */
export function coefficientOfVariation(values: ArrayLike<number>): number {
  checkFinite('coefficientOfVariation', values);
  const n = values.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  if (mean === 0) return Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1)) / mean;
}
