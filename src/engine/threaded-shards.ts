import type { Worker } from 'node:worker_threads';
import type { AnyModel, Window } from './model.ts';
import { shardContext, type ShardExecutor } from './shard-executor.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * Where a worker thread gets its own copy of the model: a module exporting
 * `buildModel(args): AnyModel | Promise<AnyModel>`, and the (structured-cloneable) arguments for it.
 */
export interface ModelSource {
  readonly module: string;
  readonly args: unknown;
}

export type ToShardWorker =
  | { type: 'init'; source: ModelSource; seed: number; count: number; indices: number[] }
  | { type: 'step'; window: Window; pub: unknown };
export type FromShardWorker = { type: 'ready' } | { type: 'orders'; orders: unknown[] } | { type: 'error'; message: string; stack?: string };

/** Which thread slot runs shard i: round robin, so the assignment depends only on K and W. */
export function slotOf(shard: number, threads: number): number {
  return shard % threads;
}

/**
 * The K shards of one run spread over W threads: slot 0 is the calling thread, slots 1..W−1 are worker
 * threads, each of which builds its own copy of the model and creates only its own shards (from their
 * own streams, keyed by shard index). Each window, every slot steps its shards; the orders come back in
 * shard index order, so the output is the same for any W.
 */
export class ThreadedShardExecutor implements ShardExecutor {
  private constructor(
    private readonly model: AnyModel,
    private readonly local: { index: number; shard: unknown }[],
    private readonly workers: { worker: Worker; indices: number[] }[],
  ) {}

  static async start(model: AnyModel, source: ModelSource, seed: number, threads: number): Promise<ThreadedShardExecutor> {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads per run must be an integer ≥ 1, got ${threads}`);
    const k = model.shards;
    const w = Math.min(threads, k);
    const slots: number[][] = Array.from({ length: w }, () => []);
    for (let i = 0; i < k; i++) slots[slotOf(i, w)]!.push(i);
    // Workers start first, so they build their shards while this thread builds its own.
    const workers = slots.slice(1).map((indices) => ({
      worker: startTsWorker(new URL('./shard-worker.ts', import.meta.url)),
      indices,
    }));
    const local: { index: number; shard: unknown }[] = [];
    const exec = new ThreadedShardExecutor(model, local, workers);
    try {
      const ready = Promise.all(workers.map(({ worker, indices }) => exec.request(worker, { type: 'init', source, seed, count: k, indices })));
      ready.catch(() => {}); // observed below; this only keeps an early rejection from being reported as unhandled
      for (const index of slots[0]!) local.push({ index, shard: model.createShard(shardContext(seed, index, k)) });
      await ready;
    } catch (e) {
      await exec.close();
      throw e;
    }
    return exec;
  }

  private request(worker: Worker, msg: ToShardWorker): Promise<FromShardWorker> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromShardWorker) => {
        cleanup();
        if (m.type === 'error') reject(Object.assign(new Error(m.message), { stack: m.stack }));
        else resolve(m);
      };
      const onError = (e: Error) => { cleanup(); reject(e); };
      const onExit = (code: number) => { cleanup(); reject(new Error(`shard worker exited with code ${code}`)); };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(msg);
    });
  }

  async step(window: Window, pub: unknown): Promise<unknown[]> {
    const out = new Array<unknown>(this.model.shards);
    const remote = this.workers.map(({ worker }) => this.request(worker, { type: 'step', window, pub }));
    for (const { index, shard } of this.local) out[index] = this.model.stepShard(shard, window, pub);
    const replies = await Promise.all(remote);
    replies.forEach((r, j) => {
      const { indices } = this.workers[j]!;
      const orders = (r as { orders: unknown[] }).orders;
      indices.forEach((index, n) => { out[index] = orders[n]; });
    });
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
