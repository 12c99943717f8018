import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parameterSchedule, parseScheduleCsv } from '../src/core/dated-schedule.ts';
import { days } from '../src/core/units.ts';
import { world } from '../src/engine/world.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { livepeer } from '../src/networks/livepeer/model.ts';
import { SCHEDULABLE } from '../src/networks/livepeer/params.ts';
import { DEFAULT_LADDER, HD_LADDER, ladderPixelsPerSegment, PIXEL_ESTIMATE_MULTIPLIER, SEGMENT_LENGTH_S } from '../src/networks/livepeer/protocol.ts';
import { pathPrice, readPricePath } from '../src/prices/csv-path.ts';
import { prices } from '../src/prices/price-model.ts';
import { livepeerConfigAt, livepeerWorldMetrics, livepeerWorldPopulations, livepeerWorldParams as lp } from './lib/livepeer-world.ts';

/**
 * Livepeer, 2023-01-01 to 2025-07-01, against the public record. It starts from the state on chain on
 * 2023-01-01 (each value below cited; research in experiments/data/livepeer/README.md), replays the dated governance
 * changes (experiments/data/livepeer/schedule.csv: the Delta treasury cut of Q4 2023) and the AI subnet's opening
 * (2024-05-21) under the historical LPT and ETH prices (daily closes), and is compared with the record
 * (experiments/data/livepeer/record.csv) by `panmine report`. Behavioural parameters come from evidence other than
 * this path, or were fitted on 2023 (the README of src/networks/livepeer says which, and shows 2024-2025 out of sample).
 *
 * Small by default so CI runs it in seconds: 1,000 holders and streams in bundles of 10 (`livepeer_demandScale`).
 * Full size (the README's figures): `npx panmine run experiments/livepeer-backtest.ts --replicates 20 --set
 * livepeer_delegators=5000 --set livepeer_demandScale=1 --set world_shards=4`.
 */

// The world's prices follow the dated path here, not the constant prices of the other Livepeer experiments.
const { world_lptUsd: _lpt, world_ethUsd: _eth, ...withoutConstantPrices } = lp;

const DATA = (file: string) => fileURLToPath(new URL(`./data/livepeer/${file}`, import.meta.url));
const START = '2023-01-01';

/** Q4 2022 price per transcoded minute: $115,820 of fees for 42.47 M minutes (Explorer day data; pre-window). */
const USD_PER_MINUTE_Q4_2022 = 115_820 / 42_472_699;
/** Broadcasters whose ladder adds 720p to go-livepeer's default (assumption: half; Livepeer Studio's default ladder has 720p). */
const HD_SHARE = 0.5;
/** Output pixels of a minute of the ladder mix, as go-livepeer's estimateFee counts them (x 1.02). */
const PIXELS_PER_MINUTE =
  (60 / SEGMENT_LENGTH_S) *
  ((1 - HD_SHARE) * ladderPixelsPerSegment(DEFAULT_LADDER) + HD_SHARE * ladderPixelsPerSegment(HD_LADDER)) *
  (Number(PIXEL_ESTIMATE_MULTIPLIER.num) / Number(PIXEL_ESTIMATE_MULTIPLIER.den));

/** The AI subnet's opening: AI jobs start then (http://bress.xyz/post/-60buxSsVjFmhRohaV_zgFQVH0OxwIjE7icd8DHktLc, May 21, 2024). */
const AI_LAUNCH = '2024-05-21';

export default defineExperiment({
  name: 'livepeer-backtest',
  description:
    'Livepeer from the state of 2023-01-01 under the historical LPT and ETH prices and the dated governance changes, against the public record to mid-2025',
  params: {
    ...withoutConstantPrices,
    world_horizonDays: lp.world_horizonDays.set(912), // 2023-01-01 → 2025-07-01
    world_shards: lp.world_shards.set(2),
    // ---- the state of 2023-01-01 (research/livepeer/initial-state.md) ----
    livepeer_initialSupplyLpt: lp.livepeer_initialSupplyLpt.set(26_978_132.78), // Minter.getGlobalTotalSupply(), on chain
    livepeer_initialBondingRate: lp.livepeer_initialBondingRate.set(0.4996), // getTotalBonded / supply = 13,478,888.90 / 26,978,132.78
    livepeer_initialInflation: lp.livepeer_initialInflation.set(201_000), // Minter.inflation() at 00:00 UTC
    livepeer_orchestrators: lp.livepeer_orchestrators.set(100), // the active set was full (Explorer: 100)
    livepeer_orchestratorCandidates: lp.livepeer_orchestratorCandidates.set(52), // 152 delegates held stake (its-DeFine)
    livepeer_stakeZipf: lp.livepeer_stakeZipf.set(1.05), // top 10 hold 60 %, Nakamoto 3 (record: 61.3 %, 3)
    livepeer_treasuryRewardCut: lp.livepeer_treasuryRewardCut.set(0), // no treasury before Delta (schedule.csv)
    livepeer_initialTreasuryLpt: lp.livepeer_initialTreasuryLpt.set(0),
    livepeer_roundLengthHours: lp.livepeer_roundLengthHours.set(24 / 1.125), // 1.125 rounds a day, Oct-Dec 2022 (missed L1 slots)
    livepeer_windowHours: lp.livepeer_windowHours.set(24 / 1.125),
    livepeer_delegators: lp.livepeer_delegators.set(1_000), // full size: 5,000 (4,245 delegators on the subgraph, and liquid holders)
    livepeer_passiveHolderFraction: lp.livepeer_passiveHolderFraction.set(0.3),
    livepeer_initialBondedFraction: lp.livepeer_initialBondedFraction.set(0.64), // 2,250 of 5,000 wallets bonded (its-DeFine: 2,247)
    livepeer_exchangeFloatLpt: lp.livepeer_exchangeFloatLpt.set(6_000_000), // assumption: about half the liquid supply on exchanges
    livepeer_initialPriceUsdPerTpx: lp.livepeer_initialPriceUsdPerTpx.set((USD_PER_MINUTE_Q4_2022 / PIXELS_PER_MINUTE) * 1e12),
    livepeer_hdFraction: lp.livepeer_hdFraction.set(HD_SHARE),
    // ---- demand (fitted on 2023: 28.7 M minutes a quarter on average) ----
    livepeer_streamsPerHour: lp.livepeer_streamsPerHour.set(461),
    livepeer_meanStreamMinutes: lp.livepeer_meanStreamMinutes.set(30),
    livepeer_broadcasters: lp.livepeer_broadcasters.set(500),
    livepeer_maxSessions: lp.livepeer_maxSessions.set(20),
    livepeer_demandScale: lp.livepeer_demandScale.set(10),
    livepeer_aiJobsPerHour: lp.livepeer_aiJobsPerHour.set(950), // from AI_LAUNCH; fitted to AI's 24 % of Q3 2024 fees (the one record)
    livepeer_flowWindowDays: lp.livepeer_flowWindowDays.set(365.25 / 4), // quarterly flows, as the record
  },
  replicates: 4,
  seed: 2023,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: days(1),
  metrics: livepeerWorldMetrics,
  startDate: START,
  record: { csv: 'data/livepeer/record.csv' },
  build: (p) => {
    const cfg = livepeerConfigAt(p);
    const timeline = parseScheduleCsv(readFileSync(DATA('schedule.csv'), 'utf8'), DATA('schedule.csv'));
    const ai = [
      { date: START, name: 'aiJobsPerHour', value: 0, source: 'no AI subnet before 2024-05-21' },
      { date: AI_LAUNCH, name: 'aiJobsPerHour', value: cfg.aiJobsPerHour, source: 'Livepeer AI subnet announced, May 21, 2024' },
    ];
    return world({
      shards: p.world_shards,
      networks: [livepeer(cfg, { schedule: parameterSchedule(START, [...timeline, ...ai], SCHEDULABLE) })],
      prices: prices({
        stepS: 86_400,
        assets: {
          lpt_usd: pathPrice(readPricePath(DATA('prices.csv'), { column: 'lpt_usd' }), START),
          eth_usd: pathPrice(readPricePath(DATA('prices.csv'), { column: 'eth_usd' }), START),
        },
      }),
    });
  },
  populations: (p) => livepeerWorldPopulations(p),
});
