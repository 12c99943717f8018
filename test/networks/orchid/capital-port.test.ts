import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { world } from '../../../src/engine/world.ts';
import { createPositions, orchidPort } from '../../../src/networks/orchid/capital-port.ts';
import { orchid } from '../../../src/networks/orchid/model.ts';
import { MIN_CLIENT_STAKE_DELAY_S } from '../../../src/networks/orchid/protocol.ts';
import { DEFAULT_PRICE_NAMES } from '../../../src/networks/orchid/world-prices.ts';
import { imbalance, type Observation, type Script, scriptedInvestor } from '../../helpers/scripted-investor.ts';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { smallConfig, TEST_PRICES } from './helpers.ts';
import { twoOrchids } from './port-world.ts';

const DAY = 86_400;

/** Runs one scripted investor in Orchid alone (OXT at $0.08, xDAI at $1) and returns what it logged. */
async function script(s: Omit<Script, 'log' | 'network'>, over: Parameters<typeof smallConfig>[0], horizonDays: number): Promise<Observation[]> {
  const log: Observation[] = [];
  const cfg = smallConfig({ users: 150, exchangeFloatOxt: 5e6, investorRelaySlots: 1, investorLenderSlots: 1, ...over });
  const model = world({ shards: cfg.shards, networks: [orchid(cfg)], prices: TEST_PRICES, agents: scriptedInvestor({ ...s, network: 'orchid', log }) });
  await simulate(model, { seed: 12, horizonS: horizonDays * DAY, sampleEveryS: DAY });
  return log;
}

describe("Orchid's port for outside capital", () => {
  it('runs a relay that is picked and paid, and on exit returns its stake only after the client’s 90-day withdrawal delay', async () => {
    const capital = 20_000;
    const exitAt = 20 * DAY;
    const log = await script({ role: 'relay', capitalUsd: capital, enterAtS: DAY, exitAtS: exitAt }, {}, 114);
    const running = log.filter((o) => o.t > 2 * DAY && o.t < exitAt);
    expect(running.every((o) => o.value.activeUsd > 0 && o.value.inTransitUsd === 0)).toBe(true);
    // Picked by stake and paid by the lottery: its income (less hosting and transit) shows in its earnings.
    expect(running.at(-1)!.earnings).not.toBe(running[0]!.earnings);
    const asked = log.find((o) => o.t >= exitAt)!;
    const paid = log.find((o) => o.collected > capital / 2)!;
    // The pull is sent in the window the exit is asked; the stake can be taken MIN_CLIENT_STAKE_DELAY_S later, at the
    // first clear at or after that, and its proceeds are collected in the window after.
    expect(MIN_CLIENT_STAKE_DELAY_S).toBe(90 * DAY);
    expect(paid.t - asked.t).toBeGreaterThanOrEqual(MIN_CLIENT_STAKE_DELAY_S);
    expect(paid.t - asked.t).toBeLessThanOrEqual(MIN_CLIENT_STAKE_DELAY_S + 2 * 3600);
    for (const o of log.filter((x) => x.t > asked.t && x.t < paid.t)) {
      expect(o.value.inTransitUsd).toBeGreaterThan(capital / 2);
      expect(o.collected).toBeLessThan(1); // only the sub-micro-OXT change of the purchase
    }
    const last = log.at(-1)!;
    // What the port told an investor to expect before entering: the frictions it then charged, and the 90-day delay.
    const cost = orchidPort(DEFAULT_PRICE_NAMES).switchingCost!(
      { cfg: smallConfig(), index: 0, positions: createPositions() },
      'relay',
      capital,
      undefined as never,
      undefined as never,
    );
    const charged = last.frictions.gas! + last.frictions.capacity! + last.frictions.trading_fee!;
    expect(Math.abs(cost.entryUsd + cost.exitUsd - charged) / charged).toBeLessThan(0.01);
    expect(cost.exitDelayS).toBe(MIN_CLIENT_STAKE_DELAY_S);
    expect(last.frictions.gas).toBeCloseTo(3 * 5, 9); // push, pull and take at stakeTxUsd = 5
    expect(last.frictions.capacity).toBe(100); // relaySetupUsd
    expect(last.frictions.trading_fee).toBeGreaterThan(2 * (capital - 115) * 0.003 * 0.99);
    expect(last.value.closed).toBe(true);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  });

  it('asks for a server to run a relay, and for nothing but capital to lend', () => {
    const port = orchidPort(DEFAULT_PRICE_NAMES);
    expect(port.skill!('relay')).toBe('server');
    expect(port.skill!('lender')).toBeUndefined();
  });

  it('lends stake to the relay with the best income per staked OXT and earns its share, and is repaid after the delay', async () => {
    const capital = 10_000;
    const log = await script(
      { role: 'lender', capitalUsd: capital, enterAtS: 3 * DAY, exitAtS: 15 * DAY },
      // Small face values and busy users: many small wins, so a loan's share shows within days.
      { relayDelayDays: 5, minClientDelayDays: 5, lenderShare: 0.8, users: 400, faceValueUsd: 0.1, sessionsPerDay: 6 },
      30,
    );
    const lending = log.filter((o) => o.t > 4 * DAY && o.t < 15 * DAY);
    expect(lending.every((o) => o.value.activeUsd > 0)).toBe(true);
    expect(lending.at(-1)!.earnings).toBeGreaterThan(0);
    const asked = log.find((o) => o.t >= 15 * DAY)!;
    const paid = log.find((o) => o.collected > capital / 2)!;
    expect(paid.t - asked.t).toBeGreaterThanOrEqual(5 * DAY);
    expect(paid.t - asked.t).toBeLessThanOrEqual(5 * DAY + 2 * 3600);
    expect(log.at(-1)!.frictions.capacity).toBe(0);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  });

  it('refuses a buyer when the exchange holds no OXT, and gives all of it back but the gas', async () => {
    const log = await script({ role: 'relay', capitalUsd: 1_000, enterAtS: DAY, exitAtS: 100 * DAY }, { exchangeFloatOxt: 0 }, 4);
    const last = log.at(-1)!;
    expect(last.value.activeUsd).toBe(0);
    expect(last.value.withdrawableUsd + last.collected).toBeCloseTo(1_000 - 5 - 100, 9);
    expect(last.value.closed).toBe(true);
  });
});

/** Every sample of a world of two Orchid instances with yield-chasing investors. */
async function samples(model: AnyModel, days: number, seed = 3): Promise<MetricValues[]> {
  const out: MetricValues[] = [];
  await simulate(model, { seed, horizonS: days * DAY, sampleEveryS: DAY, onSample: (_t, v) => out.push(v) });
  return out;
}

const investors = (n: number, capitalUsd: number, role: string, reviewDays = 2, marginPerYear = 0.01) => ({
  investors: n,
  capitalUsd,
  networks: ['oa', 'ob'],
  role,
  reviewEveryS: reviewDays * DAY,
  marginPerYear,
});

describe('investors moving capital between two Orchid instances', () => {
  it('conserve capital across moves for any investors, roles, fees and review intervals (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          n: fc.integer({ min: 1, max: 3 }),
          capital: fc.double({ min: 200, max: 2e5, noNaN: true }),
          role: fc.constantFrom('relay', 'lender'),
          tradingFee: fc.double({ min: 0, max: 0.05, noNaN: true }),
          stakeTxUsd: fc.double({ min: 0, max: 20, noNaN: true }),
          reviewDays: fc.double({ min: 0.5, max: 5, noNaN: true }),
          margin: fc.double({ min: -0.5, max: 0.1, noNaN: true }),
          shards: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (c) => {
          const fees = { tradingFee: c.tradingFee, stakeTxUsd: c.stakeTxUsd };
          const model = twoOrchids({ shards: c.shards, investors: investors(c.n, c.capital, c.role, c.reviewDays, c.margin), oa: fees, ob: fees });
          const total = c.n * c.capital;
          for (const v of await samples(model, 16, c.seed)) {
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
  });

  it('give the same bytes with shards in reverse order and with the world’s shards on 1 and 2 threads', async () => {
    const args = { shards: 3, investors: investors(3, 40_000, 'lender', 1, -0.5) };
    const { forward, reverse } = await forwardAndReverse({ build: () => twoOrchids(args), seed: 9, horizonS: 12 * DAY, sampleEveryS: DAY });
    expect(forward).toMatch(/world_investors_moves=[1-9]/);
    expect(reverse).toBe(forward);
    const model = twoOrchids(args);
    const executor = await ThreadedShardExecutor.start(model, { module: new URL('./port-world.ts', import.meta.url).href, args }, 9, 2);
    const lines: string[] = [];
    const fmt = (v: MetricValues) =>
      Object.entries(v)
        .map(([k, x]) => `${k}=${x}`)
        .join(',');
    try {
      const r = await simulate(model, { seed: 9, horizonS: 12 * DAY, sampleEveryS: DAY, executor, onSample: (t, v) => lines.push(`${t};${fmt(v)}`) });
      lines.push(`end;${fmt(r.end)}`);
    } finally {
      await executor.close();
    }
    expect(lines.join('\n')).toBe(forward);
  });
});
