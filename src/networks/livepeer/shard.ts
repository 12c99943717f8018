import { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import type { WorldView } from '../../engine/network.ts';
import { type Broadcasters, createBroadcasters, nextArrivalDelayS, payForStreams, readPublicPrices, startStream, takeStreamRequests } from './broadcasters.ts';
import { createPositions, type Positions, stepPositions } from './capital-port.ts';
import { createHolders, type Holders, nextReviewDelayS, readPublicState, reviewHolder, takeLedgerEffects } from './holders.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { type LivepeerPriceNames, lptPriceEthIn } from './world-prices.ts';

/**
 * One shard of the Livepeer model: its token holders (holders.ts) and broadcasters (broadcasters.ts), and one event
 * queue of their timers. The shard reads only its own state and the published state, so shards are independent
 * inside a window (any thread, any order).
 */
export interface LivepeerShard {
  readonly cfg: LivepeerConfig;
  readonly index: number;
  readonly holders: Holders;
  readonly broadcasters: Broadcasters;
  readonly queue: EventQueue;
  /** Outside investors' positions in this shard (capital-port.ts). */
  readonly positions: Positions;
}

/** Event kinds, and their priority at equal times: arrivals (0) before reviews (1). */
const EV_ARRIVAL = 1;
const EV_REVIEW = 2;

export function createLivepeerShard(cfg: LivepeerConfig, ctx: ShardContext): LivepeerShard {
  const holders = createHolders(cfg, ctx);
  const queue = new EventQueue(Math.max(1024, holders.population.size + 16));
  const passive = holders.population.columns.passive;
  for (let i = 0; i < holders.population.size; i++) if (!passive[i]) queue.push(nextReviewDelayS(holders), 1, EV_REVIEW, i);
  const broadcasters = createBroadcasters(cfg, ctx);
  if (broadcasters.rateS > 0) queue.push(nextArrivalDelayS(broadcasters), 0, EV_ARRIVAL, 0);
  return { cfg, index: ctx.index, holders, broadcasters, queue, positions: createPositions() };
}

/**
 * One window of a shard: pay for last window's streams, read the new public state, run reviews and arrivals in
 * time order, post orders.
 */
export function stepLivepeerShard(s: LivepeerShard, w: Window, pub: LivepeerPublic, world: WorldView, prices: LivepeerPriceNames): LivepeerOrders {
  const nOrch = pub.orchStatus.length;
  const winning = new Float64Array(nOrch);
  const evWei = new Float64Array(nOrch);
  const h = s.holders;
  const b = s.broadcasters;
  payForStreams(b, s.index, pub, winning, evWei);
  readPublicPrices(b, pub);
  readPublicState(h, pub);
  h.lptPriceEth = lptPriceEthIn(world, prices);
  stepPositions(s, s.index, pub, world, prices);

  const q = s.queue;
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    if (q.kind === EV_ARRIVAL) {
      startStream(b, q.time);
      q.push(q.time + nextArrivalDelayS(b), 0, EV_ARRIVAL, 0);
    } else {
      const i = q.agent;
      reviewHolder(h, i, pub);
      q.push(q.time + nextReviewDelayS(h), 1, EV_REVIEW, i);
    }
  }

  const port = s.positions.orders.length > 0 ? s.positions.orders : undefined;
  s.positions.orders = [];
  return { shard: s.index, port, ...takeLedgerEffects(h, nOrch), ...takeStreamRequests(b), winningTickets: winning, ticketEvWei: evWei };
}
