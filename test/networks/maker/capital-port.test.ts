import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import { yieldChasers } from '../../../src/investors/yield-chaser.ts';
import { maker } from '../../../src/networks/maker/model.ts';
import { imbalance, type Observation, scriptedInvestor } from '../../helpers/scripted-investor.ts';
import { crashPrices, smallMaker } from './helpers.ts';

const DAY = 86_400;

async function script(role: string, capitalUsd: number, over: Parameters<typeof smallMaker>[0] = {}, crash = 0.5): Promise<Observation[]> {
  const log: Observation[] = [];
  const cfg = smallMaker({ vaults: 200, ...over });
  const model = world({
    shards: 2,
    networks: [maker(cfg)],
    prices: crashPrices(crash, { at: 6, hours: 12, sigma: crash > 0 ? 0.8 : 0, gas: 40 }),
    agents: scriptedInvestor({ network: 'maker', role, capitalUsd, enterAtS: 0.1 * DAY, exitAtS: 1.5 * DAY, log }),
  });
  await simulate(model, { seed: 4, horizonS: 2 * DAY, sampleEveryS: DAY });
  return log;
}

describe("Maker's port for outside capital", () => {
  it('runs an auction keeper: DAI bought through the PSM (tin 0.1 %), incentives and collateral earned through the crash, gas and bot costs paid, DAI sold back on exit', async () => {
    const capital = 1e6;
    const log = await script('auction-keeper', capital, { auctionKeepers: 1, psmTin: 0.001 });
    const last = log.at(-1)!;
    expect(last.frictions.trading).toBeCloseTo(capital * 0.001, 0);
    expect(last.frictions.gas).toBeGreaterThan(0);
    expect(last.frictions.bot_costs).toBeGreaterThan(0);
    expect(last.earnings).toBeGreaterThan(0);
    expect(last.value.closed).toBe(true);
    expect(last.collected).toBeGreaterThan(capital * 0.9);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  }, 30_000);

  it('runs an arbitrage keeper: spreads earned, gas and bot costs paid, capital and net earnings back on exit', async () => {
    const capital = 5e6;
    const log = await script('arbitrage-keeper', capital, { arbKeepers: 0 });
    const last = log.at(-1)!;
    expect(last.frictions.gas).toBeGreaterThan(0);
    expect(last.frictions.bot_costs).toBeGreaterThan(0);
    expect(last.frictions.trading).toBe(0);
    expect(last.earnings).toBeGreaterThan(0);
    expect(last.value.closed).toBe(true);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  }, 30_000);

  it('tells an investor what entering and leaving cost: the PSM’s tin and tout for an auction keeper’s DAI, nothing for an arbitrage keeper; both need a bot', () => {
    const port = maker(smallMaker()).port!;
    const pub = { psmTin: 0.001, psmTout: 0.002, daiUsd: 1 } as Parameters<NonNullable<typeof port.switchingCost>>[3];
    const s = {} as Parameters<NonNullable<typeof port.switchingCost>>[0];
    const world = { t: 0, prices: {} };
    expect(port.switchingCost!(s, 'auction-keeper', 1e6, pub, world)).toEqual({ entryUsd: 1_000, exitUsd: 2_000, exitDelayS: 0 });
    expect(port.switchingCost!(s, 'arbitrage-keeper', 1e6, pub, world)).toEqual({ entryUsd: 0, exitUsd: 0, exitDelayS: 0 });
    expect(port.skill!('auction-keeper')).toBe('bot');
  });

  it('opens a vault: ETH locked, DAI drawn to its ratio and held; gas and the stability fee paid; ETH and DAI back on exit (constant ETH price)', async () => {
    const capital = 200_000;
    const log = await script('vault', capital, { stabilityFee: 0.2 }, 0);
    const open = log.find((o) => o.value.activeUsd > 0)!;
    expect(open.value.activeUsd).toBeGreaterThan(capital * 0.99);
    const last = log.at(-1)!;
    expect(last.frictions.gas).toBeCloseTo(2 * 500_000 * 40e-9 * 2000, 6); // open and close, 500 000 gas at 40 gwei
    // 20 % a year (compounded per second: ln 1.2 a year) on DAI drawn to a ratio of 2.5, for about 1.4 days.
    expect(last.frictions.stability_fee).toBeGreaterThan((capital / 2.5) * Math.log(1.2) * (1.3 / 365));
    expect(last.frictions.stability_fee).toBeLessThan((capital / 2.5) * Math.log(1.2) * (1.5 / 365));
    expect(last.frictions.liquidation).toBe(0);
    expect(last.value.closed).toBe(true);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  }, 30_000);

  it('loses collateral beyond its debt when its vault is liquidated in a crash', async () => {
    const log = await script('vault', 200_000, { investorVaultRatio: 1.5 }, 0.5);
    expect(log.at(-1)!.frictions.liquidation).toBeGreaterThan(0);
  }, 30_000);

  it('refuses a keeper when no slot is free, and gives all of it back', async () => {
    const log = await script('auction-keeper', 1e5, { investorSlots: 0 });
    const last = log.at(-1)!;
    expect(last.collected).toBe(1e5);
    expect(Object.values(last.frictions).every((f) => f === 0)).toBe(true);
  }, 30_000);
});

describe('investors moving capital between two Maker instances', () => {
  it('conserve capital across moves for any investors, capital, margins, shards and seeds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          n: fc.integer({ min: 1, max: 3 }),
          capital: fc.double({ min: 1e4, max: 5e6, noNaN: true }),
          margin: fc.double({ min: 0, max: 1, noNaN: true }),
          reviewDays: fc.double({ min: 0.1, max: 1, noNaN: true }),
          shards: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (c) => {
          const a = maker(smallMaker({ vaults: 80, keeperBotCostUsdPerDay: 10, investorSlots: 3 }), { name: 'mka' });
          const b = maker(smallMaker({ vaults: 80, keeperBotCostUsdPerDay: 500, investorSlots: 3, psmTin: 0.001 }), { name: 'mkb' });
          const model = world({
            shards: c.shards,
            networks: [a, b],
            prices: crashPrices(0.3, { at: 6, hours: 6, sigma: 0.8 }),
            agents: yieldChasers({
              investors: c.n,
              capitalUsd: c.capital,
              networks: ['mka', 'mkb'],
              role: 'arbitrage-keeper',
              reviewEveryS: c.reviewDays * DAY,
              marginPerYear: c.margin,
            }),
          });
          const total = c.n * c.capital;
          const samples: MetricValues[] = [];
          await simulate(model, { seed: c.seed, horizonS: 2 * DAY, sampleEveryS: DAY / 4, onSample: (_t, v) => samples.push(v) });
          for (const v of samples) {
            const held = v.world_investors_cash_usd! + v.world_investors_active_usd! + v.world_investors_in_transit_usd! + v.world_investors_withdrawable_usd!;
            expect(Math.abs(held - v.world_investors_capital_usd!) / total).toBeLessThan(1e-12);
            expect(Math.abs(total + v.world_investors_earnings_usd! - v.world_investors_frictions_usd! - v.world_investors_capital_usd!) / total).toBeLessThan(
              1e-9,
            );
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 60_000);
});
