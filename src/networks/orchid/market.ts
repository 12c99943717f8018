import type { MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { NetworkMarket, WorldView } from '../../engine/network.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { hhi, nakamotoCoefficient } from '../../stats/index.ts';
import {
  bookNetworkWindow,
  bookUserStats,
  createCounters,
  networkGbPerDay,
  networkIncomeUsdPerDay,
  type OrchidCounters,
  startSampleInterval,
} from './counters.ts';
import { closeLenderWindow, createLenders, type Lenders, reviewLenders } from './lenders.ts';
import { type OrchidOrders, type OrchidPublic, STAT_NO_PICK_GB } from './messages.ts';
import { sampleMetrics } from './metrics.ts';
import { createOxtLedger, type OxtLedger, oxtTotals } from './oxt-ledger.ts';
import type { OrchidConfig } from './params.ts';
import { type CurrencyLedger, createCurrencyLedger, createWindowPayments, type Loan, settlePayments, type WindowPayments } from './payments.ts';
import { bookLoanIncome, createPortSettlement, investorLoans, type PortSettlement, settlePortOrders, windUpPortSlots } from './port-settlement.ts';
import { BANDWIDTH_FEED_SCALE, bandwidthPriceUsdPerGb, have, heft, OXT_SUPPLY_MICRO, stakeOf } from './protocol.ts';
import { publishState } from './public-state.ts';
import { bookPicks, closeMonths, closeRelayWindow, createRelays, openRelayWindow, type Relays, releaseRelays, reviewRelays } from './relays.ts';
import { matchSessions } from './session-matching.ts';
import { LENDER_LENDING, microOxt } from './units.ts';
import { DEFAULT_PRICE_NAMES, type OrchidPriceNames, type OrchidPrices, pricesIn } from './world-prices.ts';

/** Observers of a running market (tests, traces). */
export interface OrchidHooks {
  /** Called at the end of every clear. */
  onClear?: (market: OrchidMarket) => void;
}

/**
 * The Orchid market: wiring only. It owns the market side — the OXT ledger with the directory (oxt-ledger.ts), the
 * relays and lenders (relays.ts, lenders.ts), the lottery currency's totals (payments.ts), the port's slots
 * (port-settlement.ts) and the tallies (counters.ts) — and at the end of each window: opens the relays' capacity for
 * the window, settles the port's orders, the payments shards redeemed (payments.ts) and the window's sessions
 * (session-matching.ts), books each relay's and lender's window, runs the reviews that fall due (entries, added stake,
 * exits, loans), releases stake whose delay is over, and publishes (public-state.ts).
 */
export class OrchidMarket implements NetworkMarket<OrchidOrders, OrchidPublic> {
  readonly cfg: OrchidConfig;
  readonly shards: number;
  readonly ledger: OxtLedger;
  readonly currency: CurrencyLedger;
  readonly relays: Relays;
  readonly lenders: Lenders;
  readonly port: PortSettlement;
  readonly counters: OrchidCounters;
  readonly priceUsdPerGb: number;
  private readonly payments: WindowPayments;
  private readonly rngRelays: RandomStream;
  private readonly rngLenders: RandomStream;
  private readonly hooks: OrchidHooks;
  private readonly names: OrchidPriceNames;
  private prices: OrchidPrices;
  private last: OrchidPublic;

  constructor(cfg: OrchidConfig, ctx: RunContext, world: WorldView, hooks: OrchidHooks = {}, names: OrchidPriceNames = DEFAULT_PRICE_NAMES) {
    this.cfg = cfg;
    this.shards = ctx.shards;
    this.hooks = hooks;
    this.names = names;
    this.prices = pricesIn(world, names);
    this.rngRelays = ctx.stream('relays');
    this.rngLenders = ctx.stream('lenders');
    const nRelays = cfg.relays + cfg.relayCandidates + cfg.investorRelaySlots;
    const stakers = nRelays + cfg.lenders + cfg.investorLenderSlots;
    this.ledger = createOxtLedger(stakers);
    this.relays = createRelays(cfg, this.rngRelays, this.ledger);
    this.lenders = createLenders(cfg, nRelays, this.rngLenders, this.ledger);
    this.port = createPortSettlement(cfg, this.relays.firstInvestor, nRelays + cfg.lenders, ctx.shards);
    this.currency = createCurrencyLedger(stakers);
    this.payments = createWindowPayments(nRelays, stakers);
    this.counters = createCounters();
    this.ledger.exchangeMicro = microOxt(cfg.exchangeFloatOxt);
    const inModel = oxtTotals(this.ledger).supply;
    if (inModel > OXT_SUPPLY_MICRO) throw new RangeError(`orchid: the model holds ${inModel / 1e6} OXT at t = 0, more than the supply of 1e9`);
    this.ledger.outsideMicro = OXT_SUPPLY_MICRO - inModel;
    const answer = cfg.oracleUsdPerGb > 0 ? BigInt(Math.round(cfg.oracleUsdPerGb * BANDWIDTH_FEED_SCALE)) : 0n;
    this.priceUsdPerGb = bandwidthPriceUsdPerGb(answer);
    this.last = this.publish(
      Array.from({ length: ctx.shards }, () => new Int32Array(0)),
      new Array(ctx.shards).fill(undefined),
    );
  }

  initialPublic(): OrchidPublic {
    return this.last;
  }

  clear(orders: readonly OrchidOrders[], window: Window, world: WorldView): OrchidPublic {
    const { cfg, relays: r, ledger, counters } = this;
    this.prices = pricesIn(world, this.names);
    const now = window.to;
    const dtS = window.to - window.from;
    openRelayWindow(r, dtS);
    bookPicks(
      r,
      ledger.tree,
      orders.map((o) => o.picks),
      dtS,
    );
    bookUserStats(counters, orders);
    settlePortOrders(this.port, r, ledger, orders, {
      cfg,
      prices: this.prices,
      now,
      incomePerOxtDay: this.last.relayIncomePerOxtDay,
      serving: this.last.relayServing,
    });
    const w = this.payments;
    settlePayments(this.currency, w, orders, ledger.tree, this.loans(), cfg.lenderShare, this.prices.currencyUsd);
    bookLoanIncome(this.port, w.lentIncomeUsd);
    const match = matchSessions(r, orders, 1 + cfg.retriesOnFull);
    bookNetworkWindow(counters, match, w, dtS, cfg.memoryDays);
    for (let i = 0; i < r.n; i++) closeRelayWindow(r, i, w.grossUsd[i]!, w.ownUsd[i]!, dtS, stakeOf(ledger.tree, i, i), this.prices.oxtUsd, cfg.memoryDays);
    const l = this.lenders;
    for (let j = 0; j < l.n; j++) closeLenderWindow(l, j, w.lentIncomeUsd[l.firstStaker + j]!, dtS, cfg.memoryDays);
    closeMonths(r, now);
    const reviewed = reviewRelays(
      r,
      ledger,
      cfg,
      { now, oxtUsd: this.prices.oxtUsd, priceUsdPerGb: this.priceUsdPerGb, networkIncomeUsdPerDay: this.networkIncomeUsdPerDay },
      this.rngRelays,
    );
    counters.relayEntries += reviewed.entries;
    counters.relayExits += reviewed.exits;
    const loans = reviewLenders(
      l,
      ledger,
      cfg,
      { now, oxtUsd: this.prices.oxtUsd, incomePerOxtDay: this.last.relayIncomePerOxtDay, serving: this.last.relayServing },
      this.rngLenders,
    );
    counters.loansMade += loans.lent;
    counters.loansWithdrawn += loans.withdrawn;
    releaseRelays(r, ledger, now);
    windUpPortSlots(this.port, r, ledger, this.currency, cfg, this.prices, now);
    const events = this.port.events;
    this.port.events = new Array(this.shards).fill(undefined);
    this.last = this.publish(match.assigned, events);
    this.hooks.onClear?.(this);
    return this.last;
  }

  /** The standard signals a world compares networks by (see NetworkMarket.signals); no side effects. */
  signals(): MetricValues {
    const tree = this.ledger.tree;
    const hefts: number[] = [];
    for (let i = 0; i < this.relays.n; i++) {
      const h = heft(tree, i);
      if (h > 0) hefts.push(h);
    }
    const c = this.counters;
    const refused = c.gbRejected + c.stats[STAT_NO_PICK_GB]!;
    const asked = c.gbServed + refused;
    return {
      nakamoto_coefficient: nakamotoCoefficient(hefts),
      hhi: hhi(hefts),
      staking_ratio: have(tree) / OXT_SUPPLY_MICRO,
      demand_served_fraction: asked > 0 ? c.gbServed / asked : Number.NaN,
    };
  }

  sample(_t: number): MetricValues {
    const l = this.lenders;
    const loans = this.loans().filter((x) => x.staker >= l.firstStaker + l.n);
    const m = sampleMetrics(this.counters, {
      cfg: this.cfg,
      relays: this.relays,
      lenders: l,
      ledger: this.ledger,
      loanStakers: loans.map((x) => x.staker),
      loanRelays: loans.map((x) => x.relay),
      priceUsdPerGb: this.priceUsdPerGb,
      oxtUsd: this.prices.oxtUsd,
      networkIncomeUsdPerDay: this.networkIncomeUsdPerDay,
      networkGbPerDay: networkGbPerDay(this.counters),
    });
    startSampleInterval(this.counters);
    return m;
  }

  /** The network's lottery income net of gas, USD a day (the income memory's estimate). */
  get networkIncomeUsdPerDay(): number {
    return networkIncomeUsdPerDay(this.counters);
  }

  /** Every stake lent now: lenders' and investors' loans. */
  loans(): Loan[] {
    const l = this.lenders;
    const out: Loan[] = [];
    for (let j = 0; j < l.n; j++) if (l.status[j] === LENDER_LENDING) out.push({ staker: l.firstStaker + j, relay: l.relay[j]! });
    return out.concat(investorLoans(this.port));
  }

  private publish(assigned: readonly Int32Array[], events: OrchidPublic['portEvents']): OrchidPublic {
    return publishState(this.relays, this.ledger, this.port, this.priceUsdPerGb, this.networkIncomeUsdPerDay, assigned, events);
  }
}
