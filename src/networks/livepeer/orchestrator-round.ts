import type { RandomStream } from '../../engine/rng.ts';
import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { BONDED, toLpt } from './lpt.ts';
import { ORCH_OFF } from './messages.ts';
import { entryPays, leavesNow, lptToCoverCosts, nextPrice, type RoundBooks, reviewedRewardCut, roundProfitUsd, smoothProfit } from './orchestrator-rules.ts';
import { claimSelf, exitOrchestrator, type Orchestrators, type OrchestratorTerms, unbondForSale } from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';
import type { RoundState } from './rounds.ts';

/** The world's prices at a round's close, as orchestrators weigh it. */
export interface RoundPrices {
  readonly lptUsd: number;
  readonly ethUsd: number;
}

/**
 * The end of a round for each orchestrator (orchestrator-rules.ts for each rule): it claims, books the round's income
 * and costs (in USD at the round's prices), sells LPT to cover the costs its fees do not, smooths its profit and
 * leaves after `exitAfterRounds` rounds of loss, re-prices video and AI from their utilisation (never under its
 * floor), and now and then reviews its commission. `round` is the round now starting; `rs` still holds the one ending.
 */
export function closeOrchestratorRound(
  o: Orchestrators,
  ledger: Ledger,
  counters: LivepeerCounters,
  round: number,
  cfg: LivepeerConfig,
  terms: OrchestratorTerms,
  rng: RandomStream,
  prices: RoundPrices,
): void {
  const a = 1 / cfg.memoryRounds;
  const { lptUsd, ethUsd } = prices;
  let sessions = 0;
  let feeEv = 0;
  for (let j = 0; j < o.n; j++) {
    const registered = o.status[j] !== ORCH_OFF;
    if (registered) o.feeKeptWei[j]! += Number(claimSelf(o, ledger, j));
    const stake = toLpt(ledger.poolStake[j]!);
    const selfLpt = o.selfState[j] === BONDED ? toLpt(o.self[j]!) : 0;
    const feeShare = o.feeSharePpm[j]! / 1e6;
    const feeEvEth = o.feeEvWei[j]! / 1e18;
    if (o.active[j]) {
      sessions += o.sessCount[j]!;
      feeEv += feeEvEth;
      o.rewardRate[j] = (1 - a) * o.rewardRate[j]! + a * o.calledReward[j]!;
    }
    const cff = ledger.poolCff[j]!;
    const roundFeePerStake = cff > o.cffAtRound[j]! ? Number(cff - o.cffAtRound[j]!) / Number(ledger.poolCrfPrev[j]!) : 0;
    o.cffAtRound[j] = cff;
    o.feePerStakeEth[j] = (1 - a) * o.feePerStakeEth[j]! + a * roundFeePerStake;
    // Books: an active orchestrator runs its node; one outside the set waits idle, but an investor's runs all the same.
    if (registered && (o.active[j] || o.investorSlot[j])) {
      const keep = o.pool[j] ? 1 - cfg.poolPayoutShare : 1;
      const feesKeptUsd = (o.feeKeptWei[j]! / 1e18) * ethUsd * keep;
      const gasEth = (o.calledReward[j] ? terms.rewardGasEth : 0) + o.redeemGasEth[j]!;
      const marginalUsd = o.pool[j] ? 0 : (o.pixels[j]! * o.costUsd[j]!) / 1e12 + o.aiBusyS[j]! * cfg.aiCostUsdPerSecond;
      const books: RoundBooks = {
        feesKeptUsd,
        rewardsUsd: (o.commissionLpt[j]! + o.selfRewardLpt[j]!) * lptUsd,
        costsUsd: o.fixedUsd[j]! + marginalUsd + gasEth * ethUsd,
      };
      const s = smoothProfit(o.profitEwma[j]!, o.lossRounds[j]!, roundProfitUsd(books), cfg.memoryRounds);
      o.profitEwma[j] = s.ewma;
      o.lossRounds[j] = s.lossRounds;
      counters.orchIncomeUsd += books.feesKeptUsd + books.rewardsUsd - books.costsUsd;
      counters.orchCapitalRounds += selfLpt * lptUsd + cfg.hardwareCapitalUsd;
      if (o.investorSlot[j]) o.investorIncomeEth[j]! += (books.feesKeptUsd - books.costsUsd) / ethUsd;
      else {
        const sell = lptToCoverCosts(books.costsUsd, books.feesKeptUsd, lptUsd, selfLpt);
        if (sell > 0) unbondForSale(o, ledger, j, BigInt(Math.floor(sell * 1e6)) * 10n ** 12n, round, cfg.unbondingPeriodRounds);
      }
      reprice(o, j, cfg, terms, feeShare, keep);
    }
    if (registered && !o.investorSlot[j]) {
      // Commission: reviewed now and then, changed only when the contract allows it (after reward(), or outside the set).
      if ((o.calledReward[j] || !o.active[j]) && rng.next() < 1 / cfg.commissionReviewRounds) {
        const relative = o.flowLpt[j]! / Math.max(stake - selfLpt, 1e-12) - (o.netFlowIndex - o.flowIndexAtReview[j]!);
        const rc = reviewedRewardCut(o.rewardCutPpm[j]! / 1e6, relative, o.profitEwma[j]!, cfg.commissionTrigger, cfg.commissionStep);
        o.rewardCutPpm[j] = Math.round(rc * 1e6);
        o.flowLpt[j] = 0;
        o.flowIndexAtReview[j] = o.netFlowIndex;
      }
      if (o.active[j] && leavesNow(o.lossRounds[j]!, cfg.exitAfterRounds)) {
        exitOrchestrator(o, ledger, j, round, cfg.unbondingPeriodRounds);
        counters.exits++;
      }
    }
    resetRound(o, j);
  }
  if (sessions > 0) o.netFeeEvPerSession = (1 - a) * o.netFeeEvPerSession + (a * feeEv) / sessions;
}

function reprice(o: Orchestrators, j: number, cfg: LivepeerConfig, terms: OrchestratorTerms, feeShare: number, keep: number): void {
  const util = o.busyS[j]! / (o.sessCount[j]! * terms.roundS);
  o.priceUsd[j] = nextPrice(o.priceUsd[j]!, util, cfg.targetUtilization, cfg.priceStep, o.costUsd[j]!, feeShare, keep, cfg.minMargin);
  if (o.aiCount[j]! > 0) {
    const aiUtil = o.aiBusyS[j]! / (o.aiCount[j]! * terms.roundS);
    o.aiPriceUsd[j] = nextPrice(o.aiPriceUsd[j]!, aiUtil, cfg.targetUtilization, cfg.priceStep, cfg.aiCostUsdPerSecond, feeShare, keep, cfg.minMargin);
  }
}

function resetRound(o: Orchestrators, j: number): void {
  o.busyS[j] = 0;
  o.aiBusyS[j] = 0;
  o.pixels[j] = 0;
  o.feeEvWei[j] = 0;
  o.feeKeptWei[j] = 0;
  o.redeemGasEth[j] = 0;
  o.commissionLpt[j] = 0;
  o.selfRewardLpt[j] = 0;
}

/**
 * Whether orchestrator j, outside the active set, takes a slot open to it: its expected profit a round at the bottom
 * of the set — its pool's reward at its stake (its commission and its own stake's share), the fees the network's
 * sessions earn (less its feeShare), less fixed costs and gas — must pay its hurdle on the hardware. Investors' slots decide for themselves (always).
 */
export function wantsSlot(
  o: Orchestrators,
  ledger: Ledger,
  j: number,
  rs: RoundState,
  cfg: LivepeerConfig,
  terms: OrchestratorTerms,
  prices: RoundPrices,
): boolean {
  if (o.investorSlot[j]) return true;
  const stake = toLpt(ledger.poolStake[j]!);
  const active = toLpt(rs.activeStake) + stake;
  const selfLpt = o.selfState[j] === BONDED ? toLpt(o.self[j]!) : 0;
  const rc = o.rewardCutPpm[j]! / 1e6;
  const reward = ((toLpt(rs.mintable) * stake) / Math.max(active, 1e-12)) * (1 - Number(rs.treasuryRate / 10n ** 18n) / 1e9);
  const ownLpt = reward * rc + (stake > 0 ? (reward * (1 - rc) * selfLpt) / stake : 0);
  const feesUsd = o.netFeeEvPerSession * o.sessCount[j]! * (1 - o.feeSharePpm[j]! / 1e6) * prices.ethUsd;
  const profit = ownLpt * prices.lptUsd + feesUsd - o.fixedUsd[j]! - terms.rewardGasEth * prices.ethUsd;
  return entryPays(profit, terms.roundsPerYear, cfg.hardwareCapitalUsd, o.hurdle[j]!);
}

/** Adds a clear's delegator moves of the active set, as a share of its delegated stake, to the network's index. */
export function bookNetworkFlow(o: Orchestrators, ledger: Ledger, flowBefore: number): void {
  let flow = 0;
  let delegated = 0;
  for (let j = 0; j < o.n; j++) {
    if (!o.active[j]) continue;
    flow += o.flowLpt[j]!;
    delegated += toLpt(ledger.poolStake[j]!) - (o.selfState[j] === BONDED ? toLpt(o.self[j]!) : 0);
  }
  if (delegated > 0) o.netFlowIndex += (flow - flowBefore) / delegated;
}

/** The active set's accumulated delegator moves (LPT), read before a clear's moves are booked. */
export function activeFlow(o: Orchestrators): number {
  let flow = 0;
  for (let j = 0; j < o.n; j++) if (o.active[j]) flow += o.flowLpt[j]!;
  return flow;
}
