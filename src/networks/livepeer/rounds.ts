import type { RandomStream } from '../../engine/rng.ts';
import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { BONDED, toLpt, WEI_PER_MICRO_LPT } from './lpt.ts';
import { ORCH_OFF } from './messages.ts';
import { callsReward, type Orchestrators, type OrchestratorTerms } from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';
import {
  bondingRate,
  createReward,
  delegatorCumulativeStake,
  mintableTokens,
  nextCumulativeRewardFactor,
  nextInflation,
  splitReward,
  topNByStake,
  treasuryCutRateNextRound,
} from './protocol.ts';

/**
 * The per-round protocol: RoundsManager.initializeRound (the active set, currentRoundTotalActiveStake, the treasury
 * cut rate in force, Minter.setCurrentRewardTokens with setInflation) and the reward() calls that mint, each step the
 * contract's rule from protocol.ts in bigint.
 */
export interface RoundState {
  /** The current round. */
  round: number;
  /** Minter.inflation, parts per 1e9 per round. */
  inflation: bigint;
  readonly inflationChange: bigint;
  /** Minter.targetBondingRate, parts per 1e9. */
  readonly targetBondingRate: bigint;
  /** Minter.currentMintableTokens and currentMintedTokens. */
  mintable: bigint;
  mintedThisRound: bigint;
  /** BondingManager.treasuryRewardCutRate in force (1e27 fixed point), and the one the next round will use. */
  treasuryRate: bigint;
  nextTreasuryRate: bigint;
  readonly treasuryCeilingWei: bigint;
  /** currentRoundTotalActiveStake. */
  activeStake: bigint;
  /** The bonding rate Minter.setInflation saw, parts per 1e9. */
  bondingRatePpb: bigint;
  /** Rounds initialised so far (round 0 included). */
  roundsElapsed: number;
}

export function createRoundState(cfg: LivepeerConfig): RoundState {
  const treasuryRate = BigInt(Math.round(cfg.treasuryRewardCut * 1e9)) * 10n ** 18n;
  return {
    round: 0,
    inflation: BigInt(cfg.initialInflation),
    inflationChange: BigInt(cfg.inflationChange),
    targetBondingRate: BigInt(Math.round(cfg.targetBondingRate * 1e9)),
    mintable: 0n,
    mintedThisRound: 0n,
    treasuryRate,
    nextTreasuryRate: treasuryRate,
    treasuryCeilingWei: BigInt(Math.round(cfg.treasuryCeilingLpt * 1e6)) * WEI_PER_MICRO_LPT,
    activeStake: 0n,
    bondingRatePpb: 0n,
    roundsElapsed: 0,
  };
}

/**
 * initializeRound: the treasury cut rate set during the last round takes effect; the active set becomes the
 * numActiveTranscoders registered orchestrators with most stake (BondingManager transcoderPool); Minter.setInflation
 * moves inflation by inflationChange towards the target bonding rate (not in round 0, whose inflation is given);
 * setCurrentRewardTokens fixes the round's mintable LPT.
 */
export function initializeRound(rs: RoundState, ledger: Ledger, o: Orchestrators, numActiveTranscoders: number, adjustInflation: boolean): void {
  rs.treasuryRate = rs.nextTreasuryRate;
  const ids: number[] = [];
  const stakes: bigint[] = [];
  for (let j = 0; j < o.n; j++)
    if (o.status[j] !== ORCH_OFF) {
      ids.push(j);
      stakes.push(ledger.poolStake[j]!);
    }
  const top = topNByStake(ids, stakes, numActiveTranscoders);
  o.active.fill(0);
  let active = 0n;
  for (const j of top) {
    o.active[j] = 1;
    active += ledger.poolStake[j]!;
  }
  rs.activeStake = active;
  rs.bondingRatePpb = bondingRate(active, ledger.supply);
  if (adjustInflation) rs.inflation = nextInflation(rs.inflation, rs.bondingRatePpb, rs.targetBondingRate, rs.inflationChange);
  rs.mintable = mintableTokens(ledger.supply, rs.inflation);
  rs.mintedThisRound = 0n;
}

/**
 * The round's reward() calls: each active orchestrator that decides to (callsReward) mints its share by
 * Minter.createReward, which BondingManager.rewardWithHint splits into the treasury's cut (until the ceiling) and
 * the pool's reward, of which updateTranscoderWithRewards gives the rewardCut commission to the orchestrator and
 * grows the pool's cumulative reward factor by the rest. The orchestrator claims its own earnings every round.
 * Also books the growth of delegated and self-stake for the yield metrics.
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
  for (let j = 0; j < o.n; j++) {
    o.calledReward[j] = 0;
    const stake = ledger.poolStake[j]!;
    const selfBonded = o.selfState[j] === BONDED;
    const self = selfBonded ? o.self[j]! : 0n;
    const deleg = toLpt(stake - self);
    delegatedBefore += deleg;
    if (selfBonded && o.status[j] !== ORCH_OFF) selfBefore += toLpt(self);
    if (!o.active[j] || rs.activeStake === 0n) {
      delegatedAfter += deleg;
      if (selfBonded && o.status[j] !== ORCH_OFF) selfAfter += toLpt(self);
      continue;
    }
    counters.activeRounds++;
    if (!callsReward(o, j, stake, self, rs.mintable, rs.activeStake, rs.treasuryRate, cfg, terms, rng, lptPriceEth)) {
      counters.missedRewards++;
      delegatedAfter += deleg;
      selfAfter += toLpt(self);
      continue;
    }
    const R = createReward(rs.mintable, rs.mintedThisRound, stake, rs.activeStake);
    rs.mintedThisRound += R;
    ledger.minted += R;
    ledger.supply += R;
    rs.nextTreasuryRate = treasuryCutRateNextRound(ledger.treasury, rs.treasuryCeilingWei, rs.nextTreasuryRate);
    const split = splitReward(R, rs.treasuryRate, BigInt(o.rewardCutPpm[j]!));
    ledger.treasury += split.treasury;
    const toPool = R - split.treasury;
    const crfNew = nextCumulativeRewardFactor(ledger.poolCrf[j]!, split.delegatorPool, stake);
    ledger.poolCrf[j] = crfNew;
    ledger.poolStake[j] = stake + toPool;
    ledger.bonded += toPool;
    const selfNew = delegatorCumulativeStake(self, o.selfCrfStart[j]!, crfNew) + split.orchestratorCommission;
    o.self[j] = selfNew;
    o.selfCrfStart[j] = crfNew;
    o.calledReward[j] = 1;
    const stakeLpt = toLpt(stake);
    o.commissionLpt[j] = toLpt(split.orchestratorCommission) * (stakeLpt > 0 ? 1 - toLpt(self) / stakeLpt : 1);
    o.selfGainLpt[j] = toLpt(selfNew - self);
    counters.orchIncomeEth -= terms.rewardGasEth;
    counters.rewardToStakersLpt += toLpt(toPool);
    counters.rewardToStakersEth += toLpt(toPool) * lptPriceEth;
    delegatedAfter += toLpt(stake + toPool - selfNew);
    selfAfter += toLpt(selfNew);
  }
  if (delegatedBefore > 0) counters.delegatorIndex *= delegatedAfter / delegatedBefore;
  if (selfBefore > 0) counters.orchestratorIndex *= selfAfter / selfBefore;
}
