import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.ts';
import { createCounters } from '../../../src/networks/livepeer/counters.ts';
import { initialBook } from '../../../src/networks/livepeer/initial-state.ts';
import { createLedger } from '../../../src/networks/livepeer/ledger.ts';
import { BONDED, toLpt, UNBONDING } from '../../../src/networks/livepeer/lpt.ts';
import { ORCH_OFF, ORCH_REGISTERED } from '../../../src/networks/livepeer/messages.ts';
import { closeOrchestratorRound } from '../../../src/networks/livepeer/orchestrator-round.ts';
import {
  callsReward,
  entryPays,
  leavesNow,
  lptToCoverCosts,
  nextPrice,
  priceFloor,
  reviewedRewardCut,
  roundProfitUsd,
  smoothProfit,
} from '../../../src/networks/livepeer/orchestrator-rules.ts';
import { createOrchestrators, orchestratorTerms, priceInWei, releaseOrchestratorLocks } from '../../../src/networks/livepeer/orchestrators.ts';
import type { LivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { smallConfig } from './helpers.ts';

/**
 * Orchestrators' decision rules on constructed cases: each rule on either side of its threshold, and by how much it
 * moves, so a test fails if a rule moves the wrong way or by the wrong amount. (Holders' rules: holder-decisions.test.ts.)
 */

/** The market side with two active orchestrators (0, 1) and one outsider (2), as the market builds it. */
function marketSide(over: Partial<LivepeerConfig> = {}) {
  const cfg = smallConfig({ orchestrators: 2, orchestratorCandidates: 1, fixedCostSigma: 0, commissionReviewRounds: 1, ...over });
  const ledger = createLedger(3, 1);
  const rng = RandomStream.fromKey('decisions');
  const o = createOrchestrators(cfg, rng, ledger, initialBook(cfg, 1));
  o.active[0] = 1;
  o.active[1] = 1;
  return { cfg, ledger, o, rng, counters: createCounters(), terms: orchestratorTerms(cfg) };
}

/** LPT at $15 and ETH at $3000. */
const PRICES = { lptUsd: 15, ethUsd: 3000 };

describe('orchestrator rules', () => {
  it('books a round’s profit as fees kept plus LPT earned less cash costs', () => {
    expect(roundProfitUsd({ feesKeptUsd: 3, rewardsUsd: 10, costsUsd: 8 })).toBe(5);
  });

  it('smooth profit with weight 1 / memory and count consecutive rounds below zero, resetting on a positive one', () => {
    expect(smoothProfit(10, 0, -20, 10)).toEqual({ ewma: 7, lossRounds: 0 });
    expect(smoothProfit(1, 2, -20, 10)).toEqual({ ewma: -1.1, lossRounds: 3 });
    expect(leavesNow(59, 60)).toBe(false);
    expect(leavesNow(60, 60)).toBe(true);
  });

  it('sell LPT worth exactly the shortfall of fees against cash costs, at most their stake, and nothing when fees cover them', () => {
    expect(lptToCoverCosts(100, 40, 15, 1e6)).toBeCloseTo(4, 12);
    expect(lptToCoverCosts(100, 40, 15, 2)).toBe(2);
    expect(lptToCoverCosts(100, 120, 15, 1e6)).toBe(0);
  });

  it('lower the rewardCut by one step after losing more than the trigger of delegated stake beyond the active set’s loss, raise it after gaining more, or after a loss; keep it otherwise', () => {
    // Trigger 5 %, step 1 point; the relative move is its own less the active set's.
    expect(reviewedRewardCut(0.1, -0.051, 5, 0.05, 0.01)).toBeCloseTo(0.09, 12);
    expect(reviewedRewardCut(0.1, -0.049, 5, 0.05, 0.01)).toBe(0.1);
    expect(reviewedRewardCut(0.1, 0.051, 5, 0.05, 0.01)).toBeCloseTo(0.11, 12);
    expect(reviewedRewardCut(0.1, 0, -1, 0.05, 0.01)).toBeCloseTo(0.11, 12);
    expect(reviewedRewardCut(0, -0.1, 5, 0.05, 0.01)).toBe(0);
    expect(reviewedRewardCut(1, 0.1, 5, 0.05, 0.01)).toBe(1);
  });

  it('price up by the step when busier than target, down when idler, never under cost over the share of a fee they keep', () => {
    expect(nextPrice(100, 0.8, 0.6, 0.1, 1, 0, 1, 0.2)).toBeCloseTo(110, 12);
    expect(nextPrice(100, 0.2, 0.6, 0.1, 1, 0, 1, 0.2)).toBeCloseTo(90, 12);
    expect(nextPrice(100, 0.6, 0.6, 0.1, 1, 0, 1, 0.2)).toBe(100);
    // Cost 50, feeShare 50 %: they keep half of each fee, so the floor is 50 / 0.5 x 1.2 = 120.
    expect(priceFloor(50, 0.5, 1, 0.2)).toBeCloseTo(120, 12);
    expect(nextPrice(100, 0.2, 0.6, 0.1, 50, 0.5, 1, 0.2)).toBeCloseTo(120, 12);
    // A pool whose transcoders get 70 % of what it keeps: 50 / (0.5 x 0.7) x 1.2.
    expect(priceFloor(50, 0.5, 0.7, 0.2)).toBeCloseTo((50 / 0.35) * 1.2, 9);
  });

  it('take a slot when the annual profit on hardware clears the hurdle, and not when it falls just short', () => {
    const perRound = (r: number) => (r * 5000) / 412;
    expect(entryPays(perRound(0.2 * 1.01), 412, 5000, 0.2)).toBe(true);
    expect(entryPays(perRound(0.2 * 0.99), 412, 5000, 0.2)).toBe(false);
  });

  it('call reward() exactly when their own gain in ETH exceeds the gas, unless they miss the round', () => {
    const gas = 400_000 * 0.02e-9; // ETH
    expect(callsReward((gas / 0.005) * 1.0001, 0.005, gas, 0.5, 0.02)).toBe(true);
    expect(callsReward((gas / 0.005) * 0.9999, 0.005, gas, 0.5, 0.02)).toBe(false);
    expect(callsReward(1e6, 0.005, gas, 0.01, 0.02)).toBe(false);
  });
});

describe('orchestrators’ prices and capacity', () => {
  it('price in USD through the price feed: wei per pixel is USD per 10^12 pixels x 10^6 / the ETH price', () => {
    const { o } = marketSide();
    o.priceUsd[0] = 1.5;
    o.aiPriceUsd[0] = 0.003;
    priceInWei(o, 3000);
    expect(o.priceWei[0]).toBe(500);
    expect(o.aiPriceWei[0]).toBe(1e12);
    priceInWei(o, 1500);
    expect(o.priceWei[0]).toBe(1000);
  });

  it('run transcoder pools with poolTranscoders times the sessions, and nodes in proportion to their share of stake', () => {
    const cfg = smallConfig({ orchestrators: 10, orchestratorCandidates: 0, maxSessions: 10, poolShare: 1, poolTranscoders: 3, stakeZipf: 1 });
    const o = createOrchestrators(cfg, RandomStream.fromKey('pools'), createLedger(10, 1), initialBook(cfg, 1));
    // Zipf(10, 1): the largest holds 1 / H(10) = 34 % of active stake: round(3.4) = 3 nodes; the smallest 1.
    expect(o.sessCount[0]).toBe(3 * 3 * 10);
    expect(o.sessCount[9]).toBe(1 * 3 * 10);
  });
});

describe('orchestrators at the end of a round', () => {
  it('leave after exactly exitAfterRounds rounds in which income stays below costs, their self-stake unbonding for the unbonding period', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ exitAfterRounds: 3, memoryRounds: 1, unbondingPeriodRounds: 7 });
    const selfBefore = o.self[0]!;
    o.fixedUsd.fill(100);
    for (let r = 1; r <= 3; r++) {
      expect(o.status[0], `round ${r}`).toBe(ORCH_REGISTERED);
      // No fees, no reward: a loss of the fixed cost every round.
      closeOrchestratorRound(o, ledger, counters, r, cfg, terms, rng, PRICES);
    }
    expect(o.lossRounds[0]).toBe(3);
    expect(o.status[0]).toBe(ORCH_OFF);
    expect(o.selfState[0]).toBe(UNBONDING);
    expect(counters.exits).toBe(2);
    expect([...o.locks.keys()]).toEqual([3 + 7]);
    // It sold LPT to cover each round's costs (its fees were nothing), so less than it had is left to unbond.
    expect(o.self[0]! < selfBefore).toBe(true);
  });

  it('stay while their income covers their costs', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ exitAfterRounds: 1, memoryRounds: 1 });
    for (let r = 1; r <= 5; r++) {
      // 1 ETH of fees kept a round ($3000) against fixed costs of a few dollars.
      o.feeKeptWei[0] = 1e18;
      o.feeKeptWei[1] = 1e18;
      closeOrchestratorRound(o, ledger, counters, r, cfg, terms, rng, PRICES);
    }
    expect([o.status[0], o.status[1]]).toEqual([ORCH_REGISTERED, ORCH_REGISTERED]);
    expect(o.profitEwma[0]).toBeCloseTo(3000 - o.fixedUsd[0]!, 9);
  });

  it('sell the LPT their fees do not cover: unbonded now, on the exchange after the unbonding period', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ exitAfterRounds: 1_000, unbondingPeriodRounds: 2 });
    o.fixedUsd[0] = 30;
    o.feeKeptWei[0] = 0.002e18; // $6 of fees against $30 of fixed cost: $24 short, 1.6 LPT at $15
    o.feeKeptWei[1] = 1e18; // the other covers its costs: it sells nothing
    const self = o.self[0]!;
    const bonded = ledger.bonded;
    closeOrchestratorRound(o, ledger, counters, 1, cfg, terms, rng, PRICES);
    const sold = self - o.self[0]!;
    expect(sold).toBe(1_600_000n * 10n ** 12n);
    expect(ledger.unbonding).toBe(sold);
    expect(ledger.bonded).toBe(bonded - sold);
    const exchange = ledger.exchange;
    releaseOrchestratorLocks(o, ledger, 1 + 1);
    expect(ledger.exchange).toBe(exchange);
    releaseOrchestratorLocks(o, ledger, 1 + 2);
    expect(ledger.exchange - exchange).toBe(sold);
    expect(ledger.unbonding).toBe(0n);
    expect(o.selfState[0]).toBe(BONDED);
  });

  it('review the commission only when the contract allows it (after reward(), or outside the active set), against the active set’s moves', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ commissionStep: 0.01, commissionTrigger: 0.05, exitAfterRounds: 1e6 });
    o.rewardCutPpm.fill(100_000);
    o.calledReward[0] = 1; // may change its cut
    o.calledReward[1] = 0; // active without reward(): may not
    for (const j of [0, 1]) ledger.poolStake[j] = o.self[j]! + 1000n * 10n ** 18n; // 1000 LPT delegated to each
    const delegated = (j: number) => toLpt(ledger.poolStake[j]! - o.self[j]!);
    o.flowLpt[0] = -0.06 * delegated(0);
    o.flowLpt[1] = -0.06 * delegated(1);
    o.feeKeptWei[0] = 1e18; // profitable: a loss does not push the cut up
    o.feeKeptWei[1] = 1e18;
    closeOrchestratorRound(o, ledger, counters, 1, cfg, terms, rng, PRICES);
    expect(o.rewardCutPpm[0]).toBe(90_000);
    expect(o.rewardCutPpm[1]).toBe(100_000);
    expect(o.flowLpt[0]).toBe(0);
    // The same loss when the whole active set lost as much (a market-wide sale of rewards): no change.
    o.calledReward[0] = 1;
    o.flowLpt[0] = -0.06 * delegated(0);
    o.netFlowIndex = o.flowIndexAtReview[0]! - 0.06;
    o.feeKeptWei[0] = 1e18;
    closeOrchestratorRound(o, ledger, counters, 2, cfg, terms, rng, PRICES);
    expect(o.rewardCutPpm[0]).toBe(90_000);
  });
});
