import { checkNonNegative } from './check-values.ts';

/**
 * The Nakamoto coefficient: the smallest number of holders that together hold more than `threshold` of the total.
 * With stake and the default threshold of one third, it is how many validators must collude to halt a BFT
 * protocol's finality; with 0.5, how many to hold a majority (the original definition's 51 %).
 *
 * Reference: B. S. Srinivasan and L. Lee (2017), "Quantifying Decentralization",
 * https://news.earn.com/quantifying-decentralization-e39db233c28e
 *
 * Complexity: O(n log n) time (it sorts a copy), O(n) memory. The input is not changed.
 *
 * @param values non-negative finite numbers (stakes)
 * @param threshold the share that must be exceeded, strictly: 0 ≤ threshold < 1 (default 1/3)
 * @returns the number of largest holders whose sum first exceeds threshold × total; 0 for no values or a zero total
 * @throws {RangeError} if a value is negative, NaN or infinite, or the threshold is outside [0, 1)
 * @example
 * nakamotoCoefficient([40, 30, 20, 10]); // => 1
 * nakamotoCoefficient([10, 10, 10]); // => 2 (one holds exactly a third, which is not more than a third)
 * nakamotoCoefficient([40, 30, 20, 10], 0.5); // => 2
 */
export function nakamotoCoefficient(values: ArrayLike<number>, threshold = 1 / 3): number {
  checkNonNegative('nakamotoCoefficient', values);
  if (!(threshold >= 0 && threshold < 1)) throw new RangeError(`nakamotoCoefficient: threshold must be in [0, 1), got ${threshold}`);
  const v = Float64Array.from(values).sort().reverse();
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]!;
  if (sum <= 0) return 0;
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc += v[i]!;
    if (acc > threshold * sum) return i + 1;
  }
  return v.length;
}
