import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { MAINNET_ROUND_HOURS } from '../src/networks/livepeer/params.ts';
import { livepeerWorld, livepeerWorldMetrics, livepeerWorldPopulations, livepeerWorldParams as lp } from './lib/livepeer-world.ts';

/**
 * The inflation controller and dilution. From a 2024-like start (inflation 0.05 %/round, participation about 47 %),
 * sweep the controller's target and step: inflation follows participation, bonded stake earns about inflation /
 * participation less the treasury cut and commission, and holders who never bond lose their share of the network.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/livepeer-inflation.ts --replicates 2`).
 * Realistic size: `--set livepeer_delegators=200000 --set livepeer_broadcasters=5000 --set livepeer_orchestrators=100
 * --set livepeer_orchestratorCandidates=50 --set livepeer_streamsPerHour=400 --set world_shards=8 --set world_horizonDays=730`.
 */
export default defineExperiment({
  name: 'livepeer-inflation',
  description: 'How Livepeer inflation tracks participation, what bonded stake earns and what passive holders lose',
  params: {
    ...lp,
    world_horizonDays: lp.world_horizonDays.set(365),
    livepeer_targetBondingRate: lp.livepeer_targetBondingRate.set(grid([0.4, 0.5, 0.6])),
    livepeer_inflationChange: lp.livepeer_inflationChange.set(grid([500, 2500])),

    livepeer_windowHours: lp.livepeer_windowHours.set(MAINNET_ROUND_HOURS),
    livepeer_delegators: lp.livepeer_delegators.set(1_000),
    livepeer_broadcasters: lp.livepeer_broadcasters.set(50),
    livepeer_streamsPerHour: lp.livepeer_streamsPerHour.set(20),
  },
  replicates: 4,
  seed: 2024,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 73))),
  metrics: livepeerWorldMetrics,
  build: (p) => livepeerWorld(p),
  populations: (p) => livepeerWorldPopulations(p),
});
