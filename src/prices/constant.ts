import { ConfigError } from '../core/errors.ts';
import type { PriceProcess } from './process.ts';

/** A price that never moves: the default for every price a network reads, so a world without processes is a world of constants. */
export function constantPrice(value: number): PriceProcess {
  if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError('constant price', value, 'allowed: a positive number (USD per unit)');
  return { label: `constant(${value})`, initial: value, diffusive: false, start: () => ({ step: () => value }) };
}
