import { ExactIntegerSum } from '../../engine/exact-integer-sum.ts';
import { addPairs, joinPair, maxExactPairSum, readPair } from '../../engine/fixed-point-pairs.ts';
import { type HolderAtStart, holderAtStart, type InitialBook } from './initial-state.ts';
import { BONDED, toLpt, WEI_PAIR, WEI_PER_MICRO_LPT } from './lpt.ts';
import { LEDGER_BONDED_TO_UNBONDING, LEDGER_FIRST_BONDED, LEDGER_LIQUID_TO_BONDED, LEDGER_LIQUID_TO_EXCHANGE, type LivepeerOrders } from './messages.ts';
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
  /** LPT on exchanges (holders and investors buy from it and sell to it). */
  readonly exchange: bigint;
}

/**
 * The market's side of the ledgers, in bigint wei (the contracts' fixed point). LPT: supply, minted, treasury, the
 * bonded / unbonding / liquid / exchange totals, each orchestrator pool's total stake and LIP-36 cumulative reward
 * factor, and the holders' unbonding locks by the round they mature in. ETH fees: what broadcasters paid, the
 * orchestrators' fee commission, each pool's cumulative fee factor and the delegators' fees it holds. Each holder's
 * own account lives in the shard that owns the holder (holders.ts), each orchestrator's in orchestrators.ts; the
 * shards post the exact wei their holders' actions move, so the market's work per action is a few bigint additions.
 */
export interface Ledger {
  supply: bigint;
  initialSupply: bigint;
  minted: bigint;
  treasury: bigint;
  bonded: bigint;
  unbonding: bigint;
  liquid: bigint;
  /** LPT held on exchanges: part of supply, in no holder's account; sellers add to it, buyers take from it. */
  exchange: bigint;
  /** The liquid holdings of holders who have never bonded (passive_holder_share). */
  neverBondedLiquid: bigint;
  /** LPT sold to the exchange and bought from it since t = 0 (holders and orchestrators; investors' trades apart). */
  soldLpt: bigint;
  boughtLpt: bigint;
  /** Per orchestrator pool: total stake (self-stake included), wei. */
  readonly poolStake: bigint[];
  /** Per pool: EarningsPoolLIP36 cumulativeRewardFactor (1e27 fixed point), now and at the end of the last round. */
  readonly poolCrf: bigint[];
  readonly poolCrfPrev: bigint[];
  /** Per pool: the stake the round's earnings are shared over (the pool's totalStake when the round began). */
  readonly poolRoundStake: bigint[];
  /** Per pool: EarningsPoolLIP36 cumulativeFeeFactor, and the delegators' fees (ETH wei) it holds unclaimed. */
  readonly poolCff: bigint[];
  readonly poolFeesWei: bigint[];
  /** ETH wei: fees broadcasters paid (winning tickets' face value), the orchestrators' fee commission, and the fees orchestrators claimed out of their pools for their own stake. */
  feesPaidWei: bigint;
  feesCommissionWei: bigint;
  feesClaimedWei: bigint;
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
  const zeros = () => new Array<bigint>(nOrch).fill(0n);
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
    soldLpt: 0n,
    boughtLpt: 0n,
    poolStake: zeros(),
    poolCrf: new Array<bigint>(nOrch).fill(INITIAL_CUMULATIVE_FACTOR),
    poolCrfPrev: new Array<bigint>(nOrch).fill(INITIAL_CUMULATIVE_FACTOR),
    poolRoundStake: zeros(),
    poolCff: zeros(),
    poolFeesWei: zeros(),
    feesPaidWei: 0n,
    feesCommissionWei: 0n,
    feesClaimedWei: 0n,
    holderLocks: new Map(),
    poolAcc: new Float64Array(2 * nOrch),
    stakeLptOf: zeros(),
    stakeLptCache: new Float64Array(nOrch),
  };
}

/**
 * Adds the opening totals of the holders' accounts (which the shards build from the same pure function of the run
 * seed and holder id, initial-state.ts), summed exactly in micro-LPT without keeping anything per holder: each
 * initial pool's delegated stake, the liquid total and the never-bonded part of it.
 */
export function openHolderAccounts(ledger: Ledger, cfg: LivepeerConfig, seed: number, book: InitialBook): void {
  const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, weight: 0 };
  const pools = Array.from({ length: Math.max(1, cfg.orchestrators) }, () => new ExactIntegerSum());
  const liquid = new ExactIntegerSum();
  for (let i = 0; i < cfg.delegators; i++) {
    holderAtStart(cfg, seed, i, book, h);
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
 * The shards' holder actions, as the exact wei they move (each shard owns its holders' accounts and computed every
 * claim): pool totals, bonded / unbonding / liquid totals, sales to the exchange, and one unbonding lock for the
 * window's unbonds, which mature together at round + unbondingPeriod (BondingManager.unbondWithHint). Checks that the
 * pools moved by what the balances did and that nobody moved more than there is. `flowLpt[j]` gains each pool's net
 * delegator move (LPT). Returns the number of transactions.
 */
export function applyHolderActions(
  ledger: Ledger,
  orders: readonly LivepeerOrders[],
  round: number,
  unbondingPeriodRounds: number,
  flowLpt: Float64Array,
): number {
  const acc = ledger.poolAcc;
  const pools = ledger.poolStake;
  const O = pools.length;
  let actions = 0;
  let toBonded = 0n,
    toUnbonding = 0n,
    firstBonded = 0n,
    sold = 0n;
  for (const o of orders) {
    for (let k = 1; k < o.actCounts.length; k++) actions += o.actCounts[k]!;
    const d = o.poolDelta;
    if (d.length !== 2 * O) throw new Error(`livepeer: shard ${o.shard} posted ${d.length / 2} pool deltas for ${O} pools`);
    addPairs(acc, d, 2 * O);
    if (o.poolDeltaBig)
      for (let k = 0; k < o.poolDeltaBig.length; k += 2) {
        const j = Number(o.poolDeltaBig[k]);
        if (!(j >= 0 && j < O)) throw new Error(`livepeer: shard ${o.shard} moved stake of unknown pool ${j}`);
        const x = BigInt(o.poolDeltaBig[k + 1]!);
        pools[j] = pools[j]! + x;
        flowLpt[j] = flowLpt[j]! + toLpt(x);
      }
    const l = o.ledgerWei;
    const lb = o.ledgerBig;
    const slot = (s: number) => (lb ? BigInt(lb[s]!) : readPair(l, 2 * s, WEI_PAIR));
    const b = slot(LEDGER_LIQUID_TO_BONDED);
    const u = slot(LEDGER_BONDED_TO_UNBONDING);
    const f = slot(LEDGER_FIRST_BONDED);
    const x = slot(LEDGER_LIQUID_TO_EXCHANGE);
    if (b < 0n || u < 0n || f < 0n || f > b || x < 0n) throw new Error(`livepeer ledger: shard ${o.shard} posted inconsistent ledger moves`);
    toBonded += b;
    toUnbonding += u;
    firstBonded += f;
    sold += x;
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
    flowLpt[j] = flowLpt[j]! + (hi + lo / 1e12) / 1e6;
  }
  for (const o of orders) if (o.poolDeltaBig) for (let k = 0; k < o.poolDeltaBig.length; k += 2) poolSum += BigInt(o.poolDeltaBig[k + 1]!);
  for (let j = 0; j < O; j++) if (pools[j]! < 0n) throw new Error(`livepeer ledger: delegators took more stake than pool ${j} holds`);
  if (poolSum !== toBonded - toUnbonding) throw new Error("livepeer ledger: the pools' stake moved by other amounts than the holders' balances");
  ledger.bonded += toBonded - toUnbonding;
  ledger.unbonding += toUnbonding;
  // A lock already withdrawable (unbondingPeriod 0) is liquid at once, and may have been sold in the same window.
  if (toUnbonding > 0n) addHolderLock(ledger, round + unbondingPeriodRounds, round, toUnbonding);
  ledger.liquid -= toBonded + sold;
  ledger.neverBondedLiquid -= firstBonded;
  ledger.exchange += sold;
  ledger.soldLpt += sold;
  if (ledger.liquid < 0n || ledger.neverBondedLiquid < 0n) throw new Error('livepeer ledger: holders bonded or sold more than is liquid');
  return actions;
}

/**
 * The holders' purchases from the exchange, filled in shard order and within a shard in the order asked, each as far
 * as the exchange's float goes (exact wei: exchange → liquid). Returns per shard the filled wei as pairs, aligned with
 * its requests (undefined for a shard that asked nothing).
 */
export function fillPurchases(ledger: Ledger, orders: readonly LivepeerOrders[], shards: number): (Float64Array | undefined)[] {
  const out: (Float64Array | undefined)[] = new Array(shards).fill(undefined);
  for (const o of orders) {
    const asks = o.buyWei;
    if (asks.length === 0) continue;
    const filled = new Float64Array(asks.length);
    for (let k = 0; k < asks.length; k += 2) {
      const want = readPair(asks, k, WEI_PAIR);
      let got = want;
      if (got > ledger.exchange) got = ledger.exchange;
      if (got <= 0n) continue;
      ledger.exchange -= got;
      ledger.liquid += got;
      ledger.boughtLpt += got;
      const hi = got / WEI_PER_MICRO_LPT;
      filled[k] = Number(hi);
      filled[k + 1] = Number(got - hi * WEI_PER_MICRO_LPT);
    }
    out[o.shard] = filled;
  }
  return out;
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

/** The holders' locks that mature at round r become liquid (each holder's shard marks its own account when it withdraws). */
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
