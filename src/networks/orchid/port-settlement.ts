import { bestRelayToLend } from './lenders.ts';
import type { OrchidOrders, PortEvent } from './messages.ts';
import { type OxtLedger, pendingOf, pullStake, stakeFromWallet, takeMatured } from './oxt-ledger.ts';
import type { OrchidConfig } from './params.ts';
import type { CurrencyLedger, Loan } from './payments.ts';
import { stakeOf } from './protocol.ts';
import { enterRelay, exitRelay, type Relays } from './relays.ts';
import { RELAY_UNUSED, SECONDS_PER_DAY, toOxt } from './units.ts';
import type { OrchidPrices } from './world-prices.ts';

/**
 * The market's side of the port for outside capital: the exchange investors buy OXT from and sell it to, the relay
 * slots they run and the stake loans they make. An investor's relay stakes, serves, is paid and pulls its stake like
 * any relay (relays.ts); an investor's loan stakes on the relay with the best income per staked OXT like a lender
 * (lenders.ts) and is paid its share by payments.ts. On exit the stake waits out its withdrawal delay, is taken and
 * sold, and the position's net income (and the currency it holds, sold) is paid out.
 *
 * Slots are numbered for the shards: relay slots 0 … investorRelaySlots − 1, then loans.
 */
export interface PortSettlement {
  readonly relaySlots: number;
  readonly firstRelay: number;
  readonly firstLoanStaker: number;
  /** Per slot (relays, then loans): the owning shard and position (-1: free), and whether it is closing. */
  readonly ownerShard: Int32Array;
  readonly ownerPosition: Int32Array;
  readonly closing: Uint8Array;
  /** Per loan: the relay lent to (-1: none) and the income received so far (USD). */
  readonly loanRelay: Int32Array;
  readonly loanIncomeUsd: Float64Array;
  events: (PortEvent[] | undefined)[];
}

export function createPortSettlement(cfg: OrchidConfig, firstRelay: number, firstLoanStaker: number, shards: number): PortSettlement {
  const slots = cfg.investorRelaySlots + cfg.investorLenderSlots;
  return {
    relaySlots: cfg.investorRelaySlots,
    firstRelay,
    firstLoanStaker,
    ownerShard: new Int32Array(slots).fill(-1),
    ownerPosition: new Int32Array(slots).fill(-1),
    closing: new Uint8Array(slots),
    loanRelay: new Int32Array(cfg.investorLenderSlots).fill(-1),
    loanIncomeUsd: new Float64Array(cfg.investorLenderSlots),
    events: new Array(shards).fill(undefined),
  };
}

/** The staker of slot k: the relay itself, or the loan's staker. */
export const stakerOfSlot = (p: PortSettlement, k: number): number => (k < p.relaySlots ? p.firstRelay + k : p.firstLoanStaker + (k - p.relaySlots));

function emit(p: PortSettlement, shard: number, e: PortEvent): void {
  const list = p.events[shard];
  if (list) list.push(e);
  else p.events[shard] = [e];
}

/** The investors' loans now staked, for payments.ts. */
export function investorLoans(p: PortSettlement): Loan[] {
  const out: Loan[] = [];
  for (let k = 0; k < p.loanRelay.length; k++) if (p.loanRelay[k]! >= 0) out.push({ staker: p.firstLoanStaker + k, relay: p.loanRelay[k]! });
  return out;
}

/** What the market needs to settle the port's orders. */
export interface PortContext {
  readonly cfg: OrchidConfig;
  readonly prices: OrchidPrices;
  readonly now: number;
  readonly incomePerOxtDay: Float64Array;
  readonly serving: Uint8Array;
}

/** The shards' port orders of one clear, in shard order and, within a shard, in the order asked. */
export function settlePortOrders(p: PortSettlement, r: Relays, ledger: OxtLedger, orders: readonly OrchidOrders[], ctx: PortContext): void {
  const { cfg, prices } = ctx;
  for (const order of orders) {
    for (const req of order.port ?? []) {
      const shard = order.shard;
      if (req.kind === 'close') {
        const k = req.slot;
        if (p.ownerShard[k] !== shard || p.ownerPosition[k] !== req.position)
          throw new Error(`orchid port: shard ${shard} closed slot ${k}, which it does not hold`);
        const s = stakerOfSlot(p, k);
        if (k < p.relaySlots) exitRelay(r, ledger, s, ctx.now);
        else {
          const relay = p.loanRelay[k - p.relaySlots]!;
          pullStake(ledger, s, relay, stakeOf(ledger.tree, s, relay), ctx.now);
        }
        p.closing[k] = 1;
        continue;
      }
      const relayRole = req.role === 'relay';
      const k = freeSlot(p, relayRole);
      const lendTo = relayRole ? -1 : bestRelayToLend(ctx.incomePerOxtDay, ctx.serving);
      if (k < 0 || (!relayRole && lendTo < 0)) {
        emit(p, shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: k < 0 ? 'no free slot' : 'no relay to lend to' });
        continue;
      }
      const fee = cfg.tradingFee;
      let micro = Math.floor(((req.usd * (1 - fee)) / prices.oxtUsd) * 1e6);
      if (micro > ledger.exchangeMicro) micro = ledger.exchangeMicro;
      if (!(micro > 0)) {
        emit(p, shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'no OXT on the exchange' });
        continue;
      }
      // USD actually spent on `micro` (all of it unless the exchange ran short); the rest comes back.
      const spent = Math.min(req.usd, (toOxt(micro) * prices.oxtUsd) / (1 - fee));
      ledger.exchangeMicro -= micro;
      const s = stakerOfSlot(p, k);
      ledger.wallet[s] = ledger.wallet[s]! + micro;
      if (relayRole) {
        enterRelay(r, ledger, s, micro, ctx.now);
        r.investorIncomeUsd[s] = 0;
      } else {
        stakeFromWallet(ledger, s, lendTo, micro, cfg.relayDelayDays * SECONDS_PER_DAY);
        p.loanRelay[k - p.relaySlots] = lendTo;
        p.loanIncomeUsd[k - p.relaySlots] = 0;
      }
      p.ownerShard[k] = shard;
      p.ownerPosition[k] = req.position;
      emit(p, shard, { kind: 'opened', position: req.position, slot: k, micro, feeUsd: spent * fee, refundUsd: req.usd - spent });
    }
  }
}

function freeSlot(p: PortSettlement, relayRole: boolean): number {
  const from = relayRole ? 0 : p.relaySlots;
  const to = relayRole ? p.relaySlots : p.ownerShard.length;
  for (let k = from; k < to; k++) if (p.ownerShard[k]! < 0) return k;
  return -1;
}

/** Books what each investor loan received this window (USD), from payments.ts's per-staker incomes. */
export function bookLoanIncome(p: PortSettlement, lentIncomeUsd: Float64Array): void {
  for (let k = 0; k < p.loanIncomeUsd.length; k++) p.loanIncomeUsd[k] = p.loanIncomeUsd[k]! + lentIncomeUsd[p.firstLoanStaker + k]!;
}

/**
 * Closing slots whose stake has waited out its delay: the OXT is taken and sold, the currency the slot holds is sold,
 * and the position's net income is paid out; the slot is free again.
 */
export function windUpPortSlots(
  p: PortSettlement,
  r: Relays,
  ledger: OxtLedger,
  currency: CurrencyLedger,
  cfg: OrchidConfig,
  prices: OrchidPrices,
  now: number,
): void {
  for (let k = 0; k < p.ownerShard.length; k++) {
    if (!p.closing[k]) continue;
    const s = stakerOfSlot(p, k);
    takeMatured(ledger, s, now);
    if (pendingOf(ledger, s)) continue;
    const micro = ledger.wallet[s]!;
    ledger.wallet[s] = 0;
    ledger.exchangeMicro += micro;
    const gross = toOxt(micro) * prices.oxtUsd;
    currency.soldNano += currency.stakerNano[s]!;
    currency.stakerNano[s] = 0n;
    let incomeUsd: number;
    if (k < p.relaySlots) {
      incomeUsd = r.investorIncomeUsd[s]!;
      r.investorIncomeUsd[s] = 0;
      r.status[s] = RELAY_UNUSED;
    } else {
      incomeUsd = p.loanIncomeUsd[k - p.relaySlots]!;
      p.loanIncomeUsd[k - p.relaySlots] = 0;
      p.loanRelay[k - p.relaySlots] = -1;
    }
    emit(p, p.ownerShard[k]!, {
      kind: 'returned',
      position: p.ownerPosition[k]!,
      micro,
      usd: gross * (1 - cfg.tradingFee),
      feeUsd: gross * cfg.tradingFee,
      incomeUsd,
    });
    p.closing[k] = 0;
    p.ownerShard[k] = -1;
    p.ownerPosition[k] = -1;
  }
}

/** Per slot, as published: OXT staked and pending or taken (micro), and net income so far (USD). */
export function slotState(p: PortSettlement, r: Relays, ledger: OxtLedger): { stake: Float64Array; pending: Float64Array; income: Float64Array } {
  const n = p.ownerShard.length;
  const stake = new Float64Array(n);
  const pending = new Float64Array(n);
  const income = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = stakerOfSlot(p, k);
    const relay = k < p.relaySlots ? s : p.loanRelay[k - p.relaySlots]!;
    stake[k] = relay >= 0 ? stakeOf(ledger.tree, s, relay) : 0;
    pending[k] = (pendingOf(ledger, s)?.amount ?? 0) + ledger.wallet[s]!;
    income[k] = k < p.relaySlots ? r.investorIncomeUsd[s]! : p.loanIncomeUsd[k - p.relaySlots]!;
  }
  return { stake, pending, income };
}
