import { InputError } from '../core/errors.ts';
import { simulate } from '../engine/simulation.ts';
import type { Experiment } from '../experiment/define.ts';
import type { Point } from '../experiment/space.ts';
import { makeShardExecutor } from './make-shard-executor.ts';
import type { RunFailureCause } from './messages.ts';
import { experimentModelSource } from './model-source.ts';

/** The results of one run as compact typed arrays (cheap to transfer between threads). */
export interface RunOutput {
  /** End-of-run metrics in the experiment's metric order. */
  readonly end: Float64Array;
  /** Sample times in seconds. */
  readonly t: Float64Array;
  /** Samples row-major: row i holds the metrics at t[i], in the experiment's metric order. */
  readonly series: Float64Array;
}

export interface ExecuteRunOptions {
  /** Absolute path of the experiment file (so shard threads can rebuild the model). */
  readonly experimentFile: string;
  /** Threads for the shards of this run (`--threads-per-run`); default 1. */
  readonly threadsPerRun?: number;
  /** Stops the run between windows. */
  readonly signal?: AbortSignal;
}

/** A model reported a metric that is not a number, or one the experiment does not declare: the run fails, naming it. */
export class MetricError extends Error {
  override readonly name = 'MetricError';
}

/** Why a run that threw `e` failed: a metric check, a refusal of its parameters, or any other error. */
export function failureCause(e: unknown): RunFailureCause {
  return e instanceof MetricError ? 'metric' : e instanceof InputError ? 'input' : 'error';
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)} (a string)`;
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return `${String(v)} (a ${typeof v})`;
}

/**
 * Copies the declared metrics from `values` into `out` at `offset`, checking that each is a number (NaN and
 * ±Infinity are numbers). With `all`, also checks that the model reports no metric the experiment does not
 * declare (done at the first sample and at the end: the names do not change in between).
 */
function metricsOf(
  experiment: Experiment,
  values: Readonly<Record<string, unknown>>,
  out: Float64Array | number[],
  offset: number,
  when: string,
  all: boolean,
): void {
  const names = experiment.metrics;
  for (let m = 0; m < names.length; m++) {
    const v = values[names[m]!];
    if (typeof v !== 'number') {
      if (v === undefined) throw new MetricError(`metric "${names[m]}" is declared by the experiment but the model did not report it ${when}`);
      throw new MetricError(`metric "${names[m]}" is ${describeValue(v)} ${when}; a metric must be a number`);
    }
    out[offset + m] = v;
  }
  if (all && Object.keys(values).length !== names.length) {
    const declared = new Set(names);
    const extra = Object.keys(values).filter((k) => !declared.has(k));
    throw new MetricError(
      `the model reports ${extra.map((k) => `"${k}"`).join(', ')}, which the experiment does not declare (${when}); declare ${extra.length > 1 ? 'them' : 'it'} in metrics, or stop reporting ${extra.length > 1 ? 'them' : 'it'}`,
    );
  }
}

/**
 * Runs one (point, replicate): builds the model from the point's values, simulates it to the point's
 * horizon with the given seed, and collects the samples and end metrics. Deterministic in (experiment,
 * point values, seed); the replicate only names the run.
 */
export async function executeRun(experiment: Experiment, point: Point, replicate: number, seed: number, options: ExecuteRunOptions): Promise<RunOutput> {
  void replicate;
  const horizonS = experiment.horizonS(point.values);
  const sampleEveryS = experiment.sampleEveryS(point.values);
  const model = experiment.build(point.values);
  // Not awaited: simulate builds the market while shard threads start.
  const executorStarting = makeShardExecutor({
    model,
    seed,
    threadsPerRun: options.threadsPerRun ?? 1,
    source: experimentModelSource(options.experimentFile, point.values),
  });
  const times: number[] = [];
  const series: number[] = [];
  try {
    const result = await simulate(model, {
      seed,
      horizonS,
      sampleEveryS,
      executor: executorStarting,
      signal: options.signal,
      onSample: (t, values) => {
        metricsOf(experiment, values, series, series.length, `at t = ${t} s`, times.length === 0);
        times.push(t);
      },
    });
    const end = new Float64Array(experiment.metrics.length);
    metricsOf(experiment, result.end, end, 0, 'at the end of the run', true);
    return { end, t: Float64Array.from(times), series: Float64Array.from(series) };
  } finally {
    await (await executorStarting.catch(() => undefined))?.close();
  }
}
