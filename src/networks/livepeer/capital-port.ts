import type { CapitalPort, EnterRequest, Frictions, PositionValue, WorldView } from '../../engine/network.ts';
import { expectedYield } from './delegator-rules.ts';
import type { Holders } from './holders.ts';
import { toLpt } from './lpt.ts';
import { LEDGER_BONDED_TO_UNBONDING, LEDGER_LIQUID_TO_BONDED, type LivepeerPublic, ORCH_ACTIVE, type PortEvent, type PortOrder } from './messages.ts';
import type { LivepeerConfig } from './params.ts';
import { delegatorCumulativeStake } from './protocol.ts';
import type { LivepeerPriceNames } from './world-prices.ts';

/**
 * The door for outside capital into Livepeer (src/engine/network.ts CapitalPort), on the shard's side. Two roles:
 *
 * - `delegator`: buy LPT on the exchange (trading fee), bond it to an orchestrator of the active set (BondingManager
 *   .bond; gas), earn the pool's rewards through the LIP-36 cumulative reward factor like any delegator; on exit
 *   unbond (gas) and wait `unbondingPeriodRounds`, withdraw (gas) and sell (trading fee).
 * - `orchestrator`: buy the hardware (hardwareCapitalUsd) and LPT for self-stake, register in one of
 *   the slots investors may run (gas); it serves streams, calls reward() and earns fees like any orchestrator, and
 *   joins the active set only if its stake is among the top numActiveTranscoders; on exit it deregisters, its
 *   self-stake unbonds for the unbonding period and is sold, and the hardware is resold at hardwareResaleShare.
 *
 * Every position's capital is accounted for in USD at the world's prices: active, in transit, withdrawable, or lost
 * to a named friction (`gas`, `trading_fee`, `hardware_loss`). The position's LPT moves through the shard's ledger
 * effects (pool and ledger deltas) exactly as a holder's do, so the ledger stays exact.
 */
export interface Positions {
  readonly list: Position[];
  /** Requests for the market posted with this window's orders. */
  orders: PortOrder[];
}

const BUYING = 1;
const BONDED = 2;
const UNBONDING = 3;
const SELLING = 4;
const RUNNING = 5;
const WINDING_UP = 6;
const DONE = 7;

interface Position {
  readonly role: 'delegator' | 'orchestrator';
  state: number;
  readonly capitalUsd: number;
  /** Delegator: orchestrator bonded to (-1 lets the port pick the best-paying one); orchestrator: its slot. */
  target: number;
  /** Delegator: the account's amount (stake at the last claim, unbonding or liquid), exact wei. */
  amountWei: bigint;
  crfStart: bigint;
  withdrawRound: number;
  /** LPT bought, for the gains on it. */
  boughtLpt: number;
  /** Hardware at its purchase price, USD (orchestrator). */
  hardwareUsd: number;
  /** USD waiting at the market (a buy in flight). */
  pendingUsd: number;
  /** USD released and not yet collected; USD of gas incurred not yet paid (taken from the next proceeds). */
  withdrawableUsd: number;
  owedUsd: number;
  /** Earnings realised in USD (LPT gains when sold, an orchestrator's net ETH income). */
  realisedUsd: number;
  exitRequested: boolean;
  collected: boolean;
  readonly frictions: { gas: number; trading_fee: number; hardware_loss: number };
}

export function createPositions(): Positions {
  return { list: [], orders: [] };
}

/** A position's LPT account as the ledger sees it (for audits that recount the ledger from every account). */
export interface PositionAccount {
  readonly state: 'bonded' | 'unbonding' | 'none';
  readonly amountWei: bigint;
  readonly delegate: number;
  readonly crfStart: bigint;
  readonly withdrawRound: number;
}

/**
 * The LPT accounts of a shard's delegator positions. Positions that are buying, selling or done hold no LPT of their
 * own (it is at the exchange or in flight through the market), and an orchestrator's self-stake is in its slot.
 */
export function positionAccounts(ps: Positions): PositionAccount[] {
  return ps.list.map((p) => ({
    state: p.state === BONDED ? 'bonded' : p.state === UNBONDING ? 'unbonding' : 'none',
    amountWei: p.state === BONDED || p.state === UNBONDING ? p.amountWei : 0n,
    delegate: p.target,
    crfStart: p.crfStart,
    withdrawRound: p.withdrawRound,
  }));
}

/** What the port needs of a Livepeer shard (implemented by LivepeerShard). */
export interface PortShard {
  readonly cfg: LivepeerConfig;
  readonly holders: Holders;
  readonly positions: Positions;
}

const gasUsd = (gas: number, cfg: LivepeerConfig, ethUsd: number) => gas * cfg.gasPriceGwei * 1e-9 * ethUsd;

/** The active orchestrator with the highest expected delegator yield (no noise: the investor reads the explorer). */
function bestActive(h: Holders, pub: LivepeerPublic, lptPriceEth: number): number {
  let best = -1;
  let bestY = -Infinity;
  for (let o = 0; o < pub.orchStatus.length; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    const y = expectedYield(pub, o, lptPriceEth, h.roundsPerYear);
    if (y > bestY) {
      bestY = y;
      best = o;
    }
  }
  return best;
}

/** A bonded position's stake now: the claim BondingManager makes (LIP-36), from the factor its shard last read. */
function stakeOf(h: Holders, p: Position): bigint {
  const end = h.crfTable[h.crfIndex[p.target]!]!;
  return p.crfStart === end ? p.amountWei : delegatorCumulativeStake(p.amountWei, p.crfStart, end);
}

function bond(h: Holders, p: Position, target: number): void {
  h.poolDelta[target] = h.poolDelta[target]! + p.amountWei;
  h.ledgerDelta[LEDGER_LIQUID_TO_BONDED] = h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]! + p.amountWei;
  p.target = target;
  p.crfStart = h.crfTable[h.crfIndex[target]!]!;
  p.state = BONDED;
}

function unbond(s: PortShard, p: Position, pub: LivepeerPublic, ethUsd: number): void {
  const h = s.holders;
  const stake = stakeOf(h, p);
  h.poolDelta[p.target] = h.poolDelta[p.target]! - stake;
  h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING] = h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! + stake;
  p.amountWei = stake;
  p.withdrawRound = pub.round + s.cfg.unbondingPeriodRounds;
  p.state = UNBONDING;
  charge(p, gasUsd(s.cfg.unbondGas, s.cfg, ethUsd));
}

/** Gas is paid in ETH when the transaction is sent: out of the position's next proceeds. */
function charge(p: Position, usd: number): void {
  p.frictions.gas += usd;
  p.owedUsd += usd;
}

/** Proceeds come in: what is owed is paid first. */
function receive(p: Position, usd: number): void {
  p.withdrawableUsd += usd - p.owedUsd;
  p.owedUsd = 0;
}

function sell(s: PortShard, i: number, p: Position, ethUsd: number): void {
  charge(p, gasUsd(s.cfg.withdrawGas, s.cfg, ethUsd));
  s.positions.orders.push({ kind: 'sell', position: i, wei: p.amountWei.toString() });
  p.state = SELLING;
}

/**
 * The port's work in a window, before the shard's agents act: apply what the market did with the previous window's
 * requests (fills, refusals, sales, openings, wind-ups), bond what was bought, and withdraw and sell what has
 * finished unbonding.
 */
export function stepPositions(s: PortShard, shardIndex: number, pub: LivepeerPublic, world: WorldView, names: LivepeerPriceNames): void {
  const ps = s.positions;
  const ethUsd = world.prices[names.eth]!;
  for (const e of pub.portEvents[shardIndex] ?? []) applyEvent(s, e.position, e, pub, ethUsd, lptUsd(world, names) / ethUsd);
  for (let i = 0; i < ps.list.length; i++) {
    const p = ps.list[i]!;
    if (p.state === UNBONDING && pub.round >= p.withdrawRound) sell(s, i, p, ethUsd);
    else if (p.state === BONDED && p.exitRequested) unbond(s, p, pub, ethUsd);
    else if (p.state === RUNNING && p.exitRequested) {
      charge(p, gasUsd(s.cfg.unbondGas, s.cfg, ethUsd));
      ps.orders.push({ kind: 'close', position: i, slot: p.target });
      p.state = WINDING_UP;
    }
  }
}

/** Gains on LPT sold: the sale's gross USD less what the LPT bought would have fetched at the sale's price. */
const gainOnSale = (p: Position, soldLpt: number, e: { usd: number; feeUsd: number }) => (soldLpt > 0 ? (e.usd + e.feeUsd) * (1 - p.boughtLpt / soldLpt) : 0);

function applyEvent(s: PortShard, i: number, e: PortEvent, pub: LivepeerPublic, ethUsd: number, lptPriceEth: number): void {
  const h = s.holders;
  const p = s.positions.list[i]!;
  switch (e.kind) {
    case 'refused':
      p.pendingUsd = 0;
      p.hardwareUsd = 0;
      receive(p, e.refundUsd);
      p.state = DONE;
      return;
    case 'filled': {
      p.frictions.trading_fee += e.feeUsd;
      p.pendingUsd = 0;
      p.withdrawableUsd += e.refundUsd;
      p.amountWei = BigInt(e.wei);
      p.boughtLpt = toLpt(p.amountWei);
      const target = p.target >= 0 && pub.orchStatus[p.target] === ORCH_ACTIVE ? p.target : bestActive(h, pub, lptPriceEth);
      if (target < 0 || p.exitRequested) sell(s, i, p, ethUsd);
      else bond(h, p, target);
      return;
    }
    case 'opened':
      p.frictions.trading_fee += e.feeUsd;
      p.pendingUsd = 0;
      p.withdrawableUsd += e.refundUsd;
      p.boughtLpt = toLpt(BigInt(e.wei));
      p.target = e.slot;
      p.state = RUNNING;
      return;
    case 'sold':
      p.frictions.trading_fee += e.feeUsd;
      p.realisedUsd += gainOnSale(p, toLpt(p.amountWei), e);
      receive(p, e.usd);
      p.amountWei = 0n;
      p.state = DONE;
      return;
    case 'returned': {
      const resale = p.hardwareUsd * s.cfg.hardwareResaleShare;
      p.frictions.trading_fee += e.feeUsd;
      p.frictions.hardware_loss += p.hardwareUsd - resale;
      p.realisedUsd += gainOnSale(p, toLpt(BigInt(e.wei)), e) + e.incomeUsd;
      receive(p, e.usd + e.incomeUsd + resale);
      p.hardwareUsd = 0;
      p.state = DONE;
      return;
    }
  }
}

const lptUsd = (world: WorldView, names: LivepeerPriceNames) => world.prices[names.lpt]!;

/** Annual return a delegator sees on the explorer: the stake-weighted mean of the active orchestrators' expected yield. */
function delegatorReturn(h: Holders, pub: LivepeerPublic, lptPriceEth: number): number {
  let sum = 0;
  let stake = 0;
  for (let o = 0; o < pub.orchStatus.length; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    sum += pub.orchStakeLpt[o]! * expectedYield(pub, o, lptPriceEth, h.roundsPerYear);
    stake += pub.orchStakeLpt[o]!;
  }
  return stake > 0 ? sum / stake : 0;
}

/**
 * Annual return on capital of running an orchestrator, as an investor can read it: entering with the smallest stake
 * that still makes the active set, its self-stake earns the rewards of a pool with no commission paid to anyone else;
 * against that capital plus the hardware, less fixed costs and reward() gas. Fee income is left out (the published
 * state holds fees per staked LPT, not per orchestrator), so this understates an orchestrator's return where fees matter.
 */
function orchestratorReturn(s: PortShard, pub: LivepeerPublic, lptUsd: number, ethUsd: number): number {
  const cfg = s.cfg;
  let lowest = Infinity;
  let some = -1;
  for (let o = 0; o < pub.orchStatus.length; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    if (pub.orchStakeLpt[o]! < lowest) {
      lowest = pub.orchStakeLpt[o]!;
      some = o;
    }
  }
  if (some < 0) return 0;
  const stakeUsd = lowest * lptUsd;
  const capital = stakeUsd + cfg.hardwareCapitalUsd;
  const rewards = stakeUsd * expectedYield(pub, some, lptUsd / ethUsd, s.holders.roundsPerYear, 0);
  const roundsPerYear = s.holders.roundsPerYear;
  const costs = cfg.fixedCostUsdPerDay * 365.25 + cfg.rewardGas * cfg.gasPriceGwei * 1e-9 * roundsPerYear * ethUsd;
  return capital > 0 ? (rewards - costs) / capital : 0;
}

/**
 * Gains not yet realised, at today's prices: the LPT the position holds beyond what it bought (rewards through the
 * reward factor, or an orchestrator's commission and self-stake rewards), and an orchestrator's net ETH income.
 */
function unrealised(s: PortShard, p: Position, pub: LivepeerPublic, world: WorldView, names: LivepeerPriceNames): number {
  const price = lptUsd(world, names);
  switch (p.state) {
    case BONDED:
      return (toLpt(stakeOf(s.holders, p)) - p.boughtLpt) * price;
    case UNBONDING:
    case SELLING:
      return (toLpt(p.amountWei) - p.boughtLpt) * price;
    case RUNNING:
    case WINDING_UP: {
      const k = p.target - pub.firstInvestorSlot;
      return (pub.investorSlotSelfLpt[k]! - p.boughtLpt) * price + pub.investorSlotIncomeEth[k]! * world.prices[names.eth]!;
    }
    default:
      return 0;
  }
}

/** Livepeer's port, reading the LPT and ETH prices under `names`. */
export function livepeerPort(names: LivepeerPriceNames): CapitalPort<PortShard, LivepeerPublic> {
  const positionValue = (s: PortShard, i: number, pub: LivepeerPublic, world: WorldView): PositionValue => {
    const p = s.positions.list[i]!;
    const price = lptUsd(world, names);
    const owed = p.owedUsd;
    const w = p.withdrawableUsd;
    switch (p.state) {
      case BUYING:
        return { activeUsd: 0, inTransitUsd: p.pendingUsd + p.hardwareUsd - owed, withdrawableUsd: w, closed: false };
      case BONDED:
        return { activeUsd: toLpt(stakeOf(s.holders, p)) * price - owed, inTransitUsd: 0, withdrawableUsd: w, closed: false };
      case UNBONDING:
      case SELLING:
        return { activeUsd: 0, inTransitUsd: toLpt(p.amountWei) * price - owed, withdrawableUsd: w, closed: false };
      case RUNNING:
      case WINDING_UP: {
        const k = p.target - pub.firstInvestorSlot;
        const income = pub.investorSlotIncomeEth[k]! * world.prices[names.eth]!;
        const held = pub.investorSlotSelfLpt[k]! * price + p.hardwareUsd + income - owed;
        return p.state === RUNNING
          ? { activeUsd: held, inTransitUsd: 0, withdrawableUsd: w, closed: false }
          : { activeUsd: 0, inTransitUsd: held, withdrawableUsd: w, closed: false };
      }
      default:
        return { activeUsd: 0, inTransitUsd: 0, withdrawableUsd: w, closed: p.collected || w === 0 };
    }
  };
  return {
    roles: ['delegator', 'orchestrator'],
    skill: (role) => (role === 'orchestrator' ? 'gpu' : undefined),
    switchingCost(s, role, capitalUsd, _pub, world) {
      const cfg = s.cfg;
      const ethUsd = world.prices[names.eth]!;
      const gas = (units: number) => gasUsd(units, cfg, ethUsd);
      const hardware = role === 'orchestrator' ? cfg.hardwareCapitalUsd : 0;
      const stakeUsd = Math.max(0, capitalUsd - hardware);
      return {
        entryUsd: gas(cfg.bondGas) + stakeUsd * cfg.tradingFee,
        exitUsd: gas(cfg.unbondGas) + gas(cfg.withdrawGas) + stakeUsd * cfg.tradingFee + hardware * (1 - cfg.hardwareResaleShare),
        exitDelayS: cfg.unbondingPeriodRounds * cfg.roundLengthHours * 3600,
      };
    },
    frictionNames: ['gas', 'hardware_loss', 'trading_fee'],
    observedReturn: (s, role, pub, world) => {
      const ethUsd = world.prices[names.eth]!;
      const price = lptUsd(world, names);
      return role === 'orchestrator' ? orchestratorReturn(s, pub, price, ethUsd) : delegatorReturn(s.holders, pub, price / ethUsd);
    },
    enter(s, req: EnterRequest, _pub, world) {
      const cfg = s.cfg;
      const ethUsd = world.prices[names.eth]!;
      const gas = gasUsd(cfg.bondGas, cfg, ethUsd);
      const hardware = req.role === 'orchestrator' ? cfg.hardwareCapitalUsd : 0;
      if (!(req.capitalUsd > gas + hardware)) return -1;
      const p: Position = {
        role: req.role === 'orchestrator' ? 'orchestrator' : 'delegator',
        state: BUYING,
        capitalUsd: req.capitalUsd,
        target: req.target,
        amountWei: 0n,
        crfStart: 0n,
        withdrawRound: -1,
        boughtLpt: 0,
        hardwareUsd: hardware,
        pendingUsd: req.capitalUsd - gas - hardware,
        withdrawableUsd: 0,
        owedUsd: 0,
        realisedUsd: 0,
        exitRequested: false,
        collected: false,
        frictions: { gas, trading_fee: 0, hardware_loss: 0 },
      };
      const i = s.positions.list.push(p) - 1;
      s.positions.orders.push({ kind: 'buy', position: i, role: p.role, usd: p.pendingUsd + hardware, hardwareUsd: hardware });
      return i;
    },
    exit(s, i) {
      s.positions.list[i]!.exitRequested = true;
    },
    value: positionValue,
    collect(s, i) {
      const p = s.positions.list[i]!;
      const w = p.withdrawableUsd;
      p.withdrawableUsd = 0;
      if (p.state === DONE) p.collected = true;
      return w;
    },
    frictions: (s, i): Frictions => ({ ...s.positions.list[i]!.frictions }),
    earnings(s, i, pub, world) {
      const p = s.positions.list[i]!;
      return p.realisedUsd + unrealised(s, p, pub, world, names);
    },
  };
}
