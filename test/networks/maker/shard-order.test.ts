import { describe, expect, it } from 'vitest';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { crashPrices, makerAlone, smallMaker } from './helpers.ts';

describe('maker shards', () => {
  it('give identical bytes when processed in reverse order, through a crash with liquidations', async () => {
    const cfg = smallMaker({ vaults: 200, reviewHours: 1 });
    const { forward, reverse } = await forwardAndReverse({
      build: () => makerAlone(cfg, 4, crashPrices(0.5, { at: 3, hours: 6, sigma: 0.8 })),
      seed: 5,
      horizonS: 1.5 * 86_400,
      sampleEveryS: 3 * 3600,
    });
    expect(forward).toMatch(/maker_auctions_done=[1-9]/);
    expect(reverse).toBe(forward);
  });
});
