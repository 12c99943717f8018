import type { AnyModel } from '../../../src/engine/model.ts';
import { world } from '../../../src/engine/world.ts';
import { type YieldChaserOptions, yieldChasers } from '../../../src/investors/yield-chaser.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import type { LivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { smallConfig, TEST_PRICES } from './helpers.ts';

/**
 * Two Livepeer instances whose yields cross: `lpa` starts at a low inflation that climbs every round (participation
 * far below its target), `lpb` holds a constant 0.05 % a round. Each has LPT on its exchange, so investors can buy.
 */
export interface TwoLivepeersArgs {
  readonly shards: number;
  readonly investors?: YieldChaserOptions;
  readonly lpa?: Partial<LivepeerConfig>;
  readonly lpb?: Partial<LivepeerConfig>;
}

export const LPA: Partial<LivepeerConfig> = {
  initialInflation: 100_000,
  inflationChange: 50_000,
  targetBondingRate: 0.95,
  exchangeFloatLpt: 2e6,
  delegators: 200,
};
export const LPB: Partial<LivepeerConfig> = { initialInflation: 500_000, inflationChange: 0, exchangeFloatLpt: 2e6, delegators: 250, orchestrators: 5 };

export function twoLivepeers(args: TwoLivepeersArgs): AnyModel {
  return world({
    shards: args.shards,
    networks: [livepeer(smallConfig({ ...LPA, ...args.lpa }), { name: 'lpa' }), livepeer(smallConfig({ ...LPB, ...args.lpb }), { name: 'lpb' })],
    prices: TEST_PRICES,
    agents: args.investors ? yieldChasers(args.investors) : undefined,
  });
}

/** For shard worker threads: the world from structured-cloneable arguments. */
export function buildModel(args: TwoLivepeersArgs): AnyModel {
  return twoLivepeers(args);
}
