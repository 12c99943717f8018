import { describe, expect, it } from 'vitest';
import relaysExperiment from '../../../experiments/orchid-relays.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { spaceOf } from '../../../src/experiment/space.ts';

describe('orchid experiments', () => {
  it('orchid-relays runs every point at small size, emits every metric, and the directory’s picks follow stake', async () => {
    const space = spaceOf(relaysExperiment, ['world_horizonDays=40', 'orchid_users=600']);
    expect(space.points).toHaveLength(6);
    for (const point of space.points) {
      const end = (
        await simulate(relaysExperiment.build(point.values), {
          seed: runSeed(relaysExperiment.seed, point.id, 0),
          horizonS: relaysExperiment.horizonS(point.values),
          sampleEveryS: relaysExperiment.sampleEveryS(point.values),
        })
      ).end;
      for (const m of relaysExperiment.metrics) expect(Number.isFinite(end[m]), `point ${point.id} ${m}`).toBe(true);
      // Each relay's share of picks against its share of stake over the run: the directory's rule, seen in the run.
      expect(end.orchid_selection_share_vs_stake_share).toBeGreaterThan(0.98);
      expect(end.orchid_gb_served).toBeGreaterThan(0);
    }
  });
});
