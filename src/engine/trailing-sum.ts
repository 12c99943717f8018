/**
 * Sums of flows over a trailing period, from running totals: record each tally's running total as time advances,
 * and the sum over (t − period, t] is the total at t less the total at the last record at or before t − period. A
 * market books flows (fees, volumes) as they happen and reports, at each sample, what flowed over the last period (a
 * quarter, to compare with quarterly public figures) without keeping every event. Records must come in
 * non-decreasing time; memory is one record per call (a run's clears).
 */
export class TrailingSums {
  private times: number[] = [];
  private totals: Float64Array[] = [];
  /** Index of the last record at or before the last query's start (queries come in non-decreasing time). */
  private from = 0;

  constructor(readonly width: number) {}

  /** Records the running totals at time t (a copy is kept). */
  record(t: number, totals: ArrayLike<number>): void {
    if (totals.length !== this.width) throw new RangeError(`TrailingSums: ${totals.length} totals for a width of ${this.width}`);
    const n = this.times.length;
    if (n > 0 && t < this.times[n - 1]!) throw new RangeError(`TrailingSums: time ${t} before the last record ${this.times[n - 1]}`);
    this.times.push(t);
    this.totals.push(Float64Array.from(totals));
  }

  /**
   * What flowed in (t − period, t] into `out` (from the last record at or before t); with period ≤ 0, since the record
   * before the last one (one recording interval). Totals before the first record are taken as 0.
   */
  sums(t: number, period: number, out: Float64Array): Float64Array {
    const n = this.times.length;
    out.fill(0);
    if (n === 0) return out;
    let end = n - 1;
    while (end > 0 && this.times[end]! > t) end--;
    const now = this.totals[end]!;
    let base: Float64Array | undefined;
    if (period <= 0) base = end > 0 ? this.totals[end - 1] : undefined;
    else {
      const start = t - period;
      if (this.from > end) this.from = 0;
      while (this.from + 1 <= end && this.times[this.from + 1]! <= start) this.from++;
      base = this.times[this.from]! <= start ? this.totals[this.from] : undefined;
    }
    for (let k = 0; k < this.width; k++) out[k] = now[k]! - (base ? base[k]! : 0);
    return out;
  }
}
