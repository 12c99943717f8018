import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AVAILABLE, addToProvider } from '../../../src/networks/filecoin/ledger.ts';
import type { FilecoinMarket } from '../../../src/networks/filecoin/market.ts';
import { recount } from './audit.ts';
import { run, smallConfig } from './helpers.ts';

describe('filecoin FIL ledger', () => {
  it('conserves FIL exactly every day: every attoFIL in a balance, escrow, pledge, vesting, the pool or burnt; minted = vested + vesting; circulating = liquid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          providers: fc.integer({ min: 1, max: 10 }),
          providerCandidates: fc.integer({ min: 0, max: 4 }),
          clients: fc.integer({ min: 0, max: 80 }),
          shards: fc.integer({ min: 1, max: 3 }),
          filUsd: fc.double({ min: 0.5, max: 40, noNaN: true }),
          faultProbability: fc.double({ min: 0, max: 0.2, noNaN: true }),
          recoveryDays: fc.double({ min: 0.5, max: 60, noNaN: true }),
          borrowShare: fc.double({ min: 0, max: 1, noNaN: true }),
          lendingPoolFil: fc.constantFrom(0, 1_000, 20_000_000),
          clientArrivalDays: fc.double({ min: 1, max: 30, noNaN: true }),
          clientPriceUsdPerTibYear: fc.double({ min: 0, max: 50, noNaN: true }),
          dealStartDays: fc.double({ min: 1, max: 10, noNaN: true }),
          reviewDays: fc.double({ min: 1, max: 10, noNaN: true }),
          exitAfterReviews: fc.integer({ min: 1, max: 3 }),
          hurdleAnnual: fc.double({ min: 0, max: 1, noNaN: true }),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        async ({ seed, ...over }) => {
          const cfg = smallConfig({ horizonDays: 25, ...over });
          let days = 0;
          const problems: string[] = [];
          await run(cfg, seed, 5, {
            onDay: (m: FilecoinMarket) => {
              days++;
              problems.push(...recount(m).map((p) => `day ${m.day}: ${p}`));
            },
          });
          expect(problems.slice(0, 5)).toEqual([]);
          expect(days).toBe(25);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('sees a unit moved behind the ledger’s back', async () => {
    const cfg = smallConfig({ horizonDays: 3 });
    let found: string[] = [];
    await run(cfg, 3, 1, {
      onDay: (m: FilecoinMarket, day: number) => {
        if (day === 1) addToProvider(m.ledger, AVAILABLE, 0, 1n); // one attoFIL from nowhere
        if (day === 2) found = recount(m);
      },
    });
    expect(found.some((f) => f.startsWith('sum of every bucket'))).toBe(true);
  });
});
