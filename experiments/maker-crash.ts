import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { makerWorld, makerWorldMetrics, makerWorldPopulations, makerWorldParams as mp } from './lib/maker-world.ts';

/**
 * A 50 % crash with congested gas: bad debt and the peg against the auction design. Liquidation 1.2 (Cat and Flipper,
 * the values of 2020 with Liquidation 1.2's box and dunk) against 2.0 (Dog and Clipper, `current`), with normal gas
 * and with gas ten times its level during the crash, and the Clipper's buf and tail swept under 2.0.
 *
 * Small by default so CI runs it in seconds (`panmine run experiments/maker-crash.ts --replicates 2`).
 */
export default defineExperiment({
  name: 'maker-crash',
  description: 'A crash with congested gas: bad debt and the peg under Liquidation 1.2 against 2.0, and against the Clipper’s buf and tail',
  params: {
    ...mp,
    world_horizonDays: mp.world_horizonDays.set(3),
    world_crashSize: mp.world_crashSize.set(0.5),
    world_gasCrashMultiple: mp.world_gasCrashMultiple.set(grid([1, 10])),
    maker_liquidation: mp.maker_liquidation.set(grid(['cat-1.2', 'dog'])),
    maker_buf: mp.maker_buf.set(grid([1.1, 1.3])),
    maker_tail: mp.maker_tail.set(grid([2400, 7200])),
    maker_keeperMaxGasGwei: mp.maker_keeperMaxGasGwei.set(300),
  },
  replicates: 4,
  seed: 16,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: 3 * 3600,
  metrics: makerWorldMetrics,
  build: (p) => makerWorld(p),
  populations: (p) => makerWorldPopulations(p),
});
