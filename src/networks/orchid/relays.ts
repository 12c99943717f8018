import type { RandomStream } from '../../engine/rng.ts';
import { type OxtLedger, pullStake, stakeFromWallet, takeMatured } from './oxt-ledger.ts';
import type { OrchidConfig } from './params.ts';
import { have, heft, type StakeTree, stakeOf } from './protocol.ts';
import { MONTH_S, microOxt, RELAY_ACTIVE, RELAY_EXITING, RELAY_OUTSIDE, RELAY_UNUSED, SECONDS_PER_DAY, toOxt } from './units.ts';

/**
 * Relays, the agent kind that sells bandwidth: few, so they live in the market as typed-array columns. Each stakes OXT
 * on its own address in the directory (staker = stakee = its index) with a withdrawal delay, serves up to its capacity
 * in GB a day, pays transit per GB and hosting per day, and receives the lottery's winning tickets. Its decisions, at
 * review times: an active relay that has judged its return on stake below its hurdle for `exitAfterReviews` reviews
 * pulls all its stake (it stops being picked at once) and gets its OXT back only after its delay; one well above its
 * hurdle with spare capacity adds stake; a relay outside enters when its expected return clears its hurdle. Returns
 * are read with noise from an income memory (EWMA over memoryDays), and judged only after memoryDays in the role.
 */
export interface Relays {
  readonly n: number;
  readonly status: Uint8Array;
  /** 1 for the slots outside investors run (they decide through the port, not by review). */
  readonly investor: Uint8Array;
  readonly delayS: Float64Array;
  readonly capacityGbPerDay: Float64Array;
  readonly transitUsdPerGb: Float64Array;
  readonly hostingUsdPerDay: Float64Array;
  readonly hurdleAnnual: Float64Array;
  readonly nextReviewS: Float64Array;
  readonly belowHurdle: Int32Array;
  readonly activeSinceS: Float64Array;
  /**
   * Bias-corrected EWMAs (value / weight) of net income (USD a day), lottery income net of gas before lenders' shares
   * (USD a day) and utilisation.
   */
  readonly emaNet: Float64Array;
  readonly emaLottery: Float64Array;
  readonly emaUtil: Float64Array;
  readonly emaWeight: Float64Array;
  /** This window: capacity left (GB) and GB served. */
  readonly capLeftGb: Float64Array;
  readonly gbWindow: Float64Array;
  /** Since the relay last entered: net income (USD) and own stake x OXT price x days (USD·d), for its return on stake. */
  readonly netUsdSinceActive: Float64Array;
  readonly stakeUsdDaysSinceActive: Float64Array;
  /** Net income (USD) since an investor opened the slot. */
  readonly investorIncomeUsd: Float64Array;
  /** Lottery income of the current month (USD), and each relay's completed months in which it was active throughout. */
  readonly monthIncomeUsd: Float64Array;
  readonly monthlyIncomeUsd: number[][];
  month: number;
  /** Directory picks of each relay, and its stake share integrated over time (for selection against stake). */
  readonly picks: Float64Array;
  readonly stakeShareTime: Float64Array;
  readonly firstInvestor: number;
}

const lognormalAround = (rng: RandomStream, median: number, sigma: number) => median * Math.exp(sigma * rng.normal());

/** The delay a relay stakes with: the configured one, or (for a share shortDelayShare) one under the client minimum. */
function chooseDelay(cfg: OrchidConfig, rng: RandomStream): number {
  const min = cfg.minClientDelayDays * SECONDS_PER_DAY;
  return rng.next() < cfg.shortDelayShare ? min / 3 : cfg.relayDelayDays * SECONDS_PER_DAY;
}

/**
 * The relays at t = 0: `relays` staked by a Zipf law over `initialStakeOxt` (relay 0 the largest) with
 * relayWalletShare more in their wallets; `relayCandidates` outside with log-normal wallets; then the investor slots.
 */
export function createRelays(cfg: OrchidConfig, rng: RandomStream, ledger: OxtLedger): Relays {
  const n = cfg.relays + cfg.relayCandidates + cfg.investorRelaySlots;
  const r: Relays = {
    n,
    status: new Uint8Array(n),
    investor: new Uint8Array(n),
    delayS: new Float64Array(n),
    capacityGbPerDay: new Float64Array(n),
    transitUsdPerGb: new Float64Array(n),
    hostingUsdPerDay: new Float64Array(n),
    hurdleAnnual: new Float64Array(n),
    nextReviewS: new Float64Array(n),
    belowHurdle: new Int32Array(n),
    activeSinceS: new Float64Array(n),
    emaNet: new Float64Array(n),
    emaLottery: new Float64Array(n),
    emaUtil: new Float64Array(n),
    emaWeight: new Float64Array(n),
    capLeftGb: new Float64Array(n),
    gbWindow: new Float64Array(n),
    netUsdSinceActive: new Float64Array(n),
    stakeUsdDaysSinceActive: new Float64Array(n),
    investorIncomeUsd: new Float64Array(n),
    monthIncomeUsd: new Float64Array(n),
    monthlyIncomeUsd: Array.from({ length: n }, () => []),
    month: 0,
    picks: new Float64Array(n),
    stakeShareTime: new Float64Array(n),
    firstInvestor: cfg.relays + cfg.relayCandidates,
  };
  let zipfSum = 0;
  for (let i = 0; i < cfg.relays; i++) zipfSum += (i + 1) ** -cfg.stakeZipf;
  for (let i = 0; i < n; i++) {
    r.capacityGbPerDay[i] = lognormalAround(rng, cfg.capacityGbPerDay, cfg.costSigma);
    r.transitUsdPerGb[i] = lognormalAround(rng, cfg.transitUsdPerGb, cfg.costSigma);
    r.hostingUsdPerDay[i] = lognormalAround(rng, cfg.hostingUsdPerDay, cfg.costSigma);
    r.hurdleAnnual[i] = lognormalAround(rng, cfg.relayHurdleAnnual, cfg.hurdleSigma);
    r.nextReviewS[i] = rng.exponential(cfg.relayReviewDays * SECONDS_PER_DAY);
    r.delayS[i] = i < cfg.relays + cfg.relayCandidates ? chooseDelay(cfg, rng) : cfg.relayDelayDays * SECONDS_PER_DAY;
    if (i < cfg.relays) {
      const stake = Math.max(1, microOxt((cfg.initialStakeOxt * (i + 1) ** -cfg.stakeZipf) / zipfSum));
      ledger.wallet[i] = stake + microOxt(toOxt(stake) * cfg.relayWalletShare);
      stakeFromWallet(ledger, i, i, stake, r.delayS[i]!);
      r.status[i] = RELAY_ACTIVE;
    } else if (i < r.firstInvestor) {
      ledger.wallet[i] = microOxt(lognormalAround(rng, cfg.candidateOxt, 1));
      r.status[i] = RELAY_OUTSIDE;
    } else {
      r.status[i] = RELAY_UNUSED;
      r.investor[i] = 1;
    }
  }
  return r;
}

/** Books the directory's picks of each relay in a window and the share of stake it held over it (for selection against stake). */
export function bookPicks(r: Relays, tree: StakeTree, picks: readonly Float64Array[], dtS: number): void {
  const total = have(tree);
  if (total > 0) for (let i = 0; i < r.n; i++) r.stakeShareTime[i] = r.stakeShareTime[i]! + (heft(tree, i) / total) * dtS;
  for (const p of picks) for (let i = 0; i < p.length; i++) r.picks[i] = r.picks[i]! + p[i]!;
}

/** A relay redeems a winning ticket only when its payout exceeds the gas of the redemption. */
export function redeemPays(payoutNano: number, gasNano: number): boolean {
  return payoutNano > gasNano;
}

/** Starts a window: serving relays get `capacity x window` GB to serve. */
export function openRelayWindow(r: Relays, dtS: number): void {
  for (let i = 0; i < r.n; i++) {
    r.capLeftGb[i] = r.status[i] === RELAY_ACTIVE ? (r.capacityGbPerDay[i]! * dtS) / SECONDS_PER_DAY : 0;
    r.gbWindow[i] = 0;
  }
}

/**
 * Books one window of relay i: `grossUsd` its lottery income net of gas, `lotteryUsd` what it kept after paying its
 * lenders, less transit per GB served and hosting while it serves; the income memory, its return on own stake since
 * it entered, and its month.
 */
export function closeRelayWindow(
  r: Relays,
  i: number,
  grossUsd: number,
  lotteryUsd: number,
  dtS: number,
  ownStakeMicro: number,
  oxtUsd: number,
  memoryDays: number,
): void {
  const dtDays = dtS / SECONDS_PER_DAY;
  const active = r.status[i] === RELAY_ACTIVE;
  const costs = r.gbWindow[i]! * r.transitUsdPerGb[i]! + (active ? r.hostingUsdPerDay[i]! * dtDays : 0);
  const net = lotteryUsd - costs;
  if (r.investor[i] && r.status[i] !== RELAY_UNUSED) r.investorIncomeUsd[i] = r.investorIncomeUsd[i]! + net;
  if (!active || dtDays <= 0) return;
  r.monthIncomeUsd[i] = r.monthIncomeUsd[i]! + lotteryUsd;
  r.netUsdSinceActive[i] = r.netUsdSinceActive[i]! + net;
  r.stakeUsdDaysSinceActive[i] = r.stakeUsdDaysSinceActive[i]! + toOxt(ownStakeMicro) * oxtUsd * dtDays;
  const a = 1 - Math.exp(-dtDays / memoryDays);
  const capacity = r.capacityGbPerDay[i]! * dtDays;
  r.emaNet[i] = (1 - a) * r.emaNet[i]! + (a * net) / dtDays;
  r.emaLottery[i] = (1 - a) * r.emaLottery[i]! + (a * grossUsd) / dtDays;
  r.emaUtil[i] = (1 - a) * r.emaUtil[i]! + a * (capacity > 0 ? r.gbWindow[i]! / capacity : 0);
  r.emaWeight[i] = (1 - a) * r.emaWeight[i]! + a;
}

/** The income memory's estimate (bias-corrected: value / weight), or 0 before any window. */
export const remembered = (ema: Float64Array, weight: Float64Array, i: number): number => (weight[i]! > 0 ? ema[i]! / weight[i]! : 0);

/**
 * Closes the month that ended at `t` (months are 30 days from t = 0): each relay active throughout it records its
 * lottery income for the month; every accumulator restarts.
 */
export function closeMonths(r: Relays, t: number): void {
  const month = Math.floor(t / MONTH_S + 1e-9);
  while (r.month < month) {
    const start = r.month * MONTH_S;
    for (let i = 0; i < r.n; i++) {
      if (r.status[i] === RELAY_ACTIVE && r.activeSinceS[i]! <= start) r.monthlyIncomeUsd[i]!.push(r.monthIncomeUsd[i]!);
      r.monthIncomeUsd[i] = 0;
    }
    r.month++;
  }
}

/** What an active relay does at a review. */
export type RelayAction = 'hold' | 'add' | 'exit';

export interface RelayRule {
  readonly exitAfterReviews: number;
  readonly addStakeMargin: number;
  readonly targetUtilization: number;
}

/**
 * An active relay's review: below its hurdle it counts the review and exits (pulls all its stake) at the
 * `exitAfterReviews`-th in a row; at or above it the count restarts, and it adds stake when its return beats the
 * hurdle by `addStakeMargin`, its capacity is used below `targetUtilization` and it holds OXT to add.
 */
export function activeRelayDecision(
  roiAnnual: number,
  hurdleAnnual: number,
  belowBefore: number,
  utilization: number,
  canAdd: boolean,
  rule: RelayRule,
): { action: RelayAction; below: number } {
  if (roiAnnual < hurdleAnnual) {
    const below = belowBefore + 1;
    return { action: below >= rule.exitAfterReviews ? 'exit' : 'hold', below };
  }
  const add = roiAnnual > hurdleAnnual + rule.addStakeMargin && utilization < rule.targetUtilization && canAdd;
  return { action: add ? 'add' : 'hold', below: 0 };
}

/**
 * The annual return a relay outside expects from staking `walletOxt`: its share of picks walletOxt / (have + walletOxt)
 * of the network's lottery income (USD a day), capped by what its capacity can sell at the price, less transit on
 * those GB and hosting, over its stake's value.
 */
export function entryReturnAnnual(
  walletOxt: number,
  haveOxt: number,
  networkIncomeUsdPerDay: number,
  capacityGbPerDay: number,
  priceUsdPerGb: number,
  transitUsdPerGb: number,
  hostingUsdPerDay: number,
  oxtUsd: number,
): number {
  if (!(walletOxt > 0) || !(oxtUsd > 0)) return -Infinity;
  const share = walletOxt / (haveOxt + walletOxt);
  const income = Math.min(share * networkIncomeUsdPerDay, capacityGbPerDay * priceUsdPerGb);
  const gb = priceUsdPerGb > 0 ? income / priceUsdPerGb : 0;
  return ((income - gb * transitUsdPerGb - hostingUsdPerDay) * 365) / (walletOxt * oxtUsd);
}

/** What the relays read at a review. */
export interface ReviewContext {
  readonly now: number;
  readonly oxtUsd: number;
  readonly priceUsdPerGb: number;
  readonly networkIncomeUsdPerDay: number;
}

/** A relay's return on its own stake over its income memory, annualised (USD over the stake's USD value). */
export function rememberedReturnAnnual(r: Relays, i: number, ownStakeMicro: number, oxtUsd: number): number {
  const value = toOxt(ownStakeMicro) * oxtUsd;
  return value > 0 ? (remembered(r.emaNet, r.emaWeight, i) * 365) / value : -Infinity;
}

/**
 * Every relay whose review is due by `now` (in index order, once each): active relays that have been in their role
 * for memoryDays decide by `activeRelayDecision`, relays outside by `entryReturnAnnual`; both read their return with
 * noise (sd roiNoise). Investor slots are skipped. Returns the counts of entries and exits.
 */
export function reviewRelays(r: Relays, ledger: OxtLedger, cfg: OrchidConfig, ctx: ReviewContext, rng: RandomStream): { entries: number; exits: number } {
  let entries = 0;
  let exits = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.investor[i] || r.nextReviewS[i]! > ctx.now) continue;
    r.nextReviewS[i] = ctx.now + rng.exponential(cfg.relayReviewDays * SECONDS_PER_DAY);
    const noise = cfg.roiNoise * rng.normal();
    if (r.status[i] === RELAY_ACTIVE) {
      if (ctx.now - r.activeSinceS[i]! < cfg.memoryDays * SECONDS_PER_DAY) continue;
      const own = stakeOf(ledger.tree, i, i);
      const roi = rememberedReturnAnnual(r, i, own, ctx.oxtUsd) + noise;
      const util = remembered(r.emaUtil, r.emaWeight, i);
      const d = activeRelayDecision(roi, r.hurdleAnnual[i]!, r.belowHurdle[i]!, util, ledger.wallet[i]! > 0, cfg);
      r.belowHurdle[i] = d.below;
      if (d.action === 'exit') {
        exitRelay(r, ledger, i, ctx.now);
        exits++;
      } else if (d.action === 'add') {
        const add = Math.min(ledger.wallet[i]!, Math.max(1, Math.round(own * cfg.stakeStep)));
        stakeFromWallet(ledger, i, i, add, r.delayS[i]!);
      }
    } else if (r.status[i] === RELAY_OUTSIDE && ledger.wallet[i]! > 0) {
      const roi =
        entryReturnAnnual(
          toOxt(ledger.wallet[i]!),
          toOxt(have(ledger.tree)),
          ctx.networkIncomeUsdPerDay,
          r.capacityGbPerDay[i]!,
          ctx.priceUsdPerGb,
          r.transitUsdPerGb[i]!,
          r.hostingUsdPerDay[i]!,
          ctx.oxtUsd,
        ) + noise;
      if (roi > r.hurdleAnnual[i]!) {
        enterRelay(r, ledger, i, ledger.wallet[i]!, ctx.now);
        entries++;
      }
    }
  }
  return { entries, exits };
}

/** Relay i stakes `micro` of its wallet on itself and starts serving (the door investors' relays use too). */
export function enterRelay(r: Relays, ledger: OxtLedger, i: number, micro: number, now: number): void {
  stakeFromWallet(ledger, i, i, micro, r.delayS[i]!);
  r.status[i] = RELAY_ACTIVE;
  r.activeSinceS[i] = now;
  r.belowHurdle[i] = 0;
  r.emaNet[i] = 0;
  r.emaLottery[i] = 0;
  r.emaUtil[i] = 0;
  r.emaWeight[i] = 0;
  r.netUsdSinceActive[i] = 0;
  r.stakeUsdDaysSinceActive[i] = 0;
}

/** Relay i pulls all its own stake: it stops being picked and serving at once; its OXT waits out its delay. */
export function exitRelay(r: Relays, ledger: OxtLedger, i: number, now: number): void {
  const own = stakeOf(ledger.tree, i, i);
  if (own > 0) pullStake(ledger, i, i, own, now);
  r.status[i] = RELAY_EXITING;
  r.belowHurdle[i] = 0;
}

/** Exiting relays whose delay is over take their OXT back into their wallets and are outside again (investors' slots wind up in port-settlement.ts). */
export function releaseRelays(r: Relays, ledger: OxtLedger, now: number): void {
  for (let i = 0; i < r.n; i++) {
    if (r.status[i] !== RELAY_EXITING || r.investor[i]) continue;
    takeMatured(ledger, i, now);
    if (!ledger.tree.pendings.has(`${i}/0`)) r.status[i] = RELAY_OUTSIDE;
  }
}
