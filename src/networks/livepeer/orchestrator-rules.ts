/**
 * Orchestrators' decision rules as pure functions of what an orchestrator knows: its own books, its terms and the
 * public state. orchestrator-round.ts applies them each round; decisions.test.ts holds each to its direction and size.
 */

/** A round's books of one orchestrator, in USD at the round's prices. */
export interface RoundBooks {
  /** Fees it keeps: its fee commission and its own stake's share of the pool's fees, less what a pool pays its transcoders. */
  readonly feesKeptUsd: number;
  /** LPT it earned: its rewardCut commission on the pool's reward and its own stake's share of the rest. */
  readonly rewardsUsd: number;
  /** Cash costs: fixed costs, the marginal cost of the pixels and GPU-seconds it served, and gas. */
  readonly costsUsd: number;
}

/** The round's profit: total income (fees kept, commission, its own stake's rewards) less costs. */
export function roundProfitUsd(b: RoundBooks): number {
  return b.feesKeptUsd + b.rewardsUsd - b.costsUsd;
}

/** The smoothed profit (exponential, weight 1 / memoryRounds) and the count of consecutive rounds it has been negative. */
export function smoothProfit(ewma: number, lossRounds: number, profit: number, memoryRounds: number): { ewma: number; lossRounds: number } {
  const next = ewma + (profit - ewma) / memoryRounds;
  return { ewma: next, lossRounds: next < 0 ? lossRounds + 1 : 0 };
}

/** An orchestrator leaves once its smoothed profit has been negative for `exitAfterRounds` consecutive rounds. */
export function leavesNow(lossRounds: number, exitAfterRounds: number): boolean {
  return lossRounds >= exitAfterRounds;
}

/**
 * LPT an orchestrator sells to pay its cash costs when the fees it keeps do not cover them (from its own stake, which
 * unbonds for the unbonding period first): the shortfall at the LPT price in USD, never more than its stake.
 */
export function lptToCoverCosts(costsUsd: number, feesKeptUsd: number, lptUsd: number, selfLpt: number): number {
  const shortfall = costsUsd - feesKeptUsd;
  return shortfall > 0 && lptUsd > 0 ? Math.min(selfLpt, shortfall / lptUsd) : 0;
}

/**
 * The rewardCut after a commission review: down by `step` when it lost more than `trigger` of its delegated stake to
 * delegators since the last review beyond what the whole active set lost (so a market-wide sale of rewards is not
 * taken for competition), up by `step` when it gained more than that, up by `step` when it runs at a loss and keeps
 * its delegators; unchanged otherwise. Within [0, 1]. `relativeFlow` is its delegators' net move (in: positive) as a
 * share of its delegated stake, less the active set's over the same rounds; rewards are not a move.
 */
export function reviewedRewardCut(rewardCut: number, relativeFlow: number, profitEwma: number, trigger: number, step: number): number {
  let next = rewardCut;
  if (relativeFlow < -trigger) next = rewardCut - step;
  else if (relativeFlow > trigger) next = rewardCut + step;
  else if (profitEwma < 0) next = rewardCut + step;
  return Math.min(1, Math.max(0, next));
}

/**
 * The price an orchestrator asks next round (USD per unit): up `step` when its utilisation is above `target`, down
 * when below, never under its floor — its marginal cost over what it keeps of a fee, cost / ((1 - feeShare) x
 * keepShare), times (1 + minMargin). `keepShare` is 1, or for a transcoder pool the share its transcoders get.
 */
export function nextPrice(
  price: number,
  utilisation: number,
  target: number,
  step: number,
  cost: number,
  feeShare: number,
  keepShare: number,
  minMargin: number,
): number {
  let p = price;
  if (utilisation > target) p *= 1 + step;
  else if (utilisation < target) p *= 1 - step;
  return Math.max(p, priceFloor(cost, feeShare, keepShare, minMargin));
}

/** The lowest price that covers the marginal cost out of what the orchestrator keeps of each fee. */
export function priceFloor(cost: number, feeShare: number, keepShare: number, minMargin: number): number {
  const kept = Math.max(1e-6, (1 - feeShare) * keepShare);
  return (cost / kept) * (1 + minMargin);
}

/**
 * Whether an orchestrator outside the active set takes a slot it can get: its expected annual profit at the bottom of
 * the set (LPT income of its pool's commission and its own stake's share, plus fees kept, less costs) on its hardware
 * must clear its hurdle.
 */
export function entryPays(expectedRoundProfitUsd: number, roundsPerYear: number, hardwareUsd: number, hurdleAnnual: number): boolean {
  const annual = expectedRoundProfitUsd * roundsPerYear;
  return hardwareUsd > 0 ? annual / hardwareUsd > hurdleAnnual : annual > 0;
}

/**
 * Whether an active orchestrator calls reward(): when its own gain (commission plus its own stake's share of the pool's
 * reward, in ETH) exceeds the gas, unless it misses the round (downtime; `missDraw` uniform on [0, 1)).
 */
export function callsReward(ownGainLpt: number, lptPriceEth: number, rewardGasEth: number, missDraw: number, rewardMissProb: number): boolean {
  return ownGainLpt * lptPriceEth > rewardGasEth && !(missDraw < rewardMissProb);
}
