import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeSetAfter,
  bondingRate,
  ContractRevertError,
  createReward,
  delegatorCumulativeFees,
  delegatorCumulativeStake,
  feePerSegmentWei,
  INITIAL_CUMULATIVE_FACTOR,
  LIVEPEER_MAINNET,
  LPT,
  MAX_WIN_PROB,
  MINTER_PERC_DIVISOR,
  mintableTokens,
  nextCumulativeFeeFactor,
  nextCumulativeRewardFactor,
  nextInflation,
  PERC_DIVISOR,
  PIXEL_ESTIMATE_MULTIPLIER,
  PRECISE_PERC_DIVISOR,
  poolAfterStakeChange,
  roundsPerYear,
  segmentOutPixels,
  splitFees,
  splitReward,
  TWO_POW_256,
  ticketEvRatio,
  ticketParams,
  ticketsForFee,
  topNByStake,
  treasuryCutRateNextRound,
} from '../../../src/networks/livepeer/protocol.ts';

// Sources: livepeer/protocol @ f225b10c62ce (test/unit/*.js, contracts/test/*.sol) and
// livepeer/go-livepeer @ 176aa415ccea (*_test.go). "Derived" = computed by hand from the cited formula.

const uint = (max: bigint) => fc.bigInt({ min: 0n, max });

describe('constants', () => {
  it('match the libraries and the arbitrumMainnet deployment', () => {
    expect(MINTER_PERC_DIVISOR).toBe(1_000_000_000n);
    expect(PERC_DIVISOR).toBe(1_000_000n);
    expect(PRECISE_PERC_DIVISOR).toBe(10n ** 27n);
    expect(LPT).toBe(10n ** 18n);
    expect(TWO_POW_256).toBe(2n ** 256n);
    // deployments/arbitrumMainnet/Minter.json args: [controller, "220500", "500", "500000000"]
    expect(LIVEPEER_MAINNET.inflation).toBe(220500n);
    expect(LIVEPEER_MAINNET.inflationChange).toBe(500n);
    expect(LIVEPEER_MAINNET.targetBondingRate).toBe(500000000n);
    // deploy/migrations.config.ts arbitrumMainnet: 750k LPT ceiling, 10 % treasury cut in 1e27
    expect(LIVEPEER_MAINNET.treasuryBalanceCeiling).toBe(750_000_000_000_000_000_000_000n);
    // LIP-83: roundLength 6377 L1 blocks of 12 s since October 2022
    expect(LIVEPEER_MAINNET.roundLengthBlocks).toBe(6377);
    expect(LIVEPEER_MAINNET.roundLengthS).toBe(76_524);
    expect(Object.isFrozen(LIVEPEER_MAINNET)).toBe(true);
  });

  it('reads pixelEstimateMultiplier as the exact double 1.02, as big.Rat.SetFloat64 does', () => {
    // 1.02 as an IEEE double is 4593671619917906 / 2^52.
    expect(PIXEL_ESTIMATE_MULTIPLIER).toEqual({ num: 2296835809958953n, den: 2n ** 51n });
  });
});

describe('rounds', () => {
  it('gives about 412.4 rounds a year for 6377-block rounds', () => {
    // PROTOCOLS.md §1.1: "≈412.4 rounds/yr" [DERIVED]: 365.25 x 86400 / (6377 x 12) = 412.388
    expect(roundsPerYear(LIVEPEER_MAINNET.roundLengthS)).toBeCloseTo(412.3883, 4);
  });
});

describe('Minter (test/unit/Minter.js)', () => {
  // "should set currentMintableTokens and inflation correctly for different inflationChange values"
  const supply = 21645383016495782629665363n;
  const target = 500_000_000n; // 50 * PERC_MULTIPLIER
  const bonded = (supply * 510_000_000n) / MINTER_PERC_DIVISOR; // 51 % of supply, as the test builds it

  it('cuts inflation 455000 to 452000 with inflationChange 3000 at a 51 % bonding rate', () => {
    const rate = bondingRate(bonded, supply);
    expect(rate).toBeGreaterThan(target);
    expect(nextInflation(455_000n, rate, target, 3_000n)).toBe(452_000n);
  });

  it('cuts inflation 455000 to 454500 with inflationChange 500', () => {
    expect(nextInflation(455_000n, bondingRate(bonded, supply), target, 500n)).toBe(454_500n);
  });

  it('mints more per round with the smaller inflationChange (derived values)', () => {
    // derived: floor(S * 452000 / 1e9) and floor(S * 454500 / 1e9), PROTOCOLS.md §1.5
    const m1 = mintableTokens(supply, 452_000n);
    const m2 = mintableTokens(supply, 454_500n);
    expect(m1).toBe(9783713123456093748608n);
    expect(m2).toBe(9837826580997333205182n);
    expect(m2).toBeGreaterThan(m1);
  });

  // setCurrentRewardTokens tests: supply 1000, INFLATION = 26 * 1e7, target 50 %
  const inflation = 260_000_000n;
  const change = 200_000n; // INFLATION_CHANGE = 0.02 * PERC_MULTIPLIER

  it('raises inflation by inflationChange when bonded 400 of 1000', () => {
    expect(nextInflation(inflation, bondingRate(400n, 1000n), target, change)).toBe(inflation + change);
  });

  it('lowers inflation by inflationChange when bonded 600 of 1000', () => {
    expect(nextInflation(inflation, bondingRate(600n, 1000n), target, change)).toBe(inflation - change);
  });

  it('keeps inflation when bonded 500 of 1000 (rate equals target)', () => {
    expect(bondingRate(500n, 1000n)).toBe(target);
    expect(nextInflation(inflation, bondingRate(500n, 1000n), target, change)).toBe(inflation);
  });

  it('sets inflation to 0 when inflationChange (INFLATION + 1) exceeds inflation above target', () => {
    expect(nextInflation(inflation, bondingRate(600n, 1000n), target, inflation + 1n)).toBe(0n);
  });

  it('raises inflation when supply is 0 (bonding rate 0)', () => {
    expect(bondingRate(0n, 0n)).toBe(0n);
    expect(nextInflation(inflation, bondingRate(0n, 0n), target, change)).toBe(inflation + change);
  });

  it('counts l1CirculatingSupply: 600 bonded of 1000 + 300 is below target', () => {
    expect(bondingRate(600n, 1000n)).toBeGreaterThan(target);
    expect(bondingRate(600n, 1300n)).toBe(461_538_461n); // derived: floor(600e9 / 1300)
    expect(nextInflation(inflation, bondingRate(600n, 1300n), target, change)).toBe(inflation + change);
  });

  it('sets mintable tokens from global supply 1000 + 200 (derived: floor(1200 * 260200000 / 1e9) = 312)', () => {
    // bonding 500/1200 < target, so the inflation first rises to 260200000
    const inf = nextInflation(inflation, bondingRate(500n, 1200n), target, change);
    expect(mintableTokens(1200n, inf)).toBe(312n);
  });

  // createReward tests: supply 1000, totalBonded 0 → inflation 260200000, mintable 260 (derived)
  const mintable = mintableTokens(1000n, nextInflation(inflation, bondingRate(0n, 1000n), target, change));

  it('mints floor(260 * floor(10e9/100) / 1e9) = 26 for fraction 10/100', () => {
    expect(mintable).toBe(260n);
    expect(createReward(mintable, 0n, 10n, 100n)).toBe(26n);
  });

  it('mints the whole 260 for fraction 1 and 78 over calls 10/100 then 20/100', () => {
    expect(createReward(mintable, 0n, 100n, 100n)).toBe(260n);
    const a = createReward(mintable, 0n, 10n, 100n);
    const b = createReward(mintable, a, 20n, 100n);
    expect(a + b).toBe(78n);
  });

  it('computes fraction 1 for a 1e46 numerator and denominator without overflow', () => {
    const big = 10n ** 46n;
    expect(createReward(mintable, 0n, big, big)).toBe(mintable);
  });

  it('reverts once everything mintable this round has been minted', () => {
    const all = createReward(mintable, 0n, 100n, 100n);
    expect(() => createReward(mintable, all, 10n, 100n)).toThrow(ContractRevertError);
    expect(() => createReward(mintable, all, 10n, 100n)).toThrow('minted tokens cannot exceed mintable tokens');
  });
});

describe('reward split (test/unit/BondingManager.js "reward")', () => {
  it('splits 1000 with rewardCut 50 % and no treasury into 500 / 500', () => {
    expect(splitReward(1000n, 0n, 500_000n)).toEqual({ treasury: 0n, orchestratorCommission: 500n, delegatorPool: 500n });
  });

  it('takes the 6.31 % treasury cut first: 63 to the treasury, 937 staked, 469 to the pool', () => {
    const cut = (631n * PRECISE_PERC_DIVISOR) / 10000n; // math.precise.percPoints(631, 10000)
    expect(splitReward(1000n, cut, 500_000n)).toEqual({ treasury: 63n, orchestratorCommission: 468n, delegatorPool: 469n });
  });

  it('sets the reward factor to 1e27 + percPoints(469, 1000) after the treasury cut', () => {
    expect(nextCumulativeRewardFactor(0n, 469n, 1000n)).toBe(PRECISE_PERC_DIVISOR + (469n * PRECISE_PERC_DIVISOR) / 1000n);
  });

  it('sets the reward factor to 1e27 + percPoints(500, 1000) without a treasury cut', () => {
    expect(nextCumulativeRewardFactor(0n, 500n, 1000n)).toBe(1_500_000_000_000_000_000_000_000_000n);
  });

  it('halts the treasury cut next round at or above the ceiling, not below it', () => {
    const cut = (631n * PRECISE_PERC_DIVISOR) / 10000n;
    expect(treasuryCutRateNextRound(990n, 1000n, cut)).toBe(cut); // "under the limit"
    expect(treasuryCutRateNextRound(1000n, 1000n, cut)).toBe(0n); // "when at limit"
    expect(treasuryCutRateNextRound(1500n, 1000n, cut)).toBe(0n); // "when above limit"
    expect(treasuryCutRateNextRound(1500n, 0n, cut)).toBe(cut); // ceiling 0 disables the rule
  });
});

describe('fees (test/unit/BondingManager.js "updateTranscoderWithFees")', () => {
  it('sets cumulativeFeeFactor 375000000000000000000000000 and cumulativeFees 625', () => {
    // round 101: stake 1000, reward 1000 at rewardCut 50 % → crf 1.5e27, cumulativeRewards 500, stake 2000.
    // round 102: fees 1000 at feeShare 50 %.
    const crf101 = nextCumulativeRewardFactor(0n, 500n, 1000n);
    const fees = splitFees(1000n, 500_000n);
    expect(fees).toEqual({ delegators: 500n, orchestrator: 500n });
    expect(nextCumulativeFeeFactor(0n, crf101, fees.delegators, 2000n)).toBe(375000000000000000000000000n);
    // (cumulativeFees 625 adds the orchestrator's share of the pool for its unclaimed rewards, 125: the model's
    // orchestrators claim every round, so they have none; orchestrators.ts claimSelf.)
  });
});

describe('EarningsPoolLIP36 (contracts/test/TestEarningsPoolLIP36.sol, stake 1000)', () => {
  it('sets the fee factor to percPoints(1000, 1000), then doubles it (no previous pool)', () => {
    const f1 = nextCumulativeFeeFactor(0n, 0n, 1000n, 1000n);
    expect(f1).toBe(PRECISE_PERC_DIVISOR);
    expect(nextCumulativeFeeFactor(f1, 0n, 1000n, 1000n)).toBe(2n * PRECISE_PERC_DIVISOR);
  });

  it('adds percOf(3, 200, 1000) = 0 to a previous fee factor of 2', () => {
    expect(nextCumulativeFeeFactor(2n, 3n, 200n, 1000n)).toBe(2n);
  });

  it('compounds the reward factor: 1e27 → 2e27 → 4e27 with rewards 1000 on stake 1000', () => {
    const r1 = nextCumulativeRewardFactor(0n, 1000n, 1000n);
    expect(r1).toBe(2n * INITIAL_CUMULATIVE_FACTOR);
    expect(nextCumulativeRewardFactor(r1, 1000n, 1000n)).toBe(4n * INITIAL_CUMULATIVE_FACTOR);
  });

  it('gives delegator fees 10 with zeroed factors, 10 with no growth, 1510 when cff goes 3 → 6 at crf 2', () => {
    expect(delegatorCumulativeFees(1000n, 10n, 0n, 0n, 0n)).toBe(10n);
    expect(delegatorCumulativeFees(1000n, 10n, 2n, 3n, 3n)).toBe(10n);
    expect(delegatorCumulativeFees(1000n, 10n, 2n, 3n, 6n)).toBe(1510n);
  });

  it('gives delegator stake 1000 with zeroed factors, 1000 at crf 4 → 4, 2500 at crf 4 → 10', () => {
    expect(delegatorCumulativeStake(1000n, 0n, 0n)).toBe(1000n);
    expect(delegatorCumulativeStake(1000n, 4n, 4n)).toBe(1000n);
    expect(delegatorCumulativeStake(1000n, 4n, 10n)).toBe(2500n);
  });

  it('gives stake 3000 and fees 610 for factors (2, 5) → (5, 15)', () => {
    expect(delegatorCumulativeStake(1000n, 5n, 15n)).toBe(3000n);
    expect(delegatorCumulativeFees(1000n, 10n, 5n, 2n, 5n)).toBe(610n);
  });

  it('reverts when the end fee factor is below the start', () => {
    expect(() => delegatorCumulativeFees(1000n, 0n, 1n, 5n, 4n)).toThrow(ContractRevertError);
  });
});

describe('pendingStake (test/unit/BondingManager.js "pendingStake")', () => {
  it('gives 1000 + 250 + 208 over two 50 %-cut rewards of 1000 on pool stakes 2000 then 3000', () => {
    const crf100 = nextCumulativeRewardFactor(0n, splitReward(1000n, 0n, 500_000n).delegatorPool, 2000n);
    const crf101 = nextCumulativeRewardFactor(crf100, splitReward(1000n, 0n, 500_000n).delegatorPool, 3000n);
    expect(delegatorCumulativeStake(1000n, 0n, crf101)).toBe(1000n + 250n + 208n);
  });
});

describe('active set (BondingManager.tryToJoinActiveSet)', () => {
  const pool = [
    { id: 1, stake: 300n },
    { id: 2, stake: 200n },
    { id: 3, stake: 100n },
  ];

  it('admits a candidate into a pool that is not full, in stake order', () => {
    const r = activeSetAfter(pool, { id: 4, stake: 150n }, 4);
    expect(r.joined).toBe(true);
    expect(r.evicted).toBeNull();
    expect(r.pool.map((m) => m.id)).toEqual([1, 2, 4, 3]);
  });

  it('evicts the last member of a full pool for a candidate with more stake', () => {
    const r = activeSetAfter(pool, { id: 4, stake: 101n }, 3);
    expect(r.evicted).toEqual({ id: 3, stake: 100n });
    expect(r.pool.map((m) => m.id)).toEqual([1, 2, 4]);
  });

  it('keeps the incumbent on a tie (stake <= lastStake does not join)', () => {
    const r = activeSetAfter(pool, { id: 4, stake: 100n }, 3);
    expect(r.joined).toBe(false);
    expect(r.pool).toBe(pool);
  });

  it('inserts ahead of equal stakes, so the older of two equal members is evicted first', () => {
    const r1 = activeSetAfter([{ id: 1, stake: 100n }], { id: 2, stake: 100n }, 2);
    expect(r1.pool.map((m) => m.id)).toEqual([2, 1]);
    const r2 = activeSetAfter(r1.pool, { id: 3, stake: 101n }, 2);
    expect(r2.evicted?.id).toBe(1);
  });

  it('reverts "key is zero" for a zero-stake candidate in a pool with room', () => {
    expect(() => activeSetAfter(pool, { id: 4, stake: 0n }, 4)).toThrow('key is zero');
  });

  it('re-sorts a member whose stake changes and drops it at stake 0 (SortedDoublyLL.updateKey)', () => {
    expect(poolAfterStakeChange(pool, 3, 250n).map((m) => m.id)).toEqual([1, 3, 2]);
    expect(poolAfterStakeChange(pool, 1, 0n).map((m) => m.id)).toEqual([2, 3]);
  });

  it('recomputes a top-n set with ties broken by ascending id, skipping zero stake', () => {
    expect(topNByStake([5, 4, 3, 2, 1], [10n, 20n, 20n, 0n, 5n], 3)).toEqual([3, 4, 5]);
    expect(topNByStake([5, 4, 3, 2, 1], [10n, 20n, 20n, 0n, 5n], 10)).toEqual([3, 4, 5, 1]);
  });
});

describe('tickets (go-livepeer pm/recipient_test.go TestTicketParams: EV 5, redeemGas 10000, multiplier 100)', () => {
  const base = { evWei: 5n, redeemGas: 10_000n, txCostMultiplier: 100n };

  it('gives faceValue 1e8 and the test winProb at gas price 100', () => {
    const p = ticketParams({ ...base, gasPriceWei: 100n, maxFloatWei: 10_000_000_000n });
    expect(p).toEqual({
      faceValue: 100_000_000n,
      winProb: 5789604461865809771178549250434395392663499233282028201972879200395660n,
    });
  });

  it('gives faceValue 777000000 and the test winProb at gas price 777', () => {
    const p = ticketParams({ ...base, gasPriceWei: 777n, maxFloatWei: 10_000_000_000n });
    expect(p).toEqual({
      faceValue: 777_000_000n,
      winProb: 745122839364969082519761808292714979750772102095499125093034646125570n,
    });
  });

  it('caps faceValue at a max float of 10001', () => {
    const p = ticketParams({ ...base, gasPriceWei: 1n, maxFloatWei: 10_001n });
    expect(p).toEqual({
      faceValue: 10_001n,
      winProb: 57890255593098787833002192285115442382396752657554526567072084795477017120n,
    });
  });

  it('refuses when the max float is below EV (errInsufficientSenderReserve)', () => {
    expect(ticketParams({ ...base, gasPriceWei: 1n, maxFloatWei: 4n })).toBeNull();
  });

  it('accepts a faceValue below txCost but at least txCost at the 3 gwei average, refuses below both', () => {
    const gasPriceWei = 3_000_000_001n;
    const txCostAvg = 10_000n * 3_000_000_000n;
    expect(ticketParams({ ...base, gasPriceWei, maxFloatWei: 10_000n * gasPriceWei - 1n })).not.toBeNull();
    expect(ticketParams({ ...base, gasPriceWei, maxFloatWei: txCostAvg })).not.toBeNull();
    expect(ticketParams({ ...base, gasPriceWei, maxFloatWei: txCostAvg - 1n })).toBeNull();
  });

  it('uses EV * 100 when txCost * multiplier is below EV, and winProb 2^256-1 when faceValue = EV', () => {
    expect(ticketParams({ ...base, gasPriceWei: 0n })?.faceValue).toBe(500n);
    expect(ticketParams({ ...base, gasPriceWei: 0n, maxFloatWei: 5n, avgGasPriceWei: 0n })).toEqual({
      faceValue: 5n,
      winProb: MAX_WIN_PROB,
    });
  });

  it('gives mainnet tickets an EV within 1 wei of 8 gwei (faceValue 100 * txCost at 0.01 gwei)', () => {
    const p = ticketParams({
      evWei: LIVEPEER_MAINNET.ticketEvWei,
      gasPriceWei: 10_000_000n,
      redeemGas: LIVEPEER_MAINNET.redeemGas,
      txCostMultiplier: LIVEPEER_MAINNET.txCostMultiplier,
    });
    expect(p?.faceValue).toBe(1_200_000_000_000_000n); // derived: 1.2e6 gas * 1e7 wei * 100
    const ev = (p!.faceValue * p!.winProb) / TWO_POW_256; // MixinTicketBrokerCore.isWinningTicket: wins when < winProb
    expect(ev >= LIVEPEER_MAINNET.ticketEvWei - 1n && ev <= LIVEPEER_MAINNET.ticketEvWei + 1n).toBe(true);
  });

  it('computes the EV the broadcaster credits as faceValue * winProb / (2^256 - 1) (pm/ticket.go ticketEV)', () => {
    expect(ticketEvRatio(1000n, MAX_WIN_PROB)).toEqual({ num: 1000n, den: 1n });
  });
});

describe('fees per segment and tickets per payment', () => {
  it('counts output pixels with ceilings and 60 fps for passthrough (segment_rpc.go estimateFee)', () => {
    const pixels = segmentOutPixels(
      [
        { width: 426, height: 240, framerate: 30 },
        { width: 640, height: 360, framerate: 0 },
        { width: 1280, height: 720, framerate: 30000, framerateDen: 1001 },
      ],
      1.5,
    );
    // derived: 426*240*30*2 + 640*360*60*2 + 1280*720*30*2
    expect(pixels).toBe(6_134_400n + 27_648_000n + 55_296_000n);
  });

  it('multiplies pixels by the exact 1.02 and the price', () => {
    const fee = feePerSegmentWei(2n ** 51n, 3n);
    // The value 2296835809958953 · 3 exactly (the ratio need not be in lowest terms).
    expect(fee.num).toBe(2296835809958953n * 3n * fee.den);
  });

  it('sends ceil(fee / EV) tickets, at least one, none when credit already covers the fee (StageUpdate)', () => {
    expect(ticketsForFee(16_000_000_000n, 8_000_000_000n)).toBe(2);
    expect(ticketsForFee(16_000_000_001n, 8_000_000_000n)).toBe(3);
    expect(ticketsForFee(1n, 8_000_000_000n)).toBe(1);
    expect(ticketsForFee(10n, 8n, 10n)).toBe(0);
    expect(ticketsForFee({ num: 17n, den: 2n }, 4n, { num: 1n, den: 2n })).toBe(2);
    expect(ticketsForFee(10n, 0n)).toBe(0);
  });
});

describe('properties', () => {
  it('inflation never goes negative and moves by exactly inflationChange or to 0 or not at all', () => {
    fc.assert(
      fc.property(uint(10n ** 9n), uint(10n ** 9n), uint(10n ** 9n), uint(10n ** 9n), (inf, rate, target, change) => {
        const next = nextInflation(inf, rate, target, change);
        expect(next >= 0n).toBe(true);
        if (rate < target) expect(next - inf).toBe(change);
        else if (rate > target) expect(next === 0n || inf - next === change).toBe(true);
        else expect(next).toBe(inf);
      }),
    );
  });

  it('splitReward parts are non-negative and sum exactly to the reward', () => {
    fc.assert(
      fc.property(uint(10n ** 30n), uint(PRECISE_PERC_DIVISOR), uint(PERC_DIVISOR), (reward, cut, rewardCut) => {
        const s = splitReward(reward, cut, rewardCut);
        expect(s.treasury >= 0n && s.orchestratorCommission >= 0n && s.delegatorPool >= 0n).toBe(true);
        expect(s.treasury + s.orchestratorCommission + s.delegatorPool).toBe(reward);
      }),
    );
  });

  it('splitFees parts sum exactly to the fees', () => {
    fc.assert(
      fc.property(uint(10n ** 30n), uint(PERC_DIVISOR), (fees, share) => {
        const s = splitFees(fees, share);
        expect(s.delegators >= 0n && s.orchestrator >= 0n).toBe(true);
        expect(s.delegators + s.orchestrator).toBe(fees);
      }),
    );
  });

  it('createReward never lets the round total exceed mintable tokens', () => {
    fc.assert(
      fc.property(uint(10n ** 27n), fc.array(fc.tuple(uint(10n ** 24n), fc.bigInt({ min: 1n, max: 10n ** 24n })), { maxLength: 20 }), (mintable, fracs) => {
        let minted = 0n;
        for (const [num, den] of fracs) {
          try {
            minted += createReward(mintable, minted, num, den);
          } catch (e) {
            expect(e).toBeInstanceOf(ContractRevertError);
          }
          expect(minted <= mintable).toBe(true);
        }
      }),
    );
  });

  it("a delegator's cumulative stake is monotone non-decreasing in crfEnd", () => {
    fc.assert(
      fc.property(uint(10n ** 27n), fc.bigInt({ min: 1n, max: 10n ** 30n }), uint(10n ** 30n), uint(10n ** 29n), (stake, start, end, d) => {
        expect(delegatorCumulativeStake(stake, start, end + 1n + d) >= delegatorCumulativeStake(stake, start, end + 1n)).toBe(true);
      }),
    );
  });

  it('the reward factor never decreases', () => {
    fc.assert(
      fc.property(uint(10n ** 30n), uint(10n ** 27n), fc.bigInt({ min: 1n, max: 10n ** 27n }), (prev, rewards, stake) => {
        expect(nextCumulativeRewardFactor(prev, rewards, stake) >= (prev === 0n ? INITIAL_CUMULATIVE_FACTOR : prev)).toBe(true);
      }),
    );
  });

  it('the active set stays sorted by stake and never exceeds its maximum size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.bigInt({ min: 1n, max: 1000n })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (joins, maxSize) => {
          let pool: readonly { id: number; stake: bigint }[] = [];
          for (const [id, stake] of joins) {
            if (pool.some((m) => m.id === id)) continue;
            pool = activeSetAfter(pool, { id, stake }, maxSize).pool;
            expect(pool.length <= maxSize).toBe(true);
            for (let i = 1; i < pool.length; i++) expect(pool[i - 1]!.stake >= pool[i]!.stake).toBe(true);
          }
        },
      ),
    );
  });
});
