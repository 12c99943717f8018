import type { AnyModel } from '../../../src/engine/model.ts';
import { world } from '../../../src/engine/world.ts';
import { type YieldChaserOptions, yieldChasers } from '../../../src/investors/yield-chaser.ts';
import { orchid } from '../../../src/networks/orchid/model.ts';
import type { OrchidConfig } from '../../../src/networks/orchid/params.ts';
import { smallConfig, TEST_PRICES } from './helpers.ts';

/**
 * Two Orchid instances whose lenders' returns differ: `oa` has the busier users and a smaller stake (more income per
 * staked OXT), `ob` the reverse. Stake delays are short (2 days, with the client minimum lowered to match) so capital
 * can move within a test's horizon; each has OXT on its exchange and slots for investors' loans.
 */
export interface TwoOrchidsArgs {
  readonly shards: number;
  readonly investors?: YieldChaserOptions;
  readonly oa?: Partial<OrchidConfig>;
  readonly ob?: Partial<OrchidConfig>;
}

const SHORT: Partial<OrchidConfig> = { relayDelayDays: 2, minClientDelayDays: 2, exchangeFloatOxt: 5e6, investorLenderSlots: 4, investorRelaySlots: 2 };
export const OA: Partial<OrchidConfig> = { ...SHORT, users: 250, sessionsPerDay: 6, initialStakeOxt: 200_000 };
export const OB: Partial<OrchidConfig> = { ...SHORT, users: 150, initialStakeOxt: 800_000 };

export function twoOrchids(args: TwoOrchidsArgs): AnyModel {
  return world({
    shards: args.shards,
    networks: [orchid(smallConfig({ ...OA, ...args.oa }), { name: 'oa' }), orchid(smallConfig({ ...OB, ...args.ob }), { name: 'ob' })],
    prices: TEST_PRICES,
    agents: args.investors ? yieldChasers(args.investors) : undefined,
  });
}

/** For shard worker threads: the world from structured-cloneable arguments. */
export function buildModel(args: TwoOrchidsArgs): AnyModel {
  return twoOrchids(args);
}
