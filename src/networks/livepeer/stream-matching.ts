import type { LivepeerCounters } from './counters.ts';
import type { LivepeerOrders } from './messages.ts';
import type { Orchestrators } from './orchestrators.ts';

/** For each shard's requests of the window: the orchestrator that serves it (-1: rejected) and its price. */
export interface Assignments {
  readonly assigned: Int32Array[];
  readonly prices: Float64Array[];
}

/**
 * Session matching: every shard's requests merged in (time, shard, sequence) order, each tried at its candidates
 * in order; a candidate takes it if one of its maxSessions sessions has ended by the arrival time (go-livepeer
 * core/orchestrator.go refuses with ErrOrchCap when all are busy). A request nobody takes is rejected. This is a
 * loss system, so with one orchestrator the rejected fraction is Erlang-B. Books each orchestrator's busy time and
 * pixels, and the served / rejected counts and prices in the tallies.
 */
export function matchStreams(o: Orchestrators, counters: LivepeerCounters, orders: readonly LivepeerOrders[], candidatesPerStream: number): Assignments {
  const K = orders.length;
  const C = candidatesPerStream;
  const cap = o.maxSessions;
  const assigned = new Array<Int32Array>(K);
  const prices = new Array<Float64Array>(K);
  const times = new Array<Float64Array>(K);
  const durations = new Array<Float64Array>(K);
  const pixelsPerS = new Array<Float64Array>(K);
  const candidates = new Array<Int32Array>(K);
  const head = new Float64Array(K); // each shard's next request time (Infinity when done)
  const pos = new Int32Array(K);
  for (let s = 0; s < K; s++) {
    const t = orders[s]!.streamTime;
    times[s] = t;
    durations[s] = orders[s]!.streamDurationS;
    pixelsPerS[s] = orders[s]!.streamPixelsPerS;
    candidates[s] = orders[s]!.streamCandidates;
    assigned[s] = new Int32Array(t.length).fill(-1);
    prices[s] = new Float64Array(t.length);
    head[s] = t.length > 0 ? t[0]! : Infinity;
  }
  const active = o.active;
  const sessEnd = o.sessionEnd;
  const priceWei = o.priceWei;
  const busy = o.busyS;
  const pixels = o.pixels;
  let served = 0,
    rejected = 0,
    priceSum = 0;
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
    const p = pos[k]!++;
    const tk = times[k]!;
    head[k] = p + 1 < tk.length ? tk[p + 1]! : Infinity;
    const duration = durations[k]![p]!;
    const cands = candidates[k]!;
    let servedBy = -1;
    for (let c = 0; c < C; c++) {
      const j = cands[p * C + c]!;
      if (j < 0 || !active[j]) continue;
      const base = j * cap;
      for (let x = base; x < base + cap; x++) {
        if (sessEnd[x]! <= tBest) {
          sessEnd[x] = tBest + duration;
          servedBy = j;
          break;
        }
      }
      if (servedBy >= 0) break;
    }
    if (servedBy >= 0) {
      const j = servedBy;
      const price = priceWei[j]!;
      assigned[k]![p] = j;
      prices[k]![p] = price;
      busy[j] = busy[j]! + duration;
      pixels[j] = pixels[j]! + pixelsPerS[k]![p]! * duration;
      priceSum += price;
      served++;
    } else rejected++;
  }
  // The window's sums are local (one addition per stream) and enter the tallies once.
  counters.served += served;
  counters.rejected += rejected;
  counters.priceCount += served;
  counters.priceSum += priceSum;
  return { assigned, prices };
}
