import type { RandomStream } from '../../engine/rng.ts';
import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { BONDED, LIQUID, toLpt, UNBONDING, WEI_PER_MICRO_LPT } from './lpt.ts';
import { ORCH_OFF, ORCH_REGISTERED } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { delegatorCumulativeStake, INITIAL_CUMULATIVE_FACTOR, LIVEPEER_MAINNET, PERC_DIVISOR, roundsPerYear } from './protocol.ts';

/**
 * Orchestrators, the agent kind that sells transcoding and calls reward(): few (tens to hundreds), so they live in
 * the market, one slot per orchestrator in typed-array columns. Registered orchestrators (status ORCH_REGISTERED)
 * serve and earn; candidates (ORCH_OFF, self-stake liquid) may enter; an orchestrator that leaves unbonds its
 * self-stake. Each one's own LPT account (self-stake, its state and the factor at its last claim) lives here; the
 * pools' totals are the ledger's (ledger.ts).
 */
export interface Orchestrators {
  readonly n: number;
  /** Concurrent sessions per orchestrator (go-livepeer maxSessions). */
  readonly maxSessions: number;
  readonly status: Uint8Array;
  /** In the active set this round (1) or not (0). */
  readonly active: Uint8Array;
  // the orchestrator's own account
  readonly selfState: Uint8Array;
  /** Self-stake in wei: bonded at its last claim, or the unbonding / liquid amount. */
  readonly self: bigint[];
  readonly selfCrfStart: bigint[];
  /** Unbonding locks of self-stake by the round they mature in. */
  readonly locks: Map<number, number[]>;
  // terms and characteristics
  readonly rewardCutPpm: Int32Array;
  readonly feeSharePpm: Int32Array;
  /** Integer wei per pixel. */
  readonly priceWei: Float64Array;
  readonly costWei: Float64Array;
  readonly perf: Float64Array;
  /** Annual return on hardware a candidate requires to enter. */
  readonly hurdle: Float64Array;
  /** End time of each session, maxSessions per orchestrator. */
  readonly sessionEnd: Float64Array;
  // per-round accumulators
  readonly busyS: Float64Array;
  readonly pixels: Float64Array;
  readonly feeEvWei: Float64Array;
  readonly feeWonEth: Float64Array;
  readonly redeemGasEth: Float64Array;
  readonly calledReward: Uint8Array;
  readonly commissionLpt: Float64Array;
  readonly selfGainLpt: Float64Array;
  /** Per clear: the share of each pool that is the orchestrator's own bonded stake (for its part of the fees). */
  readonly feeSelfShare: Float64Array;
  // smoothed signals and the state of decisions
  readonly rewardRate: Float64Array;
  readonly feePerStakeEth: Float64Array;
  readonly profitEwma: Float64Array;
  readonly lossRounds: Int32Array;
  readonly lastShare: Float64Array;
  /** Slots outside investors run (1), opened through the port rather than by the model's entry rule. */
  readonly investorSlot: Uint8Array;
  /** Per investor slot: net ETH income (fees kept less transcoding, fixed and gas costs) since it was opened. */
  readonly investorIncomeEth: Float64Array;
  /** The network's smoothed fee EV (ETH) and output pixels per session and round, which candidates read. */
  netFeeEvPerSession: number;
  netPixelsPerSession: number;
}

/** Constants of a run that orchestrators' decisions use, derived once from the configuration. */
export interface OrchestratorTerms {
  readonly roundS: number;
  readonly roundsPerYear: number;
  /** Smoothing weight 1 / memoryRounds. */
  readonly alpha: number;
  readonly gasPriceEth: number;
  readonly rewardGasEth: number;
  readonly redeemGasEth: number;
  readonly fixedEthPerRound: number;
}

export function orchestratorTerms(cfg: LivepeerConfig): OrchestratorTerms {
  const roundS = cfg.roundLengthHours * 3600;
  const gasPriceEth = cfg.gasPriceGwei * 1e-9;
  return {
    roundS,
    roundsPerYear: roundsPerYear(roundS),
    alpha: 1 / cfg.memoryRounds,
    gasPriceEth,
    rewardGasEth: cfg.rewardGas * gasPriceEth,
    redeemGasEth: Number(LIVEPEER_MAINNET.redeemGas) * gasPriceEth,
    fixedEthPerRound: cfg.fixedCostEthPerDay * (roundS / 86_400),
  };
}

const fracToPpm = (x: number): number => Math.min(1_000_000, Math.max(0, Math.round(x * 1e6)));

/**
 * The registered orchestrators and candidates at t = 0, drawn from the market's 'orchestrators' stream: log-normal
 * self-stake (orchestratorStakeShare of supply in all), cost per pixel, price at a markup, rewardCut, feeShare,
 * performance score and entry hurdle. Their self-stake enters the ledger's totals.
 */
export function createOrchestrators(cfg: LivepeerConfig, rng: RandomStream, ledger: Ledger): Orchestrators {
  const drawn = cfg.orchestrators + cfg.orchestratorCandidates;
  const O = drawn + cfg.investorOrchestratorSlots;
  const o: Orchestrators = {
    n: O,
    maxSessions: cfg.maxSessions,
    status: new Uint8Array(O),
    active: new Uint8Array(O),
    selfState: new Uint8Array(O),
    self: new Array<bigint>(O).fill(0n),
    selfCrfStart: new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR),
    locks: new Map(),
    rewardCutPpm: new Int32Array(O),
    feeSharePpm: new Int32Array(O),
    priceWei: new Float64Array(O),
    costWei: new Float64Array(O),
    perf: new Float64Array(O),
    hurdle: new Float64Array(O),
    sessionEnd: new Float64Array(O * cfg.maxSessions),
    busyS: new Float64Array(O),
    pixels: new Float64Array(O),
    feeEvWei: new Float64Array(O),
    feeWonEth: new Float64Array(O),
    redeemGasEth: new Float64Array(O),
    calledReward: new Uint8Array(O),
    commissionLpt: new Float64Array(O),
    selfGainLpt: new Float64Array(O),
    feeSelfShare: new Float64Array(O),
    rewardRate: new Float64Array(O).fill(1),
    feePerStakeEth: new Float64Array(O),
    profitEwma: new Float64Array(O),
    lossRounds: new Int32Array(O),
    lastShare: new Float64Array(O),
    investorSlot: new Uint8Array(O),
    investorIncomeEth: new Float64Array(O),
    netFeeEvPerSession: 0,
    netPixelsPerSession: 0,
  };
  const selfMeanLpt = drawn > 0 ? (cfg.initialSupplyLpt * cfg.orchestratorStakeShare) / drawn : 0;
  for (let j = 0; j < drawn; j++) {
    const sg = cfg.holdingSigma;
    const selfWei = BigInt(Math.max(1, Math.round(selfMeanLpt * Math.exp(sg * rng.normal() - (sg * sg) / 2) * 1e6))) * WEI_PER_MICRO_LPT;
    o.self[j] = selfWei;
    ledger.supply += selfWei;
    o.costWei[j] = cfg.costPerPixelWei * Math.exp(cfg.costSigma * rng.normal());
    o.priceWei[j] = Math.max(1, Math.round(o.costWei[j]! * cfg.priceMarkup * Math.exp(0.2 * rng.normal())));
    o.rewardCutPpm[j] = fracToPpm(rng.next() * Math.min(1, 2 * cfg.rewardCutMean));
    o.feeSharePpm[j] = fracToPpm(cfg.feeShareMean / 2 + rng.next() * (Math.min(1, 1.5 * cfg.feeShareMean) - cfg.feeShareMean / 2));
    o.perf[j] = 0.5 + 0.5 * rng.next();
    o.hurdle[j] = cfg.entryHurdleAnnual >= 0 ? cfg.entryHurdleAnnual * Math.exp(cfg.hurdleSigma * rng.normal()) : cfg.entryHurdleAnnual;
    if (j < cfg.orchestrators) {
      o.status[j] = ORCH_REGISTERED;
      o.selfState[j] = BONDED;
      ledger.poolStake[j] = selfWei;
      ledger.bonded += selfWei;
    } else {
      o.selfState[j] = LIQUID;
      ledger.liquid += selfWei;
    }
  }
  // Slots investors may run: no stake until one opens, typical terms, drawn from nothing (so adding them changes no draw).
  for (let j = drawn; j < O; j++) {
    o.investorSlot[j] = 1;
    o.selfState[j] = LIQUID;
    o.costWei[j] = cfg.costPerPixelWei;
    o.priceWei[j] = Math.max(1, Math.round(cfg.costPerPixelWei * cfg.priceMarkup));
    o.rewardCutPpm[j] = fracToPpm(cfg.rewardCutMean);
    o.feeSharePpm[j] = fracToPpm(cfg.feeShareMean);
    o.perf[j] = 0.75;
  }
  return o;
}

/**
 * Whether active orchestrator j calls reward() this round: when its own expected gain (commission plus its
 * self-stake's share of the pool's reward, at the world's LPT price in ETH) exceeds the gas, unless it misses the round
 * (rewardMissProb, drawn only when it pays).
 */
export function callsReward(
  o: Orchestrators,
  j: number,
  stake: bigint,
  self: bigint,
  mintable: bigint,
  activeStake: bigint,
  treasuryRate: bigint,
  cfg: LivepeerConfig,
  terms: OrchestratorTerms,
  rng: RandomStream,
  lptPriceEth: number,
): boolean {
  const expR = (toLpt(mintable) * toLpt(stake)) / toLpt(activeStake);
  const net = expR * (1 - Number(treasuryRate / 10n ** 18n) / 1e9);
  const rc = o.rewardCutPpm[j]! / 1e6;
  const stakeLpt = toLpt(stake);
  const ownLpt = net * rc + (stakeLpt > 0 ? (net * (1 - rc) * toLpt(self)) / stakeLpt : 0);
  const pays = ownLpt * lptPriceEth > terms.rewardGasEth;
  return pays && !(rng.next() < cfg.rewardMissProb);
}

/**
 * The end of a round for each orchestrator: it books the round's income and costs, smooths its operating profit,
 * re-prices from its utilisation, moves its rewardCut with its share of stake, leaves after `exitAfterRounds` of
 * smoothed loss; then candidates consider entering from the network's published fee and load figures. `round` is
 * the round now starting; `activeStake` the one of the round that ends.
 */
export function closeOrchestratorRound(
  o: Orchestrators,
  ledger: Ledger,
  counters: LivepeerCounters,
  round: number,
  activeStake: bigint,
  cfg: LivepeerConfig,
  terms: OrchestratorTerms,
  rng: RandomStream,
  lptPriceEth: number,
): void {
  const a = terms.alpha;
  const fixedEth = terms.fixedEthPerRound;
  const rewardGasEth = terms.rewardGasEth;
  const cap = o.maxSessions;
  let sessions = 0;
  let feeEv = 0;
  let pixels = 0;
  for (let j = 0; j < o.n; j++) {
    const registered = o.status[j] !== ORCH_OFF;
    const stake = toLpt(ledger.poolStake[j]!);
    const selfLpt = o.selfState[j] === BONDED ? toLpt(o.self[j]!) : 0;
    const share = o.feeSharePpm[j]! / 1e6;
    const feeEvEth = o.feeEvWei[j]! / 1e18;
    if (o.active[j]) {
      sessions += cap;
      feeEv += feeEvEth;
      pixels += o.pixels[j]!;
    }
    o.feePerStakeEth[j] = (1 - a) * o.feePerStakeEth[j]! + (stake > 0 ? (a * feeEvEth * share) / stake : 0);
    if (o.active[j]) o.rewardRate[j] = (1 - a) * o.rewardRate[j]! + a * o.calledReward[j]!;
    if (registered) {
      const pixelCostEth = (o.pixels[j]! * o.costWei[j]!) / 1e18;
      const gas = (o.calledReward[j] ? rewardGasEth : 0) + o.redeemGasEth[j]!;
      const operating = feeEvEth * (1 - share) + o.commissionLpt[j]! * lptPriceEth - pixelCostEth - fixedEth - gas;
      if (o.investorSlot[j]) o.investorIncomeEth[j]! += o.feeWonEth[j]! * (1 - share) - pixelCostEth - fixedEth - gas;
      o.profitEwma[j] = (1 - a) * o.profitEwma[j]! + a * operating;
      o.lossRounds[j] = o.profitEwma[j]! < 0 ? o.lossRounds[j]! + 1 : 0;
      // Realised income for ROI (fees actually won; LPT earned at the round's LPT price in ETH).
      counters.orchIncomeEth += o.feeWonEth[j]! + o.selfGainLpt[j]! * lptPriceEth - pixelCostEth - fixedEth - o.redeemGasEth[j]!;
      counters.orchCapitalRounds += selfLpt * lptPriceEth + cfg.hardwareCapitalEth;
      // Price: up when busier than the target, down (not below cost plus margin) when idler.
      const util = o.busyS[j]! / (cap * terms.roundS);
      let price = o.priceWei[j]!;
      if (util > cfg.targetUtilization) price *= 1 + cfg.priceStep;
      else if (util < cfg.targetUtilization) price *= 1 - cfg.priceStep;
      o.priceWei[j] = Math.max(1, Math.round(Math.max(price, o.costWei[j]! * (1 + cfg.minMargin))));
      // Commission: only when allowed (after reward() this round, or outside the active set).
      const poolShare = activeStake > 0n ? stake / toLpt(activeStake) : 0;
      // (An investor keeps the commission it opened with: its orchestrator's terms are its own choice, not this rule's.)
      if (!o.investorSlot[j] && (o.calledReward[j] || !o.active[j])) {
        const step = Math.round(cfg.commissionStep * Number(PERC_DIVISOR));
        if (poolShare < o.lastShare[j]!) o.rewardCutPpm[j] = Math.max(0, o.rewardCutPpm[j]! - step);
        else if (poolShare > o.lastShare[j]!) o.rewardCutPpm[j] = Math.min(1_000_000, o.rewardCutPpm[j]! + step);
      }
      o.lastShare[j] = poolShare;
      if (o.lossRounds[j]! >= cfg.exitAfterRounds && !o.investorSlot[j]) {
        exitOrchestrator(o, ledger, j, round, cfg.unbondingPeriodRounds);
        counters.exits++;
      }
    }
    o.busyS[j] = 0;
    o.pixels[j] = 0;
    o.feeEvWei[j] = 0;
    o.feeWonEth[j] = 0;
    o.redeemGasEth[j] = 0;
    o.commissionLpt[j] = 0;
    o.selfGainLpt[j] = 0;
  }
  if (sessions > 0) {
    o.netFeeEvPerSession = (1 - a) * o.netFeeEvPerSession + (a * feeEv) / sessions;
    o.netPixelsPerSession = (1 - a) * o.netPixelsPerSession + (a * pixels) / sessions;
  }
  considerEntries(o, ledger, counters, cfg, terms, rng);
}

/**
 * A candidate (not registered, self-stake liquid) reviews now and then (every orchestratorReviewRounds on average):
 * its expected operating return is the network's smoothed fee EV per session times its maxSessions, net of its
 * feeShare and its own transcoding cost, less fixed cost and gas; it enters when that return on its hardware
 * capital clears its hurdle and its stake would place it in the active set.
 */
function considerEntries(o: Orchestrators, ledger: Ledger, counters: LivepeerCounters, cfg: LivepeerConfig, terms: OrchestratorTerms, rng: RandomStream): void {
  let nRegistered = 0;
  let lowest = Infinity;
  for (let j = 0; j < o.n; j++) {
    if (o.status[j] === ORCH_OFF) continue;
    nRegistered++;
    if (o.active[j]) lowest = Math.min(lowest, toLpt(ledger.poolStake[j]!));
  }
  for (let j = 0; j < o.n; j++) {
    if (o.status[j] !== ORCH_OFF || o.selfState[j] !== LIQUID || o.investorSlot[j]) continue;
    if (rng.next() >= 1 / cfg.orchestratorReviewRounds) continue;
    const selfLpt = toLpt(o.self[j]!);
    const poolLpt = selfLpt + toLpt(ledger.poolStake[j]!);
    if (nRegistered >= cfg.numActiveTranscoders && poolLpt <= lowest) continue;
    const share = o.feeSharePpm[j]! / 1e6;
    const perRound =
      o.maxSessions * (o.netFeeEvPerSession * (1 - share) - (o.netPixelsPerSession * o.costWei[j]!) / 1e18) - terms.fixedEthPerRound - terms.rewardGasEth;
    // The self-stake would earn inflation if delegated too, so only the hardware is capital put at risk by entering.
    const capital = cfg.hardwareCapitalEth;
    const annual = capital > 0 ? (perRound * terms.roundsPerYear) / capital : perRound > 0 ? Infinity : -Infinity;
    if (!(annual > o.hurdle[j]!)) continue;
    enterOrchestrator(o, ledger, j, cfg.priceMarkup, perRound);
    counters.entries++;
    nRegistered++;
  }
}

/**
 * Orchestrator j registers (BondingManager.bond to itself, then transcoder()): its liquid self-stake joins its pool at
 * the pool's current factor; it prices at cost x priceMarkup and starts from the profit it expected.
 */
export function enterOrchestrator(o: Orchestrators, ledger: Ledger, j: number, priceMarkup: number, expectedProfitEth: number): void {
  o.status[j] = ORCH_REGISTERED;
  const self = o.self[j]!;
  ledger.poolStake[j] = ledger.poolStake[j]! + self;
  ledger.liquid -= self;
  ledger.bonded += self;
  o.selfState[j] = BONDED;
  o.selfCrfStart[j] = ledger.poolCrf[j]!;
  o.priceWei[j] = Math.max(1, Math.round(o.costWei[j]! * priceMarkup));
  o.profitEwma[j] = expectedProfitEth;
  o.lossRounds[j] = 0;
  o.rewardRate[j] = 1;
}

/**
 * Orchestrator j leaves: it deregisters and, if its self-stake is bonded, claims it (delegatorCumulativeStake) and
 * unbonds it (BondingManager.unbondWithHint: withdrawable at round + unbondingPeriod).
 */
export function exitOrchestrator(o: Orchestrators, ledger: Ledger, j: number, round: number, unbondingPeriodRounds: number): void {
  o.status[j] = ORCH_OFF;
  if (o.selfState[j] !== BONDED) return;
  const self = delegatorCumulativeStake(o.self[j]!, o.selfCrfStart[j]!, ledger.poolCrf[j]!);
  ledger.poolStake[j] = ledger.poolStake[j]! - self;
  o.self[j] = self;
  ledger.bonded -= self;
  ledger.unbonding += self;
  o.selfState[j] = UNBONDING;
  const withdrawRound = round + unbondingPeriodRounds;
  if (withdrawRound <= round) {
    withdrawSelfStake(o, ledger, j); // unbondingPeriod 0: withdrawable at once
    return;
  }
  const list = o.locks.get(withdrawRound);
  if (list) list.push(j);
  else o.locks.set(withdrawRound, [j]);
}

/** Self-stake locks that mature at round r are withdrawn (BondingManager.withdrawStake): unbonding → liquid. */
export function releaseOrchestratorLocks(o: Orchestrators, ledger: Ledger, r: number): void {
  const list = o.locks.get(r);
  if (!list) return;
  o.locks.delete(r);
  for (const j of list) withdrawSelfStake(o, ledger, j);
}

function withdrawSelfStake(o: Orchestrators, ledger: Ledger, j: number): void {
  if (o.selfState[j] !== UNBONDING) return;
  o.selfState[j] = LIQUID;
  ledger.unbonding -= o.self[j]!;
  ledger.liquid += o.self[j]!;
}
