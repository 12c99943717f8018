import type { AnyModel, RunContext, ShardContext } from '../../../src/engine/model.ts';
import type { NetworkMarket, WorldView } from '../../../src/engine/network.ts';
import { type WorldAgents, world } from '../../../src/engine/world.ts';
import type { OrchidMarket } from '../../../src/networks/orchid/market.ts';
import type { OrchidOrders, OrchidPublic } from '../../../src/networks/orchid/messages.ts';
import { type OrchidNetwork, orchid } from '../../../src/networks/orchid/model.ts';
import type { OrchidShard } from '../../../src/networks/orchid/shard.ts';
import { TEST_PRICES, type TestConfig } from './helpers.ts';

/**
 * The Orchid ledger audit, for tests only: production code never imports it (it lives under test/, and the market
 * keeps no test-only state). It wraps the network so every shard built on this thread is kept, and after every clear
 * recounts the lottery currency from every account: the users' balances and deposits in their shards, the stakers'
 * holdings, and what came in and went out.
 */
export interface Audit {
  readonly shards: OrchidShard[];
  clears: number;
}

/** Orchid alone in a world with an audit attached; `onClear` sees the market and the audit after every clear. */
export function auditedOrchid(cfg: TestConfig, onClear: (market: OrchidMarket, audit: Audit) => void, agents?: WorldAgents<unknown, unknown>): AnyModel {
  const audit: Audit = { shards: [], clears: 0 };
  let seed: number | undefined;
  const base = orchid(cfg, {
    hooks: {
      onClear: (m) => {
        audit.clears++;
        onClear(m, audit);
      },
    },
  });
  const sameRun = (s: number): void => {
    if (seed !== undefined && seed !== s) throw new Error('orchid audit: an audited model serves one run');
    seed = s;
  };
  const audited: OrchidNetwork = {
    ...base,
    createShard: (ctx: ShardContext) => {
      sameRun(ctx.seed);
      const shard = base.createShard(ctx);
      audit.shards[ctx.index] = shard;
      return shard;
    },
    createMarket: (ctx: RunContext, view: WorldView): NetworkMarket<OrchidOrders, OrchidPublic> => {
      sameRun(ctx.seed);
      return base.createMarket(ctx, view);
    },
  };
  return world({ shards: cfg.shards, networks: [audited], prices: TEST_PRICES, agents });
}

/** Every unit of the lottery currency, recounted (nano): users' accounts from their shards, the rest from the market. */
export interface CurrencyRecount {
  readonly funded: bigint;
  readonly users: bigint;
  readonly stakers: bigint;
  readonly gasBurnt: bigint;
  readonly withdrawn: bigint;
  readonly sold: bigint;
  /** Smallest user balance, deposit and warned amount seen (must be ≥ 0). */
  readonly minAccount: number;
}

export function recountCurrency(m: OrchidMarket, audit: Audit): CurrencyRecount {
  if (audit.shards.length !== m.shards || audit.shards.some((s) => s === undefined))
    throw new Error('orchid audit: needs every shard of the run on this thread');
  let users = 0n;
  let minAccount = Infinity;
  for (const sh of audit.shards) {
    const uc = sh.users.population.columns;
    for (let i = 0; i < sh.users.population.size; i++) {
      users += BigInt(uc.balanceNano[i]!) + BigInt(uc.depositNano[i]!);
      minAccount = Math.min(minAccount, uc.balanceNano[i]!, uc.depositNano[i]!, uc.warnedNano[i]!);
      if (uc.warnedNano[i]! > uc.depositNano[i]!) throw new Error(`orchid audit: user ${i} warned more than its deposit`);
    }
  }
  const c = m.currency;
  return {
    funded: c.fundedNano,
    users,
    stakers: c.stakerNano.reduce((a, b) => a + b, 0n),
    gasBurnt: c.gasBurntNano,
    withdrawn: c.withdrawnNano,
    sold: c.soldNano,
    minAccount,
  };
}
