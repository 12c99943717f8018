import { describe, expect, it } from 'vitest';
import backtest from '../../../experiments/filecoin-backtest.ts';
import minting from '../../../experiments/filecoin-minting.ts';
import providers from '../../../experiments/filecoin-providers.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { spaceOf } from '../../../src/experiment/space.ts';

describe('filecoin experiments', () => {
  for (const [experiment, sets] of [
    [providers, ['world_horizonDays=6', 'filecoin_providers=20', 'filecoin_clients=60']],
    [minting, ['world_horizonDays=6', 'filecoin_providers=20']],
    [backtest, ['world_horizonDays=20', 'filecoin_providers=20', 'filecoin_providerCandidates=4', 'world_shards=2', 'filecoin_clients=300']],
  ] as const) {
    it(`${experiment.name} runs every point at small size and emits every metric`, async () => {
      const space = spaceOf(experiment, [...sets]);
      expect(space.points.length).toBeGreaterThan(0);
      for (const point of space.points) {
        const end = (
          await simulate(experiment.build(point.values), {
            seed: runSeed(experiment.seed, point.id, 0),
            horizonS: experiment.horizonS(point.values),
            sampleEveryS: experiment.sampleEveryS(point.values),
          })
        ).end;
        for (const m of experiment.metrics) expect(Number.isFinite(end[m]), `${experiment.name} point ${point.id} ${m}`).toBe(true);
      }
    }, 120_000);
  }
});
