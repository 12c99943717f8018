/**
 * Running tallies since t = 0 that the metrics read, booked by the market's mechanisms as they act (fees, matching,
 * rewards, orchestrators' rounds). `priceSum` and `priceCount` cover the interval since the previous sample.
 */
export interface LivepeerCounters {
  /** Growth factor of the average bonded delegator LPT since t = 0 (product over rounds). */
  delegatorIndex: number;
  /** Growth factor of orchestrators' self-stake since t = 0. */
  orchestratorIndex: number;
  feesEth: number;
  rewardToStakersLpt: number;
  /** The same rewards valued in ETH at the LPT price of the round they were minted in. */
  rewardToStakersEth: number;
  served: number;
  rejected: number;
  priceSum: number;
  priceCount: number;
  orchIncomeEth: number;
  orchCapitalRounds: number;
  entries: number;
  exits: number;
  activeRounds: number;
  missedRewards: number;
}

export function createCounters(): LivepeerCounters {
  return {
    delegatorIndex: 1,
    orchestratorIndex: 1,
    feesEth: 0,
    rewardToStakersLpt: 0,
    rewardToStakersEth: 0,
    served: 0,
    rejected: 0,
    priceSum: 0,
    priceCount: 0,
    orchIncomeEth: 0,
    orchCapitalRounds: 0,
    entries: 0,
    exits: 0,
    activeRounds: 0,
    missedRewards: 0,
  };
}

/** Starts the next sampling interval (price_per_pixel is the mean over the streams served since the last sample). */
export function startSampleInterval(c: LivepeerCounters): void {
  c.priceSum = 0;
  c.priceCount = 0;
}
