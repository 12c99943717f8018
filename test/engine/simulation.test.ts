import { describe, expect, it } from 'vitest';
import { EventQueue, drainUntil } from '../../src/engine/event-queue.ts';
import type { Model, Window } from '../../src/engine/model.ts';
import { Population } from '../../src/engine/population.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { forwardAndReverse } from '../helpers/shard-order.ts';

/**
 * A toy multi-shard market: each shard's agents post bids at exponential times; the market clears all
 * bids of a window at one price and publishes it; agents bid less when the price rises.
 */
function toyModel(shards: number, agentsPerShard: number): Model<{ q: EventQueue; rng: ReturnType<import('../../src/engine/model.ts').ShardContext['stream']>; pop: Population<{ budget: 'f64' }> }, Float64Array, number> {
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

describe('simulate', () => {
  it('samples at 0, at every interval and at the horizon, cutting windows there', async () => {
    const times: number[] = [];
    const r = await simulate(toyModel(2, 5), { seed: 1, horizonS: 35, sampleEveryS: 15, onSample: (t) => times.push(t) });
    expect(times).toEqual([0, 15, 30, 35]);
    // Windows end at 10, 15, 20, 30, 35.
    expect(r.windows).toBe(5);
  });

  it('gives the same bytes whatever order the shards of a window are processed in', async () => {
    const { forward, reverse } = await forwardAndReverse({ build: () => toyModel(4, 50), seed: 7, horizonS: 500, sampleEveryS: 50 });
    expect(forward.length).toBeGreaterThan(100);
    expect(reverse).toBe(forward);
  });

  it('changes the result when the seed changes', async () => {
    const a = await simulate(toyModel(3, 20), { seed: 1, horizonS: 100, sampleEveryS: 100 });
    const b = await simulate(toyModel(3, 20), { seed: 2, horizonS: 100, sampleEveryS: 100 });
    expect(a.end.volume).not.toBe(b.end.volume);
  });

  it('rejects a non-positive horizon with a message naming it', async () => {
    await expect(simulate(toyModel(1, 1), { seed: 1, horizonS: 0, sampleEveryS: 1 })).rejects.toThrow(/horizon/);
  });
});

describe('Population', () => {
  it('stores each attribute in its own typed array and reports bytes per agent', () => {
    const p = new Population({ a: 'f64', b: 'i32', c: 'u8' }, 3, { shared: true });
    expect(p.columns.a).toBeInstanceOf(Float64Array);
    expect(p.columns.b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(p.bytesPerAgent).toBe(13);
    expect([p.add(), p.add(), p.add()]).toEqual([0, 1, 2]);
    expect(() => p.add()).toThrow(/full/);
  });
});
