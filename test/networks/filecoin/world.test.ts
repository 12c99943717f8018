import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import type { FilecoinMarket } from '../../../src/networks/filecoin/market.ts';
import { filecoin } from '../../../src/networks/filecoin/model.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';
import { smallConfig as livepeerConfig } from '../livepeer/helpers.ts';
import { run, smallConfig } from './helpers.ts';

const DAY = 86_400;
const PRICES = prices({ assets: { fil_usd: constantPrice(5), lpt_usd: constantPrice(15), eth_usd: constantPrice(3000) } });

/** Every sample's columns that start with `prefix`, as text. */
async function columns(model: AnyModel, prefix: string, sampleEveryS = DAY / 2): Promise<string> {
  const rows: string[] = [];
  const pick = (v: MetricValues) =>
    Object.entries(v)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  const r = await simulate(model, { seed: 21, horizonS: 12 * DAY, sampleEveryS, onSample: (t, v) => rows.push(`${t} ${pick(v)}`) });
  rows.push(`end ${pick(r.end)}`);
  return rows.join('\n');
}

describe('Filecoin in a world', () => {
  const fil = smallConfig({ shards: 3, clients: 120, clientArrivalDays: 4 });
  const lp = livepeerConfig({ shards: 3, windowHours: 1, reviewDays: 2 });

  it('gives its columns byte-identical beside Livepeer as alone, and Livepeer its own', async () => {
    const both = world({ shards: 3, networks: [livepeer(lp), filecoin(fil)], prices: PRICES });
    const filAlone = world({ shards: 3, networks: [filecoin(fil)], prices: PRICES });
    const lpAlone = world({ shards: 3, networks: [livepeer(lp)], prices: PRICES });
    const f = await columns(filAlone, 'filecoin_');
    expect(f).toMatch(/filecoin_sectors_committed=[1-9]/);
    expect(await columns(both, 'filecoin_')).toBe(f);
    const l = await columns(lpAlone, 'livepeer_');
    expect(await columns(world({ shards: 3, networks: [livepeer(lp), filecoin(fil)], prices: PRICES }), 'livepeer_')).toBe(l);
  }, 60_000);

  it('runs two instances under their own names, each as alone', async () => {
    const other = smallConfig({ shards: 3, clients: 80, clientArrivalDays: 2, faultProbability: 0.05 });
    const pair = world({ shards: 3, networks: [filecoin(fil, { name: 'fila' }), filecoin(other, { name: 'filb' })], prices: PRICES });
    expect(await columns(pair, 'filb_')).toBe(await columns(world({ shards: 3, networks: [filecoin(other, { name: 'filb' })], prices: PRICES }), 'filb_'));
  }, 60_000);

  it('clears whole days when the world samples inside them: at each day its columns equal a daily sample', async () => {
    const byTime = async (sampleEveryS: number) => {
      const rows = new Map<number, MetricValues>();
      const model = world({ shards: 3, networks: [filecoin(fil)], prices: PRICES });
      await simulate(model, { seed: 21, horizonS: 12 * DAY, sampleEveryS, onSample: (t, v) => rows.set(t, v) });
      return rows;
    };
    const halfDays = await byTime(DAY / 2);
    const days = await byTime(DAY);
    expect(halfDays.size).toBe(2 * days.size - 1);
    for (const [t, daily] of days) {
      const half = halfDays.get(t)!;
      // The ledger and the power are exact; sums of doubles over the held windows' orders may differ in the last bit.
      for (const k of ['filecoin_minted_fil', 'filecoin_locked_fil', 'filecoin_circulating_fil', 'filecoin_network_qa_power_eib', 'filecoin_sectors_committed'])
        expect(half[k], `${k} at ${t / DAY} days`).toBe(daily[k]);
      for (const [k, x] of Object.entries(daily)) expect(half[k], `${k} at ${t / DAY} days`).toBeCloseTo(x, 12);
    }
  }, 60_000);

  it('publishes the standard signals a world compares networks by, equal to its own metrics', async () => {
    let market: FilecoinMarket | undefined;
    const cfg = smallConfig({ horizonDays: 6, clients: 200, clientArrivalDays: 2 });
    const r = await run(cfg, 5, 1, { onDay: (m) => (market = m) });
    const s = market!.signals();
    expect(Object.keys(s).sort()).toEqual(['demand_served_fraction', 'hhi', 'nakamoto_coefficient', 'staking_ratio']);
    expect(s.nakamoto_coefficient).toBe(r.end.nakamoto_coefficient);
    expect(s.hhi).toBe(r.end.power_hhi);
    expect(s.demand_served_fraction).toBe(r.end.demand_served_fraction);
    expect(r.end.demand_served_fraction).toBeLessThan(1);
    // FIL locked over FIL locked plus circulating: about 0.27 on 2022-10-10 (initial-state.csv: 137.4 M locked, 370.2 M circulating).
    expect(s.staking_ratio).toBeCloseTo(r.end.locked_fil! / (r.end.locked_fil! + r.end.circulating_fil!), 12);
    expect(s.staking_ratio).toBeGreaterThan(0.2);
    expect(s.staking_ratio).toBeLessThan(0.4);
  });

  it('publishes every signal before any demand, demand served as NaN', async () => {
    let market: FilecoinMarket | undefined;
    await run(smallConfig({ horizonDays: 1, clients: 0 }), 5, 1, { onDay: (m) => (market = m) });
    const s = market!.signals();
    expect(Object.keys(s).sort()).toEqual(['demand_served_fraction', 'hhi', 'nakamoto_coefficient', 'staking_ratio']);
    expect(s.demand_served_fraction).toBeNaN();
    expect(s.nakamoto_coefficient).toBeGreaterThan(0);
  });

  it('refuses a world that does not publish the FIL price', () => {
    expect(() => world({ shards: 1, networks: [filecoin(fil)] })).toThrow("network filecoin reads the world's price fil_usd");
  });
});
