import type { OrchidPublic, PortEvent } from './messages.ts';
import type { OxtLedger } from './oxt-ledger.ts';
import { type PortSettlement, slotState } from './port-settlement.ts';
import { heft, snapshotTree } from './protocol.ts';
import { type Relays, remembered } from './relays.ts';
import { RELAY_ACTIVE, toOxt } from './units.ts';

/** The public state published after a clear: the directory as `pick` reads it, who serves, the price, the assignments. */
export function publishState(
  r: Relays,
  ledger: OxtLedger,
  port: PortSettlement,
  priceUsdPerGb: number,
  networkIncomeUsdPerDay: number,
  assigned: readonly Int32Array[],
  portEvents: readonly (readonly PortEvent[] | undefined)[],
): OrchidPublic {
  const relayServing = new Uint8Array(r.n);
  const relayIncomePerOxtDay = new Float64Array(r.n);
  for (let i = 0; i < r.n; i++) {
    relayServing[i] = r.status[i] === RELAY_ACTIVE ? 1 : 0;
    const h = toOxt(heft(ledger.tree, i));
    relayIncomePerOxtDay[i] = h > 0 ? remembered(r.emaLottery, r.emaWeight, i) / h : 0;
  }
  const slots = slotState(port, r, ledger);
  return {
    priceUsdPerGb,
    tree: snapshotTree(ledger.tree),
    relayServing,
    assigned,
    portEvents,
    networkIncomeUsdPerDay,
    relayIncomePerOxtDay,
    slotStakeMicro: slots.stake,
    slotPendingMicro: slots.pending,
    slotIncomeUsd: slots.income,
    firstInvestorRelay: port.firstRelay,
  };
}
