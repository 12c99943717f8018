import type { Model } from '../../engine/model.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { networkSeed } from '../../engine/world.ts';
import { BROADCASTER_SCHEMA } from './broadcasters.ts';
import { HOLDER_SCHEMA } from './holders.ts';
import { type LivepeerHooks, LivepeerMarket } from './market.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { createLivepeerShard, type LivepeerShard, stepLivepeerShard } from './shard.ts';

export type LivepeerModel = Model<LivepeerShard, LivepeerOrders, LivepeerPublic>;

/**
 * The Livepeer network as a model: token holders (with their exact LPT accounts) and broadcasters in K shards,
 * orchestrators and the LPT ledger's totals in the market. `hooks` observe the market at every round (tests, traces).
 */
export function livepeer(cfg: LivepeerConfig, hooks: LivepeerHooks = {}): LivepeerModel {
  if (!(cfg.selectStakeWeight + cfg.selectRandWeight > 0)) throw new RangeError('livepeer: selectStakeWeight + selectRandWeight must be > 0');
  return {
    shards: cfg.shards,
    windowS: cfg.windowHours * 3600,
    // Namespaced as a world names a network's streams and seed (src/engine/world.ts), so the draws are the ones the
    // network makes under its name in a world.
    createShard: (ctx) => createLivepeerShard(cfg, { ...ctx, seed: networkSeed(ctx.seed, 'livepeer'), stream: (n) => ctx.stream(`livepeer/${n}`) }),
    stepShard: stepLivepeerShard,
    createMarket: (ctx) => new LivepeerMarket(cfg, { ...ctx, seed: networkSeed(ctx.seed, 'livepeer'), stream: (n) => ctx.stream(`livepeer/${n}`) }, hooks),
  };
}

/** Memory per agent, for `panmine describe`. Holders' exact accounts live in their shards; the market keeps totals. */
export function livepeerPopulations(cfg: LivepeerConfig): PopulationInfo[] {
  return [
    { name: 'holders', count: cfg.delegators, bytesPerAgent: bytesPerAgent(HOLDER_SCHEMA) },
    { name: 'broadcasters', count: cfg.broadcasters, bytesPerAgent: bytesPerAgent(BROADCASTER_SCHEMA) },
    { name: 'orchestrators', count: cfg.orchestrators + cfg.orchestratorCandidates, bytesPerAgent: 400 + 8 * cfg.maxSessions },
  ];
}
