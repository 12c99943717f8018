import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANDWIDTH_PRICE_CAP_USD_PER_GB,
  bandwidthPriceUsdPerGb,
  CLIENT_TICKET_EXPIRE_S,
  ContractRevertError,
  canRecoverEscrow,
  claimTicket,
  claimVoided,
  clientCanPay,
  clientRatio,
  clientSelect,
  clientTopUpUsd,
  clientWinProbability,
  createStakeTree,
  delayOf,
  have,
  heft,
  lotteryPayout,
  MIN_CLIENT_STAKE_DELAY_S,
  maxFaceValue,
  OXT_SUPPLY_MICRO,
  OXT_SUPPLY_WEI,
  pickProvider,
  prepaidCreditUsd,
  pull,
  push,
  type StakeTree,
  type StakeTreeView,
  seek,
  serverCredit,
  snapshotTree,
  stakeOf,
  TWO_POW_64,
  TWO_POW_128,
  take,
  ticketValueNetOfGas,
  ticketWins,
  UINT256_MAX,
  wait,
  winProbability,
} from '../../../src/networks/orchid/protocol.ts';

/**
 * Every expected value below comes from OrchidTechnologies/orchid @ 1d1852e0ad49: the contract or client line named
 * in the test, or the repository's own directory test (dir-ethereum/random-test/test.py).
 */

/** Checks the tree as test.py's `check_tree` does: parents, and before_/after_ equal to the subtree sums; returns the sum. */
function checkTree(t: StakeTree, k: number, parent: number): number {
  expect(t.parent[k]).toBe(parent);
  const l = t.left[k]!;
  const r = t.right[k]!;
  const before = l >= 0 ? checkTree(t, l, k) : 0;
  const after = r >= 0 ? checkTree(t, r, k) : 0;
  expect(t.before[k]).toBe(before);
  expect(t.after[k]).toBe(after);
  expect(t.amount[k]).toBeGreaterThan(0);
  return before + t.amount[k]! + after;
}

/** The contract's `seek` in wei (uint256 arithmetic), on a view whose amounts are micro-OXT: the reference the micro-OXT walk must agree with. */
function seekWei(t: StakeTreeView, percent: bigint): number {
  const w = (x: number) => BigInt(x) * 10n ** 12n;
  const haveWei = w(have(t));
  let point = (haveWei * percent) >> 128n;
  let k = t.root;
  for (;;) {
    if (point < w(t.before[k]!)) {
      k = t.left[k]!;
      continue;
    }
    point -= w(t.before[k]!);
    if (point < w(t.amount[k]!)) return t.stakee[k]!;
    point -= w(t.amount[k]!);
    k = t.right[k]!;
  }
}

describe('OXT', () => {
  it('has a fixed supply of 10^9 · 10^18 wei (tok-ethereum/token.sol constructor), 10^15 micro-OXT', () => {
    expect(OXT_SUPPLY_WEI).toBe(10n ** 27n);
    expect(OXT_SUPPLY_MICRO).toBe(1e15);
    expect(Number.isSafeInteger(OXT_SUPPLY_MICRO)).toBe(true);
  });
});

describe('the staking directory (dir-ethereum/directory.sol)', () => {
  it('keeps have(), heft() and every pair’s stake through random pushes and pulls, and empties to nothing (random-test/test.py)', () => {
    // test.py: 10 accounts, 100 steps; each step a random (staker, stakee), amount 1..19 OXT; half the steps pull
    // min(amount, staked) when something is staked, the others push with delay 1234; then have(), heft(), every
    // pair's amount and check_tree; then pull everything and expect an empty root and have() = 0.
    fc.assert(
      fc.property(
        fc.array(fc.record({ staker: fc.nat(9), stakee: fc.nat(9), amount: fc.integer({ min: 1, max: 19 }), pullIt: fc.boolean() }), { maxLength: 100 }),
        (steps) => {
          const t = createStakeTree(4);
          const pairs = new Map<string, number>();
          const totals = new Map<number, number>();
          let index = 0;
          for (const s of steps) {
            const key = `${s.staker}/${s.stakee}`;
            const micro = s.amount * 1e6;
            if (s.pullIt) {
              const amount = Math.min(micro, pairs.get(key) ?? 0);
              if (amount === 0) continue;
              pull(t, s.staker, s.stakee, amount, index++, 0);
              pairs.set(key, pairs.get(key)! - amount);
              totals.set(s.stakee, totals.get(s.stakee)! - amount);
            } else {
              push(t, s.staker, s.stakee, micro, 1234);
              pairs.set(key, (pairs.get(key) ?? 0) + micro);
              totals.set(s.stakee, (totals.get(s.stakee) ?? 0) + micro);
            }
          }
          expect(have(t)).toBe([...totals.values()].reduce((a, b) => a + b, 0));
          for (let a = 0; a < 10; a++) {
            expect(heft(t, a)).toBe(totals.get(a) ?? 0);
            for (let b = 0; b < 10; b++) expect(stakeOf(t, a, b)).toBe(pairs.get(`${a}/${b}`) ?? 0);
          }
          if (t.root >= 0) expect(checkTree(t, t.root, -1)).toBe(have(t));
          for (const [key, amount] of pairs) {
            const [a, b] = key.split('/').map(Number);
            if (amount > 0) pull(t, a!, b!, amount, index++, 0);
          }
          expect(t.root).toBe(-1);
          expect(have(t)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('inserts a new stake on the side with the smaller sum (more: before_ < after_ ? left_ : right_)', () => {
    const t = createStakeTree();
    push(t, 0, 0, 10, 0); // root
    push(t, 1, 1, 5, 0); // before 0 = after 0: goes right
    push(t, 2, 2, 7, 0); // before 0 < after 5: goes left
    const root = t.root;
    expect(t.stakee[root]).toBe(0);
    expect(t.stakee[t.right[root]!]).toBe(1);
    expect(t.stakee[t.left[root]!]).toBe(2);
    expect([t.before[root], t.amount[root], t.after[root]]).toEqual([7, 10, 5]);
  });

  it('lets a delay only grow (wait: require(stake.delay_ < delay))', () => {
    const t = createStakeTree();
    push(t, 0, 1, 100, 1000);
    wait(t, 0, 1, 2000);
    expect(delayOf(t, 0, 1)).toBe(2000);
    expect(() => wait(t, 0, 1, 1500)).toThrow(ContractRevertError);
    expect(() => push(t, 0, 1, 5, 10)).toThrow(ContractRevertError);
    expect(() => push(t, 3, 4, 0, 10)).toThrow(ContractRevertError); // require(amount != 0) for a new stake
  });

  it('stops picking pulled stake at once and releases it only after the stake’s delay (pull, then take)', () => {
    const t = createStakeTree();
    push(t, 7, 7, 1_000, MIN_CLIENT_STAKE_DELAY_S);
    push(t, 8, 8, 1_000, MIN_CLIENT_STAKE_DELAY_S);
    const now = 5_000;
    const expire = pull(t, 7, 7, 1_000, 0, now);
    expect(expire).toBe(now + MIN_CLIENT_STAKE_DELAY_S);
    expect(heft(t, 7)).toBe(0);
    for (const percent of [0n, TWO_POW_128 / 2n, TWO_POW_128 - 1n]) expect(pickProvider(t, percent).stakee).toBe(8);
    expect(() => take(t, 7, 0, 1_000, expire - 1)).toThrow(ContractRevertError);
    expect(take(t, 7, 0, 1_000, expire)).toBe(7);
    expect(() => take(t, 7, 0, 1, expire)).toThrow(ContractRevertError); // nothing left pending
  });

  it('keeps a pending withdrawal’s expiry at the latest pull into it (pull: if (pending.expire_ < expire) ...)', () => {
    const t = createStakeTree();
    push(t, 1, 2, 500, 100);
    expect(pull(t, 1, 2, 100, 0, 1_000)).toBe(1_100);
    expect(pull(t, 1, 2, 100, 0, 1_050)).toBe(1_150);
    expect(take(t, 1, 0, 150, 1_150)).toBe(2);
    expect(take(t, 1, 0, 50, 1_150)).toBe(2);
  });

  it('picks each provider in exact proportion to its stake over a uniform grid of percent values (pick = seek(have·percent >> 128))', () => {
    // Stakes summing to 2^k: with percent_j = j · 2^(128−k), the point have·percent_j >> 128 is exactly j, so the grid
    // visits every point of [0, have) once and provider i is picked stake_i times.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(11), { maxLength: 8 }), (raw, removals) => {
        const t = createStakeTree();
        const total = raw.reduce((a, b) => a + b, 0);
        const k = Math.ceil(Math.log2(total));
        const stakes = [...raw];
        stakes[0]! += 2 ** k - total; // make the total a power of two
        stakes.forEach((s, i) => {
          push(t, i, i, s, MIN_CLIENT_STAKE_DELAY_S);
        });
        // Remove a few and push them back, so the tree has been reshaped by pull as well as push.
        for (const r of removals) {
          const i = r % stakes.length;
          pull(t, i, i, stakes[i]!, 0, 0);
          push(t, i, i, stakes[i]!, MIN_CLIENT_STAKE_DELAY_S);
        }
        expect(have(t)).toBe(2 ** k);
        const counts = new Array<number>(stakes.length).fill(0);
        const stepPercent = TWO_POW_128 >> BigInt(k);
        for (let j = 0; j < 2 ** k; j++) counts[pickProvider(t, BigInt(j) * stepPercent).stakee]!++;
        expect(counts).toEqual(stakes);
      }),
      { numRuns: 100 },
    );
  });

  it('picks within one of the proportional count on a uniform grid when the total is not a power of two', () => {
    const t = createStakeTree();
    const stakes = [3, 1, 4, 1, 5, 9, 2, 6];
    stakes.forEach((s, i) => {
      push(t, 10 + i, i, s * 1_000_003, MIN_CLIENT_STAKE_DELAY_S);
    });
    const n = 4096;
    const counts = new Array<number>(stakes.length).fill(0);
    for (let j = 0; j < n; j++) counts[pickProvider(t, (BigInt(j) * TWO_POW_128) / BigInt(n)).stakee]!++;
    const total = stakes.reduce((a, b) => a + b, 0);
    stakes.forEach((s, i) => {
      expect(Math.abs(counts[i]! - (n * s) / total)).toBeLessThanOrEqual(1);
    });
  });

  it('picks in micro-OXT exactly what the contract picks in wei, on published copies too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ staker: fc.nat(30), stakee: fc.nat(15), amount: fc.integer({ min: 1, max: 1e12 }) }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.bigInt({ min: 0n, max: TWO_POW_128 - 1n }), { minLength: 1, maxLength: 30 }),
        (stakes, percents) => {
          const t = createStakeTree();
          for (const s of stakes) push(t, s.staker, s.stakee, s.amount, 0);
          const copy = snapshotTree(t);
          for (const p of percents) {
            expect(pickProvider(t, p).stakee).toBe(seekWei(t, p));
            expect(pickProvider(copy, p).stakee).toBe(seekWei(t, p));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('seeks by walking left while point < before_, returning while point − before_ < amount_', () => {
    const t = createStakeTree();
    push(t, 0, 0, 10, 0);
    push(t, 1, 1, 5, 0);
    push(t, 2, 2, 7, 0);
    // In-order: stakee 2 owns [0, 7), stakee 0 owns [7, 17), stakee 1 owns [17, 22).
    expect([0, 6, 7, 16, 17, 21].map((p) => seek(t, p).stakee)).toEqual([2, 2, 0, 0, 1, 1]);
    expect(() => seek(createStakeTree(), 0)).toThrow(ContractRevertError); // require(!nope(root_))
  });

  it('aborts a pick whose stake has a delay under 90 days, as the client asserts (network.cpp Select)', () => {
    const t = createStakeTree();
    push(t, 0, 0, 100, MIN_CLIENT_STAKE_DELAY_S - 1);
    push(t, 1, 1, 100, MIN_CLIENT_STAKE_DELAY_S);
    expect(MIN_CLIENT_STAKE_DELAY_S).toBe(90 * 24 * 60 * 60);
    const short = seekPercent(t, 0);
    const long = seekPercent(t, 1);
    expect(clientSelect(t, short)).toBe(-1);
    expect(clientSelect(t, long)).toBe(1);
  });
});

/** A percent that picks stakee s (searched on a coarse grid). */
function seekPercent(t: StakeTree, s: number): bigint {
  for (let j = 0; j < 64; j++) {
    const p = (BigInt(j) * TWO_POW_128) / 64n;
    if (pickProvider(t, p).stakee === s) return p;
  }
  throw new Error(`no percent picks ${s}`);
}

describe('the v1 lottery (lot-ethereum/lottery1.sol claim_)', () => {
  it('wins when the ticket’s hash is at most its ratio: (ratio + 1) / 2^64', () => {
    expect(ticketWins(41n, 41n)).toBe(true);
    expect(ticketWins(42n, 41n)).toBe(false);
    expect(ticketWins(TWO_POW_64 - 1n, TWO_POW_64 - 1n)).toBe(true);
    expect(ticketWins(0n, 0n)).toBe(true);
    expect(winProbability(0n)).toBe(2 ** -64);
    expect(winProbability(TWO_POW_64 - 1n)).toBe(1);
    expect(winProbability((1n << 62n) - 1n)).toBe(0.25);
  });

  it('pays min(face value, balance), from the balance only', () => {
    const base = { issuedS: 1_000, expireS: CLIENT_TICKET_EXPIRE_S, nowS: 1_000 + 3_600, ratio: 100n, hash64: 50n };
    expect(claimTicket({ ...base, faceWei: 5n, balanceWei: 8n })).toEqual({ outcome: 'paid', payoutWei: 5n, balanceWei: 3n });
    expect(claimTicket({ ...base, faceWei: 5n, balanceWei: 3n })).toEqual({ outcome: 'paid', payoutWei: 3n, balanceWei: 0n });
    expect(claimTicket({ ...base, hash64: 101n, faceWei: 5n, balanceWei: 8n }).outcome).toBe('lost');
    expect(claimTicket({ ...base, faceWei: 5n, balanceWei: 8n, replayed: true }).outcome).toBe('replayed');
  });

  it('pays nothing for a ticket claimed at or after issued + expire (the client’s tickets expire after 2 h)', () => {
    const base = { issuedS: 1_000, expireS: CLIENT_TICKET_EXPIRE_S, ratio: TWO_POW_64 - 1n, hash64: 0n, faceWei: 5n, balanceWei: 5n };
    expect(CLIENT_TICKET_EXPIRE_S).toBe(7_200);
    expect(claimTicket({ ...base, nowS: 1_000 + 7_199 }).outcome).toBe('paid');
    expect(claimTicket({ ...base, nowS: 1_000 + 7_200 })).toEqual({ outcome: 'expired', payoutWei: 0n, balanceWei: 5n });
  });

  it('voids a claim once the funder’s loop is closed and the recipient’s merchant value is at most the marked time', () => {
    const now = 10_000n;
    expect(claimVoided(0n, 0n, 5_000n, now)).toBe(false); // loop open: closed_ = 0 wraps past now
    expect(claimVoided(now + 1n, 0n, 5_000n, now)).toBe(false); // closing takes effect after day_
    expect(claimVoided(now, 0n, 5_000n, now)).toBe(true); // closed, recipient never enrolled (0 <= marked)
    expect(claimVoided(now, 5_000n, 5_000n, now)).toBe(true); // enrolled at 5000 - day_, marked at 5000
    expect(claimVoided(now, 5_001n, 5_000n, now)).toBe(false);
    expect(claimVoided(now, UINT256_MAX, now, now)).toBe(false); // enroll(cancel = true): never voided
    const ticket = { issuedS: 9_000, expireS: 7_200, nowS: 10_000, ratio: 9n, hash64: 1n, faceWei: 5n, balanceWei: 5n };
    expect(claimTicket({ ...ticket, loopClosedS: now, merchantValue: 0n, markedS: 9_000n }).outcome).toBe('voided');
  });

  it('never pays more than the balance, and the balance falls by exactly what it pays (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (face, balance) => {
        const paid = lotteryPayout(face, balance);
        expect(paid <= balance && paid <= face).toBe(true);
        expect(paid === face || paid === balance).toBe(true);
        const r = claimTicket({ issuedS: 0, expireS: 10, nowS: 1, ratio: TWO_POW_64 - 1n, hash64: 0n, faceWei: face, balanceWei: balance });
        expect(r.payoutWei + r.balanceWei).toBe(balance);
      }),
    );
  });

  it('backs a face value of min(balance, (escrow − warned) / 2) (client1.cpp Pot::usable)', () => {
    expect(maxFaceValue(100n, 10n, 0n)).toBe(5n);
    expect(maxFaceValue(3n, 10n, 0n)).toBe(3n);
    expect(maxFaceValue(100n, 11n, 0n)).toBe(5n);
    expect(maxFaceValue(100n, 10n, 4n)).toBe(3n);
    expect(maxFaceValue(100n, 10n, 12n)).toBe(0n);
    // docs/accounts.md: "a 10 xDAI deposit ... will issue tickets with a maximum 5 xDAI face value".
    expect(maxFaceValue(15n * 10n ** 18n, 10n * 10n ** 18n, 0n)).toBe(5n * 10n ** 18n);
  });

  it('unlocks the escrow day_ after a warning, and never with no warning (edit_: require(unlock - 1 < block.timestamp))', () => {
    expect(canRecoverEscrow(0, 1e9)).toBe(false);
    expect(canRecoverEscrow(86_400 + 5, 86_400 + 4)).toBe(false);
    expect(canRecoverEscrow(86_400 + 5, 86_400 + 5)).toBe(true);
  });
});

describe('the client’s ticket pricing (client.cpp Ratio, client1.cpp Submit)', () => {
  it('prices a ticket so that its expected value net of redemption gas equals the amount owed (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 24n }),
        // Shy of the 90 % gas limit and of a payment of the whole net face by 2^-20: there the bigint rules are exact
        // (the next test pins the boundary) but doubles of 10^24 wei round either way (a counterexample CI found).
        fc.double({ min: 0, max: 0.9 - 2 ** -20, noNaN: true }),
        fc.bigInt({ min: 1n, max: (1n << 40n) - (1n << 20n) }),
        (face, gasShare, owedParts) => {
          const gas = (face * BigInt(Math.floor(gasShare * 2 ** 40))) >> 40n;
          fc.pre(clientCanPay(face, gas));
          const net = face - gas;
          const amount = (net * owedParts) >> 40n; // a share of the net face, in (0, 1]
          fc.pre(amount > 0n && (TWO_POW_64 * amount) / net >= 1n);
          const ratio = clientRatio(amount, face, gas);
          expect(ratio >= 0n && ratio < TWO_POW_64).toBe(true);
          // EV = (ratio + 1)/2^64 · (face − gas): at most the amount, and short of it by less than (face − gas)/2^64.
          const ev = ticketValueNetOfGas(ratio, face, gas);
          expect(ev.num <= amount * ev.den).toBe(true);
          expect(amount * ev.den - ev.num < net).toBe(true);
          // The relay credits the same value (srv-daemon lottery1.cpp Credit reads the ratio as ratio·2^64 of 2^128,
          // one 2^-64 below the on-chain (ratio + 1)/2^64): short of the amount by less than 2 (face − gas)/2^64.
          const credit = serverCredit(ratio, face, gas);
          expect(credit.num <= amount * credit.den).toBe(true);
          expect(amount * credit.den - credit.num < 2n * net * TWO_POW_64).toBe(true);
          // And the simulation's double draws with that probability.
          expect(clientWinProbability(Number(amount), Number(face), Number(gas))).toBeCloseTo(winProbability(ratio), 12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a ticket whose redemption costs over 90 % of its face value (orc_assert(1 - cost / value >= 0.10))', () => {
    expect(clientCanPay(100n, 90n)).toBe(true);
    expect(clientCanPay(100n, 91n)).toBe(false);
    expect(() => clientRatio(1n, 100n, 91n)).toThrow(RangeError);
    expect(clientWinProbability(1, 100, 91)).toBeNaN();
    expect(clientWinProbability(1, 100, 90)).toBeCloseTo(0.1, 15);
  });

  it('encodes ratio = uint64(2^64 · amount / (face − gas) − 1)', () => {
    // A quarter of the net face: 2^64/4 − 1; the whole net face: always wins.
    expect(clientRatio(25n, 110n, 10n)).toBe((1n << 62n) - 1n);
    expect(clientRatio(100n, 110n, 10n)).toBe(TWO_POW_64 - 1n);
    expect(() => clientRatio(101n, 110n, 10n)).toThrow(RangeError);
  });
});

describe('bandwidth price and prepaid credit (oracle.cpp, chainlink.cpp, client.cpp)', () => {
  it('reads the feed at 5 decimals, falls back to 0.06 USD/GB on 0 or failure, and caps at 0.10 USD/GB', () => {
    expect(bandwidthPriceUsdPerGb(4_000n)).toBe(0.04);
    expect(bandwidthPriceUsdPerGb(0n)).toBe(0.06);
    expect(bandwidthPriceUsdPerGb(undefined)).toBe(0.06);
    expect(bandwidthPriceUsdPerGb(10_000n)).toBe(0.1);
    expect(bandwidthPriceUsdPerGb(25_000n)).toBe(BANDWIDTH_PRICE_CAP_USD_PER_GB);
  });

  it('keeps 2 MB of service prepaid and tops up to twice that when the predicted credit falls below it', () => {
    const price = 0.06;
    const prepay = prepaidCreditUsd(price);
    expect(prepay).toBeCloseTo((0.06 / 1024) * 2, 18);
    expect(clientTopUpUsd(0, price)).toBeCloseTo(2 * prepay, 18);
    expect(clientTopUpUsd(prepay * 0.4, price)).toBeCloseTo(1.6 * prepay, 18);
    expect(clientTopUpUsd(prepay, price)).toBe(0);
  });
});
