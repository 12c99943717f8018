import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getPair, setPair } from '../../../src/engine/fixed-point-pairs.ts';
import type { WorldAgents } from '../../../src/engine/world.ts';
import { ledgerTotals } from '../../../src/networks/livepeer/ledger.ts';
import { WEI_PAIR } from '../../../src/networks/livepeer/lpt.ts';
import type { LivepeerMarket } from '../../../src/networks/livepeer/market.ts';
import { type Audit, auditedLivepeer, recountTotals } from './audit.ts';
import { runModel, smallConfig } from './helpers.ts';
import { scriptedInvestor } from './scripted-investor.ts';

describe('livepeer LPT ledger', () => {
  it('conserves LPT exactly at every round: supply = initial + minted = bonded + unbonding + liquid + treasury + exchange while holders bond, move, sell part of their stake and buy back in, orchestrators sell to cover costs, and an outside investor buys, bonds, unbonds and sells; and ETH fees add up', async () => {
    // The moves the property must have seen across its runs (else it proves less than it says).
    const seen = { partialUnbonds: 0, sold: 0n, bought: 0n, orchestratorSales: 0 };
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
          exitProbAnnual: fc.double({ min: 0, max: 1, noNaN: true }),
          rewardSellShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
          takeProfitRate: fc.double({ min: 0, max: 2, noNaN: true }),
          hurdleSigma: fc.double({ min: 0, max: 2, noNaN: true }),
          aiJobsPerHour: fc.constantFrom(0, 50),
          poolShare: fc.constantFrom(0, 0.5),
          demandScale: fc.constantFrom(1, 3),
          treasuryCeilingLpt: fc.constantFrom(0, 1_000, 750_000),
          rewardMissProb: fc.double({ min: 0, max: 0.5, noNaN: true }),
          exitAfterRounds: fc.integer({ min: 1, max: 20 }),
          entryHurdleAnnual: fc.double({ min: -1, max: 1, noNaN: true }),
          streamsPerHour: fc.double({ min: 0, max: 200, noNaN: true }),
          windowHours: fc.constantFrom(0.5, 1, 7, 30),
          exchangeFloatLpt: fc.constantFrom(0, 100, 1e6),
          investor: fc.record({
            role: fc.constantFrom('delegator', 'orchestrator'),
            capitalUsd: fc.double({ min: 10, max: 1e7, noNaN: true }),
            enterDay: fc.double({ min: 0, max: 4, noNaN: true }),
            exitDay: fc.double({ min: 0, max: 8, noNaN: true }),
          }),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        async ({ seed, investor, ...over }) => {
          const cfg = smallConfig({ broadcasters: 10, horizonDays: 12, fixedCostUsdPerDay: 150, investorOrchestratorSlots: 1, ...over });
          const agent = scriptedInvestor({
            network: 'livepeer',
            role: investor.role,
            capitalUsd: investor.capitalUsd,
            enterAtS: investor.enterDay * 86_400,
            exitAtS: (investor.enterDay + investor.exitDay) * 86_400,
            log: [],
          });
          let checked = 0;
          const model = auditedLivepeer(
            cfg,
            (m: LivepeerMarket, audit: Audit) => {
              const t = ledgerTotals(m.ledger);
              expect(t.supply).toBe(t.initialSupply + t.minted);
              expect(t.bonded + t.unbonding + t.liquid + t.treasury + t.exchange).toBe(t.supply);
              // A full recount: every holder's account from the shard that owns it, every orchestrator's from the
              // market; it also throws if any pool owes its delegators more than it holds.
              expect(recountTotals(m, audit)).toEqual(t);
              expect(t.bonded >= 0n && t.unbonding >= 0n && t.liquid >= 0n && t.exchange >= 0n).toBe(true);
              // ETH fees: what broadcasters paid = the orchestrators' commission + what they claimed for their own
              // stake + what the pools still hold for delegators, none of it negative.
              const l = m.ledger;
              expect(l.feesPaidWei).toBe(l.feesCommissionWei + l.feesClaimedWei + l.poolFeesWei.reduce((a, b) => a + b, 0n));
              expect(l.poolFeesWei.every((x) => x >= 0n)).toBe(true);
              checked++;
              seen.sold += l.soldLpt;
              seen.bought += l.boughtLpt;
              seen.orchestratorSales += m.orchestrators.saleLocks.size;
              for (const sh of audit.shards) for (const w of sh.holders.population.columns.withdrawRound) if (w >= 0) seen.partialUnbonds++;
            },
            agent as WorldAgents<unknown, unknown>,
          );
          await runModel(model, cfg, seed, 6);
          expect(checked).toBeGreaterThan(10);
        },
      ),
      { numRuns: 25 },
    );
    expect(
      seen.sold > 0n && seen.bought > 0n && seen.orchestratorSales > 0 && seen.partialUnbonds > 0,
      JSON.stringify(seen, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    ).toBe(true);
  });

  it('recounts the holders from their shards: busy delegators keep it exact, and one wei off is caught', async () => {
    const cfg = smallConfig({ shards: 3, reviewDays: 0.5, exitProbAnnual: 0.9, unbondingPeriodRounds: 2, horizonDays: 15 });
    let recounts = 0;
    let tampered = false;
    let lastActions = 0;
    const model = auditedLivepeer(cfg, (m: LivepeerMarket, audit: Audit) => {
      lastActions = audit.actions;
      expect(recountTotals(m, audit)).toEqual(ledgerTotals(m.ledger));
      if (audit.windows === 0) return;
      recounts++;
      if (!tampered && audit.actions > 50) {
        // Move one wei into a liquid holder's account behind the market's back: the recount must see it.
        const sh = audit.shards[1]!;
        const i = 0;
        const before = getPair(sh.holders.liquid, i, WEI_PAIR);
        setPair(sh.holders.liquid, i, before + 1n, WEI_PAIR);
        expect(recountTotals(m, audit).liquid).toBe(m.ledger.liquid + 1n);
        setPair(sh.holders.liquid, i, before, WEI_PAIR);
        tampered = true;
      }
    });
    await runModel(model, cfg, 3, 5);
    expect(tampered).toBe(true);
    expect(recounts).toBeGreaterThan(10);
    expect(lastActions).toBeGreaterThan(200);
  });

  it('keeps the ledger exact when an unbonding period of 0 lets a holder unbond and bond again in one window (fast-check counterexample)', async () => {
    const cfg = smallConfig({
      delegators: 2,
      orchestrators: 1,
      orchestratorCandidates: 0,
      shards: 1,
      unbondingPeriodRounds: 0,
      initialInflation: 0,
      inflationChange: 162,
      targetBondingRate: 0.0323660765,
      reviewDays: 0.2,
      exitProbAnnual: 0,
      treasuryCeilingLpt: 0,
      rewardMissProb: 0,
      exitAfterRounds: 11,
      entryHurdleAnnual: 0,
      streamsPerHour: 0,
      windowHours: 7,
      broadcasters: 10,
      horizonDays: 12,
      fixedCostUsdPerDay: 150,
    });
    let checked = 0;
    const model = auditedLivepeer(cfg, (m: LivepeerMarket, audit: Audit) => {
      expect(recountTotals(m, audit)).toEqual(ledgerTotals(m.ledger));
      checked++;
    });
    await runModel(model, cfg, 749991, 6);
    expect(checked).toBeGreaterThan(10);
  });
});
