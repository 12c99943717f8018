import { searchCumulative } from '../../engine/cumulative.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import { buildSelectionTables, createSelectionTables, pickCandidates, type SelectionTables, underPriceCap } from './orchestrator-selection.ts';
import type { LivepeerConfig } from './params.ts';
import { DEFAULT_LADDER, HD_LADDER, ladderPixelsPerSegment, segmentsOf } from './protocol.ts';
import { type TicketTerms, ticketsForStream, ticketTerms } from './tickets.ts';

/**
 * Broadcasters, the agent kind that buys transcoding: each starts streams (its share of a Poisson process), lists
 * the orchestrators it will try (orchestrator-selection.ts), and pays for the streams it was served with
 * probabilistic tickets.
 */
export const BROADCASTER_SCHEMA = {
  maxPriceWei: 'f64',
  initialMaxPriceWei: 'f64',
  pixelsPerSegment: 'f64',
  /** Cumulative stream rate (1/s) of broadcasters 0..i of this shard (for picking who starts a stream). */
  rateCum: 'f64',
  served: 'u32',
  rejected: 'u32',
} as const;

/** One shard's broadcasters, their streams of this window and the last, and their selection tables. */
export interface Broadcasters {
  readonly cfg: LivepeerConfig;
  readonly population: Population<typeof BROADCASTER_SCHEMA>;
  readonly rngArrivals: RandomStream;
  readonly rngSelect: RandomStream;
  readonly rngTickets: RandomStream;
  readonly tickets: TicketTerms;
  /** Total stream rate of the shard's broadcasters (1/s). */
  readonly rateS: number;
  readonly selection: SelectionTables;
  // this window's requests
  readonly reqTime: Float64List;
  readonly reqDuration: Float64List;
  readonly reqPps: Float64List;
  readonly reqBroadcaster: Int32List;
  readonly reqCandidates: Int32List;
  // last window's requests, awaiting their assignment
  prevBroadcaster: Int32Array;
  prevDuration: Float64Array;
}

/** The broadcasters of shard `ctx.index`: price caps, rendition ladders and activity drawn from its 'broadcasters' stream. */
export function createBroadcasters(cfg: LivepeerConfig, ctx: ShardContext): Broadcasters {
  const b = shardRange(cfg.broadcasters, ctx.index, ctx.count);
  const population = new Population(BROADCASTER_SCHEMA, b.end - b.start);
  const bc = population.columns;
  const rngInit = ctx.stream('broadcasters');
  const sdPx = ladderPixelsPerSegment(DEFAULT_LADDER);
  const hdPx = ladderPixelsPerSegment(HD_LADDER);
  const perBroadcasterRateS = cfg.streamsPerHour / 3600 / cfg.broadcasters;
  let cum = 0;
  for (let id = b.start; id < b.end; id++) {
    const i = population.add();
    const cap = cfg.maxPricePerPixelWei * Math.exp(cfg.maxPriceSigma * rngInit.normal());
    bc.maxPriceWei[i] = cap;
    bc.initialMaxPriceWei[i] = cap;
    bc.pixelsPerSegment[i] = rngInit.next() < cfg.hdFraction ? hdPx : sdPx;
    const s = cfg.activitySigma;
    cum += perBroadcasterRateS * Math.exp(s * rngInit.normal() - (s * s) / 2);
    bc.rateCum[i] = cum;
  }
  return {
    cfg,
    population,
    rngArrivals: ctx.stream('arrivals'),
    rngSelect: ctx.stream('select'),
    rngTickets: ctx.stream('tickets'),
    tickets: ticketTerms(cfg),
    rateS: cum,
    selection: createSelectionTables(cfg),
    reqTime: new Float64List(),
    reqDuration: new Float64List(),
    reqPps: new Float64List(),
    reqBroadcaster: new Int32List(),
    reqCandidates: new Int32List(),
    prevBroadcaster: new Int32Array(0),
    prevDuration: new Float64Array(0),
  };
}

/** Time to the shard's next stream: the superposed Poisson process of its broadcasters (exponential, rate rateS). */
export function nextArrivalDelayS(b: Broadcasters): number {
  return b.rngArrivals.exponential(1 / b.rateS);
}

/** What broadcasters read of a new public state: the selection tables. */
export function readPublicPrices(b: Broadcasters, pub: LivepeerPublic): void {
  buildSelectionTables(b.selection, b.cfg, pub);
}

/**
 * The broadcaster pays for each served stream with probabilistic tickets: the stream's fee at the serving
 * orchestrator's price (server/segment_rpc.go estimateFee, summed over its segments), paid in
 * ticketsForFee(fee, EV) tickets (core/accounting.go; credit carries over between segments, so the stream's tickets
 * are those of its total fee), each winning with probability winProb / 2^256. Winners are drawn here, in the shard,
 * and added per orchestrator to `winning` (tickets) and `evWei` (their expected value).
 */
export function payForStreams(b: Broadcasters, shard: number, pub: LivepeerPublic, winning: Float64Array, evWei: Float64Array): void {
  const assigned = pub.assignedOrch[shard];
  const prices = pub.assignedPriceWei[shard];
  const n = b.prevBroadcaster.length;
  if (!assigned || !prices) {
    if (n > 0) throw new Error(`livepeer shard ${shard}: ${n} requests got no assignment`);
    return;
  }
  if (assigned.length !== n) throw new Error(`livepeer shard ${shard}: ${assigned.length} assignments for ${n} requests`);
  const bc = b.population.columns;
  const t = b.tickets;
  for (let k = 0; k < n; k++) {
    const who = b.prevBroadcaster[k]!;
    const o = assigned[k]!;
    if (o < 0) {
      bc.rejected[who]!++;
      continue;
    }
    bc.served[who]!++;
    // ticketsForFee(feePerSegmentWei(pixels, price), ev), exactly, with a bigint-free fast path (tickets.ts).
    const nTickets = ticketsForStream(t, bc.pixelsPerSegment[who]! * segmentsOf(b.prevDuration[k]!), prices[k]!);
    winning[o]! += b.rngTickets.binomial(nTickets, t.winProbability);
    evWei[o]! += nTickets * t.evWei;
  }
}

/**
 * A stream starts at time t: pick the broadcaster (superposed Poisson streams), draw the duration, and list the
 * orchestrators it will try (pickCandidates); a broadcaster that finds nobody under its cap raises it for next time
 * (by capRaiseStep, up to twice its initial cap).
 */
export function startStream(b: Broadcasters, t: number): void {
  const bc = b.population.columns;
  const rng = b.rngSelect;
  const who = searchCumulative(bc.rateCum, b.population.size, rng.next() * b.rateS);
  const duration = rng.exponential(b.cfg.meanStreamMinutes * 60);
  const sel = b.selection;
  const m = underPriceCap(sel, bc.maxPriceWei[who]!);
  const nChosen = pickCandidates(sel, b.cfg, rng, m);
  if (m === 0) bc.maxPriceWei[who] = Math.min(bc.initialMaxPriceWei[who]! * 2, bc.maxPriceWei[who]! * (1 + b.cfg.capRaiseStep));
  b.reqTime.push(t);
  b.reqDuration.push(duration);
  b.reqPps.push(bc.pixelsPerSegment[who]! / 2);
  b.reqBroadcaster.push(who);
  const C = b.cfg.candidatesPerStream;
  for (let c = 0; c < C; c++) b.reqCandidates.push(c < nChosen ? sel.eligible[sel.chosen[c]!]! : -1);
}

/** The orders' stream part. */
export type StreamOrders = Pick<LivepeerOrders, 'streamTime' | 'streamDurationS' | 'streamPixelsPerS' | 'streamCandidates'>;

/**
 * Posts the window's stream requests in time order and keeps who asked (and for how long), to pay for them when the
 * market's assignments come back with the next public state.
 */
export function takeStreamRequests(b: Broadcasters): StreamOrders {
  b.prevBroadcaster = b.reqBroadcaster.take();
  b.prevDuration = b.reqDuration.take();
  return {
    streamTime: b.reqTime.take(),
    streamDurationS: b.prevDuration,
    streamPixelsPerS: b.reqPps.take(),
    streamCandidates: b.reqCandidates.take(),
  };
}
