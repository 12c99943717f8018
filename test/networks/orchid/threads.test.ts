import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import relaysExperiment from '../../../experiments/orchid-relays.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { spaceOf } from '../../../src/experiment/space.ts';
import { experimentModelSource } from '../../../src/runner/model-source.ts';

const FILE = fileURLToPath(new URL('../../../experiments/orchid-relays.ts', import.meta.url));

/** Every sample of one run of the orchid-relays experiment with its 5 shards on `threads` threads, as text. */
async function samplesOn(threads: number): Promise<string> {
  const space = spaceOf(relaysExperiment, [
    'world_horizonDays=20',
    'world_shards=5',
    'orchid_users=800',
    'orchid_faceValueUsd=1',
    'orchid_gasPriceGwei=2000',
    'orchid_lenders=3',
    'orchid_relayReviewDays=2',
    'orchid_memoryDays=4',
  ]);
  expect(space.points).toHaveLength(1);
  const point = space.points[0]!;
  const model = relaysExperiment.build(point.values);
  const seed = runSeed(relaysExperiment.seed, point.id, 0);
  const executor = threads > 1 ? await ThreadedShardExecutor.start(model, experimentModelSource(FILE, point.values), seed, threads) : undefined;
  const rows: string[] = [];
  try {
    const r = await simulate(model, {
      seed,
      horizonS: relaysExperiment.horizonS(point.values),
      sampleEveryS: 86_400,
      executor,
      onSample: (t, v) => rows.push(`${t} ${JSON.stringify(v)}`),
    });
    rows.push(JSON.stringify(r.end));
  } finally {
    await executor?.close();
  }
  return rows.join('\n');
}

describe('orchid on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"orchid_gb_served":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 90_000);
});
