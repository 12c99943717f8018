import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { makerWorld, makerWorldMetrics, makerWorldPopulations, makerWorldParams as mp } from './lib/maker-world.ts';

/**
 * How many keepers, and how fast, hold the peg and keep DAI collateralised through a crash: sweep the number of
 * auction keepers against the size of the crash (Liquidation 2.0 and the PSM, the `current` scenario). With no
 * keepers the crash leaves debt under water; with enough fast ones it leaves none; the sweep shows the curve between.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/maker-keepers.ts --replicates 2`). Larger:
 * `--set maker_vaults=5000 --set world_shards=4 --replicates 10`.
 */
export default defineExperiment({
  name: 'maker-keepers',
  description: 'Maker through an ETH crash: auction keepers (how many, how fast) against crash size; bad debt, the peg, keepers’ profit',
  params: {
    ...mp,
    world_horizonDays: mp.world_horizonDays.set(3),
    world_crashSize: mp.world_crashSize.set(grid([0.3, 0.5])),
    world_gasCrashMultiple: mp.world_gasCrashMultiple.set(3),
    maker_auctionKeepers: mp.maker_auctionKeepers.set(grid([0, 1, 2, 4, 8, 16])),
    maker_auctionKeeperCandidates: mp.maker_auctionKeeperCandidates.set(0),
    maker_keeperLatencySeconds: mp.maker_keeperLatencySeconds.set(30),
  },
  replicates: 4,
  seed: 15,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: 3 * 3600,
  metrics: makerWorldMetrics,
  build: (p) => makerWorld(p),
  populations: (p) => makerWorldPopulations(p),
});
