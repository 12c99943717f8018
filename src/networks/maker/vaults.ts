import { getPair, type PairColumns, readPair, setPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import { hashNormal, hashUniform } from '../../engine/hash-draws.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import type { MakerPublic } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { isSafe } from './protocol.ts';
import { WAD_PAIR } from './terms.ts';

/** Owner kinds: checks every reviewHours, every lateReviewHours, or never acts. */
export const ATTENTIVE = 0;
export const LATE = 1;
export const NEVER = 2;
/** A vault an outside investor holds through the port (capital-port.ts): it acts only when its investor does. */
export const INVESTOR = 3;

export const VAULT_SCHEMA = {
  inkHi: 'f64',
  inkLo: 'f64',
  artHi: 'f64',
  artLo: 'f64',
  target: 'f32',
  feeTolerance: 'f32',
  kind: 'u8',
  topUp: 'u8',
} as const;

/** A vault at t = 0, a pure function of (seed, global id): the shard that owns it and the market (summing totals) agree. */
export interface VaultAtStart {
  ink: bigint;
  art: bigint;
  target: number;
  feeTolerance: number;
  kind: number;
  topUp: boolean;
}

/** Micro-units of a token as an exact WAD (10^12 wei per micro-unit). */
export const microToWad = (x: number): bigint => BigInt(Math.max(0, Math.floor(x * 1e6))) * 10n ** 12n;

/**
 * Vault `id` at t = 0: log-normal debt around debtPerVaultDai and target ratio around collateralRatioMedian (never
 * under 1.05 × the liquidation ratio `mat`: a vault opens safe), its owner's kind, fee tolerance and habit.
 */
export function vaultAtStart(cfg: MakerConfig, seed: number, id: number, ethUsd: number, mat: number): VaultAtStart {
  const debt = cfg.debtPerVaultDai * Math.exp(1.5 * hashNormal(seed, id, 1));
  const target = Math.max(1.05 * mat, cfg.collateralRatioMedian * Math.exp(cfg.collateralRatioSigma * hashNormal(seed, id, 2)));
  const u = hashUniform(seed, id, 3);
  const kind = u < cfg.neverShare ? NEVER : u < cfg.neverShare + (1 - cfg.neverShare) * cfg.attentiveShare ? ATTENTIVE : LATE;
  return {
    // Opened at its target ratio at the starting price, with at least 1 micro-ETH.
    ink: microToWad(Math.max(1e-6, (debt * target) / ethUsd)),
    art: microToWad(debt),
    target,
    feeTolerance: cfg.feeTolerance * Math.exp(0.5 * hashNormal(seed, id, 4)),
    kind,
    topUp: hashUniform(seed, id, 5) < cfg.topUpShare,
  };
}

export interface Vaults {
  readonly population: Population<typeof VAULT_SCHEMA>;
  readonly ink: PairColumns;
  readonly art: PairColumns;
  /** Global id of the first vault of this shard. */
  readonly firstId: number;
  /** Owners' vaults (indices below); the investors' vaults follow, `investorSlots` of them, with global ids from investorBase. */
  readonly regular: number;
  readonly investorBase: number;
  readonly rng: RandomStream;
  readonly actVault: Int32List;
  readonly actDelta: Float64List;
  readonly meanReviewS: Float64Array;
  /** Four doubles of scratch for writing pairs. */
  readonly scratch: Float64Array;
}

export function createVaults(cfg: MakerConfig, ctx: ShardContext, ethUsd: number, mat: number): Vaults {
  const { start, end } = shardRange(cfg.vaults, ctx.index, ctx.count);
  const population = new Population(VAULT_SCHEMA, end - start + cfg.investorSlots);
  const c = population.columns;
  const ink: PairColumns = { hi: c.inkHi, lo: c.inkLo, overflow: new Map() };
  const art: PairColumns = { hi: c.artHi, lo: c.artLo, overflow: new Map() };
  for (let id = start; id < end; id++) {
    const i = population.add();
    const v = vaultAtStart(cfg, ctx.seed, id, ethUsd, mat);
    setPair(ink, i, v.ink, WAD_PAIR);
    setPair(art, i, v.art, WAD_PAIR);
    c.target[i] = v.target;
    c.feeTolerance[i] = v.feeTolerance;
    c.kind[i] = v.kind;
    c.topUp[i] = v.topUp ? 1 : 0;
  }
  for (let k = 0; k < cfg.investorSlots; k++) {
    const i = population.add();
    c.kind[i] = INVESTOR;
    c.target[i] = cfg.investorVaultRatio;
  }
  const meanReviewS = Float64Array.from([cfg.reviewHours * 3600, cfg.lateReviewHours * 3600, Infinity, Infinity]);
  return {
    population,
    ink,
    art,
    firstId: start,
    regular: end - start,
    investorBase: cfg.vaults + ctx.index * cfg.investorSlots,
    rng: ctx.stream('vaults'),
    actVault: new Int32List(),
    actDelta: new Float64List(),
    meanReviewS,
    scratch: new Float64Array(4),
  };
}

/** Seconds to the owner's next check (exponential); Infinity for owners who never act. */
export function nextReviewDelayS(v: Vaults, i: number): number {
  const mean = v.meanReviewS[v.population.columns.kind[i]!]!;
  return Number.isFinite(mean) ? v.rng.exponential(mean) : Infinity;
}

/** The published rate and spot as bigints, and as doubles for screening (cached per public state). */
export interface IlkView {
  readonly rate: bigint;
  readonly spot: bigint;
  readonly dust: bigint;
  readonly rateD: number;
  readonly spotD: number;
  readonly dustDai: number;
}

export function ilkView(pub: MakerPublic): IlkView {
  const rate = BigInt(pub.rate);
  const spot = BigInt(pub.spot);
  const dust = BigInt(pub.dust);
  return { rate, spot, dust, rateD: Number(rate) / 1e27, spotD: Number(spot) / 1e27, dustDai: Number(dust) / 1e45 };
}

function post(v: Vaults, i: number, dink: bigint, dart: bigint): void {
  if (!writeSignedPair(dink, v.scratch, 0, WAD_PAIR) || !writeSignedPair(dart, v.scratch, 2, WAD_PAIR))
    throw new RangeError(`maker vault ${i}: a change too large for a pair`);
  v.actVault.push(i);
  for (let k = 0; k < 4; k++) v.actDelta.push(v.scratch[k]!);
}

/** Applies a change to the vault's own ink and art (after the decision, before posting it). */
export function apply(v: Vaults, i: number, dink: bigint, dart: bigint): void {
  setPair(v.ink, i, getPair(v.ink, i, WAD_PAIR) + dink, WAD_PAIR);
  setPair(v.art, i, getPair(v.art, i, WAD_PAIR) + dart, WAD_PAIR);
  post(v, i, dink, dart);
}

/**
 * An owner's check of its vault, at the market ETH price it can see (not the OSM's, an hour old): when the
 * collateral ratio has fallen under actRatio × target, it adds ETH (owners with topUp) or repays DAI back to its
 * target (as far as the Dai its shard may buy from holders in the window allows, and only while DAI costs at most
 * 1 + repayPremiumMax); when it has risen over drawRatio × target (or over its target while DAI trades above 1 + pegThreshold), it
 * draws DAI up to its target (only while safe at the published spot, above dust, and within the shard's room under
 * the ceilings); when the stability fee exceeds its tolerance it repays a tenth of its debt, and when DAI trades
 * under 1 − pegThreshold a fifth. Debt below dust is repaid in full. Returns the new debt drawn (DAI) for the room count.
 */
export interface Rooms {
  /** New debt this shard may still draw in the window, and Dai its owners may still buy to repay (DAI). */
  draw: number;
  repay: number;
}

export function reviewVault(v: Vaults, i: number, pub: MakerPublic, ilk: IlkView, cfg: MakerConfig, rooms: Rooms): void {
  const c = v.population.columns;
  if (c.kind[i] === NEVER || c.kind[i] === INVESTOR) return;
  const ink = getPair(v.ink, i, WAD_PAIR);
  const art = getPair(v.art, i, WAD_PAIR);
  if (art === 0n) return; // closed (liquidated in full or repaid)
  const debtDai = (Number(art) / 1e18) * ilk.rateD;
  const valueUsd = (Number(ink) / 1e18) * pub.ethUsd;
  const ratio = valueUsd / debtDai;
  const target = c.target[i]!;
  /** Repays (dart < 0) as far as the holders' Dai the shard may still buy allows; a wipe that would leave dust is not made. */
  const wipe = (dart: bigint): void => {
    if (dart >= 0n || pub.daiUsd > 1 + cfg.repayPremiumMax) return;
    const dai = (Number(-dart) / 1e18) * ilk.rateD;
    if (dai > rooms.repay) {
      const part = -microToWad(rooms.repay / ilk.rateD);
      if (part >= 0n || (art + part) * ilk.rate < ilk.dust) return;
      dart = part;
    }
    rooms.repay -= (Number(-dart) / 1e18) * ilk.rateD;
    apply(v, i, 0n, dart);
  };
  const wipeTo = (keepDai: number): bigint => {
    if (keepDai < ilk.dustDai * 1.0001) return -art;
    const keepArt = microToWad(keepDai / ilk.rateD);
    return keepArt >= art ? 0n : keepArt - art;
  };
  if (ratio < cfg.actRatio * target) {
    if (c.topUp[i]) {
      const dink = microToWad((target * debtDai) / pub.ethUsd - Number(ink) / 1e18);
      if (dink > 0n) apply(v, i, dink, 0n);
    } else {
      wipe(wipeTo(valueUsd / target));
    }
    return;
  }
  if (pub.stabilityFee > c.feeTolerance[i]! || pub.daiUsd < 1 - cfg.pegThreshold) {
    wipe(wipeTo(debtDai * (pub.daiUsd < 1 - cfg.pegThreshold ? 0.8 : 0.9)));
    return;
  }
  if (ratio > cfg.drawRatio * target || (pub.daiUsd > 1 + cfg.pegThreshold && ratio > target)) {
    const wantDai = Math.min(valueUsd / target - debtDai, rooms.draw);
    const dart = microToWad(wantDai / ilk.rateD);
    if (dart > 0n && isSafe(ink, art + dart, ilk.rate, ilk.spot) && (art + dart) * ilk.rate >= ilk.dust) {
      apply(v, i, 0n, dart);
      rooms.draw -= (Number(dart) / 1e18) * ilk.rateD;
    }
  }
}

/** Applies the market's grabs of this shard's vaults (bark or bite): [index, dink hi, dink lo, dart hi, dart lo] × n. */
export function applyGrabs(v: Vaults, grabs: Float64Array | undefined): void {
  if (!grabs) return;
  for (let k = 0; k < grabs.length; k += 5) {
    const i = grabs[k]!;
    const dink = readPair(grabs, k + 1, WAD_PAIR);
    const dart = readPair(grabs, k + 3, WAD_PAIR);
    setPair(v.ink, i, getPair(v.ink, i, WAD_PAIR) - dink, WAD_PAIR);
    setPair(v.art, i, getPair(v.art, i, WAD_PAIR) - dart, WAD_PAIR);
  }
}

/** Vaults unsafe at the published spot and rate, with their exact state: screened in doubles, confirmed in bigint. */
export function unsafeVaults(v: Vaults, ilk: IlkView): { unsafeVault: Int32Array; unsafeState: Float64Array; unsafeId: Int32Array } {
  const ids = new Int32List();
  const state = new Float64List();
  const c = v.population.columns;
  const tmp = new Float64Array(4);
  for (let i = 0; i < v.population.size; i++) {
    const inkD = c.inkHi[i]!;
    const artD = c.artHi[i]!;
    if (artD === 0 && c.artLo[i] === 0) continue;
    if (inkD * ilk.spotD > artD * ilk.rateD * 1.000001 && !Number.isNaN(inkD) && !Number.isNaN(artD)) continue;
    const ink = getPair(v.ink, i, WAD_PAIR);
    const art = getPair(v.art, i, WAD_PAIR);
    if (isSafe(ink, art, ilk.rate, ilk.spot)) continue;
    ids.push(i);
    writeSignedPair(ink, tmp, 0, WAD_PAIR);
    writeSignedPair(art, tmp, 2, WAD_PAIR);
    for (let k = 0; k < 4; k++) state.push(tmp[k]!);
  }
  const unsafeVault = ids.take();
  return { unsafeVault, unsafeState: state.take(), unsafeId: unsafeVault.map((i) => (i < v.regular ? v.firstId + i : v.investorBase + i - v.regular)) };
}

/** Hands the window's owner actions to the orders. */
export function takeVaultActions(v: Vaults): { actVault: Int32Array; actDelta: Float64Array; regularVaults: number } {
  return { actVault: v.actVault.take(), actDelta: v.actDelta.take(), regularVaults: v.regular };
}
