import type { Network } from '../../engine/network.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { makerPort } from './capital-port.ts';
import { type MakerHooks, MakerMarket } from './market.ts';
import type { MakerOrders, MakerPublic } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { createMakerShard, type MakerShard, stepMakerShard } from './shard.ts';
import { VAULT_SCHEMA } from './vaults.ts';
import { DEFAULT_MAKER_PRICES, type MakerPriceNames } from './world-prices.ts';

export type MakerNetwork = Network<MakerShard, MakerOrders, MakerPublic>;

export interface MakerOptions {
  /** Instance name (default `maker`). */
  readonly name?: string;
  /** The world's prices it reads: ETH in USD and gas in gwei (default `eth_usd`, `gas_gwei`). */
  readonly prices?: MakerPriceNames;
  readonly hooks?: MakerHooks;
}

/**
 * The Maker network, for a world (src/engine/world.ts): vault owners in the world's K shards; the Vat, Vow, Pot, PSM,
 * OSM, the venues, the auctions and the keepers in the market, clearing every `windowMinutes`. It reads ETH/USD and
 * the gas price from the world.
 */
export function maker(cfg: MakerConfig, options: MakerOptions = {}): MakerNetwork {
  const names = options.prices ?? DEFAULT_MAKER_PRICES;
  return {
    name: options.name ?? 'maker',
    periodS: cfg.windowMinutes * 60,
    reads: [names.eth, names.gas],
    createShard: (ctx) => createMakerShard(cfg, ctx),
    stepShard: (shard, window, pub, world) => stepMakerShard(shard, window, pub, world, names),
    createMarket: (ctx, world) => new MakerMarket(cfg, ctx, world, names, options.hooks),
    port: makerPort(names),
  };
}

/** Memory per agent, for `panmine describe`. */
export function makerPopulations(cfg: MakerConfig): PopulationInfo[] {
  return [
    { name: 'vaults', count: cfg.vaults, bytesPerAgent: bytesPerAgent(VAULT_SCHEMA) },
    { name: 'keepers', count: cfg.auctionKeepers + cfg.auctionKeeperCandidates + cfg.arbKeepers, bytesPerAgent: 200 },
  ];
}
