import { parseUtcDate, UTC_DATE_ALLOWED } from '../core/dates.ts';
import { ConfigError, ExperimentFileError } from '../core/errors.ts';
import { checkValue, type Grid, isParamSpec, type ParamSpec, type ParamValue, type Scalar, toSpec } from '../core/params.ts';
import type { AnyModel } from '../engine/model.ts';
import type { PopulationInfo } from '../engine/population.ts';
import { checkRecordDeclaration, type RecordDeclaration, type RecordInput } from './record.ts';

/** The value type a `params` entry gives to `build`. */
type ValueOf<E> =
  E extends ParamSpec<infer T>
    ? T
    : E extends Grid<infer T>
      ? T
      : E extends { kind: 'choice'; values: readonly (infer T)[] }
        ? T
        : E extends { kind: string }
          ? number
          : E;
export type ParamsOf<P> = { readonly [K in keyof P]: ValueOf<P[K]> };

export interface MetricSpec {
  readonly doc: string;
  readonly unit?: string;
}

export interface ExperimentInput<P extends Record<string, unknown>> {
  /** kebab-case name; also the default output folder under results/. */
  name: string;
  description: string;
  params: P;
  /** Points drawn by Latin hypercube when any axis is sampled (per grid combination). */
  points?: number;
  replicates?: number;
  seed?: number;
  /** Horizon in seconds (use `days(n)`), or a function of the point's parameters. */
  horizon: number | ((p: ParamsOf<P>) => number);
  /** Interval between timeseries samples in seconds, or a function of the parameters. */
  sampleEvery: number | ((p: ParamsOf<P>) => number);
  /** Metrics in column order, each with its documentation. */
  metrics: Record<string, string | MetricSpec>;
  build: (p: ParamsOf<P>) => AnyModel;
  /** Populations of a run at these parameters (for memory per agent in `describe`). */
  populations?: (p: ParamsOf<P>) => PopulationInfo[];
  /** The public record to compare with (a backtest): a CSV of dated observations; see record.ts. */
  record?: RecordInput;
  /**
   * The date simulated time t = 0 stands for (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z`, UTC): a dated run.
   * timeseries.csv then has a `date` column beside `t_days`, and dated inputs (price paths, schedules, the record)
   * are read against it.
   */
  startDate?: string;
}

/** A validated experiment definition. */
export interface Experiment {
  readonly name: string;
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly points: number;
  readonly replicates: number;
  readonly seed: number;
  readonly metrics: readonly string[];
  readonly metricDocs: Readonly<Record<string, MetricSpec>>;
  horizonS(p: Readonly<Record<string, Scalar>>): number;
  sampleEveryS(p: Readonly<Record<string, Scalar>>): number;
  build(p: Readonly<Record<string, Scalar>>): AnyModel;
  populations(p: Readonly<Record<string, Scalar>>): PopulationInfo[];
  readonly record?: RecordDeclaration;
  /** The date t = 0 stands for, when the run is dated. */
  readonly startDate?: string;
}

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;
const METRIC_RE = /^[a-z][a-z0-9_]*$/;
const RESERVED_COLUMNS = new Set([
  'run_id',
  'point_id',
  'replicate',
  'seed',
  't_days',
  'metric',
  'n',
  'mean',
  'sd',
  'ci95_low',
  'ci95_high',
  'min',
  'median',
  'max',
  'folder',
]);

function positiveInt(field: string, v: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new ConfigError(field, v, `allowed: an integer from 1 to ${max}`);
  return v;
}

/** Validates an experiment definition; every problem names its field. */
export function defineExperiment<const P extends Record<string, unknown>>(input: ExperimentInput<P>): Experiment {
  if (typeof input !== 'object' || input === null) throw new ExperimentFileError('defineExperiment: expected an object');
  if (typeof input.name !== 'string' || !NAME_RE.test(input.name)) throw new ConfigError('name', input.name, 'allowed: kebab-case letters, digits and dashes');
  const replicates = positiveInt('replicates', input.replicates ?? 1);
  const points = positiveInt('points', input.points ?? 1);
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new ConfigError('seed', seed, 'allowed: an integer from 0 to 4294967295');
  if (typeof input.build !== 'function') throw new ConfigError('build', input.build, 'allowed: a function from parameters to a model');
  const params: Record<string, ParamSpec> = {};
  for (const [name, raw] of Object.entries(input.params ?? {})) {
    if (RESERVED_COLUMNS.has(name)) throw new ConfigError(`params.${name}`, name, 'that name is a reserved output column');
    const spec = toSpec(name, raw);
    checkValue(name, spec);
    params[name] = spec;
  }
  const metricDocs: Record<string, MetricSpec> = {};
  for (const [name, m] of Object.entries(input.metrics ?? {})) {
    if (!METRIC_RE.test(name)) throw new ConfigError(`metrics.${name}`, name, 'allowed: snake_case names');
    if (params[name]) throw new ConfigError(`metrics.${name}`, name, 'a metric may not share a name with a parameter');
    metricDocs[name] = typeof m === 'string' ? { doc: m } : m;
  }
  const metrics = Object.keys(metricDocs);
  if (metrics.length === 0) throw new ConfigError('metrics', '{}', 'declare at least one metric');
  const asFn = (field: string, v: unknown) => {
    if (typeof v === 'function') return v as (p: Readonly<Record<string, Scalar>>) => number;
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v))
      throw new ConfigError(field, v, 'allowed: a positive number of seconds or a function of the parameters');
    return () => v;
  };
  const horizon = asFn('horizon', input.horizon);
  const sampleEvery = asFn('sampleEvery', input.sampleEvery);
  const checked = (field: string, f: (p: Readonly<Record<string, Scalar>>) => number) => (p: Readonly<Record<string, Scalar>>) => {
    const v = f(p);
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new ConfigError(field, v, 'allowed: a positive number of seconds');
    return v;
  };
  const build = input.build as unknown as (p: Readonly<Record<string, Scalar>>) => AnyModel;
  const populations = (input.populations ?? (() => [])) as unknown as (p: Readonly<Record<string, Scalar>>) => PopulationInfo[];
  if (input.startDate !== undefined && (typeof input.startDate !== 'string' || parseUtcDate(input.startDate) === undefined))
    throw new ConfigError('startDate', input.startDate, `allowed: ${UTC_DATE_ALLOWED}`);
  const record = input.record === undefined ? undefined : checkRecordDeclaration(input.record, input.startDate);
  return Object.freeze({
    name: input.name,
    description: String(input.description ?? ''),
    params: Object.freeze(params),
    points,
    replicates,
    seed,
    metrics,
    metricDocs: Object.freeze(metricDocs),
    horizonS: checked('horizon', horizon),
    sampleEveryS: checked('sampleEvery', sampleEvery),
    build,
    populations,
    ...(record ? { record } : {}),
    ...(input.startDate !== undefined ? { startDate: input.startDate } : {}),
  });
}

export function isExperiment(x: unknown): x is Experiment {
  return typeof x === 'object' && x !== null && typeof (x as Experiment).build === 'function' && Array.isArray((x as Experiment).metrics);
}

export type { ParamValue };
export { isParamSpec };
