import { drainUntil, EventQueue } from '../../src/engine/event-queue.ts';
import type { ShardContext } from '../../src/engine/model.ts';
import type { Network } from '../../src/engine/network.ts';
import { type PriceModel, world } from '../../src/engine/world.ts';

interface ToyShard {
  readonly q: EventQueue;
  readonly rng: ReturnType<ShardContext['stream']>;
  readonly budget: Float64Array;
}

/**
 * A toy network for world tests: each shard's agents bid at exponential times with budgets drawn from the shard's
 * stream and a hash of the network seed; the market clears all bids of a window at one price. `readsPrice`
 * makes bids scale with the world's `coin_usd` price (a coupling through the world).
 */
export function toyNetwork(name: string, periodS: number, agentsPerShard: number, meanGapS = 5, readsPrice = false): Network<ToyShard, Float64Array, number> {
  return {
    name,
    periodS,
    createShard(ctx) {
      const rng = ctx.stream('bids');
      const q = new EventQueue();
      const budget = new Float64Array(agentsPerShard);
      for (let i = 0; i < agentsPerShard; i++) {
        budget[i] = 1 + rng.next() + (ctx.seed % 1000) / 1e4;
        q.push(rng.exponential(meanGapS), 0, 0, i);
      }
      return { q, rng, budget };
    },
    stepShard(s, w, price, view) {
      const scale = readsPrice ? (view.prices.coin_usd ?? 1) : 1;
      const bids: number[] = [];
      drainUntil(s.q, w.to, (e) => {
        bids.push(e.time, (s.budget[e.agent]! * scale) / price);
        e.push(e.time + s.rng.exponential(meanGapS), 0, 0, e.agent);
      });
      return Float64Array.from(bids);
    },
    createMarket(ctx) {
      const noise = ctx.stream('noise');
      let price = 1;
      let volume = 0;
      let windows = 0;
      let lastFrom = -1;
      return {
        initialPublic: () => price,
        clear(orders, w) {
          let demand = 0;
          for (const o of orders) for (let i = 1; i < o.length; i += 2) demand += o[i]!;
          volume += demand;
          windows++;
          lastFrom = w.from;
          price = 0.5 + demand / 100 + noise.next() * 1e-3;
          return price;
        },
        sample: () => ({ price, volume, windows, last_from: lastFrom }),
      };
    },
  };
}

export interface ToyWorldArgs {
  readonly shards: number;
  readonly networks: readonly { name: string; periodS: number; agentsPerShard: number; meanGapS?: number; readsPrice?: boolean }[];
  /** A random-walk price `coin_usd` stepped every `priceStepS` seconds. */
  readonly priceStepS?: number;
}

/** A random walk on a fixed grid: the world's price path for tests. */
export function toyPrices(stepS: number): PriceModel {
  return (ctx) => {
    const rng = ctx.stream('coin_usd');
    let gridT = 0;
    let value = 1;
    const out = new Float64Array(1);
    return {
      names: ['coin_usd'],
      at(t) {
        while (gridT + stepS <= t + 1e-9 * stepS) {
          gridT += stepS;
          value *= Math.exp(0.05 * rng.normal());
        }
        out[0] = value;
        return out;
      },
    };
  };
}

export function toyWorld(args: ToyWorldArgs) {
  return world({
    shards: args.shards,
    networks: args.networks.map((n) => toyNetwork(n.name, n.periodS, n.agentsPerShard, n.meanGapS, n.readsPrice)),
    prices: args.priceStepS ? toyPrices(args.priceStepS) : undefined,
  });
}

/** For shard worker threads: the world from structured-cloneable arguments. */
export function buildModel(args: ToyWorldArgs) {
  return toyWorld(args);
}
