import { mkdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { ConfigError, closest, InputError } from '../core/errors.ts';
import { writeFileAtomic } from '../output/atomic-file.ts';
import { svgToPng } from '../output/png.ts';
import { responseFigure, timeFigure } from '../output/report/figures.ts';
import { readReportData } from '../output/report/read-report-data.ts';
import { renderSvg } from '../output/report/render.ts';
import { sweepView } from '../output/report/sweep-view.ts';

export interface PlotRequest {
  readonly dir: string;
  readonly metric: string;
  /** A swept parameter: plot the end-of-run metric against it instead of the metric over time. */
  readonly by?: string;
  /** A file ending in .svg or .png; by default DIR/plots/<metric>[-by-<param>].svg. */
  readonly out?: string;
}

/**
 * `panmine plot DIR --metric NAME [--by PARAM] [--out FILE.svg|.png]`: one chart, the same as the report's —
 * the metric over time (mean across replicates with its 95 % band, a line or a panel per point, and the public
 * record), or with --by the end-of-run metric against a swept parameter with 95 % confidence intervals. PNG goes
 * through resvg at twice the SVG's size. Returns the file written.
 */
export async function plotFolder(req: PlotRequest): Promise<string> {
  const out = resolve(req.out ?? join(req.dir, 'plots', `${req.metric}${req.by ? `-by-${req.by}` : ''}.svg`));
  const ext = extname(out).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') throw new ConfigError('--out', req.out, 'allowed: a file name ending in .svg or .png');
  const data = await readReportData(resolve(req.dir), req.dir);
  const view = sweepView(data);
  if (!view.metrics.includes(req.metric)) {
    const near = closest(req.metric, view.metrics);
    throw new ConfigError(
      '--metric',
      req.metric,
      `no such metric in ${req.dir}${near ? ` (did you mean "${near}"?)` : ''}; metrics: ${view.metrics.join(', ')}`,
    );
  }
  let spec: TopLevelSpec;
  if (req.by !== undefined) {
    const names = view.manifest.sweep.space.names;
    if (!names.includes(req.by)) {
      const near = closest(req.by, names);
      throw new ConfigError('--by', req.by, `no such parameter${near ? ` (did you mean "${near}"?)` : ''}; swept here: ${view.swept.join(', ') || '(none)'}`);
    }
    if (!view.swept.includes(req.by))
      throw new ConfigError('--by', req.by, `it has one value in this folder; allowed: a swept parameter (${view.swept.join(', ') || 'none is swept'})`);
    const f = responseFigure(view, req.metric, req.by, { width: 520, height: 300 });
    if (!f) throw new InputError(`${req.metric}: no point has a finite end-of-run value`);
    spec = f.spec;
  } else {
    const f = timeFigure(view, req.metric);
    if (!f) throw new InputError(`${req.metric}: no run has a finite value of this metric`);
    spec = f.spec;
  }
  const title = `${view.manifest.sweep.experiment}: ${req.metric}${req.by ? ` at the end of the run against ${req.by}` : ' over time'}`;
  const svg = await renderSvg({ ...spec, title } as TopLevelSpec, 'plot');
  mkdirSync(dirname(out), { recursive: true });
  await writeFileAtomic(out, ext === '.png' ? svgToPng(svg) : svg);
  return out;
}
