import { searchCumulative } from '../../engine/cumulative.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import { JOB_AI, JOB_VIDEO, type LivepeerOrders, type LivepeerPublic } from './messages.ts';
import { buildSelectionTables, createSelectionTables, pickCandidates, type SelectionTables, underPriceCap } from './orchestrator-selection.ts';
import type { LivepeerConfig } from './params.ts';
import { DEFAULT_LADDER, HD_LADDER, ladderPixelsPerSegment, SEGMENT_LENGTH_S, segmentsOf } from './protocol.ts';
import { type TicketTerms, ticketsForStream, ticketsForWei, ticketTerms } from './tickets.ts';

/**
 * Broadcasters (gateways and their users), the agent kind that buys transcoding and AI inference: each starts jobs
 * (its share of two Poisson processes, streams and AI jobs, whose rates a schedule may change by date), lists the
 * orchestrators it will try (orchestrator-selection.ts), and pays for the jobs it was served with probabilistic
 * tickets. With `demandScale` k > 1 each modelled job is a bundle of k identical ones (k times the fee).
 */
export const BROADCASTER_SCHEMA = {
  /** Price cap, USD per 10^12 pixels (Infinity: none), and the cap it started with. */
  maxPriceUsd: 'f64',
  initialMaxPriceUsd: 'f64',
  pixelsPerSegment: 'f64',
  /** Cumulative activity weight of broadcasters 0..i of this shard (for picking who starts a job). */
  rateCum: 'f64',
  served: 'u32',
  rejected: 'u32',
} as const;

/** One shard's broadcasters, their requests of this window and the last, and their selection tables. */
export interface Broadcasters {
  readonly cfg: LivepeerConfig;
  readonly population: Population<typeof BROADCASTER_SCHEMA>;
  readonly rngArrivals: RandomStream;
  readonly rngSelect: RandomStream;
  readonly rngTickets: RandomStream;
  readonly tickets: TicketTerms;
  /** The shard's share of all broadcasters' activity, in broadcasters (Σ weights, each of mean 1). */
  readonly activity: number;
  readonly selection: SelectionTables;
  // this window's requests
  readonly reqTime: Float64List;
  readonly reqDuration: Float64List;
  readonly reqKind: Int32List;
  readonly reqUnits: Float64List;
  readonly reqCap: Float64List;
  readonly reqBroadcaster: Int32List;
  readonly reqCandidates: Int32List;
  // last window's requests, awaiting their assignment
  prevBroadcaster: Int32Array;
  prevDuration: Float64Array;
  prevKind: Int32Array;
  /** The ETH price (USD) of the window: caps in USD become wei at it. */
  ethUsd: number;
}

/** The broadcasters of shard `ctx.index`: price caps, rendition ladders and activity drawn from its 'broadcasters' stream. */
export function createBroadcasters(cfg: LivepeerConfig, ctx: ShardContext): Broadcasters {
  const b = shardRange(cfg.broadcasters, ctx.index, ctx.count);
  const population = new Population(BROADCASTER_SCHEMA, b.end - b.start);
  const bc = population.columns;
  const rngInit = ctx.stream('broadcasters');
  const sdPx = ladderPixelsPerSegment(DEFAULT_LADDER);
  const hdPx = ladderPixelsPerSegment(HD_LADDER);
  let cum = 0;
  for (let id = b.start; id < b.end; id++) {
    const i = population.add();
    const cap = cfg.maxPriceUsdPerTpx > 0 ? cfg.maxPriceUsdPerTpx * Math.exp(cfg.maxPriceSigma * rngInit.normal()) : Infinity;
    bc.maxPriceUsd[i] = cap;
    bc.initialMaxPriceUsd[i] = cap;
    bc.pixelsPerSegment[i] = rngInit.next() < cfg.hdFraction ? hdPx : sdPx;
    const s = cfg.activitySigma;
    cum += Math.exp(s * rngInit.normal() - (s * s) / 2);
    bc.rateCum[i] = cum;
  }
  return {
    cfg,
    population,
    rngArrivals: ctx.stream('arrivals'),
    rngSelect: ctx.stream('select'),
    rngTickets: ctx.stream('tickets'),
    tickets: ticketTerms(cfg),
    activity: cum,
    selection: createSelectionTables(cfg),
    reqTime: new Float64List(),
    reqDuration: new Float64List(),
    reqKind: new Int32List(),
    reqUnits: new Float64List(),
    reqCap: new Float64List(),
    reqBroadcaster: new Int32List(),
    reqCandidates: new Int32List(),
    prevBroadcaster: new Int32Array(0),
    prevDuration: new Float64Array(0),
    prevKind: new Int32Array(0),
    ethUsd: Number.NaN,
  };
}

/** What broadcasters read of a new public state: the selection tables, and the ETH price their USD caps convert at. */
export function readPublicPrices(b: Broadcasters, pub: LivepeerPublic, ethUsd: number): void {
  buildSelectionTables(b.selection, b.cfg, pub);
  b.ethUsd = ethUsd;
}

/**
 * The window's jobs of one kind: a Poisson process at the shard's share of `perHour` (modelled jobs: divided by
 * demandScale), its gaps drawn from the window's start (exact for a rate constant over the window, by memorylessness).
 */
export function startJobs(b: Broadcasters, w: Window, kind: number, perHour: number): void {
  const rateS = (perHour / 3600 / b.cfg.demandScale) * (b.activity / b.cfg.broadcasters);
  if (!(rateS > 0)) return;
  for (let t = w.from + b.rngArrivals.exponential(1 / rateS); t < w.to; t += b.rngArrivals.exponential(1 / rateS)) startJob(b, t, kind);
}

/**
 * A job starts at time t: pick the broadcaster (by activity), draw the duration, and list the orchestrators it will
 * try (pickCandidates); a broadcaster that finds nobody under its cap raises it for next time (by capRaiseStep, up to
 * twice its initial cap). AI jobs have no cap.
 */
function startJob(b: Broadcasters, t: number, kind: number): void {
  const bc = b.population.columns;
  const rng = b.rngSelect;
  const who = searchCumulative(bc.rateCum, b.population.size, rng.next() * b.activity);
  const duration = rng.exponential(kind === JOB_AI ? b.cfg.aiJobSeconds : b.cfg.meanStreamMinutes * 60);
  const sel = b.selection;
  // USD per 10^12 pixels to wei per pixel at the window's ETH price.
  const capWei = kind === JOB_VIDEO ? (bc.maxPriceUsd[who]! * 1e6) / b.ethUsd : Infinity;
  const m = kind === JOB_VIDEO ? underPriceCap(sel, kind, capWei) : sel.nEligible[kind]!;
  const nChosen = pickCandidates(sel, b.cfg, rng, kind, m);
  if (m === 0 && kind === JOB_VIDEO && sel.nEligible[kind]! > 0)
    bc.maxPriceUsd[who] = Math.min(bc.initialMaxPriceUsd[who]! * 2, bc.maxPriceUsd[who]! * (1 + b.cfg.capRaiseStep));
  b.reqTime.push(t);
  b.reqDuration.push(duration);
  b.reqKind.push(kind);
  b.reqUnits.push(kind === JOB_VIDEO ? bc.pixelsPerSegment[who]! / SEGMENT_LENGTH_S : 1);
  b.reqCap.push(capWei);
  b.reqBroadcaster.push(who);
  const C = b.cfg.candidatesPerStream;
  const el = sel.eligible[kind]!;
  for (let c = 0; c < C; c++) b.reqCandidates.push(c < nChosen ? el[sel.chosen[c]!]! : -1);
}

/**
 * The broadcaster pays for each served job with probabilistic tickets: a stream's fee at the serving orchestrator's
 * price per pixel (server/segment_rpc.go estimateFee, summed over its segments) in ticketsForFee(fee, EV) tickets
 * (core/accounting.go; credit carries over between segments, so a stream's tickets are those of its total fee); an AI
 * job's fee is its seconds at the price per second. Each ticket wins with probability winProb / 2^256; winners are
 * drawn here and added per orchestrator to `winning` or `aiWinning` (tickets), and `evWei` (their expected value).
 */
export function payForJobs(b: Broadcasters, shard: number, pub: LivepeerPublic, winning: Float64Array, aiWinning: Float64Array, evWei: Float64Array): void {
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
  const k = b.cfg.demandScale;
  for (let r = 0; r < n; r++) {
    const who = b.prevBroadcaster[r]!;
    const o = assigned[r]!;
    if (o < 0) {
      bc.rejected[who]!++;
      continue;
    }
    bc.served[who]!++;
    const video = b.prevKind[r] === JOB_VIDEO;
    const nTickets = video
      ? ticketsForStream(t, bc.pixelsPerSegment[who]! * segmentsOf(b.prevDuration[r]!) * k, prices[r]!)
      : ticketsForWei(t, Math.ceil(b.prevDuration[r]! * prices[r]! * k));
    const wins = b.rngTickets.binomial(nTickets, t.winProbability);
    if (video) winning[o]! += wins;
    else aiWinning[o]! += wins;
    evWei[o]! += nTickets * t.evWei;
  }
}

/** The orders' job part. */
export type JobOrders = Pick<LivepeerOrders, 'streamTime' | 'streamDurationS' | 'streamKind' | 'streamUnitsPerS' | 'streamMaxPriceWei' | 'streamCandidates'>;

/**
 * Posts the window's requests in time order (streams and AI jobs merged by their start time) and keeps who asked,
 * for how long and what, to pay when the market's assignments come back with the next public state.
 */
export function takeJobRequests(b: Broadcasters): JobOrders {
  const time = b.reqTime.take();
  const duration = b.reqDuration.take();
  const kind = b.reqKind.take();
  const units = b.reqUnits.take();
  const cap = b.reqCap.take();
  const who = b.reqBroadcaster.take();
  const cands = b.reqCandidates.take();
  const n = time.length;
  const C = b.cfg.candidatesPerStream;
  if (!kind.includes(JOB_AI)) {
    // One kind: already in time order.
    b.prevBroadcaster = who;
    b.prevDuration = duration;
    b.prevKind = kind;
    return {
      streamTime: time,
      streamDurationS: duration,
      streamKind: Uint8Array.from(kind),
      streamUnitsPerS: units,
      streamMaxPriceWei: cap,
      streamCandidates: cands,
    };
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => time[x]! - time[y]! || x - y);
  const out: JobOrders = {
    streamTime: Float64Array.from(order, (i) => time[i]!),
    streamDurationS: Float64Array.from(order, (i) => duration[i]!),
    streamKind: Uint8Array.from(order, (i) => kind[i]!),
    streamUnitsPerS: Float64Array.from(order, (i) => units[i]!),
    streamMaxPriceWei: Float64Array.from(order, (i) => cap[i]!),
    streamCandidates: new Int32Array(n * C),
  };
  for (let r = 0; r < n; r++) out.streamCandidates.set(cands.subarray(order[r]! * C, order[r]! * C + C), r * C);
  b.prevBroadcaster = Int32Array.from(order, (i) => who[i]!);
  b.prevDuration = out.streamDurationS;
  b.prevKind = Int32Array.from(order, (i) => kind[i]!);
  return out;
}
