import { type MessagePort, parentPort, receiveMessageOnPort } from 'node:worker_threads';
import type { AnyModel } from './model.ts';
import { shardContext } from './shard-executor.ts';
import type { FromShardWorker, ToShardWorker } from './threaded-shards.ts';

/**
 * A worker thread that owns some shards of one run (see ThreadedShardExecutor). After init it serves
 * windows from its dedicated port synchronously: it polls the port for SPIN_MS after each window (the
 * next one normally follows within a millisecond), then sleeps on the doorbell until a step rings it.
 */
const SPIN_MS = 5;
const SLEEP_CHECK_MS = 100;

const message = (e: unknown): FromShardWorker => {
  const err = e as Error;
  return { type: 'error', message: err?.message ?? String(e), stack: err?.stack };
};

function serve(model: AnyModel, shards: unknown[], port: MessagePort, doorbell: Int32Array): void {
  for (;;) {
    const seen = Atomics.load(doorbell, 0);
    let got = receiveMessageOnPort(port);
    if (!got) {
      const until = performance.now() + SPIN_MS;
      while (!got && performance.now() < until) got = receiveMessageOnPort(port);
    }
    if (!got) {
      Atomics.wait(doorbell, 0, seen, SLEEP_CHECK_MS);
      continue;
    }
    const msg = got.message as ToShardWorker;
    if (msg.type === 'stop') return;
    if (msg.type !== 'step') continue;
    try {
      port.postMessage({ type: 'orders', orders: shards.map((s) => model.stepShard(s, msg.window, msg.pub)) } satisfies FromShardWorker);
    } catch (e) {
      port.postMessage(message(e));
    }
  }
}

const control = parentPort!;
control.once('message', async (msg: ToShardWorker) => {
  if (msg.type !== 'init') return;
  let model: AnyModel;
  let shards: unknown[];
  try {
    const mod = (await import(msg.source.module)) as { buildModel: (args: unknown) => AnyModel | Promise<AnyModel> };
    model = await mod.buildModel(msg.source.args);
    shards = msg.indices.map((i) => model.createShard(shardContext(msg.seed, i, msg.count)));
  } catch (e) {
    msg.port.postMessage(message(e));
    return;
  }
  msg.port.postMessage({ type: 'ready' } satisfies FromShardWorker);
  serve(model, shards, msg.port, new Int32Array(msg.doorbell));
  msg.port.close();
  control.close();
});
