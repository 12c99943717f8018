import { grid, param } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { world } from '../src/engine/world.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { livepeer } from '../src/networks/livepeer/model.ts';
import { MAINNET_ROUND_HOURS } from '../src/networks/livepeer/params.ts';
import { gbm } from '../src/prices/gbm.ts';
import { merton } from '../src/prices/merton.ts';
import { prices } from '../src/prices/price-model.ts';
import { livepeerConfigAt, livepeerWorldMetrics, livepeerWorldPopulations, livepeerWorldParams as lp } from './lib/livepeer-world.ts';

/**
 * Livepeer under a stochastic LPT price. LPT follows Merton's jump-diffusion and ETH a geometric Brownian motion, their
 * shocks correlated; both start at the 2024 levels ($15, $3000). Sweep LPT's volatility and crash rate: how the price
 * path moves participation, orchestrators' reward calls, entries and exits, and what bonded stake earns — in LPT,
 * in share of the network, and in dollars.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/livepeer-prices.ts --replicates 2`).
 * Realistic size: `--set livepeer_delegators=50000 --set livepeer_orchestrators=100 --set livepeer_orchestratorCandidates=50
 * --set livepeer_broadcasters=5000 --set livepeer_streamsPerHour=400 --set world_shards=8 --replicates 20`.
 */
export default defineExperiment({
  name: 'livepeer-prices',
  description: 'Livepeer under a volatile, jumping LPT price correlated with ETH: participation, orchestrators, yields in LPT and USD',
  params: {
    ...lp,
    world_horizonDays: lp.world_horizonDays.set(365),
    world_lptSigma: param.real({ value: grid([0.3, 0.9, 1.5]), min: 0, max: 5, doc: "LPT's volatility per √year (2023-2025 realised: about 0.9)." }),
    world_lptMu: param.real({ value: 0, min: -5, max: 5, doc: "LPT's expected return per year (0: no drift assumed)." }),
    world_lptJumpsPerYear: param.real({ value: grid([0, 6]), min: 0, max: 365, doc: 'Crashes per year in the LPT price (Poisson).' }),
    world_lptJumpLogMean: param.real({ value: -0.25, min: -5, max: 5, doc: 'Mean log size of an LPT price jump (−0.25: a 22 % fall).' }),
    world_lptJumpLogSd: param.real({ value: 0.1, min: 0, max: 5, doc: 'Sd of the log size of an LPT price jump.' }),
    world_ethSigma: param.real({ value: 0.6, min: 0, max: 5, doc: "ETH's volatility per √year (2023-2025 realised: about 0.6)." }),
    world_lptEthCorrelation: param.real({ value: 0.6, min: -0.99, max: 0.99, doc: 'Correlation of LPT and ETH diffusion shocks.' }),
    world_priceStepHours: param.real({ value: 24, min: 0.1, max: 24 * 30, unit: 'h', doc: 'Step of the price grid: prices move once per step.' }),
    livepeer_windowHours: lp.livepeer_windowHours.set(MAINNET_ROUND_HOURS),
    livepeer_delegators: lp.livepeer_delegators.set(1_000),
    livepeer_broadcasters: lp.livepeer_broadcasters.set(50),
    livepeer_streamsPerHour: lp.livepeer_streamsPerHour.set(20),
  },
  replicates: 4,
  seed: 2025,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 73))),
  metrics: livepeerWorldMetrics,
  build: (p) =>
    world({
      shards: p.world_shards,
      networks: [livepeer(livepeerConfigAt(p))],
      prices: prices({
        stepS: p.world_priceStepHours * 3600,
        assets: {
          lpt_usd: merton({
            initial: p.world_lptUsd,
            muAnnual: p.world_lptMu,
            sigmaAnnual: p.world_lptSigma,
            jumpsPerYear: p.world_lptJumpsPerYear,
            jumpLogMean: p.world_lptJumpLogMean,
            jumpLogSd: p.world_lptJumpLogSd,
          }),
          eth_usd: gbm({ initial: p.world_ethUsd, muAnnual: 0, sigmaAnnual: p.world_ethSigma }),
        },
        correlation: [
          [1, p.world_lptEthCorrelation],
          [p.world_lptEthCorrelation, 1],
        ],
      }),
    }),
  populations: (p) => livepeerWorldPopulations(p),
});
