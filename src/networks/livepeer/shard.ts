import { type ParameterSchedule, valueAt } from '../../core/dated-schedule.ts';
import { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import type { WorldView } from '../../engine/network.ts';
import { type Broadcasters, createBroadcasters, payForJobs, readPublicPrices, startJobs, takeJobRequests } from './broadcasters.ts';
import { createPositions, type Positions, stepPositions } from './capital-port.ts';
import { lockMatured, reviewHolder } from './delegator-review.ts';
import { readPublicState } from './holder-public-state.ts';
import { createHolders, type Holders, nextReviewDelayS, takeLedgerEffects } from './holders.ts';
import { JOB_AI, JOB_VIDEO, type LivepeerOrders, type LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import type { LivepeerPriceNames } from './world-prices.ts';

/**
 * One shard of the Livepeer model: its token holders (holders.ts) and broadcasters (broadcasters.ts), and one event
 * queue of the holders' timers (reviews, and withdrawals when a lock matures). The shard reads only its own state, the
 * published state and the world's prices, so shards are independent inside a window (any thread, any order).
 */
export interface LivepeerShard {
  readonly cfg: LivepeerConfig;
  readonly index: number;
  readonly holders: Holders;
  readonly broadcasters: Broadcasters;
  readonly queue: EventQueue;
  readonly schedule: ParameterSchedule;
  /** Outside investors' positions in this shard (capital-port.ts). */
  readonly positions: Positions;
}

/** Event kinds, and their priority at equal times: withdrawals (0) before reviews (1). */
const EV_WITHDRAW = 1;
const EV_REVIEW = 2;

export function createLivepeerShard(cfg: LivepeerConfig, ctx: ShardContext, schedule: ParameterSchedule): LivepeerShard {
  const holders = createHolders(cfg, ctx);
  const queue = new EventQueue(Math.max(1024, holders.population.size + 16));
  const passive = holders.population.columns.passive;
  for (let i = 0; i < holders.population.size; i++) if (!passive[i]) queue.push(nextReviewDelayS(holders), 1, EV_REVIEW, i);
  const broadcasters = createBroadcasters(cfg, ctx);
  return { cfg, index: ctx.index, holders, broadcasters, queue, schedule, positions: createPositions() };
}

/**
 * One window of a shard: pay for last window's jobs, read the new public state and prices, start the window's jobs,
 * run the holders' events in time order, post orders.
 */
export function stepLivepeerShard(s: LivepeerShard, w: Window, pub: LivepeerPublic, world: WorldView, prices: LivepeerPriceNames): LivepeerOrders {
  const nOrch = pub.orchStatus.length;
  const winning = new Float64Array(nOrch);
  const aiWinning = new Float64Array(nOrch);
  const evWei = new Float64Array(nOrch);
  const { holders: h, broadcasters: b, cfg } = s;
  const lptUsd = world.prices[prices.lpt]!;
  const ethUsd = world.prices[prices.eth]!;
  payForJobs(b, s.index, pub, winning, aiWinning, evWei);
  readPublicPrices(b, pub, ethUsd);
  readPublicState(h, pub, s.index, { lptUsd, lptPriceEth: lptUsd / ethUsd }, w.to - w.from);
  stepPositions(s, s.index, pub, world, prices);
  startJobs(b, w, JOB_VIDEO, valueAt(s.schedule, 'streamsPerHour', w.from, cfg.streamsPerHour));
  startJobs(b, w, JOB_AI, valueAt(s.schedule, 'aiJobsPerHour', w.from, cfg.aiJobsPerHour));

  const q = s.queue;
  const roundS = cfg.roundLengthHours * 3600;
  const wr = h.population.columns.withdrawRound;
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    const i = q.agent;
    if (q.kind === EV_WITHDRAW) {
      if (!lockMatured(h, i, pub)) q.push(w.to, 0, EV_WITHDRAW, i);
      continue;
    }
    const before = wr[i]!;
    reviewHolder(h, i, pub, q.time);
    if (before < 0 && wr[i]! >= 0) q.push(Math.max(q.time, wr[i]! * roundS), 0, EV_WITHDRAW, i);
    q.push(q.time + nextReviewDelayS(h), 1, EV_REVIEW, i);
  }

  const port = s.positions.orders.length > 0 ? s.positions.orders : undefined;
  s.positions.orders = [];
  return {
    shard: s.index,
    port,
    ...takeLedgerEffects(h, nOrch),
    ...takeJobRequests(b),
    winningTickets: winning,
    aiWinningTickets: aiWinning,
    ticketEvWei: evWei,
  };
}
