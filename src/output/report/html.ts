/** HTML pieces of the report: escaping, number formatting, the page shell, its style sheet and its small script. */

/** Escapes text for HTML content and attribute values. */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number for reading: integers as they are, others to 4 significant digits; NaN as an en dash. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '–' : x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** A signed number (+0.12, −0.3). */
export function signed(x: number): string {
  return x > 0 ? `+${fmt(x)}` : x < 0 ? `−${fmt(-x)}` : fmt(x);
}

/** A fraction as a percentage to 3 significant digits. */
export function pct(x: number): string {
  return Number.isFinite(x) ? `${Number((x * 100).toPrecision(3))} %` : '–';
}

/** JSON safe to put inside a <script> element (no `<` at all, so no `</script>`). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Text kept in a `<script type="text/x-panmine-figure">` element until the page shows it. */
export function inertScriptText(html: string): string {
  if (/<\/script/i.test(html)) throw new Error('report: a figure contains "</script", which cannot be kept in a script element');
  return html;
}

export const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #666; --line: #ddd; --accent: #2f5f98; --bad: #a4262c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", Verdana, system-ui, sans-serif; color: var(--ink); background: #fafafa; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; min-height: 100vh; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 24px 0 6px; } h4 { font-size: 14px; margin: 18px 0 4px; }
p { margin: 6px 0; } .desc { font-size: 16px; color: #333; } .muted, figcaption { color: var(--muted); font-size: 12.5px; }
code { font: 12.5px "DejaVu Sans Mono", Menlo, monospace; background: #f2f2f2; padding: 0 3px; border-radius: 3px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 13px; margin: 14px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
nav.toc { font-size: 13px; margin: 10px 0; } nav.toc a { margin-right: 14px; color: var(--accent); }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { background: #f4f4f4; position: sticky; top: 0; }
table.sortable th { cursor: pointer; user-select: none; } table.sortable th[aria-sort="ascending"]::after { content: " ▲"; } table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
.swept { font-weight: bold; color: var(--accent); }
figure.chart { margin: 10px 0 18px; } figure.chart svg { max-width: 100%; height: auto; display: block; }
.metric { margin: 18px 0 26px; } .metric h4 { margin-bottom: 2px; } .metric .doc { color: #444; font-size: 12.5px; margin: 0 0 4px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 8px 18px; }
.grid figure.chart { margin: 0; } .grid h4 { font-size: 13px; margin: 8px 0 0; }
p.gap { background: #f6f8fb; border-left: 3px solid var(--accent); padding: 4px 8px; font-size: 12.5px; }
.selector { margin: 8px 0; font-size: 13px; } .selector select { font: inherit; padding: 2px 4px; max-width: 100%; }
.bad { color: var(--bad); } details summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
.scroll { max-height: 560px; overflow: auto; border: 1px solid var(--line); }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

/**
 * The page's script: metric selectors swap in a figure kept in an inert script element; the summary table is
 * built from JSON, filtered by metric and sorted by clicking a column header. Nothing is fetched.
 */
export const SCRIPT = `
(function () {
  'use strict';
  document.querySelectorAll('select[data-figure]').forEach(function (select) {
    select.addEventListener('change', function () {
      var id = select.getAttribute('data-figure');
      var kept = document.querySelectorAll('script[data-figure="' + id + '"]');
      for (var i = 0; i < kept.length; i++) {
        if (kept[i].getAttribute('data-key') === select.value) document.getElementById(id).innerHTML = kept[i].textContent;
      }
    });
  });
  var dataEl = document.getElementById('summary-data');
  if (!dataEl) return;
  var data = JSON.parse(dataEl.textContent);
  var table = document.getElementById('summary-table');
  var body = table.querySelector('tbody');
  var filter = document.getElementById('summary-metric');
  var count = document.getElementById('summary-count');
  var metricCol = data.columns.indexOf('metric');
  var sortCol = -1, sortDir = 1;
  function show(v) {
    if (v === null) return '';
    if (typeof v !== 'number') return String(v).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(6)));
  }
  function render() {
    var rows = data.rows;
    if (filter.value !== '*') rows = rows.filter(function (r) { return r[metricCol] === filter.value; });
    if (sortCol >= 0) {
      rows = rows.slice().sort(function (a, b) {
        var x = a[sortCol], y = b[sortCol];
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * sortDir;
      });
    }
    var html = '';
    for (var i = 0; i < rows.length; i++) {
      html += '<tr>';
      for (var j = 0; j < rows[i].length; j++) html += (data.numeric[j] ? '<td class="num">' : '<td>') + show(rows[i][j]) + '</td>';
      html += '</tr>';
    }
    body.innerHTML = html;
    count.textContent = rows.length + ' of ' + data.rows.length + ' rows';
  }
  table.querySelectorAll('th').forEach(function (th, j) {
    th.addEventListener('click', function () {
      sortDir = sortCol === j ? -sortDir : 1;
      sortCol = j;
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
      render();
    });
  });
  filter.addEventListener('change', render);
  render();
})();
`;

/** The whole page. A Content-Security-Policy forbids every fetch: the page holds all it shows. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
