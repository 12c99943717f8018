import { prefixed, unprefixed } from '../../src/core/names.ts';
import { param, type Scalar } from '../../src/core/params.ts';
import type { PopulationInfo } from '../../src/engine/population.ts';
import type { PriceModel } from '../../src/engine/world.ts';
import { world } from '../../src/engine/world.ts';
import { priceMetrics, worldParams } from '../../src/experiment/world-params.ts';
import { FILECOIN_METRICS } from '../../src/networks/filecoin/metrics.ts';
import { filecoin, filecoinPopulations } from '../../src/networks/filecoin/model.ts';
import { filecoinConfigFrom, filecoinParams } from '../../src/networks/filecoin/params.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { prices } from '../../src/prices/price-model.ts';

/**
 * Filecoin alone in a world: the parameters, metrics, model and populations the shipped Filecoin experiments share.
 * Every Filecoin column is `filecoin_<name>`; world columns are `world_<name>` (the FIL price is `world_fil_usd`).
 */
export const filecoinWorldParams = {
  ...worldParams,
  world_filPriceUsd: param.real({
    value: 5.28,
    min: 1e-6,
    max: 1e6,
    unit: 'USD',
    doc: 'FIL price, constant (2022-10-10 close: $5.28; experiments/data/filecoin/fil-usd.csv).',
  }),
  ...prefixed('filecoin', filecoinParams),
};

export const filecoinWorldMetrics = { ...priceMetrics(['fil_usd']), ...prefixed('filecoin', FILECOIN_METRICS) };

/** The Filecoin network's configuration at a point: its `filecoin_` parameters, prefix taken off. */
export const filecoinConfigAt = (p: Readonly<Record<string, Scalar>>) => filecoinConfigFrom(unprefixed('filecoin', p));

/** Filecoin alone in a world with the given prices (default: the constant `world_filPriceUsd`). */
export function filecoinWorld(p: Readonly<Record<string, Scalar>>, priceModel?: PriceModel) {
  return world({
    shards: p.world_shards as number,
    networks: [filecoin(filecoinConfigAt(p))],
    prices: priceModel ?? prices({ assets: { fil_usd: constantPrice(p.world_filPriceUsd as number) } }),
  });
}

export const filecoinWorldPopulations = (p: Readonly<Record<string, Scalar>>): PopulationInfo[] => filecoinPopulations(filecoinConfigAt(p));
