import type { Model } from '../../engine/model.ts';
import { bytesPerAgent, type PopulationInfo } from '../../engine/population.ts';
import { BROADCASTER_SCHEMA } from './broadcasters.ts';
import { HOLDER_SCHEMA } from './holders.ts';
import { type LivepeerHooks, LivepeerMarket, type LivepeerShardRegistry } from './market.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { createLivepeerShard, type LivepeerShard, stepLivepeerShard } from './shard.ts';

export type LivepeerModel = Model<LivepeerShard, LivepeerOrders, LivepeerPublic>;

/**
 * The Livepeer network as a model: token holders (with their exact LPT accounts) and broadcasters in K shards,
 * orchestrators and the LPT ledger's totals in the market. `hooks` lets tests observe the market at every round.
 */
export function livepeer(cfg: LivepeerConfig, hooks: LivepeerHooks = {}): LivepeerModel {
  if (!(cfg.selectStakeWeight + cfg.selectRandWeight > 0)) throw new RangeError('livepeer: selectStakeWeight + selectRandWeight must be > 0');
  // With hooks (tests), the shards built on this thread are kept so the market can recount the holders' accounts.
  const registry: LivepeerShardRegistry | undefined = hooks.onRound ? new Map() : undefined;
  return {
    shards: cfg.shards,
    windowS: cfg.windowHours * 3600,
    createShard: (ctx) => {
      const shard = createLivepeerShard(cfg, ctx);
      if (registry) {
        let list = registry.get(ctx.seed);
        if (!list) {
          list = [];
          registry.set(ctx.seed, list);
        }
        list[ctx.index] = shard;
      }
      return shard;
    },
    stepShard: stepLivepeerShard,
    createMarket: (ctx) => new LivepeerMarket(cfg, ctx, hooks, registry),
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
