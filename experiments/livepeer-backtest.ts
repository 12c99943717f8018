import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parameterSchedule, parseScheduleCsv } from '../src/core/dated-schedule.ts';
import { days } from '../src/core/units.ts';
import { world } from '../src/engine/world.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { livepeer } from '../src/networks/livepeer/model.ts';
import { SCHEDULABLE } from '../src/networks/livepeer/params.ts';
import { pathPrice, readPricePath } from '../src/prices/csv-path.ts';
import { prices } from '../src/prices/price-model.ts';
import { livepeerState2023 } from './lib/livepeer-2023.ts';
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
    ...livepeerState2023,
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
