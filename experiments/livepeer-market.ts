import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { livepeerWorld, livepeerWorldMetrics, livepeerWorldPopulations, livepeerWorldParams as lp } from './lib/livepeer-world.ts';

/**
 * Demand against supply. Sweep the stream arrival rate against orchestrator session capacity: who is served and at
 * what price, what share of stakers' income users pay, whether candidates enter and losers leave, and how
 * concentrated stake becomes.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/livepeer-market.ts --replicates 2`).
 * Realistic size: `--set livepeer_delegators=200000 --set livepeer_broadcasters=20000 --set livepeer_orchestrators=100
 * --set livepeer_orchestratorCandidates=100 --set livepeer_streamsPerHour=200,2000,20000 --set world_shards=8 --set world_horizonDays=365`.
 */
export default defineExperiment({
  name: 'livepeer-market',
  description: 'Livepeer demand against transcoding capacity: service, prices, who earns, stake concentration',
  params: {
    ...lp,
    world_horizonDays: lp.world_horizonDays.set(30),
    livepeer_streamsPerHour: lp.livepeer_streamsPerHour.set(grid([20, 120, 480])),
    livepeer_maxSessions: lp.livepeer_maxSessions.set(grid([5, 10, 20])),
    livepeer_meanStreamMinutes: lp.livepeer_meanStreamMinutes.set(30),
    livepeer_orchestrators: lp.livepeer_orchestrators.set(15),
    livepeer_orchestratorCandidates: lp.livepeer_orchestratorCandidates.set(15),
    livepeer_delegators: lp.livepeer_delegators.set(500),
    livepeer_broadcasters: lp.livepeer_broadcasters.set(200),
  },
  replicates: 3,
  seed: 7,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: days(1),
  metrics: livepeerWorldMetrics,
  build: (p) => livepeerWorld(p),
  populations: (p) => livepeerWorldPopulations(p),
});
