import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/event-queue.ts';
import type { ShardContext } from '../../../src/engine/model.ts';
import { streamOf } from '../../../src/engine/rng.ts';
import { bestRelayToLend, lenderExpectedReturn, lendingDecision } from '../../../src/networks/orchid/lenders.ts';
import { STAT_ABORTED_PICKS, STAT_CHURNS, STAT_TOO_DEAR, STAT_TOP_UPS } from '../../../src/networks/orchid/messages.ts';
import { createOxtLedger, pendingOf } from '../../../src/networks/orchid/oxt-ledger.ts';
import { defaultOrchidConfig, type OrchidConfig } from '../../../src/networks/orchid/params.ts';
import {
  clientTopUpUsd,
  createStakeTree,
  MIN_CLIENT_STAKE_DELAY_S,
  pickProvider,
  prepaidCreditUsd,
  push,
  snapshotTree,
  stakeOf,
  TWO_POW_128,
} from '../../../src/networks/orchid/protocol.ts';
import { activeRelayDecision, createRelays, entryReturnAnnual, redeemPays, releaseRelays, reviewRelays } from '../../../src/networks/orchid/relays.ts';
import { sessionTickets } from '../../../src/networks/orchid/tickets.ts';
import { RELAY_ACTIVE, RELAY_EXITING, RELAY_OUTSIDE } from '../../../src/networks/orchid/units.ts';
import {
  createUsers,
  joinUser,
  paySession,
  pickServingRelay,
  readPublicState,
  settleRequests,
  startSession,
  takeRequests,
  USER_ACTIVE,
  USER_AWAY,
  type Users,
  unlockDeposit,
  userPriceUsdPerGb,
} from '../../../src/networks/orchid/users.ts';

const DAY = 86_400;
const RULE = { exitAfterReviews: 4, addStakeMargin: 0.1, targetUtilization: 0.8 };

function shardContext(seed: number): ShardContext {
  return { index: 0, count: 1, seed, stream: (name) => streamOf(seed, `shard/0/orchid/${name}`) };
}

/** `n` users of one shard, joined at t = 0, reading a directory of two relays with 90-day delays (both serving). */
function usersWith(over: Partial<OrchidConfig>, n: number, seed = 1): Users {
  const cfg = defaultOrchidConfig({ users: n, ...over });
  const u = createUsers(cfg, shardContext(seed), new EventQueue(n + 16));
  const tree = createStakeTree();
  push(tree, 0, 0, 1_000, MIN_CLIENT_STAKE_DELAY_S);
  push(tree, 1, 1, 1_000, MIN_CLIENT_STAKE_DELAY_S);
  readPublicState(u, snapshotTree(tree), Uint8Array.of(1, 1), 0.06, 1);
  while (u.queue.size > 0 && u.queue.peekTime() <= 0) {
    u.queue.pop();
    joinUser(u, u.queue.agent, 0);
  }
  u.queue.clear();
  return u;
}

describe('relays decide on their return on stake against their hurdle', () => {
  it('count reviews below the hurdle and exit at exactly the exitAfterReviews-th in a row; at the hurdle the count restarts', () => {
    let below = 0;
    for (let k = 1; k <= 3; k++) {
      const d = activeRelayDecision(0.099, 0.1, below, 0.5, true, RULE);
      expect(d).toEqual({ action: 'hold', below: k });
      below = d.below;
    }
    expect(activeRelayDecision(0.099, 0.1, below, 0.5, true, RULE)).toEqual({ action: 'exit', below: 4 });
    expect(activeRelayDecision(0.1, 0.1, 3, 0.5, true, RULE)).toEqual({ action: 'hold', below: 0 });
  });

  it('add stake only when the return beats the hurdle by the margin, with spare capacity and OXT to add', () => {
    expect(activeRelayDecision(0.201, 0.1, 0, 0.5, true, RULE).action).toBe('add');
    expect(activeRelayDecision(0.199, 0.1, 0, 0.5, true, RULE).action).toBe('hold');
    expect(activeRelayDecision(0.3, 0.1, 0, 0.8, true, RULE).action).toBe('hold');
    expect(activeRelayDecision(0.3, 0.1, 0, 0.5, false, RULE).action).toBe('hold');
  });

  it('expect as entrants their stake share of the network’s income, capped by capacity, less costs, over the stake’s value', () => {
    // 100k OXT beside 900k: 10 % of $50 a day = $5 a day (under the 100 GB x $0.06 cap), 83.3 GB at $0.06,
    // transit $0.005/GB and hosting $0.5 a day: (5 − 0.4167 − 0.5) x 365 / (100k x $0.08).
    expect(entryReturnAnnual(100_000, 900_000, 50, 100, 0.06, 0.005, 0.5, 0.08)).toBeCloseTo(((5 - (5 / 0.06) * 0.005 - 0.5) * 365) / 8_000, 12);
    // Capacity binds: 10 GB a day sells at most $0.6 a day.
    expect(entryReturnAnnual(100_000, 900_000, 50, 10, 0.06, 0, 0, 0.08)).toBeCloseTo((0.6 * 365) / 8_000, 12);
  });

  it('a relay below its hurdle pulls all its stake, is never picked again, and gets its OXT back only after its delay', () => {
    const cfg = defaultOrchidConfig({ relays: 3, relayCandidates: 0, roiNoise: 0, exitAfterReviews: 2, memoryDays: 10, initialStakeOxt: 3_000 });
    const ledger = createOxtLedger(3);
    const r = createRelays(cfg, streamOf(1, 'relays'), ledger);
    const stake = stakeOf(ledger.tree, 0, 0);
    const wallet = ledger.wallet[0]!;
    // Relay 0 remembers a return of hurdle − 0.1 % on its own stake: net income per day = (hurdle − 0.001) x value / 365.
    const value = (stake / 1e6) * 0.08;
    r.emaNet[0] = ((r.hurdleAnnual[0]! - 0.001) * value) / 365;
    r.emaWeight[0] = 1;
    for (let i = 1; i < 3; i++) r.nextReviewS[i] = Infinity;
    const ctx = (now: number) => ({ now, oxtUsd: 0.08, priceUsdPerGb: 0.06, networkIncomeUsdPerDay: 0 });
    const t1 = 11 * DAY;
    r.nextReviewS[0] = t1;
    reviewRelays(r, ledger, cfg, ctx(t1), streamOf(1, 'reviews'));
    expect(r.status[0]).toBe(RELAY_ACTIVE);
    const t2 = 12 * DAY;
    r.nextReviewS[0] = t2;
    expect(reviewRelays(r, ledger, cfg, ctx(t2), streamOf(1, 'reviews'))).toEqual({ entries: 0, exits: 1 });
    expect(r.status[0]).toBe(RELAY_EXITING);
    expect(stakeOf(ledger.tree, 0, 0)).toBe(0);
    for (let j = 0; j < 256; j++) expect(pickProvider(ledger.tree, (BigInt(j) * TWO_POW_128) / 256n).stakee).not.toBe(0);
    const expire = pendingOf(ledger, 0)!.expire;
    expect(expire).toBe(t2 + cfg.relayDelayDays * DAY);
    expect(cfg.relayDelayDays).toBe(90);
    releaseRelays(r, ledger, expire - 1);
    expect(r.status[0]).toBe(RELAY_EXITING);
    expect(ledger.wallet[0]).toBe(wallet);
    releaseRelays(r, ledger, expire);
    expect(r.status[0]).toBe(RELAY_OUTSIDE);
    expect(ledger.wallet[0]).toBe(wallet + stake);
  });

  it('a relay judges only after memoryDays in its role, and at the hurdle + 0.1 % it stays', () => {
    const cfg = defaultOrchidConfig({ relays: 1, relayCandidates: 0, roiNoise: 0, exitAfterReviews: 1, memoryDays: 10, initialStakeOxt: 1_000 });
    const ledger = createOxtLedger(1);
    const r = createRelays(cfg, streamOf(2, 'relays'), ledger);
    const value = (stakeOf(ledger.tree, 0, 0) / 1e6) * 0.08;
    r.emaNet[0] = -1;
    r.emaWeight[0] = 1;
    r.nextReviewS[0] = 9 * DAY;
    reviewRelays(r, ledger, cfg, { now: 9 * DAY, oxtUsd: 0.08, priceUsdPerGb: 0.06, networkIncomeUsdPerDay: 0 }, streamOf(2, 'x'));
    expect(r.status[0]).toBe(RELAY_ACTIVE); // too early to judge
    r.emaNet[0] = ((r.hurdleAnnual[0]! + 0.001) * value) / 365;
    r.nextReviewS[0] = 10 * DAY;
    reviewRelays(r, ledger, cfg, { now: 10 * DAY, oxtUsd: 0.08, priceUsdPerGb: 0.06, networkIncomeUsdPerDay: 0 }, streamOf(2, 'x'));
    expect(r.status[0]).toBe(RELAY_ACTIVE);
  });

  it('a relay outside enters when its expected return clears its hurdle by 0.1 %, not when it misses by 0.1 %', () => {
    for (const [miss, enters] of [
      [-0.001, true],
      [0.001, false],
    ] as const) {
      const cfg = defaultOrchidConfig({ relays: 1, relayCandidates: 1, roiNoise: 0, initialStakeOxt: 900_000, candidateOxt: 100_000 });
      const ledger = createOxtLedger(2);
      const r = createRelays(cfg, streamOf(3, 'relays'), ledger);
      r.nextReviewS[0] = Infinity;
      r.nextReviewS[1] = DAY;
      const roi = entryReturnAnnual(ledger.wallet[1]! / 1e6, 900_000, 50, r.capacityGbPerDay[1]!, 0.06, r.transitUsdPerGb[1]!, r.hostingUsdPerDay[1]!, 0.08);
      r.hurdleAnnual[1] = roi + miss;
      const out = reviewRelays(r, ledger, cfg, { now: DAY, oxtUsd: 0.08, priceUsdPerGb: 0.06, networkIncomeUsdPerDay: 50 }, streamOf(3, 'x'));
      expect(out.entries).toBe(enters ? 1 : 0);
      expect(r.status[1]).toBe(enters ? RELAY_ACTIVE : RELAY_OUTSIDE);
    }
  });

  it('redeem a winning ticket only when its payout exceeds the gas of the redemption', () => {
    expect(redeemPays(120_001, 120_000)).toBe(true);
    expect(redeemPays(120_000, 120_000)).toBe(false);
  });
});

describe('lenders decide on the return of their stake', () => {
  it('expect lenderShare of the relay’s income per staked OXT, per year, over the OXT price', () => {
    expect(lenderExpectedReturn(0.0001, 0.5, 0.08)).toBeCloseTo((0.5 * 0.0001 * 365) / 0.08, 15);
  });

  it('lend to the serving relay with the best income per staked OXT', () => {
    expect(bestRelayToLend(Float64Array.of(3, 9, 5), Uint8Array.of(1, 0, 1))).toBe(2);
    expect(bestRelayToLend(Float64Array.of(3, 9, 5), Uint8Array.of(0, 0, 0))).toBe(-1);
  });

  it('withdraw after exitAfterReviews reviews below the hurdle, or at once when the relay stops serving', () => {
    expect(lendingDecision(0.049, 0.05, 0, true, 2)).toEqual({ withdraw: false, below: 1 });
    expect(lendingDecision(0.049, 0.05, 1, true, 2)).toEqual({ withdraw: true, below: 2 });
    expect(lendingDecision(0.051, 0.05, 1, true, 2)).toEqual({ withdraw: false, below: 0 });
    expect(lendingDecision(1, 0.05, 0, false, 2).withdraw).toBe(true);
  });
});

describe('users', () => {
  it('who meet full relays churn at the stated rate (churnOnRejectProb)', () => {
    for (const p of [0, 0.2, 1]) {
      const n = 4_000;
      const u = usersWith({ churnOnRejectProb: p, willingnessUsdPerGb: 1e3, willingnessSigma: 0 }, n, 7);
      for (let i = 0; i < n; i++) startSession(u, i, DAY, 0);
      takeRequests(u);
      expect(u.prevUser.length).toBe(n);
      u.stats.fill(0);
      settleRequests(u, new Int32Array(n).fill(-1), 2 * DAY);
      const churned = u.stats[STAT_CHURNS]!;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(churned - n * p)).toBeLessThanOrEqual(4 * sd);
      expect(Array.from(u.population.columns.state).filter((s) => s === USER_AWAY)).toHaveLength(churned);
    }
  });

  it('who were served do not churn, and remember fewer refusals', () => {
    const u = usersWith({ churnOnRejectProb: 1, willingnessUsdPerGb: 1e3, willingnessSigma: 0 }, 50);
    for (let i = 0; i < 50; i++) startSession(u, i, DAY, 0);
    takeRequests(u);
    u.stats.fill(0);
    settleRequests(u, new Int32Array(50).fill(0), 2 * DAY);
    expect(u.stats[STAT_CHURNS]).toBe(0);
  });

  it('top up to balanceTickets face values when the balance no longer backs a face value, unless they remember too many refusals', () => {
    const u = usersWith({ topUpMaxFailShare: 0.3, balanceTickets: 4, willingnessUsdPerGb: 1e3, willingnessSigma: 0 }, 2);
    const uc = u.population.columns;
    for (const i of [0, 1]) uc.balanceNano[i] = uc.faceTargetNano[i]! - 1;
    uc.failMemory[0] = 0.29;
    uc.failMemory[1] = 0.31;
    const funded = u.fundedNano;
    startSession(u, 0, DAY, 0);
    expect(uc.balanceNano[0]).toBe(Math.round(4 * uc.faceTargetNano[0]!));
    expect(u.fundedNano - funded).toBe(Math.round(4 * uc.faceTargetNano[0]!) - (uc.faceTargetNano[0]! - 1));
    expect(u.stats[STAT_TOP_UPS]).toBe(1);
    const withdrawn = u.withdrawnNano;
    startSession(u, 1, DAY, 0);
    expect(uc.state[1]).toBe(USER_AWAY);
    expect(u.withdrawnNano - withdrawn).toBe(uc.faceTargetNano[1]! - 1); // the balance comes out at once
    expect(uc.warnedNano[1]).toBe(uc.depositNano[1]); // the deposit waits for its unlock
  });

  it('recover a departed user’s deposit only once it unlocks, day_ after the warning', () => {
    const u = usersWith({ unlockDelayHours: 24 }, 1);
    const uc = u.population.columns;
    uc.balanceNano[0] = 0;
    uc.failMemory[0] = 1;
    startSession(u, 0, DAY, 0);
    expect(uc.state[0]).toBe(USER_AWAY);
    const deposit = uc.depositNano[0]!;
    const before = u.withdrawnNano;
    unlockDeposit(u, 0, 2 * DAY - 1);
    expect(uc.depositNano[0]).toBe(deposit);
    unlockDeposit(u, 0, 2 * DAY);
    expect(uc.depositNano[0]).toBe(0);
    expect(u.withdrawnNano - before).toBe(deposit);
  });

  it('skip a session when the price after gas is above their willingness, and use it when it is below', () => {
    const u = usersWith({ churnOnDearProb: 0, gasPriceGwei: 1_000 }, 2);
    const uc = u.population.columns;
    const price = userPriceUsdPerGb(0.06, uc.faceTargetNano[0]!, u.gasNano);
    expect(price).toBeGreaterThan(0.06); // gas costs the user a share of every face value
    uc.willingnessUsdPerGb[0] = price * 0.999;
    startSession(u, 0, DAY, 0);
    expect(u.stats[STAT_TOO_DEAR]).toBe(1);
    expect(u.reqTime.length).toBe(0);
    uc.willingnessUsdPerGb[0] = price * 1.001;
    startSession(u, 0, DAY, 0);
    expect(u.reqTime.length).toBe(1);
  });

  it('price a face value the client refuses (gas over 90 % of it) as unpayable', () => {
    expect(userPriceUsdPerGb(0.06, 100, 91)).toBe(Infinity);
    expect(userPriceUsdPerGb(0.06, 100, 90)).toBeCloseTo(0.6, 12);
  });

  it('let the client pick again when a pick lands on a stake with a delay under 90 days, and never connect to it', () => {
    const u = usersWith({ pickRetries: 5 }, 1);
    const tree = createStakeTree();
    push(tree, 0, 0, 3_000, MIN_CLIENT_STAKE_DELAY_S - 1); // three quarters of the stake, too short a delay
    push(tree, 1, 1, 1_000, MIN_CLIENT_STAKE_DELAY_S);
    readPublicState(u, snapshotTree(tree), Uint8Array.of(1, 1), 0.06, 1);
    let found = 0;
    for (let k = 0; k < 2_000; k++) {
      const r = pickServingRelay(u);
      expect(r).not.toBe(0);
      if (r === 1) found++;
    }
    // A connection fails only when all 5 picks abort: 0.75^5 = 23.7 % of attempts.
    expect(found / 2_000).toBeGreaterThan(1 - 0.237 - 0.04);
    expect(found / 2_000).toBeLessThan(1 - 0.237 + 0.04);
    expect(u.stats[STAT_ABORTED_PICKS]).toBeGreaterThan(0);
  });

  it('send max(1, ⌈usage / prepay⌉) tickets for a session, as the client tops up its prepaid credit', () => {
    // Step the client (client.cpp Invoice, via clientTopUpUsd) through a session in 256 KiB steps (the client's
    // update cadence) and count its tickets.
    const price = 0.06;
    const prepay = prepaidCreditUsd(price);
    for (const gb of [0.0001, 0.002, 0.01, 0.3, 1.7]) {
      const usage = gb * price;
      let credit = 0;
      let tickets = 0;
      let used = 0;
      const step = (price / 1024 / 1024) * 256;
      for (;;) {
        const top = clientTopUpUsd(credit, price);
        if (top > 0) {
          credit += top;
          tickets++;
        }
        if (used >= usage - 1e-15) break;
        const d = Math.min(step, usage - used);
        used += d;
        credit -= d;
      }
      expect(sessionTickets(usage, prepay)).toBe(tickets);
    }
  });

  it('never pay more than their balance, and the balance falls by exactly what the relay receives (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5e9 }),
        fc.integer({ min: 0, max: 5e10 }),
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (face, balance, gb, seed) => {
          const u = usersWith({ gasPriceGwei: 1 }, 1, seed);
          const uc = u.population.columns;
          uc.balanceNano[0] = balance;
          u.payoutNano.fill(0);
          paySession(u, 0, 1, gb, face, 0.06);
          expect(uc.balanceNano[0]).toBeGreaterThanOrEqual(0);
          expect(balance - uc.balanceNano[0]!).toBe(u.payoutNano[1]);
          expect(u.payoutNano[1]!).toBeLessThanOrEqual(balance);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are active after joining, with a deposit of twice their face value and balanceTickets face values', () => {
    const u = usersWith({ balanceTickets: 4 }, 3);
    const uc = u.population.columns;
    for (let i = 0; i < 3; i++) {
      expect(uc.state[i]).toBe(USER_ACTIVE);
      expect(uc.depositNano[i]).toBe(2 * uc.faceTargetNano[i]!);
      expect(uc.balanceNano[i]).toBe(Math.round(4 * uc.faceTargetNano[i]!));
    }
  });
});
