import { swap } from '../../engine/constant-product.ts';
import { readPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import { Float64List } from '../../engine/typed-list.ts';
import { AUCTION, type Keepers, landingDelayS, payGas } from './keepers.ts';
import type { Ledger } from './ledger.ts';
import type { MakerOrders } from './messages.ts';
import { bark, catBite, catBiteLump, clipperKick, feedPrice, flipKick, RAY } from './protocol.ts';
import type { MakerTerms } from './terms.ts';
import { WAD_PAIR } from './terms.ts';

/** A Clipper take buys at most 1/MAX_SLICE_OF_POOL of the ETH/DAI pool's ETH (about a 4 % price impact). */
export const MAX_SLICE_OF_POOL = 50n;

/** Auctions are stepped every AUCTION_TICK_S seconds inside a window (keepers decide at ticks; transactions land at their own times). */
export const AUCTION_TICK_S = 30;

/** A collateral auction: a Clipper sale (Liquidation 2.0) or a Flipper bid (1.x). */
export interface Sale {
  readonly clip: boolean;
  readonly shard: number;
  readonly vault: number;
  tab: bigint;
  lot: bigint;
  readonly due: bigint;
  /** When it started, and its collateral then [wad]. */
  readonly startT: number;
  readonly lotStart: bigint;
  raised: bigint;
  /** The collateral sold so far, at the world's price when sold (USD). */
  soldUsd: number;
  // Clipper
  top: bigint;
  tic: number;
  redoPending: boolean;
  /** Landing time of the earliest take on its way (Infinity: none): other keepers see it in the mempool. */
  takeAt: number;
  // Flipper
  bid: bigint;
  guy: number;
  ticF: bigint;
  end: bigint;
  live: boolean;
}

/** A keeper's transaction on its way: it lands at `t` (gas paid then, whether or not it still succeeds). */
export interface Pending {
  readonly t: number;
  readonly keeper: number;
  readonly sale: number;
  readonly action: 'take' | 'tend' | 'dent' | 'redo';
  /** Take: the keeper's highest price [ray]; tend: the bid [rad]; dent: the lot [wad]. */
  readonly value: bigint;
  /** Take: the most collateral it buys (amt) [wad]. */
  readonly amount: bigint;
}

/** What the liquidations booked, for the metrics (Dai as doubles). */
export interface LiquidationTallies {
  started: number;
  done: number;
  zeroBid: number;
  /** Collateral sold by auctions that raised less than 1 DAI, at the world's price when sold (USD). */
  zeroBidCollateralUsd: number;
  badDebtDai: number;
  /** Debt the finished auctions were due to cover (tab), DAI: with badDebtDai, the liquidation service's demand served. */
  dueDai: number;
  penaltyDai: number;
  incentiveDai: number;
  collateralGivenAwayUsd: number;
  auctionProfitDai: number;
}

export interface Liquidations {
  readonly sales: Sale[];
  pending: Pending[];
  /** When each unsafe vault (global id) was first reported unsafe. */
  readonly firstSeen: Map<number, number>;
  readonly grabs: Float64List[];
  readonly tallies: LiquidationTallies;
}

export function createLiquidations(shards: number): Liquidations {
  return {
    sales: [],
    pending: [],
    firstSeen: new Map(),
    grabs: Array.from({ length: shards }, () => new Float64List()),
    tallies: {
      started: 0,
      done: 0,
      zeroBid: 0,
      zeroBidCollateralUsd: 0,
      badDebtDai: 0,
      dueDai: 0,
      penaltyDai: 0,
      incentiveDai: 0,
      collateralGivenAwayUsd: 0,
      auctionProfitDai: 0,
    },
  };
}

export interface LiqContext {
  readonly terms: MakerTerms;
  readonly gasGwei: number;
  readonly ethUsd: number;
  readonly daiUsd: number;
  readonly gasBark: number;
  readonly gasTake: number;
}

/** A RAD amount in DAI, as a double. */
export const dai = (rad: bigint) => Number(rad / 10n ** 27n) / 1e18;

/** The fastest running auction keeper whose transaction lands by `t` for a chance seen at `seen`, or −1. */
export function fastestKeeper(k: Keepers, seen: number, t: number, gasGwei: number): number {
  let best = -1;
  let bestAt = Infinity;
  for (let j = 0; j < k.n; j++) {
    if (!k.active[j] || k.kind[j] !== AUCTION) continue;
    const at = seen + landingDelayS(k, j, gasGwei);
    if (at <= t && at < bestAt) {
      bestAt = at;
      best = j;
    }
  }
  return best;
}

/**
 * Barks (Dog) or bites (Cat) at a clear: every vault the shards report unsafe is liquidated by the fastest keeper
 * whose transaction has landed since the vault was first seen unsafe (latency plus the gas strategy's delay), within
 * the limits (Hole/hole or box). The vault's ink and art are grabbed (published to its shard), its debt goes to the
 * Vow as sin, and an auction starts; under Liquidation 2.0 the keeper gets tip + chip · tab.
 */
export function liquidateUnsafe(liq: Liquidations, l: Ledger, k: Keepers, orders: readonly MakerOrders[], t: number, c: LiqContext): void {
  const seenNow = new Set<number>();
  const terms = c.terms;
  for (const o of orders) {
    for (let u = 0; u < o.unsafeVault.length; u++) {
      const id = o.unsafeId[u]!;
      seenNow.add(id);
      const seen = liq.firstSeen.get(id) ?? t;
      liq.firstSeen.set(id, seen);
      const keeper = fastestKeeper(k, seen, t, c.gasGwei);
      if (keeper < 0) continue;
      const v = { ink: readPair(o.unsafeState, 4 * u, WAD_PAIR), art: readPair(o.unsafeState, 4 * u + 2, WAD_PAIR) };
      const ilk = { rate: l.rate, spot: l.spot, dust: terms.dust };
      const r =
        terms.liquidation === 'dog'
          ? bark(v, ilk, { Hole: terms.Hole, Dirt: l.Dirt, hole: terms.hole, dirt: l.Dirt, chop: terms.chop })
          : terms.liquidation === 'cat-1.2'
            ? catBite(v, ilk, { box: terms.box, litter: l.litter, dunk: terms.dunk, chop: terms.chop })
            : catBiteLump(v, ilk, { lump: terms.lump, chopRay: terms.chop * 10n ** 9n });
      payGas(k, keeper, c.gasBark, c.gasGwei, c.ethUsd);
      if (!r.ok) continue;
      // Vat grab: the vault's ink and art leave it; its debt becomes the Vow's sin.
      l.Ink -= r.dink;
      l.Art -= r.dart;
      l.vice += r.due;
      l.ethAuctions += r.dink;
      const g = liq.grabs[o.shard]!;
      const tmp = new Float64Array(4);
      writeSignedPair(r.dink, tmp, 0, WAD_PAIR);
      writeSignedPair(r.dart, tmp, 2, WAD_PAIR);
      g.push(o.unsafeVault[u]!);
      for (let q = 0; q < 4; q++) g.push(tmp[q]!);
      const sale: Sale = {
        clip: terms.liquidation === 'dog',
        shard: o.shard,
        vault: o.unsafeVault[u]!,
        tab: r.tab,
        lot: r.dink,
        due: r.due,
        startT: t,
        lotStart: r.dink,
        raised: 0n,
        soldUsd: 0,
        top: 0n,
        tic: t,
        redoPending: false,
        takeAt: Infinity,
        bid: 0n,
        guy: -1,
        ticF: 0n,
        end: 0n,
        live: true,
      };
      if (sale.clip) {
        l.Dirt += r.tab;
        const kick = clipperKick(r.tab, feedPrice(l.osmCur, RAY), terms);
        sale.top = kick.top;
        incentive(l, k, keeper, kick.coin, c, liq);
      } else {
        if (terms.liquidation === 'cat-1.2') l.litter += r.tab;
        sale.end = flipKick(r.tab, r.dink, BigInt(Math.floor(t)), terms.tau).end;
      }
      liq.sales.push(sale);
      liq.tallies.started++;
      liq.firstSeen.delete(id);
    }
  }
  for (const id of [...liq.firstSeen.keys()]) if (!seenNow.has(id)) liq.firstSeen.delete(id);
}

/** The Vat `suck`s the keeper's incentive from the Vow (as sin). */
export function incentive(l: Ledger, k: Keepers, j: number, coin: bigint, c: LiqContext, liq: Liquidations): void {
  if (coin === 0n) return;
  l.vice += coin;
  l.daiKeepers += coin;
  k.dai[j] = k.dai[j]! + coin;
  k.earnedUsd[j]! += dai(coin) * c.daiUsd;
  liq.tallies.incentiveDai += dai(coin);
  liq.tallies.auctionProfitDai += dai(coin);
}

/** Keeper j sells `eth` on the ETH/DAI pool; returns the Dai it got [rad]. */
export function sellEth(l: Ledger, k: Keepers, j: number, eth: bigint): bigint {
  l.ethKeepers -= eth;
  const out = swap(l.ethDai, eth, true) * RAY;
  l.daiKeepers += out;
  k.dai[j] = k.dai[j]! + out;
  return out;
}

export function finish(liq: Liquidations, l: Ledger, s: Sale): void {
  s.live = false;
  liq.tallies.done++;
  const raised = dai(s.raised);
  const due = dai(s.due);
  if (raised < 1) {
    liq.tallies.zeroBid++;
    liq.tallies.zeroBidCollateralUsd += s.soldUsd;
  }
  liq.tallies.badDebtDai += Math.max(0, due - raised);
  liq.tallies.dueDai += due;
  liq.tallies.penaltyDai += Math.max(0, raised - due);
  if (s.lot > 0n) {
    l.ethAuctions -= s.lot;
    l.ethReturned += s.lot;
    s.lot = 0n;
  }
}

/** Live auctions now, and Dai still owed by them (tab) [DAI]. */
export function liveAuctions(liq: Liquidations): { count: number; tabDai: number } {
  let count = 0;
  let tab = 0;
  for (const s of liq.sales)
    if (s.live) {
      count++;
      tab += Number(s.tab / RAY) / 1e18;
    }
  return { count, tabDai: tab };
}

/** Takes the window's grabs per shard for publication. */
export function takeGrabs(liq: Liquidations): (Float64Array | undefined)[] {
  return liq.grabs.map((g) => (g.length > 0 ? g.take() : undefined));
}
