import type { Network } from '../../engine/network.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { filecoinPort } from './capital-port.ts';
import { CLIENT_SCHEMA } from './clients.ts';
import { type FilecoinHooks, FilecoinMarket } from './market.ts';
import type { FilecoinOrders, FilecoinPublic } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { createFilecoinShard, type FilecoinShard, stepFilecoinShard } from './shard.ts';
import { DEFAULT_PRICE_NAMES, type FilecoinPriceNames } from './world-prices.ts';

export type FilecoinNetwork = Network<FilecoinShard, FilecoinOrders, FilecoinPublic>;

export interface FilecoinOptions {
  /** Instance name (default `filecoin`): its columns are `<name>_<metric>`, its streams and seed are its own. */
  readonly name?: string;
  /** The world's price it reads for FIL in USD (default `fil_usd`). */
  readonly prices?: FilecoinPriceNames;
  /** Observers of the market after each day (tests, traces). */
  readonly hooks?: FilecoinHooks;
}

/**
 * The Filecoin network, for a world (src/engine/world.ts): storage clients in the world's K shards; providers, their
 * sectors, deals and the FIL ledger in the market, which clears once per proving period (a day). It reads the FIL
 * price from the world.
 */
export function filecoin(cfg: FilecoinConfig, options: FilecoinOptions = {}): FilecoinNetwork {
  const prices = options.prices ?? DEFAULT_PRICE_NAMES;
  return {
    name: options.name ?? 'filecoin',
    periodS: 86_400,
    reads: [prices.fil],
    createShard: (ctx) => createFilecoinShard(cfg, ctx),
    stepShard: (shard, window, pub, world) => stepFilecoinShard(shard, window, pub, world),
    createMarket: (ctx, world) => new FilecoinMarket(cfg, ctx, world, options.hooks ?? {}, prices),
    port: filecoinPort(prices),
  };
}

/** Memory per agent, for `panmine describe`: clients in the shards; providers and sector cohorts in the market. */
export function filecoinPopulations(cfg: FilecoinConfig): PopulationInfo[] {
  const providers = cfg.providers + cfg.providerCandidates + cfg.investorProviderSlots;
  return [
    { name: 'clients', count: cfg.clients, bytesPerAgent: bytesPerAgent(CLIENT_SCHEMA) },
    // Columns, 48 deadlines of power and faults, and a 184-day vesting ring of pairs per provider.
    { name: 'providers', count: providers, bytesPerAgent: 250 + 48 * 24 + 184 * 32 },
    // About 40 cohorts per provider (18 at t = 0, then one per sealing batch), 70 bytes each.
    { name: 'sector cohorts', count: providers * 40, bytesPerAgent: 70 },
  ];
}
