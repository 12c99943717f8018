import { amountOut, midPrice, swap } from '../../engine/constant-product.ts';
import { readPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import { Float64List } from '../../engine/typed-list.ts';
import { minBig } from '../../engine/wad-ray.ts';
import { AUCTION, type Keepers, landingDelayS, payGas } from './keepers.ts';
import type { Ledger } from './ledger.ts';
import type { MakerOrders } from './messages.ts';
import {
  bark,
  catBite,
  catBiteLump,
  clipperKick,
  clipRedo,
  clipStatus,
  clipTake,
  feedPrice,
  flipDealRefusal,
  flipDentRefusal,
  flipKick,
  flipTendRefusal,
  minTendBid,
  RAY,
  WAD,
} from './protocol.ts';
import type { MakerTerms } from './terms.ts';
import { WAD_PAIR } from './terms.ts';

/** A Clipper take buys at most 1/MAX_SLICE_OF_POOL of the ETH/DAI pool's ETH (about a 4 % price impact). */
const MAX_SLICE_OF_POOL = 50n;

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
interface Pending {
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

const dai = (rad: bigint) => Number(rad / 10n ** 27n) / 1e18;

/** The fastest running auction keeper whose transaction lands by `t` for a chance seen at `seen`, or −1. */
function fastestKeeper(k: Keepers, seen: number, t: number, gasGwei: number): number {
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
function incentive(l: Ledger, k: Keepers, j: number, coin: bigint, c: LiqContext, liq: Liquidations): void {
  if (coin === 0n) return;
  l.vice += coin;
  l.daiKeepers += coin;
  k.dai[j] = k.dai[j]! + coin;
  k.earnedUsd[j]! += dai(coin) * c.daiUsd;
  liq.tallies.incentiveDai += dai(coin);
  liq.tallies.auctionProfitDai += dai(coin);
}

/** Keeper j sells `eth` on the ETH/DAI pool; returns the Dai it got [rad]. */
function sellEth(l: Ledger, k: Keepers, j: number, eth: bigint): bigint {
  l.ethKeepers -= eth;
  const out = swap(l.ethDai, eth, true) * RAY;
  l.daiKeepers += out;
  k.dai[j] = k.dai[j]! + out;
  return out;
}

function finish(liq: Liquidations, l: Ledger, s: Sale): void {
  s.live = false;
  liq.tallies.done++;
  const raised = dai(s.raised);
  const due = dai(s.due);
  if (raised < 1) {
    liq.tallies.zeroBid++;
    liq.tallies.zeroBidCollateralUsd += s.soldUsd;
  }
  liq.tallies.badDebtDai += Math.max(0, due - raised);
  liq.tallies.penaltyDai += Math.max(0, raised - due);
  if (s.lot > 0n) {
    l.ethAuctions -= s.lot;
    l.ethReturned += s.lot;
    s.lot = 0n;
  }
}

/** A pending transaction lands: the action is applied if the protocol still allows it (its gas is paid either way). */
function land(liq: Liquidations, l: Ledger, k: Keepers, p: Pending, c: LiqContext): void {
  k.pending[p.keeper]!--;
  // Gas rose over the keeper's maximum while its transaction waited: it is never mined (and costs nothing).
  if (!Number.isFinite(landingDelayS(k, p.keeper, c.gasGwei))) return;
  payGas(k, p.keeper, c.gasTake, c.gasGwei, c.ethUsd);
  const s = liq.sales[p.sale]!;
  if (!s.live) return;
  const now = BigInt(Math.floor(p.t));
  const j = p.keeper;
  const terms = c.terms;
  if (p.action === 'redo') {
    s.redoPending = false;
    if (!clipStatus(s.top, BigInt(Math.floor(s.tic)), now, terms).done) return;
    const r = clipRedo(s, feedPrice(l.osmCur, RAY), terms);
    s.top = r.top;
    s.tic = p.t;
    incentive(l, k, j, r.coin, c, liq);
    return;
  }
  if (p.action === 'take') {
    if (s.takeAt === p.t) s.takeAt = Infinity;
    const st = clipStatus(s.top, BigInt(Math.floor(s.tic)), now, terms);
    if (st.done) return;
    const r = clipTake(s, p.amount, p.value, st.price, terms.chost);
    if (!r.ok) return;
    const out = amountOut(r.slice, l.ethDai.reserve0, l.ethDai.reserve1, l.ethDai.feePpm) * RAY;
    // With a flash swap (clipperCall) the sale of the slice must cover owe, or the transaction reverts; without one,
    // the keeper pays from its Dai and takes the price risk.
    if (k.flash[j] ? out < r.owe : k.dai[j]! < r.owe) return;
    l.ethAuctions -= r.slice;
    l.ethKeepers += r.slice;
    const got = sellEth(l, k, j, r.slice);
    k.dai[j] = k.dai[j]! - r.owe;
    l.daiKeepers -= r.owe;
    l.daiVow += r.owe;
    s.raised += r.owe;
    s.tab = r.tab;
    s.lot = r.lot;
    const gain = dai(got - r.owe);
    k.earnedUsd[j]! += gain * c.daiUsd;
    liq.tallies.auctionProfitDai += gain;
    liq.tallies.collateralGivenAwayUsd += Math.max(0, (Number(r.slice) / 1e18) * c.ethUsd - dai(r.owe) * c.daiUsd);
    s.soldUsd += (Number(r.slice) / 1e18) * c.ethUsd;
    l.Dirt -= r.lot === 0n ? r.tab + r.owe : r.owe;
    if (r.lot === 0n || r.tab === 0n) finish(liq, l, s);
    return;
  }
  if (p.action === 'tend') {
    if (flipTendRefusal({ ...s, tic: s.ticF }, s.lot, p.value, now, terms.beg) || k.dai[j]! < p.value) return;
    if (s.guy >= 0) k.dai[s.guy] = k.dai[s.guy]! + s.bid;
    k.dai[j] = k.dai[j]! - p.value;
    l.daiKeepers += (s.guy >= 0 ? s.bid : 0n) - p.value;
    l.daiVow += p.value - s.bid;
    s.raised = p.value;
    s.bid = p.value;
    s.guy = j;
    s.ticF = now + terms.ttl;
    return;
  }
  // dent
  if (flipDentRefusal({ ...s, tic: s.ticF }, p.value, s.bid, now, terms.beg)) return;
  if (s.guy !== j) {
    if (k.dai[j]! < s.bid) return;
    k.dai[s.guy] = k.dai[s.guy]! + s.bid;
    k.dai[j] = k.dai[j]! - s.bid;
    s.guy = j;
  }
  l.ethAuctions -= s.lot - p.value;
  l.ethReturned += s.lot - p.value;
  s.lot = p.value;
  s.ticF = now + terms.ttl;
}

/** Flipper `deal` (or, with no bid past the end, `tick`) at time τ. */
function dealOrTick(liq: Liquidations, l: Ledger, k: Keepers, s: Sale, tau: number, c: LiqContext): void {
  const now = BigInt(Math.floor(tau));
  if (s.ticF === 0n) {
    if (s.end < now) s.end = now + c.terms.tau;
    return;
  }
  if (flipDealRefusal({ ...s, tic: s.ticF }, now)) return;
  const j = s.guy;
  if (c.terms.liquidation === 'cat-1.2') l.litter -= s.tab;
  l.ethAuctions -= s.lot;
  l.ethKeepers += s.lot;
  const got = sellEth(l, k, j, s.lot);
  const gain = dai(got - s.bid);
  k.earnedUsd[j]! += gain * c.daiUsd;
  liq.tallies.auctionProfitDai += gain;
  liq.tallies.collateralGivenAwayUsd += Math.max(0, (Number(s.lot) / 1e18) * c.ethUsd - dai(s.bid) * c.daiUsd);
  s.soldUsd += (Number(s.lot) / 1e18) * c.ethUsd;
  s.lot = 0n;
  finish(liq, l, s);
}

/** What keeper j does about sale i at tick τ, if anything: schedules a transaction landing after its delay. */
function decide(liq: Liquidations, k: Keepers, j: number, i: number, at: number, priceNow: bigint, value: bigint, slice: bigint, c: LiqContext): void {
  const s = liq.sales[i]!;
  const terms = c.terms;
  if (s.clip) {
    // auction-keeper bids when the auction's price is at or under its model's price; the transaction lands later, lower.
    // A take already in the mempool that lands first would leave nothing: the keeper looks for another sale.
    if (priceNow > value || s.takeAt <= at) return;
    liq.pending.push({ t: at, keeper: j, sale: i, action: 'take', value, amount: slice });
    s.takeAt = at;
  } else {
    if (s.guy === j) return;
    const worth = s.lot * value; // rad
    if (s.bid < s.tab) {
      // A lowballer only opens auctions nobody has bid on (the zero bids of March 2020); it never raises.
      if (k.lowball[j] && s.guy >= 0) return;
      const min = minTendBid({ ...s, tic: s.ticF }, terms.beg);
      const bid = k.lowball[j] ? min : minBig(worth, s.tab);
      if (bid < min || bid > worth || bid > k.dai[j]!) return;
      liq.pending.push({ t: at, keeper: j, sale: i, action: 'tend', value: bid, amount: 0n });
    } else {
      // Dent: bid for the smallest lot worth the tab to it, at most lot / beg.
      const most = (s.lot * WAD) / terms.beg;
      const need = value > 0n ? (s.tab + value - 1n) / value : s.lot;
      if (k.lowball[j]) return;
      const lot = minBig(need, most);
      if (lot * value < s.tab || lot >= s.lot || k.dai[j]! < s.bid) return;
      liq.pending.push({ t: at, keeper: j, sale: i, action: 'dent', value: lot, amount: 0n });
    }
  }
  k.pending[j]!++;
}

/**
 * The auctions over a window (from, to], stepped every AUCTION_TICK_S: transactions that have landed are applied in
 * time order; Clipper sales that need a reset are `redo`ne by the fastest keeper; Flipper auctions past their bid's
 * ttl or their end are dealt (or restarted by `tick`); each keeper with room for another transaction (fewer than
 * keeperConcurrency on their way) and whose gas budget lets it land decides on the live sales in order.
 */
export function stepAuctions(liq: Liquidations, l: Ledger, k: Keepers, from: number, to: number, c: LiqContext, concurrency: number): void {
  const delay = new Float64Array(k.n);
  const flipValue = new Array<bigint>(k.n).fill(0n);
  for (let tau = from + AUCTION_TICK_S; tau <= to + 1e-9; tau += AUCTION_TICK_S) {
    liq.pending.sort((a, b) => a.t - b.t || a.keeper - b.keeper);
    let landed = 0;
    while (landed < liq.pending.length && liq.pending[landed]!.t <= tau) landed++;
    if (landed > 0) {
      const due = liq.pending.slice(0, landed);
      liq.pending = liq.pending.slice(landed);
      for (const p of due) land(liq, l, k, p, c);
    }
    const live: number[] = [];
    for (let i = 0; i < liq.sales.length; i++) if (liq.sales[i]!.live) live.push(i);
    if (live.length === 0) continue;
    const ready: number[] = [];
    const mid = midPrice(l.ethDai);
    for (let j = 0; j < k.n; j++) {
      if (!k.active[j] || k.kind[j] !== AUCTION) continue;
      delay[j] = landingDelayS(k, j, c.gasGwei);
      if (!Number.isFinite(delay[j]!)) continue;
      flipValue[j] = BigInt(Math.floor(mid * (1 - k.margin[j]!) * 1e9)) * 10n ** 18n;
      ready.push(j);
    }
    for (const i of live) {
      const s = liq.sales[i]!;
      let priceNow = 0n;
      let perEth = 0;
      let slice = 0n;
      if (s.clip) {
        const st = clipStatus(s.top, BigInt(Math.floor(s.tic)), BigInt(Math.floor(tau)), c.terms);
        priceNow = st.price;
        if (s.redoPending) continue;
        if (st.done) {
          const j = fastestKeeper(k, tau, Infinity, c.gasGwei);
          if (j >= 0) {
            liq.pending.push({ t: tau + landingDelayS(k, j, c.gasGwei), keeper: j, sale: i, action: 'redo', value: 0n, amount: 0n });
            k.pending[j]!++;
            s.redoPending = true;
          }
          continue;
        }
        // A keeper takes at most a slice its flash swap can sell without moving the pool by more than about 4 %.
        slice = minBig(s.lot, l.ethDai.reserve0 / MAX_SLICE_OF_POOL);
        perEth = Number((amountOut(slice, l.ethDai.reserve0, l.ethDai.reserve1, l.ethDai.feePpm) * 10n ** 9n) / slice) / 1e9;
      } else {
        dealOrTick(liq, l, k, s, tau, c);
        if (!s.live) continue;
      }
      for (const j of ready) {
        if (k.pending[j]! >= concurrency) continue;
        const value = s.clip ? BigInt(Math.floor(perEth * (1 - k.margin[j]!) * 1e9)) * 10n ** 18n : flipValue[j]!;
        decide(liq, k, j, i, tau + delay[j]!, priceNow, value, slice, c);
      }
    }
  }
  // Finished sales are dropped once nothing refers to them.
  if (liq.pending.length === 0 && liq.sales.length > 0 && !liq.sales.some((s) => s.live)) liq.sales.length = 0;
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
