import type { WorldView } from '../../engine/network.ts';

/** The world's prices Orchid reads, by name: OXT, and the lottery's currency (the native token of its chain), in USD. */
export interface OrchidPriceNames {
  readonly oxt: string;
  readonly currency: string;
}

/** OXT and xDAI (Gnosis, where purchased Orchid accounts live: docs/accounts.md). */
export const DEFAULT_PRICE_NAMES: OrchidPriceNames = { oxt: 'oxt_usd', currency: 'xdai_usd' };

export interface OrchidPrices {
  readonly oxtUsd: number;
  readonly currencyUsd: number;
}

export function pricesIn(world: WorldView, names: OrchidPriceNames): OrchidPrices {
  return { oxtUsd: world.prices[names.oxt]!, currencyUsd: world.prices[names.currency]! };
}
