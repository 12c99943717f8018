import { studentTQuantile } from '../student-t.ts';

/** One metric of one point over time: the mean across replicates and its 95 % confidence interval at each sample. */
export interface MetricSeries {
  /** Replicates with a finite value at each sample. */
  readonly n: readonly number[];
  /** Mean across replicates (NaN where n = 0). */
  readonly mean: readonly number[];
  /** 95 % confidence interval of the mean by Student's t with n − 1 degrees of freedom (NaN where n < 2). */
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

/** Every metric of one point over time. */
export interface PointSeries {
  readonly pointId: number;
  /** Sample times in days, ascending. */
  readonly t: readonly number[];
  /** In the folder's metric order. */
  readonly metrics: readonly MetricSeries[];
}

/** A cell of timeseries.csv as a number: empty is NaN, `inf`/`-inf` are infinities (and `Inf`/`-Inf`, as folders written before them have it). */
export function cellNumber(text: string): number {
  if (text === '') return Number.NaN;
  if (text === 'inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf' || text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

interface Acc {
  readonly times: Map<number, number>;
  readonly t: number[];
  /** Per metric: count, running mean and sum of squared deviations (Welford) at each sample. */
  readonly n: number[][];
  readonly mean: number[][];
  readonly m2: number[][];
}

/**
 * Aggregates timeseries rows into per-point series, one row at a time, so a folder of any size streams through
 * it: for each (point, t, metric), the count, mean and variance of the finite values across the point's runs
 * (Welford's update). NaN and infinite values are left out, as summary.csv leaves them out.
 */
export class SeriesAccumulator {
  private readonly points = new Map<number, Acc>();

  constructor(
    private readonly metricCount: number,
    private readonly pointOfRun: (runId: number) => number | undefined,
  ) {}

  /** Adds one row: run id, t in days, then the metrics in order. */
  add(runId: number, tDays: number, values: readonly number[]): void {
    const pointId = this.pointOfRun(runId);
    if (pointId === undefined) return;
    let acc = this.points.get(pointId);
    if (!acc) {
      acc = { times: new Map(), t: [], n: [], mean: [], m2: [] };
      for (let j = 0; j < this.metricCount; j++) {
        acc.n.push([]);
        acc.mean.push([]);
        acc.m2.push([]);
      }
      this.points.set(pointId, acc);
    }
    let k = acc.times.get(tDays);
    if (k === undefined) {
      k = acc.t.length;
      acc.times.set(tDays, k);
      acc.t.push(tDays);
      for (let j = 0; j < this.metricCount; j++) {
        acc.n[j]!.push(0);
        acc.mean[j]!.push(0);
        acc.m2[j]!.push(0);
      }
    }
    for (let j = 0; j < this.metricCount; j++) {
      const x = values[j]!;
      if (!Number.isFinite(x)) continue;
      const n = acc.n[j]!;
      const mean = acc.mean[j]!;
      const m2 = acc.m2[j]!;
      const count = n[k]! + 1;
      const delta = x - mean[k]!;
      n[k] = count;
      mean[k] = mean[k]! + delta / count;
      m2[k] = m2[k]! + delta * (x - mean[k]!);
    }
  }

  /** The series of every point that had rows, by point id, with samples in time order. */
  finish(): PointSeries[] {
    const tq = new Map<number, number>();
    const quantile = (df: number) => {
      let q = tq.get(df);
      if (q === undefined) {
        q = studentTQuantile(0.975, df);
        tq.set(df, q);
      }
      return q;
    };
    const out: PointSeries[] = [];
    for (const pointId of [...this.points.keys()].sort((a, b) => a - b)) {
      const acc = this.points.get(pointId)!;
      const order = acc.t.map((_, i) => i).sort((a, b) => acc.t[a]! - acc.t[b]!);
      const metrics = acc.n.map((nAll, j) => {
        const n = order.map((k) => nAll[k]!);
        const mean = order.map((k) => (nAll[k]! > 0 ? acc.mean[j]![k]! : Number.NaN));
        const half = order.map((k) => {
          const c = nAll[k]!;
          return c < 2 ? Number.NaN : quantile(c - 1) * Math.sqrt(acc.m2[j]![k]! / (c - 1) / c);
        });
        return { n, mean, lo: mean.map((m, i) => m - half[i]!), hi: mean.map((m, i) => m + half[i]!) };
      });
      out.push({ pointId, t: order.map((k) => acc.t[k]!), metrics });
    }
    return out;
  }
}
