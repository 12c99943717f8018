/**
 * What crosses between shards and the market: plain data and typed arrays only (structured-cloneable), so shards
 * can later run on worker threads.
 */

/** Holders' transactions, counted per window (a holder moves any part of what it holds, never more). */
export const ACT_BOND = 1; // liquid -> bonded to target
export const ACT_SWITCH = 2; // bonded -> bonded to target (BondingManager.bond to a new delegate moves stake at once)
export const ACT_UNBOND = 3; // bonded -> unbonding lock of unbondingPeriod rounds (all or part of the stake)
export const ACT_WITHDRAW = 4; // a matured lock withdrawn (BondingManager.withdrawStake)
export const ACT_SLOTS = 5;

/** Slots of LivepeerOrders.ledgerWei. */
export const LEDGER_LIQUID_TO_BONDED = 0;
export const LEDGER_BONDED_TO_UNBONDING = 1;
/** The part of LIQUID_TO_BONDED that holders bonded for the first time (it leaves the never-bonded holdings). */
export const LEDGER_FIRST_BONDED = 2;
/** LPT holders sold: from their wallets to the exchange's float. */
export const LEDGER_LIQUID_TO_EXCHANGE = 3;
export const LEDGER_SLOTS = 4;

/** Job kinds: transcoding a stream, or an AI inference job. */
export const JOB_VIDEO = 0;
export const JOB_AI = 1;

/** Orchestrator status as published. */
export const ORCH_OFF = 0; // not registered (a candidate, or left)
export const ORCH_REGISTERED = 1; // registered but outside the active set
export const ORCH_ACTIVE = 2; // in the active set this round

/**
 * What outside capital asks of the market (src/networks/livepeer/capital-port.ts), in the order the shard's investors
 * asked: buy LPT with USD (to bond as a delegator, or as the self-stake of an orchestrator the investor runs), sell
 * LPT (exact wei, decimal), or stop running an orchestrator. `position` is the position's id in its shard.
 */
export type PortOrder =
  | { readonly kind: 'buy'; readonly position: number; readonly role: 'delegator' | 'orchestrator'; readonly usd: number; readonly hardwareUsd: number }
  | { readonly kind: 'sell'; readonly position: number; readonly wei: string }
  | { readonly kind: 'close'; readonly position: number; readonly slot: number };

/** What the market did with a shard's port orders (and with the orchestrators investors run), for that shard to read. */
export type PortEvent =
  /** A buy for a delegator filled: `wei` LPT (decimal), the fee, and the USD not spent (the exchange ran short). */
  | { readonly kind: 'filled'; readonly position: number; readonly wei: string; readonly feeUsd: number; readonly refundUsd: number }
  /** An orchestrator the investor runs was registered in `slot` with `wei` of self-stake. */
  | { readonly kind: 'opened'; readonly position: number; readonly slot: number; readonly wei: string; readonly feeUsd: number; readonly refundUsd: number }
  /** A buy was refused (no LPT on the exchange, or no free orchestrator slot): all of it comes back. */
  | { readonly kind: 'refused'; readonly position: number; readonly refundUsd: number; readonly reason: string }
  /** LPT sold: USD after the fee. */
  | { readonly kind: 'sold'; readonly position: number; readonly usd: number; readonly feeUsd: number }
  /** An orchestrator the investor ran is wound up: its self-stake (withdrawn after the unbonding period) sold, its net ETH income paid. */
  | { readonly kind: 'returned'; readonly position: number; readonly wei: string; readonly usd: number; readonly feeUsd: number; readonly incomeUsd: number };

/** One shard's orders for one window. */
export interface LivepeerOrders {
  readonly shard: number;
  /** Outside capital's requests, when there are any. */
  readonly port?: readonly PortOrder[];
  /**
   * The exact effect (wei) of this window's delegator actions, which the shard computed from the holders' ledger
   * entries it owns (BondingManager's claim with EarningsPoolLIP36.delegatorCumulativeStake), as pairs of doubles
   * (src/engine/fixed-point-pairs.ts writeSignedPair, unit WEI_PAIR: v = hi * 10^12 + lo): `poolDelta[2j], [2j + 1]` the net change of pool j's total stake, and
   * `ledgerWei[2 LEDGER_*], [2 LEDGER_* + 1]` the amounts that moved between liquid, bonded and unbonding (every
   * unbond of the window matures at round + unbondingPeriod). A pool delta too large for a pair is 0 there and goes
   * in `poolDeltaBig` as [pool, decimal wei] pairs; likewise `ledgerBig`.
   */
  readonly poolDelta: Float64Array;
  readonly poolDeltaBig?: readonly string[];
  readonly ledgerWei: Float64Array;
  /** When a ledger move is too large for a pair: all LEDGER_SLOTS moves as decimal wei (ledgerWei is then zeros). */
  readonly ledgerBig?: readonly string[];
  /** Holders' transactions in the window, by kind (ACT_* at indices 1..4). */
  readonly actCounts: Int32Array;
  /** Holders with bonded stake at the window's end. */
  readonly bondedHolders: number;
  /** Holders' purchases from the exchange, in the order asked: wei as pairs (WEI_PAIR); the market fills them in order. */
  readonly buyWei: Float64Array;
  /** Job requests (streams and AI jobs) in time order. */
  readonly streamTime: Float64Array;
  readonly streamDurationS: Float64Array;
  /** JOB_VIDEO or JOB_AI. */
  readonly streamKind: Uint8Array;
  /** Units of the price per second: output pixels per second of the ladder (video), 1 (AI: priced per second). */
  readonly streamUnitsPerS: Float64Array;
  /** The broadcaster's price cap in wei per unit (Infinity: none), for a refreshed pool. */
  readonly streamMaxPriceWei: Float64Array;
  /** Candidates in the order the broadcaster tries them, `candidatesPerStream` per request, -1 padded. */
  readonly streamCandidates: Int32Array;
  /** Payments for the requests the market assigned in the previous window: winning tickets per orchestrator slot, per kind. */
  readonly winningTickets: Float64Array;
  readonly aiWinningTickets: Float64Array;
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
  /** Integer wei per pixel (pricePerUnit with pixelsPerUnit = 1), from the orchestrator's USD price at the round's ETH price. */
  readonly orchPriceWei: Float64Array;
  /** Wei per GPU-second of AI (0: no AI capability). */
  readonly orchAiPriceWei: Float64Array;
  readonly orchRewardCut: Float64Array;
  readonly orchFeeShare: Float64Array;
  readonly orchPerfScore: Float64Array;
  /** Cumulative reward factor / 1e27 (what a delegator's stake is scaled by). */
  readonly orchCrf: Float64Array;
  /**
   * The same, exact: EarningsPoolLIP36 cumulativeRewardFactor (1e27 fixed point) as pairs (hi, lo) with
   * crf = hi * 10^15 + lo; hi is NaN for a factor too large for a pair, which is then in orchCrfBig (decimal).
   */
  readonly orchCrfExact: Float64Array;
  readonly orchCrfBig?: readonly string[];
  /** Smoothed share of rounds in which the orchestrator called reward(). */
  readonly orchRewardRate: Float64Array;
  /** Smoothed ETH of fees paid to the pool's delegators per LPT of pool stake per round (from the cumulative fee factor). */
  readonly orchFeePerStakeEth: Float64Array;
  /** Per shard: the wei (pairs) the market filled of its holders' purchases in the window just cleared (undefined: none asked). */
  readonly buyFilled: readonly (Float64Array | undefined)[];
  /** For the requests each shard posted in the window just cleared: the orchestrator serving it (-1 = rejected). */
  readonly assignedOrch: readonly Int32Array[];
  /** ... and its price per pixel in wei at assignment. */
  readonly assignedPriceWei: readonly Float64Array[];
  /** Per shard: what the market did with its port orders in the window just cleared (undefined: nothing). */
  readonly portEvents: readonly (readonly PortEvent[] | undefined)[];
  /**
   * Per orchestrator slot that investors can run: its self-stake in LPT (as a double, for valuation), and the net ETH
   * income (fees kept less transcoding, fixed and gas costs) it has earned since it was opened.
   */
  readonly investorSlotSelfLpt: Float64Array;
  readonly investorSlotIncomeEth: Float64Array;
  /** Index of the first slot investors can run (they are the last `investorOrchestratorSlots`). */
  readonly firstInvestorSlot: number;
}
