import type { OrchidOrders } from './messages.ts';
import type { Relays } from './relays.ts';

/** What matching one window's sessions did. */
export interface MatchOutcome {
  readonly assigned: Int32Array[];
  gbServed: number;
  gbRejected: number;
  served: number;
  rejected: number;
}

/**
 * Every shard's session requests of one window, in (start time, shard, request) order, go to the first relay on
 * their list that has capacity left for the session's GB in this window; a session no relay on its list can take is
 * refused (the user then remembers it, and may leave). A relay serves at most `capacity x window` GB a window
 * (openRelayWindow), so a relay picked more often than its capacity allows turns users away.
 */
export function matchSessions(r: Relays, orders: readonly OrchidOrders[], candidatesPerRequest: number): MatchOutcome {
  const out: MatchOutcome = { assigned: orders.map((o) => new Int32Array(o.reqTime.length).fill(-1)), gbServed: 0, gbRejected: 0, served: 0, rejected: 0 };
  let total = 0;
  for (const o of orders) total += o.reqTime.length;
  const shardOf = new Int32Array(total);
  const indexOf = new Int32Array(total);
  const time = new Float64Array(total);
  let k = 0;
  for (let s = 0; s < orders.length; s++) {
    const o = orders[s]!;
    for (let q = 0; q < o.reqTime.length; q++) {
      shardOf[k] = s;
      indexOf[k] = q;
      time[k++] = o.reqTime[q]!;
    }
  }
  const order = Array.from({ length: total }, (_, j) => j);
  order.sort((a, b) => time[a]! - time[b]! || shardOf[a]! - shardOf[b]! || indexOf[a]! - indexOf[b]!);
  for (const j of order) {
    const o = orders[shardOf[j]!]!;
    const q = indexOf[j]!;
    const gb = o.reqGb[q]!;
    let to = -1;
    for (let c = 0; c < candidatesPerRequest; c++) {
      const relay = o.reqCandidates[q * candidatesPerRequest + c]!;
      if (relay >= 0 && r.capLeftGb[relay]! >= gb) {
        to = relay;
        break;
      }
    }
    if (to >= 0) {
      r.capLeftGb[to] = r.capLeftGb[to]! - gb;
      r.gbWindow[to] = r.gbWindow[to]! + gb;
      out.gbServed += gb;
      out.served++;
    } else {
      out.gbRejected += gb;
      out.rejected++;
    }
    out.assigned[shardOf[j]!]![q] = to;
  }
  return out;
}
