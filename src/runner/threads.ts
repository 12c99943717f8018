import { availableParallelism } from 'node:os';
import type { Experiment } from '../experiment/define.ts';
import type { Point } from '../experiment/space.ts';

/** A run with at least this many agents is large enough that its shards are worth spreading over threads. */
export const LARGE_RUN_AGENTS = 100_000;

export interface ThreadChoice {
  readonly workers: number;
  readonly threadsPerRun: number;
}

/** The most agents any point's run holds, from the experiment's declared populations. */
export function largestRunAgents(experiment: Experiment, points: readonly Point[]): number {
  let most = 0;
  for (const p of points)
    most = Math.max(
      most,
      experiment.populations(p.values).reduce((s, x) => s + x.count, 0),
    );
  return most;
}

/**
 * Threads for a sweep. Given values win. Otherwise runs get one thread each and the sweep one worker per
 * core, except when there are fewer runs than cores and the runs are large: then each run's shards get
 * the cores the sweep leaves idle. The choice never changes the output, only the speed.
 */
export function chooseThreads(
  given: { workers?: number; threadsPerRun?: number },
  runs: number,
  largestAgents: number,
  cores = availableParallelism(),
): ThreadChoice {
  const auto = runs < cores && largestAgents >= LARGE_RUN_AGENTS ? Math.max(1, Math.floor(cores / Math.max(1, runs))) : 1;
  const threadsPerRun = given.threadsPerRun ?? auto;
  const workers = given.workers ?? Math.max(1, Math.floor(cores / threadsPerRun));
  return { workers, threadsPerRun };
}
