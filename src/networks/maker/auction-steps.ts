import { amountOut, midPrice } from '../../engine/constant-product.ts';
import { minBig } from '../../engine/wad-ray.ts';
import { AUCTION, type Keepers, landingDelayS, payGas } from './keepers.ts';
import type { Ledger } from './ledger.ts';
import {
  AUCTION_TICK_S,
  dai,
  fastestKeeper,
  finish,
  incentive,
  type LiqContext,
  type Liquidations,
  MAX_SLICE_OF_POOL,
  type Pending,
  type Sale,
  sellEth,
} from './liquidations.ts';
import { clipRedo, clipStatus, clipTake, feedPrice, flipDealRefusal, flipDentRefusal, flipTendRefusal, minTendBid, RAY, WAD } from './protocol.ts';

/**
 * The auctions between clears: keepers' transactions landing (take, redo, tend, dent), Flipper deals and ticks, and
 * keepers' decisions on every live sale, stepped every AUCTION_TICK_S seconds (liquidations.ts holds the state, the
 * barks and bites, and the bookkeeping they share).
 */

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
