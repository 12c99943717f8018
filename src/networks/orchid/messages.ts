import type { StakeTreeView } from './protocol.ts';

/**
 * What crosses between shards and market: plain data and typed arrays only (structured-cloneable), so shards can run
 * on worker threads.
 */

/** Slots of OrchidOrders.stats: the users' window, counted in their shard. */
export const STAT_SESSIONS = 0; // sessions users wanted to start
export const STAT_TOO_DEAR = 1; // ... skipped because the price after gas was above the user's willingness
export const STAT_UNPAYABLE = 2; // ... skipped because the client refuses the ticket (gas over 90 % of the face value)
export const STAT_NO_PICK = 3; // ... with no serving relay among the picks (every pick aborted)
export const STAT_NO_PICK_GB = 4; // their GB
export const STAT_CHURNS = 5; // users who left
export const STAT_JOINS = 6; // users who opened an account (t = 0 and replacements)
export const STAT_ABORTED_PICKS = 7; // picks the client aborted (short delay or a relay that no longer serves)
export const STAT_TICKETS = 8; // tickets sent
export const STAT_WINNERS = 9; // winning tickets
export const STAT_EXPIRED = 10; // winning tickets not redeemed (the payout would not cover the gas), left to expire
export const STAT_USERS_ACTIVE = 11; // users with an account at the window's end
export const STAT_PRICE_SUM = 12; // Σ over sessions started of the user's price per GB after gas
export const STAT_PRICE_COUNT = 13;
export const STAT_TOP_UPS = 14;
export const STAT_SLOTS = 15;

/**
 * What outside capital asks of the market (capital-port.ts), in the order the shard's investors asked: open a
 * position with USD (run a relay, or lend stake), or close one. `position` is the position's id in its shard.
 */
export type PortOrder =
  | { readonly kind: 'open'; readonly position: number; readonly role: 'relay' | 'lender'; readonly usd: number }
  | { readonly kind: 'close'; readonly position: number; readonly slot: number };

/** What the market did with a shard's port orders and positions, for that shard to read. */
export type PortEvent =
  /** A position opened in `slot` (a relay slot, or a lender slot), with `micro` OXT bought and staked, the fee, and the USD not spent. */
  | { readonly kind: 'opened'; readonly position: number; readonly slot: number; readonly micro: number; readonly feeUsd: number; readonly refundUsd: number }
  /** Refused (no OXT on the exchange, no free slot, no relay to lend to): all of it comes back. */
  | { readonly kind: 'refused'; readonly position: number; readonly refundUsd: number; readonly reason: string }
  /** Closed: the OXT taken after the delay and sold (USD after the fee), and the position's net income paid out. */
  | { readonly kind: 'returned'; readonly position: number; readonly micro: number; readonly usd: number; readonly feeUsd: number; readonly incomeUsd: number };

/** One shard's orders for one window. */
export interface OrchidOrders {
  readonly shard: number;
  readonly port?: readonly PortOrder[];
  /** Session requests in time order: start time, GB, and `candidatesPerRequest` relays to try in order (-1 padded). */
  readonly reqTime: Float64Array;
  readonly reqGb: Float64Array;
  readonly reqCandidates: Int32Array;
  /** Payments for the sessions the market assigned last window, per relay: payouts redeemed (nano, whole), redemptions, their gas (nano). */
  readonly payoutNano: Float64Array;
  readonly redemptions: Float64Array;
  readonly gasNano: Float64Array;
  /** Directory picks landing on each relay in the window (including picks of relays that turn out full). */
  readonly picks: Float64Array;
  /** Currency that came into users' accounts from outside (funding, top-ups) and went back out (withdrawals), nano. */
  readonly fundedNano: number;
  readonly withdrawnNano: number;
  /** Counts, at the STAT_* slots. */
  readonly stats: Float64Array;
}

/** The public state every shard reads in the next window. */
export interface OrchidPublic {
  /** The client's bandwidth price (oracle, fallback, cap), USD per GB. */
  readonly priceUsdPerGb: number;
  /** The directory's stake tree, as `pick` reads it. */
  readonly tree: StakeTreeView;
  /** Per relay: 1 when it serves (staked and not exiting). A pick of a relay that does not serve fails to connect. */
  readonly relayServing: Uint8Array;
  /** For the requests each shard posted in the window just cleared: the relay serving it (-1 = refused everywhere). */
  readonly assigned: readonly Int32Array[];
  /** Per shard: what the market did with its port orders (undefined: nothing). */
  readonly portEvents: readonly (readonly PortEvent[] | undefined)[];
  /** Relays' lottery income net of gas, USD a day (EWMA over memoryDays): what candidates and investors read. */
  readonly networkIncomeUsdPerDay: number;
  /** Per relay: its lottery income net of gas per OXT staked on it, USD a day (EWMA): what lenders read. */
  readonly relayIncomePerOxtDay: Float64Array;
  /** Per investor slot (relay slots, then lender slots): OXT staked and pending (micro), and net income so far (USD). */
  readonly slotStakeMicro: Float64Array;
  readonly slotPendingMicro: Float64Array;
  readonly slotIncomeUsd: Float64Array;
  /** Index of the first relay investors can run (they are the last `investorRelaySlots` relays). */
  readonly firstInvestorRelay: number;
}
