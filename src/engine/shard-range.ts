/**
 * The contiguous range [start, end) of global ids 0 … n−1 that shard `index` of `count` owns: ⌊n·index/count⌋ to
 * ⌊n·(index+1)/count⌋, so the ranges tile 0 … n−1 and differ in size by at most one. It depends on the shard count
 * K only, never on the thread count.
 */
export function shardRange(n: number, index: number, count: number): { start: number; end: number } {
  return { start: Math.floor((n * index) / count), end: Math.floor((n * (index + 1)) / count) };
}
