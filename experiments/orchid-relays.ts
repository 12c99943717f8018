import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { orchidWorldParams as op, orchidWorld, orchidWorldMetrics, orchidWorldPopulations } from './lib/orchid-world.ts';

/**
 * Orchid's relays under the directory's stake-weighted pick and the v1 lottery. Sweep the face value users fund
 * their accounts for and the gas price on the lottery's chain: does stake-weighting concentrate the network (stake
 * and traffic, against capacity), how lottery variance and gas fall on small relays (monthly income CV by stake,
 * return by stake decile, users' price after gas), and what own stake a relay needs to break even.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/orchid-relays.ts --replicates 2`).
 * Larger: `--set orchid_users=20000 --set orchid_relays=60 --set orchid_relayCandidates=30 --set world_shards=8
 * --set world_horizonDays=365`.
 */
export default defineExperiment({
  name: 'orchid-relays',
  description: 'Orchid relays: stake-weighted picks and concentration, lottery variance and gas on small relays, the stake that breaks even',
  params: {
    ...op,
    world_horizonDays: op.world_horizonDays.set(180),
    orchid_faceValueUsd: op.orchid_faceValueUsd.set(grid([1, 5, 25])),
    orchid_gasPriceGwei: op.orchid_gasPriceGwei.set(grid([2, 2000])),
  },
  replicates: 4,
  seed: 14,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 60))),
  metrics: orchidWorldMetrics,
  build: (p) => orchidWorld(p),
  populations: (p) => orchidWorldPopulations(p),
});
