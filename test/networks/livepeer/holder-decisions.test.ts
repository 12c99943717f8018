import { describe, expect, it } from 'vitest';
import { getPair, setPair, splitPair } from '../../../src/engine/fixed-point-pairs.ts';
import { shardContext } from '../../../src/engine/shard-executor.ts';
import { lockMatured, reviewHolder } from '../../../src/networks/livepeer/delegator-review.ts';
import { exitProbabilityPerReview, lptToSell, observedYield, switchPays, updatedBelief } from '../../../src/networks/livepeer/delegator-rules.ts';
import { readPublicState } from '../../../src/networks/livepeer/holder-public-state.ts';
import { createHolders, type Holders, takeLedgerEffects, yieldOf } from '../../../src/networks/livepeer/holders.ts';
import { createLedger, fillPurchases } from '../../../src/networks/livepeer/ledger.ts';
import { FACTOR_PAIR, WEI_PAIR } from '../../../src/networks/livepeer/lpt.ts';
import {
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  LEDGER_LIQUID_TO_EXCHANGE,
  type LivepeerOrders,
  type LivepeerPublic,
  ORCH_ACTIVE,
} from '../../../src/networks/livepeer/messages.ts';
import type { LivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { INITIAL_CUMULATIVE_FACTOR } from '../../../src/networks/livepeer/protocol.ts';
import { smallConfig } from './helpers.ts';

/**
 * Holders' decision rules on constructed cases: each on either side of its threshold and by how much it moves the
 * holder's accounts, so a test fails if a rule moves the wrong way or by the wrong amount.
 */

const LPT = 10n ** 18n;
const PRICES = { lptUsd: 15, lptPriceEth: 0.005 };

/** A public state with orchestrators 0 and 1 active; orchestrator 0 holds no stake (a stake-weighted draw picks 1). */
function publicState(over: Partial<LivepeerPublic> = {}, crf1 = INITIAL_CUMULATIVE_FACTOR): LivepeerPublic {
  const crfExact = new Float64Array(4);
  splitPair(INITIAL_CUMULATIVE_FACTOR, crfExact, 0, FACTOR_PAIR);
  splitPair(crf1, crfExact, 2, FACTOR_PAIR);
  return {
    round: 10,
    inflationPpb: 500_000,
    supplyLpt: 30e6,
    activeStakeLpt: 15e6,
    treasuryCut: 0.1,
    orchStatus: Uint8Array.of(ORCH_ACTIVE, ORCH_ACTIVE),
    orchStakeLpt: Float64Array.of(0, 15e6),
    orchPriceWei: Float64Array.of(1000, 1000),
    orchAiPriceWei: new Float64Array(2),
    orchRewardCut: Float64Array.of(0.1, 0.1),
    orchFeeShare: Float64Array.of(0.5, 0.5),
    orchPerfScore: Float64Array.of(1, 1),
    orchCrf: Float64Array.of(1, Number(crf1) / 1e27),
    orchCrfExact: crfExact,
    orchRewardRate: Float64Array.of(1, 1),
    orchFeePerStakeEth: Float64Array.of(0, 0),
    buyFilled: [],
    assignedOrch: [],
    assignedPriceWei: [],
    portEvents: [],
    investorSlotSelfLpt: new Float64Array(0),
    investorSlotIncomeEth: new Float64Array(0),
    firstInvestorSlot: 2,
    ...over,
  };
}

/** Two holders in one shard, both liquid with 100 LPT, having read a first public state. */
function holders(over: Partial<LivepeerConfig> = {}) {
  const cfg = smallConfig({
    delegators: 2,
    orchestrators: 2,
    orchestratorCandidates: 0,
    passiveHolderFraction: 0,
    consideration: 1,
    exitProbAnnual: 0,
    ...over,
  });
  const h = createHolders(cfg, shardContext(9, 0, 1));
  const hc = h.population.columns;
  for (let i = 0; i < 2; i++) {
    setPair(h.bonded, i, 0n, WEI_PAIR);
    setPair(h.liquid, i, 100n * LPT, WEI_PAIR);
    hc.delegate[i] = -1;
    hc.everBonded[i] = 0;
  }
  h.bondedCount = 0;
  readPublicState(h, publicState(), 0, PRICES, 0);
  return { cfg, h, hc };
}

/** Holder i bonded to orchestrator o with `lpt` at the factor the shard has for o, its basis that stake. */
function bondedTo(h: Holders, i: number, o: number, lpt: bigint): void {
  const hc = h.population.columns;
  setPair(h.liquid, i, 0n, WEI_PAIR);
  setPair(h.bonded, i, lpt * LPT, WEI_PAIR);
  hc.delegate[i] = o;
  hc.everBonded[i] = 1;
  hc.crfStart[i] = h.crfIndex[o]!;
  hc.basisLpt[i] = Number(lpt);
  hc.lastStakeLpt[i] = Number(lpt);
  hc.lastReviewS[i] = 86_400; // reviewed just now: no growth observed since
  hc.sellShare[i] = 0;
}

describe('holders bonding', () => {
  it('bond their whole liquid balance when the best yield they see clears their hurdle, and stay liquid when it falls just short', () => {
    for (const [factor, bonds] of [
      [0.999, true],
      [1.001, false],
    ] as const) {
      const { h, hc } = holders();
      const pub = publicState();
      hc.hurdleAnnual[0] = yieldOf(h, pub, 1) * factor;
      reviewHolder(h, 0, pub, 86_400);
      expect(hc.delegate[0], `hurdle x ${factor}`).toBe(bonds ? 1 : -1);
      const moved = bonds ? 100n * LPT : 0n;
      expect(h.poolDelta[1]).toBe(moved);
      expect(h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]).toBe(moved);
      expect(h.ledgerDelta[LEDGER_FIRST_BONDED]).toBe(moved);
      expect(getPair(h.liquid, 0, WEI_PAIR)).toBe(100n * LPT - moved);
    }
  });
});

describe('delegators moving', () => {
  it('move only when the extra yield over the horizon beats the gas of the bond and the round’s reward', () => {
    // 1000 LPT at 40 %/yr, 412 rounds a year: a round's reward is 1000 x (1.4^(1/412) - 1) = 0.8170 LPT; gas 0.1 LPT.
    const round = 1000 * (1.4 ** (1 / 412) - 1);
    const gap = ((round + 0.1) / 1000) * (365.25 / 90); // the yield gap at which the gain over 90 days equals the cost
    expect(switchPays(1000, 0.4, 0.4 + gap * 1.001, 90, 0.1, 412)).toBe(true);
    expect(switchPays(1000, 0.4, 0.4 + gap * 0.999, 90, 0.1, 412)).toBe(false);
    // A small holder pays the same gas: the same gap does not pay it.
    expect(switchPays(10, 0.4, 0.4 + gap * 1.001, 90, 0.1, 412)).toBe(false);
  });

  it('a delegator whose orchestrator pays well below another moves all its stake at once; one at the best stays', () => {
    for (const [ownCut, moves] of [
      [0.5, true],
      [0.1, false],
    ] as const) {
      const { h, hc } = holders({ switchHorizonDays: 90 });
      const pub = publicState({ orchRewardCut: Float64Array.of(ownCut, 0.1), orchStakeLpt: Float64Array.of(1, 15e6) });
      readPublicState(h, pub, 0, PRICES, 0);
      bondedTo(h, 0, 0, 1000n);
      hc.beliefYield[0] = yieldOf(h, pub, 0);
      hc.hurdleAnnual[0] = 0.01;
      reviewHolder(h, 0, pub, 86_400);
      expect(hc.delegate[0], `own rewardCut ${ownCut}`).toBe(moves ? 1 : 0);
      expect(h.poolDelta[1]).toBe(moves ? 1000n * LPT : 0n);
      expect(h.poolDelta[0]! + h.poolDelta[1]!).toBe(0n);
    }
  });
});

describe('holders selling', () => {
  it('sell their share of the rewards since their last sale: unbonded now, sold to the exchange when the lock is withdrawn', () => {
    const { h, hc } = holders({ unbondingPeriodRounds: 7, takeProfitRate: 0 });
    bondedTo(h, 0, 1, 1000n);
    hc.sellShare[0] = 0.4;
    hc.hurdleAnnual[0] = 0;
    // The pool's factor grows 5 %: the stake is 1050 LPT, 50 of them rewards; 40 % of them is 20 LPT.
    const pub = publicState({}, (INITIAL_CUMULATIVE_FACTOR * 105n) / 100n);
    readPublicState(h, pub, 0, PRICES, 0);
    reviewHolder(h, 0, pub, 86_400);
    expect(h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]).toBe(20n * LPT);
    expect(getPair(h.bonded, 0, WEI_PAIR)).toBe(1030n * LPT);
    expect(hc.withdrawRound[0]).toBe(pub.round + 7);
    expect(hc.basisLpt[0]).toBe(1030);
    expect(lockMatured(h, 0, { ...pub, round: pub.round + 6 })).toBe(false);
    expect(lockMatured(h, 0, { ...pub, round: pub.round + 7 })).toBe(true);
    expect(h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE]).toBe(20n * LPT);
    expect(getPair(h.liquid, 0, WEI_PAIR)).toBe(0n);
  });

  it('sell more when the price is above their reference: takeProfitRate x ln(price / reference) of what is left', () => {
    expect(lptToSell(1050, 1000, 0.4, 1, 0.5)).toBeCloseTo(20, 12);
    expect(lptToSell(1050, 1000, 0.4, 1.5, 0.5)).toBeCloseTo(20 + 0.5 * Math.log(1.5) * 1030, 9);
    expect(lptToSell(1050, 1000, 0.4, 0.8, 0.5)).toBeCloseTo(20, 12);
    expect(lptToSell(1050, 1000, 0.4, 100, 0.5)).toBe(1050);
  });

  it('leave, keeping their LPT, when neither their own orchestrator nor the best they see clears their hurdle', () => {
    const { h, hc } = holders({ unbondingPeriodRounds: 7 });
    bondedTo(h, 0, 1, 1000n);
    hc.hurdleAnnual[0] = 10;
    hc.beliefYield[0] = 0.3;
    const pub = publicState();
    reviewHolder(h, 0, pub, 86_400);
    expect(h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]).toBe(1000n * LPT);
    expect(hc.delegate[0]).toBe(-1);
    lockMatured(h, 0, { ...pub, round: pub.round + 7 });
    expect(getPair(h.liquid, 0, WEI_PAIR)).toBe(1000n * LPT);
    expect(h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE]).toBe(0n);
  });

  it('exit for need of cash with the yearly probability spread over their reviews, and sell everything', () => {
    expect(exitProbabilityPerReview(0.33, 365.25)).toBeCloseTo(0.33, 12);
    expect(exitProbabilityPerReview(0.33, 365.25 / 2)).toBeCloseTo(1 - Math.sqrt(0.67), 12);
    const { h, hc } = holders({ exitProbAnnual: 1 });
    bondedTo(h, 0, 1, 1000n);
    const pub = publicState();
    reviewHolder(h, 0, pub, 86_400);
    expect(h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]).toBe(1000n * LPT);
    lockMatured(h, 0, { ...pub, round: pub.round + 7 });
    expect(h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE]).toBe(1000n * LPT);
    expect(hc.out[0]).toBe(1);
  });
});

describe('holders buying back in', () => {
  it('buy the dollars they held at t = 0 in LPT at today’s price when the yield clears their hurdle, and bond what is filled', () => {
    const { h, hc } = holders();
    const pub = publicState();
    setPair(h.liquid, 0, 0n, WEI_PAIR);
    hc.out[0] = 1;
    hc.sizeUsd[0] = 3000;
    hc.hurdleAnnual[0] = 0;
    reviewHolder(h, 0, pub, 86_400);
    const orders = takeLedgerEffects(h, 2);
    // $3000 at $15: 200 LPT, in whole micro-LPT (pairs of micro-LPT and wei).
    expect(Array.from(orders.buyWei)).toEqual([200_000_000, 0]);
    // The exchange holds 150 LPT: the order fills that far.
    const ledger = createLedger(2, 1);
    ledger.exchange = 150n * LPT;
    const fills = fillPurchases(ledger, [{ shard: 0, buyWei: orders.buyWei } as unknown as LivepeerOrders], 1);
    expect(ledger.exchange).toBe(0n);
    expect(ledger.liquid).toBe(150n * LPT);
    readPublicState(h, { ...pub, buyFilled: fills }, 0, PRICES, 3600);
    expect(getPair(h.bonded, 0, WEI_PAIR)).toBe(150n * LPT);
    expect(hc.delegate[0]).toBe(1);
    expect(hc.out[0]).toBe(0);
  });
});

describe('delegators’ memory', () => {
  it('move their belief toward the yield their own stake showed, by 1 - exp(-days / memory)', () => {
    expect(observedYield(1000, 1010, 365.25)).toBeCloseTo(0.01, 12);
    expect(observedYield(1000, 1010, 365.25 / 2)).toBeCloseTo(1.01 ** 2 - 1, 12);
    expect(updatedBelief(0.3, 0.1, 90, 90)).toBeCloseTo(0.3 - 0.2 * (1 - Math.exp(-1)), 12);
    expect(updatedBelief(0.3, 0.1, 0, 90)).toBe(0.3);
  });
});
