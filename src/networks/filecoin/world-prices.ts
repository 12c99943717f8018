/** The world's prices Filecoin reads, by name: FIL in USD. */
export interface FilecoinPriceNames {
  readonly fil: string;
}

export const DEFAULT_PRICE_NAMES: FilecoinPriceNames = { fil: 'fil_usd' };
