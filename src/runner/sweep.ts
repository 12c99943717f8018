import type { Point } from '../experiment/space.ts';
import { InlineRunner } from './inline-runner.ts';
import { loadExperiment } from './load-experiment.ts';
import { type Plan, type RunSpec, runIds, runOf, runsInShard } from './plan.ts';
import { WorkerPool } from './worker-pool.ts';

/** How a run ended after its attempts (a run that throws is tried twice). */
export type RunOutcome =
  | {
      readonly status: 'ok';
      readonly attempts: number;
      readonly durationMs: number;
      readonly end: Float64Array;
      readonly t: Float64Array;
      readonly series: Float64Array;
    }
  | { readonly status: 'failed'; readonly attempts: number; readonly durationMs: number; readonly error: string };

/** What the sweep asks of the place results go (the output layer). */
export interface SweepSink {
  /** True when the run already has a valid result (a resumed sweep skips it). */
  isDone(run: RunSpec): boolean | Promise<boolean>;
  /** Stores a finished run; awaited before the run counts as done. */
  store(run: RunSpec, point: Point, outcome: RunOutcome): Promise<void>;
}

export interface SweepProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface SweepOptions {
  readonly plan: Plan;
  readonly experimentFile: string;
  readonly workers: number;
  readonly threadsPerRun: number;
  readonly sink: SweepSink;
  /** Called after every finished or skipped run. */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Aborting stops dispatching and stops the workers; stored runs stay stored. */
  readonly signal?: AbortSignal;
}

export interface SweepResult extends SweepProgress {
  readonly interrupted: boolean;
}

export const MAX_ATTEMPTS = 2;

/**
 * Executes the plan's runs on a pool of worker threads. Runs are taken lazily in run_id order, at most
 * one in flight per worker, and handed to the sink as each finishes, so memory stays flat however many
 * runs there are. A run that fails is retried once, then stored as failed; the sweep goes on.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const { plan, sink, signal } = options;
  const total = runsInShard(plan);
  const ids = runIds(plan);
  // One run gains nothing from a worker thread but its start-up: it runs on this thread.
  const pool =
    total === 1
      ? new InlineRunner(await loadExperiment(options.experimentFile), options.experimentFile, options.threadsPerRun)
      : new WorkerPool(Math.max(1, Math.min(options.workers, total)), { experimentFile: options.experimentFile, threadsPerRun: options.threadsPerRun });
  let done = 0,
    failed = 0,
    skipped = 0;
  const report = () => options.onProgress?.({ total, done, failed, skipped });
  const onAbort = () => void pool.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  const lane = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted) return;
      const next = ids.next();
      if (next.done) return;
      const run = runOf(plan, next.value);
      if (await sink.isDone(run)) {
        done++;
        skipped++;
        report();
        continue;
      }
      const point = plan.points[run.pointId]!;
      let durationMs = 0;
      let outcome: RunOutcome | undefined;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS && !outcome; attempt++) {
        const a = await pool.exec({ type: 'run', runId: run.runId, pointId: run.pointId, replicate: run.replicate, seed: run.seed, values: point.values });
        durationMs += a.durationMs;
        if (!a.ok && (a.terminated || signal?.aborted)) return;
        if (a.ok) outcome = { status: 'ok', attempts: attempt, durationMs, end: a.end, t: a.t, series: a.series };
        else if (attempt === MAX_ATTEMPTS) outcome = { status: 'failed', attempts: attempt, durationMs, error: a.error };
      }
      await sink.store(run, point, outcome!);
      done++;
      if (outcome!.status === 'failed') failed++;
      report();
    }
  };

  try {
    const lanes = Math.max(1, Math.min(options.workers, total));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  return { total, done, failed, skipped, interrupted: !!signal?.aborted && done < total };
}
