/**
 * Searches over sorted arrays, the way agents pick from weighted sets: a cumulative weight table and a uniform draw
 * give an index in O(log n) with no object per item. Only the first `n` entries are read, so a table may be a
 * larger buffer reused between windows.
 */

/**
 * Index of the first of cum[0 … n−1] that is ≥ u (binary search): with cum a cumulative weight table and u uniform
 * on [0, cum[n−1]), index k is drawn with probability proportional to its weight. Returns n − 1 when every entry
 * is below u, and 0 for n ≤ 1. O(log n).
 */
export function searchCumulative(cum: ArrayLike<number>, n: number, u: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many of sorted[0 … n−1] (ascending) are ≤ x: the length of the prefix under a cap. O(log n). */
export function countAtMost(sorted: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
