import { type OrchidOrders, STAT_PRICE_COUNT, STAT_PRICE_SUM, STAT_SLOTS, STAT_USERS_ACTIVE } from './messages.ts';
import type { WindowPayments } from './payments.ts';
import type { MatchOutcome } from './session-matching.ts';
import { SECONDS_PER_DAY } from './units.ts';

/**
 * Running tallies since t = 0 that the metrics read, booked by the market as it clears: the users' window counts
 * (STAT_* from their orders), what matching served and refused, what relays redeemed, and who entered and left.
 * `priceSum`/`priceCount` (the users' price after gas) cover the interval since the previous sample.
 */
export interface OrchidCounters {
  /** Σ of the shards' STAT_* counts since t = 0 (STAT_USERS_ACTIVE holds the last window's value). */
  readonly stats: Float64Array;
  gbServed: number;
  gbRejected: number;
  sessionsServed: number;
  sessionsRejected: number;
  payoutUsd: number;
  gasUsd: number;
  redemptions: number;
  relayEntries: number;
  relayExits: number;
  loansMade: number;
  loansWithdrawn: number;
  priceSum: number;
  priceCount: number;
  /** Bias-corrected EWMAs (value / weight, over memoryDays) of the network's lottery income net of gas (USD a day) and GB served a day. */
  emaIncome: number;
  emaGb: number;
  emaWeight: number;
}

export function createCounters(): OrchidCounters {
  return {
    stats: new Float64Array(STAT_SLOTS),
    gbServed: 0,
    gbRejected: 0,
    sessionsServed: 0,
    sessionsRejected: 0,
    payoutUsd: 0,
    gasUsd: 0,
    redemptions: 0,
    relayEntries: 0,
    relayExits: 0,
    loansMade: 0,
    loansWithdrawn: 0,
    priceSum: 0,
    priceCount: 0,
    emaIncome: 0,
    emaGb: 0,
    emaWeight: 0,
  };
}

/** Adds the users' window counts (STAT_*) of every shard; the active users are this window's, not a sum over time. */
export function bookUserStats(c: OrchidCounters, orders: readonly OrchidOrders[]): void {
  const st = c.stats;
  st[STAT_USERS_ACTIVE] = 0;
  for (const o of orders) {
    for (let k = 0; k < STAT_SLOTS; k++) st[k] = st[k]! + o.stats[k]!;
    c.priceSum += o.stats[STAT_PRICE_SUM]!;
    c.priceCount += o.stats[STAT_PRICE_COUNT]!;
  }
}

/** Books a window's matching and payments, and the network's income memory (what candidates and investors read). */
export function bookNetworkWindow(c: OrchidCounters, match: MatchOutcome, w: WindowPayments, dtS: number, memoryDays: number): void {
  c.gbServed += match.gbServed;
  c.gbRejected += match.gbRejected;
  c.sessionsServed += match.served;
  c.sessionsRejected += match.rejected;
  c.redemptions += w.redemptions;
  let income = 0;
  for (let i = 0; i < w.payoutUsd.length; i++) {
    c.payoutUsd += w.payoutUsd[i]!;
    c.gasUsd += w.gasUsd[i]!;
    income += w.grossUsd[i]!;
  }
  if (!(dtS > 0)) return;
  const dtDays = dtS / SECONDS_PER_DAY;
  const a = 1 - Math.exp(-dtDays / memoryDays);
  c.emaIncome = (1 - a) * c.emaIncome + (a * income) / dtDays;
  c.emaGb = (1 - a) * c.emaGb + (a * match.gbServed) / dtDays;
  c.emaWeight = (1 - a) * c.emaWeight + a;
}

/** The network's lottery income net of gas (USD a day) and GB served a day, as remembered; 0 before any window. */
export const networkIncomeUsdPerDay = (c: OrchidCounters): number => (c.emaWeight > 0 ? c.emaIncome / c.emaWeight : 0);
export const networkGbPerDay = (c: OrchidCounters): number => (c.emaWeight > 0 ? c.emaGb / c.emaWeight : 0);

/** Starts the next sampling interval. */
export function startSampleInterval(c: OrchidCounters): void {
  c.priceSum = 0;
  c.priceCount = 0;
}
