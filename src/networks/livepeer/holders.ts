import { type PairColumns, setPairUnits, splitPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import { expectedYield } from './delegator-rules.ts';
import { type HolderAtStart, holderAtStart, type InitialBook, initialBook } from './initial-state.ts';
import { BONDED, FACTOR_PAIR, WEI_PAIR, WEI_PER_MICRO_LPT } from './lpt.ts';
import { ACT_SLOTS, LEDGER_SLOTS, type LivepeerOrders, type LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { INITIAL_CUMULATIVE_FACTOR, roundsPerYear } from './protocol.ts';

/**
 * Token holders: wallets that bond LPT to orchestrators (delegators), keep it liquid, or never act (passive). A shard
 * owns its holders and their exact LPT accounts; the market keeps per-pool and global totals. Each holder has three
 * accounts, exact wei as pairs of doubles (src/engine/fixed-point-pairs.ts, unit WEI_PAIR): its bonded stake at its
 * last claim (which EarningsPoolLIP36.delegatorCumulativeStake scales by the pool's reward factor since `crfStart`),
 * one unbonding lock, and its liquid balance. Any part of a holding can move; none can move more than it has. The
 * moves are in holder-accounts.ts, what holders read of the public state in holder-public-state.ts, their decisions
 * (delegator-review.ts) follow the rules of delegator-rules.ts.
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

/** The factor pairs of `n` pools at 1e27 (none has had a reward yet). */
export function initialFactorPairs(n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let o = 0; o < n; o++) splitPair(INITIAL_CUMULATIVE_FACTOR, out, 2 * o, FACTOR_PAIR);
  return out;
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
