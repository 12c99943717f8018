import { describe, expect, it } from 'vitest';
import { splitPair } from '../../../src/engine/fixed-point-pairs.ts';
import { RandomStream } from '../../../src/engine/rng.ts';
import { shardContext } from '../../../src/engine/shard-executor.ts';
import { createCounters } from '../../../src/networks/livepeer/counters.ts';
import { createHolders, expectedYield, type Holders, readPublicState, reviewHolder } from '../../../src/networks/livepeer/holders.ts';
import { createLedger } from '../../../src/networks/livepeer/ledger.ts';
import { BONDED, FACTOR_PAIR, LIQUID, UNBONDING } from '../../../src/networks/livepeer/lpt.ts';
import {
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  type LivepeerPublic,
  ORCH_ACTIVE,
  ORCH_OFF,
  ORCH_REGISTERED,
} from '../../../src/networks/livepeer/messages.ts';
import { callsReward, closeOrchestratorRound, createOrchestrators, orchestratorTerms } from '../../../src/networks/livepeer/orchestrators.ts';
import type { LivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { INITIAL_CUMULATIVE_FACTOR } from '../../../src/networks/livepeer/protocol.ts';
import { smallConfig } from './helpers.ts';

/**
 * The agents' decision rules on constructed cases: for each rule, the case on each side of its threshold, so a test
 * fails if a rule moves the wrong way or by the wrong amount.
 */

const LPT = 10n ** 18n;

/** The market side with two registered orchestrators (0, 1) and one candidate (2), as the market builds it. */
function marketSide(over: Partial<LivepeerConfig> = {}) {
  const cfg = smallConfig({ orchestrators: 2, orchestratorCandidates: 1, hurdleSigma: 0, orchestratorReviewRounds: 1, ...over });
  const ledger = createLedger(3, 1);
  const rng = RandomStream.fromKey('decisions');
  const o = createOrchestrators(cfg, rng, ledger);
  return { cfg, ledger, o, rng, counters: createCounters(), terms: orchestratorTerms(cfg) };
}

/** The LPT price in ETH the decisions are weighed at (2024: $15 / $3000). */
const LPT_PRICE_ETH = 0.005;

describe('orchestrators', () => {
  it('call reward() exactly when their own gain at the LPT price in ETH exceeds the gas, unless they miss the round', () => {
    const { cfg, o, terms, rng } = marketSide({ rewardMissProb: 0 });
    o.rewardCutPpm[0] = 100_000; // 10 % commission
    const stake = 1_000n * LPT;
    const self = 100n * LPT;
    const mintable = 50n * LPT;
    const active = 10_000n * LPT;
    const treasury = 10n ** 26n; // 10 %
    // Reward to the pool 50 x 1000 / 10000 = 5 LPT, less 10 % treasury = 4.5; own = 4.5 x 0.1 + 4.5 x 0.9 x 100 / 1000 = 0.855 LPT.
    const gainLpt = 0.855;
    const at = (price: number) => callsReward(o, 0, stake, self, mintable, active, treasury, cfg, terms, rng, price);
    expect(at((terms.rewardGasEth / gainLpt) * 1.0001)).toBe(true);
    expect(at((terms.rewardGasEth / gainLpt) * 0.9999)).toBe(false);
    expect(callsReward(o, 0, stake, self, mintable, active, treasury, { ...cfg, rewardMissProb: 1 }, terms, rng, 1)).toBe(false);
  });

  it('leave after exactly exitAfterRounds rounds of smoothed loss, and their self-stake unbonds for the unbonding period', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ exitAfterRounds: 3, memoryRounds: 1, fixedCostEthPerDay: 0.1, unbondingPeriodRounds: 7 });
    const selves = o.self[0]! + o.self[1]!;
    const bondedBefore = ledger.bonded;
    for (let r = 1; r <= 3; r++) {
      expect(o.status[0], `round ${r}`).toBe(ORCH_REGISTERED);
      closeOrchestratorRound(o, ledger, counters, r, 0n, cfg, terms, rng, LPT_PRICE_ETH); // no fees: a loss of fixed cost every round
    }
    expect(o.lossRounds[0]).toBe(3);
    expect(o.status[0]).toBe(ORCH_OFF);
    expect(o.selfState[0]).toBe(UNBONDING);
    // Both registered orchestrators had the same losses: both leave, and their self-stake moves to unbonding.
    expect(o.status[1]).toBe(ORCH_OFF);
    expect(ledger.bonded).toBe(bondedBefore - selves);
    expect(ledger.unbonding).toBe(selves);
    expect(counters.exits).toBe(2);
    expect([...o.locks.keys()]).toEqual([3 + 7]);
  });

  it('stay while their fees cover their costs', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ exitAfterRounds: 1, memoryRounds: 1, fixedCostEthPerDay: 0.1, feeShareMean: 0 });
    for (let r = 1; r <= 5; r++) {
      // Fee EV of 1 ETH a round, all kept (feeShare 0), against 0.08 ETH of fixed cost and no gas.
      o.feeEvWei[0] = 1e18;
      o.feeEvWei[1] = 1e18;
      closeOrchestratorRound(o, ledger, counters, r, 0n, cfg, terms, rng, LPT_PRICE_ETH);
    }
    expect([o.status[0], o.status[1]]).toEqual([ORCH_REGISTERED, ORCH_REGISTERED]);
    expect(o.profitEwma[0]).toBeCloseTo(1 - terms.fixedEthPerRound, 12);
  });

  it('raise their price by priceStep when busier than the target, lower it when idler, keep it at the target, never below cost x (1 + minMargin)', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ priceStep: 0.1, targetUtilization: 0.5, minMargin: 0.2, exitAfterRounds: 1e6 });
    const full = o.maxSessions * terms.roundS;
    o.priceWei[0] = 1000;
    o.costWei[0] = 100;
    o.busyS[0] = 0.8 * full;
    o.priceWei[1] = 1000;
    o.costWei[1] = 500;
    o.busyS[1] = 0.2 * full;
    closeOrchestratorRound(o, ledger, counters, 1, 0n, cfg, terms, rng, LPT_PRICE_ETH);
    expect([o.priceWei[0], o.priceWei[1]]).toEqual([1100, 900]);
    o.costWei[0] = 950;
    o.busyS[0] = 0.2 * full;
    o.busyS[1] = 0.5 * full;
    closeOrchestratorRound(o, ledger, counters, 2, 0n, cfg, terms, rng, LPT_PRICE_ETH);
    expect(o.priceWei[0]).toBe(1140); // 1100 x 0.9 = 990 is under 950 x 1.2 = 1140
    expect(o.priceWei[1]).toBe(900);
  });

  it('move rewardCut by commissionStep against the change of their share of active stake, only when the contract allows it', () => {
    const { cfg, ledger, o, rng, counters, terms } = marketSide({ commissionStep: 0.01, exitAfterRounds: 1e6 });
    const active = ledger.poolStake[0]! + ledger.poolStake[1]!;
    o.active[0] = 1;
    o.active[1] = 1;
    o.calledReward[0] = 1; // called reward(): may change its cut
    o.calledReward[1] = 0; // active without reward(): may not
    o.lastShare[0] = 0.99; // both lost share
    o.lastShare[1] = 0.99;
    o.rewardCutPpm[0] = 100_000;
    o.rewardCutPpm[1] = 100_000;
    closeOrchestratorRound(o, ledger, counters, 1, active, cfg, terms, rng, LPT_PRICE_ETH);
    expect(o.rewardCutPpm[0]).toBe(90_000);
    expect(o.rewardCutPpm[1]).toBe(100_000);
    o.lastShare[0] = 0.01; // gained share
    o.calledReward[0] = 1;
    closeOrchestratorRound(o, ledger, counters, 2, active, cfg, terms, rng, LPT_PRICE_ETH);
    expect(o.rewardCutPpm[0]).toBe(100_000);
  });

  it('enter from candidates when the expected return on hardware clears the hurdle, and not when it falls just short', () => {
    for (const [factor, enters] of [
      [1.01, true],
      [0.99, false],
    ] as const) {
      const { cfg, ledger, o, rng, counters, terms } = marketSide({ entryHurdleAnnual: 0.3, hardwareCapitalEth: 8, feeShareMean: 0, exitAfterRounds: 1e6 });
      // perRound = maxSessions x netFeeEvPerSession - fixed - reward gas, set so that perRound x rounds/yr / capital = factor x hurdle.
      const perRound = (factor * 0.3 * 8) / terms.roundsPerYear;
      o.netFeeEvPerSession = (perRound + terms.fixedEthPerRound + terms.rewardGasEth) / o.maxSessions;
      o.netPixelsPerSession = 0;
      const liquidBefore = ledger.liquid;
      closeOrchestratorRound(o, ledger, counters, 1, 0n, cfg, terms, rng, LPT_PRICE_ETH);
      expect(o.status[2], `factor ${factor}`).toBe(enters ? ORCH_REGISTERED : ORCH_OFF);
      expect(counters.entries).toBe(enters ? 1 : 0);
      expect(ledger.liquid).toBe(enters ? liquidBefore - o.self[2]! : liquidBefore);
    }
  });
});

/** One shard's holders (two), and a public state with orchestrators 0 and 1 active. */
function holderSide(over: Partial<LivepeerConfig> = {}) {
  const cfg = smallConfig({ delegators: 2, orchestrators: 2, orchestratorCandidates: 0, yieldNoise: 0, consideration: 1, liquidityNeedProb: 0, ...over });
  const h = createHolders(cfg, shardContext(9, 0, 1));
  h.lptPriceEth = LPT_PRICE_ETH;
  const hc = h.population.columns;
  for (let i = 0; i < 2; i++) {
    hc.state[i] = LIQUID;
    hc.everBonded[i] = 0;
    hc.delegate[i] = -1;
  }
  const crfExact = new Float64Array(4);
  splitPair(INITIAL_CUMULATIVE_FACTOR, crfExact, 0, FACTOR_PAIR);
  splitPair(INITIAL_CUMULATIVE_FACTOR, crfExact, 2, FACTOR_PAIR);
  const pub: LivepeerPublic = {
    round: 10,
    inflationPpb: 500_000,
    supplyLpt: 30e6,
    activeStakeLpt: 15e6,
    treasuryCut: 0.1,
    orchStatus: Uint8Array.of(ORCH_ACTIVE, ORCH_ACTIVE),
    // Orchestrator 0 holds no stake, so a stake-weighted draw always considers orchestrator 1.
    orchStakeLpt: Float64Array.of(0, 15e6),
    orchPriceWei: Float64Array.of(1000, 1000),
    orchRewardCut: Float64Array.of(0.1, 0.1),
    orchFeeShare: Float64Array.of(0.5, 0.5),
    orchPerfScore: Float64Array.of(1, 1),
    orchCrf: Float64Array.of(1, 1),
    orchCrfExact: crfExact,
    orchRewardRate: Float64Array.of(1, 1),
    orchFeePerStakeEth: Float64Array.of(0, 0),
    assignedOrch: [],
    assignedPriceWei: [],
    portEvents: [],
    investorSlotSelfLpt: new Float64Array(0),
    investorSlotIncomeEth: new Float64Array(0),
    firstInvestorSlot: 2,
  };
  return { cfg, h, hc, pub };
}

const withRewardCut = (pub: LivepeerPublic, rc: [number, number]): LivepeerPublic => ({ ...pub, orchRewardCut: Float64Array.from(rc) });

describe('token holders', () => {
  it('bond their whole balance when the best yield they see clears their hurdle, and stay liquid when it falls just short', () => {
    for (const [factor, bonds] of [
      [0.999, true],
      [1.001, false],
    ] as const) {
      const { h, hc, pub } = holderSide();
      readPublicState(h, pub);
      hc.hurdleAnnual[0] = expectedYield(h, pub, 1) * factor;
      reviewHolder(h, 0, pub);
      expect(hc.state[0], `hurdle x ${factor}`).toBe(bonds ? BONDED : LIQUID);
      const amount = BigInt(hc.amountHi[0]!) * 10n ** 12n + BigInt(hc.amountLo[0]!);
      expect(h.poolDelta[1]).toBe(bonds ? amount : 0n);
      expect(h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]).toBe(bonds ? amount : 0n);
      expect(h.ledgerDelta[LEDGER_FIRST_BONDED]).toBe(bonds ? amount : 0n);
    }
  });

  it('move to another orchestrator only when it pays at least switchMargin more a year', () => {
    for (const [extra, moves] of [
      [1.05, true],
      [0.95, false],
    ] as const) {
      const { h, hc, pub: base } = holderSide({ switchMargin: 0.02 });
      bondTo(h, 0, 0);
      hc.hurdleAnnual[0] = 0.01;
      // Orchestrator 0 keeps half of rewards; find the rewardCut of orchestrator 1 that pays `extra` x switchMargin more.
      let pub = withRewardCut(base, [0.5, 0.5]);
      readPublicState(h, pub);
      const y0 = expectedYield(h, pub, 0);
      let lo = 0,
        hi = 0.5;
      for (let k = 0; k < 100; k++) {
        const mid = (lo + hi) / 2;
        if (expectedYield(h, withRewardCut(base, [0.5, mid]), 1) > y0 + extra * 0.02) lo = mid;
        else hi = mid;
      }
      pub = withRewardCut(base, [0.5, lo]);
      expect(expectedYield(h, pub, 1) - y0).toBeCloseTo(extra * 0.02, 9);
      reviewHolder(h, 0, pub);
      expect(hc.delegate[0], `yield gap ${extra} x switchMargin`).toBe(moves ? 1 : 0);
      expect(h.poolDelta[0]! < 0n).toBe(moves);
      expect(h.poolDelta[0]! + h.poolDelta[1]!).toBe(0n);
    }
  });

  it('unbond when no orchestrator clears their hurdle, locking the stake until round + unbondingPeriodRounds', () => {
    const { h, hc, pub } = holderSide({ unbondingPeriodRounds: 7 });
    readPublicState(h, pub);
    bondTo(h, 0, 1);
    hc.hurdleAnnual[0] = 10; // 1000 % a year
    reviewHolder(h, 0, pub);
    expect(hc.state[0]).toBe(UNBONDING);
    expect(hc.withdrawRound[0]).toBe(pub.round + 7);
    expect(h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! > 0n).toBe(true);
    expect(h.poolDelta[1]).toBe(-h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]!);
  });
});

/** Makes holder i bonded to orchestrator o since the factor the shard has for it. */
function bondTo(h: Holders, i: number, o: number): void {
  const hc = h.population.columns;
  hc.state[i] = BONDED;
  hc.everBonded[i] = 1;
  hc.delegate[i] = o;
  hc.crfStart[i] = h.crfIndex[o]!;
}
