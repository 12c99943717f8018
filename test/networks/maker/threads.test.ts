import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import keepers from '../../../experiments/maker-keepers.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { spaceOf } from '../../../src/experiment/space.ts';
import { experimentModelSource } from '../../../src/runner/model-source.ts';

const FILE = fileURLToPath(new URL('../../../experiments/maker-keepers.ts', import.meta.url));

/** Every sample of one run of maker-keepers with its 5 shards on `threads` threads, as text. */
async function samplesOn(threads: number): Promise<string> {
  const space = spaceOf(keepers, [
    'world_horizonDays=1.5',
    'world_shards=5',
    'world_crashSize=0.5',
    'world_crashAtHours=6',
    'maker_auctionKeepers=4',
    'maker_vaults=300',
  ]);
  expect(space.points).toHaveLength(1);
  const point = space.points[0]!;
  const model = keepers.build(point.values);
  const seed = runSeed(keepers.seed, point.id, 0);
  const executor = threads > 1 ? await ThreadedShardExecutor.start(model, experimentModelSource(FILE, point.values), seed, threads) : undefined;
  const rows: string[] = [];
  try {
    const r = await simulate(model, {
      seed,
      horizonS: keepers.horizonS(point.values),
      sampleEveryS: 3 * 3600,
      executor,
      onSample: (t, v) => rows.push(`${t} ${JSON.stringify(v)}`),
    });
    rows.push(JSON.stringify(r.end));
  } finally {
    await executor?.close();
  }
  return rows.join('\n');
}

describe('maker on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"maker_auctions_done":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 60_000);
});
