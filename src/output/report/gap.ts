import type { RecordRow } from '../../experiment/record.ts';
import type { MetricSeries, PointSeries } from './aggregate.ts';

/** The model at the date of one observation of the public record, for one point. */
export interface Comparison {
  readonly observation: RecordRow;
  /** The point's mean across replicates at the observation's time (linear between samples). */
  readonly model: number;
  /** The 95 % confidence interval of that mean (NaN with one replicate). */
  readonly lo: number;
  readonly hi: number;
  /** model − record. */
  readonly gap: number;
  /** (model − record) / |record|; NaN when the record is 0. */
  readonly relativeGap: number;
}

/** How far one point's model is from the record of one metric (or of all metrics). */
export interface GapSummary {
  readonly pointId: number;
  readonly compared: readonly Comparison[];
  /** Observations outside the simulated period (after the horizon), not compared. */
  readonly outside: readonly RecordRow[];
  /** Mean of |model − record|, in the metric's unit (NaN when nothing was compared). */
  readonly meanAbsGap: number;
  /** Mean of |model − record| / |record| over observations with a non-zero record (NaN when none). */
  readonly meanAbsRelativeGap: number;
  /** The comparison with the largest |model − record|. */
  readonly largest?: Comparison;
  /** How many observations lie inside the model's 95 % band (only counted where there is a band). */
  readonly insideBand: number;
  readonly withBand: number;
}

/** A series' value at time t, linear between the samples around it; undefined outside the samples or at NaN. */
export function valueAt(t: readonly number[], ys: readonly number[], at: number): number | undefined {
  const n = t.length;
  if (n === 0 || at < t[0]! || at > t[n - 1]!) return undefined;
  let hi = 0;
  while (hi < n - 1 && t[hi]! < at) hi++;
  if (t[hi] === at) return Number.isFinite(ys[hi]!) ? ys[hi] : undefined;
  const lo = hi - 1;
  const y0 = ys[lo]!;
  const y1 = ys[hi]!;
  if (!Number.isFinite(y0) || !Number.isFinite(y1)) return undefined;
  const w = (at - t[lo]!) / (t[hi]! - t[lo]!);
  return y0 + w * (y1 - y0);
}

/** Compares one point's series of a metric with the record's observations of that metric. */
export function compareWithRecord(series: PointSeries, metricIndex: number, observations: readonly RecordRow[]): GapSummary {
  const m: MetricSeries = series.metrics[metricIndex]!;
  const compared: Comparison[] = [];
  const outside: RecordRow[] = [];
  for (const obs of observations) {
    const model = valueAt(series.t, m.mean, obs.tDays);
    if (model === undefined) {
      outside.push(obs);
      continue;
    }
    const gap = model - obs.value;
    compared.push({
      observation: obs,
      model,
      lo: valueAt(series.t, m.lo, obs.tDays) ?? Number.NaN,
      hi: valueAt(series.t, m.hi, obs.tDays) ?? Number.NaN,
      gap,
      relativeGap: obs.value === 0 ? Number.NaN : gap / Math.abs(obs.value),
    });
  }
  return summarise(series.pointId, compared, outside);
}

/** Puts the comparisons of one point (possibly over several metrics) into one summary. */
export function summarise(pointId: number, compared: readonly Comparison[], outside: readonly RecordRow[]): GapSummary {
  const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  let largest: Comparison | undefined;
  for (const c of compared) if (!largest || Math.abs(c.gap) > Math.abs(largest.gap)) largest = c;
  const withBand = compared.filter((c) => Number.isFinite(c.lo) && Number.isFinite(c.hi));
  return {
    pointId,
    compared,
    outside,
    meanAbsGap: mean(compared.map((c) => Math.abs(c.gap))),
    meanAbsRelativeGap: mean(compared.filter((c) => Number.isFinite(c.relativeGap)).map((c) => Math.abs(c.relativeGap))),
    ...(largest ? { largest } : {}),
    insideBand: withBand.filter((c) => c.observation.value >= c.lo && c.observation.value <= c.hi).length,
    withBand: withBand.length,
  };
}
