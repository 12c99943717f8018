import type { Model } from '../../engine/model.ts';
import { bytesPerAgent } from '../../engine/population.ts';
import type { PopulationInfo } from '../../experiment/define.ts';
import { LivepeerMarket, type LivepeerHooks } from './market.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { BROADCASTER_SCHEMA, createLivepeerShard, HOLDER_SCHEMA, stepLivepeerShard, type LivepeerShard } from './shard.ts';

export type LivepeerModel = Model<LivepeerShard, LivepeerOrders, LivepeerPublic>;

/**
 * The Livepeer network as a model: token holders and broadcasters in K shards, orchestrators and the LPT ledger in
 * the market. `hooks` lets tests observe the market at every round.
 */
export function livepeer(cfg: LivepeerConfig, hooks: LivepeerHooks = {}): LivepeerModel {
  if (!(cfg.selectStakeWeight + cfg.selectRandWeight > 0)) throw new RangeError('livepeer: selectStakeWeight + selectRandWeight must be > 0');
  return {
    shards: cfg.shards,
    windowS: cfg.windowHours * 3600,
    createShard: (ctx) => createLivepeerShard(cfg, ctx),
    stepShard: stepLivepeerShard,
    createMarket: (ctx) => new LivepeerMarket(cfg, ctx, hooks),
  };
}

/** Memory per agent, for `panmine describe`. Market-side holder ledger: two bigints (~2 x 40 B) and 10 B of flags. */
export function livepeerPopulations(cfg: LivepeerConfig): PopulationInfo[] {
  return [
    { name: 'holders (shard mirror)', count: cfg.delegators, bytesPerAgent: bytesPerAgent(HOLDER_SCHEMA) },
    { name: 'holders (market ledger)', count: cfg.delegators, bytesPerAgent: 90 },
    { name: 'broadcasters', count: cfg.broadcasters, bytesPerAgent: bytesPerAgent(BROADCASTER_SCHEMA) },
    { name: 'orchestrators', count: cfg.orchestrators + cfg.orchestratorCandidates, bytesPerAgent: 400 + 8 * cfg.maxSessions },
  ];
}
