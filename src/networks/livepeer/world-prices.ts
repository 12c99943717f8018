import type { WorldView } from '../../engine/network.ts';

/** The world's prices Livepeer reads, by name: LPT and ETH in USD. */
export interface LivepeerPriceNames {
  readonly lpt: string;
  readonly eth: string;
}

export const DEFAULT_PRICE_NAMES: LivepeerPriceNames = { lpt: 'lpt_usd', eth: 'eth_usd' };

/** The LPT price in ETH in a world view (LPT/USD over ETH/USD). */
export function lptPriceEthIn(world: WorldView, names: LivepeerPriceNames): number {
  return world.prices[names.lpt]! / world.prices[names.eth]!;
}
