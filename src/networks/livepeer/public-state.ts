import { splitPair } from '../../engine/fixed-point-pairs.ts';
import { type Ledger, poolStakeLpt } from './ledger.ts';
import { FACTOR_PAIR, toLpt } from './lpt.ts';
import { type LivepeerPublic, ORCH_ACTIVE, ORCH_OFF, ORCH_REGISTERED, type PortEvent } from './messages.ts';
import type { Orchestrators } from './orchestrators.ts';
import type { RoundState } from './rounds.ts';
import type { Assignments } from './stream-matching.ts';

/**
 * What the market publishes after each clear for every shard to read in the next window: the round's protocol
 * figures, each orchestrator's status, stake, terms and exact cumulative reward factor, and the window's stream
 * assignments. Plain data and typed arrays, so it crosses worker threads.
 */
export interface Publisher {
  /** The factor last split into pairs, per pool (a factor changes only at reward(), so most windows split none). */
  readonly crfSeen: bigint[];
  readonly crfPair: Float64Array;
}

export function createPublisher(ledger: Ledger): Publisher {
  const n = ledger.poolCrf.length;
  const crfPair = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) splitPair(ledger.poolCrf[j]!, crfPair, 2 * j, FACTOR_PAIR);
  return { crfSeen: ledger.poolCrf.slice(), crfPair };
}

export function publishState(
  p: Publisher,
  ledger: Ledger,
  o: Orchestrators,
  rs: RoundState,
  a: Assignments,
  portEvents: readonly (readonly PortEvent[] | undefined)[],
  buyFilled: readonly (Float64Array | undefined)[],
): LivepeerPublic {
  const O = o.n;
  let first = O;
  while (first > 0 && o.investorSlot[first - 1]) first--;
  const status = new Uint8Array(O);
  const stake = new Float64Array(O);
  const rc = new Float64Array(O);
  const fs = new Float64Array(O);
  const crf = new Float64Array(O);
  let big: string[] | undefined;
  for (let j = 0; j < O; j++) {
    const c = ledger.poolCrf[j]!;
    if (p.crfSeen[j] !== c) {
      p.crfSeen[j] = c;
      splitPair(c, p.crfPair, 2 * j, FACTOR_PAIR);
    }
    if (Number.isNaN(p.crfPair[2 * j])) {
      big ??= new Array<string>(O).fill('');
      big[j] = c.toString();
    }
    status[j] = o.status[j] === ORCH_OFF ? ORCH_OFF : o.active[j] ? ORCH_ACTIVE : ORCH_REGISTERED;
    stake[j] = poolStakeLpt(ledger, j);
    rc[j] = o.rewardCutPpm[j]! / 1e6;
    fs[j] = o.feeSharePpm[j]! / 1e6;
    crf[j] = Number(c) / 1e27;
  }
  return {
    round: rs.round,
    inflationPpb: Number(rs.inflation),
    supplyLpt: toLpt(ledger.supply),
    activeStakeLpt: toLpt(rs.activeStake),
    treasuryCut: Number(rs.treasuryRate / 10n ** 18n) / 1e9,
    orchStatus: status,
    orchStakeLpt: stake,
    orchPriceWei: Float64Array.from(o.priceWei),
    orchAiPriceWei: Float64Array.from(o.aiPriceWei),
    orchRewardCut: rc,
    orchFeeShare: fs,
    orchPerfScore: Float64Array.from(o.perf),
    orchCrf: crf,
    orchCrfExact: p.crfPair.slice(),
    orchCrfBig: big,
    orchRewardRate: Float64Array.from(o.rewardRate),
    orchFeePerStakeEth: Float64Array.from(o.feePerStakeEth),
    buyFilled,
    assignedOrch: a.assigned,
    assignedPriceWei: a.prices,
    portEvents,
    investorSlotSelfLpt: Float64Array.from({ length: O - first }, (_, k) => toLpt(o.self[first + k]!)),
    investorSlotIncomeEth: o.investorIncomeEth.slice(first),
    firstInvestorSlot: first,
  };
}
