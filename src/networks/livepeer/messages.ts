/**
 * What crosses between shards and the market: plain data and typed arrays only (structured-cloneable), so shards
 * can later run on worker threads.
 */

/** Delegator actions (all-or-nothing: an agent always moves its whole holding, so it can never move more than it has). */
export const ACT_BOND = 1; // liquid -> bonded to target
export const ACT_SWITCH = 2; // bonded -> bonded to target (BondingManager.bond to a new delegate moves stake at once)
export const ACT_UNBOND = 3; // bonded -> unbonding lock of unbondingPeriod rounds

/** Orchestrator status as published. */
export const ORCH_OFF = 0; // not registered (a candidate, or left)
export const ORCH_REGISTERED = 1; // registered but outside the active set
export const ORCH_ACTIVE = 2; // in the active set this round

/** One shard's orders for one window. */
export interface LivepeerOrders {
  readonly shard: number;
  /** Delegator actions in the order they were decided: global holder id, ACT_*, target orchestrator (or -1). */
  readonly actId: Int32Array;
  readonly actKind: Uint8Array;
  readonly actTarget: Int32Array;
  /** Stream requests in time order. */
  readonly streamTime: Float64Array;
  readonly streamDurationS: Float64Array;
  /** Output pixels per second of the stream's rendition ladder (for the orchestrator's cost). */
  readonly streamPixelsPerS: Float64Array;
  /** Candidates in the order the broadcaster tries them, `candidatesPerStream` per stream, -1 padded. */
  readonly streamCandidates: Int32Array;
  /** Payments for the streams the market assigned in the previous window: winning tickets per orchestrator slot. */
  readonly winningTickets: Float64Array;
  /** The same payments' expected value (tickets sent x ticket EV), wei per orchestrator slot. */
  readonly ticketEvWei: Float64Array;
}

/** The public state every shard reads in the next window. */
export interface LivepeerPublic {
  /** Current round (the round the next window's orders are processed in). */
  readonly round: number;
  /** Minter.inflation, parts per 1e9 per round. */
  readonly inflationPpb: number;
  readonly supplyLpt: number;
  /** currentRoundTotalActiveStake in LPT. */
  readonly activeStakeLpt: number;
  /** Treasury cut rate in force (fraction). */
  readonly treasuryCut: number;
  /** Per orchestrator slot. */
  readonly orchStatus: Uint8Array;
  readonly orchStakeLpt: Float64Array;
  /** Integer wei per pixel (pricePerUnit with pixelsPerUnit = 1). */
  readonly orchPriceWei: Float64Array;
  readonly orchRewardCut: Float64Array;
  readonly orchFeeShare: Float64Array;
  readonly orchPerfScore: Float64Array;
  /** Cumulative reward factor / 1e27 (what a delegator's stake is scaled by). */
  readonly orchCrf: Float64Array;
  /** Smoothed share of rounds in which the orchestrator called reward(). */
  readonly orchRewardRate: Float64Array;
  /** Smoothed ETH of fees paid to the pool's delegators per LPT of pool stake per round. */
  readonly orchFeePerStakeEth: Float64Array;
  /** For the requests each shard posted in the window just cleared: the orchestrator serving it (-1 = rejected). */
  readonly assignedOrch: readonly Int32Array[];
  /** ... and its price per pixel in wei at assignment. */
  readonly assignedPriceWei: readonly Float64Array[];
}
