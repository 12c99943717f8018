import { searchCumulative } from '../../engine/cumulative.ts';
import { getPair, joinPair, type PairColumns, setPair, setPairUnits, splitPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { zipfCumulative } from '../../engine/zipf.ts';
import { type HolderAtStart, holderAtStart } from './initial-state.ts';
import { BONDED, FACTOR_PAIR, LIQUID, UNBONDING, WEI_PAIR } from './lpt.ts';
import {
  ACT_BOND,
  ACT_SWITCH,
  ACT_UNBOND,
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  LEDGER_SLOTS,
  type LivepeerOrders,
  type LivepeerPublic,
  ORCH_ACTIVE,
} from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { delegatorCumulativeStake, INITIAL_CUMULATIVE_FACTOR, roundsPerYear } from './protocol.ts';

/**
 * Token holders, the agent kind that bonds LPT to orchestrators (delegators) or keeps it liquid (passive holders).
 * A shard owns its holders and their exact LPT ledger entries: the shard is the only place a holder's account lives;
 * the market keeps per-pool and global totals. The amount is exact wei as a pair of doubles
 * (src/engine/fixed-point-pairs.ts, unit WEI_PAIR): the liquid balance, the unbonding lock, or for a bonded holder the
 * stake at its last claim, which EarningsPoolLIP36.delegatorCumulativeStake scales by the pool's cumulative reward
 * factor since `crfStart`.
 */
export const HOLDER_SCHEMA = {
  amountHi: 'f64',
  amountLo: 'f64',
  /** Index into the shard's table of exact cumulative reward factors: the delegate's factor at the last claim. */
  crfStart: 'i32',
  state: 'u8',
  passive: 'u8',
  /** Has bonded at some point (a never-bonded holder's balance counts as a passive holding). */
  everBonded: 'u8',
  delegate: 'i32',
  /** Round at which the unbonding lock can be withdrawn (BondingManager.unbondWithHint: round + unbondingPeriod). */
  withdrawRound: 'i32',
  hurdleAnnual: 'f32',
} as const;

const SECONDS_PER_DAY = 86_400;

/** One shard's token holders: their columns and accounts, what they read of the public state, and what they post. */
export interface Holders {
  readonly cfg: LivepeerConfig;
  /** Global id of the shard's first holder. */
  readonly start: number;
  readonly population: Population<typeof HOLDER_SCHEMA>;
  /** The holders' exact amounts (views of the amountHi / amountLo columns). */
  readonly amounts: PairColumns;
  /** Exact cumulative reward factors seen in published states; holders' crfStart index it (0 is 1e27). */
  readonly crfTable: bigint[];
  /** Per orchestrator: the published factor last seen (pair, as in LivepeerPublic.orchCrfExact) and its index in crfTable. */
  crfSeen: Float64Array;
  crfIndex: Int32Array;
  /** This window's ledger effect of the holders' actions (wei): per pool, and LEDGER_* totals. */
  poolDelta: bigint[];
  readonly ledgerDelta: bigint[];
  /** This window's actions by kind (ACT_BOND, ACT_SWITCH, ACT_UNBOND). */
  readonly actCounts: Int32Array;
  readonly rngReview: RandomStream;
  readonly roundsPerYear: number;
  /** The LPT price in ETH holders see this window (the world's LPT and ETH prices at its start). */
  lptPriceEth: number;
  /** The active set as holders consider it (rebuilt each window): orchestrators in index order, cumulative stake. */
  active: Int32Array;
  activeStakeCum: Float64Array;
  nActive: number;
}

/** The holders of shard `ctx.index`, each in its state at t = 0 (initial-state.ts: the same the market sums). */
export function createHolders(cfg: LivepeerConfig, ctx: ShardContext): Holders {
  const { start, end } = shardRange(cfg.delegators, ctx.index, ctx.count);
  const population = new Population(HOLDER_SCHEMA, end - start);
  const zipf = zipfCumulative(Math.max(1, cfg.orchestrators), cfg.stakeZipf);
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
  const hc = population.columns;
  const amounts: PairColumns = { hi: hc.amountHi, lo: hc.amountLo, overflow: new Map() };
  for (let id = start; id < end; id++) {
    const i = population.add();
    holderAtStart(cfg, ctx.seed, id, zipf, h);
    setPairUnits(amounts, i, h.microLpt, WEI_PAIR);
    hc.crfStart[i] = 0;
    hc.state[i] = h.state;
    hc.passive[i] = h.passive ? 1 : 0;
    hc.everBonded[i] = h.state === BONDED ? 1 : 0;
    hc.delegate[i] = h.delegate;
    hc.withdrawRound[i] = -1;
    hc.hurdleAnnual[i] = h.hurdleAnnual;
  }
  const nOrch = cfg.orchestrators + cfg.orchestratorCandidates;
  return {
    cfg,
    start,
    population,
    amounts,
    crfTable: [INITIAL_CUMULATIVE_FACTOR],
    crfSeen: initialFactorPairs(nOrch),
    crfIndex: new Int32Array(nOrch),
    poolDelta: new Array<bigint>(nOrch).fill(0n),
    ledgerDelta: new Array<bigint>(LEDGER_SLOTS).fill(0n),
    actCounts: new Int32Array(4),
    rngReview: ctx.stream('review'),
    roundsPerYear: roundsPerYear(cfg.roundLengthHours * 3600),
    lptPriceEth: Number.NaN,
    active: new Int32Array(0),
    activeStakeCum: new Float64Array(0),
    nActive: 0,
  };
}

/** Time to a holder's next review: exponential with mean `reviewDays` (inertia and limited attention). */
export function nextReviewDelayS(h: Holders): number {
  return h.rngReview.exponential(h.cfg.reviewDays * SECONDS_PER_DAY);
}

function initialFactorPairs(n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let o = 0; o < n; o++) splitPair(INITIAL_CUMULATIVE_FACTOR, out, 2 * o, FACTOR_PAIR);
  return out;
}

/**
 * What the holders read of a new public state: the exact cumulative reward factors (a factor changes at reward()),
 * brought into the shard's table, and the active set with its cumulative stake.
 */
export function readPublicState(h: Holders, pub: LivepeerPublic): void {
  readFactors(h, pub);
  const n = pub.orchStatus.length;
  if (h.active.length < n) {
    h.active = new Int32Array(n);
    h.activeStakeCum = new Float64Array(n);
  }
  let na = 0;
  let cum = 0;
  for (let o = 0; o < n; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    h.active[na] = o;
    cum += pub.orchStakeLpt[o]!;
    h.activeStakeCum[na++] = cum;
  }
  h.nActive = na;
}

function readFactors(h: Holders, pub: LivepeerPublic): void {
  const pairs = pub.orchCrfExact;
  const n = pairs.length / 2;
  if (h.crfIndex.length < n) {
    const idx = new Int32Array(n);
    idx.set(h.crfIndex);
    h.crfIndex = idx;
    const seen = initialFactorPairs(n);
    seen.set(h.crfSeen);
    h.crfSeen = seen;
    while (h.poolDelta.length < n) h.poolDelta.push(0n);
  }
  const seen = h.crfSeen;
  for (let o = 0; o < n; o++) {
    const hi = pairs[2 * o]!,
      lo = pairs[2 * o + 1]!;
    if (hi === seen[2 * o] && lo === seen[2 * o + 1]) continue;
    seen[2 * o] = hi;
    seen[2 * o + 1] = lo;
    h.crfIndex[o] = h.crfTable.length;
    // NaN (a factor too large for a pair) never equals what was seen: it is read from its decimal every window.
    h.crfTable.push(!Number.isNaN(hi) ? joinPair(hi, lo, FACTOR_PAIR) : BigInt(pub.orchCrfBig![o]!));
  }
}

/**
 * A delegator's nominal annual yield from bonding to orchestrator `o` (0 outside the active set), at the LPT price in
 * ETH `lptPriceEth` (the price holders saw this window, by default); `rewardCut` defaults to the orchestrator's.
 */
export function expectedYield(h: Holders, pub: LivepeerPublic, o: number, lptPriceEth = h.lptPriceEth, rewardCut = pub.orchRewardCut[o]!): number {
  if (o < 0 || pub.orchStatus[o] !== ORCH_ACTIVE || pub.activeStakeLpt <= 0) return 0;
  const rewardPerStake = (pub.inflationPpb / 1e9) * (pub.supplyLpt / pub.activeStakeLpt) * (1 - pub.treasuryCut) * (1 - rewardCut) * pub.orchRewardRate[o]!;
  const feePerStake = pub.orchFeePerStakeEth[o]! / lptPriceEth;
  return (1 + rewardPerStake + feePerStake) ** h.roundsPerYear - 1;
}

function perceived(h: Holders, y: number): number {
  const sd = h.cfg.yieldNoise;
  return y * Math.exp(sd * h.rngReview.normal() - (sd * sd) / 2);
}

/**
 * A delegator reviews its holding: it looks at `consideration` orchestrators drawn stake-weighted from the active
 * set (plus its own), perceives each one's yield net of commission with noise, and then bonds (if liquid and the best
 * clears its hurdle), switches (if another beats its own by switchMargin), or unbonds (if nothing clears the hurdle,
 * or it needs the cash) and bears the unbonding period.
 */
export function reviewHolder(h: Holders, i: number, pub: LivepeerPublic): void {
  const hc = h.population.columns;
  const cfg = h.cfg;
  const rng = h.rngReview;
  if (hc.state[i] === UNBONDING) {
    if (pub.round < hc.withdrawRound[i]!) return;
    hc.state[i] = LIQUID; // the market withdraws the lock at the first round it can
  }
  const state = hc.state[i]!;
  if (state === BONDED && rng.next() < cfg.liquidityNeedProb) {
    unbond(h, i, pub);
    return;
  }
  let best = -1;
  let bestY = -Infinity;
  for (let k = 0; k < cfg.consideration && h.nActive > 0; k++) {
    const total = h.activeStakeCum[h.nActive - 1]!;
    const j = total > 0 ? searchCumulative(h.activeStakeCum, h.nActive, rng.next() * total) : rng.int(h.nActive);
    const o = h.active[j]!;
    const y = perceived(h, expectedYield(h, pub, o));
    if (y > bestY) {
      bestY = y;
      best = o;
    }
  }
  const hurdle = hc.hurdleAnnual[i]!;
  if (state === LIQUID) {
    if (best >= 0 && bestY > hurdle) {
      // BondingManager.bond from a liquid balance: the whole balance joins the pool at its current factor.
      const amount = getPair(h.amounts, i, WEI_PAIR);
      h.actCounts[ACT_BOND]!++;
      h.poolDelta[best] = h.poolDelta[best]! + amount;
      h.ledgerDelta[LEDGER_LIQUID_TO_BONDED] = h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]! + amount;
      if (!hc.everBonded[i]) {
        hc.everBonded[i] = 1;
        h.ledgerDelta[LEDGER_FIRST_BONDED] = h.ledgerDelta[LEDGER_FIRST_BONDED]! + amount;
      }
      hc.state[i] = BONDED;
      hc.delegate[i] = best;
      hc.crfStart[i] = h.crfIndex[best]!;
    }
    return;
  }
  const cur = hc.delegate[i]!;
  const curY = perceived(h, expectedYield(h, pub, cur));
  if (Math.max(bestY, curY) < hurdle) {
    unbond(h, i, pub);
    return;
  }
  if (best >= 0 && best !== cur && bestY > curY + cfg.switchMargin) {
    // Bonding to a new delegate claims the stake and moves all of it at once.
    const stake = claim(h, i);
    h.actCounts[ACT_SWITCH]!++;
    h.poolDelta[cur] = h.poolDelta[cur]! - stake;
    h.poolDelta[best] = h.poolDelta[best]! + stake;
    setPair(h.amounts, i, stake, WEI_PAIR);
    hc.delegate[i] = best;
    hc.crfStart[i] = h.crfIndex[best]!;
  }
}

/**
 * A bonded holder's stake now (the claim BondingManager makes before any move): delegatorCumulativeStake(amount,
 * crfStart, crf of the delegate's last reward round), with the contract's floors. The published factor is the one
 * the market holds when it clears this window's orders (factors change only at reward() calls, after the orders).
 */
export function claim(h: Holders, i: number): bigint {
  const hc = h.population.columns;
  const amount = getPair(h.amounts, i, WEI_PAIR);
  const start = hc.crfStart[i]!;
  const end = h.crfIndex[hc.delegate[i]!]!;
  if (start === end) return amount; // percOf(amount, crf, crf) = amount * 1e27 / 1e27
  return delegatorCumulativeStake(amount, h.crfTable[start]!, h.crfTable[end]!);
}

function unbond(h: Holders, i: number, pub: LivepeerPublic): void {
  const hc = h.population.columns;
  const stake = claim(h, i);
  const from = hc.delegate[i]!;
  h.actCounts[ACT_UNBOND]!++;
  h.poolDelta[from] = h.poolDelta[from]! - stake;
  h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING] = h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! + stake;
  setPair(h.amounts, i, stake, WEI_PAIR);
  hc.state[i] = UNBONDING;
  hc.delegate[i] = -1;
  hc.withdrawRound[i] = pub.round + h.cfg.unbondingPeriodRounds;
}

/** The orders' ledger part: the window's exact effects of the holders' actions, as pairs; the holders' tallies reset. */
export type HolderOrders = Pick<LivepeerOrders, 'poolDelta' | 'poolDeltaBig' | 'ledgerWei' | 'ledgerBig' | 'actCounts'>;

/** Posts the window's ledger effects (as pairs, or decimals when too large for one) and resets them. */
export function takeLedgerEffects(h: Holders, nOrch: number): HolderOrders {
  const poolDelta = new Float64Array(2 * nOrch);
  let poolDeltaBig: string[] | undefined;
  for (let o = 0; o < nOrch; o++) {
    const d = h.poolDelta[o]!;
    if (d === 0n) continue;
    if (!writeSignedPair(d, poolDelta, 2 * o, WEI_PAIR)) {
      poolDeltaBig ??= [];
      poolDeltaBig.push(String(o), d.toString());
    }
    h.poolDelta[o] = 0n;
  }
  let ledgerWei = new Float64Array(2 * LEDGER_SLOTS);
  let ledgerBig: string[] | undefined;
  for (let k = 0; k < LEDGER_SLOTS; k++) {
    if (!writeSignedPair(h.ledgerDelta[k]!, ledgerWei, 2 * k, WEI_PAIR)) {
      ledgerWei = new Float64Array(2 * LEDGER_SLOTS);
      ledgerBig = h.ledgerDelta.map((x) => x.toString());
      break;
    }
  }
  h.ledgerDelta.fill(0n);
  const actCounts = h.actCounts.slice();
  h.actCounts.fill(0);
  return { poolDelta, poolDeltaBig, ledgerWei, ledgerBig, actCounts };
}
