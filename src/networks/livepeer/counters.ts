import { TrailingSums } from '../../engine/trailing-sum.ts';

/**
 * Running tallies since t = 0 that the metrics read, booked by the market's mechanisms as they act (fees, matching,
 * rewards, orchestrators' rounds, the holders' transactions). `priceSum` and `priceCount` cover the interval since the
 * previous sample; the flows (FLOW_*) are also recorded at every clear, so a metric can give what flowed over a
 * trailing period.
 */
export interface LivepeerCounters {
  /** Growth factor of the average bonded delegator LPT since t = 0 (product over rounds). */
  delegatorIndex: number;
  /** Growth factor of orchestrators' self-stake since t = 0. */
  orchestratorIndex: number;
  feesEth: number;
  feesUsd: number;
  aiFeesEth: number;
  aiFeesUsd: number;
  /** Minutes of video transcoded (served streams' durations, demandScale counted). */
  minutes: number;
  rewardToStakersLpt: number;
  /** The same rewards valued in ETH at the LPT price of the round they were minted in. */
  rewardToStakersEth: number;
  /** LPT mintable and minted since t = 0 (reward() calls not made are never minted). */
  mintableLpt: number;
  mintedLpt: number;
  served: number;
  rejected: number;
  priceSum: number;
  priceCount: number;
  /** Orchestrators' net income and capital-rounds, USD (for orchestrator_roi_annual). */
  orchIncomeUsd: number;
  orchCapitalRounds: number;
  entries: number;
  exits: number;
  activeRounds: number;
  missedRewards: number;
  /** Holders' transactions, and bonded-wallet windows weighted by window length (for transactions per wallet-year). */
  holderTx: number;
  bondedWalletSeconds: number;
  bondedWallets: number;
  readonly flows: TrailingSums;
}

/** The flows recorded at every clear, in this order: fees ETH, fees USD, AI fees USD, minutes, LPT sold, LPT bought. */
export const FLOW_FEES_ETH = 0;
export const FLOW_FEES_USD = 1;
export const FLOW_AI_FEES_USD = 2;
export const FLOW_MINUTES = 3;
export const FLOW_SOLD_LPT = 4;
export const FLOW_BOUGHT_LPT = 5;
export const FLOW_COUNT = 6;

export function createCounters(): LivepeerCounters {
  return {
    delegatorIndex: 1,
    orchestratorIndex: 1,
    feesEth: 0,
    feesUsd: 0,
    aiFeesEth: 0,
    aiFeesUsd: 0,
    minutes: 0,
    rewardToStakersLpt: 0,
    rewardToStakersEth: 0,
    mintableLpt: 0,
    mintedLpt: 0,
    served: 0,
    rejected: 0,
    priceSum: 0,
    priceCount: 0,
    orchIncomeUsd: 0,
    orchCapitalRounds: 0,
    entries: 0,
    exits: 0,
    activeRounds: 0,
    missedRewards: 0,
    holderTx: 0,
    bondedWalletSeconds: 0,
    bondedWallets: 0,
    flows: new TrailingSums(FLOW_COUNT),
  };
}

/** Records the flows' running totals at time t (LPT sold and bought are the ledger's, passed in). */
export function recordFlows(c: LivepeerCounters, t: number, soldLpt: number, boughtLpt: number, scratch: Float64Array): void {
  scratch[FLOW_FEES_ETH] = c.feesEth;
  scratch[FLOW_FEES_USD] = c.feesUsd;
  scratch[FLOW_AI_FEES_USD] = c.aiFeesUsd;
  scratch[FLOW_MINUTES] = c.minutes;
  scratch[FLOW_SOLD_LPT] = soldLpt;
  scratch[FLOW_BOUGHT_LPT] = boughtLpt;
  c.flows.record(t, scratch);
}

/** Starts the next sampling interval (price_per_pixel is the mean over the streams served since the last sample). */
export function startSampleInterval(c: LivepeerCounters): void {
  c.priceSum = 0;
  c.priceCount = 0;
}
