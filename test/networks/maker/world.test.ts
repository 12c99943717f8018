import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { defaultLivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { maker } from '../../../src/networks/maker/model.ts';
import { orchid } from '../../../src/networks/orchid/model.ts';
import { defaultOrchidConfig } from '../../../src/networks/orchid/params.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';
import { scheduledCrash } from '../../../src/prices/scheduled-crash.ts';
import { toyNetwork } from '../../engine/toy-network.ts';
import { smallMaker } from './helpers.ts';

const DAY = 86_400;

/** Every sample's columns that start with `prefix`, as text. */
async function columns(model: AnyModel, prefix: string): Promise<string> {
  const rows: string[] = [];
  const pick = (v: MetricValues) =>
    Object.entries(v)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  const r = await simulate(model, { seed: 21, horizonS: 1.5 * DAY, sampleEveryS: DAY / 4, onSample: (t, v) => rows.push(`${t} ${pick(v)}`) });
  rows.push(`end ${pick(r.end)}`);
  return rows.join('\n');
}

/** ETH with a crash, gas constant, and LPT constant: the prices both networks read. */
const PRICES = prices({
  stepS: 600,
  assets: {
    eth_usd: scheduledCrash({ initial: 2000, muAnnual: 0, sigmaAnnual: 0.8, crashSize: 0.5, crashAtHours: 6, crashHours: 8 }),
    gas_gwei: constantPrice(40),
    lpt_usd: constantPrice(15),
    oxt_usd: constantPrice(0.08),
    xdai_usd: constantPrice(1),
  },
});

describe('Maker in a world', () => {
  const cfg = smallMaker({ vaults: 150 });

  it('gives its columns byte-identical beside Livepeer (which reads the same ETH price) and Orchid as alone', async () => {
    const alone = await columns(world({ shards: 3, networks: [maker(cfg)], prices: PRICES }), 'maker_');
    expect(alone).toMatch(/maker_auctions_done=[1-9]/);
    const lp = livepeer(defaultLivepeerConfig({ delegators: 200, broadcasters: 20, orchestrators: 5, orchestratorCandidates: 2, streamsPerHour: 20 }));
    const ox = orchid(defaultOrchidConfig({ users: 200, relays: 6, relayCandidates: 2 }));
    const all = world({ shards: 3, networks: [lp, maker(cfg), ox], prices: PRICES });
    const beside = await columns(all, '');
    expect(beside).toMatch(/livepeer_/);
    expect(beside).toMatch(/orchid_/);
    expect(await columns(world({ shards: 3, networks: [lp, maker(cfg), ox], prices: PRICES }), 'maker_')).toBe(alone);
    expect(await columns(world({ shards: 3, networks: [maker(cfg), toyNetwork('toy', 7 * 3600, 20)], prices: PRICES }), 'maker_')).toBe(alone);
  }, 60_000);

  it('runs two instances with different scenarios, each giving the columns of its run alone', async () => {
    const a = maker(cfg, { name: 'mka' });
    const bCfg = smallMaker({ vaults: 150, scenario: '2022-01', auctionKeepers: 1 });
    const b = maker(bCfg, { name: 'mkb' });
    const both = world({ shards: 2, networks: [a, b], prices: PRICES });
    const aAlone = await columns(world({ shards: 2, networks: [maker(cfg, { name: 'mka' })], prices: PRICES }), 'mka_');
    const bAlone = await columns(world({ shards: 2, networks: [maker(bCfg, { name: 'mkb' })], prices: PRICES }), 'mkb_');
    expect(await columns(both, 'mka_')).toBe(aAlone);
    expect(await columns(world({ shards: 2, networks: [maker(cfg, { name: 'mka' }), maker(bCfg, { name: 'mkb' })], prices: PRICES }), 'mkb_')).toBe(bAlone);
    expect(aAlone.replaceAll('mka_', '')).not.toBe(bAlone.replaceAll('mkb_', ''));
  }, 60_000);

  it('refuses a world that does not publish the gas price it reads', () => {
    expect(() => world({ shards: 1, networks: [maker(cfg)], prices: prices({ assets: { eth_usd: constantPrice(2000) } }) })).toThrow(
      "network maker reads the world's price gas_gwei, which the world does not publish (it publishes: eth_usd)",
    );
  });
});
