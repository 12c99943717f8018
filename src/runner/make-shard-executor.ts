import type { AnyModel } from '../engine/model.ts';
import type { ShardExecutor } from '../engine/shard-executor.ts';
import { type ModelSource, ThreadedShardExecutor } from '../engine/threaded-shards.ts';

export interface ShardExecutorRequest {
  readonly model: AnyModel;
  readonly seed: number;
  /** Threads for this one run's shards (`--threads-per-run`); 1 means all shards on the run's thread. */
  readonly threadsPerRun: number;
  /** Where shard worker threads rebuild the run's model: see `./model-source.ts`. */
  readonly source: ModelSource;
}

/**
 * The shard executor of one run: undefined (all shards inline on the calling thread) for one thread or
 * a single-shard model, otherwise the K shards spread over min(threads, K) threads. Output is
 * byte-identical either way. The caller closes what it returns.
 */
export async function makeShardExecutor(request: ShardExecutorRequest): Promise<ShardExecutor | undefined> {
  const { model, seed, threadsPerRun, source } = request;
  if (threadsPerRun <= 1 || model.shards <= 1) return undefined;
  return ThreadedShardExecutor.start(model, source, seed, threadsPerRun);
}
