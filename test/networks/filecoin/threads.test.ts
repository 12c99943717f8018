import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import providers from '../../../experiments/filecoin-providers.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { spaceOf } from '../../../src/experiment/space.ts';
import { experimentModelSource } from '../../../src/runner/model-source.ts';

const FILE = fileURLToPath(new URL('../../../experiments/filecoin-providers.ts', import.meta.url));

/** Every sample of one run of the filecoin-providers experiment with its 5 shards on `threads` threads, as text. */
async function samplesOn(threads: number): Promise<string> {
  const space = spaceOf(providers, [
    'world_horizonDays=20',
    'world_shards=5',
    'world_filPriceUsd=5',
    'filecoin_capexUsdPerTib=30',
    'filecoin_faultProbability=0.02',
    'filecoin_providers=20',
    'filecoin_clients=300',
    'filecoin_clientArrivalDays=5',
  ]);
  expect(space.points).toHaveLength(1);
  const point = space.points[0]!;
  const model = providers.build(point.values);
  const seed = runSeed(providers.seed, point.id, 0);
  const executor = threads > 1 ? await ThreadedShardExecutor.start(model, experimentModelSource(FILE, point.values), seed, threads) : undefined;
  const rows: string[] = [];
  try {
    const r = await simulate(model, {
      seed,
      horizonS: providers.horizonS(point.values),
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

describe('filecoin on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"filecoin_deals_active":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 120_000);
});
