import { createStakeTree, have, pull, push, type StakeTree, take } from './protocol.ts';

/**
 * Every OXT in the model, in whole micro-OXT (exact doubles): the directory (stakes, and stake pulled and waiting out
 * its delay), the wallets of the model's stakers (relays, lenders, investors' loans), the exchange's float, and the
 * rest of the fixed supply, held outside the model. OXT only moves between these; nothing mints or burns it
 * (tok-ethereum/token.sol), so their sum is always the supply (`oxtTotals`).
 *
 * Stakers are numbered: relay i is staker i, lender j is staker `relays + j`, investor loan k is staker
 * `relays + lenders + k`. Each staker uses one pending withdrawal (index 0), as one pull at a time.
 */
export interface OxtLedger {
  readonly tree: StakeTree;
  /** Liquid OXT of each staker. */
  readonly wallet: Float64Array;
  /** OXT on the exchange investors trade with. */
  exchangeMicro: number;
  /** The rest of the supply. */
  outsideMicro: number;
}

export function createOxtLedger(stakers: number): OxtLedger {
  return { tree: createStakeTree(Math.max(16, stakers)), wallet: new Float64Array(stakers), exchangeMicro: 0, outsideMicro: 0 };
}

/** The pending withdrawal of a staker (index 0), or undefined. */
export function pendingOf(l: OxtLedger, staker: number): { expire: number; stakee: number; amount: number } | undefined {
  return l.tree.pendings.get(`${staker}/0`);
}

/** Stakes `micro` of the staker's wallet on `stakee` with a withdrawal delay (directory push). */
export function stakeFromWallet(l: OxtLedger, staker: number, stakee: number, micro: number, delayS: number): void {
  if (!(micro > 0 && micro <= l.wallet[staker]!))
    throw new RangeError(`orchid ledger: staker ${staker} stakes ${micro} micro-OXT, holding ${l.wallet[staker]}`);
  l.wallet[staker] = l.wallet[staker]! - micro;
  push(l.tree, staker, stakee, micro, delayS);
}

/** Pulls `micro` of a stake into the staker's pending withdrawal; returns when it can be taken. */
export function pullStake(l: OxtLedger, staker: number, stakee: number, micro: number, now: number): number {
  return pull(l.tree, staker, stakee, micro, 0, now);
}

/** Takes a staker's pending withdrawal into its wallet once its delay is over; returns the OXT taken (0 if none or not yet). */
export function takeMatured(l: OxtLedger, staker: number, now: number): number {
  const p = pendingOf(l, staker);
  if (!p || p.expire > now) return 0;
  const amount = p.amount;
  take(l.tree, staker, 0, amount, now);
  l.wallet[staker] = l.wallet[staker]! + amount;
  return amount;
}

/** Where every OXT is. `supply` must equal OXT_SUPPLY_MICRO. */
export interface OxtTotals {
  readonly staked: number;
  readonly pending: number;
  readonly wallets: number;
  readonly exchange: number;
  readonly outside: number;
  readonly supply: number;
}

export function oxtTotals(l: OxtLedger): OxtTotals {
  let pending = 0;
  for (const p of l.tree.pendings.values()) pending += p.amount;
  let wallets = 0;
  for (let s = 0; s < l.wallet.length; s++) wallets += l.wallet[s]!;
  const staked = have(l.tree);
  return {
    staked,
    pending,
    wallets,
    exchange: l.exchangeMicro,
    outside: l.outsideMicro,
    supply: staked + pending + wallets + l.exchangeMicro + l.outsideMicro,
  };
}
