import { BYTES_PER_EVENT } from '../../engine/event-queue.ts';
import type { Network } from '../../engine/network.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { orchidPort } from './capital-port.ts';
import { type OrchidHooks, OrchidMarket } from './market.ts';
import type { OrchidOrders, OrchidPublic } from './messages.ts';
import type { OrchidConfig } from './params.ts';
import { createOrchidShard, type OrchidShard, stepOrchidShard } from './shard.ts';
import { USER_SCHEMA } from './users.ts';
import { DEFAULT_PRICE_NAMES, type OrchidPriceNames } from './world-prices.ts';

export type OrchidNetwork = Network<OrchidShard, OrchidOrders, OrchidPublic>;

export interface OrchidOptions {
  /** Instance name (default `orchid`): its columns are `<name>_<metric>`, its streams and seed are its own. */
  readonly name?: string;
  /** The world's prices it reads for OXT and for the lottery's currency, USD per unit (default `oxt_usd`, `xdai_usd`). */
  readonly prices?: OrchidPriceNames;
  /** Observers of the market at every clear (tests, traces). */
  readonly hooks?: OrchidHooks;
}

/**
 * The Orchid network, for a world (src/engine/world.ts): users (with their exact lottery accounts) in the world's K
 * shards; relays, stake lenders, the directory and the OXT and currency totals in the market, clearing every
 * `windowHours`. It reads OXT's price and the lottery currency's from the world.
 */
export function orchid(cfg: OrchidConfig, options: OrchidOptions = {}): OrchidNetwork {
  const prices = options.prices ?? DEFAULT_PRICE_NAMES;
  return {
    name: options.name ?? 'orchid',
    periodS: cfg.windowHours * 3600,
    reads: [prices.oxt, prices.currency],
    createShard: (ctx) => createOrchidShard(cfg, ctx),
    stepShard: (shard, window, pub, world) => stepOrchidShard(shard, window, pub, world, prices),
    createMarket: (ctx, world) => new OrchidMarket(cfg, ctx, world, options.hooks, prices),
    port: orchidPort(prices),
  };
}

/**
 * Memory per agent, for `panmine describe` and the memory pre-flight. Users' accounts live in their shards, each with
 * up to two slots of its shard's event queue (a session timer; a departed user's unlock and replacement); relays and
 * lenders live in the market (typed-array columns, a node of the stake tree, a list of monthly incomes).
 */
export function orchidPopulations(cfg: OrchidConfig): PopulationInfo[] {
  return [
    { name: 'users', count: cfg.users, bytesPerAgent: bytesPerAgent(USER_SCHEMA) + 2 * BYTES_PER_EVENT },
    { name: 'relays', count: cfg.relays + cfg.relayCandidates + cfg.investorRelaySlots, bytesPerAgent: 300 },
    { name: 'lenders', count: cfg.lenders, bytesPerAgent: 120 },
  ];
}
