import type { PairColumns } from '../../engine/fixed-point-pairs.ts';
import { accountOf, addToAccount, createAccounts, minAtto } from './fil.ts';

export { accountOf };

import { lockVesting, releaseVesting, takeUnvested, type Vesting } from './vesting.ts';

/**
 * The FIL ledger: where every attoFIL of the modelled universe is. The world's buckets are `bigint` totals; each
 * provider's accounts are exact pairs (fil.ts) whose totals the ledger keeps in step. At every clear the buckets
 * add up to `universe`, the sum at t = 0 (the conservation test recounts it).
 *
 * - `unminted`: the reward actor's balance (storage-mining allocation not yet awarded);
 * - `reserve`: the mining reserve f090; `genesisUnvested`: genesis multisigs not yet vested (lotus schedule);
 * - `holders`: liquid FIL outside the modelled accounts (exchanges, clients' wallets, everyone else);
 * - per provider: `available`, `pledge` (initial pledge), `vesting` (locked rewards), `precommit` (deposits),
 *   `collateral` (deal collateral); owed by providers, not held: `feeDebt`, `borrowed`;
 * - `escrow` (clients' deal payments in the market actor), `pool` (lenders' FIL not lent out), `burnt` (f099).
 */
export const AVAILABLE = 0;
export const PLEDGE = 1;
export const VESTING = 2;
export const PRECOMMIT = 3;
export const COLLATERAL = 4;
const KINDS = 5;

export interface Ledger {
  readonly providers: number;
  /** Per kind (AVAILABLE … COLLATERAL), each provider's exact attoFIL. */
  readonly accounts: readonly PairColumns[];
  /** Per kind, the sum over providers. */
  readonly totals: bigint[];
  readonly feeDebt: PairColumns;
  feeDebtTotal: bigint;
  readonly borrowed: PairColumns;
  borrowedTotal: bigint;
  unminted: bigint;
  reserve: bigint;
  genesisUnvested: bigint;
  holders: bigint;
  escrow: bigint;
  pool: bigint;
  burnt: bigint;
  /** The reward actor's TotalStoragePowerReward: everything awarded since genesis (lotus: FIL mined). */
  mined: bigint;
  /** Since t = 0: minted, its immediately available quarter, vested from locked rewards, unvested taken by penalties. */
  minedSinceStart: bigint;
  rewardsImmediate: bigint;
  rewardsVested: bigint;
  vestingPenalised: bigint;
  burntSinceStart: bigint;
  interestPaid: bigint;
  /** Sum of every bucket at t = 0. */
  universe: bigint;
}

export function createLedger(providers: number): Ledger {
  return {
    providers,
    accounts: Array.from({ length: KINDS }, () => createAccounts(providers)),
    totals: new Array<bigint>(KINDS).fill(0n),
    feeDebt: createAccounts(providers),
    feeDebtTotal: 0n,
    borrowed: createAccounts(providers),
    borrowedTotal: 0n,
    unminted: 0n,
    reserve: 0n,
    genesisUnvested: 0n,
    holders: 0n,
    escrow: 0n,
    pool: 0n,
    burnt: 0n,
    mined: 0n,
    minedSinceStart: 0n,
    rewardsImmediate: 0n,
    rewardsVested: 0n,
    vestingPenalised: 0n,
    burntSinceStart: 0n,
    interestPaid: 0n,
    universe: 0n,
  };
}

/** Sum of every bucket that holds FIL (debts are not holdings). */
export function ledgerSum(l: Ledger): bigint {
  let s = l.unminted + l.reserve + l.genesisUnvested + l.holders + l.escrow + l.pool + l.burnt;
  for (const t of l.totals) s += t;
  return s;
}

/** Fixes the universe once the opening balances are in. */
export function sealUniverse(l: Ledger): void {
  l.universe = ledgerSum(l);
}

export function accountBalance(l: Ledger, kind: number, i: number): bigint {
  return accountOf(l.accounts[kind]!, i);
}

/** Adds `delta` to provider i's account of `kind` and its total (the caller moves the counterpart). */
const KIND_NAMES = ['available', 'pledge', 'vesting', 'pre-commit deposit', 'collateral'];

export function addToProvider(l: Ledger, kind: number, i: number, delta: bigint): void {
  if (accountOf(l.accounts[kind]!, i) + delta < 0n)
    throw new RangeError(`FIL ledger: provider ${i}'s ${KIND_NAMES[kind]} account would go negative (${accountOf(l.accounts[kind]!, i)} + ${delta} attoFIL)`);
  addToAccount(l.accounts[kind]!, i, delta);
  l.totals[kind] = l.totals[kind]! + delta;
}

/** Moves FIL between two of provider i's accounts. */
export function moveWithin(l: Ledger, i: number, from: number, to: number, amount: bigint): void {
  addToProvider(l, from, i, -amount);
  addToProvider(l, to, i, amount);
}

/** Provider i buys FIL from holders (an exchange) with outside money. @throws when holders hold too little. */
export function buyFromHolders(l: Ledger, i: number, amount: bigint): void {
  if (amount > l.holders) throw new RangeError(`FIL ledger: holders hold ${l.holders} attoFIL, provider ${i} buys ${amount}`);
  l.holders -= amount;
  addToProvider(l, AVAILABLE, i, amount);
}

/** Provider i sells available FIL to holders. */
export function sellToHolders(l: Ledger, i: number, amount: bigint): void {
  addToProvider(l, AVAILABLE, i, -amount);
  l.holders += amount;
}

/** Lenders move FIL from holders into the pool (a negative amount withdraws it). @throws when either side is short. */
export function holdersToPool(l: Ledger, amount: bigint): void {
  if (amount > l.holders || -amount > l.pool) throw new RangeError(`FIL ledger: cannot move ${amount} attoFIL between holders and the pool`);
  l.holders -= amount;
  l.pool += amount;
}

/** Burns from provider i's available balance (gas, penalties paid). */
export function burnAvailable(l: Ledger, i: number, amount: bigint): void {
  addToProvider(l, AVAILABLE, i, -amount);
  l.burnt += amount;
  l.burntSinceStart += amount;
}

/** Burns from provider i's account `kind` (slashed collateral, a lost pre-commit deposit). */
export function burnFrom(l: Ledger, kind: number, i: number, amount: bigint): void {
  addToProvider(l, kind, i, -amount);
  l.burnt += amount;
  l.burntSinceStart += amount;
}

/** Lenders' FIL to provider i (returns what was lent: at most what the pool holds). */
export function borrowFromPool(l: Ledger, i: number, want: bigint): bigint {
  const amount = want < l.pool ? want : l.pool;
  if (amount <= 0n) return 0n;
  l.pool -= amount;
  addToProvider(l, AVAILABLE, i, amount);
  addToAccount(l.borrowed, i, amount);
  l.borrowedTotal += amount;
  return amount;
}

/** Provider i repays up to `amount` of its loan from its available balance; returns what it repaid. */
export function repayPool(l: Ledger, i: number, amount: bigint): bigint {
  const owed = accountOf(l.borrowed, i);
  const avail = accountBalance(l, AVAILABLE, i);
  let pay = minAtto(amount, owed);
  if (pay > avail) pay = avail;
  if (pay <= 0n) return 0n;
  addToProvider(l, AVAILABLE, i, -pay);
  l.pool += pay;
  addToAccount(l.borrowed, i, -pay);
  l.borrowedTotal -= pay;
  return pay;
}

/** A day's interest on provider i's loan: paid from available to the pool, the unpaid rest added to the loan. */
export function accrueInterest(l: Ledger, i: number, interest: bigint): void {
  if (interest <= 0n) return;
  const avail = accountBalance(l, AVAILABLE, i);
  const paid = minAtto(interest, avail);
  if (paid > 0n) {
    addToProvider(l, AVAILABLE, i, -paid);
    l.pool += paid;
    l.interestPaid += paid;
  }
  if (interest > paid) {
    addToAccount(l.borrowed, i, interest - paid);
    l.borrowedTotal += interest - paid;
  }
}

/**
 * A block reward to provider i on `day`: the reward actor's balance pays it, a quarter is available at once and the
 * rest vests (`locked_reward_from_reward`). Fee debt is repaid first from what is available, as `apply_rewards` does.
 */
export function awardReward(l: Ledger, v: Vesting, i: number, day: number, reward: bigint, locked: bigint): void {
  if (reward > l.unminted) throw new RangeError(`FIL ledger: the reward actor holds ${l.unminted} attoFIL and pays ${reward}`);
  l.unminted -= reward;
  l.mined += reward;
  l.minedSinceStart += reward;
  l.rewardsImmediate += reward - locked;
  addToProvider(l, AVAILABLE, i, reward - locked);
  addToProvider(l, VESTING, i, locked);
  lockVesting(v, i, day, locked);
}

/** Releases provider i's vesting for `day` into its available balance. */
export function vestDay(l: Ledger, v: Vesting, i: number, day: number): void {
  const released = releaseVesting(v, i, day);
  if (released === 0n) return;
  moveWithin(l, i, VESTING, AVAILABLE, released);
  l.rewardsVested += released;
}

/**
 * Charges a penalty to provider i (`apply_penalty` then `repay_partial_debt_in_priority_order`): the fee debt grows
 * by it, then unvested rewards pay it earliest first, then the available balance; what is paid is burnt, the rest
 * stays owed. Returns what was burnt.
 */
export function chargePenalty(l: Ledger, v: Vesting, i: number, penalty: bigint): bigint {
  if (penalty > 0n) {
    addToAccount(l.feeDebt, i, penalty);
    l.feeDebtTotal += penalty;
  }
  return repayFeeDebt(l, v, i);
}

/** Repays provider i's fee debt from unvested funds, then its available balance (burnt); returns what was burnt. */
export function repayFeeDebt(l: Ledger, v: Vesting, i: number): bigint {
  const debt = accountOf(l.feeDebt, i);
  if (debt === 0n) return 0n;
  const fromVesting = takeUnvested(v, i, debt);
  if (fromVesting > 0n) {
    burnFrom(l, VESTING, i, fromVesting);
    l.vestingPenalised += fromVesting;
  }
  const avail = accountBalance(l, AVAILABLE, i);
  const rest = debt - fromVesting;
  const fromAvailable = minAtto(rest, avail);
  if (fromAvailable > 0n) burnAvailable(l, i, fromAvailable);
  const paid = fromVesting + fromAvailable;
  addToAccount(l.feeDebt, i, -paid);
  l.feeDebtTotal -= paid;
  return paid;
}

/** FIL that is locked in lotus's sense (since network version 23): initial pledge plus vesting rewards. */
export function lockedFil(l: Ledger): bigint {
  return l.totals[PLEDGE]! + l.totals[VESTING]!;
}
