import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import type { OrchidMarket } from '../../../src/networks/orchid/market.ts';
import { orchid } from '../../../src/networks/orchid/model.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';
import { toyNetwork } from '../../engine/toy-network.ts';
import { smallConfig as livepeerConfig } from '../livepeer/helpers.ts';
import { run, smallConfig, TEST_PRICES } from './helpers.ts';

const DAY = 86_400;

/** LPT, ETH, OXT and xDAI: the prices a world of Livepeer and Orchid publishes. */
const FOUR_PRICES = prices({ assets: { lpt_usd: constantPrice(15), eth_usd: constantPrice(3000), oxt_usd: constantPrice(0.08), xdai_usd: constantPrice(1) } });

/** Every sample of a run, and the end, as [label, columns] rows. */
async function samples(model: AnyModel): Promise<[string, MetricValues][]> {
  const rows: [string, MetricValues][] = [];
  const r = await simulate(model, { seed: 33, horizonS: 12 * DAY, sampleEveryS: DAY / 2, onSample: (t, v) => rows.push([String(t), v]) });
  rows.push(['end', r.end]);
  return rows;
}

/** The columns of every row that start with `prefix`, as text. */
function only(rows: [string, MetricValues][], prefix: string): string {
  const pick = (v: MetricValues) =>
    Object.entries(v)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  return rows.map(([t, v]) => `${t} ${pick(v)}`).join('\n');
}

const columns = async (model: AnyModel, prefix: string) => only(await samples(model), prefix);

describe('Orchid in a world', () => {
  const cfg = smallConfig({ shards: 3, windowHours: 1, lenders: 2, relayCandidates: 3 });

  it('gives its columns byte-identical beside Livepeer as alone (Filecoin is not on main yet)', async () => {
    const alone = await columns(world({ shards: 3, networks: [orchid(cfg)], prices: TEST_PRICES }), 'orchid_');
    expect(alone).toMatch(/orchid_gb_served=[1-9]/);
    // Livepeer clears every 2 hours and reads its own prices: it shares the shards, the clock and the price path.
    const lp = livepeer(livepeerConfig({ shards: 3, windowHours: 2, streamsPerHour: 60 }));
    const both = await samples(world({ shards: 3, networks: [lp, orchid(cfg)], prices: FOUR_PRICES }));
    expect(only(both, 'livepeer_')).toMatch(/livepeer_streams_served=[1-9]/);
    expect(only(both, 'orchid_')).toBe(alone);
  });

  it('gives its columns byte-identical beside a network of another period, and as two instances each equal to its run alone', async () => {
    const alone = await columns(world({ shards: 3, networks: [orchid(cfg)], prices: TEST_PRICES }), 'orchid_');
    const beside = world({ shards: 3, networks: [toyNetwork('toy', 7 * 3600, 20), orchid(cfg)], prices: TEST_PRICES });
    expect(await columns(beside, 'orchid_')).toBe(alone);
    const other = smallConfig({ shards: 3, windowHours: 3, gasPriceGwei: 3_000, faceValueUsd: 0.5 });
    const oa = await columns(world({ shards: 3, networks: [orchid(cfg, { name: 'oa' })], prices: TEST_PRICES }), 'oa_');
    const ob = await columns(world({ shards: 3, networks: [orchid(other, { name: 'ob' })], prices: TEST_PRICES }), 'ob_');
    const two = () => world({ shards: 3, networks: [orchid(cfg, { name: 'oa' }), orchid(other, { name: 'ob' })], prices: TEST_PRICES });
    expect(await columns(two(), 'oa_')).toBe(oa);
    expect(await columns(two(), 'ob_')).toBe(ob);
    expect(oa.replaceAll('oa_', '')).not.toBe(ob.replaceAll('ob_', ''));
  });

  it('publishes the standard signals a world compares networks by, equal to its own metrics', async () => {
    let market: OrchidMarket | undefined;
    const r = await run(smallConfig({ horizonDays: 6, capacityGbPerDay: 3 }), 2, 1, { onClear: (m) => (market = m) });
    const s = market!.signals();
    expect(s.nakamoto_coefficient).toBe(r.end.nakamoto_coefficient);
    expect(s.hhi).toBeCloseTo(r.end.stake_hhi!, 14);
    expect(s.staking_ratio).toBeCloseTo(r.end.stake_total_oxt! / 1e9, 15);
    expect(r.end.gb_rejected).toBeGreaterThan(0);
    expect(s.demand_served_fraction).toBeCloseTo(r.end.gb_served! / (r.end.gb_served! + r.end.gb_rejected!), 14);
  });

  it('refuses a world that does not publish the prices Orchid reads', () => {
    expect(() => world({ shards: 1, networks: [orchid(cfg)], prices: prices({ assets: { oxt_usd: constantPrice(0.08) } }) })).toThrow(
      "network orchid reads the world's price xdai_usd, which the world does not publish (it publishes: oxt_usd)",
    );
  });
});
