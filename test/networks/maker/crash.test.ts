import { describe, expect, it } from 'vitest';
import type { MakerConfig } from '../../../src/networks/maker/params.ts';
import { crashPrices, makerAlone, runMaker, smallMaker } from './helpers.ts';

/** A 50 % crash over 12 hours from hour 6, ETH σ 0.8, gas 40 gwei; Liquidation 2.0 and the PSM (`current`); an ETH/DAI pool of 20 000 ETH. */
const run = (over: Partial<MakerConfig>) =>
  runMaker(
    makerAlone(
      smallMaker({ vaults: 300, auctionKeeperCandidates: 0, ethDaiPoolEth: 20_000, ...over }),
      2,
      crashPrices(0.5, { at: 6, hours: 12, sigma: 0.8, gas: 40 }),
    ),
    7,
    2,
  ).then((r) => r.end);

describe('a crash against the keepers', () => {
  it('leaves debt under water with no keepers, and none with many fast ones; the peg holds within the PSM band', async () => {
    const none = await run({ auctionKeepers: 0 });
    expect(none.auctions_started).toBe(0);
    expect(none.shortfall_dai).toBeGreaterThan(100_000);
    const many = await run({ auctionKeepers: 16, keeperLatencySeconds: 5, keeperGasStart: 1 });
    expect(many.auctions_done).toBeGreaterThan(20);
    expect(many.auctions_live).toBe(0);
    expect(many.shortfall_dai).toBe(0);
    // tin = tout = 0: the band is [1, 1]; the pool's fee and the arbitrageurs' gas leave DAI within 1 % at every clear.
    expect(many.peg_time_outside_1pct).toBe(0);
    expect(many.peg_deviation_max).toBeLessThan(0.01);
  }, 30_000);

  it('with slow keepers (5 minutes): one or two leave some debt uncovered, four or more none, all far less than none at all', async () => {
    const shortfall = new Map<number, number>();
    for (const n of [0, 1, 2, 4, 16]) shortfall.set(n, (await run({ auctionKeepers: n, keeperLatencySeconds: 300 })).shortfall_dai!);
    expect(shortfall.get(1)! + shortfall.get(2)!).toBeGreaterThan(0);
    expect(shortfall.get(4)).toBe(0);
    expect(shortfall.get(16)).toBe(0);
    for (const n of [1, 2]) expect(shortfall.get(n)!).toBeLessThan(shortfall.get(0)! / 10);
  }, 30_000);
});
