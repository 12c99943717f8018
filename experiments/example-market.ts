// A self-contained two-sided market to copy when you write your own experiment (see the README's tutorial).
// Buyers live in K shards and decide each window from the posted price; sellers live in the market, enter when
// the price covers their cost and leave when it does not; the market matches, then moves the price toward
// the level where demand meets capacity. Everything a model needs is here: shards, a market, metrics.
import { grid, param, sample } from '../src/core/params.ts';
import { days, hours } from '../src/core/units.ts';
import type { Model } from '../src/engine/model.ts';
import { defineExperiment } from '../src/experiment/define.ts';

interface Params {
  buyers: number;
  sellers: number;
  capacity: number;
  priceAdjust: number;
  costSpread: number;
}
/** A shard's buyers: each values one unit of service per window at its own reservation price. */
type Buyers = Float64Array;
/** What the market publishes each window: the price every buyer sees. */
type Price = number;

function twoSidedMarket(p: Params): Model<Buyers, number, Price> {
  const shards = 4;
  return {
    shards,
    windowS: hours(1),
    // Reservation prices are lognormal around 1 (median 1, log-sd 0.5), drawn from the shard's own stream.
    createShard: (ctx) => {
      const n = Math.floor(p.buyers / shards) + (ctx.index < p.buyers % shards ? 1 : 0);
      const rng = ctx.stream('reservation-prices');
      return Float64Array.from({ length: n }, () => rng.logNormal(0, 0.5));
    },
    // A buyer asks for service when the posted price is at most its reservation price: the shard's orders are a count.
    stepShard: (buyers, _window, price) => buyers.reduce((asked, value) => asked + (value >= price ? 1 : 0), 0),
    createMarket: (ctx) => {
      // Seller j's cost per unit; costs spread evenly around 1 by ±costSpread/2, in a random order.
      const costs = Float64Array.from({ length: p.sellers }, (_, j) => 1 + p.costSpread * ((j + 0.5) / p.sellers - 0.5));
      ctx.stream('seller-costs').shuffle(costs);
      const active = new Uint8Array(p.sellers).fill(1);
      let price = 1;
      let asked = 0;
      let served = 0;
      return {
        initialPublic: () => price,
        clear: (orders) => {
          asked = orders.reduce((a, b) => a + b, 0);
          const capacity = active.reduce((a, b) => a + b, 0) * p.capacity;
          served = Math.min(asked, capacity);
          // Excess demand raises the price, idle capacity lowers it (tâtonnement, step priceAdjust).
          price *= Math.exp((p.priceAdjust * (asked - capacity)) / Math.max(capacity, asked, 1));
          // Sellers enter or leave on this window's price against their cost.
          for (let j = 0; j < p.sellers; j++) active[j] = price >= costs[j]! ? 1 : 0;
          return price;
        },
        sample: () => ({
          price,
          served_share: asked > 0 ? served / asked : Number.NaN,
          active_sellers: active.reduce((a, b) => a + b, 0),
        }),
      };
    },
  };
}

export default defineExperiment({
  name: 'example-market',
  description: 'A two-sided market: how fast the price adjusts against how spread sellers’ costs are',
  params: {
    buyers: param.int({ value: 2_000, min: 1, max: 10_000_000, doc: 'Buyers (demand side), split over 4 shards' }),
    sellers: param.int({ value: 40, min: 1, max: 100_000, doc: 'Potential sellers (supply side)' }),
    capacity: param.int({ value: 30, min: 1, doc: 'Units one active seller serves per window', unit: 'units/h' }),
    priceAdjust: param.real({ value: grid([0.05, 0.2, 0.8]), min: 0, max: 5, doc: 'Price step per unit of relative excess demand (a grid axis)' }),
    costSpread: param.real({ value: sample.uniform(0.1, 1.5), min: 0, max: 1.9, doc: "Width of sellers' cost range around 1 (a sampled axis)" }),
  },
  points: 4,
  replicates: 3,
  seed: 1,
  horizon: days(7),
  sampleEvery: hours(6),
  metrics: {
    price: 'Posted price at the end of the window',
    served_share: 'Share of requests served in the last window (empty when nobody asked)',
    active_sellers: 'Sellers whose cost the price covers',
  },
  build: (p) => twoSidedMarket(p),
  // For `describe` and the memory check before a run: each buyer is one float64 reservation price.
  populations: (p) => [{ name: 'buyers', count: p.buyers, bytesPerAgent: 8 }],
});
