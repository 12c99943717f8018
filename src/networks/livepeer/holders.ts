import { getPair, joinPair, type PairColumns, setPair, setPairUnits, splitPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import { expectedYield } from './delegator-rules.ts';
import { type HolderAtStart, holderAtStart, holderPreferences, type InitialBook, initialBook } from './initial-state.ts';
import { BONDED, FACTOR_PAIR, toLpt, WEI_PAIR, WEI_PER_MICRO_LPT } from './lpt.ts';
import {
  ACT_BOND,
  ACT_SLOTS,
  ACT_SWITCH,
  ACT_UNBOND,
  ACT_WITHDRAW,
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  LEDGER_LIQUID_TO_EXCHANGE,
  LEDGER_SLOTS,
  type LivepeerOrders,
  type LivepeerPublic,
  ORCH_ACTIVE,
} from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { delegatorCumulativeStake, INITIAL_CUMULATIVE_FACTOR, roundsPerYear } from './protocol.ts';

/**
 * Token holders: wallets that bond LPT to orchestrators (delegators), keep it liquid, or never act (passive). A shard
 * owns its holders and their exact LPT accounts; the market keeps per-pool and global totals. Each holder has three
 * accounts, exact wei as pairs of doubles (src/engine/fixed-point-pairs.ts, unit WEI_PAIR): its bonded stake at its
 * last claim (which EarningsPoolLIP36.delegatorCumulativeStake scales by the pool's reward factor since `crfStart`),
 * one unbonding lock, and its liquid balance. Any part of a holding can move; none can move more than it has. The
 * decisions (delegator-review.ts) follow the rules of delegator-rules.ts.
 */
export const HOLDER_SCHEMA = {
  bondedHi: 'f64',
  bondedLo: 'f64',
  /** Index into the shard's table of exact cumulative reward factors: the delegate's factor at the last claim. */
  crfStart: 'i32',
  delegate: 'i32',
  lockHi: 'f64',
  lockLo: 'f64',
  /** Round from which the lock can be withdrawn (BondingManager.unbondWithHint: round + unbondingPeriod); -1: no lock. */
  withdrawRound: 'i32',
  /** The lock is sold when withdrawn (a sale of rewards, or an exit for need of cash). */
  lockSell: 'u8',
  liquidHi: 'f64',
  liquidLo: 'f64',
  passive: 'u8',
  /** Has bonded at some point (a never-bonded holder's balance counts as a passive holding). */
  everBonded: 'u8',
  /** Sold everything; may buy back in. */
  out: 'u8',
  /** A purchase is at the exchange (filled next window), for orchestrator `target`. */
  buying: 'u8',
  target: 'i32',
  hurdleAnnual: 'f32',
  sellShare: 'f32',
  /** What the holder spends when it buys back in (its holding at t = 0 at the LPT price then), USD. */
  sizeUsd: 'f32',
  /** Stake after its last sale or bond, LPT: rewards are the stake above it. */
  basisLpt: 'f64',
  /** Belief about its own orchestrator's annual yield, from the growth of its own stake. */
  beliefYield: 'f32',
  lastStakeLpt: 'f64',
  lastReviewS: 'f64',
} as const;

/** One shard's token holders: their columns and accounts, what they read of the public state, and what they post. */
export interface Holders {
  readonly cfg: LivepeerConfig;
  readonly seed: number;
  /** Global id of the shard's first holder. */
  readonly start: number;
  /** Whether the holders have read the first public state (their preferences are set from it). */
  started: boolean;
  /** Holders with bonded stake. */
  bondedCount: number;
  readonly population: Population<typeof HOLDER_SCHEMA>;
  readonly bonded: PairColumns;
  readonly lock: PairColumns;
  readonly liquid: PairColumns;
  /** Exact cumulative reward factors seen in published states; holders' crfStart index it (0 is 1e27). */
  readonly crfTable: bigint[];
  /** Per orchestrator: the published factor last seen (pair, as in LivepeerPublic.orchCrfExact) and its index in crfTable. */
  crfSeen: Float64Array;
  crfIndex: Int32Array;
  /** This window's ledger effect of the holders' actions (wei): per pool, and LEDGER_* totals. */
  poolDelta: bigint[];
  readonly ledgerDelta: bigint[];
  /** This window's transactions by kind (ACT_*). */
  readonly actCounts: Int32Array;
  /** Purchases asked this window (wei pairs) and by whom; the ones asked last window, awaiting their fills. */
  readonly buyWei: Float64List;
  readonly buyHolder: Int32List;
  pendingBuyers: Int32Array;
  readonly rngReview: RandomStream;
  readonly roundsPerYear: number;
  /** The LPT price in ETH and in USD holders see this window, and their reference price (exponential mean, USD). */
  lptPriceEth: number;
  lptUsd: number;
  refPriceUsd: number;
  /** The active set as holders consider it (rebuilt each window): orchestrators in index order, cumulative stake. */
  active: Int32Array;
  activeStakeCum: Float64Array;
  nActive: number;
  /** Scratch for draws without replacement, and the yield of the last best orchestrator found. */
  readonly seen: Int32Array;
  bestYield: number;
}

const SECONDS_PER_DAY = 86_400;

/** The holders of shard `ctx.index`, each in its state at t = 0 (initial-state.ts: the same the market sums). */
export function createHolders(cfg: LivepeerConfig, ctx: ShardContext, book: InitialBook = initialBook(cfg, ctx.seed)): Holders {
  const { start, end } = shardRange(cfg.delegators, ctx.index, ctx.count);
  const population = new Population(HOLDER_SCHEMA, end - start);
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, weight: 0 };
  const hc = population.columns;
  let bondedCount = 0;
  const bonded: PairColumns = { hi: hc.bondedHi, lo: hc.bondedLo, overflow: new Map() };
  const lock: PairColumns = { hi: hc.lockHi, lo: hc.lockLo, overflow: new Map() };
  const liquid: PairColumns = { hi: hc.liquidHi, lo: hc.liquidLo, overflow: new Map() };
  for (let id = start; id < end; id++) {
    const i = population.add();
    holderAtStart(cfg, ctx.seed, id, book, h);
    const isBonded = h.state === BONDED;
    setPairUnits(isBonded ? bonded : liquid, i, h.microLpt, WEI_PAIR);
    hc.crfStart[i] = 0;
    hc.delegate[i] = h.delegate;
    hc.withdrawRound[i] = -1;
    hc.passive[i] = h.passive ? 1 : 0;
    hc.everBonded[i] = isBonded ? 1 : 0;
    hc.target[i] = -1;
    hc.basisLpt[i] = isBonded ? h.microLpt / 1e6 : 0;
    hc.lastStakeLpt[i] = hc.basisLpt[i]!;
    hc.lastReviewS[i] = 0;
    if (isBonded) bondedCount++;
  }
  const nOrch = cfg.orchestrators + cfg.orchestratorCandidates + cfg.investorOrchestratorSlots;
  return {
    cfg,
    seed: ctx.seed,
    start,
    started: false,
    bondedCount,
    population,
    bonded,
    lock,
    liquid,
    crfTable: [INITIAL_CUMULATIVE_FACTOR],
    crfSeen: initialFactorPairs(nOrch),
    crfIndex: new Int32Array(nOrch),
    poolDelta: new Array<bigint>(nOrch).fill(0n),
    ledgerDelta: new Array<bigint>(LEDGER_SLOTS).fill(0n),
    actCounts: new Int32Array(ACT_SLOTS),
    buyWei: new Float64List(),
    buyHolder: new Int32List(),
    pendingBuyers: new Int32Array(0),
    rngReview: ctx.stream('review'),
    roundsPerYear: roundsPerYear(cfg.roundLengthHours * 3600),
    lptPriceEth: Number.NaN,
    lptUsd: Number.NaN,
    refPriceUsd: Number.NaN,
    active: new Int32Array(0),
    activeStakeCum: new Float64Array(0),
    nActive: 0,
    seen: new Int32Array(Math.max(1, cfg.consideration)),
    bestYield: 0,
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
 * What the holders read of a new public state and the world: the exact cumulative reward factors, the active set
 * with its cumulative stake, the prices (the reference price moves toward the price by 1 - exp(-dt / memory)), and
 * the fills of last window's purchases (credited, then bonded to the orchestrator chosen when buying).
 */
export function readPublicState(h: Holders, pub: LivepeerPublic, shard: number, prices: { lptUsd: number; lptPriceEth: number }, dtS: number): void {
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
  h.lptUsd = prices.lptUsd;
  h.lptPriceEth = prices.lptPriceEth;
  if (!h.started) startHolders(h, pub);
  h.refPriceUsd += (1 - Math.exp(-dtS / (h.cfg.priceMemoryDays * SECONDS_PER_DAY))) * (prices.lptUsd - h.refPriceUsd);
  creditPurchases(h, pub, pub.buyFilled[shard]);
}

/**
 * At the first public state: each holder's preferences (initial-state.ts holderPreferences) around the yield it sees
 * then, the stake-weighted mean of the active orchestrators' expected yields; its belief about its own orchestrator;
 * the dollars it would buy back in with; the reference price.
 */
function startHolders(h: Holders, pub: LivepeerPublic): void {
  let sum = 0;
  let stake = 0;
  for (let k = 0; k < h.nActive; k++) {
    const o = h.active[k]!;
    sum += pub.orchStakeLpt[o]! * yieldOf(h, pub, o);
    stake += pub.orchStakeLpt[o]!;
  }
  const yield0 = stake > 0 ? sum / stake : 0;
  const hc = h.population.columns;
  for (let i = 0; i < h.population.size; i++) {
    const bonded = hc.delegate[i]! >= 0;
    const pref = holderPreferences(h.cfg, h.seed, h.start + i, bonded, yield0);
    hc.hurdleAnnual[i] = pref.hurdle;
    hc.sellShare[i] = pref.sellShare;
    hc.beliefYield[i] = bonded ? yieldOf(h, pub, hc.delegate[i]!) : yield0;
    hc.sizeUsd[i] = toLpt(getPair(bonded ? h.bonded : h.liquid, i, WEI_PAIR)) * h.lptUsd;
  }
  h.refPriceUsd = h.lptUsd;
  h.started = true;
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

function creditPurchases(h: Holders, pub: LivepeerPublic, filled: Float64Array | undefined): void {
  const who = h.pendingBuyers;
  if (who.length === 0) return;
  if (!filled || filled.length !== 2 * who.length) throw new Error(`livepeer holders: ${who.length} purchases, ${filled ? filled.length / 2 : 0} fills`);
  const hc = h.population.columns;
  for (let k = 0; k < who.length; k++) {
    const i = who[k]!;
    const wei = joinPair(filled[2 * k]!, filled[2 * k + 1]!, WEI_PAIR);
    hc.buying[i] = 0;
    if (wei === 0n) continue;
    setPair(h.liquid, i, getPair(h.liquid, i, WEI_PAIR) + wei, WEI_PAIR);
    hc.out[i] = 0;
    const o = hc.target[i]!;
    if (o >= 0 && pub.orchStatus[o] === ORCH_ACTIVE) bondLiquid(h, i, o);
  }
  h.pendingBuyers = new Int32Array(0);
}

/** Holder i's stake now (the claim BondingManager makes before any move), exact. */
export function claim(h: Holders, i: number): bigint {
  const hc = h.population.columns;
  const amount = getPair(h.bonded, i, WEI_PAIR);
  if (amount === 0n) return 0n;
  const start = hc.crfStart[i]!;
  const end = h.crfIndex[hc.delegate[i]!]!;
  if (start === end) return amount; // percOf(amount, crf, crf) = amount * 1e27 / 1e27
  return delegatorCumulativeStake(amount, h.crfTable[start]!, h.crfTable[end]!);
}

/** Claims holder i's earnings into its account (stake at the delegate's current factor); returns the stake. */
export function claimInto(h: Holders, i: number): bigint {
  const stake = claim(h, i);
  const hc = h.population.columns;
  if (hc.delegate[i]! >= 0) {
    setPair(h.bonded, i, stake, WEI_PAIR);
    hc.crfStart[i] = h.crfIndex[hc.delegate[i]!]!;
  }
  return stake;
}

/** BondingManager.bond from the liquid balance: all of it joins orchestrator o's pool (after a claim if already bonded there). */
export function bondLiquid(h: Holders, i: number, o: number): void {
  const hc = h.population.columns;
  const amount = getPair(h.liquid, i, WEI_PAIR);
  if (amount === 0n) return;
  const cur = hc.delegate[i]!;
  const stake = cur >= 0 ? claimInto(h, i) : 0n;
  if (cur >= 0 && cur !== o) {
    h.poolDelta[cur] = h.poolDelta[cur]! - stake;
    h.poolDelta[o] = h.poolDelta[o]! + stake;
  }
  h.poolDelta[o] = h.poolDelta[o]! + amount;
  h.ledgerDelta[LEDGER_LIQUID_TO_BONDED] = h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]! + amount;
  if (!hc.everBonded[i]) {
    hc.everBonded[i] = 1;
    h.ledgerDelta[LEDGER_FIRST_BONDED] = h.ledgerDelta[LEDGER_FIRST_BONDED]! + amount;
  }
  h.actCounts[ACT_BOND]!++;
  setPair(h.liquid, i, 0n, WEI_PAIR);
  setPair(h.bonded, i, stake + amount, WEI_PAIR);
  if (cur < 0) h.bondedCount++;
  hc.delegate[i] = o;
  hc.crfStart[i] = h.crfIndex[o]!;
  hc.basisLpt[i] = toLpt(stake + amount);
  hc.lastStakeLpt[i] = hc.basisLpt[i]!;
}

/** BondingManager.bond to a new delegate: the claimed stake moves at once (no unbonding period). */
export function moveStake(h: Holders, i: number, to: number): void {
  const hc = h.population.columns;
  const from = hc.delegate[i]!;
  const stake = claimInto(h, i);
  h.poolDelta[from] = h.poolDelta[from]! - stake;
  h.poolDelta[to] = h.poolDelta[to]! + stake;
  h.actCounts[ACT_SWITCH]!++;
  hc.delegate[i] = to;
  hc.crfStart[i] = h.crfIndex[to]!;
}

/**
 * BondingManager.unbondWithHint for `amountWei` (at most the stake; 'all' for all of it): a lock withdrawable at round + unbondingPeriod,
 * to be sold then if `sell`. A holder keeps one lock at a time.
 */
export function unbond(h: Holders, i: number, amountWei: bigint | 'all', round: number, sell: boolean): void {
  const hc = h.population.columns;
  const stake = claimInto(h, i);
  const amount = amountWei === 'all' || amountWei > stake ? stake : amountWei;
  if (amount <= 0n || hc.withdrawRound[i]! >= 0) return;
  const from = hc.delegate[i]!;
  h.poolDelta[from] = h.poolDelta[from]! - amount;
  h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING] = h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! + amount;
  h.actCounts[ACT_UNBOND]!++;
  const left = stake - amount;
  setPair(h.bonded, i, left, WEI_PAIR);
  if (left === 0n) {
    hc.delegate[i] = -1;
    h.bondedCount--;
  }
  setPair(h.lock, i, amount, WEI_PAIR);
  hc.withdrawRound[i] = round + h.cfg.unbondingPeriodRounds;
  hc.lockSell[i] = sell ? 1 : 0;
  hc.basisLpt[i] = toLpt(left);
  hc.lastStakeLpt[i] = hc.basisLpt[i]!;
}

/**
 * BondingManager.withdrawStake of a matured lock (the market moved it to liquid at the round's start): into the
 * liquid balance, then sold to the exchange if the lock was a sale. A holder left with nothing is out.
 */
export function withdraw(h: Holders, i: number): void {
  const hc = h.population.columns;
  const amount = getPair(h.lock, i, WEI_PAIR);
  setPair(h.lock, i, 0n, WEI_PAIR);
  hc.withdrawRound[i] = -1;
  h.actCounts[ACT_WITHDRAW]!++;
  let liquid = getPair(h.liquid, i, WEI_PAIR) + amount;
  if (hc.lockSell[i]) {
    h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE] = h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE]! + liquid;
    liquid = 0n;
  }
  setPair(h.liquid, i, liquid, WEI_PAIR);
  if (liquid === 0n && getPair(h.bonded, i, WEI_PAIR) === 0n) hc.out[i] = 1;
}

/** Asks the exchange for `usd` worth of LPT at the price now (whole micro-LPT), to bond to orchestrator o when filled. */
export function buy(h: Holders, i: number, usd: number, o: number): void {
  const micro = Math.floor((usd / h.lptUsd) * 1e6);
  if (!(micro > 0)) return;
  const hc = h.population.columns;
  h.buyHolder.push(i);
  h.buyWei.push(micro);
  h.buyWei.push(0);
  hc.buying[i] = 1;
  hc.target[i] = o;
}

/** The annual yield holder-side code expects from orchestrator o at this window's prices. */
export function yieldOf(h: Holders, pub: LivepeerPublic, o: number, rewardCut?: number): number {
  return expectedYield(pub, o, h.lptPriceEth, h.roundsPerYear, rewardCut);
}

/** The orders' ledger part: the window's exact effects of the holders' actions, as pairs; the holders' tallies reset. */
export type HolderOrders = Pick<LivepeerOrders, 'poolDelta' | 'poolDeltaBig' | 'ledgerWei' | 'ledgerBig' | 'actCounts' | 'buyWei' | 'bondedHolders'>;

/** Posts the window's ledger effects (as pairs, or decimals when too large for one) and purchases, and resets them. */
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
  h.pendingBuyers = h.buyHolder.take();
  return { poolDelta, poolDeltaBig, ledgerWei, ledgerBig, actCounts, buyWei: h.buyWei.take(), bondedHolders: h.bondedCount };
}

/** Wei as whole micro-LPT from an LPT amount (rounded down), for amounts decided in LPT. */
export function weiOfLpt(lpt: number): bigint {
  return lpt > 0 ? BigInt(Math.floor(lpt * 1e6)) * WEI_PER_MICRO_LPT : 0n;
}
