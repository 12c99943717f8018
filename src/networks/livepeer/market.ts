import { ExactIntegerSum } from '../../engine/exact-integer-sum.ts';
import { addPairs, getPair, readPair, splitPair } from '../../engine/fixed-point-pairs.ts';
import type { Market, MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { zipfCumulative } from '../../engine/zipf.ts';
import { gini, hhi, nakamotoCoefficient } from '../../stats/index.ts';
import { BONDED, type HolderAtStart, holderHoldingAtStart, LIQUID, UNBONDING } from './initial-state.ts';
import { FACTOR_PAIR, toLpt, WEI_PAIR, WEI_PER_MICRO_LPT } from './lpt-amounts.ts';
import {
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  type LivepeerOrders,
  type LivepeerPublic,
  ORCH_ACTIVE,
  ORCH_OFF,
  ORCH_REGISTERED,
} from './messages.ts';
import type { LivepeerMetricName } from './metrics.ts';
import type { LivepeerConfig } from './params.ts';
import {
  bondingRate,
  createReward,
  delegatorCumulativeStake,
  INITIAL_CUMULATIVE_FACTOR,
  LIVEPEER_MAINNET,
  mintableTokens,
  nextCumulativeRewardFactor,
  nextInflation,
  PERC_DIVISOR,
  roundsPerYear,
  splitReward,
  topNByStake,
  treasuryCutRateNextRound,
} from './protocol.ts';
import type { LivepeerShard } from './shard.ts';
import { type TicketTerms, ticketTerms } from './tickets.ts';

const fracToPpm = (x: number): number => Math.min(1_000_000, Math.max(0, Math.round(x * 1e6)));

/** Totals of the LPT ledger, all in wei. */
export interface LedgerTotals {
  readonly supply: bigint;
  readonly initialSupply: bigint;
  readonly minted: bigint;
  /** Σ orchestrator pool stakes (active or not), including never-claimed rounding dust. */
  readonly bonded: bigint;
  readonly unbonding: bigint;
  readonly liquid: bigint;
  readonly treasury: bigint;
}

export interface LivepeerHooks {
  /** Called after each round has been initialised and its rewards minted. */
  onRound?: (market: LivepeerMarket) => void;
}

/**
 * The shards a model built on this thread, by run seed and shard index: what LivepeerMarket.recomputeTotals recounts
 * the holders' accounts from (tests, with every shard on one thread).
 */
export type LivepeerShardRegistry = Map<number, LivepeerShard[]>;

/**
 * The Livepeer market: the LPT ledger's totals (bigint wei, the contracts' fixed point) — supply, treasury, every
 * pool's total stake, bonded / unbonding / liquid — orchestrators (few, so they live here, self-stake included) and
 * their decisions, session matching of streams, fee settlement, and the per-round protocol (initializeRound: active
 * set, inflation, mintable; reward(); unbonding locks). Each token holder's own account lives in the shard that owns
 * the holder: the shard computes its claims exactly from the published cumulative reward factors and posts the
 * exact wei its actions move, so the market's work per action is a few bigint additions.
 */
export class LivepeerMarket implements Market<LivepeerOrders, LivepeerPublic> {
  readonly cfg: LivepeerConfig;
  readonly nOrch: number;
  readonly nHolders: number;
  private readonly shards: number;
  private readonly seed: number;
  private readonly registry: LivepeerShardRegistry | undefined;
  private readonly rng: RandomStream;
  private readonly hooks: LivepeerHooks;
  private readonly tickets: TicketTerms;
  private readonly roundS: number;
  private readonly rpy: number;
  private readonly alpha: number;
  private readonly gasPriceEth: number;
  private readonly cap: number;

  // ---- ledger (wei) ----
  supply = 0n;
  initialSupply = 0n;
  minted = 0n;
  treasury = 0n;
  bondedTotal = 0n;
  unbondingTotal = 0n;
  liquidTotal = 0n;
  private neverBondedLiquid = 0n;

  // ---- holders (totals only: accounts live in the shards) ----
  /** Holders' unbonding locks by the round they mature in: total wei. */
  private readonly holderLocks = new Map<number, bigint>();
  /** Orchestrators' self-stake unbonding locks by round. */
  private readonly orchLocks = new Map<number, number[]>();
  private windowsCleared = 0;
  private actions = 0;

  // ---- orchestrators ----
  readonly oStatus: Uint8Array;
  readonly oActive: Uint8Array;
  readonly oTotalStake: bigint[];
  readonly oCrf: bigint[];
  private readonly oCrfSeen: bigint[];
  private readonly oCrfPair: Float64Array;
  readonly oSelfState: Uint8Array;
  readonly oSelf: bigint[];
  readonly oSelfCrfStart: bigint[];
  readonly oRewardCutPpm: Int32Array;
  readonly oFeeSharePpm: Int32Array;
  readonly oPriceWei: Float64Array;
  readonly oCostWei: Float64Array;
  readonly oPerf: Float64Array;
  readonly oHurdle: Float64Array;
  private readonly oSessEnd: Float64Array;
  // per-round accumulators
  private readonly oBusyS: Float64Array;
  private readonly oPixels: Float64Array;
  private readonly oFeeEvWei: Float64Array;
  private readonly oFeeWonEth: Float64Array;
  private readonly oRedeemGasEth: Float64Array;
  private readonly oCalledReward: Uint8Array;
  private readonly oCommissionLpt: Float64Array;
  private readonly oSelfGainLpt: Float64Array;
  /** Per clear: the share of each pool that is the orchestrator's own bonded stake (for its part of the fees). */
  private readonly feeSelfShare: Float64Array;
  /** toLpt(oTotalStake[j]) for the stake it was last computed from (clear and publish read it every window). */
  private readonly stakeLptOf: bigint[];
  private readonly stakeLptCache: Float64Array;
  /** Per clear: the shards' pool deltas summed exactly as pairs of doubles (src/engine/fixed-point-pairs.ts), then added once as bigints. */
  private readonly poolAcc: Float64Array;
  // smoothed signals and state of decisions
  private readonly oRewardRate: Float64Array;
  private readonly oFeePerStakeEth: Float64Array;
  private readonly oProfitEwma: Float64Array;
  private readonly oLossRounds: Int32Array;
  private readonly oLastShare: Float64Array;
  private netFeeEvPerSession = 0;
  private netPixelsPerSession = 0;

  // ---- rounds ----
  round = 0;
  inflation: bigint;
  private readonly inflationChange: bigint;
  private readonly targetBondingRate: bigint;
  mintable = 0n;
  mintedThisRound = 0n;
  treasuryRate: bigint;
  private nextTreasuryRate: bigint;
  activeStake = 0n;
  bondingRatePpb = 0n;
  /** Rounds initialised so far (round 0 included). */
  roundsElapsed = 0;

  // ---- metrics ----
  private delegatorIndex = 1;
  private orchestratorIndex = 1;
  private feesEth = 0;
  private rewardToStakersLpt = 0;
  private served = 0;
  private rejected = 0;
  private priceSum = 0;
  private priceCount = 0;
  private orchIncomeEth = 0;
  private orchCapitalRounds = 0;
  private entries = 0;
  private exits = 0;
  private activeRounds = 0;
  private missedRewards = 0;

  constructor(cfg: LivepeerConfig, ctx: RunContext, hooks: LivepeerHooks = {}, registry?: LivepeerShardRegistry) {
    this.cfg = cfg;
    this.hooks = hooks;
    this.shards = ctx.shards;
    this.seed = ctx.seed;
    this.registry = registry;
    this.rng = ctx.stream('orchestrators');
    this.tickets = ticketTerms(cfg);
    this.roundS = cfg.roundLengthHours * 3600;
    this.rpy = roundsPerYear(this.roundS);
    this.alpha = 1 / cfg.memoryRounds;
    this.gasPriceEth = cfg.gasPriceGwei * 1e-9;
    this.cap = cfg.maxSessions;
    this.nOrch = cfg.orchestrators + cfg.orchestratorCandidates;
    this.nHolders = cfg.delegators;
    const O = this.nOrch;
    const N = this.nHolders;
    this.inflation = BigInt(cfg.initialInflation);
    this.inflationChange = BigInt(cfg.inflationChange);
    this.targetBondingRate = BigInt(Math.round(cfg.targetBondingRate * 1e9));
    this.treasuryRate = BigInt(Math.round(cfg.treasuryRewardCut * 1e9)) * 10n ** 18n;
    this.nextTreasuryRate = this.treasuryRate;

    this.oStatus = new Uint8Array(O);
    this.oActive = new Uint8Array(O);
    this.oTotalStake = new Array<bigint>(O).fill(0n);
    this.oCrf = new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR);
    this.oCrfSeen = new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR);
    this.oCrfPair = new Float64Array(2 * O);
    for (let j = 0; j < O; j++) splitPair(INITIAL_CUMULATIVE_FACTOR, this.oCrfPair, 2 * j, FACTOR_PAIR);
    this.oSelfState = new Uint8Array(O);
    this.oSelf = new Array<bigint>(O).fill(0n);
    this.oSelfCrfStart = new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR);
    this.oRewardCutPpm = new Int32Array(O);
    this.oFeeSharePpm = new Int32Array(O);
    this.oPriceWei = new Float64Array(O);
    this.oCostWei = new Float64Array(O);
    this.oPerf = new Float64Array(O);
    this.oHurdle = new Float64Array(O);
    this.oSessEnd = new Float64Array(O * this.cap);
    this.oBusyS = new Float64Array(O);
    this.oPixels = new Float64Array(O);
    this.oFeeEvWei = new Float64Array(O);
    this.oFeeWonEth = new Float64Array(O);
    this.oRedeemGasEth = new Float64Array(O);
    this.oCalledReward = new Uint8Array(O);
    this.oCommissionLpt = new Float64Array(O);
    this.oSelfGainLpt = new Float64Array(O);
    this.feeSelfShare = new Float64Array(O);
    this.stakeLptOf = new Array<bigint>(O).fill(0n);
    this.stakeLptCache = new Float64Array(O);
    this.poolAcc = new Float64Array(2 * O);
    this.oRewardRate = new Float64Array(O).fill(1);
    this.oFeePerStakeEth = new Float64Array(O);
    this.oProfitEwma = new Float64Array(O);
    this.oLossRounds = new Int32Array(O);
    this.oLastShare = new Float64Array(O);

    const r = this.rng;
    const selfMeanLpt = O > 0 ? (cfg.initialSupplyLpt * cfg.orchestratorStakeShare) / O : 0;
    for (let j = 0; j < O; j++) {
      const sg = cfg.holdingSigma;
      const selfWei = BigInt(Math.max(1, Math.round(selfMeanLpt * Math.exp(sg * r.normal() - (sg * sg) / 2) * 1e6))) * WEI_PER_MICRO_LPT;
      this.oSelf[j] = selfWei;
      this.supply += selfWei;
      this.oCostWei[j] = cfg.costPerPixelWei * Math.exp(cfg.costSigma * r.normal());
      this.oPriceWei[j] = Math.max(1, Math.round(this.oCostWei[j]! * cfg.priceMarkup * Math.exp(0.2 * r.normal())));
      this.oRewardCutPpm[j] = fracToPpm(r.next() * Math.min(1, 2 * cfg.rewardCutMean));
      this.oFeeSharePpm[j] = fracToPpm(cfg.feeShareMean / 2 + r.next() * (Math.min(1, 1.5 * cfg.feeShareMean) - cfg.feeShareMean / 2));
      this.oPerf[j] = 0.5 + 0.5 * r.next();
      this.oHurdle[j] = cfg.entryHurdleAnnual >= 0 ? cfg.entryHurdleAnnual * Math.exp(cfg.hurdleSigma * r.normal()) : cfg.entryHurdleAnnual;
      if (j < cfg.orchestrators) {
        this.oStatus[j] = ORCH_REGISTERED;
        this.oSelfState[j] = BONDED;
        this.oTotalStake[j] = selfWei;
        this.bondedTotal += selfWei;
      } else {
        this.oSelfState[j] = LIQUID;
        this.liquidTotal += selfWei;
      }
    }

    // Opening totals of the holders' accounts (which the shards build from the same pure function), summed
    // exactly in micro-LPT without keeping anything per holder.
    const zipf = zipfCumulative(Math.max(1, cfg.orchestrators), cfg.stakeZipf);
    const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
    const pools = Array.from({ length: Math.max(1, cfg.orchestrators) }, () => new ExactIntegerSum());
    const liquid = new ExactIntegerSum();
    for (let i = 0; i < N; i++) {
      holderHoldingAtStart(cfg, ctx.seed, i, zipf, h);
      if (h.state === BONDED) pools[h.delegate]!.add(h.microLpt);
      else liquid.add(h.microLpt);
    }
    for (let j = 0; j < cfg.orchestrators; j++) {
      const amount = pools[j]!.total() * WEI_PER_MICRO_LPT;
      this.oTotalStake[j] = this.oTotalStake[j]! + amount;
      this.bondedTotal += amount;
      this.supply += amount;
    }
    const liquidWei = liquid.total() * WEI_PER_MICRO_LPT;
    this.liquidTotal += liquidWei;
    this.neverBondedLiquid = liquidWei;
    this.supply += liquidWei;
    this.treasury = BigInt(Math.round(cfg.initialTreasuryLpt * 1e6)) * WEI_PER_MICRO_LPT;
    this.supply += this.treasury;
    this.initialSupply = this.supply;
    // The run starts at the beginning of round 0, whose inflation (initialInflation) is already set.
    this.startRound(0, false);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Market interface
  // ------------------------------------------------------------------------------------------------------------

  initialPublic(): LivepeerPublic {
    return this.publish(
      new Array(this.shards).fill(null).map(() => new Int32Array(0)),
      new Array(this.shards).fill(null).map(() => new Float64Array(0)),
    );
  }

  clear(orders: readonly LivepeerOrders[], window: Window): LivepeerPublic {
    this.windowsCleared++;
    for (let j = 0; j < this.nOrch; j++) {
      const stake = this.stakeLpt(j);
      this.feeSelfShare[j] = stake > 0 && this.oSelfState[j] === BONDED ? toLpt(this.oSelf[j]!) / stake : 0;
    }
    for (const o of orders) this.settleFees(o);
    this.applyActions(orders);
    const { assigned, prices } = this.matchStreams(orders);
    // Rounds whose start falls in (from, to] begin at this window's end.
    for (;;) {
      const next = this.round + 1;
      if (next * this.roundS > window.to + 1e-6) break;
      this.startRound(next, true);
    }
    return this.publish(assigned, prices);
  }

  sample(_t: number): MetricValues {
    const activeStakes: number[] = [];
    let priceSum = 0;
    for (let j = 0; j < this.nOrch; j++)
      if (this.oActive[j]) {
        activeStakes.push(toLpt(this.oTotalStake[j]!));
        priceSum += this.oPriceWei[j]!;
      }
    const n = this.roundsElapsed;
    const ann = (x: number) => (n > 0 && x > 0 ? x ** (this.rpy / n) - 1 : 0);
    const supplyInfl = ann(Number((this.supply * 1_000_000_000n) / this.initialSupply) / 1e9);
    const dy = ann(this.delegatorIndex);
    const oy = ann(this.orchestratorIndex);
    const pricePerPixel = this.priceCount > 0 ? this.priceSum / this.priceCount : activeStakes.length > 0 ? priceSum / activeStakes.length : 0;
    this.priceSum = 0;
    this.priceCount = 0;
    const feeValue = this.feesEth + this.rewardToStakersLpt * this.cfg.lptPriceEth;
    const m: Record<LivepeerMetricName, number> = {
      bonding_rate: Number(this.bondingRatePpb) / 1e9,
      inflation: Number(this.inflation),
      supply_lpt: toLpt(this.supply),
      supply_inflation_annual: supplyInfl,
      delegator_yield_annual: dy,
      delegator_real_yield_annual: (1 + dy) / (1 + supplyInfl) - 1,
      orchestrator_yield_annual: oy,
      orchestrator_real_yield_annual: (1 + oy) / (1 + supplyInfl) - 1,
      orchestrator_roi_annual: this.orchCapitalRounds > 0 ? (this.orchIncomeEth / this.orchCapitalRounds) * this.rpy : 0,
      passive_holder_share: Number((this.neverBondedLiquid * 1_000_000_000n) / this.supply) / 1e9,
      passive_holder_loss_annual: 1 - 1 / (1 + supplyInfl),
      fees_eth: this.feesEth,
      fee_share_of_income: feeValue > 0 ? this.feesEth / feeValue : 0,
      streams_served: this.served,
      streams_rejected: this.rejected,
      price_per_pixel: pricePerPixel,
      active_orchestrators: activeStakes.length,
      stake_gini: gini(activeStakes),
      stake_hhi: hhi(activeStakes),
      nakamoto_coefficient: nakamotoCoefficient(activeStakes),
      treasury_lpt: toLpt(this.treasury),
      orchestrator_entries: this.entries,
      orchestrator_exits: this.exits,
      reward_calls_missed: this.activeRounds > 0 ? this.missedRewards / this.activeRounds : 0,
    };
    return m;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Ledger checks (tests)
  // ------------------------------------------------------------------------------------------------------------

  /** The running totals. */
  totals(): LedgerTotals {
    return {
      supply: this.supply,
      initialSupply: this.initialSupply,
      minted: this.minted,
      bonded: this.bondedTotal,
      unbonding: this.unbondingTotal,
      liquid: this.liquidTotal,
      treasury: this.treasury,
    };
  }

  /**
   * The same totals recomputed from every account — the holders' from their shards (all of this run's shards must
   * have been built on this thread, with the registry; before the first window, from the holders' state at t = 0) —
   * and checks that no pool owes more than it holds.
   */
  recomputeTotals(): LedgerTotals {
    let bonded = 0n,
      unbonding = 0n,
      liquid = 0n;
    const claims = new Array<bigint>(this.nOrch).fill(0n);
    if (this.windowsCleared === 0) {
      const zipf = zipfCumulative(Math.max(1, this.cfg.orchestrators), this.cfg.stakeZipf);
      const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
      for (let i = 0; i < this.nHolders; i++) {
        holderHoldingAtStart(this.cfg, this.seed, i, zipf, h);
        const amount = BigInt(h.microLpt) * WEI_PER_MICRO_LPT;
        if (h.state === BONDED) claims[h.delegate] = claims[h.delegate]! + amount;
        else liquid += amount;
      }
    } else {
      const shards = this.localShards();
      if (!shards) {
        throw new Error('livepeer ledger: recomputeTotals needs every shard of the run on this thread (model registry)');
      }
      const crf = this.oCrf;
      let n = 0;
      for (const sh of shards) {
        const hs = sh.holders;
        const hc = hs.population.columns;
        n += hs.population.size;
        for (let i = 0; i < hs.population.size; i++) {
          const amount = getPair(hs.amounts, i, WEI_PAIR);
          const state = hc.state[i];
          // A lock that has reached its withdraw round was withdrawn by the market at that round's start.
          if (state === LIQUID || (state === UNBONDING && hc.withdrawRound[i]! <= this.round)) liquid += amount;
          else if (state === UNBONDING) unbonding += amount;
          else {
            const d = hc.delegate[i]!;
            claims[d] = claims[d]! + delegatorCumulativeStake(amount, hs.crfTable[hc.crfStart[i]!]!, crf[d]!);
          }
        }
      }
      if (n !== this.nHolders) throw new Error(`livepeer ledger: the shards hold ${n} holders, not ${this.nHolders}`);
    }
    for (let j = 0; j < this.nOrch; j++) {
      bonded += this.oTotalStake[j]!;
      const s = this.oSelfState[j];
      if (s === LIQUID) liquid += this.oSelf[j]!;
      else if (s === UNBONDING) unbonding += this.oSelf[j]!;
      else claims[j] = claims[j]! + delegatorCumulativeStake(this.oSelf[j]!, this.oSelfCrfStart[j]!, this.oCrf[j]!);
      if (claims[j]! > this.oTotalStake[j]!) throw new Error(`livepeer ledger: pool ${j} owes ${claims[j]} wei but holds ${this.oTotalStake[j]}`);
    }
    return { supply: this.supply, initialSupply: this.initialSupply, minted: this.minted, bonded, unbonding, liquid, treasury: this.treasury };
  }

  /** This run's shards, when every one of them was built on this thread with the registry (tests); else undefined. */
  localShards(): readonly LivepeerShard[] | undefined {
    const shards = this.registry?.get(this.seed);
    if (!shards || shards.length !== this.shards) return undefined;
    for (let k = 0; k < this.shards; k++) if (shards[k] === undefined) return undefined;
    return shards;
  }

  /** Windows cleared and delegator actions applied so far. */
  activity(): { windows: number; actions: number } {
    return { windows: this.windowsCleared, actions: this.actions };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Orders
  // ------------------------------------------------------------------------------------------------------------

  private stakeLpt(j: number): number {
    const w = this.oTotalStake[j]!;
    if (w !== this.stakeLptOf[j]) {
      this.stakeLptOf[j] = w;
      this.stakeLptCache[j] = toLpt(w);
    }
    return this.stakeLptCache[j]!;
  }

  /**
   * A shard's delegator actions, as the exact wei they move (the shard owns the accounts and computed each claim):
   * pool totals, bonded / unbonding / liquid totals, and one unbonding lock for the window's unbonds, which mature
   * together at round + unbondingPeriod (BondingManager.unbondWithHint).
   */
  private applyActions(orders: readonly LivepeerOrders[]): void {
    const acc = this.poolAcc;
    const O = this.nOrch;
    let toBonded = 0n,
      toUnbonding = 0n,
      firstBonded = 0n;
    for (const o of orders) {
      this.actions += o.actCounts[1]! + o.actCounts[2]! + o.actCounts[3]!;
      const d = o.poolDelta;
      if (d.length !== 2 * O) throw new Error(`livepeer: shard ${o.shard} posted ${d.length / 2} pool deltas for ${O} pools`);
      addPairs(acc, d, 2 * O);
      if (o.poolDeltaBig)
        for (let k = 0; k < o.poolDeltaBig.length; k += 2) {
          const j = Number(o.poolDeltaBig[k]);
          if (!(j >= 0 && j < O)) throw new Error(`livepeer: shard ${o.shard} moved stake of unknown pool ${j}`);
          this.oTotalStake[j] = this.oTotalStake[j]! + BigInt(o.poolDeltaBig[k + 1]!);
        }
      const l = o.ledgerWei;
      const lb = o.ledgerBig;
      const b = lb ? BigInt(lb[LEDGER_LIQUID_TO_BONDED]!) : readPair(l, 2 * LEDGER_LIQUID_TO_BONDED, WEI_PAIR);
      const u = lb ? BigInt(lb[LEDGER_BONDED_TO_UNBONDING]!) : readPair(l, 2 * LEDGER_BONDED_TO_UNBONDING, WEI_PAIR);
      const f = lb ? BigInt(lb[LEDGER_FIRST_BONDED]!) : readPair(l, 2 * LEDGER_FIRST_BONDED, WEI_PAIR);
      if (b < 0n || u < 0n || f < 0n || f > b) throw new Error(`livepeer ledger: shard ${o.shard} posted inconsistent ledger moves`);
      toBonded += b;
      toUnbonding += u;
      firstBonded += f;
    }
    let poolSum = 0n;
    for (let j = 0; j < O; j++) {
      const hi = acc[2 * j]!,
        lo = acc[2 * j + 1]!;
      if (hi === 0 && lo === 0) continue;
      const d = BigInt(hi) * WEI_PER_MICRO_LPT + BigInt(lo);
      acc[2 * j] = 0;
      acc[2 * j + 1] = 0;
      this.oTotalStake[j] = this.oTotalStake[j]! + d;
      poolSum += d;
    }
    for (const o of orders) if (o.poolDeltaBig) for (let k = 0; k < o.poolDeltaBig.length; k += 2) poolSum += BigInt(o.poolDeltaBig[k + 1]!);
    for (let j = 0; j < O; j++) if (this.oTotalStake[j]! < 0n) throw new Error(`livepeer ledger: delegators took more stake than pool ${j} holds`);
    if (poolSum !== toBonded - toUnbonding) throw new Error("livepeer ledger: the pools' stake moved by other amounts than the holders' balances");
    this.liquidTotal -= toBonded;
    this.neverBondedLiquid -= firstBonded;
    this.bondedTotal += toBonded - toUnbonding;
    this.unbondingTotal += toUnbonding;
    if (this.liquidTotal < 0n || this.neverBondedLiquid < 0n) throw new Error('livepeer ledger: holders bonded more than is liquid');
    if (toUnbonding > 0n) this.addHolderLock(this.round + this.cfg.unbondingPeriodRounds, toUnbonding);
  }

  private addHolderLock(round: number, amount: bigint): void {
    if (round <= this.round) {
      this.unbondingTotal -= amount;
      this.liquidTotal += amount;
      return;
    }
    this.holderLocks.set(round, (this.holderLocks.get(round) ?? 0n) + amount);
  }

  /** Registers an orchestrator's unbonding lock; one already withdrawable (unbondingPeriod 0) is withdrawn at once. */
  private addLock(round: number, j: number): void {
    if (round <= this.round) {
      this.withdraw(j);
      return;
    }
    const list = this.orchLocks.get(round);
    if (list) list.push(j);
    else this.orchLocks.set(round, [j]);
  }

  /** Winning tickets are redeemed: fees (ETH) split by feeShare; the orchestrator pays the redemption gas. */
  private settleFees(o: LivepeerOrders): void {
    const face = this.tickets.faceValueEth;
    const redeemGasEth = Number(LIVEPEER_MAINNET.redeemGas) * this.gasPriceEth;
    for (let j = 0; j < this.nOrch; j++) {
      const wins = o.winningTickets[j]!;
      const ev = o.ticketEvWei[j]!;
      if (wins === 0 && ev === 0) continue;
      const fees = wins * face;
      const share = this.oFeeSharePpm[j]! / 1e6;
      const selfShare = this.feeSelfShare[j]!;
      this.feesEth += fees;
      this.oFeeWonEth[j]! += fees * (1 - share) + fees * share * selfShare;
      this.oFeeEvWei[j]! += ev;
      this.oRedeemGasEth[j]! += wins * redeemGasEth;
    }
  }

  /**
   * Session matching: every shard's requests merged in (time, shard, sequence) order, each tried at its candidates
   * in order; a candidate takes it if one of its maxSessions sessions has ended by the arrival time (go-livepeer
   * core/orchestrator.go refuses with ErrOrchCap when all are busy). A request nobody takes is rejected. This is a
   * loss system, so with one orchestrator the rejected fraction is Erlang-B.
   */
  private matchStreams(orders: readonly LivepeerOrders[]): { assigned: Int32Array[]; prices: Float64Array[] } {
    const K = orders.length;
    const C = this.cfg.candidatesPerStream;
    const cap = this.cap;
    const assigned = new Array<Int32Array>(K);
    const prices = new Array<Float64Array>(K);
    const times = new Array<Float64Array>(K);
    const durations = new Array<Float64Array>(K);
    const pixelsPerS = new Array<Float64Array>(K);
    const candidates = new Array<Int32Array>(K);
    const head = new Float64Array(K); // each shard's next request time (Infinity when done)
    const pos = new Int32Array(K);
    for (let s = 0; s < K; s++) {
      const t = orders[s]!.streamTime;
      times[s] = t;
      durations[s] = orders[s]!.streamDurationS;
      pixelsPerS[s] = orders[s]!.streamPixelsPerS;
      candidates[s] = orders[s]!.streamCandidates;
      assigned[s] = new Int32Array(t.length).fill(-1);
      prices[s] = new Float64Array(t.length);
      head[s] = t.length > 0 ? t[0]! : Infinity;
    }
    const active = this.oActive;
    const sessEnd = this.oSessEnd;
    const priceWei = this.oPriceWei;
    const busy = this.oBusyS;
    const pixels = this.oPixels;
    let served = 0,
      rejected = 0,
      priceSum = 0;
    for (;;) {
      // The earliest head; ties go to the lower shard index (strict <), as (time, shard, sequence) order requires.
      let k = -1;
      let tBest = Infinity;
      for (let s = 0; s < K; s++)
        if (head[s]! < tBest) {
          tBest = head[s]!;
          k = s;
        }
      if (k < 0) break;
      const p = pos[k]!++;
      const tk = times[k]!;
      head[k] = p + 1 < tk.length ? tk[p + 1]! : Infinity;
      const duration = durations[k]![p]!;
      const cands = candidates[k]!;
      let servedBy = -1;
      for (let c = 0; c < C; c++) {
        const j = cands[p * C + c]!;
        if (j < 0 || !active[j]) continue;
        const base = j * cap;
        for (let x = base; x < base + cap; x++) {
          if (sessEnd[x]! <= tBest) {
            sessEnd[x] = tBest + duration;
            servedBy = j;
            break;
          }
        }
        if (servedBy >= 0) break;
      }
      if (servedBy >= 0) {
        const j = servedBy;
        const price = priceWei[j]!;
        assigned[k]![p] = j;
        prices[k]![p] = price;
        busy[j] = busy[j]! + duration;
        pixels[j] = pixels[j]! + pixelsPerS[k]![p]! * duration;
        priceSum += price;
        served++;
      } else rejected++;
    }
    // Sums kept in the same order as before (one addition per stream), so the floating-point results do not change.
    this.served += served;
    this.rejected += rejected;
    this.priceCount += served;
    this.priceSum += priceSum;
    return { assigned, prices };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Rounds
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Round r begins: decisions closing round r-1 (orchestrator prices, commission, exits, entries), then
   * initializeRound (matured unbonding locks withdraw, treasury rate, active set, currentRoundTotalActiveStake,
   * Minter.setInflation and mintable tokens), then the reward() calls of round r.
   */
  private startRound(r: number, adjustInflation: boolean): void {
    this.round = r;
    const held = this.holderLocks.get(r);
    if (held !== undefined) {
      this.holderLocks.delete(r);
      this.unbondingTotal -= held;
      this.liquidTotal += held;
    }
    const list = this.orchLocks.get(r);
    if (list) {
      this.orchLocks.delete(r);
      for (const j of list) this.withdraw(j);
    }
    if (r > 0) this.closeRound();
    this.treasuryRate = this.nextTreasuryRate;

    // Active set: the numActiveTranscoders registered orchestrators with most stake (BondingManager transcoderPool).
    const ids: number[] = [];
    const stakes: bigint[] = [];
    for (let j = 0; j < this.nOrch; j++)
      if (this.oStatus[j] !== ORCH_OFF) {
        ids.push(j);
        stakes.push(this.oTotalStake[j]!);
      }
    const top = topNByStake(ids, stakes, this.cfg.numActiveTranscoders);
    this.oActive.fill(0);
    let active = 0n;
    for (const j of top) {
      this.oActive[j] = 1;
      active += this.oTotalStake[j]!;
    }
    this.activeStake = active;

    // Minter.setCurrentRewardTokens → setInflation.
    this.bondingRatePpb = bondingRate(active, this.supply);
    if (adjustInflation) this.inflation = nextInflation(this.inflation, this.bondingRatePpb, this.targetBondingRate, this.inflationChange);
    this.mintable = mintableTokens(this.supply, this.inflation);
    this.mintedThisRound = 0n;

    this.rewardCalls();
    this.roundsElapsed++;
    this.hooks.onRound?.(this);
  }

  private withdraw(j: number): void {
    if (this.oSelfState[j] !== UNBONDING) return;
    this.oSelfState[j] = LIQUID;
    this.unbondingTotal -= this.oSelf[j]!;
    this.liquidTotal += this.oSelf[j]!;
  }

  /**
   * Each active orchestrator calls reward() when its own gain (commission plus its self-stake's share, at lptPriceEth)
   * exceeds the gas, unless it misses the round (rewardMissProb). Minting follows Minter.createReward and
   * BondingManager.updateTranscoderWithRewards exactly; the orchestrator claims its own earnings every round.
   */
  private rewardCalls(): void {
    let delegatedBefore = 0;
    let delegatedAfter = 0;
    let selfBefore = 0;
    let selfAfter = 0;
    const rewardGasEth = this.cfg.rewardGas * this.gasPriceEth;
    for (let j = 0; j < this.nOrch; j++) {
      this.oCalledReward[j] = 0;
      const stake = this.oTotalStake[j]!;
      const selfBonded = this.oSelfState[j] === BONDED;
      const self = selfBonded ? this.oSelf[j]! : 0n;
      const deleg = toLpt(stake - self);
      delegatedBefore += deleg;
      if (selfBonded && this.oStatus[j] !== ORCH_OFF) selfBefore += toLpt(self);
      if (!this.oActive[j] || this.activeStake === 0n) {
        delegatedAfter += deleg;
        if (selfBonded && this.oStatus[j] !== ORCH_OFF) selfAfter += toLpt(self);
        continue;
      }
      this.activeRounds++;
      // Expected gain for the decision (floating point).
      const expR = (toLpt(this.mintable) * toLpt(stake)) / toLpt(this.activeStake);
      const net = expR * (1 - Number(this.treasuryRate / 10n ** 18n) / 1e9);
      const rc = this.oRewardCutPpm[j]! / 1e6;
      const stakeLpt = toLpt(stake);
      const ownLpt = net * rc + (stakeLpt > 0 ? (net * (1 - rc) * toLpt(self)) / stakeLpt : 0);
      const pays = ownLpt * this.cfg.lptPriceEth > rewardGasEth;
      if (!pays || this.rng.next() < this.cfg.rewardMissProb) {
        this.missedRewards++;
        delegatedAfter += deleg;
        selfAfter += toLpt(self);
        continue;
      }
      const R = createReward(this.mintable, this.mintedThisRound, stake, this.activeStake);
      this.mintedThisRound += R;
      this.minted += R;
      this.supply += R;
      this.nextTreasuryRate = treasuryCutRateNextRound(
        this.treasury,
        BigInt(Math.round(this.cfg.treasuryCeilingLpt * 1e6)) * WEI_PER_MICRO_LPT,
        this.nextTreasuryRate,
      );
      const split = splitReward(R, this.treasuryRate, BigInt(this.oRewardCutPpm[j]!));
      this.treasury += split.treasury;
      const toPool = R - split.treasury;
      const crfNew = nextCumulativeRewardFactor(this.oCrf[j]!, split.delegatorPool, stake);
      this.oCrf[j] = crfNew;
      this.oTotalStake[j] = stake + toPool;
      this.bondedTotal += toPool;
      const selfNew = delegatorCumulativeStake(self, this.oSelfCrfStart[j]!, crfNew) + split.orchestratorCommission;
      this.oSelf[j] = selfNew;
      this.oSelfCrfStart[j] = crfNew;
      this.oCalledReward[j] = 1;
      this.oCommissionLpt[j] = toLpt(split.orchestratorCommission) * (stakeLpt > 0 ? 1 - toLpt(self) / stakeLpt : 1);
      this.oSelfGainLpt[j] = toLpt(selfNew - self);
      this.orchIncomeEth -= rewardGasEth;
      this.rewardToStakersLpt += toLpt(toPool);
      delegatedAfter += toLpt(stake + toPool - selfNew);
      selfAfter += toLpt(selfNew);
    }
    if (delegatedBefore > 0) this.delegatorIndex *= delegatedAfter / delegatedBefore;
    if (selfBefore > 0) this.orchestratorIndex *= selfAfter / selfBefore;
  }

  /**
   * The end of a round for each orchestrator: it books the round's income and costs, smooths its operating profit,
   * re-prices from its utilisation, moves its rewardCut with its share of stake, leaves after `exitAfterRounds` of
   * smoothed loss; candidates consider entering from the network's published fee and load figures.
   */
  private closeRound(): void {
    const cfg = this.cfg;
    const a = this.alpha;
    const fixedEth = cfg.fixedCostEthPerDay * (this.roundS / 86_400);
    const rewardGasEth = cfg.rewardGas * this.gasPriceEth;
    let sessions = 0;
    let feeEv = 0;
    let pixels = 0;
    for (let j = 0; j < this.nOrch; j++) {
      const registered = this.oStatus[j] !== ORCH_OFF;
      const stake = toLpt(this.oTotalStake[j]!);
      const selfLpt = this.oSelfState[j] === BONDED ? toLpt(this.oSelf[j]!) : 0;
      const share = this.oFeeSharePpm[j]! / 1e6;
      const feeEvEth = this.oFeeEvWei[j]! / 1e18;
      if (this.oActive[j]) {
        sessions += this.cap;
        feeEv += feeEvEth;
        pixels += this.oPixels[j]!;
      }
      this.oFeePerStakeEth[j] = (1 - a) * this.oFeePerStakeEth[j]! + (stake > 0 ? (a * feeEvEth * share) / stake : 0);
      if (this.oActive[j]) this.oRewardRate[j] = (1 - a) * this.oRewardRate[j]! + a * this.oCalledReward[j]!;
      if (registered) {
        const pixelCostEth = (this.oPixels[j]! * this.oCostWei[j]!) / 1e18;
        const gas = (this.oCalledReward[j] ? rewardGasEth : 0) + this.oRedeemGasEth[j]!;
        const operating = feeEvEth * (1 - share) + this.oCommissionLpt[j]! * cfg.lptPriceEth - pixelCostEth - fixedEth - gas;
        this.oProfitEwma[j] = (1 - a) * this.oProfitEwma[j]! + a * operating;
        this.oLossRounds[j] = this.oProfitEwma[j]! < 0 ? this.oLossRounds[j]! + 1 : 0;
        // Realised income for ROI (fees actually won; LPT earned at lptPriceEth).
        this.orchIncomeEth += this.oFeeWonEth[j]! + this.oSelfGainLpt[j]! * cfg.lptPriceEth - pixelCostEth - fixedEth - this.oRedeemGasEth[j]!;
        this.orchCapitalRounds += selfLpt * cfg.lptPriceEth + cfg.hardwareCapitalEth;
        // Price: up when busier than the target, down (not below cost plus margin) when idler.
        const util = this.oBusyS[j]! / (this.cap * this.roundS);
        let price = this.oPriceWei[j]!;
        if (util > cfg.targetUtilization) price *= 1 + cfg.priceStep;
        else if (util < cfg.targetUtilization) price *= 1 - cfg.priceStep;
        this.oPriceWei[j] = Math.max(1, Math.round(Math.max(price, this.oCostWei[j]! * (1 + cfg.minMargin))));
        // Commission: only when allowed (after reward() this round, or outside the active set).
        const poolShare = this.activeStake > 0n ? stake / toLpt(this.activeStake) : 0;
        if (this.oCalledReward[j] || !this.oActive[j]) {
          const step = Math.round(cfg.commissionStep * Number(PERC_DIVISOR));
          if (poolShare < this.oLastShare[j]!) this.oRewardCutPpm[j] = Math.max(0, this.oRewardCutPpm[j]! - step);
          else if (poolShare > this.oLastShare[j]!) this.oRewardCutPpm[j] = Math.min(1_000_000, this.oRewardCutPpm[j]! + step);
        }
        this.oLastShare[j] = poolShare;
        if (this.oLossRounds[j]! >= cfg.exitAfterRounds) this.exit(j);
      }
      this.oBusyS[j] = 0;
      this.oPixels[j] = 0;
      this.oFeeEvWei[j] = 0;
      this.oFeeWonEth[j] = 0;
      this.oRedeemGasEth[j] = 0;
      this.oCommissionLpt[j] = 0;
      this.oSelfGainLpt[j] = 0;
    }
    if (sessions > 0) {
      this.netFeeEvPerSession = (1 - a) * this.netFeeEvPerSession + (a * feeEv) / sessions;
      this.netPixelsPerSession = (1 - a) * this.netPixelsPerSession + (a * pixels) / sessions;
    }
    this.considerEntries(fixedEth, rewardGasEth);
  }

  private exit(j: number): void {
    this.oStatus[j] = ORCH_OFF;
    this.exits++;
    if (this.oSelfState[j] !== BONDED) return;
    const self = delegatorCumulativeStake(this.oSelf[j]!, this.oSelfCrfStart[j]!, this.oCrf[j]!);
    this.oTotalStake[j] = this.oTotalStake[j]! - self;
    this.oSelf[j] = self;
    this.bondedTotal -= self;
    this.unbondingTotal += self;
    this.oSelfState[j] = UNBONDING;
    this.addLock(this.round + this.cfg.unbondingPeriodRounds, j);
  }

  /**
   * A candidate (not registered, self-stake liquid) reviews now and then (every orchestratorReviewRounds on average):
   * its expected operating return is the network's smoothed fee EV per session times its maxSessions, net of its
   * feeShare and its own transcoding cost, less fixed cost and gas; it enters when that return on its hardware
   * capital clears its hurdle and its stake would place it in the active set.
   */
  private considerEntries(fixedEth: number, rewardGasEth: number): void {
    const cfg = this.cfg;
    let nRegistered = 0;
    let lowest = Infinity;
    for (let j = 0; j < this.nOrch; j++) {
      if (this.oStatus[j] === ORCH_OFF) continue;
      nRegistered++;
      if (this.oActive[j]) lowest = Math.min(lowest, toLpt(this.oTotalStake[j]!));
    }
    for (let j = 0; j < this.nOrch; j++) {
      if (this.oStatus[j] !== ORCH_OFF || this.oSelfState[j] !== LIQUID) continue;
      if (this.rng.next() >= 1 / cfg.orchestratorReviewRounds) continue;
      const selfLpt = toLpt(this.oSelf[j]!);
      const poolLpt = selfLpt + toLpt(this.oTotalStake[j]!);
      if (nRegistered >= cfg.numActiveTranscoders && poolLpt <= lowest) continue;
      const share = this.oFeeSharePpm[j]! / 1e6;
      const perRound = this.cap * (this.netFeeEvPerSession * (1 - share) - (this.netPixelsPerSession * this.oCostWei[j]!) / 1e18) - fixedEth - rewardGasEth;
      // The self-stake would earn inflation if delegated too, so only the hardware is capital put at risk by entering.
      const capital = cfg.hardwareCapitalEth;
      const annual = capital > 0 ? (perRound * this.rpy) / capital : perRound > 0 ? Infinity : -Infinity;
      if (!(annual > this.oHurdle[j]!)) continue;
      this.oStatus[j] = ORCH_REGISTERED;
      this.entries++;
      nRegistered++;
      const self = this.oSelf[j]!;
      this.oTotalStake[j] = this.oTotalStake[j]! + self;
      this.liquidTotal -= self;
      this.bondedTotal += self;
      this.oSelfState[j] = BONDED;
      this.oSelfCrfStart[j] = this.oCrf[j]!;
      this.oPriceWei[j] = Math.max(1, Math.round(this.oCostWei[j]! * cfg.priceMarkup));
      this.oProfitEwma[j] = perRound;
      this.oLossRounds[j] = 0;
      this.oRewardRate[j] = 1;
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Public state
  // ------------------------------------------------------------------------------------------------------------

  private publish(assigned: Int32Array[], prices: Float64Array[]): LivepeerPublic {
    const O = this.nOrch;
    const status = new Uint8Array(O);
    const stake = new Float64Array(O);
    const rc = new Float64Array(O);
    const fs = new Float64Array(O);
    const crf = new Float64Array(O);
    let big: string[] | undefined;
    for (let j = 0; j < O; j++) {
      const c = this.oCrf[j]!;
      if (this.oCrfSeen[j] !== c) {
        this.oCrfSeen[j] = c;
        splitPair(c, this.oCrfPair, 2 * j, FACTOR_PAIR);
      }
      if (Number.isNaN(this.oCrfPair[2 * j])) {
        big ??= new Array<string>(O).fill('');
        big[j] = c.toString();
      }
      status[j] = this.oStatus[j] === ORCH_OFF ? ORCH_OFF : this.oActive[j] ? ORCH_ACTIVE : ORCH_REGISTERED;
      stake[j] = this.stakeLpt(j);
      rc[j] = this.oRewardCutPpm[j]! / 1e6;
      fs[j] = this.oFeeSharePpm[j]! / 1e6;
      crf[j] = Number(this.oCrf[j]!) / 1e27;
    }
    return {
      round: this.round,
      inflationPpb: Number(this.inflation),
      supplyLpt: toLpt(this.supply),
      activeStakeLpt: toLpt(this.activeStake),
      treasuryCut: Number(this.treasuryRate / 10n ** 18n) / 1e9,
      orchStatus: status,
      orchStakeLpt: stake,
      orchPriceWei: Float64Array.from(this.oPriceWei),
      orchRewardCut: rc,
      orchFeeShare: fs,
      orchPerfScore: Float64Array.from(this.oPerf),
      orchCrf: crf,
      orchCrfExact: this.oCrfPair.slice(),
      orchCrfBig: big,
      orchRewardRate: Float64Array.from(this.oRewardRate),
      orchFeePerStakeEth: Float64Array.from(this.oFeePerStakeEth),
      assignedOrch: assigned,
      assignedPriceWei: prices,
    };
  }
}
