import type { OrchidOrders } from './messages.ts';
import { heft, type StakeTree, stakeOf } from './protocol.ts';
import { usdOfNano } from './units.ts';

/**
 * The lottery currency on the market's side, in whole nano-units (bigint totals): what each staker holds (relays their
 * redeemed winnings net of gas, lenders and investors' loans their shares), what came into users' accounts from
 * outside and went back out, the gas burnt by redemptions, and what investors sold when they left. Users' balances and
 * deposits live in the shards; with them, every unit is accounted for:
 * funded = users' balances + deposits + stakers' holdings + gas burnt + withdrawn + sold.
 */
export interface CurrencyLedger {
  readonly stakerNano: bigint[];
  fundedNano: bigint;
  withdrawnNano: bigint;
  gasBurntNano: bigint;
  soldNano: bigint;
}

export function createCurrencyLedger(stakers: number): CurrencyLedger {
  return { stakerNano: new Array<bigint>(stakers).fill(0n), fundedNano: 0n, withdrawnNano: 0n, gasBurntNano: 0n, soldNano: 0n };
}

/** What one window's payments brought, per relay and per staker (USD at the currency's price). */
export interface WindowPayments {
  /** Per relay: payouts redeemed, and their gas (USD). */
  readonly payoutUsd: Float64Array;
  readonly gasUsd: Float64Array;
  /** Per relay: lottery income net of gas (USD), and what it kept after paying its lenders. */
  readonly grossUsd: Float64Array;
  readonly ownUsd: Float64Array;
  /** Per staker: what it received from the relay it lends to (USD). */
  readonly lentIncomeUsd: Float64Array;
  redemptions: number;
}

export function createWindowPayments(relays: number, stakers: number): WindowPayments {
  return {
    payoutUsd: new Float64Array(relays),
    gasUsd: new Float64Array(relays),
    grossUsd: new Float64Array(relays),
    ownUsd: new Float64Array(relays),
    lentIncomeUsd: new Float64Array(stakers),
    redemptions: 0,
  };
}

/** A stake lent to a relay: its staker (a lender or an investor's loan) and the relay (stakee). */
export interface Loan {
  readonly staker: number;
  readonly relay: number;
}

/**
 * Settles the winning tickets the shards redeemed (for sessions served the window before): each relay receives its
 * payouts less the gas of its redemptions (burnt), then pays each lender on it `lenderShare` of that net income in
 * proportion to the lender's stake in its heft (floored to the nano; the relay keeps the remainder). Also books the
 * currency users brought in and took out.
 */
export function settlePayments(
  c: CurrencyLedger,
  w: WindowPayments,
  orders: readonly OrchidOrders[],
  tree: StakeTree,
  loans: readonly Loan[],
  lenderShare: number,
  currencyUsd: number,
): void {
  const n = w.payoutUsd.length;
  const payout = new Float64Array(n);
  const gas = new Float64Array(n);
  w.lentIncomeUsd.fill(0);
  w.redemptions = 0;
  for (const o of orders) {
    c.fundedNano += BigInt(o.fundedNano);
    c.withdrawnNano += BigInt(o.withdrawnNano);
    for (let r = 0; r < o.payoutNano.length; r++) {
      payout[r] = payout[r]! + o.payoutNano[r]!;
      gas[r] = gas[r]! + o.gasNano[r]!;
      w.redemptions += o.redemptions[r]!;
    }
  }
  for (let r = 0; r < n; r++) {
    const net = payout[r]! - gas[r]!;
    if (net < 0) throw new Error(`orchid payments: relay ${r} redeemed ${payout[r]} nano for ${gas[r]} nano of gas`);
    c.stakerNano[r] = c.stakerNano[r]! + BigInt(net);
    c.gasBurntNano += BigInt(gas[r]!);
    let kept = net;
    if (net > 0) {
      const total = heft(tree, r);
      for (const loan of loans) {
        if (loan.relay !== r) continue;
        const stake = stakeOf(tree, loan.staker, r);
        const part = total > 0 ? Math.floor((net * lenderShare * stake) / total) : 0;
        if (part <= 0) continue;
        kept -= part;
        c.stakerNano[r] = c.stakerNano[r]! - BigInt(part);
        c.stakerNano[loan.staker] = c.stakerNano[loan.staker]! + BigInt(part);
        w.lentIncomeUsd[loan.staker] = w.lentIncomeUsd[loan.staker]! + usdOfNano(part, currencyUsd);
      }
    }
    w.payoutUsd[r] = usdOfNano(payout[r]!, currencyUsd);
    w.gasUsd[r] = usdOfNano(gas[r]!, currencyUsd);
    w.grossUsd[r] = usdOfNano(net, currencyUsd);
    w.ownUsd[r] = usdOfNano(kept, currencyUsd);
  }
}
