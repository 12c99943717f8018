import { parentPort } from 'node:worker_threads';
import type { AnyModel } from './model.ts';
import { shardContext } from './shard-executor.ts';
import type { FromShardWorker, ToShardWorker } from './threaded-shards.ts';

// A worker thread that owns some shards of one run (see ThreadedShardExecutor).
let model: AnyModel | undefined;
let shards: unknown[] = [];

const port = parentPort!;
port.on('message', async (msg: ToShardWorker) => {
  const reply = (m: FromShardWorker) => port.postMessage(m);
  try {
    if (msg.type === 'init') {
      const mod = (await import(msg.source.module)) as { buildModel: (args: unknown) => AnyModel | Promise<AnyModel> };
      model = await mod.buildModel(msg.source.args);
      shards = msg.indices.map((i) => model!.createShard(shardContext(msg.seed, i, msg.count)));
      reply({ type: 'ready' });
    } else {
      const m = model!;
      reply({ type: 'orders', orders: shards.map((s) => m.stepShard(s, msg.window, msg.pub)) });
    }
  } catch (e) {
    const err = e as Error;
    reply({ type: 'error', message: err?.message ?? String(e), stack: err?.stack });
  }
});
