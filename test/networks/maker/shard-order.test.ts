import { describe, expect, it } from 'vitest';
import { world } from '../../../src/engine/world.ts';
import { yieldChasers } from '../../../src/investors/yield-chaser.ts';
import { maker } from '../../../src/networks/maker/model.ts';
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

describe('maker shards with investors moving between two instances through the port', () => {
  it('give identical bytes when processed in reverse order', async () => {
    const build = () =>
      world({
        shards: 3,
        networks: [maker(smallMaker({ vaults: 90 }), { name: 'mka' }), maker(smallMaker({ vaults: 90, psmTin: 0.001 }), { name: 'mkb' })],
        prices: crashPrices(0.4, { at: 4, hours: 6, sigma: 0.8 }),
        agents: yieldChasers({ investors: 4, capitalUsd: 1e6, networks: ['mka', 'mkb'], role: 'vault', reviewEveryS: 6 * 3600, marginPerYear: 0 }),
      });
    const { forward, reverse } = await forwardAndReverse({ build, seed: 6, horizonS: 1.5 * 86_400, sampleEveryS: 6 * 3600 });
    expect(forward).toMatch(/world_investors_active_usd=[1-9]/);
    expect(reverse).toBe(forward);
  });
});
