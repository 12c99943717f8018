import { STAT_SLOTS } from './messages.ts';

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
  };
}

/** Starts the next sampling interval. */
export function startSampleInterval(c: OrchidCounters): void {
  c.priceSum = 0;
  c.priceCount = 0;
}
