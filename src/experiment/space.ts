import { ConfigError, closest, InputError } from '../core/errors.ts';
import { checkValue, grid, isGrid, isSampled, type ParamSpec, parseScalar, type Sampled, type Scalar } from '../core/params.ts';
import { streamOf } from '../engine/rng.ts';
import type { Experiment } from './define.ts';

export interface Point {
  readonly id: number;
  readonly values: Readonly<Record<string, Scalar>>;
}

export interface ParameterSpace {
  /** Parameter names in column order (the definition's order). */
  readonly names: readonly string[];
  readonly gridAxes: readonly string[];
  readonly sampledAxes: readonly string[];
  readonly points: readonly Point[];
  /** The resolved specs after overrides (for the manifest). */
  readonly specs: Readonly<Record<string, ParamSpec>>;
}

const SAMPLE_RE = /^\s*(uniform|logUniform|int|choice)\s*\((.*)\)\s*$/;

/**
 * A sampled axis written on the command line: `uniform(a,b)`, `logUniform(a,b)`, `int(a,b)` or
 * `choice(v1,v2,…)`, each value parsed and checked as the parameter's type; undefined when `text` is not one.
 */
function parseSampled(name: string, spec: ParamSpec, text: string): Sampled | undefined {
  const m = SAMPLE_RE.exec(text);
  if (!m) return undefined;
  const kind = m[1] as Sampled['kind'];
  const args = m[2]!.split(',');
  if (kind === 'choice') return { kind, values: args.map((a) => parseScalar(name, spec, a)) };
  if (args.length !== 2) throw new ConfigError(name, text, `allowed: ${kind}(low,high) with two bounds`);
  const [low, high] = args.map((a) => parseScalar(name, spec, a)) as [number, number];
  return { kind, low, high };
}

/**
 * Applies `--set` overrides: `name=value` fixes a value, `name=v1,v2` makes a grid axis, and
 * `name=uniform(a,b)` (or `logUniform`, `int`, `choice(v1,v2,…)`) makes a sampled axis. Every name and
 * value is checked, an unknown name gets the closest known one as a suggestion, and a name given twice is
 * refused (rather than the last one winning silently).
 */
export function applyOverrides(params: Readonly<Record<string, ParamSpec>>, sets: readonly string[]): Record<string, ParamSpec> {
  const out: Record<string, ParamSpec> = { ...params };
  const names = Object.keys(params);
  const given = new Map<string, string>();
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new ConfigError('--set', s, 'expected name=value or name=v1,v2,v3');
    const name = s.slice(0, eq).trim();
    const spec = params[name];
    if (!spec) {
      const near = closest(name, names);
      throw new ConfigError('--set', name, `no such parameter${near ? ` (did you mean "${near}"?)` : ''}; parameters: ${names.join(', ') || '(none)'}`);
    }
    const before = given.get(name);
    if (before !== undefined)
      throw new InputError(`--set: "${name}" is given twice (${before}, ${s.trim()}); give each parameter once (a grid as ${name}=v1,v2)`);
    given.set(name, s.trim());
    const text = s.slice(eq + 1);
    const sampled = parseSampled(name, spec, text);
    const values = sampled ? [] : text.split(',').map((p) => parseScalar(name, spec, p));
    const value = sampled ?? (values.length === 1 ? values[0]! : grid(values));
    checkValue(name, spec, value);
    out[name] = spec.set(value);
  }
  return out;
}

function fromUnit(axis: Sampled, u: number): Scalar {
  switch (axis.kind) {
    case 'uniform':
      return axis.low + u * (axis.high - axis.low);
    case 'logUniform':
      return Math.exp(Math.log(axis.low) + u * (Math.log(axis.high) - Math.log(axis.low)));
    case 'int':
      return Math.min(axis.high, axis.low + Math.floor(u * (axis.high - axis.low + 1)));
    case 'choice':
      return axis.values[Math.min(axis.values.length - 1, Math.floor(u * axis.values.length))]!;
  }
}

/**
 * Expands a parameter space: the Cartesian product of the grid axes (first axis varies slowest) crossed
 * with `points` Latin-hypercube draws of the sampled axes (one stratum per point on each axis, drawn
 * from the experiment seed). Point ids number the result in that order. The draws are made once, so every
 * grid combination sees the same sampled values: grid effects are compared at equal sampled parameters.
 */
export function expandSpace(specs: Readonly<Record<string, ParamSpec>>, pointsForSamples: number, experimentSeed: number): ParameterSpace {
  const names = Object.keys(specs);
  const gridAxes = names.filter((n) => isGrid(specs[n]!.value));
  const sampledAxes = names.filter((n) => isSampled(specs[n]!.value));
  const nSamples = sampledAxes.length > 0 ? pointsForSamples : 1;

  // Latin hypercube: for each axis a random permutation of strata and a uniform offset inside each.
  const rng = streamOf(experimentSeed, 'experiment/latin-hypercube');
  const unit: number[][] = sampledAxes.map(() => {
    const perm = Array.from({ length: nSamples }, (_, i) => i);
    rng.shuffle(perm);
    return perm.map((stratum) => (stratum + rng.next()) / nSamples);
  });

  const combos: Record<string, Scalar>[] = [{}];
  for (const axis of gridAxes) {
    const values = (specs[axis]!.value as { values: readonly Scalar[] }).values;
    const next: Record<string, Scalar>[] = [];
    for (const c of combos) for (const v of values) next.push({ ...c, [axis]: v });
    combos.splice(0, combos.length, ...next);
  }
  const points: Point[] = [];
  for (const combo of combos) {
    for (let s = 0; s < nSamples; s++) {
      const values: Record<string, Scalar> = {};
      for (const n of names) {
        const v = specs[n]!.value;
        if (isGrid(v)) values[n] = combo[n]!;
        else if (isSampled(v)) values[n] = fromUnit(v, unit[sampledAxes.indexOf(n)]![s]!);
        else values[n] = v as Scalar;
      }
      points.push({ id: points.length, values: Object.freeze(values) });
    }
  }
  return { names, gridAxes, sampledAxes, points, specs };
}

/**
 * The parameter space of an experiment after overrides; `points` (the `--points` option) replaces the
 * experiment's number of Latin-hypercube draws per grid combination.
 */
export function spaceOf(experiment: Experiment, sets: readonly string[] = [], seed = experiment.seed, points = experiment.points): ParameterSpace {
  return expandSpace(applyOverrides(experiment.params, sets), points, seed);
}
