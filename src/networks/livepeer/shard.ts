import { countAtMost, searchCumulative } from '../../engine/cumulative.ts';
import { EventQueue } from '../../engine/event-queue.ts';
import { getPair, joinPair, type PairColumns, setPair, setPairUnits, splitPair, writeSignedPair } from '../../engine/fixed-point-pairs.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import { zipfCumulative } from '../../engine/zipf.ts';
import { BONDED, type HolderAtStart, holderAtStart, LIQUID, UNBONDING } from './initial-state.ts';
import { FACTOR_PAIR, WEI_PAIR } from './lpt-amounts.ts';
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
import {
  DEFAULT_LADDER,
  delegatorCumulativeStake,
  HD_LADDER,
  INITIAL_CUMULATIVE_FACTOR,
  ladderPixelsPerSegment,
  roundsPerYear,
  segmentsOf,
} from './protocol.ts';
import { type TicketTerms, ticketsForStream, ticketTerms } from './tickets.ts';

/**
 * Token holders owned by a shard, with their exact LPT ledger entries (the shard is the only place a holder's
 * account lives; the market keeps per-pool and global totals). The amount is exact wei as a pair of doubles
 * (src/engine/fixed-point-pairs.ts, unit WEI_PAIR): the liquid balance, the unbonding lock, or for a bonded holder the stake at its last claim, which
 * EarningsPoolLIP36.delegatorCumulativeStake scales by the pool's cumulative reward factor since `crfStart`.
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

export const BROADCASTER_SCHEMA = {
  maxPriceWei: 'f64',
  initialMaxPriceWei: 'f64',
  pixelsPerSegment: 'f64',
  /** Cumulative stream rate (1/s) of broadcasters 0..i of this shard (for picking who starts a stream). */
  rateCum: 'f64',
  served: 'u32',
  rejected: 'u32',
} as const;

const EV_ARRIVAL = 1;
const EV_REVIEW = 2;
const SECONDS_PER_DAY = 86_400;

export interface LivepeerShard {
  readonly cfg: LivepeerConfig;
  readonly index: number;
  readonly holderStart: number;
  readonly holders: Population<typeof HOLDER_SCHEMA>;
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
  readonly actCounts: Int32Array;
  readonly broadcasters: Population<typeof BROADCASTER_SCHEMA>;
  readonly queue: EventQueue;
  readonly rngArrivals: RandomStream;
  readonly rngSelect: RandomStream;
  readonly rngReview: RandomStream;
  readonly rngTickets: RandomStream;
  readonly tickets: TicketTerms;
  readonly rateS: number;
  readonly roundsPerYear: number;
  // this window's requests
  readonly reqTime: Float64List;
  readonly reqDuration: Float64List;
  readonly reqPps: Float64List;
  readonly reqBroadcaster: Int32List;
  readonly reqCandidates: Int32List;
  // last window's requests, awaiting their assignment
  prevBroadcaster: Int32Array;
  prevDuration: Float64Array;
  // per-window selection tables (rebuilt from the published state)
  eligible: Int32Array;
  eligiblePrice: Float64Array;
  eligibleStakeCum: Float64Array;
  nEligible: number;
  active: Int32Array;
  activeStakeCum: Float64Array;
  nActive: number;
  chosen: Int32Array;
}

export function createLivepeerShard(cfg: LivepeerConfig, ctx: ShardContext): LivepeerShard {
  const { start, end } = shardRange(cfg.delegators, ctx.index, ctx.count);
  const holders = new Population(HOLDER_SCHEMA, end - start);
  const zipf = zipfCumulative(Math.max(1, cfg.orchestrators), cfg.stakeZipf);
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
  const queue = new EventQueue(Math.max(1024, end - start + 16));
  const rngReview = ctx.stream('review');
  const reviewMeanS = cfg.reviewDays * SECONDS_PER_DAY;
  const hc = holders.columns;
  const amounts: PairColumns = { hi: hc.amountHi, lo: hc.amountLo, overflow: new Map() };
  for (let id = start; id < end; id++) {
    const i = holders.add();
    holderAtStart(cfg, ctx.seed, id, zipf, h);
    setPairUnits(amounts, i, h.microLpt, WEI_PAIR);
    hc.crfStart[i] = 0;
    hc.state[i] = h.state;
    hc.passive[i] = h.passive ? 1 : 0;
    hc.everBonded[i] = h.state === BONDED ? 1 : 0;
    hc.delegate[i] = h.delegate;
    hc.withdrawRound[i] = -1;
    hc.hurdleAnnual[i] = h.hurdleAnnual;
    if (!h.passive) queue.push(rngReview.exponential(reviewMeanS), 1, EV_REVIEW, i);
  }

  const b = shardRange(cfg.broadcasters, ctx.index, ctx.count);
  const broadcasters = new Population(BROADCASTER_SCHEMA, b.end - b.start);
  const bc = broadcasters.columns;
  const rngInit = ctx.stream('broadcasters');
  const sdPx = ladderPixelsPerSegment(DEFAULT_LADDER);
  const hdPx = ladderPixelsPerSegment(HD_LADDER);
  const perBroadcasterRateS = cfg.streamsPerHour / 3600 / cfg.broadcasters;
  let cum = 0;
  for (let id = b.start; id < b.end; id++) {
    const i = broadcasters.add();
    const cap = cfg.maxPricePerPixelWei * Math.exp(cfg.maxPriceSigma * rngInit.normal());
    bc.maxPriceWei[i] = cap;
    bc.initialMaxPriceWei[i] = cap;
    bc.pixelsPerSegment[i] = rngInit.next() < cfg.hdFraction ? hdPx : sdPx;
    const s = cfg.activitySigma;
    cum += perBroadcasterRateS * Math.exp(s * rngInit.normal() - (s * s) / 2);
    bc.rateCum[i] = cum;
  }
  const rngArrivals = ctx.stream('arrivals');
  if (cum > 0) queue.push(rngArrivals.exponential(1 / cum), 0, EV_ARRIVAL, 0);

  const nOrch = cfg.orchestrators + cfg.orchestratorCandidates;
  return {
    cfg,
    index: ctx.index,
    holderStart: start,
    holders,
    amounts,
    broadcasters,
    queue,
    crfTable: [INITIAL_CUMULATIVE_FACTOR],
    crfSeen: initialFactorPairs(nOrch),
    crfIndex: new Int32Array(nOrch),
    poolDelta: new Array<bigint>(nOrch).fill(0n),
    ledgerDelta: new Array<bigint>(LEDGER_SLOTS).fill(0n),
    actCounts: new Int32Array(4),
    rngArrivals,
    rngSelect: ctx.stream('select'),
    rngReview,
    rngTickets: ctx.stream('tickets'),
    tickets: ticketTerms(cfg),
    rateS: cum,
    roundsPerYear: roundsPerYear(cfg.roundLengthHours * 3600),
    reqTime: new Float64List(),
    reqDuration: new Float64List(),
    reqPps: new Float64List(),
    reqBroadcaster: new Int32List(),
    reqCandidates: new Int32List(),
    prevBroadcaster: new Int32Array(0),
    prevDuration: new Float64Array(0),
    eligible: new Int32Array(0),
    eligiblePrice: new Float64Array(0),
    eligibleStakeCum: new Float64Array(0),
    nEligible: 0,
    active: new Int32Array(0),
    activeStakeCum: new Float64Array(0),
    nActive: 0,
    chosen: new Int32Array(Math.max(1, cfg.candidatesPerStream)),
  };
}

/** One window of a shard: settle last window's streams, run reviews and arrivals, post orders. */
export function stepLivepeerShard(s: LivepeerShard, w: Window, pub: LivepeerPublic): LivepeerOrders {
  const nOrch = pub.orchStatus.length;
  const winning = new Float64Array(nOrch);
  const evWei = new Float64Array(nOrch);
  settleAssignments(s, pub, winning, evWei);
  buildTables(s, pub);
  readFactors(s, pub);

  const q = s.queue;
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    if (q.kind === EV_ARRIVAL) {
      arrival(s, q.time, pub);
      q.push(q.time + s.rngArrivals.exponential(1 / s.rateS), 0, EV_ARRIVAL, 0);
    } else {
      const i = q.agent;
      review(s, i, pub);
      q.push(q.time + s.rngReview.exponential(s.cfg.reviewDays * SECONDS_PER_DAY), 1, EV_REVIEW, i);
    }
  }

  s.prevBroadcaster = s.reqBroadcaster.take();
  s.prevDuration = s.reqDuration.take();
  const poolDelta = new Float64Array(2 * nOrch);
  let poolDeltaBig: string[] | undefined;
  for (let o = 0; o < nOrch; o++) {
    const d = s.poolDelta[o]!;
    if (d === 0n) continue;
    if (!writeSignedPair(d, poolDelta, 2 * o, WEI_PAIR)) {
      poolDeltaBig ??= [];
      poolDeltaBig.push(String(o), d.toString());
    }
    s.poolDelta[o] = 0n;
  }
  let ledgerWei = new Float64Array(2 * LEDGER_SLOTS);
  let ledgerBig: string[] | undefined;
  for (let k = 0; k < LEDGER_SLOTS; k++) {
    if (!writeSignedPair(s.ledgerDelta[k]!, ledgerWei, 2 * k, WEI_PAIR)) {
      ledgerWei = new Float64Array(2 * LEDGER_SLOTS);
      ledgerBig = s.ledgerDelta.map((x) => x.toString());
      break;
    }
  }
  s.ledgerDelta.fill(0n);
  const actCounts = s.actCounts.slice();
  s.actCounts.fill(0);
  return {
    shard: s.index,
    poolDelta,
    poolDeltaBig,
    ledgerWei,
    ledgerBig,
    actCounts,
    streamTime: s.reqTime.take(),
    streamDurationS: s.prevDuration,
    streamPixelsPerS: s.reqPps.take(),
    streamCandidates: s.reqCandidates.take(),
    winningTickets: winning,
    ticketEvWei: evWei,
  };
}

/**
 * The broadcaster pays for each served stream with probabilistic tickets: the stream's fee at the serving
 * orchestrator's price (server/segment_rpc.go estimateFee, summed over its segments), paid in
 * ticketsForFee(fee, EV) tickets (core/accounting.go; credit carries over between segments, so the stream's tickets
 * are those of its total fee), each winning with probability winProb / 2^256. Winners are drawn here, in the shard.
 */
function settleAssignments(s: LivepeerShard, pub: LivepeerPublic, winning: Float64Array, evWei: Float64Array): void {
  const assigned = pub.assignedOrch[s.index];
  const prices = pub.assignedPriceWei[s.index];
  const n = s.prevBroadcaster.length;
  if (!assigned || !prices) {
    if (n > 0) throw new Error(`livepeer shard ${s.index}: ${n} requests got no assignment`);
    return;
  }
  if (assigned.length !== n) throw new Error(`livepeer shard ${s.index}: ${assigned.length} assignments for ${n} requests`);
  const bc = s.broadcasters.columns;
  const t = s.tickets;
  for (let k = 0; k < n; k++) {
    const b = s.prevBroadcaster[k]!;
    const o = assigned[k]!;
    if (o < 0) {
      bc.rejected[b]!++;
      continue;
    }
    bc.served[b]!++;
    // ticketsForFee(feePerSegmentWei(pixels, price), ev), exactly, with a bigint-free fast path (tickets.ts).
    const nTickets = ticketsForStream(t, bc.pixelsPerSegment[b]! * segmentsOf(s.prevDuration[k]!), prices[k]!);
    winning[o]! += s.rngTickets.binomial(nTickets, t.winProbability);
    evWei[o]! += nTickets * t.evWei;
  }
}

function initialFactorPairs(n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let o = 0; o < n; o++) splitPair(INITIAL_CUMULATIVE_FACTOR, out, 2 * o, FACTOR_PAIR);
  return out;
}

/** Brings the table of exact cumulative reward factors up to the published state (a factor changes at reward()). */
function readFactors(s: LivepeerShard, pub: LivepeerPublic): void {
  const pairs = pub.orchCrfExact;
  const n = pairs.length / 2;
  if (s.crfIndex.length < n) {
    const idx = new Int32Array(n);
    idx.set(s.crfIndex);
    s.crfIndex = idx;
    const seen = initialFactorPairs(n);
    seen.set(s.crfSeen);
    s.crfSeen = seen;
    while (s.poolDelta.length < n) s.poolDelta.push(0n);
  }
  const seen = s.crfSeen;
  for (let o = 0; o < n; o++) {
    const hi = pairs[2 * o]!,
      lo = pairs[2 * o + 1]!;
    if (hi === seen[2 * o] && lo === seen[2 * o + 1]) continue;
    seen[2 * o] = hi;
    seen[2 * o + 1] = lo;
    s.crfIndex[o] = s.crfTable.length;
    // NaN (a factor too large for a pair) never equals what was seen: it is read from its decimal every window.
    s.crfTable.push(!Number.isNaN(hi) ? joinPair(hi, lo, FACTOR_PAIR) : BigInt(pub.orchCrfBig![o]!));
  }
}

function buildTables(s: LivepeerShard, pub: LivepeerPublic): void {
  const n = pub.orchStatus.length;
  if (s.eligible.length < n) {
    s.eligible = new Int32Array(n);
    s.eligiblePrice = new Float64Array(n);
    s.eligibleStakeCum = new Float64Array(n);
    s.active = new Int32Array(n);
    s.activeStakeCum = new Float64Array(n);
  }
  // Active orchestrators, index order, with cumulative stake (for delegators' stake-weighted consideration).
  let na = 0;
  let cum = 0;
  let perfOk = 0;
  for (let o = 0; o < n; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    s.active[na] = o;
    cum += pub.orchStakeLpt[o]!;
    s.activeStakeCum[na++] = cum;
    if (pub.orchPerfScore[o]! >= s.cfg.minPerfScore) perfOk++;
  }
  s.nActive = na;
  // Broadcaster selection (server/selection_algorithm.go): perf filter (all if none pass), then price cap.
  // Eligible sorted by price so a cap selects a prefix.
  let ne = 0;
  const usePerf = s.cfg.minPerfScore > 0 && perfOk > 0;
  for (let k = 0; k < na; k++) {
    const o = s.active[k]!;
    if (usePerf && pub.orchPerfScore[o]! < s.cfg.minPerfScore) continue;
    s.eligible[ne++] = o;
  }
  const idx = Array.from(s.eligible.subarray(0, ne));
  idx.sort((a, b) => pub.orchPriceWei[a]! - pub.orchPriceWei[b]! || a - b);
  cum = 0;
  for (let k = 0; k < ne; k++) {
    const o = idx[k]!;
    s.eligible[k] = o;
    s.eligiblePrice[k] = pub.orchPriceWei[o]!;
    cum += pub.orchStakeLpt[o]!;
    s.eligibleStakeCum[k] = cum;
  }
  s.nEligible = ne;
}

/**
 * A stream starts: pick the broadcaster (superposed Poisson streams), draw the duration, and list the orchestrators
 * it will try. Each pick follows ProbabilitySelectionAlgorithm.calculateProbabilities over the orchestrators under
 * the cap: p_i = stakeWeight * stake_i / Σ stake + randWeight / m (priceWeight 0 by default); sampled as the
 * mixture it is (stake-weighted with probability stakeWeight/(stakeWeight+randWeight), else uniform), without
 * replacement by redrawing an orchestrator already listed (which is exactly the renormalised distribution).
 */
function arrival(s: LivepeerShard, t: number, pub: LivepeerPublic): void {
  const bc = s.broadcasters.columns;
  const rng = s.rngSelect;
  const b = searchCumulative(bc.rateCum, s.broadcasters.size, rng.next() * s.rateS);
  const duration = rng.exponential(s.cfg.meanStreamMinutes * 60);
  const C = s.cfg.candidatesPerStream;
  const m = countAtMost(s.eligiblePrice, s.nEligible, bc.maxPriceWei[b]!);
  const picks = Math.min(C, m);
  const sw = s.cfg.selectStakeWeight;
  const rw = s.cfg.selectRandWeight;
  const stakeSum = m > 0 ? s.eligibleStakeCum[m - 1]! : 0;
  let nChosen = 0;
  for (let k = 0; k < picks; k++) {
    let pick = -1;
    for (let tries = 0; tries < 64 && pick < 0; tries++) {
      let j: number;
      if (stakeSum > 0 && rng.next() * (sw + rw) < sw) j = searchCumulative(s.eligibleStakeCum, m, rng.next() * stakeSum);
      else j = rng.int(m);
      let dup = false;
      for (let c = 0; c < nChosen; c++)
        if (s.chosen[c] === j) {
          dup = true;
          break;
        }
      if (!dup) pick = j;
    }
    if (pick < 0)
      for (let j = 0; j < m && pick < 0; j++) {
        // fall back: first not yet chosen (vanishingly rare)
        let dup = false;
        for (let c = 0; c < nChosen; c++)
          if (s.chosen[c] === j) {
            dup = true;
            break;
          }
        if (!dup) pick = j;
      }
    s.chosen[nChosen++] = pick;
  }
  if (m === 0) {
    // Nobody under the cap: the broadcaster raises its cap for next time (up to twice its initial cap).
    bc.maxPriceWei[b] = Math.min(bc.initialMaxPriceWei[b]! * 2, bc.maxPriceWei[b]! * (1 + s.cfg.capRaiseStep));
  }
  s.reqTime.push(t);
  s.reqDuration.push(duration);
  s.reqPps.push(bc.pixelsPerSegment[b]! / 2);
  s.reqBroadcaster.push(b);
  for (let c = 0; c < C; c++) s.reqCandidates.push(c < nChosen ? s.eligible[s.chosen[c]!]! : -1);
  void pub;
}

/** A delegator's perceived nominal annual yield from bonding to orchestrator `o` (0 outside the active set). */
function expectedYield(s: LivepeerShard, pub: LivepeerPublic, o: number): number {
  if (o < 0 || pub.orchStatus[o] !== ORCH_ACTIVE || pub.activeStakeLpt <= 0) return 0;
  const rewardPerStake =
    (pub.inflationPpb / 1e9) * (pub.supplyLpt / pub.activeStakeLpt) * (1 - pub.treasuryCut) * (1 - pub.orchRewardCut[o]!) * pub.orchRewardRate[o]!;
  const feePerStake = pub.orchFeePerStakeEth[o]! / s.cfg.lptPriceEth;
  return (1 + rewardPerStake + feePerStake) ** s.roundsPerYear - 1;
}

function perceived(s: LivepeerShard, y: number): number {
  const sd = s.cfg.yieldNoise;
  return y * Math.exp(sd * s.rngReview.normal() - (sd * sd) / 2);
}

/**
 * A delegator reviews its holding: it looks at `consideration` orchestrators drawn stake-weighted from the active
 * set (plus its own), perceives each one's yield net of commission with noise, and then bonds (if liquid and the best
 * clears its hurdle), switches (if another beats its own by switchMargin), or unbonds (if nothing clears the hurdle,
 * or it needs the cash) and bears the unbonding period.
 */
function review(s: LivepeerShard, i: number, pub: LivepeerPublic): void {
  const hc = s.holders.columns;
  const cfg = s.cfg;
  const rng = s.rngReview;
  if (hc.state[i] === UNBONDING) {
    if (pub.round < hc.withdrawRound[i]!) return;
    hc.state[i] = LIQUID; // the market withdraws the lock at the first round it can
  }
  const state = hc.state[i]!;
  if (state === BONDED && rng.next() < cfg.liquidityNeedProb) {
    unbond(s, i, pub);
    return;
  }
  let best = -1;
  let bestY = -Infinity;
  for (let k = 0; k < cfg.consideration && s.nActive > 0; k++) {
    const total = s.activeStakeCum[s.nActive - 1]!;
    const j = total > 0 ? searchCumulative(s.activeStakeCum, s.nActive, rng.next() * total) : rng.int(s.nActive);
    const o = s.active[j]!;
    const y = perceived(s, expectedYield(s, pub, o));
    if (y > bestY) {
      bestY = y;
      best = o;
    }
  }
  const hurdle = hc.hurdleAnnual[i]!;
  if (state === LIQUID) {
    if (best >= 0 && bestY > hurdle) {
      // BondingManager.bond from a liquid balance: the whole balance joins the pool at its current factor.
      const amount = getPair(s.amounts, i, WEI_PAIR);
      s.actCounts[ACT_BOND]!++;
      s.poolDelta[best] = s.poolDelta[best]! + amount;
      s.ledgerDelta[LEDGER_LIQUID_TO_BONDED] = s.ledgerDelta[LEDGER_LIQUID_TO_BONDED]! + amount;
      if (!hc.everBonded[i]) {
        hc.everBonded[i] = 1;
        s.ledgerDelta[LEDGER_FIRST_BONDED] = s.ledgerDelta[LEDGER_FIRST_BONDED]! + amount;
      }
      hc.state[i] = BONDED;
      hc.delegate[i] = best;
      hc.crfStart[i] = s.crfIndex[best]!;
    }
    return;
  }
  const cur = hc.delegate[i]!;
  const curY = perceived(s, expectedYield(s, pub, cur));
  if (Math.max(bestY, curY) < hurdle) {
    unbond(s, i, pub);
    return;
  }
  if (best >= 0 && best !== cur && bestY > curY + cfg.switchMargin) {
    // Bonding to a new delegate claims the stake and moves all of it at once.
    const stake = claim(s, i);
    s.actCounts[ACT_SWITCH]!++;
    s.poolDelta[cur] = s.poolDelta[cur]! - stake;
    s.poolDelta[best] = s.poolDelta[best]! + stake;
    setPair(s.amounts, i, stake, WEI_PAIR);
    hc.delegate[i] = best;
    hc.crfStart[i] = s.crfIndex[best]!;
  }
}

/**
 * A bonded holder's stake now (the claim BondingManager makes before any move): delegatorCumulativeStake(amount,
 * crfStart, crf of the delegate's last reward round), with the contract's floors. The published factor is the one
 * the market holds when it clears this window's orders (factors change only at reward() calls, after the orders).
 */
export function claim(s: LivepeerShard, i: number): bigint {
  const hc = s.holders.columns;
  const amount = getPair(s.amounts, i, WEI_PAIR);
  const start = hc.crfStart[i]!;
  const end = s.crfIndex[hc.delegate[i]!]!;
  if (start === end) return amount; // percOf(amount, crf, crf) = amount * 1e27 / 1e27
  return delegatorCumulativeStake(amount, s.crfTable[start]!, s.crfTable[end]!);
}

function unbond(s: LivepeerShard, i: number, pub: LivepeerPublic): void {
  const hc = s.holders.columns;
  const stake = claim(s, i);
  const from = hc.delegate[i]!;
  s.actCounts[ACT_UNBOND]!++;
  s.poolDelta[from] = s.poolDelta[from]! - stake;
  s.ledgerDelta[LEDGER_BONDED_TO_UNBONDING] = s.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! + stake;
  setPair(s.amounts, i, stake, WEI_PAIR);
  hc.state[i] = UNBONDING;
  hc.delegate[i] = -1;
  hc.withdrawRound[i] = pub.round + s.cfg.unbondingPeriodRounds;
}
