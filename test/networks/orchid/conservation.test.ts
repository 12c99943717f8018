import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorldAgents } from '../../../src/engine/world.ts';
import type { OrchidMarket } from '../../../src/networks/orchid/market.ts';
import { oxtTotals } from '../../../src/networks/orchid/oxt-ledger.ts';
import { have, heft, OXT_SUPPLY_MICRO } from '../../../src/networks/orchid/protocol.ts';
import { scriptedInvestor } from '../../helpers/scripted-investor.ts';
import { type Audit, auditedOrchid, recountCurrency } from './audit.ts';
import { runModel, smallConfig } from './helpers.ts';

/** Checks every ledger after a clear; throws (failing the run) on the first unit out of place. */
function checkLedgers(m: OrchidMarket, audit: Audit): void {
  // OXT: fixed supply, every micro-OXT in exactly one place.
  const oxt = oxtTotals(m.ledger);
  expect(oxt.supply).toBe(OXT_SUPPLY_MICRO);
  expect(oxt.staked >= 0 && oxt.pending >= 0 && oxt.wallets >= 0 && oxt.exchange >= 0 && oxt.outside >= 0).toBe(true);
  let hefts = 0;
  for (let i = 0; i < m.relays.n; i++) hefts += heft(m.ledger.tree, i);
  expect(hefts).toBe(have(m.ledger.tree));
  // Currency: everything that came in is in an account, was burnt as gas, or went back out.
  const c = recountCurrency(m, audit);
  expect(c.users + c.stakers + c.gasBurnt + c.withdrawn + c.sold).toBe(c.funded);
  expect(c.minAccount).toBeGreaterThanOrEqual(0);
  for (const s of m.currency.stakerNano) expect(s >= 0n).toBe(true);
  // The users' count the shards keep as users join and leave (users_active) is the count of their accounts.
  for (const sh of audit.shards) expect(sh.users.population.columns.state.reduce((a, b) => a + b, 0)).toBe(sh.users.active);
}

describe('orchid ledgers', () => {
  it('create and lose no OXT and no currency, and leave no balance negative, with investors, lenders and churn (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          users: fc.integer({ min: 1, max: 120 }),
          relays: fc.integer({ min: 1, max: 6 }),
          relayCandidates: fc.integer({ min: 0, max: 3 }),
          lenders: fc.integer({ min: 0, max: 3 }),
          shards: fc.integer({ min: 1, max: 3 }),
          windowHours: fc.constantFrom(0.5, 1, 7),
          gasPriceGwei: fc.double({ min: 0, max: 20_000, noNaN: true }),
          faceValueUsd: fc.double({ min: 0.01, max: 30, noNaN: true }),
          balanceTickets: fc.double({ min: 1, max: 6, noNaN: true }),
          sessionsPerDay: fc.double({ min: 0.5, max: 20, noNaN: true }),
          gbPerSession: fc.double({ min: 0.01, max: 3, noNaN: true }),
          oracleUsdPerGb: fc.constantFrom(0, 0.03, 0.5),
          capacityGbPerDay: fc.double({ min: 0.5, max: 300, noNaN: true }),
          churnOnRejectProb: fc.double({ min: 0, max: 1, noNaN: true }),
          churnOnDearProb: fc.double({ min: 0, max: 1, noNaN: true }),
          topUpMaxFailShare: fc.double({ min: 0, max: 1, noNaN: true }),
          rejoinDays: fc.double({ min: 0.2, max: 10, noNaN: true }),
          unlockDelayHours: fc.double({ min: 0, max: 48, noNaN: true }),
          relayDelayDays: fc.constantFrom(0.5, 2, 4),
          shortDelayShare: fc.double({ min: 0, max: 1, noNaN: true }),
          relayHurdleAnnual: fc.double({ min: -1, max: 2, noNaN: true }),
          relayReviewDays: fc.double({ min: 0.3, max: 5, noNaN: true }),
          memoryDays: fc.double({ min: 0.5, max: 5, noNaN: true }),
          exitAfterReviews: fc.integer({ min: 1, max: 3 }),
          lenderHurdleAnnual: fc.double({ min: -1, max: 1, noNaN: true }),
          lenderReviewDays: fc.double({ min: 0.3, max: 5, noNaN: true }),
          investor: fc.record({
            role: fc.constantFrom('relay', 'lender'),
            capitalUsd: fc.double({ min: 50, max: 1e6, noNaN: true }),
            enterDay: fc.double({ min: 0, max: 3, noNaN: true }),
            exitDay: fc.double({ min: 0, max: 5, noNaN: true }),
          }),
          seed: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        async ({ seed, investor, ...over }) => {
          const cfg = smallConfig({
            horizonDays: 12,
            initialStakeOxt: 200_000,
            minClientDelayDays: over.relayDelayDays,
            exchangeFloatOxt: 1e6,
            investorRelaySlots: 1,
            investorLenderSlots: 1,
            lenderOxt: 20_000,
            ...over,
          });
          const agent = scriptedInvestor({
            network: 'orchid',
            role: investor.role,
            capitalUsd: investor.capitalUsd,
            enterAtS: investor.enterDay * 86_400,
            exitAtS: (investor.enterDay + investor.exitDay) * 86_400,
            log: [],
          });
          let checked = 0;
          const model = auditedOrchid(
            cfg,
            (m, audit) => {
              checkLedgers(m, audit);
              checked++;
            },
            agent as WorldAgents<unknown, unknown>,
          );
          await runModel(model, cfg, seed, 3);
          expect(checked).toBeGreaterThan(20);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('recounts from every account: a busy run keeps it exact, and one nano or one micro-OXT moved behind the market’s back is caught', async () => {
    const cfg = smallConfig({ shards: 3, horizonDays: 10, gbPerSession: 0.5, faceValueUsd: 0.05, churnOnRejectProb: 0.3, rejoinDays: 1, lenders: 2 });
    let tampered = false;
    let lastRecount = { funded: 0n, gasBurnt: 0n };
    const model = auditedOrchid(cfg, (m, audit) => {
      checkLedgers(m, audit);
      lastRecount = recountCurrency(m, audit);
      if (!tampered && audit.clears > 48) {
        const users = audit.shards[1]!.users;
        const i = users.population.columns.state.indexOf(1);
        expect(i).toBeGreaterThanOrEqual(0);
        users.population.columns.balanceNano[i]! += 1;
        const c = recountCurrency(m, audit);
        expect(c.users + c.stakers + c.gasBurnt + c.withdrawn + c.sold).toBe(c.funded + 1n);
        users.population.columns.balanceNano[i]! -= 1;
        m.ledger.wallet[0]! += 1;
        expect(oxtTotals(m.ledger).supply).toBe(OXT_SUPPLY_MICRO + 1);
        m.ledger.wallet[0]! -= 1;
        tampered = true;
      }
    });
    const r = await runModel(model, cfg, 4, 1);
    expect(tampered).toBe(true);
    // The run was busy: winners were redeemed (gas burnt), users came and went.
    expect(lastRecount.gasBurnt).toBeGreaterThan(0n);
    expect(r.end.winning_tickets).toBeGreaterThan(20);
    expect(r.end.users_churned).toBeGreaterThan(5);
  });
});
