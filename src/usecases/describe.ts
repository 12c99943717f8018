import { relative } from 'node:path';
import { formatValue } from '../core/errors.ts';
import { allowedText, isGrid, isSampled, type ParamSpec, type ParamValue } from '../core/params.ts';
import { spaceOf } from '../experiment/space.ts';
import type { LoadedExperiment } from '../runner/load-experiment.ts';
import { bytesText } from '../runner/memory.ts';

function valueText(v: ParamValue): string {
  if (isGrid(v)) return `grid [${v.values.map((x) => formatValue(x)).join(', ')}]`;
  if (isSampled(v)) return v.kind === 'choice' ? `sample choice [${v.values.map((x) => formatValue(x)).join(', ')}]` : `sample ${v.kind}(${v.low}, ${v.high})`;
  return formatValue(v);
}

function daysText(s: number): string {
  const d = s / 86_400;
  return `${Number(d.toPrecision(6))} day${d === 1 ? '' : 's'}`;
}

/** What `describe` is asked: the same overrides `run` takes, so the space shown is the one a run would sweep. */
export interface DescribeOptions {
  readonly sets?: readonly string[];
  readonly points?: number;
  readonly seed?: number;
  readonly replicates?: number;
}

/**
 * What `panmine describe` prints: the space, every parameter with its range, its default and (after `--set`)
 * its value, the metrics, the public record it declares, and memory per run at the first point.
 */
export function describeExperiment(experiment: LoadedExperiment, file: string, options: DescribeOptions = {}): string {
  const out: string[] = [];
  const seed = options.seed ?? experiment.seed;
  const replicates = options.replicates ?? experiment.replicates;
  const pointsPerCombination = options.points ?? experiment.points;
  const space = spaceOf(experiment, options.sets ?? [], seed, pointsPerCombination);
  const p0 = space.points[0]!;
  out.push(`${experiment.name} — ${experiment.description}`);
  out.push(`file: ${relative(process.cwd(), file) || file}`);
  const horizons = space.points.map((p) => experiment.horizonS(p.values));
  const samples = space.points.map((p) => experiment.sampleEveryS(p.values));
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? daysText(xs[0]!) : `${daysText(Math.min(...xs))} to ${daysText(Math.max(...xs))}`);
  out.push(`replicates: ${replicates}   seed: ${seed}   horizon: ${range(horizons)}   sample every: ${range(samples)}`);
  out.push(
    `space: ${space.points.length} point${space.points.length === 1 ? '' : 's'} × ${replicates} replicates = ${space.points.length * replicates} runs${space.sampledAxes.length ? ` (${pointsPerCombination} Latin-hypercube points per grid combination, the same sampled values in every one)` : ''}`,
  );
  out.push('');
  out.push('parameters:');
  const names = Object.keys(experiment.params);
  if (names.length === 0) out.push('  (none)');
  for (const n of names) {
    const s: ParamSpec = experiment.params[n]!;
    const now = space.specs[n]!.value;
    const set = now === s.value ? '' : `  set: ${valueText(now)}`;
    out.push(`  ${n}  ${s.type}${s.unit ? ` [${s.unit}]` : ''}  allowed: ${allowedText(s)}  default: ${valueText(s.value)}${set}`);
    if (s.doc) out.push(`      ${s.doc}`);
  }
  out.push('');
  out.push('metrics:');
  for (const m of experiment.metrics) {
    const d = experiment.metricDocs[m]!;
    out.push(`  ${m}${d.unit ? ` [${d.unit}]` : ''}  ${d.doc}`);
  }
  const record = experiment.publicRecord;
  if (record) {
    const metrics = [...new Set(record.rows.map((r) => r.metric))];
    out.push('');
    out.push(
      `public record: ${relative(process.cwd(), record.path) || record.path}, ${record.rows.length} observations of ${metrics.join(', ')}; t = 0 is ${record.startDate}`,
    );
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
