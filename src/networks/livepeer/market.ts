import { EMPTY_SCHEDULE, type ParameterSchedule } from '../../core/dated-schedule.ts';
import type { MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { NetworkMarket, WorldView } from '../../engine/network.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { createCounters, FLOW_COUNT, type LivepeerCounters, recordFlows, startSampleInterval } from './counters.ts';
import { settleFees } from './fees.ts';
import { initialBook } from './initial-state.ts';
import { applyHolderActions, createLedger, fillPurchases, type Ledger, openHolderAccounts, releaseHolderLocks } from './ledger.ts';
import { toLpt, WEI_PER_MICRO_LPT } from './lpt.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import { sampleMetrics } from './metrics.ts';
import { activeFlow, bookNetworkFlow, closeOrchestratorRound, type RoundPrices, wantsSlot } from './orchestrator-round.ts';
import { createOrchestrators, type Orchestrators, type OrchestratorTerms, orchestratorTerms, priceInWei, releaseOrchestratorLocks } from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';
import { createPortSettlement, type PortPrices, type PortSettlement, settlePortOrders, takePortEvents, windUpInvestorSlots } from './port-settlement.ts';
import { createPublisher, type Publisher, publishState } from './public-state.ts';
import { applyGovernance, callRewards, createRoundState, initializeRound, type RoundState } from './rounds.ts';
import { matchStreams } from './stream-matching.ts';
import { type TicketTerms, ticketTerms } from './tickets.ts';
import { DEFAULT_PRICE_NAMES, type LivepeerPriceNames } from './world-prices.ts';

/** Observers of a running market (tests, traces). */
export interface LivepeerHooks {
  /** Called after each round has been initialised and its rewards minted. */
  onRound?: (market: LivepeerMarket) => void;
}

export interface MarketOptions {
  readonly hooks?: LivepeerHooks;
  readonly priceNames?: LivepeerPriceNames;
  readonly schedule?: ParameterSchedule;
}

/**
 * The Livepeer market: wiring only. It owns the state of the market side — the ledgers (ledger.ts), the orchestrators
 * (orchestrators.ts), the round's protocol state (rounds.ts) and the metric tallies (counters.ts) — and at the end of
 * each window calls the mechanisms in order: outside capital's trades (port-settlement.ts), fees (fees.ts), the
 * holders' transactions and purchases (ledger.ts), jobs to sessions (stream-matching.ts), every round that starts in
 * the window (orchestrators close their round, governance, initializeRound, reward(); orchestrator-round.ts,
 * rounds.ts), and the public state (public-state.ts).
 */
export class LivepeerMarket implements NetworkMarket<LivepeerOrders, LivepeerPublic> {
  readonly cfg: LivepeerConfig;
  readonly seed: number;
  readonly shards: number;
  readonly ledger: Ledger;
  readonly orchestrators: Orchestrators;
  readonly rounds: RoundState;
  readonly counters: LivepeerCounters;
  readonly schedule: ParameterSchedule;
  private readonly terms: OrchestratorTerms;
  private readonly tickets: TicketTerms;
  private readonly publisher: Publisher;
  private readonly rng: RandomStream;
  private readonly rngMatch: RandomStream;
  private readonly hooks: LivepeerHooks;
  private readonly priceNames: LivepeerPriceNames;
  private readonly flowScratch = new Float64Array(FLOW_COUNT);
  /** The world's LPT and ETH prices in USD at the last clear. */
  prices: PortPrices & RoundPrices;
  /** Purchases the last clear filled, per shard (their shards credit them in the next window). */
  lastFills: (Float64Array | undefined)[];
  /** The time of the last clear (seconds). */
  private lastClearS = 0;
  readonly port: PortSettlement;

  constructor(cfg: LivepeerConfig, ctx: RunContext, world: WorldView, options: MarketOptions = {}) {
    this.cfg = cfg;
    this.priceNames = options.priceNames ?? DEFAULT_PRICE_NAMES;
    this.schedule = options.schedule ?? EMPTY_SCHEDULE;
    this.prices = this.pricesIn(world);
    this.seed = ctx.seed;
    this.shards = ctx.shards;
    this.hooks = options.hooks ?? {};
    this.rng = ctx.stream('orchestrators');
    this.rngMatch = ctx.stream('matching');
    this.terms = orchestratorTerms(cfg);
    this.tickets = ticketTerms(cfg);
    this.rounds = createRoundState(cfg, this.schedule);
    this.counters = createCounters();
    const book = initialBook(cfg, ctx.seed);
    this.ledger = createLedger(cfg.orchestrators + cfg.orchestratorCandidates + cfg.investorOrchestratorSlots, ctx.shards);
    this.orchestrators = createOrchestrators(cfg, this.rng, this.ledger, book);
    this.publisher = createPublisher(this.ledger);
    this.port = createPortSettlement(this.orchestrators, ctx.shards);
    this.lastFills = new Array(ctx.shards).fill(undefined);
    const ledger = this.ledger;
    openHolderAccounts(ledger, cfg, ctx.seed, book);
    ledger.treasury = BigInt(Math.round(cfg.initialTreasuryLpt * 1e6)) * WEI_PER_MICRO_LPT;
    ledger.supply += ledger.treasury;
    ledger.exchange = BigInt(Math.round(cfg.exchangeFloatLpt * 1e6)) * WEI_PER_MICRO_LPT;
    ledger.supply += ledger.exchange;
    ledger.initialSupply = ledger.supply;
    // The run starts at the beginning of round 0, whose inflation (initialInflation) is already set.
    this.startRound(0, false);
    recordFlows(this.counters, 0, 0, 0, this.flowScratch);
  }

  private pricesIn(world: WorldView): PortPrices & RoundPrices {
    return { lptUsd: world.prices[this.priceNames.lpt]!, ethUsd: world.prices[this.priceNames.eth]! };
  }

  /** The LPT price in ETH at the last clear: what orchestrators weigh LPT at. */
  get lptPriceEth(): number {
    return this.prices.lptUsd / this.prices.ethUsd;
  }

  initialPublic(): LivepeerPublic {
    const none = {
      assigned: new Array(this.shards).fill(null).map(() => new Int32Array(0)),
      prices: new Array(this.shards).fill(null).map(() => new Float64Array(0)),
    };
    const empty = new Array(this.shards).fill(undefined);
    return publishState(this.publisher, this.ledger, this.orchestrators, this.rounds, none, empty, empty);
  }

  clear(orders: readonly LivepeerOrders[], window: Window, world: WorldView): LivepeerPublic {
    this.prices = this.pricesIn(world);
    const { orchestrators: o, ledger, counters, cfg } = this;
    settlePortOrders(this.port, o, ledger, orders, cfg, this.rounds.round, this.prices);
    for (const order of orders) settleFees(o, ledger, counters, order, this.tickets, this.terms, this.prices.ethUsd);
    const flowBefore = activeFlow(o);
    counters.holderTx += applyHolderActions(ledger, orders, this.rounds.round, cfg.unbondingPeriodRounds, o.flowLpt);
    bookNetworkFlow(o, ledger, flowBefore);
    let bonded = 0;
    for (const order of orders) bonded += order.bondedHolders;
    counters.bondedWallets = bonded;
    counters.bondedWalletSeconds += bonded * (window.to - window.from);
    this.lastFills = fillPurchases(ledger, orders, this.shards);
    const assignments = matchStreams(o, counters, orders, cfg.candidatesPerStream, cfg.demandScale, this.rngMatch);
    // Rounds whose start falls in (from, to] begin at this window's end.
    for (;;) {
      const next = this.rounds.round + 1;
      if (next * this.terms.roundS > window.to + 1e-6) break;
      this.startRound(next, true);
    }
    windUpInvestorSlots(this.port, o, ledger, cfg, this.prices);
    recordFlows(counters, window.to, toLpt(ledger.soldLpt), toLpt(ledger.boughtLpt), this.flowScratch);
    this.lastClearS = window.to;
    return publishState(this.publisher, ledger, o, this.rounds, assignments, takePortEvents(this.port), this.lastFills);
  }

  /** The standard signals a world compares networks by (see NetworkMarket.signals); no side effects. */
  signals(): MetricValues {
    const m = sampleMetrics(this.counters, this.ledger, this.orchestrators, this.rounds, this.terms.roundsPerYear, this.lastClearS, this.cfg.flowWindowDays);
    const asked = m.streams_served + m.streams_rejected;
    return {
      nakamoto_coefficient: m.nakamoto_coefficient,
      hhi: m.stake_hhi,
      staking_ratio: m.bonding_rate,
      demand_served_fraction: asked > 0 ? m.streams_served / asked : Number.NaN,
    };
  }

  sample(t: number): MetricValues {
    const m = sampleMetrics(this.counters, this.ledger, this.orchestrators, this.rounds, this.terms.roundsPerYear, t, this.cfg.flowWindowDays);
    startSampleInterval(this.counters);
    return m;
  }

  /**
   * Round r begins: matured unbonding locks withdraw, orchestrators close round r-1 (books, sales, prices,
   * commission, exits), governance changes dated by then apply, prices convert to wei at the ETH price, then
   * initializeRound (with outsiders taking open slots) and the reward() calls of round r.
   */
  private startRound(r: number, adjustInflation: boolean): void {
    const { ledger, orchestrators: o, rounds: rs, counters, cfg, terms, prices } = this;
    rs.round = r;
    releaseHolderLocks(ledger, r);
    releaseOrchestratorLocks(o, ledger, r);
    if (r > 0) closeOrchestratorRound(o, ledger, counters, r, cfg, terms, this.rng, prices);
    applyGovernance(rs, cfg, this.schedule, r * terms.roundS);
    priceInWei(o, prices.ethUsd);
    const joined = initializeRound(rs, ledger, o, cfg.numActiveTranscoders, adjustInflation, (j) => wantsSlot(o, ledger, j, rs, cfg, terms, prices));
    if (r > 0) counters.entries += joined;
    callRewards(rs, ledger, o, counters, cfg, terms, this.rng, this.lptPriceEth);
    rs.roundsElapsed++;
    this.hooks.onRound?.(this);
  }
}
