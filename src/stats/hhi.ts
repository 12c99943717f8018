import { checkNonNegative } from './check-values.ts';

/**
 * The Herfindahl–Hirschman index of non-negative values: the sum of squared shares of the total, from 1/n (n equal
 * holders) to 1 (one holder). Shares are fractions; multiply by 10 000 for the antitrust convention in percent
 * points squared (a market of shares 30, 30, 20, 20 % has HHI 2 600, here 0.26).
 *
 * Reference: U.S. Department of Justice, "Herfindahl-Hirschman Index", https://www.justice.gov/atr/herfindahl-hirschman-index;
 * O. C. Herfindahl (1950), A. O. Hirschman (1945).
 *
 * Complexity: O(n) time, O(1) memory. The input is not changed.
 *
 * @param values non-negative finite numbers (stakes, market shares in any unit)
 * @returns Σ (x_i / Σ x)²; 0 for no values or a zero total
 * @throws {RangeError} if a value is negative, NaN or infinite
 * @example
 * hhi([30, 30, 20, 20]); // => 0.26
 * hhi([2, 2, 2, 2]); // => 0.25
 */
export function hhi(values: ArrayLike<number>): number {
  checkNonNegative('hhi', values);
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  if (sum <= 0) return 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const share = values[i]! / sum;
    h += share * share;
  }
  return h;
}
