import type { AnyModel, MetricValues, Window } from './model.ts';
import { streamOf } from './rng.ts';
import { nextMultiple } from './schedule.ts';
import { LocalShardExecutor, type ShardExecutor } from './shard-executor.ts';

export interface SimulationOptions {
  /** The run's seed (see `runSeed`). */
  seed: number;
  /** Horizon in seconds. */
  horizonS: number;
  /** Interval between metric samples in seconds; samples are taken at 0, every interval, and at the horizon. */
  sampleEveryS: number;
  /**
   * Where the shards run; defaults to all on this thread in index order. May be a promise (a threaded
   * executor still starting): the market is built while it starts.
   */
  executor?: ShardExecutor | Promise<ShardExecutor | undefined>;
  /** Called with each sample as it is taken (t in seconds). */
  onSample?: (t: number, values: MetricValues) => void;
  /** Stops the run between windows (it then rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Wall time between yields to the host's event loop, so signals and timers are served during a long run. */
const YIELD_EVERY_MS = 50;

export interface SimulationResult {
  /** End-of-run metrics. */
  end: MetricValues;
  windows: number;
}

/**
 * The window loop. Window ends fall every `model.windowS` seconds and also at every sample time and at
 * the horizon, so samples always see a cleared market. In each window every shard processes its own
 * events and posts orders; the market then clears the orders in shard index order and publishes the
 * state the shards read in the next window.
 */
export async function simulate(model: AnyModel, options: SimulationOptions): Promise<SimulationResult> {
  const { seed, horizonS, sampleEveryS } = options;
  if (!(horizonS > 0) || !Number.isFinite(horizonS)) throw new RangeError(`horizon must be a positive number of seconds, got ${horizonS}`);
  if (!(sampleEveryS > 0)) throw new RangeError(`sampleEvery must be a positive number of seconds, got ${sampleEveryS}`);
  if (!(model.windowS > 0)) throw new RangeError(`model window must be a positive number of seconds, got ${model.windowS}`);
  if (!Number.isInteger(model.shards) || model.shards < 1) throw new RangeError(`model shards must be an integer ≥ 1, got ${model.shards}`);

  const market = model.createMarket({ seed, shards: model.shards, stream: (name) => streamOf(seed, `market/${name}`) });
  const given = await options.executor;
  const executor = given ?? new LocalShardExecutor(model, seed);
  let last: MetricValues = market.sample(0);
  options.onSample?.(0, last);
  let pub = market.initialPublic();
  let t = 0;
  let index = 0;
  const windowEndAfter = (at: number) => (model.nextWindowEnd ? model.nextWindowEnd(at) : nextMultiple(at, model.windowS));
  let nextWindowEnd = windowEndAfter(0);
  let nextSample = sampleEveryS;
  let lastYield = performance.now();
  try {
    while (t < horizonS) {
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      options.signal?.throwIfAborted();
      // Window boundaries are computed by multiplication, not accumulation, so they carry no drift.
      const to = Math.min(nextWindowEnd, nextSample, horizonS);
      const isSample = to >= nextSample || to >= horizonS;
      const window: Window = { index, from: t, to, sample: isSample };
      const orders = await executor.step(window, pub);
      pub = market.clear(orders, window);
      t = to;
      index++;
      if (t >= nextWindowEnd) nextWindowEnd = windowEndAfter(t);
      if (isSample) {
        last = market.sample(t);
        options.onSample?.(t, last);
        nextSample = nextMultiple(t, sampleEveryS);
      }
    }
  } finally {
    if (!given) await executor.close();
  }
  return { end: market.summarize ? market.summarize() : last, windows: index };
}
