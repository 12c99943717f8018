import type { Worker } from 'node:worker_threads';
import type { Point } from '../experiment/space.ts';
import { InlineRunner } from './inline-runner.ts';
import { loadExperiment } from './load-experiment.ts';
import { RETRIED_CAUSES, type RunFailureCause } from './messages.ts';
import { type Plan, type RunSpec, runIds, runOf, runsInShard } from './plan.ts';
import { type RunLimits, WorkerPool } from './worker-pool.ts';

/** How a run ended after its attempts (a run that throws or whose worker crashes is tried twice; see RETRIED_CAUSES). */
export type RunOutcome =
  | {
      readonly status: 'ok';
      readonly attempts: number;
      readonly durationMs: number;
      readonly end: Float64Array;
      readonly t: Float64Array;
      readonly series: Float64Array;
    }
  | { readonly status: 'failed'; readonly attempts: number; readonly durationMs: number; readonly error: string; readonly cause: RunFailureCause };

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
  /** Runs in flight now. */
  readonly running: number;
}

export interface SweepOptions {
  readonly plan: Plan;
  readonly experimentFile: string;
  readonly workers: number;
  readonly threadsPerRun: number;
  readonly sink: SweepSink;
  /** Time and memory limits of each run. */
  readonly limits?: RunLimits;
  /** The modules the sweep's source fingerprint covers (file: URLs): a run that loads another fails (cause 'source'). */
  readonly knownModules?: readonly string[];
  /** A run worker already started on this experiment (the pre-flight's): the pool adopts it; runSweep terminates it. */
  readonly warmWorker?: Worker;
  /** Called when a run starts, and after every finished or skipped run. */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Aborting stops dispatching and stops the workers; stored runs stay stored. */
  readonly signal?: AbortSignal;
}

export interface SweepResult extends Omit<SweepProgress, 'running'> {
  readonly interrupted: boolean;
}

export const MAX_ATTEMPTS = 2;

/**
 * Executes the plan's runs on a pool of worker threads. Runs are taken lazily in run_id order, at most
 * one in flight per worker, and handed to the sink as each finishes, so memory stays flat however many
 * runs there are. A run that throws or whose worker crashes is retried once, then stored as failed; a run
 * that fails in a way that would repeat (bad parameters, a metric that is not a number, a time limit, out of
 * memory) is stored as failed at once; the sweep goes on. A sink error (a full disk) stops the sweep.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const { plan, sink, signal } = options;
  const total = runsInShard(plan);
  const ids = runIds(plan);
  const { limits, knownModules, warmWorker } = options;
  // One run gains nothing from a new worker thread but its start-up: without a warm worker, it runs on this thread.
  const pool =
    total === 1 && !warmWorker
      ? new InlineRunner(await loadExperiment(options.experimentFile), options.experimentFile, options.threadsPerRun, limits)
      : new WorkerPool(
          Math.max(1, Math.min(options.workers, total)),
          { experimentFile: options.experimentFile, threadsPerRun: options.threadsPerRun, ...(knownModules ? { knownModules } : {}) },
          limits,
          warmWorker ? [warmWorker] : [],
        );
  let done = 0,
    failed = 0,
    skipped = 0,
    running = 0;
  const report = () => options.onProgress?.({ total, done, failed, skipped, running });
  const onAbort = () => void pool.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  // The first error a lane meets (the sink could not store a run: a full disk) stops every lane.
  let stopped: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted || stopped) return;
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
      running++;
      report();
      try {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS && !outcome; attempt++) {
          const a = await pool.exec({ type: 'run', runId: run.runId, pointId: run.pointId, replicate: run.replicate, seed: run.seed, values: point.values });
          durationMs += a.durationMs;
          if (!a.ok && (a.terminated || signal?.aborted)) return;
          if (a.ok) outcome = { status: 'ok', attempts: attempt, durationMs, end: a.end, t: a.t, series: a.series };
          else if (attempt === MAX_ATTEMPTS || !RETRIED_CAUSES.has(a.cause))
            outcome = { status: 'failed', attempts: attempt, durationMs, error: a.error, cause: a.cause };
        }
        await sink.store(run, point, outcome!);
      } finally {
        running--;
      }
      done++;
      if (outcome!.status === 'failed') failed++;
      report();
    }
  };

  try {
    const lanes = Math.max(1, Math.min(options.workers, total));
    await Promise.all(
      Array.from({ length: lanes }, () =>
        lane().catch((error: unknown) => {
          stopped ??= { error };
          void pool.close();
        }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
  if (stopped) throw stopped.error;
  return { total, done, failed, skipped, interrupted: !!signal?.aborted && done < total };
}
