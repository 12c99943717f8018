import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { LIVEPEER_METRICS } from '../src/networks/livepeer/metrics.ts';
import { livepeer, livepeerPopulations } from '../src/networks/livepeer/model.ts';
import { livepeerConfigFrom, livepeerParams as lp } from '../src/networks/livepeer/params.ts';

/**
 * Demand against supply. Sweep the stream arrival rate against orchestrator session capacity: who is served and at
 * what price, what share of stakers' income users pay, whether candidates enter and losers leave, and how
 * concentrated stake becomes.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/livepeer-market.ts --replicates 2`).
 * Realistic size: `--set delegators=200000 --set broadcasters=20000 --set orchestrators=100
 * --set orchestratorCandidates=100 --set streamsPerHour=200,2000,20000 --set shards=8 --set horizonDays=365`.
 */
export default defineExperiment({
  name: 'livepeer-market',
  description: 'Livepeer demand against transcoding capacity: service, prices, who earns, stake concentration',
  params: {
    ...lp,
    streamsPerHour: lp.streamsPerHour.set(grid([20, 120, 480])),
    maxSessions: lp.maxSessions.set(grid([5, 10, 20])),
    meanStreamMinutes: lp.meanStreamMinutes.set(30),
    horizonDays: lp.horizonDays.set(30),
    orchestrators: lp.orchestrators.set(15),
    orchestratorCandidates: lp.orchestratorCandidates.set(15),
    delegators: lp.delegators.set(500),
    broadcasters: lp.broadcasters.set(200),
  },
  replicates: 3,
  seed: 7,
  horizon: (p) => days(p.horizonDays),
  sampleEvery: days(1),
  metrics: LIVEPEER_METRICS,
  build: (p) => livepeer(livepeerConfigFrom(p)),
  populations: (p) => livepeerPopulations(livepeerConfigFrom(p)),
});
