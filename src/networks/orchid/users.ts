import type { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import {
  STAT_ABORTED_PICKS,
  STAT_CHURNS,
  STAT_EXPIRED,
  STAT_JOINS,
  STAT_NO_PICK,
  STAT_NO_PICK_GB,
  STAT_PRICE_COUNT,
  STAT_PRICE_SUM,
  STAT_SESSIONS,
  STAT_SLOTS,
  STAT_TICKETS,
  STAT_TOO_DEAR,
  STAT_TOP_UPS,
  STAT_UNPAYABLE,
  STAT_WINNERS,
} from './messages.ts';
import type { OrchidConfig } from './params.ts';
import { canRecoverEscrow, clientCanPay, clientSelect, efficiency, maxFaceValue, type StakeTreeView, warnUnlockS } from './protocol.ts';
import { createSessionPayment, payWithTickets, type SessionPayment } from './tickets.ts';
import { nanoOfUsd, SECONDS_PER_DAY } from './units.ts';

/**
 * Users, the agent kind that buys bandwidth. Each holds an Orchid v1 account (balance and deposit, in nano-units of
 * the lottery's currency, exact) funded for a face value of its own; starts sessions as a Poisson process; checks
 * the price after the efficiency lost to gas against its willingness to pay; lets the client pick relays by stake
 * (with its retries); pays for what it was served with lottery tickets priced as the client prices them; tops up
 * when its balance runs out unless it remembers too many refusals; and leaves after a refusal or a price too dear at
 * stated rates, to be replaced later by a new user with a new account.
 */
export const USER_SCHEMA = {
  state: 'u8',
  /** Bumped when the user leaves, so its stale session timer is ignored. */
  generation: 'u32',
  balanceNano: 'f64',
  depositNano: 'f64',
  warnedNano: 'f64',
  unlockS: 'f64',
  /** The face value the account is funded for (deposit = 2 x face), nano. */
  faceTargetNano: 'f64',
  sessionsPerDay: 'f32',
  willingnessUsdPerGb: 'f32',
  /** EWMA of refused sessions (weight 1/userMemorySessions). */
  failMemory: 'f32',
} as const;

export const USER_AWAY = 0;
export const USER_ACTIVE = 1;

/** Event kinds of the users' queue, and their priority at equal times: joins and unlocks before sessions. */
export const EV_SESSION = 1;
export const EV_UNLOCK = 2;
export const EV_JOIN = 3;

/** One shard's users: their accounts, what they read of the public state, and what they post. */
export interface Users {
  readonly cfg: OrchidConfig;
  readonly start: number;
  readonly population: Population<typeof USER_SCHEMA>;
  readonly queue: EventQueue;
  readonly rngUsers: RandomStream;
  readonly rngSessions: RandomStream;
  readonly rngPicks: RandomStream;
  readonly rngTickets: RandomStream;
  readonly rngChoices: RandomStream;
  /** Gas of one redemption, nano (redeemGas x gasPriceGwei, whole). */
  readonly gasNano: number;
  /** Relays tried per session: 1 + retriesOnFull. */
  readonly candidates: number;
  /** Scratch: the relays picked for the session being started, and the payment of the session being paid. */
  readonly picked: Int32Array;
  readonly payment: SessionPayment;
  // what the users read this window
  tree: StakeTreeView;
  relayServing: Uint8Array;
  priceUsdPerGb: number;
  currencyUsd: number;
  // this window's requests
  readonly reqTime: Float64List;
  readonly reqGb: Float64List;
  readonly reqCandidates: Int32List;
  readonly reqUser: Int32List;
  readonly reqFaceNano: Float64List;
  readonly reqPrice: Float64List;
  // last window's requests, awaiting their assignment
  prevUser: Int32Array;
  prevGb: Float64Array;
  prevFaceNano: Float64Array;
  prevPrice: Float64Array;
  // this window's posts
  payoutNano: Float64Array;
  redemptions: Float64Array;
  gasPaidNano: Float64Array;
  picks: Float64Array;
  fundedNano: number;
  withdrawnNano: number;
  readonly stats: Float64Array;
  /** Users with an account now (kept as they join and leave). */
  active: number;
}

/** The users of shard `ctx.index`; each joins (opens its account) at t = 0. */
export function createUsers(cfg: OrchidConfig, ctx: ShardContext, queue: EventQueue): Users {
  const { start, end } = shardRange(cfg.users, ctx.index, ctx.count);
  const population = new Population(USER_SCHEMA, end - start);
  for (let id = start; id < end; id++) queue.push(0, 0, EV_JOIN, population.add());
  const empty = new Float64Array(0);
  return {
    cfg,
    start,
    population,
    queue,
    rngUsers: ctx.stream('users'),
    rngSessions: ctx.stream('sessions'),
    rngPicks: ctx.stream('picks'),
    rngTickets: ctx.stream('tickets'),
    rngChoices: ctx.stream('choices'),
    gasNano: Math.round(cfg.redeemGas * cfg.gasPriceGwei),
    candidates: 1 + cfg.retriesOnFull,
    picked: new Int32Array(1 + cfg.retriesOnFull),
    payment: createSessionPayment(),
    tree: { root: -1, before: empty, after: empty, amount: empty, delay: empty, left: new Int32Array(0), right: new Int32Array(0), stakee: new Int32Array(0) },
    relayServing: new Uint8Array(0),
    priceUsdPerGb: 0,
    currencyUsd: 1,
    reqTime: new Float64List(),
    reqGb: new Float64List(),
    reqCandidates: new Int32List(),
    reqUser: new Int32List(),
    reqFaceNano: new Float64List(),
    reqPrice: new Float64List(),
    prevUser: new Int32Array(0),
    prevGb: empty,
    prevFaceNano: empty,
    prevPrice: empty,
    payoutNano: empty,
    redemptions: empty,
    gasPaidNano: empty,
    picks: empty,
    fundedNano: 0,
    withdrawnNano: 0,
    stats: new Float64Array(STAT_SLOTS),
    active: 0,
  };
}

/** What the users read of a new public state: the directory, who serves, the price, the currency's price. */
export function readPublicState(u: Users, tree: StakeTreeView, relayServing: Uint8Array, priceUsdPerGb: number, currencyUsd: number): void {
  u.tree = tree;
  u.relayServing = relayServing;
  u.priceUsdPerGb = priceUsdPerGb;
  u.currencyUsd = currencyUsd;
  const n = relayServing.length;
  if (u.payoutNano.length !== n) {
    u.payoutNano = new Float64Array(n);
    u.redemptions = new Float64Array(n);
    u.gasPaidNano = new Float64Array(n);
    u.picks = new Float64Array(n);
  }
}

const lognormalAround = (rng: RandomStream, median: number, sigma: number) => median * Math.exp(sigma * rng.normal());

/**
 * A user opens an account (at t = 0, or a new user replacing one who left): fresh preferences, a deposit of twice
 * its face value and a balance of `balanceTickets` face values, bought with currency from outside the model.
 */
export function joinUser(u: Users, i: number, t: number): void {
  const uc = u.population.columns;
  const cfg = u.cfg;
  const r = u.rngUsers;
  const face = nanoOfUsd(lognormalAround(r, cfg.faceValueUsd, cfg.faceValueSigma), u.currencyUsd);
  uc.faceTargetNano[i] = Math.max(1, face);
  uc.sessionsPerDay[i] = lognormalAround(r, cfg.sessionsPerDay, cfg.activitySigma);
  uc.willingnessUsdPerGb[i] = lognormalAround(r, cfg.willingnessUsdPerGb, cfg.willingnessSigma);
  uc.failMemory[i] = 0;
  uc.state[i] = USER_ACTIVE;
  u.active++;
  // The deposit is a whole even number of nano, so (deposit − warned)/2 is the contract's to the wei.
  const deposit = 2 * uc.faceTargetNano[i]!;
  const balance = Math.round(cfg.balanceTickets * uc.faceTargetNano[i]!);
  uc.depositNano[i] = uc.depositNano[i]! + deposit;
  uc.balanceNano[i] = uc.balanceNano[i]! + balance;
  u.fundedNano += deposit + balance;
  u.stats[STAT_JOINS]!++;
  scheduleSession(u, i, t);
}

function scheduleSession(u: Users, i: number, t: number): void {
  const rate = u.population.columns.sessionsPerDay[i]!;
  if (!(rate > 0)) return;
  u.queue.push(t + u.rngSessions.exponential(SECONDS_PER_DAY / rate), 1, EV_SESSION, i, u.population.columns.generation[i]!);
}

/**
 * The user's price per GB after the share of each ticket lost to gas: the oracle price / efficiency (the face it pays
 * per unit of expected value net of gas); Infinity where the client refuses to price a ticket at all.
 */
export function userPriceUsdPerGb(priceUsdPerGb: number, faceNano: number, gasNano: number): number {
  if (!clientCanPay(BigInt(faceNano), BigInt(gasNano))) return Infinity;
  return priceUsdPerGb / efficiency(faceNano, gasNano);
}

/** The account's usable face value (client1.cpp Pot::usable), nano. */
export function usableFaceNano(u: Users, i: number): number {
  const uc = u.population.columns;
  return Number(maxFaceValue(BigInt(uc.balanceNano[i]!), BigInt(uc.depositNano[i]!), BigInt(uc.warnedNano[i]!)));
}

/**
 * A session event. Stale timers (the user left since) are ignored. The user tops up a balance that no longer backs a
 * full face value (or leaves, if it remembers too many refusals); skips the session when the price after gas is above
 * its willingness (leaving with probability churnOnDearProb); otherwise lets the client pick up to `candidates` relays
 * and posts the request.
 */
export function startSession(u: Users, i: number, t: number, generation: number): void {
  const uc = u.population.columns;
  const cfg = u.cfg;
  if (uc.state[i] !== USER_ACTIVE || uc.generation[i] !== generation) return;
  u.stats[STAT_SESSIONS]!++;
  if (uc.balanceNano[i]! < uc.faceTargetNano[i]!) {
    if (!topsUp(uc.failMemory[i]!, cfg.topUpMaxFailShare)) {
      leave(u, i, t);
      return;
    }
    const add = Math.round(cfg.balanceTickets * uc.faceTargetNano[i]!) - uc.balanceNano[i]!;
    uc.balanceNano[i] = uc.balanceNano[i]! + add;
    u.fundedNano += add;
    u.stats[STAT_TOP_UPS]!++;
  }
  scheduleSession(u, i, t);
  const face = usableFaceNano(u, i);
  const price = userPriceUsdPerGb(u.priceUsdPerGb, face, u.gasNano);
  if (!(price <= uc.willingnessUsdPerGb[i]!)) {
    u.stats[price === Infinity ? STAT_UNPAYABLE : STAT_TOO_DEAR]!++;
    if (u.rngChoices.next() < cfg.churnOnDearProb) leave(u, i, t);
    return;
  }
  u.stats[STAT_PRICE_SUM]! += price;
  u.stats[STAT_PRICE_COUNT]!++;
  const gb = u.rngSessions.exponential(cfg.gbPerSession);
  let found = 0;
  const picked = u.picked;
  for (let c = 0; c < u.candidates; c++) {
    picked[c] = pickServingRelay(u);
    if (picked[c]! >= 0) found++;
  }
  if (found === 0) {
    // Every pick aborted: the client never connected, and the session is refused here (nothing is posted).
    u.stats[STAT_NO_PICK]!++;
    u.stats[STAT_NO_PICK_GB]! += gb;
    refused(u, i, t);
    return;
  }
  for (let c = 0; c < u.candidates; c++) u.reqCandidates.push(picked[c]!);
  u.reqTime.push(t);
  u.reqGb.push(gb);
  u.reqUser.push(i);
  u.reqFaceNano.push(face);
  u.reqPrice.push(u.priceUsdPerGb);
}

/** Whether a user whose balance ran out tops up: when its remembered share of refused sessions is at most `maxFailShare`. */
export function topsUp(failMemory: number, maxFailShare: number): boolean {
  return failMemory <= maxFailShare;
}

/** A uniform uint128 from four 32-bit draws (the client's percent). */
function percent128(r: RandomStream): bigint {
  return (BigInt(r.nextU32()) << 96n) | (BigInt(r.nextU32()) << 64n) | (BigInt(r.nextU32()) << 32n) | BigInt(r.nextU32());
}

/**
 * One connection attempt as the client makes it: pick by stake (network.cpp Select), and pick again when the pick
 * aborts — a delay under the client minimum, or a relay that no longer serves — up to `pickRetries` picks.
 * Returns the relay, or -1 when every pick aborted.
 */
export function pickServingRelay(u: Users): number {
  if (u.tree.root < 0) return -1;
  const minDelayS = u.cfg.minClientDelayDays * SECONDS_PER_DAY;
  for (let a = 0; a < u.cfg.pickRetries; a++) {
    const r = clientSelect(u.tree, percent128(u.rngPicks), minDelayS);
    if (r >= 0 && u.relayServing[r] === 1) {
      u.picks[r]!++;
      return r;
    }
    if (r >= 0) u.picks[r]!++;
    u.stats[STAT_ABORTED_PICKS]!++;
  }
  return -1;
}

/** A refused session: the user remembers it, and leaves with probability churnOnRejectProb. */
function refused(u: Users, i: number, t: number): void {
  const uc = u.population.columns;
  const w = 1 / u.cfg.userMemorySessions;
  uc.failMemory[i] = (1 - w) * uc.failMemory[i]! + w;
  if (u.rngChoices.next() < u.cfg.churnOnRejectProb) leave(u, i, t);
}

function served(u: Users, i: number): void {
  const uc = u.population.columns;
  uc.failMemory[i] = (1 - 1 / u.cfg.userMemorySessions) * uc.failMemory[i]!;
}

/**
 * A user leaves: it takes its balance out at once (edit_ retrieve), warns its whole deposit, which unlocks `day_` later
 * (unlockDelayHours), and is replaced by a new user after an exponential time with mean rejoinDays (no sooner than the
 * unlock).
 */
export function leave(u: Users, i: number, t: number): void {
  const uc = u.population.columns;
  if (uc.state[i] !== USER_ACTIVE) return;
  u.withdrawnNano += uc.balanceNano[i]!;
  uc.balanceNano[i] = 0;
  uc.warnedNano[i] = uc.depositNano[i]!;
  uc.unlockS[i] = warnUnlockS(t, u.cfg.unlockDelayHours * 3600);
  uc.state[i] = USER_AWAY;
  u.active--;
  uc.generation[i] = uc.generation[i]! + 1;
  u.stats[STAT_CHURNS]!++;
  u.queue.push(uc.unlockS[i]!, 0, EV_UNLOCK, i);
  u.queue.push(Math.max(uc.unlockS[i]!, t + u.rngUsers.exponential(u.cfg.rejoinDays * SECONDS_PER_DAY)), 0, EV_JOIN, i);
}

/** The escrow of a user who left unlocks: it is recovered (edit_ with adjust < 0, once unlock − 1 < now). */
export function unlockDeposit(u: Users, i: number, t: number): void {
  const uc = u.population.columns;
  if (uc.warnedNano[i] === 0 || !canRecoverEscrow(uc.unlockS[i]!, t)) return;
  u.withdrawnNano += uc.depositNano[i]!;
  uc.depositNano[i] = 0;
  uc.warnedNano[i] = 0;
  uc.unlockS[i] = 0;
}

/**
 * Last window's requests come back assigned: a served session is paid with tickets (its winners drawn here, each
 * claimed for min(face, balance) and redeemed when the payout covers the gas); a refused one is remembered, and the
 * user may leave.
 */
export function settleRequests(u: Users, assigned: Int32Array | undefined, t: number): void {
  const n = u.prevUser.length;
  if (n === 0) return;
  if (!assigned || assigned.length !== n) throw new Error(`orchid users: ${n} requests posted, ${assigned?.length ?? 0} assignments published`);
  for (let k = 0; k < n; k++) {
    const i = u.prevUser[k]!;
    const r = assigned[k]!;
    if (r < 0) refused(u, i, t);
    else {
      served(u, i);
      paySession(u, i, r, u.prevGb[k]!, u.prevFaceNano[k]!, u.prevPrice[k]!);
    }
  }
}

/** Pays relay r for `gb` at `priceUsdPerGb` from user i's account, with tickets of face `faceNano` (tickets.ts). */
export function paySession(u: Users, i: number, r: number, gb: number, faceNano: number, priceUsdPerGb: number): void {
  const uc = u.population.columns;
  const p = u.payment;
  payWithTickets(u.rngTickets, gb * priceUsdPerGb, priceUsdPerGb, u.currencyUsd, faceNano, uc.balanceNano[i]!, u.gasNano, p);
  uc.balanceNano[i] = uc.balanceNano[i]! - p.payoutNano;
  u.payoutNano[r] = u.payoutNano[r]! + p.payoutNano;
  u.gasPaidNano[r] = u.gasPaidNano[r]! + p.redemptions * u.gasNano;
  u.redemptions[r] = u.redemptions[r]! + p.redemptions;
  u.stats[STAT_TICKETS]! += p.tickets;
  u.stats[STAT_WINNERS]! += p.winners;
  u.stats[STAT_EXPIRED]! += p.winners - p.redemptions;
}

/** Moves this window's requests to `prev*` (they come back assigned next window) and returns them for the orders. */
export function takeRequests(u: Users): { reqTime: Float64Array; reqGb: Float64Array; reqCandidates: Int32Array } {
  u.prevUser = u.reqUser.take();
  u.prevFaceNano = u.reqFaceNano.take();
  u.prevPrice = u.reqPrice.take();
  const reqGb = u.reqGb.take();
  u.prevGb = reqGb;
  return { reqTime: u.reqTime.take(), reqGb, reqCandidates: u.reqCandidates.take() };
}
