import { describe, expect, it } from 'vitest';
import { createPool, midPrice, swap } from '../../../src/engine/constant-product.ts';
import { getPair, setPair } from '../../../src/engine/fixed-point-pairs.ts';
import { streamOf } from '../../../src/engine/rng.ts';
import { arbitrage } from '../../../src/networks/maker/arbitrage.ts';
import { ARBITRAGE, AUCTION, createKeepers, GAS_BUMP_EVERY_S, gasLanding, reviewKeepers } from '../../../src/networks/maker/keepers.ts';
import { createLedger } from '../../../src/networks/maker/ledger.ts';
import type { MakerPublic } from '../../../src/networks/maker/messages.ts';
import { RAD, RAY, WAD } from '../../../src/networks/maker/protocol.ts';
import { makerTerms, WAD_PAIR } from '../../../src/networks/maker/terms.ts';
import { ATTENTIVE, createVaults, ilkView, NEVER, reviewVault } from '../../../src/networks/maker/vaults.ts';
import { smallMaker } from './helpers.ts';

describe('auction-keeper’s gas strategy (×1.125 every 42 s)', () => {
  it('lands after the bumps that lift its first price over the network’s, at that price', () => {
    expect(GAS_BUMP_EVERY_S).toBe(42);
    // 0.8 × 1.125² = 1.0125 ≥ 1 > 0.8 × 1.125: two bumps.
    expect(gasLanding(100, 0.8, 1000)).toEqual({ delayS: 84, gwei: 100 * 0.8 * 1.125 ** 2 });
    // 0.5 · 1.125^6 = 1.0136 ≥ 1 > 0.5 · 1.125^5 = 0.901: six bumps.
    expect(gasLanding(100, 0.5, 1000).delayS).toBe(6 * 42);
    expect(gasLanding(100, 1, 1000)).toEqual({ delayS: 0, gwei: 100 });
  });
  it('never lands when the network’s price is above the keeper’s maximum', () => {
    expect(gasLanding(301, 0.8, 300).delayS).toBe(Infinity);
    expect(gasLanding(300, 0.8, 300).delayS).toBe(84);
  });
});

/** One vault of a given target, ink and art, at ETH $2000, rate 1, spot from mat 145 %. */
function oneVault(kind: number, topUp: boolean, inkEth: number, artDai: number) {
  const cfg = smallMaker({ vaults: 1, pegThreshold: 0.01, actRatio: 0.8, drawRatio: 1.3, feeTolerance: 1 });
  const v = createVaults(cfg, { index: 0, count: 1, seed: 1, stream: (n) => streamOf(1, n) }, 2000, 1.45);
  const c = v.population.columns;
  c.kind[0] = kind;
  c.topUp[0] = topUp ? 1 : 0;
  c.target[0] = 2;
  setPair(v.ink, 0, BigInt(inkEth) * WAD, WAD_PAIR);
  setPair(v.art, 0, BigInt(artDai) * WAD, WAD_PAIR);
  return { cfg, v };
}

function pub(ethUsd: number, daiUsd = 1, over: Partial<MakerPublic> = {}): MakerPublic {
  return {
    rate: RAY.toString(),
    spot: ((BigInt(ethUsd) * RAY * 100n) / 145n).toString(),
    dust: (100n * RAD).toString(),
    ethUsd,
    osmUsd: ethUsd,
    daiUsd,
    stabilityFee: 0.05,
    psmTin: 0,
    psmTout: 0,
    dsr: 0.01,
    drawRoomDai: 1e9,
    repayRoomDai: 1e9,
    grabs: [],
    portReports: [],
    auctionKeeperReturnUsdPerDay: 0,
    arbKeeperReturnUsdPerDay: 0,
    ...over,
  };
}

const rooms = () => ({ draw: 1e9, repay: 1e9 });
const ethOf = (v: ReturnType<typeof oneVault>['v']) => Number(getPair(v.ink, 0, WAD_PAIR)) / 1e18;
const daiOf = (v: ReturnType<typeof oneVault>['v']) => Number(getPair(v.art, 0, WAD_PAIR)) / 1e18;

describe('vault owners', () => {
  // 10 ETH and 10 000 DAI: ratio 2 at $2000, target 2; act under 1.6, draw over 2.6.
  it('add ETH back to their target when the ratio falls under actRatio × target, and not just above it', () => {
    const a = oneVault(ATTENTIVE, true, 10, 10_000);
    const p = pub(1599); // ratio 1.599 < 1.6
    reviewVault(a.v, 0, p, ilkView(p), a.cfg, rooms());
    expect(ethOf(a.v) * 1599).toBeCloseTo(2 * 10_000, 0);
    const b = oneVault(ATTENTIVE, true, 10, 10_000);
    const q = pub(1601);
    reviewVault(b.v, 0, q, ilkView(q), b.cfg, rooms());
    expect(ethOf(b.v)).toBe(10);
  });

  it('repay instead when they do not top up: debt down to collateral / target, as far as the holders’ Dai allows', () => {
    const a = oneVault(ATTENTIVE, false, 10, 10_000);
    const p = pub(1500);
    reviewVault(a.v, 0, p, ilkView(p), a.cfg, rooms());
    expect(daiOf(a.v)).toBeCloseTo(7_500, 3);
    expect(a.v.actVault.length).toBe(1);
    const b = oneVault(ATTENTIVE, false, 10, 10_000);
    const r = { draw: 0, repay: 1_000 };
    reviewVault(b.v, 0, p, ilkView(p), b.cfg, r);
    expect(daiOf(b.v)).toBeCloseTo(9_000, 3);
    expect(r.repay).toBeCloseTo(0, 6);
  });

  it('draw up to their target when the ratio rises over drawRatio × target, within the room', () => {
    const a = oneVault(ATTENTIVE, false, 10, 10_000);
    const p = pub(2700); // ratio 2.7 > 2.6: draw to 27 000 / 2 = 13 500
    const r = rooms();
    reviewVault(a.v, 0, p, ilkView(p), a.cfg, r);
    expect(daiOf(a.v)).toBeCloseTo(13_500, 3);
    expect(r.draw).toBeCloseTo(1e9 - 3_500, 3);
    const b = oneVault(ATTENTIVE, false, 10, 10_000);
    reviewVault(b.v, 0, p, ilkView(p), b.cfg, { draw: 1_000, repay: 1e9 });
    expect(daiOf(b.v)).toBeCloseTo(11_000, 3);
  });

  it('repay a fifth when DAI trades under 1 − pegThreshold (cheap debt), not at 1 − pegThreshold / 2', () => {
    const a = oneVault(ATTENTIVE, false, 10, 10_000);
    const p = pub(2000, 0.985);
    reviewVault(a.v, 0, p, ilkView(p), a.cfg, rooms());
    expect(daiOf(a.v)).toBeCloseTo(8_000, 3);
    const b = oneVault(ATTENTIVE, false, 10, 10_000);
    const q = pub(2000, 0.995);
    reviewVault(b.v, 0, q, ilkView(q), b.cfg, rooms());
    expect(daiOf(b.v)).toBe(10_000);
  });

  it('never act when they are of the kind that never does, whatever the price', () => {
    const a = oneVault(NEVER, true, 10, 10_000);
    const p = pub(1000);
    reviewVault(a.v, 0, p, ilkView(p), a.cfg, rooms());
    expect([ethOf(a.v), daiOf(a.v)]).toEqual([10, 10_000]);
  });
});

describe('keepers enter and leave by profit', () => {
  it('a keeper that has run keeperMemoryDays at a loss leaves; a candidate enters when the others covered their costs', () => {
    const cfg = smallMaker({ auctionKeepers: 2, auctionKeeperCandidates: 1, arbKeepers: 0, keeperMemoryDays: 2, keeperBotCostUsdPerDay: 100 });
    const k = createKeepers(cfg, 1, 0);
    expect(Array.from(k.active)).toEqual([1, 1, 0]);
    k.earnedUsd[0] = 1_000; // keeper 0 nets 900 a day, keeper 1 loses its 100: on average they covered their costs
    const first = reviewKeepers(k, cfg, 1);
    expect(first).toEqual({ entries: 1, exits: 0 }); // the candidate enters; keeper 1 has run only one day
    expect(Array.from(k.active)).toEqual([1, 1, 1]);
    k.earnedUsd[0] = 2_000;
    const second = reviewKeepers(k, cfg, 1);
    expect(second.exits).toBe(1); // keeper 1: two days (keeperMemoryDays) at a loss
    expect(Array.from(k.active)).toEqual([1, 0, 1]);
    expect(k.kind[2]).toBe(AUCTION);
  });
});

describe('arbitrage keepers', () => {
  const setup = (daiPrice: number, tin: bigint) => {
    const cfg = smallMaker({ auctionKeepers: 0, auctionKeeperCandidates: 0, arbKeepers: 1, arbCapitalUsd: 1e7 });
    const terms = makerTerms(cfg);
    const l = createLedger(terms, 10_000n * WAD, 10_000_000n * WAD, 2000, { psmUsdc: 1e6, poolDai: 1e6, poolEth: 100, daiFee: 0.0004, ethFee: 0.003 });
    // Push the DAI/USDC pool to the wanted price by buying DAI with USDC (the float receives it).
    const target = Math.sqrt(daiPrice);
    const usdc = BigInt(Math.floor((target - 1) * 1e6)) * WAD;
    if (usdc > 0n) l.daiFloat += swap(l.daiUsdc, usdc, false) * RAY;
    const k = createKeepers(cfg, 1, 0);
    expect(k.kind[0]).toBe(ARBITRAGE);
    return { l, k, ctx: { ethUsd: 2000, gasGwei: 30, gasUnits: 250_000, psm: true, tin, tout: 0n } };
  };

  it('mint through the PSM and sell DAI when DAI trades over 1 + tin, bringing it back to the band', () => {
    const { l, k, ctx } = setup(1.02, 0n);
    expect(midPrice(l.daiUsdc)).toBeGreaterThan(1.019);
    const r = arbitrage(l, k, 0, ctx);
    expect(r.profitUsd).toBeGreaterThan(0);
    expect(midPrice(l.daiUsdc)).toBeLessThan(1.0005);
  });

  it('leave DAI alone inside the band: at 1.005 with tin 1 % there is nothing to earn', () => {
    const { l, k, ctx } = setup(1.005, WAD / 100n);
    const before = midPrice(l.daiUsdc);
    arbitrage(l, k, 0, ctx);
    expect(midPrice(l.daiUsdc)).toBe(before);
  });
});

void createPool;
