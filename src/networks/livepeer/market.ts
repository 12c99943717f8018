import type { Market, MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { BONDED, holderAtStart, LIQUID, UNBONDING, zipfCumulative, type HolderAtStart } from './initial-state.ts';
import { ACT_BOND, ACT_SWITCH, ACT_UNBOND, ORCH_ACTIVE, ORCH_OFF, ORCH_REGISTERED, type LivepeerOrders, type LivepeerPublic } from './messages.ts';
import { gini, hhi, nakamotoCoefficient, type LivepeerMetricName } from './metrics.ts';
import type { LivepeerConfig } from './params.ts';
import {
  bondingRate, createReward, delegatorCumulativeStake, INITIAL_CUMULATIVE_FACTOR, LIVEPEER_MAINNET, mintableTokens, nextCumulativeRewardFactor,
  nextInflation, PERC_DIVISOR, roundsPerYear, splitReward, topNByStake, treasuryCutRateNextRound,
} from './protocol.ts';
import { ticketTerms, type TicketTerms } from './tickets.ts';

const WEI_PER_MICRO_LPT = 10n ** 12n;
const toLpt = (wei: bigint): number => Number(wei / 1_000_000n) / 1e12;
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
 * The Livepeer market: the authoritative LPT ledger (bigint wei, the contracts' fixed point), orchestrators (few, so
 * they live here) and their decisions, session matching of streams, fee settlement, and the per-round protocol
 * (initializeRound: active set, inflation, mintable; reward(); unbonding locks).
 */
export class LivepeerMarket implements Market<LivepeerOrders, LivepeerPublic> {
  readonly cfg: LivepeerConfig;
  readonly nOrch: number;
  readonly nHolders: number;
  private readonly shards: number;
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

  // ---- holders ----
  readonly hState: Uint8Array;
  readonly hDelegate: Int32Array;
  /** Liquid balance, lock amount, or bonded amount at the last claim (then scaled by crf / hCrfStart). */
  readonly hAmount: bigint[];
  readonly hCrfStart: bigint[];
  readonly hWithdrawRound: Int32Array;
  readonly hEverBonded: Uint8Array;
  private readonly locks = new Map<number, number[]>();

  // ---- orchestrators ----
  readonly oStatus: Uint8Array;
  readonly oActive: Uint8Array;
  readonly oTotalStake: bigint[];
  readonly oCrf: bigint[];
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

  constructor(cfg: LivepeerConfig, ctx: RunContext, hooks: LivepeerHooks = {}) {
    this.cfg = cfg;
    this.hooks = hooks;
    this.shards = ctx.shards;
    this.rng = ctx.stream('orchestrators');
    this.tickets = ticketTerms(cfg);
    this.roundS = cfg.roundLengthHours * 3600;
    this.rpy = roundsPerYear(this.roundS);
    this.alpha = 1 / cfg.memoryRounds;
    this.gasPriceEth = cfg.gasPriceGwei * 1e-9;
    this.cap = cfg.maxSessions;
    const O = (this.nOrch = cfg.orchestrators + cfg.orchestratorCandidates);
    const N = (this.nHolders = cfg.delegators);
    this.inflation = BigInt(cfg.initialInflation);
    this.inflationChange = BigInt(cfg.inflationChange);
    this.targetBondingRate = BigInt(Math.round(cfg.targetBondingRate * 1e9));
    this.treasuryRate = BigInt(Math.round(cfg.treasuryRewardCut * 1e9)) * 10n ** 18n;
    this.nextTreasuryRate = this.treasuryRate;

    this.oStatus = new Uint8Array(O);
    this.oActive = new Uint8Array(O);
    this.oTotalStake = new Array<bigint>(O).fill(0n);
    this.oCrf = new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR);
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

    this.hState = new Uint8Array(N);
    this.hDelegate = new Int32Array(N).fill(-1);
    this.hAmount = new Array<bigint>(N);
    this.hCrfStart = new Array<bigint>(N);
    this.hWithdrawRound = new Int32Array(N).fill(-1);
    this.hEverBonded = new Uint8Array(N);
    const zipf = zipfCumulative(Math.max(1, cfg.orchestrators), cfg.stakeZipf);
    const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
    for (let i = 0; i < N; i++) {
      holderAtStart(cfg, ctx.seed, i, zipf, h);
      const amount = BigInt(h.microLpt) * WEI_PER_MICRO_LPT;
      this.hAmount[i] = amount;
      this.hCrfStart[i] = INITIAL_CUMULATIVE_FACTOR;
      this.supply += amount;
      if (h.state === BONDED) {
        this.hState[i] = BONDED;
        this.hDelegate[i] = h.delegate;
        this.hEverBonded[i] = 1;
        this.oTotalStake[h.delegate] = this.oTotalStake[h.delegate]! + amount;
        this.bondedTotal += amount;
      } else {
        this.hState[i] = LIQUID;
        this.liquidTotal += amount;
        this.neverBondedLiquid += amount;
      }
    }
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
    return this.publish(new Array(this.shards).fill(null).map(() => new Int32Array(0)), new Array(this.shards).fill(null).map(() => new Float64Array(0)));
  }

  clear(orders: readonly LivepeerOrders[], window: Window): LivepeerPublic {
    for (const o of orders) this.settleFees(o);
    for (const o of orders) this.applyActions(o);
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
    for (let j = 0; j < this.nOrch; j++) if (this.oActive[j]) { activeStakes.push(toLpt(this.oTotalStake[j]!)); priceSum += this.oPriceWei[j]!; }
    const n = this.roundsElapsed;
    const ann = (x: number) => (n > 0 && x > 0 ? Math.pow(x, this.rpy / n) - 1 : 0);
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
    return { supply: this.supply, initialSupply: this.initialSupply, minted: this.minted, bonded: this.bondedTotal, unbonding: this.unbondingTotal, liquid: this.liquidTotal, treasury: this.treasury };
  }

  /** The same totals recomputed from every account; also checks that no pool owes more than it holds. */
  recomputeTotals(): LedgerTotals {
    let bonded = 0n, unbonding = 0n, liquid = 0n;
    const claims = new Array<bigint>(this.nOrch).fill(0n);
    for (let i = 0; i < this.nHolders; i++) {
      const s = this.hState[i];
      if (s === LIQUID) liquid += this.hAmount[i]!;
      else if (s === UNBONDING) unbonding += this.hAmount[i]!;
      else { const d = this.hDelegate[i]!; claims[d] = claims[d]! + this.claimOf(i); }
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

  // ------------------------------------------------------------------------------------------------------------
  // Orders
  // ------------------------------------------------------------------------------------------------------------

  private claimOf(i: number): bigint {
    return delegatorCumulativeStake(this.hAmount[i]!, this.hCrfStart[i]!, this.oCrf[this.hDelegate[i]!]!);
  }

  private applyActions(o: LivepeerOrders): void {
    for (let k = 0; k < o.actId.length; k++) {
      const i = o.actId[k]!;
      const kind = o.actKind[k]!;
      const target = o.actTarget[k]!;
      const state = this.hState[i];
      if (kind === ACT_BOND) {
        if (state !== LIQUID || target < 0 || target >= this.nOrch) throw new Error(`livepeer: holder ${i} cannot bond from state ${state} to ${target}`);
        const amount = this.hAmount[i]!;
        this.oTotalStake[target] = this.oTotalStake[target]! + amount;
        this.liquidTotal -= amount;
        this.bondedTotal += amount;
        if (!this.hEverBonded[i]) { this.hEverBonded[i] = 1; this.neverBondedLiquid -= amount; }
        this.hState[i] = BONDED;
        this.hDelegate[i] = target;
        this.hCrfStart[i] = this.oCrf[target]!;
      } else if (kind === ACT_SWITCH || kind === ACT_UNBOND) {
        if (state !== BONDED) throw new Error(`livepeer: holder ${i} cannot move stake from state ${state}`);
        const from = this.hDelegate[i]!;
        const stake = this.claimOf(i);
        if (stake > this.oTotalStake[from]!) throw new Error(`livepeer ledger: holder ${i} claims more than pool ${from} holds`);
        this.oTotalStake[from] = this.oTotalStake[from]! - stake;
        this.hAmount[i] = stake;
        if (kind === ACT_SWITCH) {
          if (target < 0 || target >= this.nOrch) throw new Error(`livepeer: holder ${i} cannot switch to ${target}`);
          this.oTotalStake[target] = this.oTotalStake[target]! + stake;
          this.hDelegate[i] = target;
          this.hCrfStart[i] = this.oCrf[target]!;
        } else {
          this.bondedTotal -= stake;
          this.unbondingTotal += stake;
          this.hState[i] = UNBONDING;
          this.hDelegate[i] = -1;
          const w = this.round + this.cfg.unbondingPeriodRounds; // BondingManager.unbondWithHint
          this.hWithdrawRound[i] = w;
          this.addLock(w, i);
        }
      } else throw new Error(`livepeer: unknown action ${kind}`);
    }
  }

  /** Registers an unbonding lock; one already withdrawable (unbondingPeriod 0) is withdrawn at once. */
  private addLock(round: number, id: number): void {
    if (round <= this.round) return this.withdraw(id);
    const list = this.locks.get(round);
    if (list) list.push(id);
    else this.locks.set(round, [id]);
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
      const stake = toLpt(this.oTotalStake[j]!);
      const selfShare = stake > 0 && this.oSelfState[j] === BONDED ? toLpt(this.oSelf[j]!) / stake : 0;
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
    const assigned = orders.map((o) => new Int32Array(o.streamTime.length).fill(-1));
    const prices = orders.map((o) => new Float64Array(o.streamTime.length));
    const pos = new Int32Array(K);
    for (;;) {
      let k = -1;
      let tBest = Infinity;
      for (let s = 0; s < K; s++) {
        const p = pos[s]!;
        const times = orders[s]!.streamTime;
        if (p < times.length && times[p]! < tBest) { tBest = times[p]!; k = s; }
      }
      if (k < 0) break;
      const o = orders[k]!;
      const p = pos[k]!++;
      const duration = o.streamDurationS[p]!;
      let served = false;
      for (let c = 0; c < C && !served; c++) {
        const j = o.streamCandidates[p * C + c]!;
        if (j < 0 || !this.oActive[j]) continue;
        const base = j * cap;
        for (let s = 0; s < cap; s++) {
          if (this.oSessEnd[base + s]! <= tBest) {
            this.oSessEnd[base + s] = tBest + duration;
            served = true;
            assigned[k]![p] = j;
            prices[k]![p] = this.oPriceWei[j]!;
            this.oBusyS[j]! += duration;
            this.oPixels[j]! += o.streamPixelsPerS[p]! * duration;
            this.priceSum += this.oPriceWei[j]!;
            this.priceCount++;
            break;
          }
        }
      }
      if (served) this.served++;
      else this.rejected++;
    }
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
    const list = this.locks.get(r);
    if (list) {
      this.locks.delete(r);
      for (const id of list) this.withdraw(id);
    }
    if (r > 0) this.closeRound();
    this.treasuryRate = this.nextTreasuryRate;

    // Active set: the numActiveTranscoders registered orchestrators with most stake (BondingManager transcoderPool).
    const ids: number[] = [];
    const stakes: bigint[] = [];
    for (let j = 0; j < this.nOrch; j++) if (this.oStatus[j] !== ORCH_OFF) { ids.push(j); stakes.push(this.oTotalStake[j]!); }
    const top = topNByStake(ids, stakes, this.cfg.numActiveTranscoders);
    this.oActive.fill(0);
    let active = 0n;
    for (const j of top) { this.oActive[j] = 1; active += this.oTotalStake[j]!; }
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

  private withdraw(id: number): void {
    if (id >= 0) {
      if (this.hState[id] !== UNBONDING || this.hWithdrawRound[id]! > this.round) return;
      this.hState[id] = LIQUID;
      this.unbondingTotal -= this.hAmount[id]!;
      this.liquidTotal += this.hAmount[id]!;
    } else {
      const j = -1 - id;
      if (this.oSelfState[j] !== UNBONDING) return;
      this.oSelfState[j] = LIQUID;
      this.unbondingTotal -= this.oSelf[j]!;
      this.liquidTotal += this.oSelf[j]!;
    }
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
      this.nextTreasuryRate = treasuryCutRateNextRound(this.treasury, BigInt(Math.round(this.cfg.treasuryCeilingLpt * 1e6)) * WEI_PER_MICRO_LPT, this.nextTreasuryRate);
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
      if (this.oActive[j]) { sessions += this.cap; feeEv += feeEvEth; pixels += this.oPixels[j]!; }
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
    this.addLock(this.round + this.cfg.unbondingPeriodRounds, -1 - j);
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
      const perRound =
        this.cap * (this.netFeeEvPerSession * (1 - share) - (this.netPixelsPerSession * this.oCostWei[j]!) / 1e18) - fixedEth - rewardGasEth;
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
    for (let j = 0; j < O; j++) {
      status[j] = this.oStatus[j] === ORCH_OFF ? ORCH_OFF : this.oActive[j] ? ORCH_ACTIVE : ORCH_REGISTERED;
      stake[j] = toLpt(this.oTotalStake[j]!);
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
      orchRewardRate: Float64Array.from(this.oRewardRate),
      orchFeePerStakeEth: Float64Array.from(this.oFeePerStakeEth),
      assignedOrch: assigned,
      assignedPriceWei: prices,
    };
  }
}
