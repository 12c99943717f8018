import type { CapitalPort, EnterRequest, Frictions, PositionValue, WorldView } from '../../engine/network.ts';
import { bestRelayToLend, lenderExpectedReturn } from './lenders.ts';
import type { OrchidPublic, PortEvent, PortOrder } from './messages.ts';
import type { OrchidConfig } from './params.ts';
import { have } from './protocol.ts';
import { entryReturnAnnual } from './relays.ts';
import { toOxt } from './units.ts';
import { type OrchidPriceNames, pricesIn } from './world-prices.ts';

/**
 * The door for outside capital into Orchid (src/engine/network.ts CapitalPort), on the shard's side. Two roles:
 *
 * - `relay`: buy capacity (relaySetupUsd, not recovered) and OXT on the exchange (trading fee), stake it on a relay of
 *   one's own with the client's 90-day delay (a directory transaction, stakeTxUsd), and run it like any relay: picked
 *   by stake, paid by the lottery, paying transit and hosting. On exit: pull (a transaction), wait out the delay,
 *   take (a transaction) and sell the OXT.
 * - `lender`: buy OXT and stake it on the relay with the best income per staked OXT, for `lenderShare` of the income
 *   it brings; on exit the same pull, delay, take and sale.
 *
 * Every position's capital is accounted for in USD at the world's prices: active, in transit, withdrawable, or lost
 * to a named friction (`gas`, `trading_fee`, `capacity`).
 */
export interface Positions {
  readonly list: Position[];
  /** Requests for the market posted with this window's orders. */
  orders: PortOrder[];
  /** The public state whose events have been applied (each state's events are applied once). */
  seen: OrchidPublic | undefined;
}

const BUYING = 1;
const RUNNING = 2;
const WINDING_UP = 3;
const DONE = 4;

interface Position {
  readonly role: 'relay' | 'lender';
  state: number;
  /** Its slot (relay slots, then loans), once open. */
  slot: number;
  /** OXT bought (micro), for the gain on it. */
  boughtMicro: number;
  /** USD at the market (a purchase in flight). */
  pendingUsd: number;
  withdrawableUsd: number;
  /** Gas of transactions sent and not yet paid: taken from the next proceeds. */
  owedUsd: number;
  realisedUsd: number;
  exitRequested: boolean;
  collected: boolean;
  readonly frictions: { gas: number; trading_fee: number; capacity: number };
}

export function createPositions(): Positions {
  return { list: [], orders: [], seen: undefined };
}

/** What the port needs of an Orchid shard (implemented by OrchidShard). */
export interface PortShard {
  readonly cfg: OrchidConfig;
  readonly index: number;
  readonly positions: Positions;
}

function charge(p: Position, usd: number): void {
  p.frictions.gas += usd;
  p.owedUsd += usd;
}

function receive(p: Position, usd: number): void {
  p.withdrawableUsd += usd - p.owedUsd;
  p.owedUsd = 0;
}

/**
 * Applies what the market did with the shard's port orders in the state `pub` published, once per state: the world's
 * investors may read their positions in a window before the network's shard steps in it, and they must see the
 * market's fills and repayments as soon as the state that reports them is out.
 */
function sync(s: PortShard, pub: OrchidPublic, oxtUsd: number): void {
  if (s.positions.seen === pub) return;
  s.positions.seen = pub;
  for (const e of pub.portEvents[s.index] ?? []) applyEvent(s, e, oxtUsd);
}

/**
 * The port's work in a window, before the users act: apply what the market did with the previous window's requests,
 * and send the exits asked for (a pull transaction each).
 */
export function stepPositions(s: PortShard, pub: OrchidPublic, world: WorldView, names: OrchidPriceNames): void {
  sync(s, pub, pricesIn(world, names).oxtUsd);
  const ps = s.positions;
  for (let i = 0; i < ps.list.length; i++) {
    const p = ps.list[i]!;
    if (p.state !== RUNNING || !p.exitRequested) continue;
    charge(p, s.cfg.stakeTxUsd);
    ps.orders.push({ kind: 'close', position: i, slot: p.slot });
    p.state = WINDING_UP;
  }
}

function applyEvent(s: PortShard, e: PortEvent, oxtUsd: number): void {
  const p = s.positions.list[e.position]!;
  switch (e.kind) {
    case 'refused':
      p.pendingUsd = 0;
      receive(p, e.refundUsd);
      p.state = DONE;
      return;
    case 'opened':
      p.frictions.trading_fee += e.feeUsd;
      p.pendingUsd = 0;
      p.withdrawableUsd += e.refundUsd;
      p.boughtMicro = e.micro;
      p.slot = e.slot;
      p.state = RUNNING;
      return;
    case 'returned': {
      charge(p, s.cfg.stakeTxUsd); // take
      p.frictions.trading_fee += e.feeUsd;
      // Gain on the OXT: the sale's gross USD less what the OXT bought would fetch at the sale's price.
      const gross = e.usd + e.feeUsd;
      p.realisedUsd += gross - toOxt(p.boughtMicro) * (e.micro > 0 ? gross / toOxt(e.micro) : oxtUsd) + e.incomeUsd;
      receive(p, e.usd + e.incomeUsd);
      p.state = DONE;
      return;
    }
  }
}

/** Annual return an investor reads for a new relay holding the network's mean stake per serving relay, with the median costs and capacity. */
function relayReturn(cfg: OrchidConfig, pub: OrchidPublic, oxtUsd: number): number {
  let serving = 0;
  for (let r = 0; r < pub.relayServing.length; r++) serving += pub.relayServing[r]!;
  const haveOxt = toOxt(have(pub.tree));
  if (serving === 0 || haveOxt === 0) return 0;
  const stake = haveOxt / serving;
  const roi = entryReturnAnnual(
    stake,
    haveOxt,
    pub.networkIncomeUsdPerDay,
    cfg.capacityGbPerDay,
    pub.priceUsdPerGb,
    cfg.transitUsdPerGb,
    cfg.hostingUsdPerDay,
    oxtUsd,
  );
  return Number.isFinite(roi) ? roi : 0;
}

/** Annual return an investor reads for lending to the relay with the best income per staked OXT. */
function lenderReturn(cfg: OrchidConfig, pub: OrchidPublic, oxtUsd: number): number {
  const r = bestRelayToLend(pub.relayIncomePerOxtDay, pub.relayServing);
  return r < 0 ? 0 : lenderExpectedReturn(pub.relayIncomePerOxtDay[r]!, cfg.lenderShare, oxtUsd);
}

/** Orchid's port, reading the OXT price under `names`. */
export function orchidPort(names: OrchidPriceNames): CapitalPort<PortShard, OrchidPublic> {
  const held = (p: Position, pub: OrchidPublic, oxtUsd: number) =>
    toOxt(pub.slotStakeMicro[p.slot]! + pub.slotPendingMicro[p.slot]!) * oxtUsd + pub.slotIncomeUsd[p.slot]! - p.owedUsd;
  return {
    roles: ['relay', 'lender'],
    skill: (role) => (role === 'relay' ? 'server' : undefined),
    switchingCost(s, role, capitalUsd) {
      const cfg = s.cfg;
      const capacity = role === 'relay' ? cfg.relaySetupUsd : 0;
      const stakeUsd = Math.max(0, capitalUsd - capacity - cfg.stakeTxUsd);
      return {
        entryUsd: cfg.stakeTxUsd + capacity + stakeUsd * cfg.tradingFee,
        exitUsd: 2 * cfg.stakeTxUsd + stakeUsd * cfg.tradingFee,
        exitDelayS: cfg.relayDelayDays * 86_400,
      };
    },
    frictionNames: ['capacity', 'gas', 'trading_fee'],
    observedReturn: (s, role, pub, world) => {
      const { oxtUsd } = pricesIn(world, names);
      return role === 'relay' ? relayReturn(s.cfg, pub, oxtUsd) : lenderReturn(s.cfg, pub, oxtUsd);
    },
    enter(s, req: EnterRequest) {
      const cfg = s.cfg;
      const role = req.role === 'relay' ? 'relay' : 'lender';
      const capacity = role === 'relay' ? cfg.relaySetupUsd : 0;
      const gas = cfg.stakeTxUsd;
      if (!(req.capitalUsd > gas + capacity)) return -1;
      const p: Position = {
        role,
        state: BUYING,
        slot: -1,
        boughtMicro: 0,
        pendingUsd: req.capitalUsd - gas - capacity,
        withdrawableUsd: 0,
        owedUsd: 0,
        realisedUsd: 0,
        exitRequested: false,
        collected: false,
        frictions: { gas, trading_fee: 0, capacity },
      };
      const i = s.positions.list.push(p) - 1;
      s.positions.orders.push({ kind: 'open', position: i, role, usd: p.pendingUsd });
      return i;
    },
    exit(s, i) {
      s.positions.list[i]!.exitRequested = true;
    },
    value(s, i, pub, world): PositionValue {
      const { oxtUsd } = pricesIn(world, names);
      sync(s, pub, oxtUsd);
      const p = s.positions.list[i]!;
      const w = p.withdrawableUsd;
      switch (p.state) {
        case BUYING:
          return { activeUsd: 0, inTransitUsd: p.pendingUsd - p.owedUsd, withdrawableUsd: w, closed: false };
        case RUNNING:
          return { activeUsd: held(p, pub, oxtUsd), inTransitUsd: 0, withdrawableUsd: w, closed: false };
        case WINDING_UP:
          return { activeUsd: 0, inTransitUsd: held(p, pub, oxtUsd), withdrawableUsd: w, closed: false };
        default:
          return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: w, closed: p.collected || w === 0 };
      }
    },
    collect(s, i, pub, world) {
      sync(s, pub, pricesIn(world, names).oxtUsd);
      const p = s.positions.list[i]!;
      const w = p.withdrawableUsd;
      p.withdrawableUsd = 0;
      if (p.state === DONE) p.collected = true;
      return w;
    },
    frictions: (s, i): Frictions => ({ ...s.positions.list[i]!.frictions }),
    earnings(s, i, pub, world) {
      const { oxtUsd } = pricesIn(world, names);
      sync(s, pub, oxtUsd);
      const p = s.positions.list[i]!;
      if (p.state !== RUNNING && p.state !== WINDING_UP) return p.realisedUsd;
      return p.realisedUsd + toOxt(pub.slotStakeMicro[p.slot]! + pub.slotPendingMicro[p.slot]! - p.boughtMicro) * oxtUsd + pub.slotIncomeUsd[p.slot]!;
    },
  };
}
