import type { RandomStream } from '../../engine/rng.ts';
import type { InitialBook } from './initial-state.ts';
import type { Ledger } from './ledger.ts';
import { BONDED, LIQUID, UNBONDING, WEI_PER_MICRO_LPT } from './lpt.ts';
import { ORCH_OFF, ORCH_REGISTERED } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { delegatorCumulativeFees, delegatorCumulativeStake, INITIAL_CUMULATIVE_FACTOR, LIVEPEER_MAINNET, roundsPerYear } from './protocol.ts';

/**
 * Orchestrators, the agent kind that sells transcoding and AI inference and calls reward(): few (tens to hundreds), so
 * they live in the market, one slot per orchestrator in typed-array columns. Each runs a business: it prices in USD
 * (go-livepeer -pricePerUnit in USD through the Chainlink ETH/USD feed), books its income and costs each round,
 * sells LPT to cover its costs, reviews its commission, and leaves after a run of losses; outsiders take a slot when
 * one is open to them and it pays (orchestrator-round.ts, by the rules of orchestrator-rules.ts). Each one's own LPT
 * account (self-stake, its state and the factors at its last claim) lives here; the pools' totals are the ledger's.
 */
export interface Orchestrators {
  readonly n: number;
  readonly status: Uint8Array;
  /** In the active set this round (1) or not (0). */
  readonly active: Uint8Array;
  // the orchestrator's own account
  readonly selfState: Uint8Array;
  /** Self-stake in wei: bonded at its last claim, or the unbonding / liquid amount. */
  readonly self: bigint[];
  readonly selfCrfStart: bigint[];
  /** The pool's cumulative fee factor at its last claim. */
  readonly selfCffStart: bigint[];
  /** Commission of the last reward() call, added to the self-stake at the next claim (wei). */
  readonly unclaimedCommission: bigint[];
  /** Unbonding locks of a leaving orchestrator's whole self-stake, by the round they mature in. */
  readonly locks: Map<number, number[]>;
  /** Locks of LPT sold to cover costs, by the round they mature in: [orchestrator, wei] pairs; sold when withdrawn. */
  readonly saleLocks: Map<number, [number, bigint][]>;
  // terms and characteristics
  readonly rewardCutPpm: Int32Array;
  readonly feeSharePpm: Int32Array;
  /** USD per 10^12 pixels, and the integer wei per pixel it is at the round's ETH price. */
  readonly priceUsd: Float64Array;
  readonly priceWei: Float64Array;
  /** USD and wei per GPU-second of AI (0: no AI capability). */
  readonly aiPriceUsd: Float64Array;
  readonly aiPriceWei: Float64Array;
  readonly costUsd: Float64Array;
  /** Fixed cost per round, USD. */
  readonly fixedUsd: Float64Array;
  readonly perf: Float64Array;
  /** Annual return on hardware it requires to take a slot. */
  readonly hurdle: Float64Array;
  /** Runs a transcoder pool (1). */
  readonly pool: Uint8Array;
  /** Sessions: each orchestrator's video and AI sessions are slices [offset, offset + count) of the end-time arrays. */
  readonly sessOffset: Int32Array;
  readonly sessCount: Int32Array;
  readonly sessionEnd: Float64Array;
  readonly aiOffset: Int32Array;
  readonly aiCount: Int32Array;
  readonly aiSessionEnd: Float64Array;
  // per-round accumulators
  readonly busyS: Float64Array;
  readonly aiBusyS: Float64Array;
  readonly pixels: Float64Array;
  readonly feeEvWei: Float64Array;
  /** Fees it keeps this round (its commission and its own stake's share), ETH wei as a double. */
  readonly feeKeptWei: Float64Array;
  readonly redeemGasEth: Float64Array;
  readonly calledReward: Uint8Array;
  readonly commissionLpt: Float64Array;
  readonly selfRewardLpt: Float64Array;
  /** Net LPT delegators moved into the pool since the last commission review (rewards excluded). */
  readonly flowLpt: Float64Array;
  /** The active set's delegator moves as a share of its delegated stake, summed over clears; and its value at each one's last review. */
  netFlowIndex: number;
  readonly flowIndexAtReview: Float64Array;
  /** The pool's cumulative fee factor at the last round's close (its growth over a round is the fees per staked LPT). */
  readonly cffAtRound: bigint[];
  // smoothed signals and the state of decisions
  readonly rewardRate: Float64Array;
  readonly feePerStakeEth: Float64Array;
  readonly profitEwma: Float64Array;
  readonly lossRounds: Int32Array;
  /** Slots outside investors run (1), opened through the port rather than by the model's entry rule. */
  readonly investorSlot: Uint8Array;
  /** Per investor slot: net ETH income (fees kept less costs) since it was opened. */
  readonly investorIncomeEth: Float64Array;
  /** The network's smoothed fee EV (ETH) per session and round, which outsiders read when they weigh a slot. */
  netFeeEvPerSession: number;
}

/** Constants of a run that orchestrators' decisions use, derived once from the configuration. */
export interface OrchestratorTerms {
  readonly roundS: number;
  readonly roundsPerYear: number;
  readonly gasPriceEth: number;
  readonly rewardGasEth: number;
  readonly redeemGasEth: number;
  /** Median fixed cost per round, USD. */
  readonly fixedUsdPerRound: number;
}

export function orchestratorTerms(cfg: LivepeerConfig): OrchestratorTerms {
  const roundS = cfg.roundLengthHours * 3600;
  const gasPriceEth = cfg.gasPriceGwei * 1e-9;
  return {
    roundS,
    roundsPerYear: roundsPerYear(roundS),
    gasPriceEth,
    rewardGasEth: cfg.rewardGas * gasPriceEth,
    redeemGasEth: Number(LIVEPEER_MAINNET.redeemGas) * gasPriceEth,
    fixedUsdPerRound: cfg.fixedCostUsdPerDay * (roundS / 86_400),
  };
}

const fracToPpm = (x: number): number => Math.min(1_000_000, Math.max(0, Math.round(x * 1e6)));

/**
 * Orchestrators' commissions at t = 0, drawn from the settings of the 72 orchestrators that registered on Arbitrum in
 * February-March 2022 (stronk-dev/LivepeerEvents dumps/events.json, TranscoderUpdate events; research/livepeer/
 * initial-state.md): rewardCut at most 10 % for 49 of 72, 10-50 % for 14, 50 % or more for 9; feeShare 0 for 14,
 * under 50 % for 31, 50 % or more for 27 (median 17.5 %). Each band uniform.
 */
function drawRewardCut(u: number, v: number): number {
  return u < 49 / 72 ? 0.1 * v : u < 63 / 72 ? 0.1 + 0.4 * v : 0.5 + 0.5 * v;
}
function drawFeeShare(u: number, v: number): number {
  return u < 14 / 72 ? 0 : u < 45 / 72 ? 0.5 * v : 0.5 + 0.5 * v;
}

/** The mean rewardCut of that distribution (what a holder expects before it knows an orchestrator). */
export const MEAN_INITIAL_REWARD_CUT = (49 / 72) * 0.05 + (14 / 72) * 0.3 + (9 / 72) * 0.75;

/**
 * The orchestrators at t = 0: the `orchestrators` active ones and the candidates registered outside the set with their
 * own stake (initial-state.ts: `book.selfMicroLpt`), then the slots investors may run. Prices, costs, commissions, AI
 * capability, pools and hurdles are drawn from the market's 'orchestrators' stream. Their self-stake enters the ledger.
 */
export function createOrchestrators(cfg: LivepeerConfig, rng: RandomStream, ledger: Ledger, book: InitialBook): Orchestrators {
  const terms = orchestratorTerms(cfg);
  const drawn = cfg.orchestrators + cfg.orchestratorCandidates;
  const O = drawn + cfg.investorOrchestratorSlots;
  const scale = cfg.demandScale;
  const pool = new Uint8Array(O);
  const ai = new Uint8Array(O);
  for (let j = 0; j < drawn; j++) {
    pool[j] = rng.next() < cfg.poolShare ? 1 : 0;
    ai[j] = rng.next() < cfg.aiOrchestratorShare ? 1 : 0;
  }
  const sessOffset = new Int32Array(O);
  const sessCount = new Int32Array(O);
  const aiOffset = new Int32Array(O);
  const aiCount = new Int32Array(O);
  let vs = 0;
  let as = 0;
  // Nodes: an orchestrator active at t = 0 runs as many as its share of active stake times the set's size (at least
  // one), so its capacity follows the demand stake-weighted selection brings it; a pool multiplies them.
  const nA = cfg.orchestrators;
  const zipfTotal = nA > 0 ? book.zipf[nA - 1]! : 1;
  for (let j = 0; j < O; j++) {
    const share = j < nA ? (book.zipf[j]! - (j > 0 ? book.zipf[j - 1]! : 0)) / zipfTotal : 0;
    const mult = Math.max(1, Math.round(share * nA)) * (pool[j] ? cfg.poolTranscoders : 1);
    sessOffset[j] = vs;
    sessCount[j] = Math.max(1, Math.round((cfg.maxSessions * mult) / scale));
    vs += sessCount[j]!;
    aiOffset[j] = as;
    aiCount[j] = ai[j] ? Math.max(1, Math.round((cfg.aiSessions * mult) / scale)) : 0;
    as += aiCount[j]!;
  }
  const o: Orchestrators = {
    n: O,
    status: new Uint8Array(O),
    active: new Uint8Array(O),
    selfState: new Uint8Array(O),
    self: new Array<bigint>(O).fill(0n),
    selfCrfStart: new Array<bigint>(O).fill(INITIAL_CUMULATIVE_FACTOR),
    selfCffStart: new Array<bigint>(O).fill(0n),
    unclaimedCommission: new Array<bigint>(O).fill(0n),
    locks: new Map(),
    saleLocks: new Map(),
    rewardCutPpm: new Int32Array(O),
    feeSharePpm: new Int32Array(O),
    priceUsd: new Float64Array(O),
    priceWei: new Float64Array(O),
    aiPriceUsd: new Float64Array(O),
    aiPriceWei: new Float64Array(O),
    costUsd: new Float64Array(O),
    fixedUsd: new Float64Array(O),
    perf: new Float64Array(O),
    hurdle: new Float64Array(O),
    pool,
    sessOffset,
    sessCount,
    sessionEnd: new Float64Array(vs),
    aiOffset,
    aiCount,
    aiSessionEnd: new Float64Array(as),
    busyS: new Float64Array(O),
    aiBusyS: new Float64Array(O),
    pixels: new Float64Array(O),
    feeEvWei: new Float64Array(O),
    feeKeptWei: new Float64Array(O),
    redeemGasEth: new Float64Array(O),
    calledReward: new Uint8Array(O),
    commissionLpt: new Float64Array(O),
    selfRewardLpt: new Float64Array(O),
    flowLpt: new Float64Array(O),
    netFlowIndex: 0,
    flowIndexAtReview: new Float64Array(O),
    cffAtRound: new Array<bigint>(O).fill(0n),
    rewardRate: new Float64Array(O).fill(1),
    feePerStakeEth: new Float64Array(O),
    profitEwma: new Float64Array(O),
    lossRounds: new Int32Array(O),
    investorSlot: new Uint8Array(O),
    investorIncomeEth: new Float64Array(O),
    netFeeEvPerSession: 0,
  };
  for (let j = 0; j < drawn; j++) {
    const selfWei = BigInt(book.selfMicroLpt[j]!) * WEI_PER_MICRO_LPT;
    o.self[j] = selfWei;
    ledger.supply += selfWei;
    o.costUsd[j] = cfg.costUsdPerTpx * Math.exp(cfg.costSigma * rng.normal());
    o.fixedUsd[j] = terms.fixedUsdPerRound * Math.exp(cfg.fixedCostSigma * rng.normal());
    o.priceUsd[j] = cfg.initialPriceUsdPerTpx * Math.exp(cfg.priceSigma * rng.normal());
    o.aiPriceUsd[j] = ai[j] ? cfg.aiPriceUsdPerSecond * Math.exp(cfg.priceSigma * rng.normal()) : 0;
    o.rewardCutPpm[j] = fracToPpm(drawRewardCut(rng.next(), rng.next()));
    o.feeSharePpm[j] = fracToPpm(drawFeeShare(rng.next(), rng.next()));
    o.perf[j] = 0.5 + 0.5 * rng.next();
    o.hurdle[j] = cfg.entryHurdleAnnual >= 0 ? cfg.entryHurdleAnnual * Math.exp(0.5 * rng.normal()) : cfg.entryHurdleAnnual;
    o.status[j] = ORCH_REGISTERED;
    o.selfState[j] = BONDED;
    ledger.poolStake[j] = selfWei;
    ledger.bonded += selfWei;
  }
  // Slots investors may run: no stake until one opens, typical terms, drawn from nothing (so adding them changes no draw).
  for (let j = drawn; j < O; j++) {
    o.investorSlot[j] = 1;
    o.selfState[j] = LIQUID;
    o.costUsd[j] = cfg.costUsdPerTpx;
    o.fixedUsd[j] = terms.fixedUsdPerRound;
    o.priceUsd[j] = cfg.initialPriceUsdPerTpx;
    o.rewardCutPpm[j] = fracToPpm(MEAN_INITIAL_REWARD_CUT);
    o.feeSharePpm[j] = fracToPpm(0.25);
    o.perf[j] = 0.75;
  }
  return o;
}

/** Every orchestrator's prices in wei at an ETH price: video per pixel (from USD per 10^12 pixels), AI per second. */
export function priceInWei(o: Orchestrators, ethUsd: number): void {
  for (let j = 0; j < o.n; j++) {
    o.priceWei[j] = Math.max(1, Math.round((o.priceUsd[j]! * 1e6) / ethUsd));
    o.aiPriceWei[j] = o.aiPriceUsd[j]! > 0 ? Math.max(1, Math.round((o.aiPriceUsd[j]! * 1e18) / ethUsd)) : 0;
  }
}

/**
 * Orchestrator j claims its earnings (BondingManager.claimEarnings, which it does every round here): its self-stake
 * grows by the pool's reward factor since its last claim, plus the commission of its last reward() call, and it takes
 * its fees by the fee factor (EarningsPoolLIP36) out of the pool's fees. The commission thus shares the pool's fees
 * and rewards from the claim on (the contract tracks it apart until then, as the transcoder's cumulativeRewards).
 * Returns the fees, wei.
 */
export function claimSelf(o: Orchestrators, ledger: Ledger, j: number): bigint {
  if (o.selfState[j] !== BONDED) return 0n;
  const fees = delegatorCumulativeFees(o.self[j]!, 0n, o.selfCrfStart[j]!, o.selfCffStart[j]!, ledger.poolCff[j]!);
  ledger.poolFeesWei[j] = ledger.poolFeesWei[j]! - fees;
  ledger.feesClaimedWei += fees;
  o.self[j] = delegatorCumulativeStake(o.self[j]!, o.selfCrfStart[j]!, ledger.poolCrf[j]!) + o.unclaimedCommission[j]!;
  o.unclaimedCommission[j] = 0n;
  o.selfCrfStart[j] = ledger.poolCrf[j]!;
  o.selfCffStart[j] = ledger.poolCff[j]!;
  return fees;
}

/**
 * Orchestrator j registers (BondingManager.bond to itself, then transcoder()): its liquid self-stake joins its pool at
 * the pool's current factors; it starts from the profit it expected.
 */
export function enterOrchestrator(o: Orchestrators, ledger: Ledger, j: number, expectedProfitUsd: number): void {
  o.status[j] = ORCH_REGISTERED;
  const self = o.self[j]!;
  ledger.poolStake[j] = ledger.poolStake[j]! + self;
  ledger.liquid -= self;
  ledger.bonded += self;
  o.selfState[j] = BONDED;
  o.selfCrfStart[j] = ledger.poolCrf[j]!;
  o.selfCffStart[j] = ledger.poolCff[j]!;
  o.profitEwma[j] = expectedProfitUsd;
  o.lossRounds[j] = 0;
  o.rewardRate[j] = 1;
}

/**
 * Orchestrator j leaves: it deregisters and, if its self-stake is bonded, claims it and unbonds all of it
 * (BondingManager.unbondWithHint: withdrawable at round + unbondingPeriod).
 */
export function exitOrchestrator(o: Orchestrators, ledger: Ledger, j: number, round: number, unbondingPeriodRounds: number): void {
  o.status[j] = ORCH_OFF;
  if (o.selfState[j] !== BONDED) return;
  o.feeKeptWei[j]! += Number(claimSelf(o, ledger, j));
  const self = o.self[j]!;
  ledger.poolStake[j] = ledger.poolStake[j]! - self;
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

/**
 * Orchestrator j unbonds `wei` of its (claimed) self-stake to sell it once withdrawn (to pay its costs): the pool and
 * the bonded total fall now, the exchange receives it at round + unbondingPeriod.
 */
export function unbondForSale(o: Orchestrators, ledger: Ledger, j: number, wei: bigint, round: number, unbondingPeriodRounds: number): void {
  if (o.selfState[j] !== BONDED || wei <= 0n) return;
  if (wei > o.self[j]!) wei = o.self[j]!;
  o.self[j] = o.self[j]! - wei;
  ledger.poolStake[j] = ledger.poolStake[j]! - wei;
  ledger.bonded -= wei;
  const withdrawRound = round + unbondingPeriodRounds;
  if (withdrawRound <= round) {
    ledger.exchange += wei;
    ledger.soldLpt += wei;
    return;
  }
  ledger.unbonding += wei;
  const list = o.saleLocks.get(withdrawRound);
  if (list) list.push([j, wei]);
  else o.saleLocks.set(withdrawRound, [[j, wei]]);
}

/** Locks that mature at round r are withdrawn (BondingManager.withdrawStake): a leaver's self-stake to liquid, sales to the exchange. */
export function releaseOrchestratorLocks(o: Orchestrators, ledger: Ledger, r: number): void {
  const list = o.locks.get(r);
  if (list) {
    o.locks.delete(r);
    for (const j of list) withdrawSelfStake(o, ledger, j);
  }
  const sales = o.saleLocks.get(r);
  if (sales) {
    o.saleLocks.delete(r);
    for (const [, wei] of sales) {
      ledger.unbonding -= wei;
      ledger.exchange += wei;
      ledger.soldLpt += wei;
    }
  }
}

function withdrawSelfStake(o: Orchestrators, ledger: Ledger, j: number): void {
  if (o.selfState[j] !== UNBONDING) return;
  o.selfState[j] = LIQUID;
  ledger.unbonding -= o.self[j]!;
  ledger.liquid += o.self[j]!;
}
