import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { streamOf } from '../../../src/engine/rng.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';
import { toyNetwork } from '../../engine/toy-network.ts';
import { smallConfig, TEST_PRICES } from './helpers.ts';

const feedbackSpec = { assets: { lpt_usd: constantPrice(15), eth_usd: constantPrice(3000) } };

const DAY = 86_400;

/** Every sample's columns that start with `prefix`, as text. */
async function columns(model: AnyModel, prefix: string): Promise<string> {
  const rows: string[] = [];
  const pick = (v: MetricValues) =>
    Object.entries(v)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  const r = await simulate(model, { seed: 21, horizonS: 12 * DAY, sampleEveryS: DAY / 3, onSample: (t, v) => rows.push(`${t} ${pick(v)}`) });
  rows.push(`end ${pick(r.end)}`);
  return rows.join('\n');
}

describe('Livepeer in a world', () => {
  const cfg = smallConfig({ shards: 3, windowHours: 1, reviewDays: 2 });

  it('gives its columns byte-identical beside a differently-periodic network as alone', async () => {
    const alone = world({ shards: 3, networks: [livepeer(cfg)], prices: TEST_PRICES });
    // The toy network's windows end every 7 hours: most of Livepeer's windows are not its.
    const beside = world({ shards: 3, networks: [livepeer(cfg), toyNetwork('toy', 7 * 3600, 20)], prices: TEST_PRICES });
    const a = await columns(alone, 'livepeer_');
    expect(a).toMatch(/livepeer_streams_served=[1-9]/);
    expect(await columns(beside, 'livepeer_')).toBe(a);
  });

  it('runs two instances with different parameters, each giving the columns of its run alone', async () => {
    const lpa = livepeer(cfg, { name: 'lpa' });
    const lpbCfg = smallConfig({ shards: 3, windowHours: 2, targetBondingRate: 0.9, inflationChange: 5_000, streamsPerHour: 90 });
    const lpb = livepeer(lpbCfg, { name: 'lpb' });
    const both = world({ shards: 3, networks: [lpa, lpb], prices: TEST_PRICES });
    const aAlone = await columns(world({ shards: 3, networks: [livepeer(cfg, { name: 'lpa' })], prices: TEST_PRICES }), 'lpa_');
    const bAlone = await columns(world({ shards: 3, networks: [livepeer(lpbCfg, { name: 'lpb' })], prices: TEST_PRICES }), 'lpb_');
    expect(await columns(both, 'lpa_')).toBe(aAlone);
    expect(
      await columns(world({ shards: 3, networks: [livepeer(cfg, { name: 'lpa' }), livepeer(lpbCfg, { name: 'lpb' })], prices: TEST_PRICES }), 'lpb_'),
    ).toBe(bAlone);
    expect(aAlone.replaceAll('lpa_', '')).not.toBe(bAlone.replaceAll('lpb_', ''));
  });

  it('refuses a world that does not publish the prices Livepeer reads', () => {
    expect(() => world({ shards: 1, networks: [livepeer(cfg)] })).toThrow(
      "network livepeer reads the world's price lpt_usd, which the world does not publish (it publishes: no prices)",
    );
  });

  it('publishes the supply side across networks from their signals when asked, and feeds a price back on one', async () => {
    const lpb = smallConfig({ shards: 3, windowHours: 2, orchestrators: 3, streamsPerHour: 200, maxSessions: 2 });
    const model = world({ shards: 3, networks: [livepeer(cfg, { name: 'lpa' }), livepeer(lpb, { name: 'lpb' })], prices: TEST_PRICES, supplyMetrics: true });
    const r = await simulate(model, { seed: 21, horizonS: 6 * DAY, sampleEveryS: DAY });
    expect(r.end.world_supply_nakamoto_min).toBe(Math.min(r.end.lpa_nakamoto_coefficient!, r.end.lpb_nakamoto_coefficient!));
    expect(r.end.world_supply_hhi_mean).toBeCloseTo((r.end.lpa_stake_hhi! + r.end.lpb_stake_hhi!) / 2, 12);
    expect(r.end.world_demand_served_fraction_lpb).toBeCloseTo(r.end.lpb_streams_served! / (r.end.lpb_streams_served! + r.end.lpb_streams_rejected!), 12);
    expect(r.end.world_demand_served_fraction_lpb).toBeLessThan(r.end.world_demand_served_fraction_lpa!);
    // LPT's price rises while participation is above 40 %.
    const feedback = prices({
      assets: { lpt_usd: constantPrice(15), eth_usd: constantPrice(3000) },
      stepS: DAY,
      feedback: [{ asset: 'lpt_usd', signal: 'livepeer_staking_ratio', reference: 0.4, elasticityPerYear: 5 }],
    });
    const fed = await simulate(world({ shards: 3, networks: [livepeer(cfg)], prices: feedback }), { seed: 21, horizonS: 6 * DAY, sampleEveryS: DAY });
    expect(fed.end.world_lpt_usd).toBeGreaterThan(15);
    expect(() =>
      world({
        shards: 1,
        networks: [livepeer(cfg)],
        prices: prices({ ...feedbackSpec, feedback: [{ asset: 'lpt_usd', signal: 'livepeer_nothing', reference: 0, elasticityPerYear: 1 }] }),
      }).createMarket({
        seed: 1,
        shards: 1,
        stream: (n) => streamOf(1, n),
      }),
    ).toThrow('the prices feed back on livepeer_nothing, which no network publishes');
  });
});
