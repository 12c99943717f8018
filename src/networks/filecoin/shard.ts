import { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import type { WorldView } from '../../engine/network.ts';
import { createPositions, type Positions, stepPositions } from './capital-port.ts';
import { type Clients, createClients, EV_ARRIVE, handleClientEvent, nextArrivalDelayS, readNotices, readProviders, takeRequests } from './clients.ts';
import type { FilecoinOrders, FilecoinPublic } from './messages.ts';
import type { FilecoinConfig } from './params.ts';

/**
 * One shard of the Filecoin model: its storage clients (clients.ts) and their event queue. The shard reads only its
 * own state and the published state, so shards are independent inside a window (any thread, any order).
 */
export interface FilecoinShard {
  readonly cfg: FilecoinConfig;
  readonly index: number;
  readonly clients: Clients;
  readonly queue: EventQueue;
  /** Outside investors' positions in this shard (capital-port.ts). */
  readonly positions: Positions;
}

export function createFilecoinShard(cfg: FilecoinConfig, ctx: ShardContext): FilecoinShard {
  const clients = createClients(cfg, ctx);
  const queue = new EventQueue(Math.max(1024, clients.population.size + 16));
  for (let i = 0; i < clients.population.size; i++) queue.push(nextArrivalDelayS(clients), 0, EV_ARRIVE, i);
  return { cfg, index: ctx.index, clients, queue, positions: createPositions() };
}

/** One window (a day) of a shard: read the market's notices and providers, run the clients' events in time order, post orders. */
export function stepFilecoinShard(s: FilecoinShard, w: Window, pub: FilecoinPublic, _world: WorldView): FilecoinOrders {
  const cl = s.clients;
  const q = s.queue;
  const push = (tS: number, kind: number, i: number) => q.push(tS, kind, kind, i);
  stepPositions(s, pub);
  readProviders(cl, pub);
  readNotices(cl, pub.notices[s.index], push, w.from);
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    handleClientEvent(cl, q.kind, q.agent, pub, push, q.time);
  }
  const port = s.positions.orders.length > 0 ? s.positions.orders : undefined;
  s.positions.orders = [];
  return { shard: s.index, port, ...takeRequests(cl) };
}
