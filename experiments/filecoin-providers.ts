import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { filecoinWorld, filecoinWorldMetrics, filecoinWorldPopulations, filecoinWorldParams as fp } from './lib/filecoin-world.ts';

/**
 * Who profits from storage on Filecoin. From the network of 2022-10-10, sweep the FIL price, the hardware's cost and
 * providers' reliability: providers' return on capital by size tier (from home to industrial), what the pledge
 * locks against what the rewards pay, who grows, who exits, and how concentrated power becomes.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/filecoin-providers.ts --replicates 2`).
 * Realistic size: `--set filecoin_providers=4000 --set filecoin_providerCandidates=400 --set filecoin_clients=20000
 * --set world_shards=8 --set world_horizonDays=730`.
 */
export default defineExperiment({
  name: 'filecoin-providers',
  description: "Filecoin providers' return by size tier under the FIL price, capex and reliability; pledge against reward; concentration",
  params: {
    ...fp,
    world_horizonDays: fp.world_horizonDays.set(365),
    world_filPriceUsd: fp.world_filPriceUsd.set(grid([2, 5, 12])),
    filecoin_capexUsdPerTib: fp.filecoin_capexUsdPerTib.set(grid([30, 90])),
    filecoin_faultProbability: fp.filecoin_faultProbability.set(grid([0.001, 0.02])),
    filecoin_providers: fp.filecoin_providers.set(80),
    filecoin_clients: fp.filecoin_clients.set(300),
  },
  replicates: 3,
  seed: 2022,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 52))),
  metrics: filecoinWorldMetrics,
  build: (p) => filecoinWorld(p),
  populations: (p) => filecoinWorldPopulations(p),
});
