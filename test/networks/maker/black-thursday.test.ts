import { describe, expect, it } from 'vitest';
import bt from '../../../experiments/maker-black-thursday.ts';
import { runSeed } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { loadRecord } from '../../../src/experiment/record.ts';
import { spaceOf } from '../../../src/experiment/space.ts';

const FILE = new URL('../../../experiments/maker-black-thursday.ts', import.meta.url).pathname;

/** End metrics of the replay at one (liquidation, PSM) point, with a smaller population. */
async function replay(liquidation: string, psm: string): Promise<Record<string, number>> {
  const space = spaceOf(bt, [`maker_liquidation=${liquidation}`, `maker_psm=${psm}`, 'maker_vaults=1000']);
  const point = space.points[0]!;
  const r = await simulate(bt.build(point.values), { seed: runSeed(bt.seed, point.id, 0), horizonS: bt.horizonS(point.values), sampleEveryS: 3600 });
  return r.end as Record<string, number>;
}

describe('Black Thursday replayed', () => {
  it('declares a record of its own metrics, dated within the replay', () => {
    const record = loadRecord(FILE, bt.record!, bt.metrics);
    expect(record.rows.map((r) => r.metric).sort()).toEqual([
      'maker_bad_debt_dai',
      'maker_peg_deviation_max',
      'maker_zero_bid_collateral_usd',
      'maker_zero_bid_share',
    ]);
    expect(record.rows.every((r) => r.tDays >= 0 && r.tDays <= 1.5)).toBe(true);
  });

  it('under the 2020 Cat and Flipper without a PSM: zero-bid auctions, collateral given away, a deficit, DAI over its peg', async () => {
    const e = await replay('scenario', 'scenario');
    expect(e.maker_zero_bid_auctions).toBeGreaterThan(0);
    expect(e.maker_zero_bid_collateral_usd).toBeGreaterThan(1e6);
    expect(e.maker_bad_debt_dai).toBeGreaterThan(1e6);
    expect(e.maker_peg_deviation_max).toBeGreaterThan(0.02);
  }, 60_000);

  it('under Liquidation 2.0 and the PSM: no zero bids, a tenth of the bad debt or less, DAI within about 1 % of its peg', async () => {
    const old = await replay('scenario', 'scenario');
    const e = await replay('dog', 'on');
    expect(e.maker_zero_bid_auctions).toBe(0);
    expect(e.maker_bad_debt_dai).toBeLessThan(old.maker_bad_debt_dai! / 10);
    expect(e.maker_peg_deviation_max).toBeLessThan(0.02);
  }, 60_000);
});
