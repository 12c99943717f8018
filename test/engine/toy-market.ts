import { drainUntil, EventQueue } from '../../src/engine/event-queue.ts';
import type { Model, ShardContext, Window } from '../../src/engine/model.ts';
import { Population } from '../../src/engine/population.ts';

/**
 * A toy multi-shard market: each shard's agents post bids at exponential times; the market clears all
 * bids of a window at one price and publishes it; agents bid less when the price rises.
 */
export function toyModel(
  shards: number,
  agentsPerShard: number,
): Model<{ q: EventQueue; rng: ReturnType<ShardContext['stream']>; pop: Population<{ budget: 'f64' }> }, Float64Array, number> {
  return {
    shards,
    windowS: 10,
    createShard(ctx) {
      const pop = new Population({ budget: 'f64' }, agentsPerShard);
      const rng = ctx.stream('bids');
      const q = new EventQueue();
      for (let i = 0; i < agentsPerShard; i++) {
        pop.add();
        pop.columns.budget[i] = 1 + rng.next();
        q.push(rng.exponential(5), 0, 0, i);
      }
      return { q, rng, pop };
    },
    stepShard(s, w: Window, price: number) {
      const bids: number[] = [];
      drainUntil(s.q, w.to, (e) => {
        const b = s.pop.columns.budget[e.agent]! / price;
        bids.push(e.time, b);
        e.push(e.time + s.rng.exponential(5), 0, 0, e.agent);
      });
      return Float64Array.from(bids);
    },
    createMarket() {
      let price = 1;
      let volume = 0;
      return {
        initialPublic: () => price,
        clear(orders: readonly Float64Array[]) {
          let demand = 0;
          for (const o of orders) for (let i = 1; i < o.length; i += 2) demand += o[i]!;
          volume += demand;
          price = 0.5 + demand / 100;
          return price;
        },
        sample: (t: number) => ({ price, volume, t_check: t }),
      };
    },
  };
}

/** For worker threads: the model from structured-cloneable arguments. */
export function buildModel(args: { shards: number; agentsPerShard: number; failShardAtWindow?: [number, number] }): Model<unknown, Float64Array, number> {
  const model = toyModel(args.shards, args.agentsPerShard) as Model<unknown, Float64Array, number>;
  const fail = args.failShardAtWindow;
  if (!fail) return model;
  return {
    ...model,
    createShard: (ctx) => ({ inner: model.createShard(ctx), index: ctx.index }),
    stepShard: (s, w, pub) => {
      const { inner, index } = s as { inner: unknown; index: number };
      if (index === fail[0] && w.index === fail[1]) throw new Error(`toy shard ${index} fails at window ${w.index}`);
      return model.stepShard(inner, w, pub);
    },
  };
}
