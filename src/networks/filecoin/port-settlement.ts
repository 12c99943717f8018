import { fromFil, minAtto, SECTORS_PER_TIB, toFil } from './fil.ts';
import {
  AVAILABLE,
  accountBalance,
  accountOf,
  buyFromHolders,
  COLLATERAL,
  holdersToPool,
  type Ledger,
  PLEDGE,
  PRECOMMIT,
  sellToHolders,
  VESTING,
} from './ledger.ts';
import { type FilecoinOrders, type PortEvent, PROVIDER_ACTIVE, PROVIDER_OFF } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { type DecisionContext, exitDone, startExit } from './provider-decisions.ts';
import { configureProvider, type Providers } from './providers.ts';
import { enqueue, type Sealing } from './sealing.ts';
import { KIND_CC } from './sectors.ts';

/**
 * The port, market side: the provider slots outside investors run and the lending pool they lend to.
 *
 * - `open-provider`: the investor's USD buys the hardware (`capacityTib` at the slot's capex) and, with the rest,
 *   FIL from holders (less the exchange fee) for the pledge; the slot becomes an active provider that seals its
 *   hardware as committed capacity and then proves, earns and decides like any provider — but never borrows or buys
 *   more FIL (it runs on its investor's money only; what it cannot fund it does not seal).
 * - `close-provider`: the provider exits by the rules of provider-decisions.ts (terminating what costs less to
 *   terminate than to keep, letting the rest expire, the pledge locked until then); once nothing is left its FIL is
 *   sold and its hardware resold, and the investor is paid, less its opex.
 * - `lend`: USD buys FIL that joins the pool for pool shares at the pool's value (unlent + lent); `withdraw-loan`
 *   redeems shares for FIL — at most what the pool holds unlent, the rest waiting for providers to repay — sold to
 *   holders.
 */
export interface PortSettlement {
  /** Per provider slot: the owning shard and position (-1: free), closing flag, opex the investor owes (USD). */
  readonly ownerShard: Int32Array;
  readonly ownerPosition: Int32Array;
  readonly closing: Uint8Array;
  readonly opexUsd: Float64Array;
  /** Pool shares outstanding (outside lenders' and investors'). */
  poolShares: number;
  events: (PortEvent[] | undefined)[];
}

export function createPortSettlement(providers: number, shards: number, initialPoolFil: number): PortSettlement {
  return {
    ownerShard: new Int32Array(providers).fill(-1),
    ownerPosition: new Int32Array(providers).fill(-1),
    closing: new Uint8Array(providers),
    opexUsd: new Float64Array(providers),
    poolShares: initialPoolFil,
    events: new Array(shards).fill(undefined),
  };
}

function emit(p: PortSettlement, shard: number, e: PortEvent): void {
  const list = p.events[shard];
  if (list) list.push(e);
  else p.events[shard] = [e];
}

/** The pool's FIL per share (unlent + lent, over shares). */
export function poolValuePerShare(p: PortSettlement, l: Ledger): number {
  return p.poolShares > 0 ? toFil(l.pool + l.borrowedTotal) / p.poolShares : 1;
}

/** A slot's own FIL: every account, less what it owes. */
export function slotFil(l: Ledger, slot: number): number {
  let held = 0n;
  for (const kind of [AVAILABLE, PLEDGE, VESTING, PRECOMMIT, COLLATERAL]) held += accountBalance(l, kind, slot);
  return toFil(held - accountOf(l.borrowed, slot) - accountOf(l.feeDebt, slot));
}

/** Applies every shard's port orders, in shard order. */
export function settlePortOrders(
  p: PortSettlement,
  orders: readonly FilecoinOrders[],
  x: { cfg: FilecoinConfig; l: Ledger; pr: Providers; sealing: Sealing; seed: number; filUsd: number; firstSlot: number },
): void {
  const { cfg, l, pr, filUsd } = x;
  for (const o of orders) {
    for (const req of o.port ?? []) {
      if (req.kind === 'open-provider') {
        let slot = -1;
        for (let j = x.firstSlot; j < pr.n; j++)
          if (p.ownerShard[j]! < 0 && pr.status[j] === PROVIDER_OFF) {
            slot = j;
            break;
          }
        if (slot < 0 || !(req.capacityTib > 0)) {
          emit(p, o.shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'no free provider slot' });
          continue;
        }
        configureProvider(pr, cfg, x.seed, slot, req.capacityTib);
        pr.borrowShare[slot] = 0;
        const hardware = req.capacityTib * pr.capexPerTib[slot]!;
        const filUsdSpent = req.usd - hardware;
        const fil = fromFil(Math.max(0, (filUsdSpent * (1 - cfg.exchangeFee)) / filUsd));
        if (!(filUsdSpent > 0) || fil > l.holders) {
          pr.capacityTib[slot] = 0;
          emit(p, o.shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'capital below the hardware, or no FIL to buy' });
          continue;
        }
        pr.hardwareUsd[slot] = hardware;
        pr.usdInvested[slot] = req.usd;
        buyFromHolders(l, slot, fil);
        pr.status[slot] = PROVIDER_ACTIVE;
        p.ownerShard[slot] = o.shard;
        p.ownerPosition[slot] = req.position;
        p.opexUsd[slot] = 0;
        enqueue(x.sealing, slot, KIND_CC, -1, Math.floor(req.capacityTib * SECTORS_PER_TIB), -1);
        emit(p, o.shard, { kind: 'provider-opened', position: req.position, slot, feeUsd: filUsdSpent * cfg.exchangeFee });
      } else if (req.kind === 'close-provider') {
        p.closing[req.slot] = 1;
      } else if (req.kind === 'lend') {
        const fil = fromFil((req.usd * (1 - cfg.exchangeFee)) / filUsd);
        if (fil > l.holders || fil === 0n) {
          emit(p, o.shard, { kind: 'refused', position: req.position, refundUsd: req.usd, reason: 'no FIL to buy' });
          continue;
        }
        const shares = toFil(fil) / poolValuePerShare(p, l);
        holdersToPool(l, fil);
        p.poolShares += shares;
        emit(p, o.shard, { kind: 'lent', position: req.position, shares, feeUsd: req.usd * cfg.exchangeFee });
      } else if (req.kind === 'withdraw-loan') {
        const shares = req.shares;
        const want = fromFil(shares * poolValuePerShare(p, l));
        const out = minAtto(want, l.pool);
        const sharesOut = want > 0n ? (shares * toFil(out)) / toFil(want) : 0;
        holdersToPool(l, -out);
        p.poolShares -= sharesOut;
        const gross = toFil(out) * filUsd;
        emit(p, o.shard, { kind: 'withdrawn', position: req.position, shares: sharesOut, usd: gross * (1 - cfg.exchangeFee), feeUsd: gross * cfg.exchangeFee });
      }
    }
  }
}

/** Investors' providers: start the exit of those asked to close; wind up those whose exit is done. */
export function windUpInvestorSlots(p: PortSettlement, x: DecisionContext, filUsd: number, firstSlot: number): void {
  const { pr, l, cfg } = x;
  for (let j = firstSlot; j < pr.n; j++) {
    if (p.ownerShard[j]! < 0) continue;
    if (p.closing[j] && pr.status[j] === PROVIDER_ACTIVE)
      startExit(x, j, { growths: 0, exits: 0, entries: 0, sectorsExtended: 0, sectorsTerminated: 0, hardwareLossUsd: 0 });
    if (!p.closing[j] || pr.status[j] === PROVIDER_ACTIVE || !exitDone(x, j)) continue;
    const fil = accountBalance(l, AVAILABLE, j);
    sellToHolders(l, j, fil);
    const gross = toFil(fil) * filUsd;
    const resale = pr.hardwareUsd[j]! * cfg.hardwareResaleShare;
    emit(p, p.ownerShard[j]!, {
      kind: 'provider-closed',
      position: p.ownerPosition[j]!,
      usd: gross * (1 - cfg.exchangeFee) + resale - p.opexUsd[j]!,
      tradingFeeUsd: gross * cfg.exchangeFee,
      hardwareUsd: resale,
      hardwareLossUsd: pr.hardwareUsd[j]! - resale,
    });
    pr.hardwareUsd[j] = 0;
    pr.capacityTib[j] = 0;
    pr.status[j] = PROVIDER_OFF;
    p.ownerShard[j] = -1;
    p.ownerPosition[j] = -1;
    p.closing[j] = 0;
  }
}

/** Takes the clear's events for publication (and starts an empty list for the next clear). */
export function takePortEvents(p: PortSettlement): (PortEvent[] | undefined)[] {
  const out = p.events;
  p.events = new Array(out.length).fill(undefined);
  return out;
}
