import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { AnyModel, Window } from './model.ts';
import { type ShardExecutor, shardContext } from './shard-executor.ts';
import { startTsWorker } from './ts-worker.ts';

/**
 * Where a worker thread gets its own copy of the model: a module exporting
 * `buildModel(args): AnyModel | Promise<AnyModel>`, and the (structured-cloneable) arguments for it.
 */
export interface ModelSource {
  readonly module: string;
  readonly args: unknown;
}

/**
 * Init goes through the worker's ordinary message channel; windows go through a dedicated port that the
 * worker polls synchronously (see shard-worker.ts), with a shared doorbell to wake it when it has gone to sleep.
 */
export type ToShardWorker =
  | { type: 'init'; source: ModelSource; seed: number; count: number; indices: number[]; port: MessagePort; doorbell: SharedArrayBuffer }
  | { type: 'step'; window: Window; pub: unknown }
  | { type: 'stop' };
export type FromShardWorker = { type: 'ready' } | { type: 'orders'; orders: unknown[] } | { type: 'error'; message: string; stack?: string };

/** Which thread slot runs shard i: round robin, so the assignment depends only on K and W. */
export function slotOf(shard: number, threads: number): number {
  return shard % threads;
}

/** How long the calling thread polls for a worker's orders before yielding to its event loop once. */
const POLL_SLICE_MS = 20;

interface ShardWorker {
  readonly worker: Worker;
  readonly indices: number[];
  readonly port: MessagePort;
  readonly doorbell: Int32Array;
  failure?: Error;
}

/**
 * The K shards of one run spread over W threads: slot 0 is the calling thread, slots 1..W−1 are worker
 * threads, each of which builds its own copy of the model and creates only its own shards (from their
 * own streams, keyed by shard index). Each window, every slot steps its shards; the orders come back in
 * shard index order, so the output is the same for any W.
 *
 * A window is short (milliseconds of work), so waking a sleeping thread twice per window would cost as
 * much as the work on a busy machine: both sides therefore poll their port between windows, and only a
 * worker idle for longer than its spin budget sleeps (on a futex doorbell that each step rings).
 */
export class ThreadedShardExecutor implements ShardExecutor {
  private constructor(
    private readonly model: AnyModel,
    private readonly local: { index: number; shard: unknown }[],
    private readonly workers: ShardWorker[],
  ) {}

  static async start(model: AnyModel, source: ModelSource, seed: number, threads: number): Promise<ThreadedShardExecutor> {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads per run must be an integer ≥ 1, got ${threads}`);
    const k = model.shards;
    const w = Math.min(threads, k);
    const slots: number[][] = Array.from({ length: w }, () => []);
    for (let i = 0; i < k; i++) slots[slotOf(i, w)]!.push(i);
    // Workers start first, so they build their shards while this thread builds its own.
    const workers: ShardWorker[] = slots.slice(1).map((indices) => {
      const worker = startTsWorker(new URL('./shard-worker.ts', import.meta.url));
      const { port1, port2 } = new MessageChannel();
      const doorbell = new SharedArrayBuffer(4);
      const sw: ShardWorker = { worker, indices, port: port1, doorbell: new Int32Array(doorbell) };
      worker.on('error', (e) => {
        sw.failure ??= e;
      });
      worker.on('exit', (code) => {
        sw.failure ??= new Error(`shard worker exited with code ${code}`);
      });
      worker.postMessage({ type: 'init', source, seed, count: k, indices, port: port2, doorbell } satisfies ToShardWorker, [port2]);
      return sw;
    });
    const local: { index: number; shard: unknown }[] = [];
    const exec = new ThreadedShardExecutor(model, local, workers);
    try {
      const ready = Promise.all(workers.map((sw) => exec.receive(sw)));
      ready.catch(() => {}); // observed below; this only keeps an early rejection from being reported as unhandled
      for (const index of slots[0]!) local.push({ index, shard: model.createShard(shardContext(seed, index, k)) });
      await ready;
    } catch (e) {
      await exec.close();
      throw e;
    }
    return exec;
  }

  /** The next reply of a worker: polled on its port, yielding to the event loop between slices. */
  private async receive(sw: ShardWorker): Promise<FromShardWorker> {
    for (;;) {
      const until = performance.now() + POLL_SLICE_MS;
      do {
        const got = receiveMessageOnPort(sw.port);
        if (got) {
          const m = got.message as FromShardWorker;
          if (m.type === 'error') throw Object.assign(new Error(m.message), { stack: m.stack });
          return m;
        }
      } while (performance.now() < until);
      // Let 'error' / 'exit' of a worker that died be delivered, then poll again.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (sw.failure) throw sw.failure;
    }
  }

  private send(sw: ShardWorker, msg: ToShardWorker): void {
    sw.port.postMessage(msg);
    Atomics.add(sw.doorbell, 0, 1);
    Atomics.notify(sw.doorbell, 0);
  }

  async step(window: Window, pub: unknown): Promise<unknown[]> {
    const out = new Array<unknown>(this.model.shards);
    for (const sw of this.workers) this.send(sw, { type: 'step', window, pub });
    for (const { index, shard } of this.local) out[index] = this.model.stepShard(shard, window, pub);
    for (const sw of this.workers) {
      const r = (await this.receive(sw)) as { orders: unknown[] };
      sw.indices.forEach((index, n) => {
        out[index] = r.orders[n];
      });
    }
    return out;
  }

  async close(): Promise<void> {
    for (const sw of this.workers) {
      try {
        this.send(sw, { type: 'stop' });
      } catch {
        /* the port may be closed already */
      }
    }
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
