import { simulate } from '../engine/simulation.ts';
import type { Experiment } from '../experiment/define.ts';
import type { Point } from '../experiment/space.ts';
import { makeShardExecutor } from './make-shard-executor.ts';
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

function metricsOf(experiment: Experiment, values: Readonly<Record<string, number>>, out: Float64Array | number[], offset: number, when: string): void {
  const names = experiment.metrics;
  for (let m = 0; m < names.length; m++) {
    const v = values[names[m]!];
    if (v === undefined) throw new Error(`metric "${names[m]}" is declared by the experiment but the model did not report it ${when}`);
    out[offset + m] = typeof v === 'number' ? v : Number(v);
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
        times.push(t);
        metricsOf(experiment, values, series, series.length, `at t = ${t} s`);
      },
    });
    const end = new Float64Array(experiment.metrics.length);
    metricsOf(experiment, result.end, end, 0, 'at the end of the run');
    return { end, t: Float64Array.from(times), series: Float64Array.from(series) };
  } finally {
    await (await executorStarting.catch(() => undefined))?.close();
  }
}
