import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../../src/engine/threaded-shards.ts';
import { world } from '../../../src/engine/world.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { LIVEPEER_MAINNET } from '../../../src/networks/livepeer/protocol.ts';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { smallConfig, TEST_PRICES } from './helpers.ts';
import { twoLivepeers } from './port-world.ts';
import { type Observation, type Script, scriptedInvestor } from './scripted-investor.ts';

const DAY = 86_400;
const ETH_USD = 3000;

/** Runs one scripted investor in Livepeer alone (at $15 LPT, $3000 ETH) and returns what it logged. */
async function script(s: Omit<Script, 'log' | 'network'>, over: Parameters<typeof smallConfig>[0], horizonDays: number): Promise<Observation[]> {
  const log: Observation[] = [];
  const cfg = smallConfig({ exchangeFloatLpt: 1e6, ...over });
  const model = world({ shards: cfg.shards, networks: [livepeer(cfg)], prices: TEST_PRICES, agents: scriptedInvestor({ ...s, network: 'livepeer', log }) });
  await simulate(model, { seed: 11, horizonS: horizonDays * DAY, sampleEveryS: DAY });
  return log;
}

/** capital − frictions + earnings − (active + in transit + withdrawable + collected), relative to the capital. */
function imbalance(o: Observation, capital: number): number {
  const f = Object.values(o.frictions).reduce((a, b) => a + b, 0);
  const held = o.value.activeUsd + o.value.inTransitUsd + o.value.withdrawableUsd + o.collected;
  return Math.abs(capital - f + o.earnings - held) / capital;
}

describe("Livepeer's port for outside capital", () => {
  it('bonds as a delegator, earns the pool’s rewards, and on exit waits the protocol’s unbonding period before the LPT is sold', async () => {
    const capital = 30_000;
    const log = await script({ role: 'delegator', capitalUsd: capital, enterAtS: DAY, exitAtS: 12 * DAY }, {}, 25);
    const bonded = log.filter((o) => o.t > 2 * DAY && o.t < 12 * DAY);
    expect(bonded.every((o) => o.value.activeUsd > 0 && o.value.inTransitUsd === 0)).toBe(true);
    // Rewards accrue to the bonded stake through the reward factor: earnings grow while bonded.
    expect(bonded.at(-1)!.earnings).toBeGreaterThan(bonded[0]!.earnings);
    expect(bonded.at(-1)!.earnings).toBeGreaterThan(0);
    // The exit is asked in this window; the unbond is sent when the network steps in it.
    const asked = log.find((o) => o.t >= 12 * DAY)!;
    const exitRound = asked.round;
    const unbondingPeriod = LIVEPEER_MAINNET.unbondingPeriodRounds;
    expect(unbondingPeriod).toBe(7);
    for (const o of log.filter((x) => x.t > asked.t && x.round < exitRound + unbondingPeriod)) {
      expect(o.value.inTransitUsd).toBeGreaterThan(capital / 2);
      expect(o.collected).toBeLessThan(1e-3); // at most the sub-micro-LPT change of the purchase
    }
    const paid = log.find((o) => o.collected > capital / 2)!;
    expect(paid.round).toBe(exitRound + unbondingPeriod);
    // Gas for bond, unbond and withdraw, and the trading fee on the way in and out: named, and nothing else lost.
    const last = log.at(-1)!;
    const gas = (400_000 + 400_000 + 200_000) * 0.02e-9 * ETH_USD;
    expect(last.frictions.gas).toBeCloseTo(gas, 9);
    expect(last.frictions.trading_fee).toBeGreaterThan(capital * 0.003 * 1.9);
    expect(last.frictions.hardware_loss).toBe(0);
    expect(last.value.closed).toBe(true);
    for (const o of log) expect(imbalance(o, capital)).toBeLessThan(1e-9);
  });

  it('runs an orchestrator: registers with self-stake and hardware, joins the active set only above its threshold, and gets back the stake after unbonding and the hardware at its resale share', async () => {
    const over = { investorOrchestratorSlots: 1, numActiveTranscoders: 6, orchestrators: 6, orchestratorCandidates: 0 };
    // 8000 USD buys hardware ($5000) and ~200 LPT, far below the smallest active stake (pools of millions of LPT); 150 M USD buys ~10 M LPT.
    const small = await script({ role: 'orchestrator', capitalUsd: 8_000, enterAtS: DAY, exitAtS: 8 * DAY }, over, 20);
    const big = await script(
      { role: 'orchestrator', capitalUsd: 150e6, enterAtS: DAY, exitAtS: 8 * DAY },
      { ...over, exchangeFloatLpt: 2e7, initialSupplyLpt: 5e7 },
      20,
    );
    const running = (log: Observation[]) => log.filter((o) => o.t > 3 * DAY && o.t < 8 * DAY);
    expect(running(small).length).toBeGreaterThan(3);
    expect(running(small).every((o) => o.investorSlotsActive === 0 && o.value.activeUsd > 0)).toBe(true);
    // Registered in round 1, active from the next round's initializeRound on.
    expect(
      running(big)
        .filter((o) => o.round >= 3)
        .every((o) => o.investorSlotsActive === 1),
    ).toBe(true);
    // The active orchestrator earns its self-stake's rewards and commission; the inactive one only pays its fixed costs.
    expect(running(big).at(-1)!.earnings).toBeGreaterThan(0);
    expect(running(small).at(-1)!.earnings).toBeLessThan(0);
    for (const log of [small, big]) {
      const last = log.at(-1)!;
      expect(last.frictions.hardware_loss).toBeCloseTo(5_000 * 0.5, 9); // hardwareCapitalUsd 5000, resale share 0.5
      expect(last.collected).toBeGreaterThan(0);
      const exitRound = log.find((o) => o.t >= 8 * DAY)!.round;
      expect(log.find((o) => o.collected > 1000)!.round).toBeGreaterThanOrEqual(exitRound + 7);
      for (const o of log) expect(imbalance(o, log === small ? 8_000 : 150e6)).toBeLessThan(1e-9);
    }
  });

  it('refuses a buyer when the exchange holds no LPT, and gives all of it back', async () => {
    const log = await script({ role: 'delegator', capitalUsd: 1_000, enterAtS: DAY, exitAtS: 100 * DAY }, { exchangeFloatLpt: 0 }, 4);
    const last = log.at(-1)!;
    expect(last.value.activeUsd).toBe(0);
    expect(last.value.withdrawableUsd + last.collected).toBeCloseTo(1_000 - 400_000 * 0.02e-9 * ETH_USD, 9);
  });
});

/** Every sample of a world of two Livepeer instances with yield-chasing investors. */
async function samples(model: AnyModel, days: number, seed = 3): Promise<MetricValues[]> {
  const out: MetricValues[] = [];
  await simulate(model, { seed, horizonS: days * DAY, sampleEveryS: DAY, onSample: (_t, v) => out.push(v) });
  return out;
}

const investors = (n: number, capitalUsd: number, reviewDays = 2, marginPerYear = 0.01) => ({
  investors: n,
  capitalUsd,
  networks: ['lpa', 'lpb'],
  role: 'delegator',
  reviewEveryS: reviewDays * DAY,
  marginPerYear,
});

describe('investors moving capital between two Livepeer instances', () => {
  it('follow the yield from lpb to lpa when lpa’s inflation overtakes it, through unbonding, and the moves show in their metrics', async () => {
    const s = await samples(twoLivepeers({ shards: 2, investors: investors(5, 20_000) }), 40);
    expect(s[3]!.world_investors_in_lpb_usd).toBeGreaterThan(90_000);
    expect(s[3]!.world_investors_in_lpa_usd).toBe(0);
    expect(s.at(-1)!.lpa_inflation).toBeGreaterThan(s.at(-1)!.lpb_inflation!);
    expect(s.at(-1)!.world_investors_moves).toBe(5);
    expect(s.at(-1)!.world_investors_in_lpa_usd).toBeGreaterThan(90_000);
    expect(s.some((v) => v.world_investors_in_transit_usd! > 90_000)).toBe(true);
    for (const v of s) {
      const drift = Math.abs(100_000 + v.world_investors_earnings_usd! - v.world_investors_frictions_usd! - v.world_investors_capital_usd!);
      expect(drift / 100_000).toBeLessThan(1e-9);
      expect(v.world_investors_frictions_gas_usd! + v.world_investors_frictions_trading_fee_usd! + v.world_investors_frictions_hardware_loss_usd!).toBeCloseTo(
        v.world_investors_frictions_usd!,
        6,
      );
    }
  });

  it('conserve capital across moves for any investors, fees, gas prices and review intervals (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          n: fc.integer({ min: 1, max: 4 }),
          capital: fc.double({ min: 100, max: 1e6, noNaN: true }),
          tradingFee: fc.double({ min: 0, max: 0.05, noNaN: true }),
          gasPriceGwei: fc.double({ min: 0, max: 50, noNaN: true }),
          reviewDays: fc.double({ min: 0.5, max: 6, noNaN: true }),
          margin: fc.double({ min: 0, max: 0.1, noNaN: true }),
          shards: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (c) => {
          const fees = { tradingFee: c.tradingFee, gasPriceGwei: c.gasPriceGwei };
          const model = twoLivepeers({ shards: c.shards, investors: investors(c.n, c.capital, c.reviewDays, c.margin), lpa: fees, lpb: fees });
          const total = c.n * c.capital;
          for (const v of await samples(model, 24, c.seed)) {
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

  it('give the same bytes with shards in reverse order and with the world’s shards on 1, 2 and 3 threads', async () => {
    const args = { shards: 3, investors: investors(4, 50_000) };
    const { forward, reverse } = await forwardAndReverse({ build: () => twoLivepeers(args), seed: 9, horizonS: 20 * DAY, sampleEveryS: DAY });
    expect(reverse).toBe(forward);
    for (const threads of [2, 3]) {
      const model = twoLivepeers(args);
      const executor = await ThreadedShardExecutor.start(model, { module: new URL('./port-world.ts', import.meta.url).href, args }, 9, threads);
      const lines: string[] = [];
      const fmt = (v: MetricValues) =>
        Object.entries(v)
          .map(([k, x]) => `${k}=${x}`)
          .join(',');
      try {
        const r = await simulate(model, { seed: 9, horizonS: 20 * DAY, sampleEveryS: DAY, executor, onSample: (t, v) => lines.push(`${t};${fmt(v)}`) });
        lines.push(`end;${fmt(r.end)}`);
      } finally {
        await executor.close();
      }
      expect(lines.join('\n')).toBe(forward);
    }
  });
});
