import type { RandomStream } from './rng.ts';

/** A window of simulated time [from, to), in seconds. */
export interface Window {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  /**
   * True when the window ends at a sample time or at the horizon. Every market clears at such a window's end
   * (a world steps all its networks there, whatever their periods), so samples always see cleared markets.
   */
  readonly sample?: boolean;
}

/** What a shard is built from: its index among K, and its own RNG streams. */
export interface ShardContext {
  readonly index: number;
  readonly count: number;
  /** The run's seed (derived from experiment seed, point and replicate). */
  readonly seed: number;
  /** A stream private to this shard, keyed by name: `stream('arrivals')`. */
  stream(name: string): RandomStream;
}

/** What a market is built from: the run's seed and streams that belong to no shard. */
export interface RunContext {
  readonly seed: number;
  readonly shards: number;
  stream(name: string): RandomStream;
}

/** Metric values at one instant, keyed by metric name. */
export type MetricValues = Readonly<Record<string, number>>;

/**
 * A market: receives every shard's orders at the end of a window (always in shard index order),
 * clears them, applies protocol rules for the rounds inside the window, and publishes the public
 * state that every shard reads in the next window. It runs on the run's main thread only.
 */
export interface Market<Orders, Public> {
  initialPublic(): Public;
  clear(orders: readonly Orders[], window: Window): Public;
  /** Metrics at time t (called at t = 0 and after the window ending at each sample time). */
  sample(t: number): MetricValues;
  /** End-of-run metrics for runs.csv; defaults to the last sample. */
  summarize?(): MetricValues;
}

/**
 * A model split into K logical shards. `stepShard` must depend only on its own shard state and the
 * published state: that is what makes shards independent inside a window, so any number of threads
 * and any processing order give the same bytes. Orders and public state must be structured-cloneable
 * (plain data and typed arrays) so they can cross worker threads.
 */
export interface Model<Shard, Orders, Public> {
  /** K, the number of logical shards (part of the experiment, never derived from the thread count). */
  readonly shards: number;
  /** Window length in seconds: markets clear at the end of each window. */
  readonly windowS: number;
  /**
   * The first window end after `t`, for a model whose windows are not all `windowS` long (a world of networks
   * with different periods ends a window at the next boundary of any of them). Defaults to the next multiple
   * of `windowS`. Samples and the horizon end windows too, whatever this returns.
   */
  nextWindowEnd?(t: number): number;
  /** For a world: the names of its networks, in order (their columns are `<network>_<name>`). */
  readonly networks?: readonly string[];
  createShard(ctx: ShardContext): Shard;
  stepShard(shard: Shard, window: Window, pub: Public): Orders;
  createMarket(ctx: RunContext): Market<Orders, Public>;
}

/** A model with its type parameters erased, as the runner sees it. */
// biome-ignore lint/suspicious/noExplicitAny: the runner handles models of every shard, order and public type alike
export type AnyModel = Model<any, any, any>;
