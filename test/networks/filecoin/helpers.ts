import { unprefixed } from '../../../src/core/names.ts';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import type { AnyNetwork } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { world } from '../../../src/engine/world.ts';
import type { FilecoinHooks } from '../../../src/networks/filecoin/market.ts';
import { filecoin } from '../../../src/networks/filecoin/model.ts';
import { defaultFilecoinConfig, type FilecoinConfig } from '../../../src/networks/filecoin/params.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';

/** A network configuration plus what a test's world needs: its shards, horizon and FIL price. */
export type TestConfig = FilecoinConfig & { readonly shards: number; readonly horizonDays: number; readonly filUsd: number };

/** A small configuration for tests: few agents, quick. */
export function smallConfig(over: Partial<TestConfig> = {}): TestConfig {
  const { shards = 2, horizonDays = 30, filUsd = 4.5, ...network } = over;
  return { ...defaultFilecoinConfig({ providers: 12, providerCandidates: 4, clients: 60, investorProviderSlots: 1, ...network }), shards, horizonDays, filUsd };
}

export const testPrices = (filUsd: number) => prices({ assets: { fil_usd: constantPrice(filUsd) } });

/** A network alone in a world with K = `shards` shards at a constant FIL price. */
export function alone(network: AnyNetwork, shards: number, filUsd: number): AnyModel {
  return world({ shards, networks: [network], prices: testPrices(filUsd) });
}

export function filecoinAlone(cfg: TestConfig, hooks: FilecoinHooks = {}): AnyModel {
  return alone(filecoin(cfg, { hooks }), cfg.shards, cfg.filUsd);
}

export interface RunResult {
  samples: { t: number; v: MetricValues }[];
  end: MetricValues;
}

/** Runs a model over cfg.horizonDays; Filecoin's columns without their prefix, t in days. */
export async function runModel(model: AnyModel, cfg: TestConfig, seed: number, sampleEveryDays = 1): Promise<RunResult> {
  const samples: { t: number; v: MetricValues }[] = [];
  const res = await simulate(model, {
    seed,
    horizonS: cfg.horizonDays * 86_400,
    sampleEveryS: sampleEveryDays * 86_400,
    onSample: (t, v) => samples.push({ t: t / 86_400, v: unprefixed('filecoin', v) }),
  });
  return { samples, end: unprefixed('filecoin', res.end) };
}

export async function run(cfg: TestConfig, seed: number, sampleEveryDays = 1, hooks: FilecoinHooks = {}): Promise<RunResult> {
  return runModel(filecoinAlone(cfg, hooks), cfg, seed, sampleEveryDays);
}
