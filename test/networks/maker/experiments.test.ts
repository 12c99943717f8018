import { describe, expect, it } from 'vitest';
import bt from '../../../experiments/maker-black-thursday.ts';
import crash from '../../../experiments/maker-crash.ts';
import keepers from '../../../experiments/maker-keepers.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { spaceOf } from '../../../src/experiment/space.ts';

describe('maker experiments', () => {
  for (const [experiment, horizon] of [
    [keepers, ['world_horizonDays=1', 'maker_vaults=80', 'world_crashAtHours=6']],
    [crash, ['world_horizonDays=1', 'maker_vaults=80', 'world_crashAtHours=6']],
    [bt, ['world_horizonDays=1', 'maker_vaults=1000']],
  ] as const) {
    it(`${experiment.name} runs every point at small size and emits every metric`, async () => {
      const space = spaceOf(experiment, [...horizon]);
      expect(space.points.length).toBeGreaterThan(1);
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
    }, 60_000);
  }
});
