import { unprefixed } from '../../../src/core/names.ts';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import type { AnyNetwork } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import type { OrchidHooks } from '../../../src/networks/orchid/market.ts';
import { orchid } from '../../../src/networks/orchid/model.ts';
import { defaultOrchidConfig, type OrchidConfig } from '../../../src/networks/orchid/params.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';

/** A network configuration plus what a test's world needs: its shards and horizon. */
export type TestConfig = OrchidConfig & { readonly shards: number; readonly horizonDays: number };

/** A small configuration for tests: few agents, quick. */
export function smallConfig(over: Partial<TestConfig> = {}): TestConfig {
  const { shards = 2, horizonDays = 40, ...network } = over;
  return { ...defaultOrchidConfig({ users: 300, relays: 8, relayCandidates: 4, initialStakeOxt: 400_000, ...network }), shards, horizonDays };
}

/** OXT at $0.08 and xDAI at $1. */
export const TEST_PRICES = prices({ assets: { oxt_usd: constantPrice(0.08), xdai_usd: constantPrice(1) } });

/** A network alone in a world with K = `shards` shards at the test prices. */
export function alone(network: AnyNetwork, shards: number): AnyModel {
  return world({ shards, networks: [network], prices: TEST_PRICES });
}

/** Orchid alone in a world at the test prices. */
export function orchidAlone(cfg: TestConfig, hooks: OrchidHooks = {}): AnyModel {
  return alone(orchid(cfg, { hooks }), cfg.shards);
}

export interface RunResult {
  samples: { t: number; v: MetricValues }[];
  end: MetricValues;
}

/** Runs a model built from `cfg` over cfg.horizonDays; Orchid's columns without their prefix (t in days). */
export async function runModel(model: AnyModel, cfg: TestConfig, seed: number, sampleEveryDays = 1): Promise<RunResult> {
  const samples: { t: number; v: MetricValues }[] = [];
  const res = await simulate(model, {
    seed,
    horizonS: cfg.horizonDays * 86_400,
    sampleEveryS: sampleEveryDays * 86_400,
    onSample: (t, v) => samples.push({ t: t / 86_400, v: unprefixed('orchid', v) }),
  });
  return { samples, end: unprefixed('orchid', res.end) };
}

/** Runs Orchid alone. */
export async function run(cfg: TestConfig, seed: number, sampleEveryDays = 1, hooks: OrchidHooks = {}): Promise<RunResult> {
  return runModel(orchidAlone(cfg, hooks), cfg, seed, sampleEveryDays);
}
