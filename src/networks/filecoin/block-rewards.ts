import { searchCumulative } from '../../engine/cumulative.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { sectorsToBytes } from './fil.ts';
import { awardReward, type Ledger } from './ledger.ts';
import {
  blockReward,
  CONSENSUS_MINER_MIN_MINERS,
  EXPECTED_LEADERS_PER_EPOCH,
  type FilterEstimate,
  lockedRewardFromReward,
  MINIMUM_CONSENSUS_POWER,
  nextEstimate,
  type RewardState,
  SECTOR_SIZE_32GIB,
  updateNetworkKpi,
} from './protocol.ts';
import { provenQa, provenRaw, type Sectors } from './sectors.ts';
import type { Vesting } from './vesting.ts';

/**
 * Block rewards, epoch by epoch. In each epoch every eligible provider's win count is Poisson with mean 5 · its share
 * of eligible QA power (lotus `ComputeWinCount`); power is constant within a window, so the epoch's total wins are
 * Poisson(5 · eligible share) and, given the total, the wins fall on providers multinomially by QA power — the same
 * joint distribution, drawn with one Poisson and one cumulative search per win instead of one draw per provider.
 * An epoch with no win is null: no block, no cron, so its reward is never paid and the reward actor catches it up at
 * the next non-null epoch (`update_network_kpi`). A block with k wins earns ThisEpochReward · k / 5 and locks 3/4 of
 * it; then the epoch's cron updates the power actor's smoothed QA power and the reward actor (next epoch's reward).
 *
 * Eligibility (power actor `miner_nominal_power_meets_consensus_minimum`): a provider proving at least 10 TiB of raw
 * power, unless fewer than 4 do, when all count; the network totals the reward actor and the filters see are those
 * of the eligible providers.
 */
export interface Rewards {
  readonly st: RewardState;
  /** The power actor's smoothed QA power (`this_epoch_qa_power_smoothed`). */
  qaSmoothed: FilterEstimate;
  /** The last epoch whose cron ran. */
  lastCron: number;
  /** Eligible providers' cumulative QA power (sector-equivalents), and their indices. */
  cum: Float64Array;
  who: Int32Array;
  /** Per provider, the window's rewards and their locked part (awarded at the window's end, once per provider). */
  readonly dayReward: bigint[];
  readonly dayLocked: bigint[];
  /** Network totals of the eligible providers (bytes), as the power actor reports them. */
  networkRaw: bigint;
  networkQa: bigint;
  /** Tallies: epochs and null epochs since t = 0. */
  epochs: number;
  nullEpochs: number;
}

export function createRewards(st: RewardState, qaSmoothed: FilterEstimate, providers: number): Rewards {
  return {
    st,
    qaSmoothed,
    lastCron: st.epoch,
    cum: new Float64Array(providers),
    who: new Int32Array(providers),
    dayReward: new Array<bigint>(providers).fill(0n),
    dayLocked: new Array<bigint>(providers).fill(0n),
    networkRaw: 0n,
    networkQa: 0n,
    epochs: 0,
    nullEpochs: 0,
  };
}

const MIN_SECTORS = Number(MINIMUM_CONSENSUS_POWER / SECTOR_SIZE_32GIB);

/** Builds the eligible providers' cumulative QA table and the network totals; returns how many are eligible. */
export function tallyEligiblePower(r: Rewards, s: Sectors, providers: number): number {
  let above = 0;
  for (let p = 0; p < providers; p++) if (provenRaw(s, p) >= MIN_SECTORS) above++;
  const all = above < CONSENSUS_MINER_MIN_MINERS;
  let n = 0;
  let cumQa = 0;
  let raw = 0;
  for (let p = 0; p < providers; p++) {
    const rawP = provenRaw(s, p);
    const qa = provenQa(s, p);
    if (qa <= 0 || (!all && rawP < MIN_SECTORS)) continue;
    cumQa += qa;
    raw += rawP;
    r.cum[n] = cumQa;
    r.who[n] = p;
    n++;
  }
  r.networkRaw = sectorsToBytes(raw);
  r.networkQa = sectorsToBytes(cumQa);
  return n;
}

/**
 * The epochs [firstEpoch, endEpoch) of a window: wins, block rewards into the per-provider tallies, and each non-null
 * epoch's cron. Power is the eligible power tallied at the window's start.
 */
export function runEpochs(r: Rewards, eligible: number, firstEpoch: number, endEpoch: number, rng: RandomStream): void {
  const total = eligible > 0 ? r.cum[eligible - 1]! : 0;
  const winners: number[] = [];
  const counts: number[] = [];
  const lambda = Number(EXPECTED_LEADERS_PER_EPOCH);
  for (let e = firstEpoch; e < endEpoch; e++) {
    r.epochs++;
    const wins = total > 0 ? rng.poisson(lambda) : 0;
    if (wins === 0) {
      r.nullEpochs++;
      continue;
    }
    winners.length = 0;
    counts.length = 0;
    for (let w = 0; w < wins; w++) {
      const p = r.who[searchCumulative(r.cum, eligible, rng.next() * total)]!;
      const at = winners.indexOf(p);
      if (at >= 0) counts[at]!++;
      else {
        winners.push(p);
        counts.push(1);
      }
    }
    const reward = r.st.thisEpochReward;
    for (let j = 0; j < winners.length; j++) {
      const p = winners[j]!;
      const amount = blockReward(reward, counts[j]!);
      r.dayReward[p] = r.dayReward[p]! + amount;
      r.dayLocked[p] = r.dayLocked[p]! + lockedRewardFromReward(amount);
    }
    // Cron at the end of the epoch: the power actor's smoothed estimate, then the reward actor.
    r.qaSmoothed = nextEstimate(r.qaSmoothed, r.networkQa, e - r.lastCron);
    updateNetworkKpi(r.st, e, r.networkRaw);
    r.lastCron = e;
  }
}

/** Pays the window's rewards: each provider's sum from the reward actor, 3/4 of each block locked to vest from `day`. */
export function payRewards(r: Rewards, l: Ledger, v: Vesting, day: number, onPaid: (p: number, reward: bigint) => void): void {
  for (let p = 0; p < r.dayReward.length; p++) {
    const reward = r.dayReward[p]!;
    if (reward === 0n) continue;
    awardReward(l, v, p, day, reward, r.dayLocked[p]!);
    r.st.totalStoragePowerReward += reward;
    onPaid(p, reward);
    r.dayReward[p] = 0n;
    r.dayLocked[p] = 0n;
  }
}
