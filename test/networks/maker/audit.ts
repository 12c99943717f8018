import { getPair, readPair } from '../../../src/engine/fixed-point-pairs.ts';
import type { AnyModel, RunContext, ShardContext } from '../../../src/engine/model.ts';
import type { WorldView } from '../../../src/engine/network.ts';
import { type PriceModel, type WorldAgents, world } from '../../../src/engine/world.ts';
import { daiHeld, ethAccounted } from '../../../src/networks/maker/ledger.ts';
import type { MakerMarket } from '../../../src/networks/maker/market.ts';
import { type MakerNetwork, maker } from '../../../src/networks/maker/model.ts';
import type { MakerConfig } from '../../../src/networks/maker/params.ts';
import { RAY } from '../../../src/networks/maker/protocol.ts';
import type { MakerShard } from '../../../src/networks/maker/shard.ts';
import { WAD_PAIR } from '../../../src/networks/maker/terms.ts';
import { aloneWorld } from './helpers.ts';

/** The recount of one clear, from every account: the market's totals against the shards' vaults, keepers and auctions. */
export interface Recount {
  readonly inkVaults: bigint;
  readonly artVaults: bigint;
  readonly inkLedger: bigint;
  readonly artLedger: bigint;
  readonly daiKeepersSum: bigint;
  readonly daiKeepersLedger: bigint;
  readonly lotsSum: bigint;
  readonly lotsLedger: bigint;
  /** DAI supply by the definition: Σ vault debt + PSM debt + the Vow's sin (with surplus held as Dai). */
  readonly supplyFromVaults: bigint;
  readonly daiHeld: bigint;
  readonly ethAccounted: bigint;
  readonly ethAtStart: bigint;
}

/**
 * Maker alone in a world with an audit attached, for tests only (production never imports it): every shard built on
 * this thread is kept, and after every clear `onClear` receives a recount of every account. The vaults' grabs of this
 * clear reach the shards only in the next window, so the recount takes them off the shards' vaults.
 */
export function auditedMaker(
  cfg: MakerConfig,
  shards: number,
  p: PriceModel,
  onClear: (m: MakerMarket, r: Recount) => void,
  kept: MakerShard[] = [],
  agents?: WorldAgents<unknown, unknown>,
): AnyModel {
  const base = maker(cfg, {
    hooks: {
      onClear: (m) => {
        let ink = 0n;
        let art = 0n;
        for (const s of kept) {
          const v = s.vaults;
          if (!v) continue;
          for (let i = 0; i < v.population.size; i++) {
            ink += getPair(v.ink, i, WAD_PAIR);
            art += getPair(v.art, i, WAD_PAIR);
          }
        }
        for (const g of m.liq.grabs) {
          const pending = g.take();
          for (let q = 0; q < pending.length; q += 5) {
            ink -= readPair(pending, q + 1, WAD_PAIR);
            art -= readPair(pending, q + 3, WAD_PAIR);
          }
          for (const x of pending) g.push(x);
        }
        const l = m.ledger;
        onClear(m, {
          inkVaults: ink,
          artVaults: art,
          inkLedger: l.Ink,
          artLedger: l.Art,
          daiKeepersSum: m.keepers.dai.reduce((a, b) => a + b, 0n),
          daiKeepersLedger: l.daiKeepers,
          lotsSum: m.liq.sales.reduce((a, s) => a + (s.live ? s.lot : 0n), 0n),
          lotsLedger: l.ethAuctions,
          supplyFromVaults: art * l.rate + l.psmArt * RAY + l.vice,
          daiHeld: daiHeld(l),
          ethAccounted: ethAccounted(l),
          ethAtStart: l.ethAtStart,
        });
      },
    },
  });
  const audited: MakerNetwork = {
    ...base,
    createShard: (ctx: ShardContext) => {
      const s = base.createShard(ctx);
      kept[ctx.index] = s;
      return s;
    },
    createMarket: (ctx: RunContext, world: WorldView) => base.createMarket(ctx, world),
  };
  return agents ? world({ shards, networks: [audited], prices: p, agents }) : aloneWorld(audited, shards, p);
}
