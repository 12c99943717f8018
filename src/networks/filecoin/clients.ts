import { searchCumulative } from '../../engine/cumulative.ts';
import type { ShardContext } from '../../engine/model.ts';
import { Population } from '../../engine/population.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { shardRange } from '../../engine/shard-range.ts';
import { Float64List, Int32List } from '../../engine/typed-list.ts';
import { type FilecoinPublic, NOTICE_ACCEPTED, NOTICE_ACTIVE, NOTICE_CUT, NOTICE_REJECTED, PROVIDER_ACTIVE } from './messages.ts';
import type { FilecoinConfig } from './params.ts';

/**
 * Storage clients, the agent kind with data to keep: each comes with a dataset (size, a price limit in USD per
 * TiB-year, verified through Fil+ or not), chooses among the providers it sees by price, reliability and
 * reputation, and asks the market for a deal; it retries when refused and gives up after `maxAttempts`; when its
 * deal ends it renews (staying with a provider that served it well) or leaves, coming back later with new data;
 * when a provider cuts its deal short it looks elsewhere at once, avoiding that provider.
 */
export const CLIENT_SCHEMA = {
  state: 'u8',
  dataTib: 'f64',
  maxPriceUsd: 'f64',
  verified: 'u8',
  attempts: 'u8',
  /** 1 while the current request is the dataset's first (it counts as demand). */
  first: 'u8',
  /** The provider of the current or last deal, and the last that cut a deal short (-1: none). */
  provider: 'i32',
  avoid: 'i32',
  endDay: 'f64',
} as const;

export const CLIENT_IDLE = 0;
export const CLIENT_WAITING = 1;
export const CLIENT_PENDING = 2;
export const CLIENT_STORED = 3;

/** Event kinds and their priority at equal times. */
export const EV_ARRIVE = 1;
export const EV_RETRY = 2;
export const EV_END = 3;

const DAY = 86_400;
/** Weight on staying with the provider of a deal that ended well. */
const LOYALTY = 0.5;
/** Sd of the noise on a client's score of a provider. */
const SCORE_NOISE = 0.3;

export interface Clients {
  readonly cfg: FilecoinConfig;
  readonly population: Population<typeof CLIENT_SCHEMA>;
  readonly rng: RandomStream;
  /** This window's requests. */
  readonly reqClient: Int32List;
  readonly reqSizeTib: Float64List;
  readonly reqDays: Float64List;
  readonly reqMaxPriceFil: Float64List;
  readonly reqVerified: Int32List;
  readonly reqFirst: Int32List;
  readonly reqCandidates: Int32List;
  abandonedTib: number;
  /** The window's candidate table: providers taking deals, cumulative weight by free capacity. */
  eligible: Int32Array;
  eligibleCum: Float64Array;
  eligibleCount: number;
  filUsd: number;
}

export function createClients(cfg: FilecoinConfig, ctx: ShardContext): Clients {
  const range = shardRange(cfg.clients, ctx.index, ctx.count);
  const population = new Population(CLIENT_SCHEMA, range.end - range.start);
  const c = population.columns;
  const rng = ctx.stream('clients');
  for (let id = range.start; id < range.end; id++) {
    const i = population.add();
    c.dataTib[i] = cfg.clientDataTib * Math.exp(cfg.clientDataSigma * rng.normal());
    c.maxPriceUsd[i] = cfg.clientPriceUsdPerTibYear * Math.exp(cfg.clientPriceSigma * rng.normal());
    c.verified[i] = rng.next() < cfg.verifiedDealShare ? 1 : 0;
    c.provider[i] = -1;
    c.avoid[i] = -1;
  }
  return {
    cfg,
    population,
    rng,
    reqClient: new Int32List(),
    reqSizeTib: new Float64List(),
    reqDays: new Float64List(),
    reqMaxPriceFil: new Float64List(),
    reqVerified: new Int32List(),
    reqFirst: new Int32List(),
    reqCandidates: new Int32List(),
    abandonedTib: 0,
    eligible: new Int32Array(0),
    eligibleCum: new Float64Array(0),
    eligibleCount: 0,
    filUsd: 1,
  };
}

/** Days until an idle client comes with data. */
export function nextArrivalDelayS(cl: Clients): number {
  return cl.rng.exponential(cl.cfg.clientArrivalDays) * DAY;
}

/** The window's candidate table from the published state: providers taking deals, weighted by free capacity. */
export function readProviders(cl: Clients, pub: FilecoinPublic): void {
  const n = pub.providerStatus.length;
  if (cl.eligible.length < n) {
    cl.eligible = new Int32Array(n);
    cl.eligibleCum = new Float64Array(n);
  }
  let k = 0;
  let cum = 0;
  for (let p = 0; p < n; p++) {
    if (pub.providerStatus[p] !== PROVIDER_ACTIVE || !(pub.providerFreeTib[p]! > 0)) continue;
    cum += pub.providerFreeTib[p]!;
    cl.eligible[k] = p;
    cl.eligibleCum[k] = cum;
    k++;
  }
  cl.eligibleCount = k;
  cl.filUsd = pub.filUsd;
}

/**
 * Client i asks for a deal: it draws providers in proportion to their free capacity (whom it hears of), keeps those
 * with room for its data and an ask under its limit, scores them — price against its limit, reliability,
 * reputation, loyalty to a provider that served it, and its own noise — and posts its best `candidatesPerRequest`.
 * Every call is an attempt; with no candidate the caller treats it as refused.
 */
export function requestDeal(cl: Clients, i: number, pub: FilecoinPublic): boolean {
  const cfg = cl.cfg;
  const c = cl.population.columns;
  c.attempts[i] = c.attempts[i]! + 1;
  const k = cfg.candidatesPerRequest;
  const verified = c.verified[i] === 1;
  const size = c.dataTib[i]!;
  const maxUsd = c.maxPriceUsd[i]!;
  const best: number[] = [];
  const scores: number[] = [];
  const total = cl.eligibleCount > 0 ? cl.eligibleCum[cl.eligibleCount - 1]! : 0;
  for (let draw = 0; draw < 3 * k && total > 0; draw++) {
    const p = cl.eligible[searchCumulative(cl.eligibleCum, cl.eligibleCount, cl.rng.next() * total)]!;
    if (best.includes(p) || p === c.avoid[i] || pub.providerFreeTib[p]! < size) continue;
    const priceUsd = (verified ? pub.providerAskVerified[p]! : pub.providerAsk[p]!) * cl.filUsd;
    if (priceUsd > maxUsd) continue;
    const score =
      -(maxUsd > 0 ? priceUsd / maxUsd : 0) +
      cfg.reliabilityWeight * pub.providerReliability[p]! +
      cfg.reputationWeight * pub.providerReputation[p]! +
      (p === c.provider[i] ? LOYALTY : 0) +
      SCORE_NOISE * cl.rng.normal();
    let at = scores.length;
    while (at > 0 && scores[at - 1]! < score) at--;
    scores.splice(at, 0, score);
    best.splice(at, 0, p);
  }
  if (best.length === 0) return false;
  cl.reqClient.push(i);
  cl.reqSizeTib.push(size);
  cl.reqDays.push(cfg.dealDays);
  cl.reqMaxPriceFil.push(maxUsd / cl.filUsd);
  cl.reqVerified.push(verified ? 1 : 0);
  cl.reqFirst.push(c.first[i]!);
  for (let j = 0; j < k; j++) cl.reqCandidates.push(j < best.length ? best[j]! : -1);
  c.state[i] = CLIENT_WAITING;
  return true;
}

/** What a client does when its request found no provider: retry tomorrow, or give up (its data goes unserved). */
function refused(cl: Clients, i: number, push: (tS: number, kind: number, i: number) => void, nowS: number): void {
  const c = cl.population.columns;
  if (c.attempts[i]! < cl.cfg.maxAttempts) {
    c.state[i] = CLIENT_WAITING;
    push(nowS + DAY, EV_RETRY, i);
    return;
  }
  if (c.first[i]) cl.abandonedTib += c.dataTib[i]!;
  leave(cl, i, push, nowS);
}

/** The client's data leaves the network; it comes back with a new dataset later. */
function leave(cl: Clients, i: number, push: (tS: number, kind: number, i: number) => void, nowS: number): void {
  const c = cl.population.columns;
  c.state[i] = CLIENT_IDLE;
  c.attempts[i] = 0;
  c.first[i] = 1;
  c.provider[i] = -1;
  push(nowS + nextArrivalDelayS(cl), EV_ARRIVE, i);
}

/** Applies the market's notices to this shard's clients (read at the start of a window). */
export function readNotices(cl: Clients, notices: Float64Array | undefined, push: (tS: number, kind: number, i: number) => void, nowS: number): void {
  if (!notices) return;
  const c = cl.population.columns;
  for (let j = 0; j < notices.length; j += 4) {
    const i = notices[j]!;
    const kind = notices[j + 1]!;
    if (kind === NOTICE_REJECTED) refused(cl, i, push, nowS);
    else if (kind === NOTICE_ACCEPTED) {
      c.state[i] = CLIENT_PENDING;
      c.provider[i] = notices[j + 2]!;
    } else if (kind === NOTICE_ACTIVE) {
      c.state[i] = CLIENT_STORED;
      c.endDay[i] = notices[j + 3]!;
      c.attempts[i] = 0;
      push(c.endDay[i]! * DAY, EV_END, i);
    } else if (kind === NOTICE_CUT) {
      // The deal, or part of it, was lost: look elsewhere at once, avoiding that provider.
      c.avoid[i] = c.provider[i]!;
      c.provider[i] = -1;
      c.state[i] = CLIENT_WAITING;
      c.attempts[i] = 0;
      c.first[i] = 0;
      push(nowS, EV_RETRY, i);
    }
  }
}

/** A client event: data arrives, a retry falls due, or a deal ends (renew or leave). */
export function handleClientEvent(
  cl: Clients,
  kind: number,
  i: number,
  pub: FilecoinPublic,
  push: (tS: number, kind: number, i: number) => void,
  nowS: number,
): void {
  const c = cl.population.columns;
  if (kind === EV_ARRIVE) {
    c.first[i] = 1;
    c.attempts[i] = 0;
    c.avoid[i] = -1;
    if (!requestDeal(cl, i, pub)) refused(cl, i, push, nowS);
  } else if (kind === EV_RETRY) {
    if (c.state[i] !== CLIENT_WAITING) return;
    if (!requestDeal(cl, i, pub)) refused(cl, i, push, nowS);
  } else if (kind === EV_END) {
    // A stale end (the deal was cut and replaced) is ignored.
    if (c.state[i] !== CLIENT_STORED || c.endDay[i]! * DAY !== nowS) return;
    if (cl.rng.next() < cl.cfg.renewProbability) {
      c.first[i] = 0;
      c.attempts[i] = 0;
      if (!requestDeal(cl, i, pub)) refused(cl, i, push, nowS);
    } else leave(cl, i, push, nowS);
  }
}

/** Hands the window's requests to the orders and empties the lists. */
export function takeRequests(cl: Clients) {
  const abandonedTib = cl.abandonedTib;
  cl.abandonedTib = 0;
  return {
    reqClient: cl.reqClient.take(),
    reqSizeTib: cl.reqSizeTib.take(),
    reqDays: cl.reqDays.take(),
    reqMaxPriceFil: cl.reqMaxPriceFil.take(),
    reqVerified: Uint8Array.from(cl.reqVerified.take()),
    reqFirst: Uint8Array.from(cl.reqFirst.take()),
    reqCandidates: cl.reqCandidates.take(),
    abandonedTib,
  };
}
