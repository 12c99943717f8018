import { checkFinite } from './check-values.ts';

/**
 * Pearson's correlation coefficient of two equally long lists: Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), from −1 to 1.
 *
 * Reference: K. Pearson (1895); https://en.wikipedia.org/wiki/Pearson_correlation_coefficient (numpy.corrcoef gives
 * the same number).
 *
 * Complexity: O(n) time (two passes), O(1) memory. The inputs are not changed.
 *
 * @param x finite numbers
 * @param y finite numbers, as many as x
 * @returns the correlation; 0 when there are fewer than two pairs or either list is constant (no variation to
 *   correlate)
 * @throws {RangeError} if the lengths differ or a value is NaN or infinite
 * @example
 * pearsonCorrelation([1, 2, 3], [2, 4, 6]); // => 1
 * pearsonCorrelation([1, 2, 3], [3, 2, 1]); // => -1
 */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`pearsonCorrelation: ${x.length} values against ${y.length}`);
  checkFinite('pearsonCorrelation', x);
  checkFinite('pearsonCorrelation', y);
  const n = x.length;
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
