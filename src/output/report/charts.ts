import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega-Lite specifications of the report's charts (and of `panmine plot`). Each builder takes plain numbers and
 * returns a spec; render.ts turns a spec into SVG with vega. NaN is passed to vega as null, which it leaves out.
 */

/** One point's mean over time and the 95 % confidence band around it. */
export interface SeriesLine {
  readonly pointId: number;
  readonly label: string;
  readonly t: readonly number[];
  readonly mean: readonly number[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

/** An observation of the public record placed on the time axis. */
export interface RecordMark {
  readonly t: number;
  readonly value: number;
  readonly date: string;
}

/** One point's end-of-run mean of a metric and its 95 % confidence interval, at the value of a parameter. */
export interface ResponsePoint {
  readonly x: number | string | boolean;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  /** The values of the other swept parameters, when they are shown as colours. */
  readonly group?: string;
}

export const CHART_WIDTH = 620;
/** The width of a row of small multiples. */
const MULTIPLES_WIDTH = 900;
const PALETTE = 'tableau10';
const RECORD_COLOR = '#111';

/** The look shared by every chart: white background, no ARIA text (it doubles the SVG), quiet grid. */
export const CHART_CONFIG = {
  aria: false,
  background: 'white',
  font: 'DejaVu Sans, Verdana, sans-serif',
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e8e8e8', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 10, titleFontSize: 10, labelLimit: 520, symbolStrokeWidth: 2 },
  header: { labelFontSize: 10, labelLimit: 170, title: null },
  view: { stroke: '#ddd' },
  title: { fontSize: 12, fontWeight: 'normal', anchor: 'start' },
} as const;

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Indices that keep at most `max` of `n` samples: every k-th, and always the last. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil(n / max);
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

function modelRows(lines: readonly SeriesLine[], maxSamples: number) {
  const rows: Record<string, unknown>[] = [];
  for (const l of lines) {
    for (const i of thinIndices(l.t.length, maxSamples)) {
      rows.push({ kind: 'model', point: l.pointId, label: l.label, t: l.t[i], mean: num(l.mean[i]!), lo: num(l.lo[i]!), hi: num(l.hi[i]!) });
    }
  }
  return rows;
}

function recordRows(record: readonly RecordMark[], lines: readonly SeriesLine[], perPanel: boolean) {
  if (!perPanel) return record.map((r) => ({ kind: 'record', t: r.t, value: r.value, date: r.date }));
  return lines.flatMap((l) => record.map((r) => ({ kind: 'record', point: l.pointId, label: l.label, t: r.t, value: r.value, date: r.date })));
}

function layers(o: { colored: boolean; labels: readonly string[]; yTitle: string | null; hasRecord: boolean; strokeWidth: number }) {
  const color = o.colored
    ? {
        color: {
          field: 'label',
          type: 'nominal',
          title: null,
          scale: { domain: [...o.labels], scheme: PALETTE },
          legend: { orient: 'right', direction: 'vertical', symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2.5 },
        },
      }
    : {};
  const x = { field: 't', type: 'quantitative', title: 'days', scale: { nice: false } };
  const out: Record<string, unknown>[] = [
    {
      transform: [{ filter: "datum.kind === 'model'" }],
      mark: { type: 'area', opacity: 0.2, ...(o.colored ? {} : { color: '#4c78a8' }) },
      encoding: { x, y: { field: 'lo', type: 'quantitative', title: o.yTitle, scale: { zero: false } }, y2: { field: 'hi' }, ...color },
    },
    {
      transform: [{ filter: "datum.kind === 'model'" }],
      mark: { type: 'line', strokeWidth: o.strokeWidth, ...(o.colored ? {} : { color: '#4c78a8' }) },
      encoding: { x, y: { field: 'mean', type: 'quantitative', title: o.yTitle }, ...color },
    },
  ];
  if (o.hasRecord) {
    out.push({
      transform: [{ filter: "datum.kind === 'record'" }],
      mark: { type: 'point', shape: 'diamond', filled: true, color: RECORD_COLOR, size: 42, opacity: 1 },
      encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'value', type: 'quantitative', title: o.yTitle } },
    });
  }
  return out;
}

/**
 * A metric over time, one line per point (the mean across replicates) with its 95 % band, and the public
 * record as black diamonds. With one point there is no legend.
 */
export function overlaySpec(o: { lines: readonly SeriesLine[]; record: readonly RecordMark[]; yTitle: string; maxSamples?: number }): TopLevelSpec {
  const colored = o.lines.length > 1;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 230,
    data: { values: [...modelRows(o.lines, o.maxSamples ?? 500), ...recordRows(o.record, o.lines, false)] },
    layer: layers({ colored, labels: o.lines.map((l) => l.label), yTitle: o.yTitle, hasRecord: o.record.length > 0, strokeWidth: 1.8 }),
  } as unknown as TopLevelSpec;
}

/** A metric over time as small multiples: one panel per point (mean and 95 % band), shared axes. */
export function smallMultiplesSpec(o: { lines: readonly SeriesLine[]; record: readonly RecordMark[]; yTitle: string; maxSamples?: number }): TopLevelSpec {
  const columns = o.lines.length <= 4 ? o.lines.length : o.lines.length <= 9 ? 3 : o.lines.length <= 16 ? 4 : 5;
  const width = Math.floor(MULTIPLES_WIDTH / columns) - 16;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // No grid in small panels: it would be a fifth of the page's bytes and says little at this size.
    config: { ...CHART_CONFIG, axis: { ...CHART_CONFIG.axis, grid: false } },
    data: { values: [...modelRows(o.lines, o.maxSamples ?? 40), ...recordRows(o.record, o.lines, true)] },
    facet: { field: 'label', type: 'nominal', sort: o.lines.map((l) => l.label) },
    columns,
    spacing: { row: 6, column: 8 },
    spec: {
      width,
      height: 70,
      // The metric names the figure; repeated beside every row, the y title would overlap its neighbours.
      layer: layers({ colored: false, labels: [], yTitle: null, hasRecord: o.record.length > 0, strokeWidth: 1.2 }),
    },
  } as unknown as TopLevelSpec;
}

/**
 * A metric over time across many points: the median over points of each point's mean, and the band from the
 * 10th to the 90th percentile of those means (the spread over the parameter space, not a confidence interval).
 */
export function envelopeSpec(o: {
  t: readonly number[];
  median: readonly number[];
  q10: readonly number[];
  q90: readonly number[];
  record: readonly RecordMark[];
  yTitle: string;
}): TopLevelSpec {
  const values: Record<string, unknown>[] = o.t.map((t, i) => ({ kind: 'model', t, mean: num(o.median[i]!), lo: num(o.q10[i]!), hi: num(o.q90[i]!) }));
  for (const r of o.record) values.push({ kind: 'record', t: r.t, value: r.value, date: r.date });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 230,
    data: { values },
    layer: layers({ colored: false, labels: [], yTitle: o.yTitle, hasRecord: o.record.length > 0, strokeWidth: 1.8 }),
  } as unknown as TopLevelSpec;
}

/**
 * An end-of-run metric against a swept parameter: each point's mean with its 95 % confidence interval as an
 * error bar; means joined by a line per group when `connect` (a grid axis); groups (the other swept parameters'
 * values) as colours when given.
 */
export function responseSpec(o: {
  points: readonly ResponsePoint[];
  xTitle: string;
  xType: 'quantitative' | 'ordinal';
  yTitle: string;
  connect: boolean;
  groups?: readonly string[];
  width?: number;
  height?: number;
}): TopLevelSpec {
  const grouped = !!o.groups && o.groups.length > 1;
  const color = grouped
    ? {
        color: {
          field: 'group',
          type: 'nominal',
          title: null,
          scale: { domain: [...o.groups!], scheme: PALETTE },
          legend: { orient: 'bottom', direction: 'vertical' },
        },
      }
    : {};
  const fixed = grouped ? {} : { color: '#4c78a8' };
  const x = { field: 'x', type: o.xType, title: o.xTitle, ...(o.xType === 'quantitative' ? { scale: { zero: false, nice: false, padding: 8 } } : {}) };
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'rule', strokeWidth: 1.4, ...fixed },
      encoding: { x, y: { field: 'lo', type: 'quantitative', title: o.yTitle, scale: { zero: false } }, y2: { field: 'hi' }, ...color },
    },
  ];
  const y = { field: 'mean', type: 'quantitative', title: o.yTitle };
  if (o.connect) layer.push({ mark: { type: 'line', strokeWidth: 1.2, opacity: 0.7, ...fixed }, encoding: { x, y, ...color } });
  layer.push({ mark: { type: 'point', filled: true, size: 30, opacity: 1, ...fixed }, encoding: { x, y, ...color } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: o.width ?? 280,
    height: o.height ?? 170,
    data: {
      values: o.points
        .filter((p) => Number.isFinite(p.mean))
        .map((p) => ({ x: typeof p.x === 'boolean' ? String(p.x) : p.x, mean: p.mean, lo: num(p.lo), hi: num(p.hi), group: p.group ?? '' })),
    },
    layer,
  } as unknown as TopLevelSpec;
}
