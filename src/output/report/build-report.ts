import type { RecordRow } from '../../experiment/record.ts';
import type { SpecRecord } from '../manifest.ts';
import { MULTIPLES_MAX_POINTS, OVERLAY_MAX_POINTS, responseFigure, type TimeFigure, timeFigure, timeMode } from './figures.ts';
import { type Comparison, compareWithRecord, type GapSummary, summarise } from './gap.ts';
import { esc, fmt, inertScriptText, page, pct, scriptJson, signed } from './html.ts';
import type { ReportData } from './read-report-data.ts';
import { renderSvg } from './render.ts';
import { metricSections } from './sections.ts';
import { type SweepView, sweepView, valueText } from './sweep-view.ts';

/** Summary rows up to which the table first shows every metric (beyond, one metric at a time). */
const TABLE_ALL_METRICS_MAX_ROWS = 2000;
/** Failed runs listed in full (the manifest lists them all). */
const FAILURES_LISTED = 200;
/** Points compared with the record one by one; with more, the best and the worst. */
const GAP_POINTS_LISTED = 4;

/** Numbers charts within one page, so their SVG ids differ. */
class ChartIds {
  private n = 0;
  next(): string {
    return `c${++this.n}`;
  }
}

/**
 * The report of an output folder as one self-contained HTML page (charts are SVG rendered here by vega from
 * Vega-Lite specs; the page fetches nothing). Pure: the same data give the same bytes.
 */
export async function buildReport(data: ReportData): Promise<string> {
  const view = sweepView(data);
  const ids = new ChartIds();
  const name = data.manifest.sweep.experiment;
  const body = [
    header(view),
    toc(view),
    spaceSection(view),
    await timeSection(view, ids),
    await responseSection(view, ids),
    recordSection(view),
    summarySection(view),
    failuresSection(view),
    `<footer>Made by panmine ${esc(data.manifest.sweep.panmine_version)} from ${esc(data.folder)}. The numbers behind every chart are in the folder's CSVs; <code>panmine query</code> runs SQL over them.</footer>`,
  ];
  return page(`${name} — panmine report`, body.join('\n'));
}

function header(view: SweepView): string {
  const m = view.manifest;
  const s = m.sweep;
  const total = m.runs_total ?? m.runs?.length ?? 0;
  const failed = m.runs_failed ?? 0;
  const facts: [string, string][] = [
    ['folder', `<code>${esc(view.data.folder)}</code>`],
    ['status', failed > 0 ? `<span class="bad">${failed} of ${total} runs failed</span> (see <a href="#failures">failures</a>)` : `complete: ${total} runs`],
    [
      'sweep',
      `${s.space.points.length} point${s.space.points.length === 1 ? '' : 's'} × ${s.replicates} replicate${s.replicates === 1 ? '' : 's'}${
        view.swept.length ? `, sweeping ${view.swept.map((n) => `<span class="swept">${esc(n)}</span>`).join(', ')}` : ''
      }`,
    ],
    ['seed', String(s.seed)],
    ['experiment file', `<code>${esc(m.experiment_file)}</code>`],
    [
      'code',
      s.sources_sha256
        ? `sha256 ${esc(s.sources_sha256.slice(0, 12))}… over the ${Object.keys(m.sources ?? {}).length} source files its runs loaded`
        : `experiment file sha256 ${esc((s.experiment_sha256 ?? '?').slice(0, 12))}…`,
    ],
    ['panmine', `${esc(s.panmine_version)}${m.git_commit ? `, commit ${esc(m.git_commit.slice(0, 12))}` : ''}`],
    ['ran', `${esc(m.started_at)} to ${esc(m.ended_at ?? '?')}`],
    ['command', `<code>${esc(m.command.join(' '))}</code>`],
  ];
  if (m.shard) facts.push(['shard', `${m.shard.index} of ${m.shard.count} (this folder holds only that shard's runs)`]);
  if (m.merged_from) facts.push(['merged from', `${m.merged_from.length} folders`]);
  if (m.record) facts.push(['public record', `<a href="#record">${m.record.rows} observations</a>, t = 0 is ${esc(m.record.start_date)}`]);
  return `<header><h1>${esc(s.experiment)}</h1><p class="desc">${esc(m.description)}</p>
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl></header>`;
}

function toc(view: SweepView): string {
  const links = [
    ['space', 'Parameter space'],
    ['time', 'Metrics over time'],
    ['response', 'End of run against parameters'],
    ...(view.data.record ? [['record', 'Model against the public record']] : []),
    ['summary', 'Summary table'],
    ['failures', 'Failures'],
  ];
  return `<nav class="toc">${links.map(([id, text]) => `<a href="#${id}">${text}</a>`).join('')}</nav>`;
}

function specValueText(spec: SpecRecord | undefined): string {
  const v = spec?.value as { kind?: string; values?: unknown[]; low?: number; high?: number } | undefined;
  if (v && typeof v === 'object') {
    if (v.kind === 'grid') return `grid [${(v.values ?? []).map(valueText).join(', ')}]`;
    if (v.kind === 'choice') return `sampled from [${(v.values ?? []).map(valueText).join(', ')}]`;
    return `sampled ${v.kind}(${v.low}, ${v.high})`;
  }
  return valueText(v);
}

function spaceSection(view: SweepView): string {
  const { names, specs, points } = view.manifest.sweep.space;
  const row = (n: string, value: string) => {
    const s = specs[n];
    return `<tr><td${view.swept.includes(n) ? ' class="swept"' : ''}>${esc(n)}</td><td>${esc(s?.type ?? '')}</td><td>${value}</td><td>${esc(s?.unit ?? '')}</td><td>${esc(s?.doc ?? '')}</td></tr>`;
  };
  const head = '<tr><th>parameter</th><th>type</th><th>value</th><th>unit</th><th>meaning</th></tr>';
  const sweptRows = view.swept.map((n) => {
    const distinct = [...new Set(points.map((p) => valueText(p.values[n])))];
    const shown = distinct.length <= 12 ? distinct.join(', ') : `${distinct.length} values, ${distinct[0]} … ${distinct[distinct.length - 1]}`;
    return row(n, `${esc(specValueText(specs[n]))}<br><span class="muted">${esc(shown)}</span>`);
  });
  const fixed = names.filter((n) => !view.swept.includes(n));
  const fixedRows = fixed.map((n) => row(n, esc(valueText(points[0]?.values[n]))));
  const total = points.length * view.manifest.sweep.replicates;
  return `<section id="space"><h2>Parameter space</h2>
<p>${points.length} point${points.length === 1 ? '' : 's'} × ${view.manifest.sweep.replicates} replicates = ${total} runs. A point is one assignment of the parameters; each replicate of it runs with its own seed.</p>
${view.swept.length ? `<table><thead>${head}</thead><tbody>${sweptRows.join('')}</tbody></table>` : '<p>Nothing is swept: every run has the same parameters.</p>'}
${fixed.length ? `<details><summary>${fixed.length} fixed parameter${fixed.length === 1 ? '' : 's'}</summary><table><thead>${head}</thead><tbody>${fixedRows.join('')}</tbody></table></details>` : ''}
</section>`;
}

function metricHead(view: SweepView, metric: string): string {
  const d = view.doc(metric);
  return `<h4>${esc(metric)}${d.unit ? ` <span class="muted">[${esc(d.unit)}]</span>` : ''}</h4>${d.doc ? `<p class="doc">${esc(d.doc)}</p>` : ''}`;
}

function timeCaption(view: SweepView, f: TimeFigure, metric: string): string {
  const parts: string[] = [];
  const reps = `${f.replicates} replicate${f.replicates === 1 ? '' : 's'}`;
  const band = f.replicates > 1 ? 'band: 95 % confidence interval of that mean (Student t)' : 'no band with one replicate';
  if (f.mode === 'overlay') parts.push(`Line: mean across the ${reps} of ${view.pointIds.length === 1 ? 'the point' : 'each point'}; ${band}.`);
  if (f.mode === 'multiples')
    parts.push(`One panel per point, titled by ${view.swept.map(esc).join(' · ')}; line: mean of ${esc(metric)} across its ${reps}; ${band}.`);
  if (f.mode === 'envelope')
    parts.push(
      `${view.pointIds.length} points, too many to draw one by one: the line is the median over points of each point's mean; the band spans the 10th to the 90th percentile of those means (the spread over the parameter space, not a confidence interval). Per-point numbers: <code>panmine query ${esc(view.data.folder)} "select ..."</code>.`,
    );
  if (f.step > 1) parts.push(`One sample in ${f.step} is drawn; the CSV holds them all.`);
  const record = (view.data.record?.rows ?? []).filter((r) => r.metric === metric).length;
  if (record > 0) parts.push(`◆ public record (${record} observation${record === 1 ? '' : 's'}).`);
  return `<figcaption>${parts.join(' ')}</figcaption>`;
}

function gapText(view: SweepView, g: GapSummary): string {
  if (g.compared.length === 0) return `${esc(view.label(g.pointId))}: no observation falls in the simulated period`;
  const l = g.largest!;
  return `${esc(view.label(g.pointId))}: |model − record| averages ${fmt(g.meanAbsGap)} (${pct(g.meanAbsRelativeGap)} of the record) over ${g.compared.length} observation${
    g.compared.length === 1 ? '' : 's'
  }; largest ${signed(l.gap)} on ${esc(l.observation.date)}${
    g.withBand > 0 ? `; ${g.insideBand} of ${g.withBand} inside the model's 95 % band` : ''
  }${g.outside.length ? `; ${g.outside.length} after the simulated period, not compared` : ''}`;
}

/** Sorts gap summaries best first (smallest mean relative gap, then absolute gap; uncompared last). */
function byFit(a: GapSummary, b: GapSummary): number {
  const key = (g: GapSummary) => (Number.isFinite(g.meanAbsRelativeGap) ? g.meanAbsRelativeGap : Number.isFinite(g.meanAbsGap) ? g.meanAbsGap : Infinity);
  return key(a) - key(b) || a.pointId - b.pointId;
}

/** The sentence under a metric's chart that states the gap between model and record. */
function gapStatement(view: SweepView, metric: string): string {
  const observations = (view.data.record?.rows ?? []).filter((r) => r.metric === metric);
  if (observations.length === 0) return '';
  const j = view.metricIndex(metric);
  const gaps = view.pointIds.map((id) => compareWithRecord(view.series(id)!, j, observations));
  let shown: string[];
  if (gaps.length <= GAP_POINTS_LISTED) shown = gaps.map((g) => gapText(view, g));
  else {
    const sorted = [...gaps].sort(byFit);
    shown = [`closest point ${gapText(view, sorted[0]!)}`, `farthest point ${gapText(view, sorted[sorted.length - 1]!)}`];
  }
  return `<p class="gap"><b>Model against the public record.</b> ${shown.join('. ')}.</p>`;
}

async function metricBlock(view: SweepView, ids: ChartIds, metric: string, mode = timeMode(view.pointIds.length)): Promise<string> {
  const f = timeFigure(view, metric, mode);
  if (!f) return `${metricHead(view, metric)}<p class="muted">No run has a finite value of this metric.</p>`;
  const svg = await renderSvg(f.spec, ids.next());
  return `${metricHead(view, metric)}<figure class="chart">${svg}${timeCaption(view, f, metric)}</figure>${gapStatement(view, metric)}`;
}

async function timeSection(view: SweepView, ids: ChartIds): Promise<string> {
  const sections = metricSections(view.metrics, view.manifest.networks);
  const mode = timeMode(view.pointIds.length);
  const out: string[] = ['<section id="time"><h2>Metrics over time</h2>'];
  if (view.pointIds.length === 0) out.push('<p class="bad">No run finished: there is nothing to draw.</p>');
  else if (mode === 'overlay')
    out.push(`<p>Each metric as sampled during the runs: one line per point (up to ${OVERLAY_MAX_POINTS} points), the mean across its replicates.</p>`);
  else if (mode === 'multiples')
    out.push(
      `<p>${view.pointIds.length} points: each metric as small multiples, one panel per point (up to ${MULTIPLES_MAX_POINTS}); choose the metric in each list.</p>`,
    );
  else out.push(`<p>${view.pointIds.length} points: each metric as the spread of the points' means over time.</p>`);
  for (const [k, section] of sections.entries()) {
    if (section.network !== null) out.push(`<h3 id="network-${esc(section.network)}">${esc(section.network)}</h3>`);
    if (view.pointIds.length === 0) break;
    if (mode !== 'multiples') {
      for (const metric of section.metrics) out.push(`<div class="metric">${await metricBlock(view, ids, metric, mode)}</div>`);
      continue;
    }
    const figureId = `time-${k}`;
    const blocks: string[] = [];
    for (const metric of section.metrics) blocks.push(await metricBlock(view, ids, metric, mode));
    out.push(
      `<div class="selector"><label>Metric <select data-figure="${figureId}">${section.metrics.map((m) => `<option value="${esc(m)}">${esc(m)}</option>`).join('')}</select></label></div>`,
    );
    out.push(`<div class="metric" id="${figureId}">${blocks[0] ?? ''}</div>`);
    for (const [i, metric] of section.metrics.entries())
      out.push(`<script type="text/x-panmine-figure" data-figure="${figureId}" data-key="${esc(metric)}">${inertScriptText(blocks[i]!)}</script>`);
  }
  out.push('</section>');
  return out.join('\n');
}

async function responseSection(view: SweepView, ids: ChartIds): Promise<string> {
  const out: string[] = ['<section id="response"><h2>End of run against each swept parameter</h2>'];
  if (view.swept.length === 0) {
    out.push('<p>Nothing is swept, so there is no response to draw; the end-of-run statistics are in the <a href="#summary">summary table</a>.</p></section>');
    return out.join('\n');
  }
  out.push(
    "<p>For each point, the mean of the metric's end-of-run value across replicates (summary.csv) with its 95 % confidence interval as an error bar (Student t; none with one replicate).</p>",
  );
  const sections = metricSections(view.metrics, view.manifest.networks);
  for (const param of view.swept) {
    out.push(`<h3>Against ${esc(param)}</h3>`);
    let note = '';
    const probe = responseFigure(view, view.metrics[0]!, param);
    if (probe?.coloredBy.length) note = `Colours: ${probe.coloredBy.map(esc).join(', ')}.`;
    if (probe?.unshown.length)
      note = `${probe.unshown.map(esc).join(', ')} also vary among the points at the same ${esc(param)} (too many combinations to colour).`;
    if (note) out.push(`<p class="muted">${note}</p>`);
    for (const section of sections) {
      if (section.network !== null) out.push(`<h4>${esc(section.network)}</h4>`);
      const cells: string[] = [];
      for (const metric of section.metrics) {
        const f = responseFigure(view, metric, param);
        cells.push(
          f
            ? `<div><h4>${esc(metric)}</h4><figure class="chart">${await renderSvg(f.spec, ids.next())}</figure></div>`
            : `<div><h4>${esc(metric)}</h4><p class="muted">No finite end-of-run value.</p></div>`,
        );
      }
      out.push(`<div class="grid">${cells.join('')}</div>`);
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text);
}

function recordSection(view: SweepView): string {
  const record = view.data.record;
  const info = view.manifest.record;
  if (!record || !info) return '';
  const metrics = [...new Set(record.rows.map((r) => r.metric))];
  const dates = record.rows.map((r) => r.date).sort();
  const perPoint = view.pointIds.map((id) => {
    const s = view.series(id)!;
    const compared: Comparison[] = [];
    const outside: RecordRow[] = [];
    for (const m of metrics) {
      const g = compareWithRecord(
        s,
        view.metricIndex(m),
        record.rows.filter((r) => r.metric === m),
      );
      compared.push(...g.compared);
      outside.push(...g.outside);
    }
    return summarise(id, compared, outside);
  });
  const ranked = [...perPoint].sort(byFit);
  const best = ranked[0];
  const listed = ranked.slice(0, 8);
  const fitRows = listed.map(
    (g) =>
      `<tr><td>${esc(view.label(g.pointId))}</td><td class="num">${g.compared.length}</td><td class="num">${pct(g.meanAbsRelativeGap)}</td><td class="num">${
        g.withBand > 0 ? `${g.insideBand} of ${g.withBand}` : '–'
      }</td><td class="num">${g.outside.length}</td></tr>`,
  );
  const obsRows = record.rows.map((r) => {
    const c = best?.compared.find((x) => x.observation === r);
    const source = isUrl(r.source) ? `<a href="${esc(r.source)}" rel="noopener noreferrer">${esc(r.source)}</a>` : esc(r.source);
    const model = c
      ? `${fmt(c.model)}${Number.isFinite(c.lo) ? ` <span class="muted">[${fmt(c.lo)}, ${fmt(c.hi)}]</span>` : ''}`
      : '<span class="muted">after the horizon</span>';
    return `<tr><td>${esc(r.date)}</td><td>${esc(r.metric)}</td><td class="num">${fmt(r.value, 6)}</td><td class="num">${model}</td><td class="num">${c ? signed(c.gap) : '–'}</td><td class="num">${c ? pct(c.relativeGap) : '–'}</td><td>${source}</td></tr>`;
  });
  return `<section id="record"><h2>Model against the public record</h2>
<p>The experiment declares a public record: ${record.rows.length} observation${record.rows.length === 1 ? '' : 's'} of ${metrics.map(esc).join(', ')}, dated ${esc(dates[0]!)} to ${esc(dates[dates.length - 1]!)}; simulated time t = 0 is ${esc(record.startDate)}. The record was read from <code>${esc(info.source)}</code> (sha256 ${esc(info.sha256.slice(0, 12))}…) and is kept in this folder as <code>${esc(info.file)}</code>. The model's value at an observation's date is the point's mean across replicates, linear between samples.</p>
<h3>Fit of each point</h3>
<table><thead><tr><th>point</th><th class="num">observations compared</th><th class="num">mean |model − record| / |record|</th><th class="num">inside the 95 % band</th><th class="num">after the horizon</th></tr></thead><tbody>${fitRows.join('')}</tbody></table>
${perPoint.length > listed.length ? `<p class="muted">The ${listed.length} closest of ${perPoint.length} points.</p>` : ''}
<h3>Each observation${perPoint.length > 1 && best ? `, against the closest point (${esc(view.label(best.pointId))})` : ''}</h3>
<div class="scroll"><table><thead><tr><th>date</th><th>metric</th><th class="num">record</th><th class="num">model [95 % CI]</th><th class="num">model − record</th><th class="num">relative</th><th>source</th></tr></thead><tbody>${obsRows.join('')}</tbody></table></div>
</section>`;
}

function summarySection(view: SweepView): string {
  const columns = ['point_id', ...view.swept, 'metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'median', 'max'];
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const rows = view.data.summary.map((r) => [
    r.pointId,
    ...view.swept.map((n) => view.values(r.pointId)[n] ?? null),
    r.metric,
    r.n,
    num(r.mean),
    num(r.sd),
    num(r.lo),
    num(r.hi),
    num(r.min),
    num(r.median),
    num(r.max),
  ]);
  const numeric = columns.map((_, j) => rows.length > 0 && rows.every((r) => r[j] === null || typeof r[j] === 'number'));
  const allFirst = rows.length <= TABLE_ALL_METRICS_MAX_ROWS;
  const options = [
    ...(allFirst ? ['<option value="*" selected>all metrics</option>'] : ['<option value="*">all metrics</option>']),
    ...view.metrics.map((m, i) => `<option value="${esc(m)}"${!allFirst && i === 0 ? ' selected' : ''}>${esc(m)}</option>`),
  ];
  return `<section id="summary"><h2>Summary table</h2>
<p>summary.csv: one row per (point, metric) over the end-of-run values of the point's runs — n, mean, sample sd, the 95 % confidence interval of the mean (Student t), min, median, max. Click a column to sort; numbers are shown to 6 significant digits (the CSV has them all).</p>
<div class="selector"><label>Metric <select id="summary-metric">${options.join('')}</select></label> <span id="summary-count" class="muted"></span></div>
<noscript><p>The table needs JavaScript; the same numbers are in summary.csv.</p></noscript>
<div class="scroll"><table id="summary-table" class="sortable"><thead><tr>${columns.map((c, j) => `<th${numeric[j] ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr></thead><tbody></tbody></table></div>
<script type="application/json" id="summary-data">${scriptJson({ columns, numeric, rows })}</script>
</section>`;
}

function failuresSection(view: SweepView): string {
  const bad = (view.manifest.runs ?? []).filter((r) => r.status !== 'ok');
  if (bad.length === 0) return `<section id="failures"><h2>Failures</h2><p>None: every run finished.</p></section>`;
  const rows = bad
    .slice(0, FAILURES_LISTED)
    .map(
      (r) =>
        `<tr><td class="num">${r.run_id}</td><td class="num">${r.point_id}</td><td class="num">${r.replicate}</td><td class="num">${r.seed}</td><td>${esc(r.status)}</td><td class="num">${r.attempts ?? '–'}</td><td>${esc(view.label(r.point_id))}</td><td class="bad">${esc(r.error ?? (r.status === 'missing' ? 'no part file: the run never finished' : ''))}</td></tr>`,
    );
  return `<section id="failures"><h2>Failures</h2>
<p class="bad">${bad.length} of ${view.manifest.runs?.length ?? '?'} runs did not finish. They have no rows in the CSVs; the statistics are over the runs that did. Each run's error and parameters are in manifest.json; rerun one alone with its seed.</p>
<div class="scroll"><table><thead><tr><th class="num">run_id</th><th class="num">point_id</th><th class="num">replicate</th><th class="num">seed</th><th>status</th><th class="num">attempts</th><th>point</th><th>error</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
${bad.length > FAILURES_LISTED ? `<p class="muted">The first ${FAILURES_LISTED} of ${bad.length}.</p>` : ''}
</section>`;
}
