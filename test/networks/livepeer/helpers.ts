import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import type { LivepeerHooks } from '../../../src/networks/livepeer/market.ts';
import { livepeer } from '../../../src/networks/livepeer/model.ts';
import { defaultLivepeerConfig, type LivepeerConfig } from '../../../src/networks/livepeer/params.ts';

/** A small configuration for tests: few agents, quick. */
export function smallConfig(over: Partial<LivepeerConfig> = {}): LivepeerConfig {
  return defaultLivepeerConfig({ delegators: 300, broadcasters: 30, orchestrators: 6, orchestratorCandidates: 3, streamsPerHour: 30, shards: 2, ...over });
}

export interface RunResult {
  samples: { t: number; v: MetricValues }[];
  end: MetricValues;
}

/** Runs the model and returns every sample (t in days) and the end metrics. */
export async function run(cfg: LivepeerConfig, seed: number, sampleEveryDays = 1, hooks: LivepeerHooks = {}): Promise<RunResult> {
  return runModel(livepeer(cfg, hooks), cfg, seed, sampleEveryDays);
}

/** Runs a model built from `cfg` (for instance one with an audit attached) over cfg.horizonDays. */
export async function runModel(model: AnyModel, cfg: LivepeerConfig, seed: number, sampleEveryDays = 1): Promise<RunResult> {
  const samples: { t: number; v: MetricValues }[] = [];
  const res = await simulate(model, {
    seed,
    horizonS: cfg.horizonDays * 86_400,
    sampleEveryS: sampleEveryDays * 86_400,
    onSample: (t, v) => samples.push({ t: t / 86_400, v }),
  });
  return { samples, end: res.end };
}
