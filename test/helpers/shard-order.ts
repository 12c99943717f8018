import type { AnyModel, MetricValues } from '../../src/engine/model.ts';
import { LocalShardExecutor, type ShardOrder } from '../../src/engine/shard-executor.ts';
import { simulate } from '../../src/engine/simulation.ts';

export interface ShardOrderCase {
  /** Builds a fresh model (called once per order). */
  build: () => AnyModel;
  seed: number;
  horizonS: number;
  sampleEveryS: number;
}

/** The bytes a run's samples and end metrics serialise to, with shards processed in the given order. */
export async function runBytes(c: ShardOrderCase, order: ShardOrder): Promise<string> {
  const model = c.build();
  const lines: string[] = [];
  const fmt = (v: MetricValues) =>
    Object.entries(v)
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  const executor = new LocalShardExecutor(model, c.seed, order);
  const result = await simulate(model, {
    seed: c.seed,
    horizonS: c.horizonS,
    sampleEveryS: c.sampleEveryS,
    executor,
    onSample: (t, v) => lines.push(`${t};${fmt(v)}`),
  });
  await executor.close();
  lines.push(`end;${fmt(result.end)}`);
  return lines.join('\n');
}

/**
 * Runs the model with its shards processed forward and in reverse within every window and returns both
 * serialisations; a test asserts they are equal. Every network keeps such a test: it is what lets the
 * shards of a run execute on any number of threads in any order.
 */
export async function forwardAndReverse(c: ShardOrderCase): Promise<{ forward: string; reverse: string }> {
  return { forward: await runBytes(c, 'forward'), reverse: await runBytes(c, 'reverse') };
}
