import type { CapitalPort, EnterRequest, PositionValue, SwitchingCost, WorldView } from '../../engine/network.ts';
import type { FilecoinPublic, PortEvent, PortOrder } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { REWARD_VESTING_PERIOD_DAYS } from './protocol.ts';
import { configureProvider, createProviders, type Economics, returnOnNewTib, tierCapexPerTib } from './providers.ts';
import type { FilecoinPriceNames } from './world-prices.ts';

/**
 * The door for outside capital into Filecoin (src/engine/network.ts CapitalPort), on the shard's side. Two roles:
 *
 * - `storage-provider`: buy hardware and FIL for its pledge, seal committed capacity and run a provider in one of the
 *   slots investors may run (port-settlement.ts); on exit the provider stops growing, terminates what costs less to
 *   terminate than to keep and lets the rest expire — its pledge stays locked until then — and the hardware is
 *   resold at `hardwareResaleShare`. Its opex is charged to the investor.
 * - `lender`: buy FIL and lend it to providers through the pool for pool shares; interest accrues to the shares; on
 *   exit the shares are redeemed as far as the pool holds unlent FIL (the rest waits for repayments) and sold.
 *
 * Every position's capital is accounted for in USD at the world's price: active, in transit, withdrawable, or lost
 * to a named friction (`trading_fee`, `hardware_loss`).
 */
const DAY = 86_400;
const OPENING = 1;
const RUNNING = 2;
const CLOSING = 3;
const DONE = 4;

interface Position {
  readonly role: 'storage-provider' | 'lender';
  state: number;
  readonly capitalUsd: number;
  /** Provider slot (storage-provider) or -1. */
  slot: number;
  /** Pool shares held (lender). */
  shares: number;
  /** Hardware at cost (USD). */
  hardwareUsd: number;
  /** USD waiting at the market (an order in flight), released but not yet collected, and collected. */
  pendingUsd: number;
  withdrawableUsd: number;
  collectedUsd: number;
  exitRequested: boolean;
  collected: boolean;
  readonly frictions: { trading_fee: number; hardware_loss: number };
}

export interface Positions {
  readonly list: Position[];
  /** Requests for the market posted with this window's orders. */
  orders: PortOrder[];
}

export function createPositions(): Positions {
  return { list: [], orders: [] };
}

/** What the port needs of a Filecoin shard. */
export interface PortShard {
  readonly cfg: FilecoinConfig;
  readonly index: number;
  readonly positions: Positions;
}

const econOf = (pub: FilecoinPublic): Economics => ({
  rewardPerEpochFil: pub.rewardPerEpochFil,
  networkQaTib: pub.networkQaTib,
  pledgePerQaTibFil: pub.pledgePerQaTibFil,
  filUsd: pub.filUsd,
});

/** A medium provider's character, as an investor prices it (capex, opex, pledge per TiB). */
function mediumProvider(cfg: FilecoinConfig) {
  const pr = createProviders(1);
  configureProvider(pr, cfg, 0, 0, 2 * 1024);
  pr.borrowShare[0] = 0;
  return pr;
}

/**
 * What a storage provider opened with `capitalUsd` buys: hardware for as many TiB as the capital buys with their
 * pledge (committed capacity at today's pledge, 10 % spare for deposits and gas; sized at a medium provider's capex),
 * at the capex of the tier that capacity falls in (its own cost spread is unknown until it is opened), the rest in FIL.
 */
function providerSizing(cfg: FilecoinConfig, capitalUsd: number, pub: FilecoinPublic) {
  const medium = mediumProvider(cfg);
  const perTib = medium.capexPerTib[0]! + pub.pledgePerQaTibFil * 1.1 * pub.filUsd;
  const capacityTib = Math.floor(capitalUsd / perTib);
  return { capacityTib, hardwareUsd: capacityTib * tierCapexPerTib(cfg, capacityTib) };
}

/**
 * What taking `role` with `capitalUsd` and leaving it again costs, as estimated from the public state before entering:
 *
 * - `storage-provider`: the exchange fee on the FIL bought, and on the way out on the FIL sold (the same FIL, less the
 *   first fee), plus the hardware resold at `hardwareResaleShare` of its cost; the capital is in transit for a
 *   committed-capacity sector's life (`ccSectorDays`: the pledge stays locked until the sectors expire) and then the
 *   180 days over which the last block rewards vest (the provider is wound up, and its investor paid, when nothing is
 *   left). Termination fees are left out: an exiting provider terminates only what costs less to terminate than to
 *   keep. A capital too small to buy one TiB with its pledge cannot open a provider: the entry cost is infinite.
 * - `lender`: the exchange fee both ways; the wait is one day (the next clear) for what the pool holds unlent, and
 *   for the rest the loans it funds are repaid as providers' sectors expire — on average half a sector's life — so
 *   the delay is the capital-weighted mean of the two.
 */
export function switchingCostOf(cfg: FilecoinConfig, role: string, capitalUsd: number, pub: FilecoinPublic): SwitchingCost {
  const fee = cfg.exchangeFee;
  if (role === 'lender') {
    const unlentUsd = pub.poolUnlentFil * pub.filUsd;
    const waitingShare = capitalUsd > 0 ? Math.max(0, 1 - unlentUsd / (capitalUsd * (1 - fee))) : 0;
    return {
      entryUsd: capitalUsd * fee,
      exitUsd: capitalUsd * (1 - fee) * fee,
      exitDelayS: (1 + waitingShare * (cfg.ccSectorDays / 2)) * DAY,
    };
  }
  const { capacityTib, hardwareUsd } = providerSizing(cfg, capitalUsd, pub);
  if (capacityTib < 1) return { entryUsd: Number.POSITIVE_INFINITY, exitUsd: 0, exitDelayS: 0 };
  const filUsd = capitalUsd - hardwareUsd;
  return {
    entryUsd: filUsd * fee,
    exitUsd: filUsd * (1 - fee) * fee + hardwareUsd * (1 - cfg.hardwareResaleShare),
    exitDelayS: (cfg.ccSectorDays + REWARD_VESTING_PERIOD_DAYS) * DAY,
  };
}

/** Applies the market's answers to the shard's positions (read at the start of a window). */
export function stepPositions(s: PortShard, pub: FilecoinPublic): void {
  const ps = s.positions;
  for (const e of pub.portEvents[s.index] ?? []) applyEvent(s, e);
  for (let i = 0; i < ps.list.length; i++) {
    const p = ps.list[i]!;
    if (!p.exitRequested || p.state === DONE || p.state === OPENING) continue;
    if (p.role === 'storage-provider' && p.state === RUNNING) {
      ps.orders.push({ kind: 'close-provider', position: i, slot: p.slot });
      p.state = CLOSING;
    } else if (p.role === 'lender' && p.shares > 0) {
      // Redeem what the pool can pay now; the rest is asked for again next window.
      ps.orders.push({ kind: 'withdraw-loan', position: i, shares: p.shares });
      p.state = CLOSING;
    }
  }
}

function applyEvent(s: PortShard, e: PortEvent): void {
  const p = s.positions.list[e.position]!;
  switch (e.kind) {
    case 'refused':
      p.pendingUsd = 0;
      p.hardwareUsd = 0;
      p.withdrawableUsd += e.refundUsd;
      p.state = DONE;
      return;
    case 'provider-opened':
      p.frictions.trading_fee += e.feeUsd;
      p.slot = e.slot;
      p.pendingUsd = 0;
      p.state = RUNNING;
      return;
    case 'lent':
      p.frictions.trading_fee += e.feeUsd;
      p.shares = e.shares;
      p.pendingUsd = 0;
      p.state = RUNNING;
      return;
    case 'provider-closed':
      p.frictions.trading_fee += e.tradingFeeUsd;
      p.frictions.hardware_loss += e.hardwareLossUsd;
      p.withdrawableUsd += e.usd;
      p.hardwareUsd = 0;
      p.state = DONE;
      return;
    case 'withdrawn': {
      const out = e.shares;
      p.frictions.trading_fee += e.feeUsd;
      p.withdrawableUsd += e.usd;
      p.shares -= out;
      if (p.shares <= 1e-12) {
        p.shares = 0;
        p.state = DONE;
      }
      return;
    }
  }
}

/** Filecoin's port, reading the FIL price under `names`. */
export function filecoinPort(names: FilecoinPriceNames): CapitalPort<PortShard, FilecoinPublic> {
  const filUsd = (world: WorldView) => world.prices[names.fil]!;
  const poolPerShare = (pub: FilecoinPublic) => {
    const total = pub.poolLentFil + pub.poolUnlentFil;
    return pub.poolShares > 0 ? total / pub.poolShares : 1;
  };
  const slotValue = (pub: FilecoinPublic, p: Position, world: WorldView) => {
    const k = p.slot - pub.firstInvestorSlot;
    return pub.investorSlotFil[k]! * filUsd(world) + p.hardwareUsd - pub.investorSlotOpexUsd[k]!;
  };
  const value = (s: PortShard, i: number, pub: FilecoinPublic, world: WorldView): PositionValue => {
    const p = s.positions.list[i]!;
    const w = p.withdrawableUsd;
    if (p.state === OPENING) return { activeUsd: 0, inTransitUsd: p.pendingUsd, withdrawableUsd: w, closed: false };
    if (p.state === DONE) return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: w, closed: p.collected || w === 0 };
    const held = p.role === 'storage-provider' ? slotValue(pub, p, world) : p.shares * poolPerShare(pub) * filUsd(world);
    return p.state === RUNNING
      ? { activeUsd: held, inTransitUsd: 0, withdrawableUsd: w, closed: false }
      : { activeUsd: 0, inTransitUsd: held, withdrawableUsd: w, closed: false };
  };
  return {
    roles: ['storage-provider', 'lender'],
    skill: (role) => (role === 'storage-provider' ? 'storage' : undefined),
    switchingCost: (s, role, capitalUsd, pub) => switchingCostOf(s.cfg, role, capitalUsd, pub),
    frictionNames: ['hardware_loss', 'trading_fee'],
    observedReturn: (s, role, pub) => {
      if (role === 'lender') {
        const total = pub.poolLentFil + pub.poolUnlentFil;
        return total > 0 ? (s.cfg.borrowRate * pub.poolLentFil) / total : 0;
      }
      return returnOnNewTib(mediumProvider(s.cfg), s.cfg, 0, econOf(pub), 1, 0);
    },
    enter(s, req: EnterRequest, pub) {
      const role = req.role === 'lender' ? 'lender' : 'storage-provider';
      if (!(req.capitalUsd > 0)) return -1;
      const p: Position = {
        role,
        state: OPENING,
        capitalUsd: req.capitalUsd,
        slot: -1,
        shares: 0,
        hardwareUsd: 0,
        pendingUsd: req.capitalUsd,
        withdrawableUsd: 0,
        collectedUsd: 0,
        exitRequested: false,
        collected: false,
        frictions: { trading_fee: 0, hardware_loss: 0 },
      };
      const i = s.positions.list.length;
      if (role === 'lender') {
        s.positions.orders.push({ kind: 'lend', position: i, usd: req.capitalUsd });
      } else {
        const { capacityTib, hardwareUsd } = providerSizing(s.cfg, req.capitalUsd, pub);
        if (capacityTib < 1) return -1;
        p.hardwareUsd = hardwareUsd;
        s.positions.orders.push({ kind: 'open-provider', position: i, usd: req.capitalUsd, capacityTib });
      }
      s.positions.list.push(p);
      return i;
    },
    exit(s, position) {
      s.positions.list[position]!.exitRequested = true;
    },
    value,
    collect(s, position) {
      const p = s.positions.list[position]!;
      const usd = p.withdrawableUsd;
      p.withdrawableUsd = 0;
      p.collectedUsd += usd;
      if (p.state === DONE) p.collected = true;
      return usd;
    },
    frictions: (s, position) => ({ ...s.positions.list[position]!.frictions }),
    /**
     * The position's profit and loss before frictions, USD: everything it holds, has released and has paid out, at
     * today's price, less the capital put in, plus the frictions (so capital + earnings − frictions is what it is worth).
     * For a provider that is block rewards and deal income less gas, penalties and opex; for a lender, the pool's interest
     * (and any loan written off); for both, the FIL price's move.
     */
    earnings(s, position, pub, world) {
      const p = s.positions.list[position]!;
      const v = value(s, position, pub, world);
      const f = p.frictions.trading_fee + p.frictions.hardware_loss;
      return v.activeUsd + v.inTransitUsd + v.withdrawableUsd + p.collectedUsd - p.capitalUsd + f;
    },
  };
}
