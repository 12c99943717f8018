/**
 * What crosses between shards and the market: plain data and typed arrays only (structured-cloneable), so shards can
 * run on worker threads.
 */

/** Provider status as published. */
export const PROVIDER_OFF = 0; // a candidate outside the network, or gone
export const PROVIDER_ACTIVE = 1; // proving, growing or holding, taking deals
export const PROVIDER_EXITING = 2; // letting its sectors expire (or terminating them), taking no deals

/** What a client hears back from the market about its request or its deal (`ClientNotice.kind`). */
export const NOTICE_REJECTED = 1; // no candidate took the request
export const NOTICE_ACCEPTED = 2; // a provider took it; the deal starts on `day` (its sectors must be sealed by then)
export const NOTICE_ACTIVE = 3; // the deal started on `day`'s eve with its sealed part and ends on `endDay`
export const NOTICE_CUT = 4; // the deal was dropped (not sealed in time) or its sectors were terminated

/**
 * What outside capital asks of the market (capital-port.ts): open a provider in one of the slots investors may run
 * (hardware bought for `capacityTib`, FIL for its pledge bought with the rest of `usd`), lend FIL to the pool, or close.
 * `position` is the position's id in its shard.
 */
export type PortOrder =
  | { readonly kind: 'open-provider'; readonly position: number; readonly usd: number; readonly capacityTib: number }
  | { readonly kind: 'lend'; readonly position: number; readonly usd: number }
  | { readonly kind: 'close-provider'; readonly position: number; readonly slot: number }
  | { readonly kind: 'withdraw-loan'; readonly position: number; readonly shares: number };

/** What the market did with a shard's port orders, for that shard to read. */
export type PortEvent =
  | { readonly kind: 'provider-opened'; readonly position: number; readonly slot: number; readonly feeUsd: number }
  | { readonly kind: 'lent'; readonly position: number; readonly shares: number; readonly feeUsd: number }
  | { readonly kind: 'refused'; readonly position: number; readonly refundUsd: number; readonly reason: string }
  /** An investor's provider finished winding up: its FIL sold (after fees), its hardware resold. */
  | {
      readonly kind: 'provider-closed';
      readonly position: number;
      readonly usd: number;
      readonly tradingFeeUsd: number;
      readonly hardwareUsd: number;
      readonly hardwareLossUsd: number;
    }
  /** Pool shares redeemed (at most for what the pool holds unlent), the FIL sold for USD. */
  | { readonly kind: 'withdrawn'; readonly position: number; readonly shares: number; readonly usd: number; readonly feeUsd: number };

/** One shard's orders for one window (a day). */
export interface FilecoinOrders {
  readonly shard: number;
  /** Storage requests in posting order: the client (index within the shard), data, term, price limit and kind. */
  readonly reqClient: Int32Array;
  readonly reqSizeTib: Float64Array;
  readonly reqDays: Float64Array;
  /** The client's price limit in FIL per TiB-year at the day's price. */
  readonly reqMaxPriceFil: Float64Array;
  readonly reqVerified: Uint8Array;
  /** 1 for a dataset's first request (demand), 0 for a retry or a renewal. */
  readonly reqFirst: Uint8Array;
  /** `candidatesPerRequest` providers per request, in the client's order of preference, -1 padded. */
  readonly reqCandidates: Int32Array;
  /** TiB of data whose clients gave up this window (demand not served). */
  readonly abandonedTib: number;
  readonly port?: readonly PortOrder[];
}

/** The public state every shard reads in the next window. */
export interface FilecoinPublic {
  /** Days since t = 0 of the window just cleared's end. */
  readonly day: number;
  /** FIL price in USD the market cleared at. */
  readonly filUsd: number;
  /** Smoothed block reward per epoch (FIL), network QA power (TiB) and its pledge per TiB of QA power (FIL). */
  readonly rewardPerEpochFil: number;
  readonly networkQaTib: number;
  readonly pledgePerQaTibFil: number;
  /** Per provider slot. */
  readonly providerStatus: Uint8Array;
  /** Ask for unverified and for Fil+ verified deals, FIL per TiB-year. */
  readonly providerAsk: Float64Array;
  readonly providerAskVerified: Float64Array;
  /** Share of deadlines proven over the provider's recent days (1 = never missed). */
  readonly providerReliability: Float32Array;
  /** Share of the provider's deal pieces never cut short (1 = none). */
  readonly providerReputation: Float32Array;
  /** TiB the provider can still take in deals. */
  readonly providerFreeTib: Float64Array;
  /** Per shard: notices to its clients, as (client, kind, day, endDay) quadruples. */
  readonly notices: readonly (Float64Array | undefined)[];
  /** Per shard: what the market did with its port orders. */
  readonly portEvents: readonly (readonly PortEvent[] | undefined)[];
  /** Index of the first provider slot investors can run (they are the last `investorProviderSlots`). */
  readonly firstInvestorSlot: number;
  /** Per investor slot: the provider's own FIL (available + locked, less what it owes) and the opex charged to its investor (USD). */
  readonly investorSlotFil: Float64Array;
  readonly investorSlotOpexUsd: Float64Array;
  /** The lending pool: FIL lent out and unlent, and the shares outstanding. */
  readonly poolLentFil: number;
  readonly poolUnlentFil: number;
  readonly poolShares: number;
}
