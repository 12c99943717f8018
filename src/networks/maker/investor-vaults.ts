import { getPair } from '../../engine/fixed-point-pairs.ts';
import type { PositionValue } from '../../engine/network.ts';
import type { MakerPublic } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { WAD_PAIR } from './terms.ts';
import { apply, type IlkView, microToWad, type Vaults } from './vaults.ts';

const PENDING = 0;
const OPEN = 1;
const DONE = 2;
const REFUSED = 3;

/**
 * The port's `vault` role, shard side: an outside investor opens a vault in one of its shard's investor vault slots
 * (vaults.ts, kind INVESTOR), locks ETH bought with its capital at the world's price and draws DAI to
 * `investorVaultRatio`, and holds that DAI. The vault pays the stability fee, can be barked like any other, and on exit
 * is wiped and freed; the ETH is sold at the world's price. Frictions by name: `gas` (opening and closing),
 * `stability_fee` (debt accrued since opening), `liquidation` (collateral taken beyond the debt it covered).
 * DAI at face value: capital − frictions = active + withdrawable + collected at a constant ETH price (with a moving one
 * the difference is revaluation of the ETH).
 */
export interface VaultPosition {
  readonly capitalUsd: number;
  state: number;
  slot: number;
  /** The vault's ink and art as last seen [wad], the DAI drawn and held (face), the rate last seen. */
  ink: bigint;
  art: bigint;
  daiHeld: number;
  rate: number;
  cashUsd: number;
  collectedUsd: number;
  exitAsked: boolean;
  readonly frictions: { gas: number; stability_fee: number; liquidation: number };
}

export function newVaultPosition(capitalUsd: number): VaultPosition {
  return {
    capitalUsd,
    state: PENDING,
    slot: -1,
    ink: 0n,
    art: 0n,
    daiHeld: 0,
    rate: 1,
    cashUsd: 0,
    collectedUsd: 0,
    exitAsked: false,
    frictions: { gas: 0, stability_fee: 0, liquidation: 0 },
  };
}

const wad = (x: bigint) => Number(x) / 1e18;

/** A free investor slot (no vault of a live position in it, and empty), or −1. */
function freeSlot(v: Vaults, used: readonly VaultPosition[]): number {
  for (let i = v.regular; i < v.population.size; i++)
    if (!used.some((p) => p.slot === i && p.state === OPEN) && getPair(v.ink, i, WAD_PAIR) === 0n && getPair(v.art, i, WAD_PAIR) === 0n) return i;
  return -1;
}

/**
 * The investors' vaults in a window, before the owners act: open what was asked (or refuse, capital back), book the
 * fee accrued and any grab since the last window, and close what is leaving (wipe and free through the shard's vault
 * changes, ETH sold at the world's price).
 */
export function stepVaultPositions(v: Vaults, list: VaultPosition[], pub: MakerPublic, ilk: IlkView, cfg: MakerConfig, gasGwei: number): void {
  const eth = pub.ethUsd;
  const gasUsd = cfg.gasVault * gasGwei * 1e-9 * eth;
  for (const p of list) {
    if (p.state === PENDING) {
      const slot = freeSlot(v, list);
      if (slot < 0 || p.capitalUsd <= gasUsd) {
        p.state = REFUSED;
        p.cashUsd = p.capitalUsd;
        continue;
      }
      p.frictions.gas += gasUsd;
      const ink = microToWad((p.capitalUsd - gasUsd) / eth);
      // Draw to the target ratio, within what the published spot allows, or nothing when that would be dust.
      const want = Math.min((wad(ink) * eth) / (cfg.investorVaultRatio * ilk.rateD), ((wad(ink) * ilk.spotD) / ilk.rateD) * 0.999);
      let art = microToWad(want);
      if (wad(art) * ilk.rateD < ilk.dustDai) art = 0n;
      apply(v, slot, ink, art);
      p.slot = slot;
      p.ink = ink;
      p.art = art;
      p.rate = ilk.rateD;
      p.daiHeld = wad(art) * ilk.rateD;
      p.cashUsd = p.capitalUsd - gasUsd - wad(ink) * eth;
      p.state = OPEN;
      continue;
    }
    if (p.state !== OPEN) continue;
    // Grabs since the last window: collateral taken beyond the debt it covered is lost.
    const ink = getPair(v.ink, p.slot, WAD_PAIR);
    const art = getPair(v.art, p.slot, WAD_PAIR);
    if (ink < p.ink || art < p.art) {
      p.frictions.liquidation += wad(p.ink - ink) * eth - wad(p.art - art) * p.rate;
      p.ink = ink;
      p.art = art;
    }
    p.frictions.stability_fee += wad(p.art) * (ilk.rateD - p.rate);
    p.rate = ilk.rateD;
    if (!p.exitAsked) continue;
    p.frictions.gas += gasUsd;
    if (p.ink > 0n || p.art > 0n) apply(v, p.slot, -p.ink, -p.art);
    p.cashUsd += wad(p.ink) * eth + p.daiHeld - wad(p.art) * p.rate - gasUsd;
    p.ink = 0n;
    p.art = 0n;
    p.daiHeld = 0;
    p.state = DONE;
  }
}

/** Where a vault position's capital is, USD (its ink at the world's price; DAI held and debt at face). */
export function vaultPositionValue(p: VaultPosition, ethUsd: number): PositionValue {
  const withdrawable = p.cashUsd - p.collectedUsd;
  if (p.state === PENDING) return { activeUsd: 0, inTransitUsd: p.capitalUsd, withdrawableUsd: 0, closed: false };
  if (p.state === OPEN)
    return { activeUsd: wad(p.ink) * ethUsd + p.daiHeld - wad(p.art) * p.rate, inTransitUsd: 0, withdrawableUsd: withdrawable, closed: false };
  return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: withdrawable, closed: withdrawable <= 1e-9 };
}
