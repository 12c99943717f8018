/**
 * Orchid protocol rules as pure functions.
 *
 * Read from OrchidTechnologies/orchid @ 1d1852e0ad49 (2026-02-22): the staking directory (`dir-ethereum/directory.sol`,
 * OrchidDirectory), the v1 lottery (`lot-ethereum/lottery1.sol`, OrchidLottery1), the token (`tok-ethereum/token.sol`)
 * and the client and server that use them (`vpn-shared/source/{network,client,client1,oracle}.cpp`,
 * `lib-protocol/source/chainlink.cpp`, `srv-daemon/source/{lottery,lottery1,server}.cpp`). PROTOCOL-NOTES.md in this
 * folder lists the source of each export and where the sources differ from PROTOCOLS.md §3.
 *
 * Units. On-chain amounts are integers: the lottery's in wei of the chain's native currency (`bigint`), the
 * directory's in micro-OXT (10^12 wei; see `StakeTree`). Times are seconds.
 */

// ---------------------------------------------------------------------------------------------------------------
// Token
// ---------------------------------------------------------------------------------------------------------------

/** Wei per OXT: OrchidToken is an 18-decimal ERC-20 (`tok-ethereum/token.sol`, ERC20Detailed("Orchid", "OXT", 18)). */
export const OXT = 10n ** 18n;
/** OXT supply, fixed: the constructor mints `10**9 * 10**18` once and nothing mints or burns after (`tok-ethereum/token.sol`). */
export const OXT_SUPPLY_WEI = 10n ** 9n * OXT;
/** Wei per micro-OXT, the directory's unit here (see `StakeTree`). */
export const WEI_PER_MICRO_OXT = 10n ** 12n;
/** The OXT supply in micro-OXT: 10^15, an exact double. */
export const OXT_SUPPLY_MICRO = Number(OXT_SUPPLY_WEI / WEI_PER_MICRO_OXT);

/** Solidity reverts, reproduced: the message names the `require` that failed. */
export class ContractRevertError extends Error {
  override readonly name = 'ContractRevertError';
}

const DAY_S = 24 * 60 * 60;

// ---------------------------------------------------------------------------------------------------------------
// The staking directory (dir-ethereum/directory.sol, OrchidDirectory)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The client ignores stakes whose withdrawal delay is under 90 days: `vpn-shared/source/network.cpp` `Scan()` skips
 * `delay < 90*24*60*60`, and `Select()` asserts `delay >= 90*24*60*60` on the stake `pick` returned.
 */
export const MIN_CLIENT_STAKE_DELAY_S = 90 * DAY_S;

/**
 * The directory's stake tree, read by the walk `seek` does: each node (one per (staker, stakee) pair) holds its
 * `amount`, the sums of its left (`before`) and right (`after`) subtrees, its withdrawal `delay` and its `stakee`;
 * `left`/`right` are node indices (-1: none) and `root` the root's (-1: empty).
 *
 * Amounts are whole micro-OXT (10^12 wei) as doubles: the supply is 10^15 micro-OXT, so every sum is an exact
 * integer. When every stake is a whole number of micro-OXT, `seek` makes the contract's choices exactly: the
 * contract's point `have·percent >> 128` in wei, divided by 10^12 and floored, is `haveMicro·percent >> 128`, and
 * `point < before` in wei holds exactly when it holds for the floored point in micro-OXT (every `before` is a
 * multiple of 10^12 wei). A published copy of a tree (plain typed arrays) is a view too.
 */
export interface StakeTreeView {
  readonly root: number;
  readonly before: Float64Array;
  readonly after: Float64Array;
  readonly amount: Float64Array;
  readonly delay: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly stakee: Int32Array;
}

/** A stake waiting to be taken: `pull` put `amount` here, withdrawable from `expire` on (`pendings_[staker][index]`). */
export interface PendingStake {
  expire: number;
  stakee: number;
  amount: number;
}

/** The directory's whole state: the tree, the per-stakee totals (`heft`) and the pending withdrawals. */
export interface StakeTree extends StakeTreeView {
  root: number;
  before: Float64Array;
  after: Float64Array;
  amount: Float64Array;
  delay: Float64Array;
  left: Int32Array;
  right: Int32Array;
  stakee: Int32Array;
  parent: Int32Array;
  staker: Int32Array;
  /** Node of each (staker, stakee) pair: key staker·2^21 + stakee. */
  readonly nodes: Map<number, number>;
  /** Freed node slots, reused by the next insertion. */
  readonly free: number[];
  /** Nodes allocated so far (the arrays' used length). */
  size: number;
  /** `stakees_[stakee].amount_`: total stake on each stakee (`heft`). */
  readonly heft: Map<number, number>;
  /** `pendings_[staker][index]`, keyed `staker/index`. */
  readonly pendings: Map<string, PendingStake>;
}

const MAX_PARTY = 2 ** 21;
const keyOf = (staker: number, stakee: number) => staker * MAX_PARTY + stakee;

function checkParty(field: string, id: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= MAX_PARTY) throw new RangeError(`${field}: ${id} is not an integer from 0 to ${MAX_PARTY - 1}`);
}

function checkMicro(field: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${field}: ${v} is not a whole non-negative number of micro-OXT`);
}

/** An empty directory (`root_` unset). */
export function createStakeTree(capacity = 16): StakeTree {
  const c = Math.max(4, capacity);
  return {
    root: -1,
    before: new Float64Array(c),
    after: new Float64Array(c),
    amount: new Float64Array(c),
    delay: new Float64Array(c),
    left: new Int32Array(c).fill(-1),
    right: new Int32Array(c).fill(-1),
    stakee: new Int32Array(c).fill(-1),
    parent: new Int32Array(c).fill(-1),
    staker: new Int32Array(c).fill(-1),
    nodes: new Map(),
    free: [],
    size: 0,
    heft: new Map(),
    pendings: new Map(),
  };
}

function grow(t: StakeTree): void {
  const c = t.before.length * 2;
  const f64 = (a: Float64Array) => {
    const b = new Float64Array(c);
    b.set(a);
    return b;
  };
  const i32 = (a: Int32Array) => {
    const b = new Int32Array(c).fill(-1);
    b.set(a);
    return b;
  };
  t.before = f64(t.before);
  t.after = f64(t.after);
  t.amount = f64(t.amount);
  t.delay = f64(t.delay);
  t.left = i32(t.left);
  t.right = i32(t.right);
  t.stakee = i32(t.stakee);
  t.parent = i32(t.parent);
  t.staker = i32(t.staker);
}

/** `have()`: the total stake, micro-OXT. */
export function have(t: StakeTreeView): number {
  return t.root < 0 ? 0 : t.before[t.root]! + t.after[t.root]! + t.amount[t.root]!;
}

/** `heft(stakee)`: the total stake on one stakee, micro-OXT. */
export function heft(t: StakeTree, stakee: number): number {
  return t.heft.get(stakee) ?? 0;
}

/** The stake of one (staker, stakee) pair, micro-OXT (0 when none). */
export function stakeOf(t: StakeTree, staker: number, stakee: number): number {
  const k = t.nodes.get(keyOf(staker, stakee));
  return k === undefined ? 0 : t.amount[k]!;
}

/** The withdrawal delay of one (staker, stakee) pair's stake, seconds (0 when none). */
export function delayOf(t: StakeTree, staker: number, stakee: number): number {
  const k = t.nodes.get(keyOf(staker, stakee));
  return k === undefined ? 0 : t.delay[k]!;
}

/** The node `seek(point)` lands on: left while `point < before`, stop while `point - before < amount`, else right. */
export function seekNode(t: StakeTreeView, point: number): number {
  if (t.root < 0) throw new ContractRevertError('seek: require(!nope(root_)): the directory is empty');
  let k = t.root;
  let p = point;
  for (;;) {
    const before = t.before[k]!;
    if (p < before) {
      k = t.left[k]!;
      continue;
    }
    p -= before;
    const amount = t.amount[k]!;
    if (p < amount) return k;
    p -= amount;
    k = t.right[k]!;
    if (k < 0) throw new RangeError(`seek: point ${point} is not below have() = ${have(t)}`);
  }
}

/** `seek(point)`: the stakee and delay of the stake that owns point `point` (0 ≤ point < have()). */
export function seek(t: StakeTreeView, point: number): { stakee: number; delay: number } {
  const k = seekNode(t, point);
  return { stakee: t.stakee[k]!, delay: t.delay[k]! };
}

/** 2^128: `pick` takes a uint128 `percent`. */
export const TWO_POW_128 = 1n << 128n;

/** `pick(percent)` = `seek(have() * percent >> 128)`, for a uint128 percent. */
export function pickProvider(t: StakeTreeView, percent: bigint): { stakee: number; delay: number } {
  if (percent < 0n || percent >= TWO_POW_128) throw new RangeError(`pick: percent ${percent} is not a uint128`);
  const point = Number((BigInt(have(t)) * percent) >> 128n);
  return seek(t, point);
}

/**
 * The client's choice of a provider (`network.cpp` `Select` with no provider configured): pick by stake, and abort
 * (`orc_assert(delay >= 90 days)`) when the pick's delay is too short; the caller's `Retry` (capture.cpp) then runs
 * the connection again with a new percent. Returns the stakee, or -1 for an aborted pick.
 */
export function clientSelect(t: StakeTreeView, percent: bigint, minDelayS = MIN_CLIENT_STAKE_DELAY_S): number {
  const { stakee, delay } = pickProvider(t, percent);
  return delay >= minDelayS ? stakee : -1;
}

function setSlot(t: StakeTree, parentNode: number, side: 'left' | 'right', node: number): void {
  if (parentNode < 0) t.root = node;
  else if (side === 'left') t.left[parentNode] = node;
  else t.right[parentNode] = node;
}

/** The slot that names node k: its parent's left or right (`turn`), or the root. */
function slotOf(t: StakeTree, k: number): { parent: number; side: 'left' | 'right' } {
  const p = t.parent[k]!;
  return { parent: p, side: p >= 0 && t.left[p] === k ? 'left' : 'right' };
}

/** `step`: adds `delta` to the subtree sums of every ancestor of k, walking up until a node whose parent is `stop`. */
function step(t: StakeTree, k: number, delta: number, stop: number): void {
  let key = k;
  while (t.parent[key] !== stop) {
    const p = t.parent[key]!;
    if (t.left[p] === key) t.before[p] = t.before[p]! + delta;
    else t.after[p] = t.after[p]! + delta;
    key = p;
  }
}

/** `lift`: the node's amount, its stakee's heft, and every ancestor's subtree sum move by `delta`. */
function lift(t: StakeTree, k: number, delta: number): void {
  t.amount[k] = t.amount[k]! + delta;
  const s = t.stakee[k]!;
  t.heft.set(s, (t.heft.get(s) ?? 0) + delta);
  step(t, k, delta, -1);
}

/** `wait`: a delay may only grow (`require(stake.delay_ < delay)` when it changes). */
function waitNode(t: StakeTree, k: number, delay: number): void {
  if (t.delay[k] === delay) return;
  if (!(t.delay[k]! < delay)) throw new ContractRevertError(`wait: require(stake.delay_ < delay): delay ${delay} s is below the stake's ${t.delay[k]} s`);
  t.delay[k] = delay;
}

/**
 * `push(stakee, amount, delay)` by `staker` (`more`): a new pair becomes a leaf, reached from the root by walking
 * down the side with the smaller subtree sum (`before_ < after_ ? left_ : right_`); then its delay is raised to
 * `delay` (`wait`) and `amount` is added along its path (`lift`).
 */
export function push(t: StakeTree, staker: number, stakee: number, amount: number, delay: number): void {
  checkParty('push: staker', staker);
  checkParty('push: stakee', stakee);
  checkMicro('push: amount', amount);
  if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`push: delay ${delay} is not a uint128 of seconds`);
  const key = keyOf(staker, stakee);
  let k = t.nodes.get(key);
  if (k === undefined) {
    if (amount === 0) throw new ContractRevertError('push: require(amount != 0) for a new stake');
    let parent = -1;
    let side: 'left' | 'right' = 'right';
    let cur = t.root;
    while (cur >= 0) {
      parent = cur;
      side = t.before[cur]! < t.after[cur]! ? 'left' : 'right';
      cur = side === 'left' ? t.left[cur]! : t.right[cur]!;
    }
    if (t.free.length > 0) k = t.free.pop()!;
    else {
      if (t.size === t.before.length) grow(t);
      k = t.size++;
    }
    t.before[k] = 0;
    t.after[k] = 0;
    t.amount[k] = 0;
    t.delay[k] = 0;
    t.left[k] = -1;
    t.right[k] = -1;
    t.parent[k] = parent;
    t.staker[k] = staker;
    t.stakee[k] = stakee;
    setSlot(t, parent, side, k);
    t.nodes.set(key, k);
  }
  waitNode(t, k, delay);
  lift(t, k, amount);
}

/** `wait(stakee, delay)` by `staker`: raise the delay of an existing stake. */
export function wait(t: StakeTree, staker: number, stakee: number, delay: number): void {
  const k = t.nodes.get(keyOf(staker, stakee));
  if (k === undefined) throw new ContractRevertError('wait: require(stake.amount_ != 0)');
  waitNode(t, k, delay);
}

/** A node of a subtree's heavier side (`before_ > after_ ? left_ : right_`). */
const heavier = (t: StakeTree, k: number): 'left' | 'right' => (t.before[k]! > t.after[k]! ? 'left' : 'right');
const childAt = (t: StakeTree, k: number, side: 'left' | 'right') => (side === 'left' ? t.left[k]! : t.right[k]!);

/**
 * `pull(stakee, amount, index)` by `staker`: takes `amount` out of the stake (it stops being picked at once) and
 * adds it to the pending withdrawal `index`, whose expiry becomes at least `now + delay` (the stake's delay).
 * A stake that reaches 0 leaves the tree: the leaf found by walking down heavier sides from its heavier child takes
 * its place (the contract's `fixr`/`fixl` and the `step` that removes the leaf's amount from its old ancestors).
 * Returns the pending withdrawal's expiry.
 */
export function pull(t: StakeTree, staker: number, stakee: number, amount: number, index: number, now: number): number {
  checkMicro('pull: amount', amount);
  const key = keyOf(staker, stakee);
  const k = t.nodes.get(key);
  if (k === undefined) throw new ContractRevertError('pull: require(stake.amount_ != 0)');
  if (!(t.amount[k]! >= amount)) throw new ContractRevertError(`pull: require(stake.amount_ >= amount): ${amount} > ${t.amount[k]}`);
  const delay = t.delay[k]!;
  lift(t, k, -amount);
  if (t.amount[k] === 0) removeNode(t, k);
  const pkey = `${staker}/${index}`;
  const pending = t.pendings.get(pkey) ?? { expire: 0, stakee: -1, amount: 0 };
  const expire = now + delay;
  if (pending.expire < expire) pending.expire = expire;
  if (pending.stakee < 0) pending.stakee = stakee;
  else if (pending.stakee !== stakee) throw new ContractRevertError('pull: require(pending.stakee_ == stakee)');
  pending.amount += amount;
  t.pendings.set(pkey, pending);
  return pending.expire;
}

function removeNode(t: StakeTree, k: number): void {
  const pivot = slotOf(t, k);
  const childSide = heavier(t, k);
  const child = childAt(t, k, childSide);
  if (child < 0) setSlot(t, pivot.parent, pivot.side, -1);
  else {
    let last = { parent: k, side: childSide };
    let cur = child;
    for (;;) {
      const side = heavier(t, cur);
      const next = childAt(t, cur, side);
      if (next < 0) break;
      last = { parent: cur, side };
      cur = next;
    }
    const direct = t.parent[cur]!;
    setSlot(t, pivot.parent, pivot.side, cur);
    t.parent[cur] = t.parent[k]!;
    if (direct !== k) {
      fixRight(t, k, cur);
      fixLeft(t, k, cur);
      // The removed node stands in the leaf's old place for one `step`, which takes the leaf's amount out of the
      // sums of the leaf's old ancestors, up to the leaf's new place; then the old place is cleared.
      t.parent[k] = direct;
      setSlot(t, last.parent, last.side, k);
      step(t, k, -t.amount[cur]!, t.parent[cur]!);
      setSlot(t, last.parent, last.side, -1);
    } else if (t.left[k] === cur) fixRight(t, k, cur);
    else fixLeft(t, k, cur);
  }
  t.nodes.delete(keyOf(t.staker[k]!, t.stakee[k]!));
  t.before[k] = 0;
  t.after[k] = 0;
  t.amount[k] = 0;
  t.delay[k] = 0;
  t.left[k] = -1;
  t.right[k] = -1;
  t.parent[k] = -1;
  t.staker[k] = -1;
  t.stakee[k] = -1;
  t.free.push(k);
}

/** `fixr`: the replacement takes over the removed node's right subtree and its sum. */
function fixRight(t: StakeTree, removed: number, cur: number): void {
  const r = t.right[removed]!;
  if (r < 0) return;
  t.parent[r] = cur;
  t.right[cur] = r;
  t.after[cur] = t.after[removed]!;
}

/** `fixl`: the replacement takes over the removed node's left subtree and its sum. */
function fixLeft(t: StakeTree, removed: number, cur: number): void {
  const l = t.left[removed]!;
  if (l < 0) return;
  t.parent[l] = cur;
  t.left[cur] = l;
  t.before[cur] = t.before[removed]!;
}

/**
 * `take(index, amount, target)` by `staker` (`pend` with delay 0): withdraws `amount` of a pending withdrawal once
 * `pending.expire_ <= now`; returns the stakee it was pulled from.
 */
export function take(t: StakeTree, staker: number, index: number, amount: number, now: number): number {
  checkMicro('take: amount', amount);
  const pkey = `${staker}/${index}`;
  const pending = t.pendings.get(pkey) ?? { expire: 0, stakee: -1, amount: 0 };
  if (!(pending.expire <= now)) throw new ContractRevertError(`take: require(pending.expire_ <= block.timestamp): expires at ${pending.expire}, now ${now}`);
  if (pending.amount === amount) t.pendings.delete(pkey);
  else {
    if (!(pending.amount > amount)) throw new ContractRevertError(`take: require(pending.amount_ > amount): ${amount} > ${pending.amount}`);
    pending.amount -= amount;
  }
  return pending.stakee;
}

/** A copy of the tree's view in plain typed arrays (structured-cloneable), for the shards to pick from. */
export function snapshotTree(t: StakeTree): StakeTreeView {
  const n = t.size;
  return {
    root: t.root,
    before: t.before.slice(0, n),
    after: t.after.slice(0, n),
    amount: t.amount.slice(0, n),
    delay: t.delay.slice(0, n),
    left: t.left.slice(0, n),
    right: t.right.slice(0, n),
    stakee: t.stakee.slice(0, n),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The v1 lottery (lot-ethereum/lottery1.sol, OrchidLottery1; deployed at 0x6dB8381b2B41b74E17F5D4eB82E8d5b04ddA0a82)
// ---------------------------------------------------------------------------------------------------------------

/** 2^64: the v1 ticket's `ratio` is a uint64. */
export const TWO_POW_64 = 1n << 64n;
const UINT64_MAX = TWO_POW_64 - 1n;

/** `claim_`: the ticket loses when `uint64(ratio) < uint64(keccak256(reveal, nonce))`; it wins when hash ≤ ratio. */
export function ticketWins(hash64: bigint, ratio: bigint): boolean {
  if (hash64 < 0n || hash64 > UINT64_MAX || ratio < 0n || ratio > UINT64_MAX) throw new RangeError('ticketWins: hash and ratio are uint64');
  return !(ratio < hash64);
}

/** A v1 ticket's probability of winning over a uniform hash: (ratio + 1) / 2^64. */
export function winProbability(ratio: bigint): number {
  if (ratio < 0n || ratio > UINT64_MAX) throw new RangeError(`winProbability: ratio ${ratio} is not a uint64`);
  return Number(ratio + 1n) / 2 ** 64;
}

/** `claim_`: a ticket expires at `issued + expire` (packed0 >> 192 plus packed1 >> 225) and pays nothing from then on. */
export function ticketExpired(issuedS: number, expireS: number, nowS: number): boolean {
  return issuedS + expireS <= nowS;
}

/** v1 client tickets expire 2 h after they are issued (`client1.cpp` `Submit`: `expire(60 * 60 * 2)`). */
export const CLIENT_TICKET_EXPIRE_S = 2 * 60 * 60;

/** 2^256 − 1: the merchant value `enroll(cancel = true, …)` stores. */
export const UINT256_MAX = (1n << 256n) - 1n;

/**
 * The merchant list (`enroll`, `mark`, checked in `claim_`): once the funder's loop is closed (`closed_ - 1 <
 * now`, so 0 means open: it wraps to 2^256 − 1), a claim pays nothing when the recipient's merchant value is at most
 * the account's `marked` time. `enroll(false, [r])` sets r's value to `now + day_`, `enroll(true, [r])` to 2^256 − 1
 * (never voided), and an unlisted recipient has 0.
 */
export function claimVoided(loopClosedS: bigint, merchantValue: bigint, markedS: bigint, nowS: bigint): boolean {
  const closedMinusOne = (loopClosedS - 1n) & UINT256_MAX;
  return closedMinusOne < nowS && merchantValue <= markedS;
}

/** What a claim paid and why. */
export interface ClaimResult {
  readonly outcome: 'paid' | 'expired' | 'lost' | 'voided' | 'replayed';
  readonly payoutWei: bigint;
  /** The funder's balance after the claim. */
  readonly balanceWei: bigint;
}

/** A ticket presented to `claim`, and the state it is checked against. */
export interface ClaimInput {
  readonly issuedS: number;
  readonly expireS: number;
  readonly nowS: number;
  readonly ratio: bigint;
  /** uint64(keccak256(reveal, nonce)). */
  readonly hash64: bigint;
  readonly faceWei: bigint;
  readonly balanceWei: bigint;
  /** The funder's loop (`loops_[funder].closed_`, 0: open), the recipient's merchant value and the account's `marked`. */
  readonly loopClosedS?: bigint;
  readonly merchantValue?: bigint;
  readonly markedS?: bigint;
  /** The ticket was claimed before (`tracks_` holds its digest). */
  readonly replayed?: boolean;
}

/**
 * `claim_`, in the contract's order: expired → 0; losing → 0; merchant loop voids → 0; replayed → 0; else the
 * payout is `min(amount, balance)` — the face value, or what is left of the balance — taken from the balance (the
 * escrow is untouched).
 */
export function claimTicket(c: ClaimInput): ClaimResult {
  const none = (outcome: ClaimResult['outcome']): ClaimResult => ({ outcome, payoutWei: 0n, balanceWei: c.balanceWei });
  if (ticketExpired(c.issuedS, c.expireS, c.nowS)) return none('expired');
  if (!ticketWins(c.hash64, c.ratio)) return none('lost');
  if (claimVoided(c.loopClosedS ?? 0n, c.merchantValue ?? 0n, c.markedS ?? 0n, BigInt(c.nowS))) return none('voided');
  if (c.replayed) return none('replayed');
  const payoutWei = lotteryPayout(c.faceWei, c.balanceWei);
  return { outcome: 'paid', payoutWei, balanceWei: c.balanceWei - payoutWei };
}

/** What a winning, valid claim pays: `min(amount, balance)` (`claim_`: `uint128(cache) >= amount ? amount : uint128(cache)`). */
export function lotteryPayout(faceWei: bigint, balanceWei: bigint): bigint {
  if (faceWei < 0n || balanceWei < 0n) throw new RangeError('lotteryPayout: face and balance are uint128');
  return balanceWei >= faceWei ? faceWei : balanceWei;
}

/**
 * The largest face value a v1 account backs (`client1.cpp` `Pot::usable`, the same in `srv-daemon/source/lottery.hpp`):
 * min((escrow − warned) / 2, balance), with a fully warned escrow giving 0. The client signs every ticket of a
 * connection with this face value; the server credits a ticket only while it is at least the ticket's face.
 */
export function maxFaceValue(balanceWei: bigint, escrowWei: bigint, warnedWei: bigint): bigint {
  const free = escrowWei < warnedWei ? 0n : escrowWei - warnedWei;
  const half = free / 2n;
  return half < balanceWei ? half : balanceWei;
}

/** `edit_` with `warn > 0`: the escrow unlocks `day_` seconds later. */
export function warnUnlockS(nowS: number, daySeconds: number): number {
  return nowS + daySeconds;
}

/** `edit_` with `adjust < 0` (recovering escrow): `require(unlock - 1 < block.timestamp)`, so never with unlock 0. */
export function canRecoverEscrow(unlockS: number, nowS: number): boolean {
  return unlockS !== 0 && unlockS - 1 < nowS;
}

// ---------------------------------------------------------------------------------------------------------------
// The client's ticket pricing (vpn-shared/source/client.cpp `Ratio`, client1.cpp `Submit`, `Gas`)
// ---------------------------------------------------------------------------------------------------------------

/** Gas the v1 client prices a redemption at (`client1.cpp` `Gas()`; the server's `Submit1` uses the same 60000). */
export const CLIENT_REDEEM_GAS_V1 = 60_000;
/**
 * Whether the client will price a ticket of this face value at all, exactly: `Ratio` asserts `1 - cost / value >=
 * 0.10`, so it sends no ticket whose redemption costs over 90 % of its face value.
 */
export function clientCanPay(faceWei: bigint, gasCostWei: bigint): boolean {
  // 1 - cost/value >= 1/10  <=>  10·(value − cost) >= value (value > 0).
  return faceWei > 0n && 10n * (faceWei - gasCostWei) >= faceWei;
}

/**
 * The v1 ticket's ratio for a payment of `amountWei` (`client1.cpp` `Submit`: `uint64(2^64 · Ratio(...) − 1)`, with
 * `Ratio = amount / (face·$ − gas·gasPrice·$)`). In v1 the ticket pays in the chain's native currency, the one gas is
 * paid in, so the dollar prices cancel: ratio = ⌊2^64 · amount / (face − gasCost)⌋ − 1. Then the ticket's expected
 * value net of the redemption gas, (ratio + 1) / 2^64 · (face − gasCost), is the amount owed, less under one part
 * in 2^64 of a face value. Throws where the client would fail: redemption over 90 % of the face (its assert), or a
 * payment outside (0, face − gasCost] that does not fit a uint64 ratio.
 */
export function clientRatio(amountWei: bigint, faceWei: bigint, gasCostWei: bigint): bigint {
  if (!clientCanPay(faceWei, gasCostWei)) throw new RangeError(`clientRatio: redeeming costs ${gasCostWei} wei, over 90 % of the face value ${faceWei} wei`);
  const net = faceWei - gasCostWei;
  const scaled = (TWO_POW_64 * amountWei) / net;
  if (amountWei <= 0n || scaled < 1n || scaled > TWO_POW_64)
    throw new RangeError(`clientRatio: amount ${amountWei} wei gives a ratio outside uint64 for a net face of ${net} wei`);
  return scaled - 1n;
}

/** The expected value of a v1 ticket to its recipient net of the redemption gas: P(win) · (face − gasCost), in wei (a rational as num/den). */
export function ticketValueNetOfGas(ratio: bigint, faceWei: bigint, gasCostWei: bigint): { num: bigint; den: bigint } {
  return { num: (ratio + 1n) * (faceWei - gasCostWei), den: TWO_POW_64 };
}

/**
 * What the relay credits the client for a v1 ticket (`srv-daemon/source/lottery1.cpp` `Credit`, called with
 * `ratio << 64` and `gas = 60000`): (face − gas·bid) · (ratio·2^64 + 1) / 2^128, in wei as num/den.
 */
export function serverCredit(ratio: bigint, faceWei: bigint, gasCostWei: bigint): { num: bigint; den: bigint } {
  return { num: (faceWei - gasCostWei) * ((ratio << 64n) + 1n), den: TWO_POW_128 };
}

/**
 * The client's win probability in doubles, as the simulation draws winners: amount / (face − gasCost), the ratio
 * `clientRatio` encodes (to one part in 2^64). NaN where the client refuses (see `clientCanPay`) or the payment
 * exceeds the net face. Amounts in any one unit.
 */
export function clientWinProbability(amount: number, face: number, gasCost: number): number {
  if (!(face > 0) || 10 * (face - gasCost) < face) return Number.NaN;
  const p = amount / (face - gasCost);
  return p > 0 && p <= 1 ? p : Number.NaN;
}

/** Efficiency as the GUI shows it (`orchid_market_v1.dart`): the share of a ticket's face the recipient keeps after gas, (face − cost) / face. */
export function efficiency(face: number, gasCost: number): number {
  return face > 0 ? Math.max(0, (face - gasCost) / face) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Bandwidth price and prepaid credit (vpn-shared/source/oracle.cpp, lib-protocol/source/chainlink.cpp, client.cpp)
// ---------------------------------------------------------------------------------------------------------------

/** The price feed's fallback, USD per GB: `Chainlink(..., 0.06*Ten5, Ten5)` in `oracle.cpp`. */
export const BANDWIDTH_PRICE_FALLBACK_USD_PER_GB = 0.06;
/** The client's cap, USD per GB: `Prices{gb1 > 0.10 ? 0.10 : gb1, ...}` in `oracle.cpp`. */
export const BANDWIDTH_PRICE_CAP_USD_PER_GB = 0.1;
/** The feed's answer has 5 decimals (`adjust = Ten5`). */
export const BANDWIDTH_FEED_SCALE = 100_000;

/**
 * The client's bandwidth price, USD per GB: the Chainlink feed's `latestAnswer` / 10^5, the fallback 0.06 when the
 * answer is 0 or the call fails (`undefined`), capped at 0.10 (`chainlink.cpp` `Chainlink`, `oracle.cpp` `Oracle`).
 */
export function bandwidthPriceUsdPerGb(answer: bigint | undefined): number {
  if (answer !== undefined && answer < 0n) throw new RangeError(`bandwidthPriceUsdPerGb: answer ${answer} is not a uint256`);
  const gb1 = answer === undefined || answer === 0n ? BANDWIDTH_PRICE_FALLBACK_USD_PER_GB : Number(answer) / BANDWIDTH_FEED_SCALE;
  return gb1 > BANDWIDTH_PRICE_CAP_USD_PER_GB ? BANDWIDTH_PRICE_CAP_USD_PER_GB : gb1;
}

/** The credit the client keeps prepaid, USD: `prices.gb1_ / 1024 * 2` (two MB of service; `client.cpp` `Invoice`). */
export function prepaidCreditUsd(priceUsdPerGb: number): number {
  return (priceUsdPerGb / 1024) * 2;
}

/**
 * The client's top-up (`client.cpp` `Invoice`): when the credit it predicts (balance at the relay plus tickets in
 * flight) falls below the prepaid credit, it sends a ticket for `2 · prepay − predicted`; otherwise nothing.
 */
export function clientTopUpUsd(predictedUsd: number, priceUsdPerGb: number): number {
  const prepay = prepaidCreditUsd(priceUsdPerGb);
  return prepay > predictedUsd ? prepay * 2 - predictedUsd : 0;
}
