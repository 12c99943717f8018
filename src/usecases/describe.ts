import { relative } from 'node:path';
import { formatValue } from '../core/errors.ts';
import { allowedText, isGrid, isSampled, type ParamSpec, type ParamValue } from '../core/params.ts';
import type { Experiment } from '../experiment/define.ts';
import { spaceOf } from '../experiment/space.ts';

function valueText(v: ParamValue): string {
  if (isGrid(v)) return `grid [${v.values.map((x) => formatValue(x)).join(', ')}]`;
  if (isSampled(v)) return v.kind === 'choice' ? `sample choice [${v.values.map((x) => formatValue(x)).join(', ')}]` : `sample ${v.kind}(${v.low}, ${v.high})`;
  return formatValue(v);
}

function bytesText(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return i === 0 ? `${b} B` : `${b.toFixed(1)} ${units[i]}`;
}

function daysText(s: number): string {
  const d = s / 86_400;
  return `${Number(d.toPrecision(6))} day${d === 1 ? '' : 's'}`;
}

/** What `panmine describe` prints: the space, every parameter with its range and default, the metrics, memory per run. */
export function describeExperiment(experiment: Experiment, file: string): string {
  const out: string[] = [];
  const space = spaceOf(experiment);
  const p0 = space.points[0]!;
  out.push(`${experiment.name} — ${experiment.description}`);
  out.push(`file: ${relative(process.cwd(), file) || file}`);
  const horizons = space.points.map((p) => experiment.horizonS(p.values));
  const samples = space.points.map((p) => experiment.sampleEveryS(p.values));
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? daysText(xs[0]!) : `${daysText(Math.min(...xs))} to ${daysText(Math.max(...xs))}`);
  out.push(`replicates: ${experiment.replicates}   seed: ${experiment.seed}   horizon: ${range(horizons)}   sample every: ${range(samples)}`);
  out.push(
    `space: ${space.points.length} point${space.points.length === 1 ? '' : 's'} × ${experiment.replicates} replicates = ${space.points.length * experiment.replicates} runs${space.sampledAxes.length ? ` (${experiment.points} Latin-hypercube points per grid combination)` : ''}`,
  );
  out.push('');
  out.push('parameters:');
  const names = Object.keys(experiment.params);
  if (names.length === 0) out.push('  (none)');
  for (const n of names) {
    const s: ParamSpec = experiment.params[n]!;
    out.push(`  ${n}  ${s.type}${s.unit ? ` [${s.unit}]` : ''}  allowed: ${allowedText(s)}  default: ${valueText(s.value)}`);
    if (s.doc) out.push(`      ${s.doc}`);
  }
  out.push('');
  out.push('metrics:');
  for (const m of experiment.metrics) {
    const d = experiment.metricDocs[m]!;
    out.push(`  ${m}${d.unit ? ` [${d.unit}]` : ''}  ${d.doc}`);
  }
  out.push('');
  const pops = experiment.populations(p0.values);
  if (pops.length === 0) out.push('memory: the experiment declares no populations');
  else {
    out.push(`memory per run at point 0:`);
    let total = 0;
    for (const pop of pops) {
      const b = pop.count * pop.bytesPerAgent;
      total += b;
      out.push(`  ${pop.name}: ${pop.count} × ${pop.bytesPerAgent} B per agent = ${bytesText(b)}`);
    }
    out.push(`  total: ${bytesText(total)}`);
  }
  return `${out.join('\n')}\n`;
}
