import { amountIn, amountOut, type ConstantProductPool, inputToPrice0, inputToPrice1, midPrice, swap } from '../../engine/constant-product.ts';
import { toFixed } from '../../engine/wad-ray.ts';
import { ARBITRAGE, gasLanding, type Keepers, payGas } from './keepers.ts';
import type { Ledger } from './ledger.ts';
import { psmSellGem, RAY, WAD } from './protocol.ts';
import { psmBuy, psmSell } from './venues.ts';

const wadOf = (x: number) => (x > 0 && Number.isFinite(x) ? toFixed(Math.floor(x) / 1e18, WAD) : 0n);
const copy = (p: ConstantProductPool): ConstantProductPool => ({ ...p });

export interface ArbContext {
  readonly ethUsd: number;
  readonly gasGwei: number;
  readonly gasUnits: number;
  readonly psm: boolean;
  readonly tin: bigint;
  readonly tout: bigint;
}

/**
 * One arbitrage keeper's trades at a clear, each only if it beats its fees and gas (USD profit > 0 after gas), sized
 * to close the gap and capped by its capital:
 * - through the PSM when DAI's pool price is above 1 + tin (mint with USDC, sell DAI) or below 1 − tout (buy DAI, redeem);
 * - otherwise across venues: the ETH/DAI pool against the world's ETH price, with the DAI leg on the DAI/USDC pool.
 * Returns the profit (USD, after gas) and the DAI volume traded.
 */
export function arbitrage(l: Ledger, k: Keepers, j: number, c: ArbContext): { profitUsd: number; volumeDai: number } {
  const peg = pegArbitrage(l, k, j, c);
  const venues = venueArbitrage(l, k, j, c);
  return { profitUsd: peg.profitUsd + venues.profitUsd, volumeDai: peg.volumeDai + venues.volumeDai };
}

/** Through the PSM, when DAI's pool price is above 1 + tin (mint with USDC, sell DAI) or below 1 − tout (buy DAI, redeem). */
function pegArbitrage(l: Ledger, k: Keepers, j: number, c: ArbContext): { profitUsd: number; volumeDai: number } {
  const landing = gasLanding(c.gasGwei, k.gasStart[j]!, k.maxGwei[j]!);
  if (!Number.isFinite(landing.delayS)) return { profitUsd: 0, volumeDai: 0 };
  const gasUsd = c.gasUnits * landing.gwei * 1e-9 * c.ethUsd;
  const capital = k.capitalDai[j]! * 1e18;
  const p = midPrice(l.daiUsdc); // USDC per DAI
  const tin = Number(c.tin) / 1e18;
  const tout = Number(c.tout) / 1e18;
  if (c.psm && p > 1 + tin) {
    const dai = wadOf(Math.min(inputToPrice0(l.daiUsdc, 1 + tin), capital));
    const usdcIn = (dai * WAD) / (WAD - c.tin) + 1n;
    const out = amountOut(dai, l.daiUsdc.reserve0, l.daiUsdc.reserve1, l.daiUsdc.feePpm);
    const profit = Number(out - usdcIn) / 1e18 - gasUsd;
    if (dai === 0n || profit <= 0) return { profitUsd: 0, volumeDai: 0 };
    const minted = psmSell(l, usdcIn, c.tin);
    l.daiFloat -= minted * 10n ** 27n;
    swap(l.daiUsdc, minted, true);
    payGas(k, j, c.gasUnits, c.gasGwei, c.ethUsd);
    return { profitUsd: profit, volumeDai: Number(minted) / 1e18 };
  }
  if (c.psm && p < 1 - tout) {
    const usdc = wadOf(Math.min(inputToPrice1(l.daiUsdc, 1 - tout), capital));
    if (usdc === 0n) return { profitUsd: 0, volumeDai: 0 };
    const dai = amountOut(usdc, l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm);
    const gem = (dai * WAD) / (WAD + c.tout);
    const profit = Number(gem - usdc) / 1e18 - gasUsd;
    if (profit <= 0 || gem > l.psmArt) return { profitUsd: 0, volumeDai: 0 };
    swap(l.daiUsdc, usdc, false);
    l.daiFloat += dai * 10n ** 27n;
    psmBuy(l, gem, c.tout);
    payGas(k, j, c.gasUnits, c.gasGwei, c.ethUsd);
    return { profitUsd: profit, volumeDai: Number(dai) / 1e18 };
  }
  return { profitUsd: 0, volumeDai: 0 };
}

/** Across venues: the ETH/DAI pool's price against the world's. */
function venueArbitrage(l: Ledger, k: Keepers, j: number, c: ArbContext): { profitUsd: number; volumeDai: number } {
  const landing = gasLanding(c.gasGwei, k.gasStart[j]!, k.maxGwei[j]!);
  if (!Number.isFinite(landing.delayS)) return { profitUsd: 0, volumeDai: 0 };
  const gasUsd = c.gasUnits * landing.gwei * 1e-9 * c.ethUsd;
  const capital = k.capitalDai[j]! * 1e18;
  const p = midPrice(l.daiUsdc);
  // Across venues: the ETH/DAI pool's price against the world's ETH price (at which the keeper trades ETH outside);
  // the DAI leg goes through the PSM when there is one (minted with USDC at 1 + tin, redeemed at 1 + tout), else
  // through the DAI/USDC pool. A trade that moves the DAI leg too far is halved until it pays (at most 8 tries).
  const daiPrice = c.psm ? 1 : p;
  const implied = c.ethUsd / daiPrice;
  const q = midPrice(l.ethDai);
  const sellEth = q > implied;
  let size = sellEth
    ? Math.min(inputToPrice0(l.ethDai, implied), capital / c.ethUsd)
    : Math.min(inputToPrice1(l.ethDai, implied), capital / daiPrice, c.psm ? Infinity : Number(l.daiUsdc.reserve0) / 4);
  for (let tries = 0; tries < 8; tries++, size /= 2) {
    const amount = wadOf(size);
    if (amount === 0n) break;
    const e = copy(l.ethDai);
    const d = copy(l.daiUsdc);
    if (sellEth) {
      const dai = swap(e, amount, true);
      const gem = (dai * WAD) / (WAD + c.tout);
      const usdc = c.psm ? (gem <= l.psmArt ? gem : 0n) : swap(d, dai, true);
      const profit = Number(usdc) / 1e18 - (Number(amount) / 1e18) * c.ethUsd - gasUsd;
      if (profit <= 0) continue;
      swap(l.ethDai, amount, true);
      l.ethIn += amount;
      if (c.psm) {
        l.daiFloat += dai * RAY;
        psmBuy(l, gem, c.tout);
        // buyGem takes gem + fee ≤ dai: what is left over stays with holders.
      } else swap(l.daiUsdc, dai, true);
      payGas(k, j, c.gasUnits, c.gasGwei, c.ethUsd);
      return { profitUsd: profit, volumeDai: Number(dai) / 1e18 };
    }
    if (!c.psm && amount >= l.daiUsdc.reserve0) continue;
    const usdc = c.psm ? (amount * WAD) / (WAD - c.tin) + 1n : amountIn(amount, l.daiUsdc.reserve1, l.daiUsdc.reserve0, l.daiUsdc.feePpm);
    const dai = c.psm ? psmSellGem(usdc, 18, c.tin).daiOut : swap(d, usdc, false);
    const eth = swap(e, dai, false);
    const profit = (Number(eth) / 1e18) * c.ethUsd - Number(usdc) / 1e18 - gasUsd;
    if (profit <= 0) continue;
    if (c.psm) {
      psmSell(l, usdc, c.tin);
      l.daiFloat -= dai * RAY;
    } else swap(l.daiUsdc, usdc, false);
    swap(l.ethDai, dai, false);
    l.ethOut += eth;
    payGas(k, j, c.gasUnits, c.gasGwei, c.ethUsd);
    return { profitUsd: profit, volumeDai: Number(dai) / 1e18 };
  }
  return { profitUsd: 0, volumeDai: 0 };
}

/**
 * Each running arbitrage keeper whose latency lets it act in the window (every window when its latency is shorter,
 * else once per latency) trades, in keeper order; its earnings are booked gross of gas. Returns the DAI traded.
 */
export function runArbitrageKeepers(l: Ledger, k: Keepers, w: { from: number; to: number }, c: ArbContext): number {
  let volume = 0;
  for (let j = 0; j < k.n; j++) {
    if (!k.active[j] || k.kind[j] !== ARBITRAGE) continue;
    const every = Math.max(1, k.latencyS[j]!);
    if (Math.floor(w.to / every) === Math.floor(w.from / every) && every > w.to - w.from) continue;
    const gasBefore = k.gasUsd[j]!;
    const r = arbitrage(l, k, j, c);
    if (r.volumeDai > 0) {
      k.earnedUsd[j]! += r.profitUsd + (k.gasUsd[j]! - gasBefore);
      volume += r.volumeDai;
    }
  }
  return volume;
}
