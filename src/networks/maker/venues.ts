import { amountIn, amountOut, inputToPrice0, inputToPrice1, midPrice, swap } from '../../engine/constant-product.ts';
import { readPair } from '../../engine/fixed-point-pairs.ts';
import { hashNormal } from '../../engine/hash-draws.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { minBig } from '../../engine/wad-ray.ts';
import type { Ledger } from './ledger.ts';
import type { MakerOrders } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { psmBuyGem, psmSellGem, RAY, WAD } from './protocol.ts';
import { WAD_PAIR } from './terms.ts';

/** DAI's price on the venues: the DAI/USDC pool's mid price (USDC per DAI, USDC at $1). */
export const daiUsd = (l: Ledger): number => midPrice(l.daiUsdc);

/** The ETH/DAI pool's mid price, DAI per ETH. */
export const ethDaiPrice = (l: Ledger): number => midPrice(l.ethDai);

/** At most 1/MAX_POOL_SHARE of a pool’s reserve is bought in one clear by one flow (the rest trades over the counter at the pool's price). */
const MAX_POOL_SHARE = 3n;

/**
 * The owners' vault changes of a clear (in shard order, then in time order): ink and art move in the Vat (ETH comes
 * in from or goes out to the owners' wallets), drawn Dai goes to the owners and is sold on the DAI/USDC pool, and
 * Dai to repay is bought there (at most a third of the pool’s DAI per clear; the rest over the counter from holders at the
 * pool's price). Returns what was drawn and repaid [rad].
 */
export function settleOwners(l: Ledger, orders: readonly MakerOrders[]): { drawn: bigint; repaid: bigint; actions: number } {
  let drawn = 0n;
  let repaid = 0n;
  let actions = 0;
  for (const o of orders) {
    for (let a = 0; a < o.actVault.length; a++) {
      const dink = readPair(o.actDelta, 4 * a, WAD_PAIR);
      const dart = readPair(o.actDelta, 4 * a + 2, WAD_PAIR);
      l.Ink += dink;
      if (dink > 0n) l.ethIn += dink;
      else l.ethOut -= dink;
      l.Art += dart;
      actions++;
      if (o.actVault[a]! >= o.regularVaults) {
        // An investor's vault: its Dai is drawn to (and repaid from) what holders hold; no trade on the pools.
        l.daiFloat += dart * l.rate;
        continue;
      }
      if (dart > 0n) drawn += dart * l.rate;
      else repaid -= dart * l.rate;
    }
  }
  l.daiFloat += drawn;
  l.daiFloat -= repaid;
  const net = drawn / RAY - repaid / RAY;
  if (net > 0n) {
    const sell = minBig(net, l.daiFloat / RAY);
    l.daiFloat -= sell * RAY;
    swap(l.daiUsdc, sell, true);
  } else if (net < 0n) {
    const buy = minBig(-net, l.daiUsdc.reserve0 / MAX_POOL_SHARE);
    const usdc = amountIn(buy, l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm);
    const got = swap(l.daiUsdc, usdc, false);
    l.daiFloat += got * RAY;
  }
  if (l.daiFloat < 0n && l.Pie > 0n) {
    // Holders hold too little outside the Pot: some leave the DSR to sell (Pot exit of the pie needed).
    const pie = (-l.daiFloat + l.chi - 1n) / l.chi;
    const out = pie < l.Pie ? pie : l.Pie;
    l.Pie -= out;
    l.daiFloat += out * l.chi;
  }
  if (l.daiFloat < 0n) {
    // Still short: the owners buy the rest on the pool, whatever the price.
    const short = (-l.daiFloat + RAY - 1n) / RAY;
    if (short >= l.daiUsdc.reserve0) throw new Error(`maker: owners need ${short} wei of Dai to repay, more than holders and the pool hold`);
    const usdc = amountIn(short, l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm);
    l.daiFloat += swap(l.daiUsdc, usdc, false) * RAY;
  }
  return { drawn, repaid, actions };
}

/** PSM `sellGem` for `usdc` (18-decimal units): Dai minted to the float less the tin fee, which goes to the Vow. Returns the Dai out [wad]. */
export function psmSell(l: Ledger, usdc: bigint, tin: bigint): bigint {
  const r = psmSellGem(usdc, 18, tin);
  l.psmArt += r.gemAmt18;
  l.daiFloat += r.daiOut * RAY;
  l.daiVow += r.fee * RAY;
  return r.daiOut;
}

/** PSM `buyGem` of `usdc` paid with Dai from the float (gemAmt18 + tout fee); the fee goes to the Vow. Returns the Dai paid [wad]. */
export function psmBuy(l: Ledger, usdc: bigint, tout: bigint): bigint {
  const r = psmBuyGem(usdc, 18, tout);
  if (r.gemAmt18 > l.psmArt || r.daiIn * RAY > l.daiFloat) return 0n;
  l.psmArt -= r.gemAmt18;
  l.daiFloat -= r.daiIn * RAY;
  l.daiVow += r.fee * RAY;
  return r.daiIn;
}

/** DAI holders in groups: each group's hurdle for the DSR (log-normal around outsideRate), a pure function of (seed, group). */
export function holderHurdles(cfg: MakerConfig, seed: number): Float64Array {
  return Float64Array.from({ length: cfg.holderGroups }, (_, g) => cfg.outsideRate * Math.exp(0.5 * hashNormal(seed, g, 21)));
}

/**
 * DAI holders decide where to keep their Dai: the groups whose hurdle the DSR beats want their share of the Dai held
 * (float + Pot) in the Pot; together they close `dsrResponse` of the gap each clear, by Pot `join`/`exit` in pie (the
 * Vat moves chi · pie). Returns the pie moved (positive: into the Pot).
 */
export function holdersSave(l: Ledger, hurdles: Float64Array, dsrAnnual: number, response: number): bigint {
  let want = 0;
  for (const h of hurdles) if (dsrAnnual > h) want++;
  const share = want / hurdles.length;
  const inPot = l.Pie * l.chi;
  const total = l.daiFloat + inPot;
  const target = (total * BigInt(Math.round(share * 1e6))) / 1_000_000n;
  const gap = target - inPot;
  let pie = (gap * BigInt(Math.round(response * 1e6))) / 1_000_000n / l.chi;
  if (pie < 0n && -pie > l.Pie) pie = -l.Pie;
  const rad = pie * l.chi;
  if (rad > l.daiFloat) return 0n;
  l.Pie += pie;
  l.daiFloat -= rad;
  return pie;
}

/**
 * Traders over a window: a random net demand for Dai (normal, sd traderVolumeDaiPerDay · √(window / day)), then a
 * trade that closes `pegPull` of the gap between DAI's pool price and $1 (they expect the peg to hold: they buy Dai
 * under it, sell over it). Purchases are paid in USDC on the DAI/USDC pool; sales come from holders' Dai (the float,
 * then out of the Pot).
 */
export function tradersTrade(l: Ledger, rng: RandomStream, sdDai: number, pegPull: number): void {
  trade(l, rng.normal(0, sdDai));
  const p = daiUsd(l);
  const target = p + pegPull * (1 - p);
  if (p < 1) trade(l, (amountOutDaiFor(l, target) * 1) / 1e18);
  else if (p > 1) trade(l, -inputToPrice0(l.daiUsdc, target) / 1e18);
}

/** The Dai (wei, double) bought with the USDC that lifts the pool's price to `target`. */
function amountOutDaiFor(l: Ledger, target: number): number {
  const usdc = inputToPrice1(l.daiUsdc, target);
  return usdc > 0 ? Number(amountOut(BigInt(Math.floor(usdc)), l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm)) : 0;
}

/** Traders buy (net > 0) or sell (net < 0) `net` DAI on the DAI/USDC pool. */
function trade(l: Ledger, net: number): void {
  const amount = BigInt(Math.floor(Math.abs(net))) * WAD;
  if (amount === 0n) return;
  if (net > 0) {
    const buy = minBig(amount, l.daiUsdc.reserve0 / MAX_POOL_SHARE);
    const got = swap(l.daiUsdc, amountIn(buy, l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm), false);
    l.daiFloat += got * RAY;
  } else {
    // Holders sell from their float, and leave the DSR for the rest when they must.
    if (amount * RAY > l.daiFloat && l.Pie > 0n) {
      const pie = minBig((amount * RAY - l.daiFloat + l.chi - 1n) / l.chi, l.Pie);
      l.Pie -= pie;
      l.daiFloat += pie * l.chi;
    }
    const sell = minBig(amount, l.daiFloat / RAY);
    l.daiFloat -= sell * RAY;
    swap(l.daiUsdc, sell, true);
  }
}
