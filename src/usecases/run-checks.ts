import { availableParallelism } from 'node:os';
import { InputError } from '../core/errors.ts';
import type { Experiment } from '../experiment/define.ts';
import type { ParameterSpace, Point } from '../experiment/space.ts';
import { formatScalar } from '../output/format.ts';
import { type AvailableMemory, availableMemory, bytesText, largestRunMemory, THREAD_OVERHEAD_BYTES } from '../runner/memory.ts';
import type { Shard } from '../runner/plan.ts';

/** More runs than this in one invocation are refused without --many-runs (a typo such as `--replicates 1e9`). */
export const MANY_RUNS = 1_000_000;
/** More threads than this many per core are refused without --oversubscribe. */
export const OVERSUBSCRIBE_FACTOR = 4;

/** Refuses an enormous number of runs unless it is meant. */
export function checkRunCount(runs: number, points: number, replicates: number, shard: Shard | null, manyRuns: boolean): void {
  if (runs <= MANY_RUNS || manyRuns) return;
  const shardText = shard ? `, shard ${shard.index}/${shard.count}` : '';
  throw new InputError(
    `runs: ${runs} runs (${points} points × ${replicates} replicates${shardText}) is an enormous sweep; add --many-runs if it is meant (more than ${MANY_RUNS} runs in one invocation are refused without it)`,
  );
}

/** Refuses far more threads (workers × threads per run) than the machine has cores, unless it is meant. */
export function checkThreadCount(
  threads: { workers: number; threadsPerRun: number },
  given: { workers?: number; threadsPerRun?: number },
  oversubscribe: boolean,
  cores = availableParallelism(),
): void {
  const total = threads.workers * threads.threadsPerRun;
  if (total <= OVERSUBSCRIBE_FACTOR * cores || oversubscribe) return;
  const option = given.workers !== undefined ? '--workers' : '--threads-per-run';
  throw new InputError(
    `${option}: ${threads.workers} worker threads × ${threads.threadsPerRun} thread${threads.threadsPerRun === 1 ? '' : 's'} per run on ${cores} core${cores === 1 ? '' : 's'} is far more than the machine has; add --oversubscribe if it is meant (more than ${OVERSUBSCRIBE_FACTOR} threads per core are refused without it)`,
  );
}

/** The memory pre-flight's result, as the manifest records it. */
export interface MemoryRecord {
  /** Bytes of the largest run's declared populations (count × bytes per agent). */
  readonly run_bytes: number;
  readonly point_id: number;
  /** Whether the experiment declares its populations at all (`populations` in defineExperiment). */
  readonly declared: boolean;
  readonly thread_overhead_bytes: number;
  readonly runs_at_once: number;
  readonly available_bytes: number;
  readonly available_source: AvailableMemory['source'];
  readonly forced: boolean;
}

/**
 * The memory pre-flight: the largest run's declared populations (what `describe` shows) plus a thread's own
 * overhead, times the runs that can be in flight at once, against the memory available to the process (cgroup
 * limit or free memory). When it does not fit: with workers chosen automatically, fewer workers are used if one
 * run fits; otherwise InputError with the figures, unless `force`.
 */
export function planMemory(
  experiment: Experiment,
  points: readonly Point[],
  threads: { workers: number; threadsPerRun: number },
  runs: number,
  opts: { workersGiven: boolean; force: boolean; available?: AvailableMemory },
): { workers: number; record: MemoryRecord; note?: string } {
  const largest = largestRunMemory(experiment, points);
  const available = opts.available ?? availableMemory();
  const overhead = threads.threadsPerRun * THREAD_OVERHEAD_BYTES;
  const perRun = largest.bytes + overhead;
  let workers = threads.workers;
  const atOnce = (w: number) => Math.max(1, Math.min(w, runs));
  const record = (w: number): MemoryRecord => ({
    run_bytes: largest.bytes,
    point_id: largest.pointId,
    declared: largest.populations.length > 0,
    thread_overhead_bytes: THREAD_OVERHEAD_BYTES,
    runs_at_once: atOnce(w),
    available_bytes: available.bytes,
    available_source: available.source,
    forced: opts.force,
  });
  if (opts.force || atOnce(workers) * perRun <= available.bytes) return { workers, record: record(workers) };
  const fit = Math.floor(available.bytes / perRun);
  if (!opts.workersGiven && fit >= 1) {
    const was = workers;
    workers = fit;
    return {
      workers,
      record: record(workers),
      note: `memory: ${was} runs at once would need about ${bytesText(atOnce(was) * perRun)} and ${bytesText(available.bytes)} is available (${available.source}): running ${workers} at a time`,
    };
  }
  const pops = [...largest.populations]
    .sort((a, b) => b.count * b.bytesPerAgent - a.count * a.bytesPerAgent)
    .slice(0, 3)
    .map((p) => `${p.name}: ${p.count} × ${p.bytesPerAgent} B`);
  const n = atOnce(workers);
  throw new InputError(
    `memory: one run needs about ${bytesText(perRun)} (${[...pops, `${bytesText(overhead)} for its thread${threads.threadsPerRun > 1 ? 's' : ''}`].join('; ')}), ${n} at once about ${bytesText(n * perRun)}; ${bytesText(available.bytes)} is available (${available.source}); lower the populations${n > 1 ? ' or --workers' : ''}, or add --force-memory to go on`,
  );
}

/** A point as one line for messages: the parameters set from the command line or swept, e.g. `width=1, height=1`. */
export function pointText(space: ParameterSpace, sets: readonly string[], point: Point): string {
  const setNames = new Set(sets.map((s) => s.slice(0, Math.max(0, s.indexOf('='))).trim()));
  const shown = space.names.filter((n) => setNames.has(n) || space.gridAxes.includes(n) || space.sampledAxes.includes(n));
  const names = shown.length > 0 ? shown : space.names;
  return names.map((n) => `${n}=${formatScalar(point.values[n]!)}`).join(', ');
}
