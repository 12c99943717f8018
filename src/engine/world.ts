import { checkNetworkName, columnOf, WORLD } from '../core/names.ts';
import type { MetricValues, Model, RunContext, ShardContext, Window } from './model.ts';
import type { AnyNetwork, WorldView } from './network.ts';
import { streamOf } from './rng.ts';
import { nextMultiple } from './schedule.ts';

/** Prices from the world's processes: advanced on their own fixed grid, whatever the networks' periods. */
export interface PricePath {
  /** Price names in publication order (`lpt_usd`, `eth_usd`, …). */
  readonly names: readonly string[];
  /**
   * The prices at `t` (the value at the last grid time ≤ t); called with non-decreasing `t`. `signals` are the
   * networks' published signals as of the last clear (`<network>_<key>`), for a price model that feeds back on them.
   */
  at(t: number, signals?: Readonly<Record<string, number>>): Float64Array;
}

/** The world's prices: their names (known when the world is composed) and, per run, their path. */
export interface PriceModel {
  /** Price names in publication order (`lpt_usd`, `eth_usd`, …), published as `world_<name>` columns. */
  readonly names: readonly string[];
  /** The network signals (`<network>_<key>`) the prices feed back on, if any: the world checks each is published. */
  readonly feedbackSignals?: readonly string[];
  /** Builds a run's price path from the world's market streams (`world/prices/<name>`). */
  start(ctx: RunContext): PricePath;
}

/** Agents that belong to the world rather than to one network (investors), living in the K shards beside the networks. */
export interface WorldAgents<State, Orders> {
  /** Namespace of their metric columns after `world_` (e.g. `investors` → `world_investors_capital_usd`). */
  readonly name: string;
  /** Builds their part of a shard; `networks` are this shard's network parts, in the world's network order. */
  createShard(ctx: ShardContext, networks: readonly AnyNetwork[]): State;
  /**
   * Acts in a window of the world, before any network steps in it: the agents read the view and the networks'
   * last published states and move capital through the networks' ports on this shard's `parts`.
   */
  stepShard(state: State, window: Window, world: WorldView, parts: unknown[], pubs: readonly unknown[]): Orders;
  createMarket(
    ctx: RunContext,
    networks: readonly AnyNetwork[],
  ): { clear(orders: readonly Orders[], window: Window, world: WorldView): void; sample(t: number): MetricValues };
}

// biome-ignore lint/suspicious/noExplicitAny: the world holds agents of any state and order type
type AnyWorldAgents = WorldAgents<any, any>;

export interface WorldSpec {
  /** K, the world's logical shards: every network and the world's agents are split over the same K. */
  readonly shards: number;
  readonly networks: readonly AnyNetwork[];
  /** Exogenous prices published to every network each window (default: none). */
  readonly prices?: PriceModel;
  /** World-level agents (investors), if any. */
  readonly agents?: AnyWorldAgents;
  /**
   * Publish the supply side across networks from their signals: `world_supply_nakamoto_min` (the lowest Nakamoto
   * coefficient of any network), `world_supply_hhi_mean`, and per network `world_demand_served_fraction_<network>`
   * and `world_energy_per_unit_service_<network>` where it defines them.
   */
  readonly supplyMetrics?: boolean;
}

/** A shard of the world: each network's part, the world's agents' part, and each network's own window clock. */
interface WorldShard {
  readonly parts: unknown[];
  readonly agents: unknown;
  /** Per network: its next window's index and start. */
  readonly windowIndex: Int32Array;
  readonly windowFrom: Float64Array;
}

/** What the world publishes: the view and each network's public state (as last cleared). */
interface WorldPublic {
  readonly view: WorldView;
  readonly pubs: readonly unknown[];
}

/** What a world shard posts: each stepped network's orders (undefined for one that did not step) and the agents'. */
interface WorldOrders {
  readonly nets: readonly unknown[];
  readonly agents: unknown;
}

/** The seed of a network's hash-derived state in a run: namespaced by its name, like its streams. */
export function networkSeed(runSeed: number, network: string): number {
  return streamOf(runSeed, `network/${network}`).nextU32();
}

function networkShardContext(ctx: ShardContext, network: string, seed: number): ShardContext {
  return { index: ctx.index, count: ctx.count, seed, stream: (name) => ctx.stream(`${network}/${name}`) };
}

/**
 * Composes networks on one clock into a model the engine runs like any other. Each network keeps its own window
 * schedule: the world's windows end at the next boundary of any network (and at every sample time and the
 * horizon), and a network steps only in the world windows that end on one of its boundaries or on a sample
 * time — so its windows are exactly the ones it has when it runs alone, and, when nothing couples them, its
 * columns are byte-identical to its run alone. Within a world window, the world's agents act first, then each
 * due network steps its part of the shard; the markets clear in the world's network order, after the price
 * path has advanced to the window's end.
 */
export function world(spec: WorldSpec): Model<WorldShard, WorldOrders, WorldPublic> {
  const nets = spec.networks;
  if (nets.length === 0) throw new RangeError('a world needs at least one network');
  const names = new Set<string>();
  for (const [i, n] of nets.entries()) {
    checkNetworkName(n.name, `networks[${i}].name`);
    if (names.has(n.name)) throw new RangeError(`two networks are named "${n.name}": give each instance its own name`);
    names.add(n.name);
    if (!(n.periodS > 0) || !Number.isFinite(n.periodS))
      throw new RangeError(`network ${n.name}: period must be a positive number of seconds, got ${n.periodS}`);
    for (const price of n.reads ?? []) {
      if (!spec.prices?.names.includes(price)) {
        throw new RangeError(
          `network ${n.name} reads the world's price ${price}, which the world does not publish (it publishes: ${spec.prices?.names.join(', ') || 'no prices'})`,
        );
      }
    }
  }
  const agents = spec.agents;
  const netEnd = (i: number, t: number) => nextMultiple(t, nets[i]!.periodS);
  /** Whether network i's window ends at the end of world window w (same arithmetic as the engine's, so exact). */
  const due = (i: number, from: number, w: Window) => w.sample === true || w.to >= netEnd(i, from);

  return {
    shards: spec.shards,
    windowS: Math.min(...nets.map((n) => n.periodS)),
    nextWindowEnd: (t) => Math.min(...nets.map((_, i) => netEnd(i, t))),
    networks: nets.map((n) => n.name),

    createShard(ctx) {
      const parts = nets.map((n) => n.createShard(networkShardContext(ctx, n.name, networkSeed(ctx.seed, n.name))));
      const agentCtx: ShardContext = { ...ctx, stream: (name) => ctx.stream(`${WORLD}/${agents?.name}/${name}`) };
      return {
        parts,
        agents: agents?.createShard(agentCtx, nets),
        windowIndex: new Int32Array(nets.length),
        windowFrom: new Float64Array(nets.length),
      };
    },

    stepShard(shard, w, pub) {
      const agentOrders = agents ? agents.stepShard(shard.agents, w, pub.view, shard.parts, pub.pubs) : undefined;
      const orders = nets.map((n, i) => {
        const from = shard.windowFrom[i]!;
        if (!due(i, from, w)) return undefined;
        const own: Window = { index: shard.windowIndex[i]!, from, to: w.to, sample: w.sample };
        shard.windowIndex[i]!++;
        shard.windowFrom[i] = w.to;
        return n.stepShard(shard.parts[i], own, pub.pubs[i], pub.view);
      });
      return { nets: orders, agents: agentOrders };
    },

    createMarket(ctx) {
      // The price path first (its streams are the world's), so every market starts from the view at t = 0.
      const prices = spec.prices?.start({ ...ctx, stream: (name) => ctx.stream(`${WORLD}/prices/${name}`) });
      const priceNames = prices?.names ?? [];
      const viewAt = (t: number): WorldView => {
        const values = prices ? prices.at(t, signals) : new Float64Array(0);
        return { t, prices: Object.fromEntries(priceNames.map((name, j) => [name, values[j]!])) };
      };
      let signals: Record<string, number> = {};
      let view = viewAt(0);
      const markets = nets.map((n) => {
        const seed = networkSeed(ctx.seed, n.name);
        return n.createMarket({ seed, shards: ctx.shards, stream: (name) => ctx.stream(`${n.name}/${name}`) }, view);
      });
      const readSignals = () => {
        const out: Record<string, number> = {};
        for (const [i, m] of markets.entries()) if (m.signals) for (const [k, v] of Object.entries(m.signals())) out[columnOf(nets[i]!.name, k)] = v;
        return out;
      };
      signals = readSignals();
      for (const s of spec.prices?.feedbackSignals ?? [])
        if (!(s in signals))
          throw new RangeError(`the prices feed back on ${s}, which no network publishes (signals: ${Object.keys(signals).join(', ') || 'none'})`);
      const agentMarket = agents?.createMarket({ ...ctx, stream: (name) => ctx.stream(`${WORLD}/${agents.name}/${name}`) }, nets);
      const pubs = markets.map((m) => m.initialPublic());
      const windowIndex = new Int32Array(nets.length);
      const windowFrom = new Float64Array(nets.length);
      /**
       * Every column at t: world prices, the world's agents, then each network's metrics. A market's `sample` may
       * start a new interval of its tallies, so it is called once per sample time; the end of the run reuses the last
       * sample's columns, but for the markets that summarize themselves.
       */
      let last: Record<string, number> = {};
      const columns = (t: number): MetricValues => {
        const out: Record<string, number> = {};
        for (const name of priceNames) out[columnOf(WORLD, name)] = view.prices[name]!;
        if (agents && agentMarket) for (const [k, v] of Object.entries(agentMarket.sample(t))) out[columnOf(WORLD, `${agents.name}_${k}`)] = v;
        for (const [i, m] of markets.entries()) for (const [k, v] of Object.entries(m.sample(t))) out[columnOf(nets[i]!.name, k)] = v;
        if (spec.supplyMetrics) Object.assign(out, supplyColumns(nets, signals));
        last = out;
        return out;
      };
      const endColumns = (): MetricValues => {
        const out = { ...last };
        for (const [i, m] of markets.entries()) if (m.summarize) for (const [k, v] of Object.entries(m.summarize())) out[columnOf(nets[i]!.name, k)] = v;
        return out;
      };
      return {
        initialPublic: () => ({ view, pubs: [...pubs] }),
        clear(orders, w) {
          view = viewAt(w.to);
          agentMarket?.clear(
            orders.map((o) => o.agents),
            w,
            view,
          );
          for (let i = 0; i < nets.length; i++) {
            const from = windowFrom[i]!;
            if (!due(i, from, w)) continue;
            const own: Window = { index: windowIndex[i]!, from, to: w.to, sample: w.sample };
            windowIndex[i]!++;
            windowFrom[i] = w.to;
            pubs[i] = markets[i]!.clear(
              orders.map((o) => o.nets[i]),
              own,
              view,
            );
          }
          signals = readSignals();
          return { view, pubs: [...pubs] };
        },
        sample: (t) => columns(t),
        summarize: endColumns,
      };
    },
  };
}

/** The world's supply-side columns from the networks' signals (see WorldSpec.supplyMetrics). */
function supplyColumns(nets: readonly AnyNetwork[], signals: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  let nakamotoMin = Number.NaN;
  let hhiSum = 0;
  let hhiCount = 0;
  for (const n of nets) {
    const nak = signals[columnOf(n.name, 'nakamoto_coefficient')];
    if (nak !== undefined && !(nak >= nakamotoMin)) nakamotoMin = nak;
    const hhi = signals[columnOf(n.name, 'hhi')];
    if (hhi !== undefined) {
      hhiSum += hhi;
      hhiCount++;
    }
    for (const key of ['demand_served_fraction', 'energy_per_unit_service']) {
      const v = signals[columnOf(n.name, key)];
      if (v !== undefined) out[columnOf(WORLD, `${key}_${n.name}`)] = v;
    }
  }
  out[columnOf(WORLD, 'supply_nakamoto_min')] = nakamotoMin;
  out[columnOf(WORLD, 'supply_hhi_mean')] = hhiCount > 0 ? hhiSum / hhiCount : Number.NaN;
  return out;
}
