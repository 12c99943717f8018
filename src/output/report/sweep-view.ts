import type { Manifest } from '../manifest.ts';
import type { PointSeries } from './aggregate.ts';
import type { ReportData, SummaryRow } from './read-report-data.ts';

type Value = number | string | boolean;

/** What the report and `panmine plot` need to know about a folder's sweep, computed once. */
export interface SweepView {
  readonly data: ReportData;
  readonly manifest: Manifest;
  readonly metrics: readonly string[];
  /** Parameters that take more than one value across the points (grid axes, sampled axes, --set lists). */
  readonly swept: readonly string[];
  /** Points that have at least one finished run, ascending. */
  readonly pointIds: readonly number[];
  values(pointId: number): Readonly<Record<string, Value>>;
  /** `a=1, b=0.5` over the swept parameters (`all runs` when nothing is swept). */
  label(pointId: number): string;
  /** `1 · 0.5`: the swept values only, for panel titles. */
  shortLabel(pointId: number): string;
  series(pointId: number): PointSeries | undefined;
  summary(metric: string): readonly SummaryRow[];
  metricIndex(metric: string): number;
  /** `metric [unit]`. */
  yTitle(metric: string): string;
  doc(metric: string): { readonly doc: string; readonly unit?: string };
}

export function valueText(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

export function sweepView(data: ReportData): SweepView {
  const { manifest } = data;
  const metrics = manifest.sweep.metrics;
  const points = new Map(manifest.sweep.space.points.map((p) => [p.id, p.values as Record<string, Value>]));
  const swept = manifest.sweep.space.names.filter((n) => new Set([...points.values()].map((v) => valueText(v[n]))).size > 1);
  const seriesBy = new Map(data.series.map((s) => [s.pointId, s]));
  const summaryBy = new Map<string, SummaryRow[]>();
  for (const r of data.summary) {
    const rows = summaryBy.get(r.metric) ?? [];
    if (rows.length === 0) summaryBy.set(r.metric, rows);
    rows.push(r);
  }
  const values = (id: number) => points.get(id) ?? {};
  return {
    data,
    manifest,
    metrics,
    swept,
    pointIds: data.series.map((s) => s.pointId),
    values,
    label: (id) => (swept.length === 0 ? 'all runs' : swept.map((n) => `${n}=${valueText(values(id)[n])}`).join(', ')),
    shortLabel: (id) => (swept.length === 0 ? 'all runs' : swept.map((n) => valueText(values(id)[n])).join(' · ')),
    series: (id) => seriesBy.get(id),
    summary: (metric) => summaryBy.get(metric) ?? [],
    metricIndex: (metric) => metrics.indexOf(metric),
    yTitle: (metric) => {
      const unit = manifest.metric_docs?.[metric]?.unit;
      return unit ? `${metric} [${unit}]` : metric;
    },
    doc: (metric) => manifest.metric_docs?.[metric] ?? { doc: '' },
  };
}
