import { ExactIntegerSum } from '../../engine/exact-integer-sum.ts';
import { addPairs, joinPair, maxExactPairSum, readPair } from '../../engine/fixed-point-pairs.ts';
import { zipfCumulative } from '../../engine/zipf.ts';
import { type HolderAtStart, holderHoldingAtStart } from './initial-state.ts';
import { BONDED, toLpt, WEI_PAIR, WEI_PER_MICRO_LPT } from './lpt.ts';
import { LEDGER_BONDED_TO_UNBONDING, LEDGER_FIRST_BONDED, LEDGER_LIQUID_TO_BONDED, type LivepeerOrders } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { INITIAL_CUMULATIVE_FACTOR } from './protocol.ts';

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
  /** LPT on exchanges (outside investors buy from it and sell to it). */
  readonly exchange: bigint;
}

/**
 * The market's side of the LPT ledger, in bigint wei (the contracts' fixed point): supply, minted, treasury, the
 * bonded / unbonding / liquid totals, each orchestrator pool's total stake and LIP-36 cumulative reward factor, and
 * the holders' unbonding locks by the round they mature in. Each holder's own account lives in the shard that owns
 * the holder (holders.ts), each orchestrator's in orchestrators.ts; the shards post the exact wei their holders'
 * actions move, so the market's work per action is a few bigint additions.
 */
export interface Ledger {
  supply: bigint;
  initialSupply: bigint;
  minted: bigint;
  treasury: bigint;
  bonded: bigint;
  unbonding: bigint;
  liquid: bigint;
  /** LPT held on exchanges: part of supply, in no holder's account; outside investors buy from it and sell to it. */
  exchange: bigint;
  /** The liquid holdings of holders who have never bonded (passive_holder_share). */
  neverBondedLiquid: bigint;
  /** Per orchestrator pool: total stake (self-stake included), wei. */
  readonly poolStake: bigint[];
  /** Per orchestrator pool: EarningsPoolLIP36 cumulativeRewardFactor (1e27 fixed point). */
  readonly poolCrf: bigint[];
  /** Holders' unbonding locks by the round they mature in: total wei. */
  readonly holderLocks: Map<number, bigint>;
  /** Per clear: the shards' pool deltas summed exactly as pairs of doubles, then added once as bigints. */
  readonly poolAcc: Float64Array;
  /** toLpt(poolStake[j]) for the stake it was last computed from (clear and publish read it every window). */
  readonly stakeLptOf: bigint[];
  readonly stakeLptCache: Float64Array;
}

/** An empty ledger for `nOrch` orchestrator pools, for a run of `shards` shards. */
export function createLedger(nOrch: number, shards: number): Ledger {
  // Each shard's pool deltas are added as pairs: at most maxExactPairSum of them add exactly (512 ≥ the 256 shards allowed).
  if (shards > maxExactPairSum(WEI_PAIR))
    throw new RangeError(`livepeer ledger: ${shards} shards; pool deltas add exactly for at most ${maxExactPairSum(WEI_PAIR)}`);
  return {
    supply: 0n,
    initialSupply: 0n,
    minted: 0n,
    treasury: 0n,
    bonded: 0n,
    unbonding: 0n,
    liquid: 0n,
    exchange: 0n,
    neverBondedLiquid: 0n,
    poolStake: new Array<bigint>(nOrch).fill(0n),
    poolCrf: new Array<bigint>(nOrch).fill(INITIAL_CUMULATIVE_FACTOR),
    holderLocks: new Map(),
    poolAcc: new Float64Array(2 * nOrch),
    stakeLptOf: new Array<bigint>(nOrch).fill(0n),
    stakeLptCache: new Float64Array(nOrch),
  };
}

/**
 * Adds the opening totals of the holders' accounts (which the shards build from the same pure function of the run
 * seed and holder id, initial-state.ts), summed exactly in micro-LPT without keeping anything per holder: each
 * initial pool's delegated stake, the liquid total and the never-bonded part of it.
 */
export function openHolderAccounts(ledger: Ledger, cfg: LivepeerConfig, seed: number): void {
  const zipf = zipfCumulative(Math.max(1, cfg.orchestrators), cfg.stakeZipf);
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, hurdleAnnual: 0 };
  const pools = Array.from({ length: Math.max(1, cfg.orchestrators) }, () => new ExactIntegerSum());
  const liquid = new ExactIntegerSum();
  for (let i = 0; i < cfg.delegators; i++) {
    holderHoldingAtStart(cfg, seed, i, zipf, h);
    if (h.state === BONDED) pools[h.delegate]!.add(h.microLpt);
    else liquid.add(h.microLpt);
  }
  for (let j = 0; j < cfg.orchestrators; j++) {
    const amount = pools[j]!.total() * WEI_PER_MICRO_LPT;
    ledger.poolStake[j] = ledger.poolStake[j]! + amount;
    ledger.bonded += amount;
    ledger.supply += amount;
  }
  const liquidWei = liquid.total() * WEI_PER_MICRO_LPT;
  ledger.liquid += liquidWei;
  ledger.neverBondedLiquid = liquidWei;
  ledger.supply += liquidWei;
}

/** Pool j's total stake in LPT (a double; cached while the stake does not change). */
export function poolStakeLpt(ledger: Ledger, j: number): number {
  const w = ledger.poolStake[j]!;
  if (w !== ledger.stakeLptOf[j]) {
    ledger.stakeLptOf[j] = w;
    ledger.stakeLptCache[j] = toLpt(w);
  }
  return ledger.stakeLptCache[j]!;
}

/**
 * The shards' delegator actions, as the exact wei they move (each shard owns its holders' accounts and computed
 * every claim): pool totals, bonded / unbonding / liquid totals, and one unbonding lock for the window's unbonds,
 * which mature together at round + unbondingPeriod (BondingManager.unbondWithHint). Checks that the pools moved by
 * what the balances did and that nobody moved more than there is. Returns the number of actions.
 */
export function applyHolderActions(ledger: Ledger, orders: readonly LivepeerOrders[], round: number, unbondingPeriodRounds: number): number {
  const acc = ledger.poolAcc;
  const pools = ledger.poolStake;
  const O = pools.length;
  let actions = 0;
  let toBonded = 0n,
    toUnbonding = 0n,
    firstBonded = 0n;
  for (const o of orders) {
    actions += o.actCounts[1]! + o.actCounts[2]! + o.actCounts[3]!;
    const d = o.poolDelta;
    if (d.length !== 2 * O) throw new Error(`livepeer: shard ${o.shard} posted ${d.length / 2} pool deltas for ${O} pools`);
    addPairs(acc, d, 2 * O);
    if (o.poolDeltaBig)
      for (let k = 0; k < o.poolDeltaBig.length; k += 2) {
        const j = Number(o.poolDeltaBig[k]);
        if (!(j >= 0 && j < O)) throw new Error(`livepeer: shard ${o.shard} moved stake of unknown pool ${j}`);
        pools[j] = pools[j]! + BigInt(o.poolDeltaBig[k + 1]!);
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
    const d = joinPair(hi, lo, WEI_PAIR);
    acc[2 * j] = 0;
    acc[2 * j + 1] = 0;
    pools[j] = pools[j]! + d;
    poolSum += d;
  }
  for (const o of orders) if (o.poolDeltaBig) for (let k = 0; k < o.poolDeltaBig.length; k += 2) poolSum += BigInt(o.poolDeltaBig[k + 1]!);
  for (let j = 0; j < O; j++) if (pools[j]! < 0n) throw new Error(`livepeer ledger: delegators took more stake than pool ${j} holds`);
  if (poolSum !== toBonded - toUnbonding) throw new Error("livepeer ledger: the pools' stake moved by other amounts than the holders' balances");
  ledger.liquid -= toBonded;
  ledger.neverBondedLiquid -= firstBonded;
  ledger.bonded += toBonded - toUnbonding;
  ledger.unbonding += toUnbonding;
  // With an unbonding period of 0 a lock is liquid at once, and a holder may bond it again in the same window: the
  // window's moves are checked together, after the locks that are already withdrawable have been released.
  if (toUnbonding > 0n) addHolderLock(ledger, round + unbondingPeriodRounds, round, toUnbonding);
  if (ledger.liquid < 0n || ledger.neverBondedLiquid < 0n) throw new Error('livepeer ledger: holders bonded more than is liquid');
  return actions;
}

/** A holders' unbonding lock maturing at `withdrawRound`; one already withdrawable (unbondingPeriod 0) is liquid at once. */
function addHolderLock(ledger: Ledger, withdrawRound: number, round: number, amount: bigint): void {
  if (withdrawRound <= round) {
    ledger.unbonding -= amount;
    ledger.liquid += amount;
    return;
  }
  ledger.holderLocks.set(withdrawRound, (ledger.holderLocks.get(withdrawRound) ?? 0n) + amount);
}

/** The holders' locks that mature at round r become liquid (each holder's shard marks its own account at its next review). */
export function releaseHolderLocks(ledger: Ledger, r: number): void {
  const held = ledger.holderLocks.get(r);
  if (held === undefined) return;
  ledger.holderLocks.delete(r);
  ledger.unbonding -= held;
  ledger.liquid += held;
}

/** The running totals. */
export function ledgerTotals(ledger: Ledger): LedgerTotals {
  return {
    supply: ledger.supply,
    initialSupply: ledger.initialSupply,
    minted: ledger.minted,
    bonded: ledger.bonded,
    unbonding: ledger.unbonding,
    liquid: ledger.liquid,
    treasury: ledger.treasury,
    exchange: ledger.exchange,
  };
}
