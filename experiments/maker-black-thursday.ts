import { fileURLToPath } from 'node:url';
import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { world } from '../src/engine/world.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { maker } from '../src/networks/maker/model.ts';
import { pathPrice, readPricePath } from '../src/prices/csv-path.ts';
import { prices } from '../src/prices/price-model.ts';
import { makerConfigAt, makerWorldMetrics, makerWorldParams, makerWorldPopulations } from './lib/maker-world.ts';

// The replay's prices come from the dated path: the world's crash, volatility and gas parameters do not apply.
const {
  world_ethUsd: _eth,
  world_volatility: _vol,
  world_crashSize: _size,
  world_crashAtHours: _at,
  world_crashHours: _hours,
  world_gasPriceGwei: _gas,
  world_gasCrashMultiple: _congestion,
  world_gasSpikesPerYear: _spikes,
  world_priceStepMinutes: _step,
  ...mp
} = makerWorldParams;

/** 12 March 2020 00:00 UTC to 13 March 12:00 UTC: ETH/USD and the gas price at dated anchors (README: sources). */
const PATH = fileURLToPath(new URL('./data/black-thursday-2020-03.csv', import.meta.url));

/**
 * Black Thursday replayed: the dated ETH/USD path and gas prices of 12-13 March 2020 (anchors cited in
 * src/networks/maker/README.md, linear between them), the `2020-03` scenario (the 2019 Cat with lump 50 ETH, the
 * Flipper with ttl 10 minutes, no PSM), a vault population as far as public data allows, and keepers of that day: a
 * few with default bots whose gas budget chokes at about 60 gwei, and four lowballers that bid ~0 DAI and pay any gas
 * (whiterabbit 2020). Beside the public record (records/maker-black-thursday.csv). Then the same day under
 * Liquidation 2.0 and the PSM (tin 1 %, tout 0.1 %: its first values, 2020-12-20).
 */
export default defineExperiment({
  name: 'maker-black-thursday',
  description: 'Black Thursday (12-13 March 2020) replayed beside the public record, then under Liquidation 2.0 and the PSM',
  params: {
    ...mp,
    world_horizonDays: mp.world_horizonDays.set(1.5),
    maker_scenario: mp.maker_scenario.set('2020-03'),
    maker_liquidation: mp.maker_liquidation.set(grid(['scenario', 'dog'])),
    maker_psm: mp.maker_psm.set(grid(['scenario', 'on'])),
    maker_psmTin: mp.maker_psmTin.set(0.01),
    maker_psmTout: mp.maker_psmTout.set(0.001),
    maker_psmUsdc: mp.maker_psmUsdc.set(0),
    maker_vaults: mp.maker_vaults.set(1500),
    maker_debtPerVaultDai: mp.maker_debtPerVaultDai.set(20_000),
    maker_collateralRatioMedian: mp.maker_collateralRatioMedian.set(2.6),
    maker_daiUsdcPoolDai: mp.maker_daiUsdcPoolDai.set(1e7),
    maker_ethDaiPoolEth: mp.maker_ethDaiPoolEth.set(50_000),
    maker_auctionKeepers: mp.maker_auctionKeepers.set(8),
    maker_auctionKeeperCandidates: mp.maker_auctionKeeperCandidates.set(0),
    maker_lowballKeepers: mp.maker_lowballKeepers.set(4),
    maker_keeperMaxGasGwei: mp.maker_keeperMaxGasGwei.set(100),
    maker_lowballMaxGasGwei: mp.maker_lowballMaxGasGwei.set(2000),
    maker_keeperGasStart: mp.maker_keeperGasStart.set(1),
    maker_keeperLatencySeconds: mp.maker_keeperLatencySeconds.set(60),
    maker_arbKeepers: mp.maker_arbKeepers.set(2),
    maker_traderVolumeDaiPerDay: mp.maker_traderVolumeDaiPerDay.set(300_000),
  },
  replicates: 4,
  seed: 312,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: 3600,
  metrics: makerWorldMetrics,
  record: { csv: 'records/maker-black-thursday.csv', startDate: '2020-03-12' },
  build: (p) =>
    world({
      shards: p.world_shards,
      networks: [maker(makerConfigAt(p))],
      prices: prices({
        stepS: 600,
        assets: {
          eth_usd: pathPrice(readPricePath(PATH, { column: 'eth_usd', maxGapDays: 1 })),
          gas_gwei: pathPrice(readPricePath(PATH, { column: 'gas_gwei', maxGapDays: 1 })),
        },
      }),
    }),
  populations: (p) => makerWorldPopulations(p),
});
