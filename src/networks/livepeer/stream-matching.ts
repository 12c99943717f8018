import type { RandomStream } from '../../engine/rng.ts';
import type { LivepeerCounters } from './counters.ts';
import { JOB_AI, type LivepeerOrders } from './messages.ts';
import type { Orchestrators } from './orchestrators.ts';

/** For each shard's requests of the window: the orchestrator that serves it (-1: rejected) and its price. */
export interface Assignments {
  readonly assigned: Int32Array[];
  readonly prices: Float64Array[];
}

/**
 * Session matching: every shard's requests merged in (time, shard, sequence) order. A request is tried at the
 * orchestrators of its broadcaster's session pool in order; one whose sessions of the job's kind are all busy refuses
 * it (go-livepeer core/orchestrator.go ErrOrchCap) and is suspended for the request (server/broadcast.go
 * suspendAndRemoveOrch), and the next is tried. When the whole pool is full the broadcaster refreshes it from discovery:
 * one of the other active orchestrators under its cap with a free session, uniformly at random (discovery shuffles
 * them). A request nobody can take is rejected: a loss system, so with one orchestrator the rejected fraction is
 * Erlang-B. Books each orchestrator's busy time and pixels, the minutes transcoded, the served and rejected counts and
 * prices.
 */
export function matchStreams(
  o: Orchestrators,
  counters: LivepeerCounters,
  orders: readonly LivepeerOrders[],
  candidatesPerStream: number,
  demandScale: number,
  rng: RandomStream,
): Assignments {
  const K = orders.length;
  const C = candidatesPerStream;
  const assigned = new Array<Int32Array>(K);
  const prices = new Array<Float64Array>(K);
  const head = new Float64Array(K); // each shard's next request time (Infinity when done)
  const pos = new Int32Array(K);
  for (let s = 0; s < K; s++) {
    const t = orders[s]!.streamTime;
    assigned[s] = new Int32Array(t.length).fill(-1);
    prices[s] = new Float64Array(t.length);
    head[s] = t.length > 0 ? t[0]! : Infinity;
  }
  let served = 0,
    rejected = 0,
    priceSum = 0,
    minutes = 0;
  for (;;) {
    // The earliest head; ties go to the lower shard index (strict <), as (time, shard, sequence) order requires.
    let k = -1;
    let tBest = Infinity;
    for (let s = 0; s < K; s++)
      if (head[s]! < tBest) {
        tBest = head[s]!;
        k = s;
      }
    if (k < 0) break;
    const ord = orders[k]!;
    const p = pos[k]!++;
    head[k] = p + 1 < ord.streamTime.length ? ord.streamTime[p + 1]! : Infinity;
    const duration = ord.streamDurationS[p]!;
    const ai = ord.streamKind[p] === JOB_AI;
    const cands = ord.streamCandidates;
    let servedBy = -1;
    for (let c = 0; c < C && servedBy < 0; c++) {
      const j = cands[p * C + c]!;
      if (j >= 0 && takeSession(o, j, ai, tBest, duration)) servedBy = j;
    }
    if (servedBy < 0) servedBy = refreshPool(o, ai, ord.streamMaxPriceWei[p]!, cands, p * C, C, tBest, duration, rng);
    if (servedBy >= 0) {
      const j = servedBy;
      const price = ai ? o.aiPriceWei[j]! : o.priceWei[j]!;
      assigned[k]![p] = j;
      prices[k]![p] = price;
      if (ai) o.aiBusyS[j] = o.aiBusyS[j]! + duration;
      else {
        o.busyS[j] = o.busyS[j]! + duration;
        o.pixels[j] = o.pixels[j]! + ord.streamUnitsPerS[p]! * duration * demandScale;
        priceSum += price;
        minutes += (duration / 60) * demandScale;
      }
      served++;
    } else rejected++;
  }
  // The window's sums are local (one addition per request) and enter the tallies once.
  counters.served += served;
  counters.rejected += rejected;
  counters.priceCount += served;
  counters.priceSum += priceSum;
  counters.minutes += minutes;
  return { assigned, prices };
}

/** Orchestrator j takes the job if it is active, can serve the kind and has a session free at time t. */
function takeSession(o: Orchestrators, j: number, ai: boolean, t: number, duration: number): boolean {
  if (!o.active[j]) return false;
  const ends = ai ? o.aiSessionEnd : o.sessionEnd;
  const from = ai ? o.aiOffset[j]! : o.sessOffset[j]!;
  const to = from + (ai ? o.aiCount[j]! : o.sessCount[j]!);
  for (let x = from; x < to; x++)
    if (ends[x]! <= t) {
      ends[x] = t + duration;
      return true;
    }
  return false;
}

/**
 * The broadcaster's refreshed pool: the active orchestrators able to serve the kind, under the price cap, outside the
 * suspended pool and with a free session; one of them uniformly at random takes the job (-1: none).
 */
function refreshPool(
  o: Orchestrators,
  ai: boolean,
  capWei: number,
  cands: Int32Array,
  at: number,
  C: number,
  t: number,
  duration: number,
  rng: RandomStream,
): number {
  let n = 0;
  for (let j = 0; j < o.n; j++) if (refreshable(o, j, ai, capWei, cands, at, C, t)) n++;
  if (n === 0) return -1;
  let pick = rng.int(n);
  for (let j = 0; j < o.n; j++)
    if (refreshable(o, j, ai, capWei, cands, at, C, t) && pick-- === 0) {
      takeSession(o, j, ai, t, duration);
      return j;
    }
  return -1;
}

function refreshable(o: Orchestrators, j: number, ai: boolean, capWei: number, cands: Int32Array, at: number, C: number, t: number): boolean {
  if (!o.active[j]) return false;
  const price = ai ? o.aiPriceWei[j]! : o.priceWei[j]!;
  if ((ai && price <= 0) || price > capWei) return false;
  for (let c = 0; c < C; c++) if (cands[at + c] === j) return false;
  const ends = ai ? o.aiSessionEnd : o.sessionEnd;
  const from = ai ? o.aiOffset[j]! : o.sessOffset[j]!;
  const to = from + (ai ? o.aiCount[j]! : o.sessCount[j]!);
  for (let x = from; x < to; x++) if (ends[x]! <= t) return true;
  return false;
}
