import { runSeed } from '../engine/rng.ts';
import type { Point } from '../experiment/space.ts';

/** `--shard i/n`: this invocation takes the runs whose run_id % count === index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** One run: a (point, replicate) with its id and seed. */
export interface RunSpec {
  readonly runId: number;
  readonly pointId: number;
  readonly replicate: number;
  readonly seed: number;
}

/** What a sweep runs: the points, replicates per point, the experiment seed and an optional shard. */
export interface Plan {
  readonly points: readonly Point[];
  readonly replicates: number;
  readonly seed: number;
  readonly shard: Shard | null;
}

export function totalRuns(plan: Pick<Plan, 'points' | 'replicates'>): number {
  return plan.points.length * plan.replicates;
}

/**
 * The run with a given id: run_id = point_id × replicates + replicate, so run ids sort by (point, replicate).
 * Its seed is derived only from the experiment seed, the point id and the replicate.
 */
export function runOf(plan: Pick<Plan, 'replicates' | 'seed'>, runId: number): RunSpec {
  const pointId = Math.floor(runId / plan.replicates);
  const replicate = runId - pointId * plan.replicates;
  return { runId, pointId, replicate, seed: runSeed(plan.seed, pointId, replicate) };
}

/** The number of runs a shard holds. */
export function runsInShard(plan: Plan): number {
  const total = totalRuns(plan);
  if (!plan.shard) return total;
  const { index, count } = plan.shard;
  return index >= total ? 0 : Math.floor((total - 1 - index) / count) + 1;
}

/** The plan's run ids in ascending order, lazily (a sweep of any size is never materialised). */
export function* runIds(plan: Plan): Generator<number> {
  const total = totalRuns(plan);
  const start = plan.shard ? plan.shard.index : 0;
  const step = plan.shard ? plan.shard.count : 1;
  for (let id = start; id < total; id += step) yield id;
}

/** Parses `i/n` (0 ≤ i < n); returns undefined when the text is malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1) || !(index < count) || !Number.isSafeInteger(count)) return undefined;
  return { index, count };
}
