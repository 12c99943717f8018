import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { filecoinWorld, filecoinWorldMetrics, filecoinWorldPopulations, filecoinWorldParams as fp } from './lib/filecoin-world.ts';

/**
 * Network growth against the baseline: how much baseline minting is unlocked. The baseline doubles every year; the
 * reward actor mints its 770M FIL only as fast as realised raw power keeps up. From the network of 2022-10-10
 * (16.6 EiB against a 10.9 EiB baseline), sweep the FIL price (what committed capacity earns) and storage demand
 * (clients with data, most of it Fil+ verified): when raw power falls under the baseline, how far the effective
 * network time trails the clock, how much baseline reward is left locked in the reward actor, and what that does to
 * the epoch reward, the pledge and circulating supply.
 *
 * Small by default so CI runs it in seconds; realistic size as for filecoin-providers.
 */
export default defineExperiment({
  name: 'filecoin-minting',
  description: 'Filecoin growth against the baseline: raw power, effective network time, baseline minting unlocked, reward and pledge',
  params: {
    ...fp,
    world_horizonDays: fp.world_horizonDays.set(3 * 365),
    world_filPriceUsd: fp.world_filPriceUsd.set(grid([3, 8, 20])),
    filecoin_clients: fp.filecoin_clients.set(grid([100, 1000])),
    filecoin_verifiedDealShare: fp.filecoin_verifiedDealShare.set(0.85),
    filecoin_providers: fp.filecoin_providers.set(60),
  },
  replicates: 2,
  seed: 2023,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 73))),
  metrics: filecoinWorldMetrics,
  build: (p) => filecoinWorld(p),
  populations: (p) => filecoinWorldPopulations(p),
});
