import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LivepeerMarket } from '../../../src/networks/livepeer/market.ts';
import { run, smallConfig } from './helpers.ts';

describe('livepeer LPT ledger', () => {
  it('conserves LPT exactly at every round: supply = initial + minted = bonded + unbonding + liquid + treasury', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          delegators: fc.integer({ min: 1, max: 80 }),
          orchestrators: fc.integer({ min: 1, max: 6 }),
          orchestratorCandidates: fc.integer({ min: 0, max: 4 }),
          shards: fc.integer({ min: 1, max: 3 }),
          unbondingPeriodRounds: fc.integer({ min: 0, max: 7 }),
          initialInflation: fc.integer({ min: 0, max: 3_000_000 }),
          inflationChange: fc.integer({ min: 0, max: 50_000 }),
          targetBondingRate: fc.double({ min: 0, max: 1, noNaN: true }),
          reviewDays: fc.double({ min: 0.2, max: 5, noNaN: true }),
          liquidityNeedProb: fc.double({ min: 0, max: 0.5, noNaN: true }),
          treasuryCeilingLpt: fc.constantFrom(0, 1_000, 750_000),
          rewardMissProb: fc.double({ min: 0, max: 0.5, noNaN: true }),
          exitAfterRounds: fc.integer({ min: 1, max: 20 }),
          entryHurdleAnnual: fc.double({ min: -1, max: 1, noNaN: true }),
          streamsPerHour: fc.double({ min: 0, max: 200, noNaN: true }),
          windowHours: fc.constantFrom(0.5, 1, 7, 30),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        async ({ seed, ...over }) => {
          const cfg = smallConfig({ broadcasters: 10, horizonDays: 12, fixedCostEthPerDay: 0.05, ...over });
          let checked = 0;
          await run(cfg, seed, 6, {
            onRound: (m: LivepeerMarket) => {
              const t = m.totals();
              expect(t.supply).toBe(t.initialSupply + t.minted);
              expect(t.bonded + t.unbonding + t.liquid + t.treasury).toBe(t.supply);
              expect(m.recomputeTotals()).toEqual(t);
              expect(t.bonded >= 0n && t.unbonding >= 0n && t.liquid >= 0n).toBe(true);
              checked++;
            },
          });
          expect(checked).toBeGreaterThan(10);
        },
      ),
      { numRuns: 25 },
    );
  });
});
