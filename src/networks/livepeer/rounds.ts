import { type ParameterSchedule, valueAt } from '../../core/dated-schedule.ts';
import type { RandomStream } from '../../engine/rng.ts';
import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { BONDED, toLpt, WEI_PER_MICRO_LPT } from './lpt.ts';
import { ORCH_OFF } from './messages.ts';
import { callsReward } from './orchestrator-rules.ts';
import { claimSelf, type Orchestrators, type OrchestratorTerms } from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';
import {
  activeSetAfter,
  bondingRate,
  createReward,
  delegatorCumulativeStake,
  mintableTokens,
  nextCumulativeRewardFactor,
  nextInflation,
  type PoolMember,
  poolAfterStakeChange,
  splitReward,
  topNByStake,
  treasuryCutRateNextRound,
} from './protocol.ts';

/**
 * The per-round protocol: governance changes a schedule dates (setTreasuryRewardCutRate, the Minter's setters), then
 * RoundsManager.initializeRound (the active set, currentRoundTotalActiveStake, the treasury cut rate in force,
 * Minter.setCurrentRewardTokens with setInflation) and the reward() calls that mint, each step the contract's rule
 * from protocol.ts in bigint. The active set is kept as the contract keeps its transcoderPool: members re-sorted when
 * their stake changes, outsiders joining only when there is room or they beat the last member (tryToJoinActiveSet).
 */
export interface RoundState {
  /** The current round. */
  round: number;
  /** Minter.inflation, parts per 1e9 per round; Minter.inflationChange and targetBondingRate (parts per 1e9). */
  inflation: bigint;
  inflationChange: bigint;
  targetBondingRate: bigint;
  /** Minter.currentMintableTokens and currentMintedTokens. */
  mintable: bigint;
  mintedThisRound: bigint;
  /** BondingManager.treasuryRewardCutRate in force (1e27 fixed point), and the one the next round will use. */
  treasuryRate: bigint;
  nextTreasuryRate: bigint;
  treasuryCeilingWei: bigint;
  /** The scheduled cut rate last applied (a fraction), so a scheduled change is applied once. */
  scheduledCut: number;
  /** currentRoundTotalActiveStake. */
  activeStake: bigint;
  /** The bonding rate Minter.setInflation saw, parts per 1e9. */
  bondingRatePpb: bigint;
  /** Rounds initialised so far (round 0 included). */
  roundsElapsed: number;
  /** BondingManager.transcoderPool in list order (stake descending), with the stakes it was sorted by. */
  pool: PoolMember[];
}

const cutRate = (fraction: number) => BigInt(Math.round(fraction * 1e9)) * 10n ** 18n;
const ceilingWei = (lpt: number) => BigInt(Math.round(lpt * 1e6)) * WEI_PER_MICRO_LPT;

export function createRoundState(cfg: LivepeerConfig, schedule: ParameterSchedule): RoundState {
  const cut = valueAt(schedule, 'treasuryRewardCut', 0, cfg.treasuryRewardCut);
  return {
    round: 0,
    inflation: BigInt(cfg.initialInflation),
    inflationChange: BigInt(valueAt(schedule, 'inflationChange', 0, cfg.inflationChange)),
    targetBondingRate: BigInt(Math.round(valueAt(schedule, 'targetBondingRate', 0, cfg.targetBondingRate) * 1e9)),
    mintable: 0n,
    mintedThisRound: 0n,
    treasuryRate: cutRate(cut),
    nextTreasuryRate: cutRate(cut),
    treasuryCeilingWei: ceilingWei(valueAt(schedule, 'treasuryCeilingLpt', 0, cfg.treasuryCeilingLpt)),
    scheduledCut: cut,
    activeStake: 0n,
    bondingRatePpb: 0n,
    roundsElapsed: 0,
    pool: [],
  };
}

/**
 * Governance changes in force at time t (the round's start): a scheduled treasury cut rate is set as the next round's
 * (setTreasuryRewardCutRate; initializeRound then makes it current), the ceiling and the Minter's inflationChange and
 * targetBondingRate at once.
 */
export function applyGovernance(rs: RoundState, cfg: LivepeerConfig, schedule: ParameterSchedule, tS: number): void {
  if (schedule.changes.length === 0) return;
  const cut = valueAt(schedule, 'treasuryRewardCut', tS, cfg.treasuryRewardCut);
  if (cut !== rs.scheduledCut) {
    rs.scheduledCut = cut;
    rs.nextTreasuryRate = cutRate(cut);
  }
  rs.treasuryCeilingWei = ceilingWei(valueAt(schedule, 'treasuryCeilingLpt', tS, cfg.treasuryCeilingLpt));
  rs.inflationChange = BigInt(valueAt(schedule, 'inflationChange', tS, cfg.inflationChange));
  rs.targetBondingRate = BigInt(Math.round(valueAt(schedule, 'targetBondingRate', tS, cfg.targetBondingRate) * 1e9));
}

/**
 * initializeRound: the treasury cut rate set during the last round takes effect; the active set is updated (round 0:
 * the numActiveTranscoders registered orchestrators with most stake); Minter.setInflation moves inflation by
 * inflationChange towards the target bonding rate (not in round 0, whose inflation is given); setCurrentRewardTokens
 * fixes the round's mintable LPT. `wantsSlot(j)` says whether an outsider takes a slot open to it. Returns how many
 * outsiders joined.
 */
export function initializeRound(
  rs: RoundState,
  ledger: Ledger,
  o: Orchestrators,
  numActiveTranscoders: number,
  adjustInflation: boolean,
  wantsSlot: (j: number) => boolean,
): number {
  rs.treasuryRate = rs.nextTreasuryRate;
  const joined = updateActiveSet(rs, ledger, o, numActiveTranscoders, wantsSlot);
  o.active.fill(0);
  let active = 0n;
  for (const m of rs.pool) {
    o.active[m.id] = 1;
    active += ledger.poolStake[m.id]!;
  }
  rs.activeStake = active;
  rs.bondingRatePpb = bondingRate(active, ledger.supply);
  if (adjustInflation) rs.inflation = nextInflation(rs.inflation, rs.bondingRatePpb, rs.targetBondingRate, rs.inflationChange);
  rs.mintable = mintableTokens(ledger.supply, rs.inflation);
  rs.mintedThisRound = 0n;
  return joined;
}

function updateActiveSet(rs: RoundState, ledger: Ledger, o: Orchestrators, n: number, wantsSlot: (j: number) => boolean): number {
  if (rs.roundsElapsed === 0) {
    const ids: number[] = [];
    const stakes: bigint[] = [];
    for (let j = 0; j < o.n; j++)
      if (o.status[j] !== ORCH_OFF) {
        ids.push(j);
        stakes.push(ledger.poolStake[j]!);
      }
    rs.pool = topNByStake(ids, stakes, n).map((id) => ({ id, stake: ledger.poolStake[id]! }));
    return 0;
  }
  // Members: a deregistered one leaves the list; the others are re-sorted by their stake now (updateKey).
  for (const m of rs.pool.slice()) {
    const stake = o.status[m.id] === ORCH_OFF ? 0n : ledger.poolStake[m.id]!;
    if (stake !== m.stake) rs.pool = poolAfterStakeChange(rs.pool, m.id, stake);
  }
  // Outsiders, largest stake first: each joins if there is room or it beats the last member, and the slot pays it.
  const inPool = new Set(rs.pool.map((m) => m.id));
  const outsiders: number[] = [];
  for (let j = 0; j < o.n; j++) if (o.status[j] !== ORCH_OFF && !inPool.has(j) && ledger.poolStake[j]! > 0n) outsiders.push(j);
  outsiders.sort((a, b) => (ledger.poolStake[a] === ledger.poolStake[b] ? a - b : ledger.poolStake[a]! > ledger.poolStake[b]! ? -1 : 1));
  let joined = 0;
  for (const j of outsiders) {
    const stake = ledger.poolStake[j]!;
    const last = rs.pool[rs.pool.length - 1];
    if (rs.pool.length >= n && (last === undefined || stake <= last.stake)) break;
    if (!wantsSlot(j)) continue;
    rs.pool = activeSetAfter(rs.pool, { id: j, stake }, n).pool as PoolMember[];
    joined++;
  }
  return joined;
}

/**
 * The round's reward() calls: each registered orchestrator claims its earnings (its own stake's reward and fees);
 * each active one that decides to (callsReward) mints its share by Minter.createReward, which
 * BondingManager.rewardWithHint splits into the treasury's cut (until the ceiling) and the pool's reward, of which
 * updateTranscoderWithRewards gives the rewardCut commission to the orchestrator and grows the pool's cumulative reward
 * factor by the rest. Snapshots each pool's stake and reward factor for the round's fees. Books the growth of
 * delegated and self-stake for the yield metrics.
 */
export function callRewards(
  rs: RoundState,
  ledger: Ledger,
  o: Orchestrators,
  counters: LivepeerCounters,
  cfg: LivepeerConfig,
  terms: OrchestratorTerms,
  rng: RandomStream,
  lptPriceEth: number,
): void {
  let delegatedBefore = 0;
  let delegatedAfter = 0;
  let selfBefore = 0;
  let selfAfter = 0;
  if (rs.activeStake > 0n) counters.mintableLpt += toLpt(rs.mintable);
  for (let j = 0; j < o.n; j++) {
    o.calledReward[j] = 0;
    o.feeKeptWei[j]! += Number(claimSelf(o, ledger, j));
    const stake = ledger.poolStake[j]!;
    ledger.poolCrfPrev[j] = ledger.poolCrf[j]!;
    ledger.poolRoundStake[j] = stake;
    const selfBonded = o.selfState[j] === BONDED;
    const self = selfBonded ? o.self[j]! : 0n;
    const deleg = toLpt(stake - self);
    delegatedBefore += deleg;
    if (selfBonded && o.status[j] !== ORCH_OFF) selfBefore += toLpt(self);
    const stakeLpt = toLpt(stake);
    const rc = o.rewardCutPpm[j]! / 1e6;
    const net = ((toLpt(rs.mintable) * stakeLpt) / Math.max(1e-18, toLpt(rs.activeStake))) * (1 - Number(rs.treasuryRate / 10n ** 18n) / 1e9);
    const ownGain = net * rc + (stakeLpt > 0 ? (net * (1 - rc) * toLpt(self)) / stakeLpt : 0);
    const eligible = o.active[j] === 1 && rs.activeStake > 0n;
    if (eligible) counters.activeRounds++;
    if (!eligible || !callsReward(ownGain, lptPriceEth, terms.rewardGasEth, rng.next(), cfg.rewardMissProb)) {
      if (eligible) counters.missedRewards++;
      delegatedAfter += deleg;
      if (selfBonded && o.status[j] !== ORCH_OFF) selfAfter += toLpt(self);
      continue;
    }
    const R = createReward(rs.mintable, rs.mintedThisRound, stake, rs.activeStake);
    rs.mintedThisRound += R;
    ledger.minted += R;
    ledger.supply += R;
    counters.mintedLpt += toLpt(R);
    rs.nextTreasuryRate = treasuryCutRateNextRound(ledger.treasury, rs.treasuryCeilingWei, rs.nextTreasuryRate);
    const split = splitReward(R, rs.treasuryRate, BigInt(o.rewardCutPpm[j]!));
    ledger.treasury += split.treasury;
    const toPool = R - split.treasury;
    const crfNew = nextCumulativeRewardFactor(ledger.poolCrf[j]!, split.delegatorPool, stake);
    ledger.poolCrf[j] = crfNew;
    ledger.poolStake[j] = stake + toPool;
    ledger.bonded += toPool;
    // Its commission waits for its next claim; its own stake's part of the pool's reward is in the factor.
    o.unclaimedCommission[j] = selfBonded ? split.orchestratorCommission : 0n;
    const selfNew = selfBonded ? delegatorCumulativeStake(self, o.selfCrfStart[j]!, crfNew) + split.orchestratorCommission : 0n;
    o.calledReward[j] = 1;
    o.commissionLpt[j] = toLpt(split.orchestratorCommission) * (stakeLpt > 0 ? 1 - toLpt(self) / stakeLpt : 1);
    o.selfRewardLpt[j] = toLpt(selfNew - self) - o.commissionLpt[j]!;
    counters.rewardToStakersLpt += toLpt(toPool);
    counters.rewardToStakersEth += toLpt(toPool) * lptPriceEth;
    delegatedAfter += toLpt(stake + toPool - selfNew);
    selfAfter += toLpt(selfNew);
  }
  if (delegatedBefore > 0) counters.delegatorIndex *= delegatedAfter / delegatedBefore;
  if (selfBefore > 0) counters.orchestratorIndex *= selfAfter / selfBefore;
}
