import { unprefixed } from '../../../src/core/names.ts';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import type { AnyNetwork } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import type { LivepeerHooks } from '../../../src/networks/livepeer/market.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { defaultLivepeerConfig, type LivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';

/** A network configuration plus what a test's world needs: its shards and horizon. */
export type TestConfig = LivepeerConfig & { readonly shards: number; readonly horizonDays: number };

/** A small configuration for tests: few agents, quick. */
export function smallConfig(over: Partial<TestConfig> = {}): TestConfig {
  const { shards = 2, horizonDays = 90, ...network } = over;
  return {
    ...defaultLivepeerConfig({ delegators: 300, broadcasters: 30, orchestrators: 6, orchestratorCandidates: 3, streamsPerHour: 30, ...network }),
    shards,
    horizonDays,
  };
}

/** LPT at $15 and ETH at $3000: 0.005 ETH per LPT, the 2024 figure the tests were written with. */
export const TEST_PRICES = prices({ assets: { lpt_usd: constantPrice(15), eth_usd: constantPrice(3000) } });

/** A network alone in a world with K = `shards` shards at the test prices. */
export function alone(network: AnyNetwork, shards: number): AnyModel {
  return world({ shards, networks: [network], prices: TEST_PRICES });
}

/** Livepeer alone in a world at the test prices. */
export function livepeerAlone(cfg: TestConfig, hooks: LivepeerHooks = {}): AnyModel {
  return alone(livepeer(cfg, { hooks }), cfg.shards);
}

export interface RunResult {
  samples: { t: number; v: MetricValues }[];
  end: MetricValues;
}

/** Runs Livepeer alone and returns every sample (t in days) and the end metrics, by their names inside the network. */
export async function run(cfg: TestConfig, seed: number, sampleEveryDays = 1, hooks: LivepeerHooks = {}): Promise<RunResult> {
  return runModel(livepeerAlone(cfg, hooks), cfg, seed, sampleEveryDays);
}

/** Runs a model built from `cfg` (for instance one with an audit attached) over cfg.horizonDays; Livepeer's columns without their prefix. */
export async function runModel(model: AnyModel, cfg: TestConfig, seed: number, sampleEveryDays = 1): Promise<RunResult> {
  const samples: { t: number; v: MetricValues }[] = [];
  const res = await simulate(model, {
    seed,
    horizonS: cfg.horizonDays * 86_400,
    sampleEveryS: sampleEveryDays * 86_400,
    onSample: (t, v) => samples.push({ t: t / 86_400, v: unprefixed('livepeer', v) }),
  });
  return { samples, end: unprefixed('livepeer', res.end) };
}
