import { readPair } from '../../engine/fixed-point-pairs.ts';
import { AUCTION, type Keepers } from './keepers.ts';
import { daiDebt, type Ledger, surplus } from './ledger.ts';
import { type Liquidations, liveAuctions } from './liquidations.ts';
import type { MakerOrders } from './messages.ts';
import { WAD_PAIR } from './terms.ts';
import { daiUsd } from './venues.ts';

/** Running tallies the market books as it clears (peg statistics, arbitrage volume, owners' actions, keepers in and out). */
export interface MakerCounters {
  timeOutside1pctS: number;
  timeS: number;
  pegDeviationMax: number;
  arbitrageVolumeDai: number;
  vaultsUnsafe: number;
  /** Σ max(0, debt − collateral at the market price) over the vaults reported unsafe at the last clear, DAI. */
  underwaterDebtDai: number;
  ownerActions: number;
  keeperEntries: number;
  keeperExits: number;
  lastReviewDay: number;
}

export function createCounters(): MakerCounters {
  return {
    timeOutside1pctS: 0,
    timeS: 0,
    pegDeviationMax: 0,
    arbitrageVolumeDai: 0,
    vaultsUnsafe: 0,
    underwaterDebtDai: 0,
    ownerActions: 0,
    keeperEntries: 0,
    keeperExits: 0,
    lastReviewDay: 0,
  };
}

/** Books DAI's deviation from the peg over a window of `dtS` seconds ending at the clear. */
export function bookPeg(c: MakerCounters, price: number, dtS: number): void {
  const dev = Math.abs(price - 1);
  c.timeS += dtS;
  if (dev > 0.01) c.timeOutside1pctS += dtS;
  if (dev > c.pegDeviationMax) c.pegDeviationMax = dev;
}

/**
 * Σ max(0, art · rate − ink · ETH/USD) over the vaults the shards report unsafe, DAI (the vaults liquidated at this
 * clear were reported too: what they lacked shows up again in bad_debt_dai when their auctions end).
 */
export function underwaterDebtDai(orders: readonly MakerOrders[], rate: bigint, ethUsd: number): number {
  const rateD = Number(rate) / 1e27;
  let sum = 0;
  for (const o of orders)
    for (let u = 0; u < o.unsafeVault.length; u++) {
      const ink = Number(readPair(o.unsafeState, 4 * u, WAD_PAIR)) / 1e18;
      const art = Number(readPair(o.unsafeState, 4 * u + 2, WAD_PAIR)) / 1e18;
      sum += Math.max(0, art * rateD - ink * ethUsd);
    }
  return sum;
}

/** Every metric of the Maker network, in column order, with its definition. */
export const MAKER_METRICS = {
  dai_price: "DAI's price on the venues: the DAI/USDC constant-product pool's mid price, USD.",
  peg_time_outside_1pct: 'Share of time since t = 0 with DAI more than 1 % from $1 (measured at every clear).',
  peg_deviation_max: 'Largest |DAI price − 1| since t = 0, at the clears.',
  collateral_ratio_system: 'ETH in vaults at the market price over the vaults’ debt (Ink · ETH/USD / Art · rate).',
  vaults_unsafe: 'Vaults unsafe at the last clear (ink · spot < art · rate at the OSM’s spot).',
  auctions_started: 'Collateral auctions started since t = 0 (barks or bites).',
  auctions_done: 'Collateral auctions finished since t = 0.',
  auctions_live: 'Collateral auctions running now.',
  zero_bid_auctions: 'Finished auctions that raised less than 1 DAI.',
  zero_bid_share: 'zero_bid_auctions / auctions_done.',
  zero_bid_collateral_usd: 'Collateral sold by auctions that raised less than 1 DAI, at the market price when sold, USD.',
  bad_debt_dai: 'Debt left uncovered by finished auctions: Σ max(0, debt of the vault − DAI raised), DAI.',
  underwater_debt_dai:
    'Debt of unsafe vaults not yet liquidated beyond their collateral at the market price: Σ max(0, art · rate − ink · ETH/USD), DAI (what no auction can cover once they are liquidated).',
  shortfall_dai: 'bad_debt_dai + underwater_debt_dai: debt the system has lost or stands to lose, DAI.',
  liquidation_penalty_paid_dai: 'Penalty actually collected: Σ max(0, DAI raised − debt of the vault), DAI.',
  collateral_given_away_usd: 'ETH bought in auctions at the market price less the DAI paid for it, USD (what vault owners lost beyond the penalty).',
  keeper_incentives_dai: 'Liquidation 2.0 incentives paid to keepers (tip + chip · tab on kicks and paid redos), DAI.',
  keeper_profit_dai: 'All keepers’ net profit since t = 0 (earnings − gas − bot costs), DAI.',
  keeper_profit_dai_auction: 'Auction keepers’ net profit since t = 0 (incentives + collateral bought under the market − gas − bot costs), DAI.',
  keeper_profit_dai_arbitrage: 'Arbitrage keepers’ net profit since t = 0 (spreads − gas − bot costs), DAI.',
  auction_keepers_active: 'Auction keepers running now.',
  arb_keepers_active: 'Arbitrage keepers running now.',
  arbitrage_volume_dai: 'DAI traded by arbitrage keepers since t = 0.',
  dai_supply: 'DAI in existence: Σ vault debt + PSM debt + the Vow’s sin (the Vat’s debt), DAI.',
  dsr_share: 'Share of DAI supply in the DSR (Pie · chi / supply).',
  surplus_dai: 'The Vow’s surplus: DAI it holds − its sin (negative: a deficit for debt auctions to cover), DAI.',
  psm_usdc: 'USDC in the PSM.',
  osm_eth_usd: 'The OSM’s current ETH price (what the Spot and Clipper read; one hop behind the market).',
} as const;

export type MakerMetricName = keyof typeof MAKER_METRICS;

/** A RAD amount in DAI (truncated to 1e-18 DAI; exact for negatives too). */
const rad = (x: bigint) => Number(x / 10n ** 27n) / 1e18;
const wad = (x: bigint) => Number(x) / 1e18;

export function sampleMetrics(l: Ledger, k: Keepers, liq: Liquidations, c: MakerCounters, ethUsd: number): Record<MakerMetricName, number> {
  const price = daiUsd(l);
  const supply = rad(daiDebt(l));
  let auctionProfit = 0;
  let arbProfit = 0;
  let auctionActive = 0;
  let arbActive = 0;
  for (let j = 0; j < k.n; j++) {
    const net = k.earnedUsd[j]! - k.gasUsd[j]! - k.botUsd[j]!;
    if (k.kind[j] === AUCTION) auctionProfit += net;
    else arbProfit += net;
    if (k.active[j]) {
      if (k.kind[j] === AUCTION) auctionActive++;
      else arbActive++;
    }
  }
  const debt = rad(l.Art * l.rate);
  const t = liq.tallies;
  return {
    dai_price: price,
    peg_time_outside_1pct: c.timeS > 0 ? c.timeOutside1pctS / c.timeS : 0,
    peg_deviation_max: c.pegDeviationMax,
    collateral_ratio_system: debt > 0 ? (wad(l.Ink) * ethUsd) / debt : 0,
    vaults_unsafe: c.vaultsUnsafe,
    auctions_started: t.started,
    auctions_done: t.done,
    auctions_live: liveAuctions(liq).count,
    zero_bid_auctions: t.zeroBid,
    zero_bid_share: t.done > 0 ? t.zeroBid / t.done : 0,
    zero_bid_collateral_usd: t.zeroBidCollateralUsd,
    bad_debt_dai: t.badDebtDai,
    underwater_debt_dai: c.underwaterDebtDai,
    shortfall_dai: t.badDebtDai + c.underwaterDebtDai,
    liquidation_penalty_paid_dai: t.penaltyDai,
    collateral_given_away_usd: t.collateralGivenAwayUsd,
    keeper_incentives_dai: t.incentiveDai,
    keeper_profit_dai: (auctionProfit + arbProfit) / price,
    keeper_profit_dai_auction: auctionProfit / price,
    keeper_profit_dai_arbitrage: arbProfit / price,
    auction_keepers_active: auctionActive,
    arb_keepers_active: arbActive,
    arbitrage_volume_dai: c.arbitrageVolumeDai,
    dai_supply: supply,
    dsr_share: supply > 0 ? rad(l.Pie * l.chi) / supply : 0,
    surplus_dai: rad(surplus(l)),
    psm_usdc: wad(l.psmArt),
    osm_eth_usd: wad(l.osmCur),
  };
}
