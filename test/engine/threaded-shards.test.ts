import { describe, expect, it } from 'vitest';
import type { MetricValues } from '../../src/engine/model.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { slotOf, ThreadedShardExecutor } from '../../src/engine/threaded-shards.ts';
import { buildModel, toyModel } from './toy-market.ts';

async function samplesWith(threads: number): Promise<string> {
  const args = { shards: 5, agentsPerShard: 40 };
  const model = toyModel(args.shards, args.agentsPerShard);
  const executor =
    threads > 1 ? await ThreadedShardExecutor.start(model, { module: new URL('./toy-market.ts', import.meta.url).href, args }, 11, threads) : undefined;
  const rows: string[] = [];
  const fmt = (v: MetricValues) => JSON.stringify(v);
  try {
    const r = await simulate(model, { seed: 11, horizonS: 300, sampleEveryS: 30, executor, onSample: (t, v) => rows.push(`${t} ${fmt(v)}`) });
    rows.push(fmt(r.end));
  } finally {
    await executor?.close();
  }
  return rows.join('\n');
}

describe('ThreadedShardExecutor', () => {
  it('assigns shards to threads round robin', () => {
    expect([0, 1, 2, 3, 4].map((i) => slotOf(i, 2))).toEqual([0, 1, 0, 1, 0]);
  });

  it('gives the same bytes on 1, 2 and 3 threads', async () => {
    const one = await samplesWith(1);
    expect(await samplesWith(2)).toBe(one);
    expect(await samplesWith(3)).toBe(one);
  });

  it('reports an error thrown in a worker thread during a window, without hanging', async () => {
    const args = { shards: 4, agentsPerShard: 5, failShardAtWindow: [1, 3] as [number, number] };
    const model = buildModel(args);
    const executor = await ThreadedShardExecutor.start(model, { module: new URL('./toy-market.ts', import.meta.url).href, args }, 3, 2);
    try {
      await expect(simulate(model, { seed: 3, horizonS: 200, sampleEveryS: 50, executor })).rejects.toThrow('toy shard 1 fails at window 3');
    } finally {
      await executor.close();
    }
  });

  it('reports an error thrown while a worker builds its model', async () => {
    const model = toyModel(2, 1);
    await expect(ThreadedShardExecutor.start(model, { module: 'file:///nonexistent/module.ts', args: {} }, 1, 2)).rejects.toThrow();
  });
});
