import { fileURLToPath } from 'node:url';
import { param } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { pathPrice, readPricePath } from '../src/prices/csv-path.ts';
import { prices } from '../src/prices/price-model.ts';
import { filecoinWorld, filecoinWorldMetrics, filecoinWorldPopulations, filecoinWorldParams as fp } from './lib/filecoin-world.ts';

const PRICE_PATH = fileURLToPath(new URL('data/filecoin/fil-usd.csv', import.meta.url));
/** The public state t = 0 stands for (initial-state.csv); the run is dated from it. */
const START = '2022-10-10';
/** The price follows the dated path: no constant price parameter here. */
const { world_filPriceUsd: _constantPrice, ...params } = fp;

/**
 * The backtest: Filecoin from its public state on 2022-10-10 (Spacescope; every value in
 * experiments/data/filecoin/initial-state.csv with its source) through 2026-01-22, under the historical FIL price
 * (weekly closes, fil-usd.csv), against the public record (record.csv): raw and QA power, when raw power fell below
 * the baseline, the Fil+ share, pledge per 32 GiB, and the chain's totals on 2026-01-22. Behavioural parameters are
 * fitted on the first period only (to 2024-01-03) and the rest is out of sample (src/networks/filecoin/README.md).
 *
 * At realistic scale by default (4000 providers holding 557 million sectors, 10 000 clients; about 80 s and 210 MiB
 * a run on one core: `npm run bench:filecoin`); CI runs it small (`--set world_horizonDays=20
 * --set filecoin_providers=12 --set filecoin_providerCandidates=4 --set world_shards=2 --set filecoin_clients=300`).
 */
export default defineExperiment({
  name: 'filecoin-backtest',
  description: 'Filecoin 2022-10-10 → 2026-01-22 under the historical FIL price, against the public record',
  params: {
    ...params,
    world_horizonDays: fp.world_horizonDays.set(1200),
    world_priceStepHours: param.real({ value: 24, min: 1, max: 24 * 7, unit: 'h', doc: 'Step of the price grid: the dated path is read once per step.' }),
    // Realistic scale: the ~4000 providers of late 2022 (Starboard), 8 shards.
    world_shards: fp.world_shards.set(8),
    filecoin_providers: fp.filecoin_providers.set(4_000),
    filecoin_providerCandidates: fp.filecoin_providerCandidates.set(400),
    // Fitted on the first period only (2022-10-10 → 2024-01-03; README "The backtest"): demand and providers' patience;
    // the operating cost the fit chose, $16 per TiB-year, is the params.ts default (CEL's cost explorer).
    filecoin_clients: fp.filecoin_clients.set(10_000),
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
        assets: { fil_usd: pathPrice(readPricePath(PRICE_PATH, { column: 'fil_usd', maxGapDays: 7 }), START) },
      }),
    ),
  populations: (p) => filecoinWorldPopulations(p),
  startDate: START,
  record: { csv: 'data/filecoin/record.csv' },
});
