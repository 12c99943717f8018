import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { LIVEPEER_METRICS } from '../src/networks/livepeer/metrics.ts';
import { livepeer, livepeerPopulations } from '../src/networks/livepeer/model.ts';
import { livepeerConfigFrom, livepeerParams as lp } from '../src/networks/livepeer/params.ts';

/**
 * The inflation controller and dilution. From a 2024-like start (inflation 0.05 %/round, participation about 47 %),
 * sweep the controller's target and step: inflation follows participation, bonded stake earns about inflation /
 * participation less the treasury cut and commission, and holders who never bond lose their share of the network.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/livepeer-inflation.ts --replicates 2`).
 * Realistic size: `--set delegators=200000 --set broadcasters=5000 --set orchestrators=100
 * --set orchestratorCandidates=50 --set streamsPerHour=400 --set shards=8 --set horizonDays=730`.
 */
export default defineExperiment({
  name: 'livepeer-inflation',
  description: 'How Livepeer inflation tracks participation, what bonded stake earns and what passive holders lose',
  params: {
    ...lp,
    targetBondingRate: lp.targetBondingRate.set(grid([0.4, 0.5, 0.6])),
    inflationChange: lp.inflationChange.set(grid([500, 2500])),
    initialInflation: lp.initialInflation.set(500_000),
    horizonDays: lp.horizonDays.set(365),
    windowHours: lp.windowHours.set(19.2),
    delegators: lp.delegators.set(1_000),
    broadcasters: lp.broadcasters.set(50),
    streamsPerHour: lp.streamsPerHour.set(20),
  },
  replicates: 4,
  seed: 2024,
  horizon: (p) => days(p.horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.horizonDays / 73))),
  metrics: LIVEPEER_METRICS,
  build: (p) => livepeer(livepeerConfigFrom(p)),
  populations: (p) => livepeerPopulations(livepeerConfigFrom(p)),
});
