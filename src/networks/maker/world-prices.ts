/** The world's prices Maker reads, by name: ETH in USD, and the network's gas price in gwei (published by the world as a "price"). */
export interface MakerPriceNames {
  readonly eth: string;
  readonly gas: string;
}

export const DEFAULT_MAKER_PRICES: MakerPriceNames = { eth: 'eth_usd', gas: 'gas_gwei' };
