import type { TopLevelSpec } from 'vega-lite';
import { envelopeSpec, overlaySpec, type RecordMark, type ResponsePoint, responseSpec, type SeriesLine, smallMultiplesSpec, thinIndices } from './charts.ts';
import { type SweepView, valueText } from './sweep-view.ts';

/** Up to this many points, a metric over time is one chart with a line per point. */
export const OVERLAY_MAX_POINTS = 8;
/** Up to this many points, small multiples (one panel per point); beyond, the spread over points. */
export const MULTIPLES_MAX_POINTS = 100;
/** At most this many samples per line are drawn (every k-th, and the last); the CSVs hold them all. */
export const MAX_SAMPLES = { overlay: 500, multiples: 40, envelope: 300 } as const;

export type TimeMode = 'overlay' | 'multiples' | 'envelope';

export function timeMode(points: number): TimeMode {
  return points <= OVERLAY_MAX_POINTS ? 'overlay' : points <= MULTIPLES_MAX_POINTS ? 'multiples' : 'envelope';
}

export interface TimeFigure {
  readonly spec: TopLevelSpec;
  readonly mode: TimeMode;
  /** The largest step between drawn samples (1: every sample drawn). */
  readonly step: number;
  /** Replicates per point (the largest n at any sample). */
  readonly replicates: number;
}

/** The public record's observations of one metric, as marks on the time axis. */
export function recordMarks(view: SweepView, metric: string): RecordMark[] {
  return (view.data.record?.rows ?? []).filter((r) => r.metric === metric).map((r) => ({ t: r.tDays, value: r.value, date: r.date }));
}

function quantileSorted(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const at = (xs.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (at - lo);
}

/**
 * A metric over time for the whole sweep, or undefined when no point has a finite value of it: one line per
 * point with its 95 % band (few points), one panel per point (more), or the median and 10–90 % spread of the
 * points' means (many). `mode` forces a presentation.
 */
export function timeFigure(view: SweepView, metric: string, mode: TimeMode = timeMode(view.pointIds.length)): TimeFigure | undefined {
  const j = view.metricIndex(metric);
  const lines: SeriesLine[] = [];
  let replicates = 0;
  for (const id of view.pointIds) {
    const s = view.series(id)!;
    const m = s.metrics[j]!;
    if (!m.mean.some((x) => Number.isFinite(x))) continue;
    for (const n of m.n) replicates = Math.max(replicates, n);
    lines.push({ pointId: id, label: mode === 'multiples' ? view.shortLabel(id) : view.label(id), t: s.t, mean: m.mean, lo: m.lo, hi: m.hi });
  }
  if (lines.length === 0) return undefined;
  const record = recordMarks(view, metric);
  const yTitle = view.yTitle(metric);
  const maxLen = Math.max(...lines.map((l) => l.t.length));
  const stepOf = (max: number) => {
    const idx = thinIndices(maxLen, max);
    return idx.length > 1 ? idx[1]! - idx[0]! : 1;
  };
  if (mode === 'overlay')
    return { spec: overlaySpec({ lines, record, yTitle, maxSamples: MAX_SAMPLES.overlay }), mode, step: stepOf(MAX_SAMPLES.overlay), replicates };
  if (mode === 'multiples')
    return { spec: smallMultiplesSpec({ lines, record, yTitle, maxSamples: MAX_SAMPLES.multiples }), mode, step: stepOf(MAX_SAMPLES.multiples), replicates };
  const byT = new Map<number, number[]>();
  for (const l of lines) {
    for (const [i, t] of l.t.entries()) {
      const x = l.mean[i]!;
      if (!Number.isFinite(x)) continue;
      const xs = byT.get(t) ?? [];
      if (xs.length === 0) byT.set(t, xs);
      xs.push(x);
    }
  }
  const allT = [...byT.keys()].sort((a, b) => a - b);
  const keep = thinIndices(allT.length, MAX_SAMPLES.envelope).map((i) => allT[i]!);
  const sorted = keep.map((t) => byT.get(t)!.sort((a, b) => a - b));
  return {
    spec: envelopeSpec({
      t: keep,
      median: sorted.map((xs) => quantileSorted(xs, 0.5)),
      q10: sorted.map((xs) => quantileSorted(xs, 0.1)),
      q90: sorted.map((xs) => quantileSorted(xs, 0.9)),
      record,
      yTitle,
    }),
    mode,
    step: allT.length > MAX_SAMPLES.envelope ? Math.ceil(allT.length / MAX_SAMPLES.envelope) : 1,
    replicates,
  };
}

export interface ResponseFigure {
  readonly spec: TopLevelSpec;
  /** The other swept parameters, when they are shown as colours. */
  readonly coloredBy: readonly string[];
  /** The other swept parameters that vary among points at the same x and are not shown. */
  readonly unshown: readonly string[];
}

/** Most colour groups a response chart shows; with more, points share one colour. */
export const MAX_GROUPS = 8;

/**
 * An end-of-run metric against one swept parameter, from summary.csv: each point's mean and 95 % confidence
 * interval. The other swept parameters colour the points (and the means of a grid axis are joined) when they
 * make at most MAX_GROUPS combinations. Undefined when no point has a finite mean.
 */
export function responseFigure(view: SweepView, metric: string, param: string, size?: { width: number; height: number }): ResponseFigure | undefined {
  const rows = view.summary(metric).filter((r) => Number.isFinite(r.mean));
  if (rows.length === 0) return undefined;
  const others = view.swept.filter((n) => n !== param);
  const groupOf = (id: number) => others.map((n) => `${n}=${valueText(view.values(id)[n])}`).join(', ');
  const groups = [...new Set(rows.map((r) => groupOf(r.pointId)))];
  const colored = others.length > 0 && groups.length <= MAX_GROUPS;
  const distinctX = new Set(rows.map((r) => valueText(view.values(r.pointId)[param]))).size;
  const type = view.manifest.sweep.space.specs[param]?.type;
  const points: ResponsePoint[] = rows.map((r) => ({
    x: view.values(r.pointId)[param] ?? '',
    mean: r.mean,
    lo: r.lo,
    hi: r.hi,
    ...(colored ? { group: groupOf(r.pointId) } : {}),
  }));
  return {
    spec: responseSpec({
      points,
      xTitle: param,
      xType: type === 'int' || type === 'real' ? 'quantitative' : 'ordinal',
      yTitle: view.yTitle(metric),
      connect: distinctX <= 30 && (others.length === 0 || colored),
      ...(colored ? { groups } : {}),
      ...(size ?? {}),
    }),
    coloredBy: colored ? others : [],
    unshown: colored ? [] : others,
  };
}
