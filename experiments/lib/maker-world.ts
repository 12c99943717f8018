import { prefixed, unprefixed } from '../../src/core/names.ts';
import { param, type Scalar } from '../../src/core/params.ts';
import type { PopulationInfo } from '../../src/engine/population.ts';
import { world } from '../../src/engine/world.ts';
import { priceMetrics, worldParams } from '../../src/experiment/world-params.ts';
import { MAKER_METRICS } from '../../src/networks/maker/metrics.ts';
import { maker, makerPopulations } from '../../src/networks/maker/model.ts';
import { makerConfigFrom, makerParams } from '../../src/networks/maker/params.ts';
import { meanRevertingLog } from '../../src/prices/mean-reverting.ts';
import { prices } from '../../src/prices/price-model.ts';
import { scheduledCrash } from '../../src/prices/scheduled-crash.ts';

/**
 * Maker alone in a world whose ETH price is a GBM with a scheduled crash and whose gas price is a mean-reverting log
 * process that spikes (more during the crash: congestion). Every Maker column is `maker_<name>`; the world's are
 * `world_<name>`. The names: `crashSize`, `volatility`, `gasPriceGwei` and `horizonDays` parameterise the
 * world (`world_crashSize`, `world_volatility`, `world_gasPriceGwei`, `world_horizonDays`); the rest are Maker's
 * (`maker_vaults`, `maker_auctionKeepers`, …).
 */
export const makerWorldParams = {
  ...worldParams,
  world_horizonDays: worldParams.world_horizonDays.set(4),
  world_ethUsd: param.real({ value: 2000, min: 1, max: 1e6, unit: 'USD', doc: 'ETH price at t = 0.' }),
  world_volatility: param.real({ value: 0.8, min: 0, max: 5, doc: "ETH's volatility per √year around the crash (2020-2022 realised: about 0.8)." }),
  world_crashSize: param.real({
    value: 0.4,
    min: 0,
    max: 0.95,
    doc: 'Fall of the ETH price over the crash (0.43: 12-13 March 2020, $194 → $111 close to close).',
  }),
  world_crashAtHours: param.real({ value: 24, min: 0, max: 1e5, unit: 'h', doc: 'When the crash starts.' }),
  world_crashHours: param.real({
    value: 12,
    min: 0.1,
    max: 1e4,
    unit: 'h',
    doc: 'How long the crash lasts (12 March 2020: most of the fall within about 12 hours).',
  }),
  world_gasPriceGwei: param.real({
    value: 30,
    min: 0.1,
    max: 1e5,
    unit: 'gwei',
    doc: 'Normal level of the gas price (the mean-reverting process reverts to it).',
  }),
  world_gasCrashMultiple: param.real({
    value: 1,
    min: 1,
    max: 1000,
    doc: 'Congestion: the gas price’s level during the crash window, as a multiple of its normal level (12 March 2020: median gas about 6× normal, Glassnode via blockstockandbarrel.com).',
  }),
  world_gasSpikesPerYear: param.real({
    value: 12,
    min: 0,
    max: 1e4,
    doc: 'Gas spikes per year outside crashes (Poisson), each about ×5, halving every 3 hours.',
  }),
  world_priceStepMinutes: param.real({ value: 10, min: 1, max: 1440, unit: 'min', doc: 'Step of the world’s price grid.' }),
  ...prefixed('maker', makerParams),
};

export const makerWorldMetrics = { ...priceMetrics(['eth_usd', 'gas_gwei']), ...prefixed('maker', MAKER_METRICS) };

/** The Maker network's configuration at a point: its `maker_` parameters, prefix taken off. */
export const makerConfigAt = (p: Readonly<Record<string, Scalar>>) => makerConfigFrom(unprefixed('maker', p));

/** The world's prices at a point: ETH with its crash, gas with its congestion. */
export function makerWorldPrices(p: Readonly<Record<string, Scalar>>) {
  const gasLevel = p.world_gasPriceGwei as number;
  return prices({
    stepS: (p.world_priceStepMinutes as number) * 60,
    assets: {
      eth_usd: scheduledCrash({
        initial: p.world_ethUsd as number,
        muAnnual: 0,
        sigmaAnnual: p.world_volatility as number,
        crashSize: p.world_crashSize as number,
        crashAtHours: p.world_crashAtHours as number,
        crashHours: p.world_crashHours as number,
      }),
      gas_gwei: congestedGas(p, gasLevel),
    },
  });
}

/** Gas: a mean-reverting log process (half-life 3 h, σ 6/√yr, spikes), multiplied by the congestion multiple during the crash. */
function congestedGas(p: Readonly<Record<string, Scalar>>, level: number) {
  const base = meanRevertingLog({
    initial: level,
    level,
    halfLifeHours: 3,
    sigmaAnnual: 6,
    spikesPerYear: p.world_gasSpikesPerYear as number,
    spikeLogMean: Math.log(5),
    spikeLogSd: 0.3,
  });
  const from = (p.world_crashAtHours as number) * 3600;
  const to = from + (p.world_crashHours as number) * 3600;
  const multiple = p.world_gasCrashMultiple as number;
  return {
    ...base,
    label: `${base.label} × ${multiple} from ${from} s to ${to} s`,
    start: (rng: Parameters<typeof base.start>[0]) => {
      const inner = base.start(rng);
      let raw = level;
      return {
        step(_price: number, dt: number, z: number, tS: number) {
          raw = inner.step(raw, dt, z, tS);
          return tS >= from && tS < to ? raw * multiple : raw;
        },
      };
    },
  };
}

export function makerWorld(p: Readonly<Record<string, Scalar>>) {
  return world({ shards: p.world_shards as number, networks: [maker(makerConfigAt(p))], prices: makerWorldPrices(p) });
}

export const makerWorldPopulations = (p: Readonly<Record<string, Scalar>>): PopulationInfo[] => makerPopulations(makerConfigAt(p));
