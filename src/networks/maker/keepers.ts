import { hashNormal, hashUniform } from '../../engine/hash-draws.ts';
import type { MakerConfig } from './params.ts';

/** auction-keeper's gas strategy (makerdao/auction-keeper `auction_keeper/gas.py` DynamicGasPrice): ×1.125 every 42 s. */
export const GAS_BUMP = 1.125;
export const GAS_BUMP_EVERY_S = 42;

/**
 * Seconds until a transaction that starts at `start` × the network's gas price and bumps ×1.125 every 42 s pays at
 * least the network's price, or Infinity when that would take more than the keeper's maximum; and the price it lands
 * at (gwei). With a start at or above the network's price it lands in the next block (0 s here).
 */
export function gasLanding(networkGwei: number, start: number, maxGwei: number): { delayS: number; gwei: number } {
  if (networkGwei > maxGwei) return { delayS: Infinity, gwei: Infinity };
  if (start >= 1) return { delayS: 0, gwei: networkGwei * start };
  const bumps = Math.ceil(Math.log(1 / start) / Math.log(GAS_BUMP) - 1e-12);
  const gwei = Math.min(maxGwei, networkGwei * start * GAS_BUMP ** bumps);
  return { delayS: bumps * GAS_BUMP_EVERY_S, gwei };
}

/** Keeper kinds. */
export const AUCTION = 0;
export const ARBITRAGE = 1;

/**
 * Keepers (few, so they live in the market as typed-array columns): auction keepers and arbitrage keepers, those
 * running at t = 0, the candidates that may enter, and the slots outside investors can fill (capital-port.ts). Each
 * has its latency, gas budget and first-gas share, required margin, capital, whether it takes with a flash swap, and
 * whether it lowballs Flipper auctions; each books what it earned and paid.
 */
export interface Keepers {
  readonly n: number;
  readonly kind: Uint8Array;
  readonly active: Uint8Array;
  /** Filled by an outside investor (slot of the port). */
  readonly investor: Uint8Array;
  readonly latencyS: Float64Array;
  readonly maxGwei: Float64Array;
  readonly gasStart: Float64Array;
  readonly margin: Float64Array;
  readonly flash: Uint8Array;
  readonly lowball: Uint8Array;
  /** Dai each keeper holds [rad] (bids are paid from it; profits and incentives land in it). */
  readonly dai: bigint[];
  /** Capital each keeper started with (DAI) and whether it is committed to a live Flipper bid. */
  readonly capitalDai: Float64Array;
  /** Its transactions on their way (at most keeperConcurrency). */
  readonly pending: Int32Array;
  /** USD: incentives and trading gains, gas, bot costs, since it started. */
  readonly earnedUsd: Float64Array;
  readonly gasUsd: Float64Array;
  readonly botUsd: Float64Array;
  /** Net USD per day, smoothed over keeperMemoryDays; days active. */
  readonly netPerDay: Float64Array;
  readonly daysActive: Float64Array;
  readonly earnedAtLastReview: Float64Array;
}

/** Keepers at t = 0: auction keepers (running, then candidates), arbitrage keepers, then `investorSlots` empty slots of each kind. */
export function createKeepers(cfg: MakerConfig, seed: number, investorSlots: number): Keepers {
  const nAuction = cfg.auctionKeepers + cfg.auctionKeeperCandidates;
  const n = nAuction + cfg.arbKeepers + 2 * investorSlots;
  const k: Keepers = {
    n,
    kind: new Uint8Array(n),
    active: new Uint8Array(n),
    investor: new Uint8Array(n),
    latencyS: new Float64Array(n),
    maxGwei: new Float64Array(n),
    gasStart: new Float64Array(n),
    margin: new Float64Array(n),
    flash: new Uint8Array(n),
    lowball: new Uint8Array(n),
    dai: new Array<bigint>(n).fill(0n),
    capitalDai: new Float64Array(n),
    pending: new Int32Array(n),
    earnedUsd: new Float64Array(n),
    gasUsd: new Float64Array(n),
    botUsd: new Float64Array(n),
    netPerDay: new Float64Array(n),
    daysActive: new Float64Array(n),
    earnedAtLastReview: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    const slot = j >= nAuction + cfg.arbKeepers;
    const auction = j < nAuction || (slot && (j - nAuction - cfg.arbKeepers) % 2 === 0);
    k.kind[j] = auction ? AUCTION : ARBITRAGE;
    k.investor[j] = slot ? 1 : 0;
    k.active[j] = !slot && (j < cfg.auctionKeepers || (j >= nAuction && j < nAuction + cfg.arbKeepers)) ? 1 : 0;
    k.latencyS[j] = cfg.keeperLatencySeconds * Math.exp(0.5 * hashNormal(seed, j, 11));
    k.maxGwei[j] = cfg.keeperMaxGasGwei * Math.exp(0.5 * hashNormal(seed, j, 12));
    k.capitalDai[j] = auction ? cfg.keeperCapitalDai : cfg.arbCapitalUsd;
    k.gasStart[j] = cfg.keeperGasStart;
    k.margin[j] = cfg.keeperMargin * Math.exp(0.5 * hashNormal(seed, j, 13));
    k.flash[j] = hashUniform(seed, j, 14) < cfg.flashShare ? 1 : 0;
    k.lowball[j] = auction && j < cfg.lowballKeepers ? 1 : 0;
    if (k.lowball[j]) k.maxGwei[j] = cfg.lowballMaxGasGwei * Math.exp(0.5 * hashNormal(seed, j, 12));
    if (!auction) k.maxGwei[j] = cfg.arbMaxGasGwei * Math.exp(0.5 * hashNormal(seed, j, 12));
  }
  return k;
}

/** Seconds from a chance appearing to keeper j's transaction landing at the network's gas price now (Infinity: it never lands). */
export function landingDelayS(k: Keepers, j: number, gasGwei: number): number {
  return k.latencyS[j]! + gasLanding(gasGwei, k.gasStart[j]!, k.maxGwei[j]!).delayS;
}

/** Gas paid by keeper j for a transaction of `units` gas at the network's price now, USD (booked as its friction). */
export function payGas(k: Keepers, j: number, units: number, gasGwei: number, ethUsd: number): number {
  const { gwei } = gasLanding(gasGwei, k.gasStart[j]!, k.maxGwei[j]!);
  if (!Number.isFinite(gwei)) throw new RangeError(`maker keeper ${j}: paying gas for a transaction that cannot land (${gasGwei} gwei over its maximum)`);
  const usd = units * gwei * 1e-9 * ethUsd;
  k.gasUsd[j]! += usd;
  return usd;
}

/**
 * Once a day, each running keeper books its bot cost and updates its smoothed net income; one that has run at least
 * keeperMemoryDays at a smoothed loss leaves, and one candidate (of the kind) enters when the running keepers of that
 * kind covered their costs on average. Investors' slots enter and leave only through the port.
 */
export function reviewKeepers(k: Keepers, cfg: MakerConfig, days: number): { entries: number; exits: number } {
  const w = Math.min(1, days / cfg.keeperMemoryDays);
  const avg = [0, 0];
  const count = [0, 0];
  let exits = 0;
  for (let j = 0; j < k.n; j++) {
    if (!k.active[j]) continue;
    const bot = cfg.keeperBotCostUsdPerDay * days;
    k.botUsd[j]! += bot;
    const net = (k.earnedUsd[j]! - k.earnedAtLastReview[j]! - bot) / days;
    k.earnedAtLastReview[j] = k.earnedUsd[j]!;
    k.netPerDay[j] = k.daysActive[j]! === 0 ? net : (1 - w) * k.netPerDay[j]! + w * net;
    k.daysActive[j]! += days;
    avg[k.kind[j]!]! += k.netPerDay[j]! - 0;
    count[k.kind[j]!]!++;
    if (!k.investor[j] && k.daysActive[j]! >= cfg.keeperMemoryDays && k.netPerDay[j]! < 0 && k.pending[j] === 0) {
      k.active[j] = 0;
      exits++;
    }
  }
  let entries = 0;
  for (const kind of [0, 1]) {
    if (!(count[kind]! > 0 && avg[kind]! / count[kind]! > 0)) continue;
    for (let j = 0; j < k.n; j++) {
      if (k.active[j] || k.investor[j] || k.kind[j] !== kind || k.daysActive[j]! > 0) continue;
      k.active[j] = 1;
      entries++;
      break;
    }
  }
  return { entries, exits };
}

/**
 * Auction keepers hold their DAI capital from the start, bought from holders before t = 0: keeperCapitalDai each,
 * together at most a fifth of holders' float. Investors' slots are funded through the port.
 */
export function fundAuctionKeepers(k: Keepers, l: { daiFloat: bigint; daiKeepers: bigint }, capitalDai: number): void {
  let holders = 0;
  for (let j = 0; j < k.n; j++) if (k.kind[j] === AUCTION && !k.investor[j]) holders++;
  if (holders === 0) return;
  const most = l.daiFloat / 5n / BigInt(holders);
  const want = BigInt(Math.floor(capitalDai)) * 10n ** 45n;
  const give = want < most ? want : most;
  for (let j = 0; j < k.n; j++) {
    if (k.kind[j] !== AUCTION || k.investor[j]) continue;
    k.dai[j] = give;
    l.daiFloat -= give;
    l.daiKeepers += give;
  }
}
