import { type LivepeerPublic, ORCH_ACTIVE } from './messages.ts';

/**
 * The holders' decision rules as pure functions of what a holder knows: the published state, its own account and its
 * memory. holders.ts applies them to the accounts; decisions.test.ts holds each to its direction and size.
 */

const DAYS_PER_YEAR = 365.25;

/**
 * The annual yield a delegator expects from bonding to orchestrator `o` (0 outside the active set), as the explorer
 * shows it: the pool's reward per LPT of stake a round (inflation x supply / active stake, less the treasury cut and
 * the rewardCut, times the orchestrator's smoothed reward-call rate) plus its fees per LPT (smoothed, in LPT at
 * `lptPriceEth`), compounded over the year.
 */
export function expectedYield(pub: LivepeerPublic, o: number, lptPriceEth: number, roundsPerYear: number, rewardCut = pub.orchRewardCut[o]!): number {
  if (o < 0 || pub.orchStatus[o] !== ORCH_ACTIVE || pub.activeStakeLpt <= 0) return 0;
  const rewardPerStake = (pub.inflationPpb / 1e9) * (pub.supplyLpt / pub.activeStakeLpt) * (1 - pub.treasuryCut) * (1 - rewardCut) * pub.orchRewardRate[o]!;
  const feePerStake = lptPriceEth > 0 ? pub.orchFeePerStakeEth[o]! / lptPriceEth : 0;
  return (1 + rewardPerStake + feePerStake) ** roundsPerYear - 1;
}

/** The yield a holder observed on its own stake: growth from `before` to `now` LPT over `days`, annualised. */
export function observedYield(before: number, now: number, days: number): number {
  if (!(before > 0) || !(days > 0)) return 0;
  return (now / before) ** (DAYS_PER_YEAR / days) - 1;
}

/** A belief moved toward what was observed, by the weight 1 - exp(-days / memoryDays) (an exponential memory). */
export function updatedBelief(belief: number, observed: number, days: number, memoryDays: number): number {
  const w = 1 - Math.exp(-days / memoryDays);
  return belief + w * (observed - belief);
}

/** The probability that a review, every `reviewDays` on average, ends in an exit for need of cash, given the yearly one. */
export function exitProbabilityPerReview(exitProbAnnual: number, reviewDays: number): number {
  return 1 - (1 - exitProbAnnual) ** (reviewDays / DAYS_PER_YEAR);
}

/**
 * LPT a bonded holder sells at a review: `sellShare` of the rewards earned since its last sale (stake above its
 * basis), plus, when the LPT price in USD is above its reference price, `takeProfitRate x ln(price / reference)` of
 * what stake is left (at most all of it).
 */
export function lptToSell(stakeLpt: number, basisLpt: number, sellShare: number, priceRatio: number, takeProfitRate: number): number {
  const rewards = Math.max(0, stakeLpt - basisLpt);
  const fromRewards = sellShare * rewards;
  const takeProfit = priceRatio > 1 ? Math.min(1, takeProfitRate * Math.log(priceRatio)) : 0;
  return Math.min(stakeLpt, fromRewards + takeProfit * (stakeLpt - fromRewards));
}

/**
 * Whether moving `stakeLpt` from an orchestrator paying `ownYield` a year to one paying `altYield` pays: the extra
 * yield over `horizonDays` must exceed the cost of the move — the bond's gas (in LPT) and the round's reward the stake
 * gives up (BondingManager.bond to a new delegate moves it at once; no unbonding period).
 */
export function switchPays(stakeLpt: number, ownYield: number, altYield: number, horizonDays: number, gasLpt: number, roundsPerYear: number): boolean {
  const gain = stakeLpt * (altYield - ownYield) * (horizonDays / DAYS_PER_YEAR);
  const roundLost = stakeLpt * ((1 + Math.max(0, ownYield)) ** (1 / roundsPerYear) - 1);
  return gain > gasLpt + roundLost;
}

/** A liquid holder bonds (or one that sold buys back in) when the best yield it sees clears its hurdle. */
export function bondPays(bestYield: number, hurdle: number): boolean {
  return bestYield > hurdle;
}

/** A bonded holder leaves (unbonds, keeping its LPT) when neither its own orchestrator nor the best it sees clears its hurdle. */
export function leaves(ownYield: number, bestYield: number, hurdle: number): boolean {
  return Math.max(ownYield, bestYield) < hurdle;
}
