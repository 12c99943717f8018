import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import market from '../../../experiments/livepeer-market.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { spaceOf } from '../../../src/experiment/space.ts';
import { experimentModelSource } from '../../../src/runner/model-source.ts';

const FILE = fileURLToPath(new URL('../../../experiments/livepeer-market.ts', import.meta.url));

/** Every sample of one run of the livepeer-market experiment with its 5 shards on `threads` threads, as text. */
async function samplesOn(threads: number): Promise<string> {
  const space = spaceOf(market, [
    'world_horizonDays=12',
    'world_shards=5',
    'livepeer_delegators=1500',
    'livepeer_streamsPerHour=300',
    'livepeer_maxSessions=5',
    'livepeer_orchestratorCandidates=10',
    'livepeer_reviewDays=2',
    'livepeer_exitProbAnnual=0.9',
  ]);
  expect(space.points).toHaveLength(1);
  const point = space.points[0]!;
  const model = market.build(point.values);
  const seed = runSeed(market.seed, point.id, 0);
  const executor = threads > 1 ? await ThreadedShardExecutor.start(model, experimentModelSource(FILE, point.values), seed, threads) : undefined;
  const rows: string[] = [];
  try {
    const r = await simulate(model, {
      seed,
      horizonS: market.horizonS(point.values),
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

describe('livepeer on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"livepeer_streams_served":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 60_000);
});
