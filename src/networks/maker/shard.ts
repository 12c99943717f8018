import { EventQueue } from '../../engine/event-queue.ts';
import type { ShardContext, Window } from '../../engine/model.ts';
import type { WorldView } from '../../engine/network.ts';
import { createPositions, type Positions, stepPositions } from './capital-port.ts';
import type { MakerOrders, MakerPublic } from './messages.ts';
import type { MakerConfig } from './params.ts';
import { makerTerms } from './terms.ts';
import { applyGrabs, createVaults, ilkView, nextReviewDelayS, reviewVault, takeVaultActions, unsafeVaults, type Vaults } from './vaults.ts';
import type { MakerPriceNames } from './world-prices.ts';

/**
 * One shard of the Maker network: its vault owners (vaults.ts) and their review timers, and its investors' keeper
 * positions (capital-port.ts). The vaults open at the world's ETH price at t = 0, so they are built in the first
 * window (whose view is the view at t = 0), from the shard's own seed and streams.
 */
export interface MakerShard {
  readonly cfg: MakerConfig;
  readonly ctx: ShardContext;
  readonly index: number;
  vaults: Vaults | undefined;
  readonly queue: EventQueue;
  readonly positions: Positions;
}

export function createMakerShard(cfg: MakerConfig, ctx: ShardContext): MakerShard {
  return { cfg, ctx, index: ctx.index, vaults: undefined, queue: new EventQueue(), positions: createPositions() };
}

function openVaults(s: MakerShard, ethUsd: number): Vaults {
  const v = createVaults(s.cfg, s.ctx, ethUsd, Number(makerTerms(s.cfg).mat) / 1e27);
  for (let i = 0; i < v.population.size; i++) {
    const dt = nextReviewDelayS(v, i);
    if (Number.isFinite(dt)) s.queue.push(dt, 0, 0, i);
  }
  s.vaults = v;
  return v;
}

/** One window: the market's grabs land, owners check their vaults in time order, the unsafe vaults are reported. */
export function stepMakerShard(s: MakerShard, w: Window, pub: MakerPublic, world: WorldView, names: MakerPriceNames): MakerOrders {
  const v = s.vaults ?? openVaults(s, world.prices[names.eth]!);
  applyGrabs(v, pub.grabs[s.index]);
  stepPositions(s, pub, world.prices[names.gas]!);
  const ilk = ilkView(pub);
  const rooms = { draw: pub.drawRoomDai, repay: pub.repayRoomDai };
  const q = s.queue;
  while (q.size > 0 && q.peekTime() < w.to) {
    q.pop();
    reviewVault(v, q.agent, pub, ilk, s.cfg, rooms);
    q.push(q.time + nextReviewDelayS(v, q.agent), 0, 0, q.agent);
  }
  const port = s.positions.orders.length > 0 ? s.positions.orders : undefined;
  s.positions.orders = [];
  return { shard: s.index, ...takeVaultActions(v), ...unsafeVaults(v, ilk), port };
}
