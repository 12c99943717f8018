import type { Ledger } from './ledger.ts';
import { LIQUID, toLpt, UNBONDING } from './lpt.ts';
import type { LivepeerOrders, PortEvent } from './messages.ts';
import { enterOrchestrator, exitOrchestrator, type Orchestrators } from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';

/**
 * The market's side of the port for outside capital: the exchange where investors buy and sell LPT, and the
 * orchestrator slots investors run. Trades clear against the exchange's float in shard order and, within a shard,
 * in the order asked, at the world's LPT price at the window's end; each moves exact wei between the exchange and the
 * ledger's liquid total, so supply is untouched. An investor's orchestrator enters and leaves by the same rules as
 * any other (BondingManager.bond then transcoder(); unbond with the unbonding period), and its self-stake is sold
 * once withdrawn.
 */
export interface PortSettlement {
  /** Per slot investors can run: the owning shard and position (-1: free). */
  readonly ownerShard: Int32Array;
  readonly ownerPosition: Int32Array;
  /** Slots winding up: deregistered, self-stake unbonding until it can be withdrawn and sold. */
  readonly closing: Uint8Array;
  /** Events of the clear in progress, per shard. */
  events: (PortEvent[] | undefined)[];
}

export function createPortSettlement(o: Orchestrators, shards: number): PortSettlement {
  return {
    ownerShard: new Int32Array(o.n).fill(-1),
    ownerPosition: new Int32Array(o.n).fill(-1),
    closing: new Uint8Array(o.n),
    events: new Array(shards).fill(undefined),
  };
}

/** The world's prices at a clear, as the port trades at them. */
export interface PortPrices {
  readonly lptUsd: number;
  readonly ethUsd: number;
}

/** LPT wei bought with `usd` after the fee at `lptUsd` (rounded down: the exchange never gives more than paid for). */
function weiFor(usd: number, fee: number, lptUsd: number): bigint {
  const lpt = (usd * (1 - fee)) / lptUsd;
  return lpt > 0 ? BigInt(Math.floor(lpt * 1e6)) * 10n ** 12n : 0n;
}

/** USD paid (after the fee) for `wei`, and the fee. */
function usdFor(wei: bigint, fee: number, lptUsd: number): { usd: number; feeUsd: number } {
  const gross = toLpt(wei) * lptUsd;
  return { usd: gross * (1 - fee), feeUsd: gross * fee };
}

function emit(p: PortSettlement, shard: number, e: PortEvent): void {
  const list = p.events[shard];
  if (list) list.push(e);
  else p.events[shard] = [e];
}

/** The shards' port orders of one clear, in shard order. */
export function settlePortOrders(
  p: PortSettlement,
  o: Orchestrators,
  ledger: Ledger,
  orders: readonly LivepeerOrders[],
  cfg: LivepeerConfig,
  round: number,
  prices: PortPrices,
): void {
  const fee = cfg.tradingFee;
  for (const order of orders) {
    if (!order.port) continue;
    const shard = order.shard;
    for (const req of order.port) {
      if (req.kind === 'sell') {
        const wei = BigInt(req.wei);
        if (wei < 0n || wei > ledger.liquid) throw new Error(`livepeer port: shard ${shard} sold ${wei} wei, more than is liquid`);
        ledger.liquid -= wei;
        ledger.exchange += wei;
        const { usd, feeUsd } = usdFor(wei, fee, prices.lptUsd);
        emit(p, shard, { kind: 'sold', position: req.position, usd, feeUsd });
      } else if (req.kind === 'close') {
        const j = req.slot;
        if (p.ownerShard[j] !== shard || p.ownerPosition[j] !== req.position)
          throw new Error(`livepeer port: shard ${shard} closed slot ${j}, which it does not run`);
        exitOrchestrator(o, ledger, j, round, cfg.unbondingPeriodRounds);
        p.closing[j] = 1;
      } else {
        const slot = req.role === 'orchestrator' ? freeSlot(o, p) : -1;
        if (req.role === 'orchestrator' && slot < 0) {
          emit(p, shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'no free orchestrator slot' });
          continue;
        }
        const stakeUsd = req.usd - req.hardwareUsd;
        let wei = weiFor(stakeUsd, fee, prices.lptUsd);
        if (wei > ledger.exchange) wei = ledger.exchange;
        if (wei === 0n) {
          emit(p, shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'no LPT on the exchange' });
          continue;
        }
        // USD actually spent on `wei` (all of stakeUsd unless the exchange ran short); the rest comes back.
        const spent = Math.min(stakeUsd, (toLpt(wei) * prices.lptUsd) / (1 - fee));
        const feeUsd = spent * fee;
        ledger.exchange -= wei;
        ledger.liquid += wei;
        if (req.role === 'delegator') {
          emit(p, shard, { kind: 'filled', position: req.position, wei: wei.toString(), feeUsd, refundUsd: stakeUsd - spent });
          continue;
        }
        o.self[slot] = wei;
        o.selfState[slot] = LIQUID;
        o.investorIncomeEth[slot] = 0;
        enterOrchestrator(o, ledger, slot, 0);
        p.ownerShard[slot] = shard;
        p.ownerPosition[slot] = req.position;
        emit(p, shard, { kind: 'opened', position: req.position, slot, wei: wei.toString(), feeUsd, refundUsd: stakeUsd - spent });
      }
    }
  }
}

function freeSlot(o: Orchestrators, p: PortSettlement): number {
  for (let j = 0; j < o.n; j++) if (o.investorSlot[j] && p.ownerShard[j]! < 0) return j;
  return -1;
}

/**
 * Investors' orchestrators whose self-stake has been withdrawn (after the unbonding period) are wound up: the LPT is
 * sold to the exchange, the slot's net ETH income paid out in USD, and the slot freed.
 */
export function windUpInvestorSlots(p: PortSettlement, o: Orchestrators, ledger: Ledger, cfg: LivepeerConfig, prices: PortPrices): void {
  for (let j = 0; j < o.n; j++) {
    if (!p.closing[j] || o.selfState[j] === UNBONDING) continue;
    const wei = o.self[j]!;
    ledger.liquid -= wei;
    ledger.exchange += wei;
    o.self[j] = 0n;
    const { usd, feeUsd } = usdFor(wei, cfg.tradingFee, prices.lptUsd);
    emit(p, p.ownerShard[j]!, {
      kind: 'returned',
      position: p.ownerPosition[j]!,
      wei: wei.toString(),
      usd,
      feeUsd,
      incomeUsd: o.investorIncomeEth[j]! * prices.ethUsd,
    });
    o.investorIncomeEth[j] = 0;
    p.closing[j] = 0;
    p.ownerShard[j] = -1;
    p.ownerPosition[j] = -1;
  }
}

/** Takes the clear's events for publication (and starts an empty list for the next clear). */
export function takePortEvents(p: PortSettlement): (PortEvent[] | undefined)[] {
  const out = p.events;
  p.events = new Array(out.length).fill(undefined);
  return out;
}
