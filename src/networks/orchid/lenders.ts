import type { RandomStream } from '../../engine/rng.ts';
import { type OxtLedger, pullStake, stakeFromWallet, takeMatured } from './oxt-ledger.ts';
import type { OrchidConfig } from './params.ts';
import { stakeOf } from './protocol.ts';
import { LENDER_IDLE, LENDER_LENDING, LENDER_WITHDRAWING, microOxt, SECONDS_PER_DAY, toOxt } from './units.ts';

/**
 * Stake lenders, an optional agent kind (docs/faq.md: "Any OXT holder can stake their OXT tokens on providers of their
 * choosing ... combined with a revenue sharing contract"): an OXT holder stakes on a relay's address (staker ≠ stakee)
 * and the relay pays it `lenderShare` of the income that stake brings in. Few, so they live in the market. An idle
 * lender lends all its OXT to the relay whose income per staked OXT promises the best return, when that clears its
 * hurdle; a lender judges its own income over its memory after memoryDays and pulls its stake after
 * `exitAfterReviews` reviews below the hurdle, or at once when its relay stops serving; the OXT comes back after the
 * stake's delay.
 */
export interface Lenders {
  readonly n: number;
  /** Staker id of lender 0 (lender j is staker firstStaker + j). */
  readonly firstStaker: number;
  readonly status: Uint8Array;
  readonly relay: Int32Array;
  readonly hurdleAnnual: Float64Array;
  readonly nextReviewS: Float64Array;
  readonly belowHurdle: Int32Array;
  readonly sinceS: Float64Array;
  /** Bias-corrected EWMA of the income received (USD a day). */
  readonly emaIncome: Float64Array;
  readonly emaWeight: Float64Array;
}

export function createLenders(cfg: OrchidConfig, firstStaker: number, rng: RandomStream, ledger: OxtLedger): Lenders {
  const n = cfg.lenders;
  const l: Lenders = {
    n,
    firstStaker,
    status: new Uint8Array(n),
    relay: new Int32Array(n).fill(-1),
    hurdleAnnual: new Float64Array(n),
    nextReviewS: new Float64Array(n),
    belowHurdle: new Int32Array(n),
    sinceS: new Float64Array(n),
    emaIncome: new Float64Array(n),
    emaWeight: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    ledger.wallet[firstStaker + j] = microOxt(cfg.lenderOxt * Math.exp(rng.normal()));
    l.hurdleAnnual[j] = cfg.lenderHurdleAnnual * Math.exp(cfg.hurdleSigma * rng.normal());
    l.nextReviewS[j] = rng.exponential(cfg.lenderReviewDays * SECONDS_PER_DAY);
  }
  return l;
}

/** The annual return a lender expects from lending to a relay earning `incomePerOxtDay` (USD a day per staked OXT). */
export function lenderExpectedReturn(incomePerOxtDay: number, lenderShare: number, oxtUsd: number): number {
  return oxtUsd > 0 ? (lenderShare * incomePerOxtDay * 365) / oxtUsd : -Infinity;
}

/** The serving relay with the highest income per staked OXT (ties: the lowest index), or -1. */
export function bestRelayToLend(incomePerOxtDay: Float64Array, serving: Uint8Array): number {
  let best = -1;
  for (let r = 0; r < serving.length; r++) if (serving[r] === 1 && (best < 0 || incomePerOxtDay[r]! > incomePerOxtDay[best]!)) best = r;
  return best;
}

/**
 * A lending lender's review: it withdraws at once when its relay no longer serves; otherwise, below its hurdle it
 * counts the review and withdraws at the `exitAfterReviews`-th in a row, and at or above it the count restarts.
 */
export function lendingDecision(
  returnAnnual: number,
  hurdleAnnual: number,
  belowBefore: number,
  relayServes: boolean,
  exitAfterReviews: number,
): { withdraw: boolean; below: number } {
  if (!relayServes) return { withdraw: true, below: belowBefore };
  if (returnAnnual < hurdleAnnual) {
    const below = belowBefore + 1;
    return { withdraw: below >= exitAfterReviews, below };
  }
  return { withdraw: false, below: 0 };
}

/** Books what lender j received in a window (USD) into its income memory. */
export function closeLenderWindow(l: Lenders, j: number, incomeUsd: number, dtS: number, memoryDays: number): void {
  if (l.status[j] !== LENDER_LENDING || dtS <= 0) return;
  const dtDays = dtS / SECONDS_PER_DAY;
  const a = 1 - Math.exp(-dtDays / memoryDays);
  l.emaIncome[j] = (1 - a) * l.emaIncome[j]! + (a * incomeUsd) / dtDays;
  l.emaWeight[j] = (1 - a) * l.emaWeight[j]! + a;
}

export interface LenderContext {
  readonly now: number;
  readonly oxtUsd: number;
  readonly incomePerOxtDay: Float64Array;
  readonly serving: Uint8Array;
}

/** Every lender whose review is due by `now`, in index order; returns loans made and loans withdrawn. */
export function reviewLenders(l: Lenders, ledger: OxtLedger, cfg: OrchidConfig, ctx: LenderContext, rng: RandomStream): { lent: number; withdrawn: number } {
  let lent = 0;
  let withdrawn = 0;
  for (let j = 0; j < l.n; j++) {
    const s = l.firstStaker + j;
    if (l.status[j] === LENDER_WITHDRAWING) {
      takeMatured(ledger, s, ctx.now);
      if (!ledger.tree.pendings.has(`${s}/0`)) l.status[j] = LENDER_IDLE;
    }
    if (l.nextReviewS[j]! > ctx.now) continue;
    l.nextReviewS[j] = ctx.now + rng.exponential(cfg.lenderReviewDays * SECONDS_PER_DAY);
    const noise = cfg.roiNoise * rng.normal();
    if (l.status[j] === LENDER_IDLE && ledger.wallet[s]! > 0) {
      const r = bestRelayToLend(ctx.incomePerOxtDay, ctx.serving);
      if (r < 0) continue;
      if (lenderExpectedReturn(ctx.incomePerOxtDay[r]!, cfg.lenderShare, ctx.oxtUsd) + noise > l.hurdleAnnual[j]!) {
        stakeFromWallet(ledger, s, r, ledger.wallet[s]!, cfg.relayDelayDays * SECONDS_PER_DAY);
        l.status[j] = LENDER_LENDING;
        l.relay[j] = r;
        l.sinceS[j] = ctx.now;
        l.belowHurdle[j] = 0;
        l.emaIncome[j] = 0;
        l.emaWeight[j] = 0;
        lent++;
      }
    } else if (l.status[j] === LENDER_LENDING) {
      const r = l.relay[j]!;
      const serves = ctx.serving[r] === 1;
      if (serves && ctx.now - l.sinceS[j]! < cfg.memoryDays * SECONDS_PER_DAY) continue;
      const stake = stakeOf(ledger.tree, s, r);
      const value = toOxt(stake) * ctx.oxtUsd;
      const income = l.emaWeight[j]! > 0 ? l.emaIncome[j]! / l.emaWeight[j]! : 0;
      const ret = value > 0 ? (income * 365) / value + noise : -Infinity;
      const d = lendingDecision(ret, l.hurdleAnnual[j]!, l.belowHurdle[j]!, serves, cfg.exitAfterReviews);
      l.belowHurdle[j] = d.below;
      if (d.withdraw) {
        pullStake(ledger, s, r, stake, ctx.now);
        l.status[j] = LENDER_WITHDRAWING;
        withdrawn++;
      }
    }
  }
  return { lent, withdrawn };
}
