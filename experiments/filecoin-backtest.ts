import { fileURLToPath } from 'node:url';
import { param } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { pathPrice, readPricePath } from '../src/prices/csv-path.ts';
import { prices } from '../src/prices/price-model.ts';
import { filecoinWorld, filecoinWorldMetrics, filecoinWorldPopulations, filecoinWorldParams as fp } from './lib/filecoin-world.ts';

const PRICE_PATH = fileURLToPath(new URL('data/filecoin/fil-usd.csv', import.meta.url));
/** The price follows the dated path: no constant price parameter here. */
const { world_filPriceUsd: _constantPrice, ...params } = fp;

/**
 * The backtest: Filecoin from its public state on 2022-10-10 (Spacescope; every value in
 * experiments/data/filecoin/initial-state.csv with its source) through 2026-01-22, under the historical FIL price
 * (weekly closes, fil-usd.csv), against the public record (record.csv): raw and QA power, when raw power fell below
 * the baseline, the Fil+ share, pledge per 32 GiB, and the chain's totals on 2026-01-22. Behavioural parameters are
 * fitted on the first period only (to 2023-12-31) and the rest is out of sample (src/networks/filecoin/README.md).
 *
 * Small by default for CI (`--set world_horizonDays=60`); the README's figures are at realistic size:
 * `--set filecoin_providers=4000 --set filecoin_clients=4000 --set world_shards=8`.
 */
export default defineExperiment({
  name: 'filecoin-backtest',
  description: 'Filecoin 2022-10-10 → 2026-01-22 under the historical FIL price, against the public record',
  params: {
    ...params,
    world_horizonDays: fp.world_horizonDays.set(1200),
    world_priceStepHours: param.real({ value: 24, min: 1, max: 24 * 7, unit: 'h', doc: 'Step of the price grid: the dated path is read once per step.' }),
    filecoin_providers: fp.filecoin_providers.set(120),
    // Fitted on the first period only (2022-10-10 → 2024-01-03; README "Fitting"): operating cost, demand and patience.
    filecoin_opexUsdPerTibYear: fp.filecoin_opexUsdPerTibYear.set(12),
    filecoin_clients: fp.filecoin_clients.set(12_000),
    filecoin_clientArrivalDays: fp.filecoin_clientArrivalDays.set(540),
    filecoin_exitAfterReviews: fp.filecoin_exitAfterReviews.set(13),
  },
  replicates: 2,
  seed: 2610,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: () => days(10),
  metrics: filecoinWorldMetrics,
  build: (p) =>
    filecoinWorld(
      p,
      prices({
        stepS: (p.world_priceStepHours as number) * 3600,
        assets: { fil_usd: pathPrice(readPricePath(PRICE_PATH, { column: 'fil_usd', maxGapDays: 7 })) },
      }),
    ),
  populations: (p) => filecoinWorldPopulations(p),
  record: { csv: 'data/filecoin/record.csv', startDate: '2022-10-10' },
});
