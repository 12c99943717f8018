import { prefixed, unprefixed } from '../../src/core/names.ts';
import { param, type Scalar } from '../../src/core/params.ts';
import type { PopulationInfo } from '../../src/engine/population.ts';
import { world } from '../../src/engine/world.ts';
import { priceMetrics, worldParams } from '../../src/experiment/world-params.ts';
import { ORCHID_METRICS } from '../../src/networks/orchid/metrics.ts';
import { orchid, orchidPopulations } from '../../src/networks/orchid/model.ts';
import { orchidConfigFrom, orchidParams } from '../../src/networks/orchid/params.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { prices } from '../../src/prices/price-model.ts';

/**
 * Orchid alone in a world at constant OXT and xDAI prices: the parameters, metrics, model and populations the shipped
 * Orchid experiments share. Every Orchid column is `orchid_<name>`; world columns are `world_<name>`.
 */
export const orchidWorldParams = {
  ...worldParams,
  world_oxtPriceUsd: param.real({ value: 0.08, min: 1e-6, max: 1e6, unit: 'USD', doc: 'OXT price, constant (2024-2025: about $0.06-0.12).' }),
  world_xdaiPriceUsd: param.real({
    value: 1,
    min: 1e-6,
    max: 1e6,
    unit: 'USD',
    doc: "Price of the lottery's currency, constant (xDAI, Gnosis's native token, tracks the dollar).",
  }),
  ...prefixed('orchid', orchidParams),
};

export const orchidWorldMetrics = { ...priceMetrics(['oxt_usd', 'xdai_usd']), ...prefixed('orchid', ORCHID_METRICS) };

/** The Orchid network's configuration at a point: its `orchid_` parameters, prefix taken off. */
export const orchidConfigAt = (p: Readonly<Record<string, Scalar>>) => orchidConfigFrom(unprefixed('orchid', p));

export function orchidWorld(p: Readonly<Record<string, Scalar>>) {
  return world({
    shards: p.world_shards as number,
    networks: [orchid(orchidConfigAt(p))],
    prices: prices({ assets: { oxt_usd: constantPrice(p.world_oxtPriceUsd as number), xdai_usd: constantPrice(p.world_xdaiPriceUsd as number) } }),
  });
}

export const orchidWorldPopulations = (p: Readonly<Record<string, Scalar>>): PopulationInfo[] => orchidPopulations(orchidConfigAt(p));
