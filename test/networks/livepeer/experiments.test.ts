import { describe, expect, it } from 'vitest';
import backtest from '../../../experiments/livepeer-backtest.ts';
import inflation from '../../../experiments/livepeer-inflation.ts';
import market from '../../../experiments/livepeer-market.ts';
import pricesExperiment from '../../../experiments/livepeer-prices.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { spaceOf } from '../../../src/experiment/space.ts';

describe('livepeer experiments', () => {
  for (const [experiment, horizonDays] of [
    [inflation, 120],
    [market, 20],
    [pricesExperiment, 60],
    [backtest, 30],
  ] as const) {
    it(`${experiment.name} runs every point at small size and emits every metric`, async () => {
      const space = spaceOf(experiment, [`world_horizonDays=${horizonDays}`]);
      expect(space.points.length).toBeGreaterThan(experiment === backtest ? 0 : 1);
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
    });
  }
});
