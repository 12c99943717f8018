import { param } from '../core/params.ts';

/**
 * The parameters of a world every experiment with networks has (see `src/core/names.ts` for the `world_` prefix):
 * its logical shards and its horizon. Spread them into `params` and override what the experiment needs.
 */
export const worldParams = {
  world_shards: param.int({
    value: 2,
    min: 1,
    max: 256,
    doc: "Logical shards K every network's agents (and the investors) are split into: part of the experiment, not the thread count.",
  }),
  world_horizonDays: param.real({ value: 90, min: 0.1, max: 36_525, unit: 'd', doc: 'Simulated time.' }),
};

/** Documentation of the price columns a world publishes (`world_<name>`), for an experiment's `metrics`. */
export function priceMetrics<const N extends string>(names: readonly N[]): { [K in N as `world_${K}`]: string } {
  return Object.fromEntries(names.map((n) => [`world_${n}`, `The world's price ${n} (USD per unit) at the sample time`])) as {
    [K in N as `world_${K}`]: string;
  };
}
