import { prefixed, unprefixed } from '../../src/core/names.ts';
import { param, type Scalar } from '../../src/core/params.ts';
import type { PopulationInfo } from '../../src/engine/population.ts';
import { world } from '../../src/engine/world.ts';
import { priceMetrics, worldParams } from '../../src/experiment/world-params.ts';
import { LIVEPEER_METRICS } from '../../src/networks/livepeer/metrics.ts';
import { livepeer, livepeerPopulations } from '../../src/networks/livepeer/model.ts';
import { livepeerConfigFrom, livepeerParams } from '../../src/networks/livepeer/params.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { prices } from '../../src/prices/price-model.ts';

/**
 * Livepeer alone in a world at constant LPT and ETH prices: the parameters, metrics, model and populations the
 * shipped Livepeer experiments share. Every Livepeer column is `livepeer_<name>`; world columns are `world_<name>`.
 */
export const livepeerWorldParams = {
  ...worldParams,
  world_lptUsd: param.real({ value: 15, min: 1e-6, max: 1e6, unit: 'USD', doc: 'LPT price, constant (2024: about $15).' }),
  world_ethUsd: param.real({ value: 3000, min: 1e-6, max: 1e7, unit: 'USD', doc: 'ETH price, constant (2024: about $3000).' }),
  ...prefixed('livepeer', livepeerParams),
};

export const livepeerWorldMetrics = { ...priceMetrics(['lpt_usd', 'eth_usd']), ...prefixed('livepeer', LIVEPEER_METRICS) };

/** The Livepeer network's configuration at a point: its `livepeer_` parameters, prefix taken off. */
export const livepeerConfigAt = (p: Readonly<Record<string, Scalar>>) => livepeerConfigFrom(unprefixed('livepeer', p));

export function livepeerWorld(p: Readonly<Record<string, Scalar>>) {
  return world({
    shards: p.world_shards as number,
    networks: [livepeer(livepeerConfigAt(p))],
    prices: prices({ assets: { lpt_usd: constantPrice(p.world_lptUsd as number), eth_usd: constantPrice(p.world_ethUsd as number) } }),
  });
}

export const livepeerWorldPopulations = (p: Readonly<Record<string, Scalar>>): PopulationInfo[] => livepeerPopulations(livepeerConfigAt(p));
