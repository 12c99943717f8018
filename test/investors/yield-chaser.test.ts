import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../src/engine/model.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../src/engine/threaded-shards.ts';
import { type ToyWorldArgs, toyWorld } from '../engine/toy-network.ts';
import { forwardAndReverse } from '../helpers/shard-order.ts';

const DAY = 86_400;

async function samples(model: AnyModel, horizonS: number, sampleEveryS: number, seed = 5): Promise<MetricValues[]> {
  const out: MetricValues[] = [];
  await simulate(model, { seed, horizonS, sampleEveryS, onSample: (_t, v) => out.push(v) });
  return out;
}

/** Two deposit networks: `early` pays more until day 20, `late` pays more after it. */
const twoRates = (over: Partial<ToyWorldArgs['investors']> = {}, exitDelayS = 3 * DAY): ToyWorldArgs => ({
  shards: 3,
  networks: [
    { name: 'early', periodS: DAY, agentsPerShard: 2, port: { ratePerYear: 0.2, entryFee: 0.01, exitDelayS, switchAtS: 20 * DAY, rateAfterPerYear: 0.02 } },
    { name: 'late', periodS: DAY / 2, agentsPerShard: 2, port: { ratePerYear: 0.05, entryFee: 0.02, exitDelayS } },
  ],
  investors: { investors: 7, capitalUsd: 1000, networks: ['early', 'late'], role: 'deposit', reviewEveryS: 2 * DAY, marginPerYear: 0.01, ...over },
});

/** capital + earnings − frictions = holdings, at constant prices (relative to the capital). */
function conserved(v: MetricValues, capital: number): number {
  return Math.abs(capital + v.world_investors_earnings_usd! - v.world_investors_frictions_usd! - v.world_investors_capital_usd!) / Math.max(capital, 1);
}

describe('investors through the ports', () => {
  it('enter the best-paying network, move when another pays more by the margin, and wait out the exit delay', async () => {
    const s = await samples(toyWorld(twoRates()), 40 * DAY, DAY);
    const at = (day: number) => s[day]!;
    expect(at(0).world_investors_cash_usd).toBe(7000);
    expect(at(5).world_investors_in_early_usd).toBeGreaterThan(6900);
    expect(at(5).world_investors_in_late_usd).toBe(0);
    expect(at(5).world_investors_moves).toBe(0);
    // After the switch on day 20 each investor exits at its next review (within 2 days), waits 3 days in transit, then enters late.
    expect(at(21).world_investors_in_transit_usd).toBeGreaterThan(0);
    expect(at(30).world_investors_in_early_usd).toBe(0);
    expect(at(30).world_investors_in_late_usd).toBeGreaterThan(7000 * 0.99 * 0.98);
    expect(at(30).world_investors_moves).toBe(7);
    // Frictions: 1 % into early and 2 % into late, on every unit; named.
    expect(at(30).world_investors_frictions_entry_fee_usd! / at(30).world_investors_frictions_usd!).toBeCloseTo(1, 12);
    expect(at(30).world_investors_frictions_usd).toBeGreaterThan(7000 * (0.01 + 0.02 * 0.99) - 1e-6);
    for (const v of s) expect(conserved(v, 7000)).toBeLessThan(1e-12);
  });

  it('does not move while the margin is not beaten', async () => {
    const s = await samples(toyWorld(twoRates({ marginPerYear: 0.5 })), 40 * DAY, DAY);
    expect(s.at(-1)!.world_investors_moves).toBe(0);
    expect(s.at(-1)!.world_investors_in_early_usd).toBeGreaterThan(6900);
  });

  it('conserves capital across any sequence of moves: every unit in a position, in transit, or lost to a named friction', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          investors: fc.integer({ min: 1, max: 9 }),
          capital: fc.double({ min: 1, max: 1e6, noNaN: true }),
          rateA: fc.double({ min: 0, max: 0.5, noNaN: true }),
          rateB: fc.double({ min: 0, max: 0.5, noNaN: true }),
          feeA: fc.double({ min: 0, max: 0.1, noNaN: true }),
          feeB: fc.double({ min: 0, max: 0.1, noNaN: true }),
          delayDays: fc.double({ min: 0, max: 6, noNaN: true }),
          reviewDays: fc.double({ min: 0.3, max: 5, noNaN: true }),
          switchDay: fc.integer({ min: 0, max: 25 }),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (c) => {
          const args: ToyWorldArgs = {
            shards: 2,
            networks: [
              {
                name: 'a',
                periodS: DAY,
                agentsPerShard: 1,
                port: { ratePerYear: c.rateA, entryFee: c.feeA, exitDelayS: c.delayDays * DAY, switchAtS: c.switchDay * DAY, rateAfterPerYear: c.rateB / 3 },
              },
              { name: 'b', periodS: 0.7 * DAY, agentsPerShard: 1, port: { ratePerYear: c.rateB, entryFee: c.feeB, exitDelayS: c.delayDays * DAY } },
            ],
            investors: {
              investors: c.investors,
              capitalUsd: c.capital,
              networks: ['a', 'b'],
              role: 'deposit',
              reviewEveryS: c.reviewDays * DAY,
              marginPerYear: 0,
            },
          };
          const total = c.investors * c.capital;
          for (const v of await samples(toyWorld(args), 30 * DAY, DAY, c.seed)) {
            expect(conserved(v, total)).toBeLessThan(1e-9);
            const parts = v.world_investors_cash_usd! + v.world_investors_active_usd! + v.world_investors_in_transit_usd! + v.world_investors_withdrawable_usd!;
            expect(Math.abs(parts - v.world_investors_capital_usd!) / total).toBeLessThan(1e-12);
            expect(
              Math.abs(v.world_investors_in_a_usd! + v.world_investors_in_b_usd! + v.world_investors_cash_usd! - v.world_investors_capital_usd!) / total,
            ).toBeLessThan(1e-12);
            expect(Math.abs(v.world_investors_frictions_entry_fee_usd! - v.world_investors_frictions_usd!) / total).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('gives the same bytes with shards in reverse order and on 1 and 2 threads per run', async () => {
    const args = twoRates();
    const { forward, reverse } = await forwardAndReverse({ build: () => toyWorld(args), seed: 3, horizonS: 30 * DAY, sampleEveryS: DAY });
    expect(reverse).toBe(forward);
    const model = toyWorld(args);
    const executor = await ThreadedShardExecutor.start(model, { module: new URL('../engine/toy-network.ts', import.meta.url).href, args }, 3, 2);
    const lines: string[] = [];
    try {
      const r = await simulate(model, {
        seed: 3,
        horizonS: 30 * DAY,
        sampleEveryS: DAY,
        executor,
        onSample: (t, v) =>
          lines.push(
            `${t};${Object.entries(v)
              .map(([k, x]) => `${k}=${x}`)
              .join(',')}`,
          ),
      });
      lines.push(
        `end;${Object.entries(r.end)
          .map(([k, x]) => `${k}=${x}`)
          .join(',')}`,
      );
    } finally {
      await executor.close();
    }
    expect(lines.join('\n')).toBe(forward);
  });
});
