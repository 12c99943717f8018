import { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import type { WorldView } from '../../engine/network.ts';
import { createPositions, type Positions, stepPositions } from './capital-port.ts';
import { type OrchidOrders, type OrchidPublic, STAT_USERS_ACTIVE } from './messages.ts';
import type { OrchidConfig } from './params.ts';
import {
  createUsers,
  EV_JOIN,
  EV_SESSION,
  EV_UNLOCK,
  joinUser,
  readPublicState,
  settleRequests,
  startSession,
  takeRequests,
  USER_ACTIVE,
  type Users,
  unlockDeposit,
} from './users.ts';
import { type OrchidPriceNames, pricesIn } from './world-prices.ts';

/**
 * One shard of the Orchid network: its users (users.ts) and their event queue, and outside investors' positions
 * (capital-port.ts). The shard reads only its own state and the published state, so shards are independent inside a
 * window (any thread, any order).
 */
export interface OrchidShard {
  readonly cfg: OrchidConfig;
  readonly index: number;
  readonly users: Users;
  readonly queue: EventQueue;
  readonly positions: Positions;
}

export function createOrchidShard(cfg: OrchidConfig, ctx: ShardContext): OrchidShard {
  const queue = new EventQueue(1024);
  const users = createUsers(cfg, ctx, queue);
  return { cfg, index: ctx.index, users, queue, positions: createPositions() };
}

/**
 * One window of a shard: read the new public state, pay for (or remember the refusal of) last window's sessions,
 * apply the port's events, then run joins, unlocks and session starts in time order, and post the orders.
 */
export function stepOrchidShard(s: OrchidShard, w: Window, pub: OrchidPublic, world: WorldView, names: OrchidPriceNames): OrchidOrders {
  const u = s.users;
  const { currencyUsd } = pricesIn(world, names);
  readPublicState(u, pub.tree, pub.relayServing, pub.priceUsdPerGb, currencyUsd);
  settleRequests(u, pub.assigned[s.index], w.from);
  stepPositions(s, pub, world, names);

  const q = s.queue;
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    const i = q.agent;
    if (q.kind === EV_SESSION) startSession(u, i, q.time, q.value);
    else if (q.kind === EV_JOIN) {
      if (u.population.columns.state[i] !== USER_ACTIVE) joinUser(u, i, q.time);
    } else if (q.kind === EV_UNLOCK) unlockDeposit(u, i, q.time);
  }

  u.stats[STAT_USERS_ACTIVE] = u.active;
  const port = s.positions.orders.length > 0 ? s.positions.orders : undefined;
  s.positions.orders = [];
  const orders: OrchidOrders = {
    shard: s.index,
    port,
    ...takeRequests(u),
    payoutNano: u.payoutNano,
    redemptions: u.redemptions,
    gasNano: u.gasPaidNano,
    picks: u.picks,
    fundedNano: u.fundedNano,
    withdrawnNano: u.withdrawnNano,
    stats: u.stats.slice(),
  };
  const n = u.payoutNano.length;
  u.payoutNano = new Float64Array(n);
  u.redemptions = new Float64Array(n);
  u.gasPaidNano = new Float64Array(n);
  u.picks = new Float64Array(n);
  u.fundedNano = 0;
  u.withdrawnNano = 0;
  u.stats.fill(0);
  return orders;
}
