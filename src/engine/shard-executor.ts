import type { AnyModel, ShardContext, Window } from './model.ts';
import { streamOf } from './rng.ts';

/** Runs the K shards of one run for a window and returns their orders in shard index order. */
export interface ShardExecutor {
  step(window: Window, pub: unknown): Promise<unknown[]>;
  close(): Promise<void>;
}

/** The context of shard `index` of a run: its streams are keyed by shard index, never by thread. */
export function shardContext(seed: number, index: number, count: number): ShardContext {
  return { index, count, seed, stream: (name: string) => streamOf(seed, `shard/${index}/${name}`) };
}

export type ShardOrder = 'forward' | 'reverse';

/**
 * All shards on the calling thread. `order` is the order shards are processed in: results must not
 * depend on it (the reverse order is what the shard-independence test uses).
 */
export class LocalShardExecutor implements ShardExecutor {
  private readonly shards: unknown[];

  constructor(
    private readonly model: AnyModel,
    seed: number,
    private readonly order: ShardOrder = 'forward',
  ) {
    this.shards = [];
    for (let i = 0; i < model.shards; i++) this.shards.push(model.createShard(shardContext(seed, i, model.shards)));
  }

  async step(window: Window, pub: unknown): Promise<unknown[]> {
    const k = this.shards.length;
    const out = new Array<unknown>(k);
    for (let j = 0; j < k; j++) {
      const i = this.order === 'forward' ? j : k - 1 - j;
      out[i] = this.model.stepShard(this.shards[i], window, pub);
    }
    return out;
  }

  async close(): Promise<void> {}
}
