import { type ConstantProductPool, createPool } from '../../engine/constant-product.ts';
import { fromFixed, toFixed } from '../../engine/wad-ray.ts';
import { foldDai, jugDrip, OSM_HOP_S, potDrip, RAD, RAY, spotPrice, WAD } from './protocol.ts';
import type { MakerTerms } from './terms.ts';

/**
 * The market's exact ledger of the Vat, Vow, Pot, PSM, OSM and the venues' reserves. Dai is kept in RAD where the Vat
 * keeps it; venue reserves in WAD. The Vat's invariant holds after every action (checked by `checkLedger`):
 * Σ Dai = Art · rate + psmArt · RAY + vice, where Σ Dai covers holders' float, the Pot (Pie · chi), the Vow, keepers
 * and arbitrageurs, and the pools' DAI reserves. ETH is conserved too: what sits in vaults, auctions, keepers and the
 * ETH/DAI pool, plus what went back to owners or out, less what came in, equals what there was at t = 0.
 */
export interface Ledger {
  // Vat, ETH-A
  Art: bigint;
  rate: bigint;
  Ink: bigint;
  spot: bigint;
  /** Time of the last Jug and Pot drip (s). */
  rho: number;
  // PSM ilk (rate 1): ink = art = USDC held, 18 decimals
  psmArt: bigint;
  // Vow, Pot
  vice: bigint;
  daiVow: bigint;
  chi: bigint;
  Pie: bigint;
  // Dai held outside the Vat's modules [rad]
  daiFloat: bigint;
  daiKeepers: bigint;
  daiArbs: bigint;
  // venues (token0 = DAI, token1 = USDC; token0 = ETH, token1 = DAI)
  readonly daiUsdc: ConstantProductPool;
  readonly ethDai: ConstantProductPool;
  // ETH [wad]
  ethAuctions: bigint;
  ethKeepers: bigint;
  ethReturned: bigint;
  ethIn: bigint;
  ethOut: bigint;
  ethAtStart: bigint;
  // liquidation limits [rad]
  Dirt: bigint;
  litter: bigint;
  // OSM (USD per ETH, WAD): cur is what the Spot and Clipper read; nxt becomes cur at the next hop
  osmCur: bigint;
  osmNxt: bigint;
  osmZzz: number;
  // ceilings
  readonly line: bigint;
  readonly Line: bigint;
}

/** The ledger at t = 0: vaults' totals, the PSM's USDC (its Dai with holders), pools balanced at $1 and at the ETH price. */
export function createLedger(
  t: MakerTerms,
  ink: bigint,
  art: bigint,
  ethUsd: number,
  o: { psmUsdc: number; poolDai: number; poolEth: number; daiFee: number; ethFee: number },
): Ledger {
  const eth = toFixed(ethUsd, WAD);
  const poolDai = toFixed(o.poolDai, WAD);
  const poolEth = toFixed(o.poolEth, WAD);
  const psmArt = t.psm ? toFixed(o.psmUsdc, WAD) : 0n;
  const daiUsdc = createPool(poolDai, poolDai, Math.round(o.daiFee * 1e6));
  const ethDai = createPool(poolEth, (poolEth * eth) / WAD, Math.round(o.ethFee * 1e6));
  // Every Dai ever drawn exists somewhere: what is not in the pools is in holders' hands.
  const poolsDai = (daiUsdc.reserve0 + ethDai.reserve1) * RAY;
  const debt = art * RAY + psmArt * RAY;
  if (debt < poolsDai)
    throw new RangeError(
      `maker: the pools hold ${fromFixed(poolsDai, RAD)} DAI, more than the ${fromFixed(debt, RAD)} DAI drawn; shrink the pools or add vaults`,
    );
  const l: Ledger = {
    Art: art,
    rate: RAY,
    Ink: ink,
    spot: spotPrice(eth, RAY, t.mat),
    rho: 0,
    psmArt,
    vice: 0n,
    daiVow: 0n,
    chi: RAY,
    Pie: 0n,
    daiFloat: debt - poolsDai,
    daiKeepers: 0n,
    daiArbs: 0n,
    daiUsdc,
    ethDai,
    ethAuctions: 0n,
    ethKeepers: 0n,
    ethReturned: 0n,
    ethIn: 0n,
    ethOut: 0n,
    ethAtStart: ink + poolEth,
    Dirt: 0n,
    litter: 0n,
    osmCur: eth,
    osmNxt: eth,
    osmZzz: 0,
    line: t.line,
    Line: t.Line,
  };
  checkLedger(l);
  return l;
}

/** Total Dai [rad] by the holders' side of the Vat's equation. */
export function daiHeld(l: Ledger): bigint {
  return l.daiFloat + l.daiKeepers + l.daiArbs + l.daiVow + l.Pie * l.chi + (l.daiUsdc.reserve0 + l.ethDai.reserve1) * RAY;
}

/** Dai supply [rad] by the Vat's side: debt of every vault, of the PSM, and the Vow's unbacked sin. */
export function daiDebt(l: Ledger): bigint {
  return l.Art * l.rate + l.psmArt * RAY + l.vice;
}

/** ETH accounted for now, less what came in, plus what went out: equals ethAtStart when nothing leaked. */
export function ethAccounted(l: Ledger): bigint {
  return l.Ink + l.ethAuctions + l.ethKeepers + l.ethDai.reserve0 + l.ethReturned + l.ethOut - l.ethIn;
}

/** Throws, naming the difference, when Dai or ETH is not conserved or an account is negative. */
export function checkLedger(l: Ledger): void {
  const held = daiHeld(l);
  const debt = daiDebt(l);
  if (held !== debt) throw new Error(`maker ledger: Dai held ${held} ≠ Dai debt ${debt} (difference ${held - debt} rad)`);
  const eth = ethAccounted(l);
  if (eth !== l.ethAtStart) throw new Error(`maker ledger: ETH accounted ${eth} ≠ ETH at start ${l.ethAtStart}`);
  for (const [k, v] of Object.entries({
    daiFloat: l.daiFloat,
    daiKeepers: l.daiKeepers,
    daiArbs: l.daiArbs,
    daiVow: l.daiVow,
    Art: l.Art,
    Ink: l.Ink,
    ethAuctions: l.ethAuctions,
  }))
    if (v < 0n) throw new Error(`maker ledger: ${k} is negative (${v})`);
}

/**
 * Jug and Pot `drip` over the time since the last one: the rate grows by the stability fee and the Vat `fold`s the
 * new debt to the Vow; chi grows by the DSR and the Vat `suck`s Pie · Δchi from the Vow (as sin) to the Pot.
 */
export function drip(l: Ledger, t: number, duty: bigint, dsr: bigint): { feeRad: bigint; dsrRad: bigint } {
  const elapsed = BigInt(Math.floor(t) - Math.floor(l.rho));
  if (elapsed <= 0n) return { feeRad: 0n, dsrRad: 0n };
  const rate = jugDrip(l.rate, duty, 0n, elapsed);
  const feeRad = foldDai(l.Art, rate - l.rate);
  l.rate = rate;
  l.daiVow += feeRad;
  const chi = potDrip(l.chi, dsr, elapsed);
  const dsrRad = l.Pie * (chi - l.chi);
  l.chi = chi;
  l.vice += dsrRad;
  l.rho = Math.floor(t);
  return { feeRad, dsrRad };
}

/**
 * The OSM's pokes up to time t (one per hop, at multiples of OSM_HOP_S): cur ← nxt, nxt ← the median's price (the
 * world's ETH price at the clear), then the Spotter pokes: spot = cur / par / mat.
 */
export function pokeOracle(l: Ledger, t: number, ethUsd: number, mat: bigint): void {
  let poked = false;
  while (t >= l.osmZzz + OSM_HOP_S) {
    l.osmZzz += OSM_HOP_S;
    l.osmCur = l.osmNxt;
    l.osmNxt = toFixed(ethUsd, WAD);
    poked = true;
  }
  if (poked) l.spot = spotPrice(l.osmCur, RAY, mat);
}

/** The Vow's surplus: Dai it holds less the sin it carries [rad] (negative: a deficit, what a debt auction would cover). */
export function surplus(l: Ledger): bigint {
  return l.daiVow - l.vice;
}
