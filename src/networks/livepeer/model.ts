import { EMPTY_SCHEDULE, type ParameterSchedule } from '../../core/dated-schedule.ts';
import { ConfigError } from '../../core/errors.ts';
import { BYTES_PER_EVENT } from '../../engine/event-queue.ts';
import type { Network } from '../../engine/network.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { BROADCASTER_SCHEMA } from './broadcasters.ts';
import { livepeerPort } from './capital-port.ts';
import { HOLDER_SCHEMA } from './holders.ts';
import { type LivepeerHooks, LivepeerMarket } from './market.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import { type LivepeerConfig, SCHEDULABLE } from './params.ts';
import { createLivepeerShard, type LivepeerShard, stepLivepeerShard } from './shard.ts';
import { DEFAULT_PRICE_NAMES, type LivepeerPriceNames } from './world-prices.ts';

export type LivepeerNetwork = Network<LivepeerShard, LivepeerOrders, LivepeerPublic>;

export interface LivepeerOptions {
  /** Instance name (default `livepeer`): its columns are `<name>_<metric>`, its streams and seed are its own. */
  readonly name?: string;
  /** The world's prices it reads for LPT and ETH in USD (default `lpt_usd` and `eth_usd`). */
  readonly prices?: LivepeerPriceNames;
  /**
   * Dated changes of its parameters during the run (src/core/dated-schedule.ts), of those in params.ts SCHEDULABLE:
   * governance ones take effect at the next round's start, demand ones from the next window.
   */
  readonly schedule?: ParameterSchedule;
  /** Observers of the market at every round (tests, traces). */
  readonly hooks?: LivepeerHooks;
}

/**
 * The Livepeer network, for a world (src/engine/world.ts): token holders (with their exact LPT accounts) and
 * broadcasters in the world's K shards, orchestrators and the ledger's totals in the market, clearing every
 * `windowHours`. It reads the LPT and ETH prices from the world.
 */
export function livepeer(cfg: LivepeerConfig, options: LivepeerOptions = {}): LivepeerNetwork {
  if (!(cfg.selectStakeWeight + cfg.selectRandWeight > 0))
    throw new ConfigError(
      'selectStakeWeight + selectRandWeight',
      cfg.selectStakeWeight + cfg.selectRandWeight,
      'allowed: a sum above 0 (a broadcaster must weigh stake or chance)',
    );
  const prices = options.prices ?? DEFAULT_PRICE_NAMES;
  const schedule = options.schedule ?? EMPTY_SCHEDULE;
  for (const [k, c] of schedule.changes.entries())
    if (!SCHEDULABLE.includes(c.name as never)) throw new ConfigError(`schedule[${k}].parameter`, c.name, `allowed: one of ${SCHEDULABLE.join(', ')}`);
  return {
    name: options.name ?? 'livepeer',
    periodS: cfg.windowHours * 3600,
    reads: [prices.lpt, prices.eth],
    createShard: (ctx) => createLivepeerShard(cfg, ctx, schedule),
    stepShard: (shard, window, pub, world) => stepLivepeerShard(shard, window, pub, world, prices),
    createMarket: (ctx, world) => new LivepeerMarket(cfg, ctx, world, { hooks: options.hooks, priceNames: prices, schedule }),
    port: livepeerPort(prices),
  };
}

/**
 * Memory per agent, for `panmine describe` and the memory pre-flight. Holders' exact accounts live in their shards,
 * each with a slot of its shard's event queue (the queue is sized for every holder); the market keeps totals.
 */
export function livepeerPopulations(cfg: LivepeerConfig): PopulationInfo[] {
  return [
    { name: 'holders', count: cfg.delegators, bytesPerAgent: bytesPerAgent(HOLDER_SCHEMA) + BYTES_PER_EVENT },
    { name: 'broadcasters', count: cfg.broadcasters, bytesPerAgent: bytesPerAgent(BROADCASTER_SCHEMA) },
    { name: 'orchestrators', count: cfg.orchestrators + cfg.orchestratorCandidates, bytesPerAgent: 600 + 8 * (cfg.maxSessions + cfg.aiSessions) },
  ];
}
