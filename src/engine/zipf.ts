/**
 * The cumulative table of a Zipf law over ranks 1 … n: entry k is Σ_{r ≤ k+1} r^−s / Σ_{r ≤ n} r^−s, so the last
 * entry is 1 and `searchCumulative(table, n, u)` with u uniform on (0, 1) draws rank k + 1 with probability
 * (k + 1)^−s / H(n, s). Exponent 0 is uniform. O(n).
 *
 * Reference: G. K. Zipf (1949); https://en.wikipedia.org/wiki/Zipf%27s_law
 */
export function zipfCumulative(n: number, exponent: number): Float64Array {
  const cum = new Float64Array(n);
  let s = 0;
  for (let j = 0; j < n; j++) {
    s += 1 / (j + 1) ** exponent;
    cum[j] = s;
  }
  for (let j = 0; j < n; j++) cum[j] = cum[j]! / s;
  return cum;
}
