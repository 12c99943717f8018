import { drainUntil, EventQueue } from '../../src/engine/event-queue.ts';
import type { ShardContext } from '../../src/engine/model.ts';
import type { CapitalPort, Network, PositionValue } from '../../src/engine/network.ts';
import { type PriceModel, world } from '../../src/engine/world.ts';
import { type PanMinerOptions, panMiners } from '../../src/investors/pan-miner.ts';
import { type YieldChaserOptions, yieldChasers } from '../../src/investors/yield-chaser.ts';

interface ToyShard {
  readonly q: EventQueue;
  readonly rng: ReturnType<ShardContext['stream']>;
  readonly budget: Float64Array;
  /** Outside capital held through the toy port (see `toyPort`). */
  readonly deposits: ToyDeposits;
}

/** Positions of outside capital in a toy network's shard: deposits earning a rate, with an exit delay. */
interface ToyDeposits {
  readonly principal: number[];
  readonly earned: number[];
  /** When the exit delay ends (Infinity while invested, NaN once collected). */
  readonly releaseAt: number[];
  readonly fee: number[];
  /** Time the shard's part last stepped (interest accrues per step). */
  lastT: number;
}

export interface ToyPortOptions {
  /** Interest per year on deposits. */
  readonly ratePerYear: number;
  /** Entry fee as a share of the capital (a named friction, `entry_fee`). */
  readonly entryFee: number;
  /** Seconds between an exit and the capital becoming withdrawable. */
  readonly exitDelayS: number;
  /** From this time on the rate is `rateAfterPerYear` (a change an investor should react to). */
  readonly switchAtS?: number;
  readonly rateAfterPerYear?: number;
  /** The role's name (default `deposit`) and the skill it needs (default none). */
  readonly role?: string;
  readonly skill?: string;
}

/** The toy port's rate at time t. */
const rateAt = (o: ToyPortOptions, t: number) => (o.switchAtS !== undefined && t >= o.switchAtS ? (o.rateAfterPerYear ?? o.ratePerYear) : o.ratePerYear);

const YEAR_S = 365.25 * 86_400;

/**
 * A port for tests: deposits that earn `ratePerYear` (credited each time the network steps), pay an entry fee,
 * and come back `exitDelayS` after an exit.
 */
export function toyPort(o: ToyPortOptions): CapitalPort<ToyShard, number> {
  const value = (d: ToyDeposits, p: number, t: number): PositionValue => {
    const held = d.principal[p]! + d.earned[p]!;
    const release = d.releaseAt[p]!;
    if (Number.isNaN(release)) return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: 0, closed: true };
    if (release === Infinity) return { activeUsd: held, inTransitUsd: 0, withdrawableUsd: 0, closed: false };
    return t >= release
      ? { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: held, closed: false }
      : { activeUsd: 0, inTransitUsd: held, withdrawableUsd: 0, closed: false };
  };
  return {
    roles: [o.role ?? 'deposit'],
    frictionNames: ['entry_fee'],
    skill: () => o.skill,
    switchingCost: (_s, _role, capitalUsd) => ({ entryUsd: capitalUsd * o.entryFee, exitUsd: 0, exitDelayS: o.exitDelayS }),
    observedReturn: (_shard, _role, _pub, world) => rateAt(o, world.t),
    enter(s, req) {
      const d = s.deposits;
      const fee = req.capitalUsd * o.entryFee;
      d.principal.push(req.capitalUsd - fee);
      d.earned.push(0);
      d.releaseAt.push(Infinity);
      d.fee.push(fee);
      return d.principal.length - 1;
    },
    exit(s, p, _pub, world) {
      s.deposits.releaseAt[p] = world.t + o.exitDelayS;
    },
    value: (s, p, _pub, world) => value(s.deposits, p, world.t),
    collect(s, p, _pub, world) {
      const v = value(s.deposits, p, world.t).withdrawableUsd;
      if (v > 0) s.deposits.releaseAt[p] = Number.NaN;
      return v;
    },
    frictions: (s, p) => ({ entry_fee: s.deposits.fee[p]! }),
    earnings: (s, p) => s.deposits.earned[p]!,
  };
}

/**
 * A toy network for world tests: each shard's agents bid at exponential times with budgets drawn from the shard's
 * stream and a hash of the network seed; the market clears all bids of a window at one price. `readsPrice`
 * makes bids scale with the world's `coin_usd` price (a coupling through the world).
 */
export function toyNetwork(
  name: string,
  periodS: number,
  agentsPerShard: number,
  meanGapS = 5,
  readsPrice = false,
  port?: ToyPortOptions,
): Network<ToyShard, Float64Array, number> {
  return {
    name,
    periodS,
    port: port ? toyPort(port) : undefined,
    createShard(ctx) {
      const rng = ctx.stream('bids');
      const q = new EventQueue();
      const budget = new Float64Array(agentsPerShard);
      for (let i = 0; i < agentsPerShard; i++) {
        budget[i] = 1 + rng.next() + (ctx.seed % 1000) / 1e4;
        q.push(rng.exponential(meanGapS), 0, 0, i);
      }
      return { q, rng, budget, deposits: { principal: [], earned: [], releaseAt: [], fee: [], lastT: 0 } };
    },
    stepShard(s, w, price, view) {
      // Deposits still invested earn interest for the time since the part last stepped.
      const d = s.deposits;
      if (port) {
        const rate = rateAt(port, w.from);
        for (let p = 0; p < d.principal.length; p++)
          if (d.releaseAt[p] === Infinity) d.earned[p]! += (d.principal[p]! + d.earned[p]!) * rate * ((w.to - d.lastT) / YEAR_S);
      }
      d.lastT = w.to;
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
  /** Yield-chasing investors over the networks with ports. */
  readonly investors?: YieldChaserOptions;
  /** Or pan-miners (with their baselines). */
  readonly panMiners?: PanMinerOptions;
  readonly networks: readonly { name: string; periodS: number; agentsPerShard: number; meanGapS?: number; readsPrice?: boolean; port?: ToyPortOptions }[];
  /** A random-walk price `coin_usd` stepped every `priceStepS` seconds. */
  readonly priceStepS?: number;
}

/** A random walk on a fixed grid: the world's price path for tests. */
export function toyPrices(stepS: number): PriceModel {
  return {
    names: ['coin_usd'],
    start: (ctx) => {
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
    },
  };
}

export function toyWorld(args: ToyWorldArgs) {
  return world({
    shards: args.shards,
    networks: args.networks.map((n) => toyNetwork(n.name, n.periodS, n.agentsPerShard, n.meanGapS, n.readsPrice, n.port)),
    prices: args.priceStepS ? toyPrices(args.priceStepS) : undefined,
    agents: args.investors ? yieldChasers(args.investors) : args.panMiners ? panMiners(args.panMiners) : undefined,
  });
}

/** For shard worker threads: the world from structured-cloneable arguments. */
export function buildModel(args: ToyWorldArgs) {
  return toyWorld(args);
}
