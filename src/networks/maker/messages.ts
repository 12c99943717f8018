/**
 * What crosses between shards and the market: plain data and typed arrays (structured-cloneable). Exact WAD amounts
 * travel as signed pairs of doubles (unit WAD_PAIR in terms.ts: v = hi · 10^12 + lo); RAY and RAD values the market
 * publishes travel as decimal strings.
 */

/** What outside capital asks of the market (capital-port.ts), in the order the shard's investors asked. */
export type PortOrder =
  | { readonly kind: 'enter'; readonly position: number; readonly role: 'auction-keeper' | 'arbitrage-keeper'; readonly usd: number }
  | { readonly kind: 'exit'; readonly position: number };

/** What the market reports of each port position it holds (per shard, by position id). */
export interface PortReport {
  readonly position: number;
  /** Keeper slot (-1: refused, no slot free). */
  readonly slot: number;
  /** Capital working (DAI and ETH at market prices, USD), and USD released to the investor (on exit). */
  readonly activeUsd: number;
  readonly releasedUsd: number;
  /** Frictions so far: gas paid, bot running costs. */
  readonly gasUsd: number;
  readonly botUsd: number;
  /** Lost to the pools' fees and price when buying DAI on entry and selling it on exit (DAI at face value $1). */
  readonly tradingUsd: number;
  /** Earnings so far (incentives, collateral bought under the market price, arbitrage spreads), USD. */
  readonly earningsUsd: number;
  readonly closed: boolean;
}

export interface MakerOrders {
  readonly shard: number;
  /** Owners' vault changes in the window, in time order: the vault's index in the shard, and (dink, dart) as signed pairs. */
  readonly actVault: Int32Array;
  readonly actDelta: Float64Array;
  /** Vault indices below this are owners'; from it on, investors' (their Dai is held, not traded on the pools). */
  readonly regularVaults: number;
  /** Vaults unsafe at the window's end (ink · spot < art · rate at the published spot and rate): index, then (ink, art) pairs. */
  readonly unsafeVault: Int32Array;
  readonly unsafeState: Float64Array;
  /** Global ids of the unsafe vaults (for first-seen times in the market). */
  readonly unsafeId: Int32Array;
  readonly port?: readonly PortOrder[];
}

export interface MakerPublic {
  /** Vat ilk ETH-A: rate and spot [ray], dust [rad], as decimal strings. */
  readonly rate: string;
  readonly spot: string;
  readonly dust: string;
  /** The world's ETH price (USD) at the clear, and the OSM's current price. */
  readonly ethUsd: number;
  readonly osmUsd: number;
  /** DAI's price on the venues (DAI/USDC pool mid, USD). */
  readonly daiUsd: number;
  readonly stabilityFee: number;
  /** The PSM’s fees as fractions (0 without a PSM). */
  readonly psmTin: number;
  readonly psmTout: number;
  readonly dsr: number;
  /** New debt each shard may draw in the next window (its share of the room under the ceilings), DAI. */
  readonly drawRoomDai: number;
  /** Dai each shard's owners may buy from holders to repay in the next window (half of holders' float and Pot, over K). */
  readonly repayRoomDai: number;
  /** Per shard: vaults grabbed at this clear: [index, dink hi, dink lo, dart hi, dart lo] × n (undefined: none). */
  readonly grabs: readonly (Float64Array | undefined)[];
  /** Per shard: the market's report of its investors' keeper positions. */
  readonly portReports: readonly (readonly PortReport[] | undefined)[];
  /** What a keeper has earned per day, net of gas and bot costs, recently (USD): what an investor sees before entering. */
  readonly auctionKeeperReturnUsdPerDay: number;
  readonly arbKeeperReturnUsdPerDay: number;
}
