import { swap } from '../../engine/constant-product.ts';
import { toFixed } from '../../engine/wad-ray.ts';
import { AUCTION, type Keepers } from './keepers.ts';
import type { Ledger } from './ledger.ts';
import type { Liquidations } from './liquidations.ts';
import type { MakerOrders, PortReport } from './messages.ts';
import { psmSellGem, RAY, WAD } from './protocol.ts';
import { psmBuy, psmSell } from './venues.ts';

/**
 * The market's side of the port: the keeper slots outside investors run (the last keepers of `Keepers`, one auction
 * and one arbitrage slot per pair). An auction keeper's capital buys DAI through the PSM (or on the DAI/USDC pool
 * without one) and its DAI is sold back the same way on exit; an arbitrage keeper's capital stays in USD. A slot leaves only when no transaction of its keeper is
 * pending and it holds no winning Flipper bid.
 */
export interface PortSlots {
  readonly ownerShard: Int32Array;
  readonly ownerPosition: Int32Array;
  readonly capitalUsd: Float64Array;
  readonly daiStart: Float64Array;
  readonly tradingUsd: Float64Array;
  readonly releasedUsd: Float64Array;
  readonly exitAsked: Uint8Array;
  readonly closed: Uint8Array;
  /** Refusals of this clear, per shard (position ids). */
  refused: number[][];
}

export function createPortSlots(k: Keepers, shards: number): PortSlots {
  return {
    ownerShard: new Int32Array(k.n).fill(-1),
    ownerPosition: new Int32Array(k.n).fill(-1),
    capitalUsd: new Float64Array(k.n),
    daiStart: new Float64Array(k.n),
    tradingUsd: new Float64Array(k.n),
    releasedUsd: new Float64Array(k.n),
    exitAsked: new Uint8Array(k.n),
    closed: new Uint8Array(k.n),
    refused: Array.from({ length: shards }, () => []),
  };
}

const face = (rad: bigint) => Number(rad / RAY) / 1e18;

/** The shards' port orders of a clear, in shard order: slots taken (DAI bought for an auction keeper) and exits asked. */
/** The PSM as the port trades through it: present or not, and its fees [wad]. */
export interface PortPsm {
  readonly on: boolean;
  readonly tin: bigint;
  readonly tout: bigint;
}

export function settlePortOrders(p: PortSlots, k: Keepers, l: Ledger, orders: readonly MakerOrders[], psm: PortPsm): void {
  for (const o of orders) {
    for (const req of o.port ?? []) {
      if (req.kind === 'exit') {
        for (let j = 0; j < k.n; j++) if (p.ownerShard[j] === o.shard && p.ownerPosition[j] === req.position) p.exitAsked[j] = 1;
        continue;
      }
      const kind = req.role === 'auction-keeper' ? AUCTION : 1;
      let j = 0;
      while (j < k.n && !(k.investor[j] && k.kind[j] === kind && p.ownerShard[j]! < 0 && !p.closed[j])) j++;
      if (j === k.n) {
        p.refused[o.shard]!.push(req.position);
        continue;
      }
      p.ownerShard[j] = o.shard;
      p.ownerPosition[j] = req.position;
      p.capitalUsd[j] = req.usd;
      k.active[j] = 1;
      if (kind === AUCTION) {
        // An investor's keeper bids with the DAI its capital bought, not a flash swap: what it can earn then scales
        // with the capital it commits, which is what the port prices (a flash keeper's profit is a return on its bot,
        // not on capital, and would be unbounded per dollar).
        k.flash[j] = 0;
        const usdc = toFixed(Math.floor(req.usd * 1e6) / 1e6, WAD);
        // Through the PSM when there is one (fee tin), else on the DAI/USDC pool (fee and price impact).
        let got: bigint;
        if (psm.on) {
          psmSell(l, usdc, psm.tin);
          got = psmSellGem(usdc, 18, psm.tin).daiOut * RAY;
          l.daiFloat -= got;
        } else got = swap(l.daiUsdc, usdc, false) * RAY;
        k.dai[j] = got;
        l.daiKeepers += got;
        p.daiStart[j] = face(got);
        p.tradingUsd[j] = req.usd - face(got);
      } else k.capitalDai[j] = req.usd;
    }
  }
}

/** Slots whose exit was asked and whose keeper is free: the auction keeper's DAI is sold on the pool, the slot closes. */
export function windUpSlots(p: PortSlots, k: Keepers, l: Ledger, liq: Liquidations, psm: PortPsm): void {
  for (let j = 0; j < k.n; j++) {
    if (!p.exitAsked[j] || p.closed[j] || k.pending[j] !== 0) continue;
    if (liq.sales.some((s) => s.live && !s.clip && s.guy === j)) continue;
    k.active[j] = 0;
    p.closed[j] = 1;
    if (k.kind[j] === AUCTION) {
      const held = k.dai[j]!;
      const wad = held / RAY;
      l.daiKeepers -= held;
      l.daiFloat += held - wad * RAY; // less than a wei of Dai stays with holders
      // Through the PSM when it holds enough USDC (fee tout), else on the DAI/USDC pool.
      let usdc = 0n;
      const gem = (wad * WAD) / (WAD + psm.tout);
      if (psm.on && gem > 0n && gem <= l.psmArt) {
        l.daiFloat += wad * RAY;
        psmBuy(l, gem, psm.tout);
        usdc = gem;
      } else if (wad > 0n) usdc = swap(l.daiUsdc, wad, true);
      k.dai[j] = 0n;
      const out = Number(usdc) / 1e18;
      p.tradingUsd[j]! += face(held) - out;
      p.releasedUsd[j] = out - k.gasUsd[j]! - k.botUsd[j]!;
    } else p.releasedUsd[j] = p.capitalUsd[j]! + k.earnedUsd[j]! - k.gasUsd[j]! - k.botUsd[j]!;
  }
}

/** The reports the shards read: every slot an investor holds, and the refusals of this clear. */
export function portReports(p: PortSlots, k: Keepers): (PortReport[] | undefined)[] {
  const out: (PortReport[] | undefined)[] = p.refused.map((r) =>
    r.length > 0
      ? r.map((position) => ({ position, slot: -1, activeUsd: 0, releasedUsd: 0, gasUsd: 0, botUsd: 0, tradingUsd: 0, earningsUsd: 0, closed: true }))
      : undefined,
  );
  p.refused = p.refused.map(() => []);
  for (let j = 0; j < k.n; j++) {
    const shard = p.ownerShard[j]!;
    if (shard < 0) continue;
    const auction = k.kind[j] === AUCTION;
    const costs = k.gasUsd[j]! + k.botUsd[j]!;
    const earnings = auction
      ? p.closed[j]
        ? p.releasedUsd[j]! + costs + p.tradingUsd[j]! - p.capitalUsd[j]!
        : face(k.dai[j]!) - p.daiStart[j]!
      : k.earnedUsd[j]!;
    const active = p.closed[j] ? 0 : auction ? face(k.dai[j]!) - costs : p.capitalUsd[j]! + k.earnedUsd[j]! - costs;
    const report: PortReport = {
      position: p.ownerPosition[j]!,
      slot: j,
      activeUsd: active,
      releasedUsd: p.releasedUsd[j]!,
      gasUsd: k.gasUsd[j]!,
      botUsd: k.botUsd[j]!,
      tradingUsd: p.tradingUsd[j]!,
      earningsUsd: earnings,
      closed: p.closed[j] === 1,
    };
    const list = out[shard];
    if (list) list.push(report);
    else out[shard] = [report];
  }
  return out;
}
