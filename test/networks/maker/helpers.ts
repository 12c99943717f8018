import { unprefixed } from '../../../src/core/names.ts';
import type { AnyModel, MetricValues } from '../../../src/engine/model.ts';
import type { AnyNetwork } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import type { PriceModel } from '../../../src/engine/world.ts';
import { world } from '../../../src/engine/world.ts';
import type { MakerHooks } from '../../../src/networks/maker/market.ts';
import { maker } from '../../../src/networks/maker/model.ts';
import { defaultMakerConfig, type MakerConfig } from '../../../src/networks/maker/params.ts';
import { constantPrice } from '../../../src/prices/constant.ts';
import { prices } from '../../../src/prices/price-model.ts';
import { scheduledCrash } from '../../../src/prices/scheduled-crash.ts';

/** A small Maker configuration for tests. */
export function smallMaker(over: Partial<MakerConfig> = {}): MakerConfig {
  return defaultMakerConfig({ vaults: 120, debtPerVaultDai: 100_000, daiUsdcPoolDai: 2e6, ethDaiPoolEth: 4_000, psmUsdc: 2e7, ...over });
}

/** ETH at $2000 with a crash of `size` from hour `at` over `hours` (σ as given), gas constant at `gas` gwei. */
export function crashPrices(size: number, o: { at?: number; hours?: number; sigma?: number; gas?: number; stepS?: number } = {}): PriceModel {
  return prices({
    stepS: o.stepS ?? 600,
    assets: {
      eth_usd: scheduledCrash({ initial: 2000, muAnnual: 0, sigmaAnnual: o.sigma ?? 0, crashSize: size, crashAtHours: o.at ?? 6, crashHours: o.hours ?? 12 }),
      gas_gwei: constantPrice(o.gas ?? 30),
    },
  });
}

/** ETH constant at $2000 and gas at 30 gwei. */
export const STILL_PRICES = prices({ assets: { eth_usd: constantPrice(2000), gas_gwei: constantPrice(30) } });

export function makerAlone(cfg: MakerConfig, shards: number, p: PriceModel, hooks: MakerHooks = {}): AnyModel {
  return world({ shards, networks: [maker(cfg, { hooks })], prices: p });
}

export function aloneWorld(network: AnyNetwork, shards: number, p: PriceModel): AnyModel {
  return world({ shards, networks: [network], prices: p });
}

/** Runs a model and returns Maker's end metrics (prefix taken off) and every sample. */
export async function runMaker(model: AnyModel, seed: number, days: number, sampleHours = 6): Promise<{ end: MetricValues; samples: MetricValues[] }> {
  const samples: MetricValues[] = [];
  const r = await simulate(model, {
    seed,
    horizonS: days * 86_400,
    sampleEveryS: sampleHours * 3600,
    onSample: (_t, v) => samples.push(unprefixed('maker', v)),
  });
  return { end: unprefixed('maker', r.end), samples };
}
