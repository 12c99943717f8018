import type { MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { NetworkMarket, WorldView } from '../../engine/network.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { createCounters, type LivepeerCounters, startSampleInterval } from './counters.ts';
import { computeFeeSelfShares, settleFees } from './fees.ts';
import { applyHolderActions, createLedger, type Ledger, openHolderAccounts, releaseHolderLocks } from './ledger.ts';
import { WEI_PER_MICRO_LPT } from './lpt.ts';
import type { LivepeerOrders, LivepeerPublic } from './messages.ts';
import { sampleMetrics } from './metrics.ts';
import {
  closeOrchestratorRound,
  createOrchestrators,
  type Orchestrators,
  type OrchestratorTerms,
  orchestratorTerms,
  releaseOrchestratorLocks,
} from './orchestrators.ts';
import type { LivepeerConfig } from './params.ts';
import { createPortSettlement, type PortPrices, type PortSettlement, settlePortOrders, takePortEvents, windUpInvestorSlots } from './port-settlement.ts';
import { createPublisher, type Publisher, publishState } from './public-state.ts';
import { callRewards, createRoundState, initializeRound, type RoundState } from './rounds.ts';
import { matchStreams } from './stream-matching.ts';
import { type TicketTerms, ticketTerms } from './tickets.ts';
import { DEFAULT_PRICE_NAMES, type LivepeerPriceNames, lptPriceEthIn } from './world-prices.ts';

/** Observers of a running market (tests, traces). */
export interface LivepeerHooks {
  /** Called after each round has been initialised and its rewards minted. */
  onRound?: (market: LivepeerMarket) => void;
}

/**
 * The Livepeer market: wiring only. It owns the state of the market side — the LPT ledger's totals (ledger.ts), the
 * orchestrators (orchestrators.ts), the round's protocol state (rounds.ts) and the metric tallies (counters.ts) — and
 * at the end of each window calls the mechanisms in order: fees settle (fees.ts), the holders' actions move the
 * ledger (ledger.ts), streams are matched to sessions (stream-matching.ts), every round that starts in the window
 * begins (orchestrators close their round, initializeRound, reward(); rounds.ts), and the public state is published
 * (public-state.ts).
 */
export class LivepeerMarket implements NetworkMarket<LivepeerOrders, LivepeerPublic> {
  readonly cfg: LivepeerConfig;
  readonly seed: number;
  readonly shards: number;
  readonly ledger: Ledger;
  readonly orchestrators: Orchestrators;
  readonly rounds: RoundState;
  readonly counters: LivepeerCounters;
  private readonly terms: OrchestratorTerms;
  private readonly tickets: TicketTerms;
  private readonly publisher: Publisher;
  private readonly rng: RandomStream;
  private readonly hooks: LivepeerHooks;
  private readonly priceNames: LivepeerPriceNames;
  /** The LPT price in ETH at the last clear (from the world's LPT and ETH prices): what orchestrators weigh LPT at. */
  lptPriceEth: number;
  /** The world's LPT and ETH prices in USD at the last clear: what the port trades at. */
  private prices: PortPrices;
  readonly port: PortSettlement;

  constructor(cfg: LivepeerConfig, ctx: RunContext, world: WorldView, hooks: LivepeerHooks = {}, priceNames: LivepeerPriceNames = DEFAULT_PRICE_NAMES) {
    this.cfg = cfg;
    this.priceNames = priceNames;
    this.lptPriceEth = lptPriceEthIn(world, priceNames);
    this.prices = { lptUsd: world.prices[priceNames.lpt]!, ethUsd: world.prices[priceNames.eth]! };
    this.seed = ctx.seed;
    this.shards = ctx.shards;
    this.hooks = hooks;
    this.rng = ctx.stream('orchestrators');
    this.terms = orchestratorTerms(cfg);
    this.tickets = ticketTerms(cfg);
    this.rounds = createRoundState(cfg);
    this.counters = createCounters();
    this.ledger = createLedger(cfg.orchestrators + cfg.orchestratorCandidates + cfg.investorOrchestratorSlots, ctx.shards);
    this.orchestrators = createOrchestrators(cfg, this.rng, this.ledger);
    this.publisher = createPublisher(this.ledger);
    this.port = createPortSettlement(this.orchestrators, ctx.shards);
    const ledger = this.ledger;
    openHolderAccounts(ledger, cfg, ctx.seed);
    ledger.treasury = BigInt(Math.round(cfg.initialTreasuryLpt * 1e6)) * WEI_PER_MICRO_LPT;
    ledger.supply += ledger.treasury;
    ledger.exchange = BigInt(Math.round(cfg.exchangeFloatLpt * 1e6)) * WEI_PER_MICRO_LPT;
    ledger.supply += ledger.exchange;
    ledger.initialSupply = ledger.supply;
    // The run starts at the beginning of round 0, whose inflation (initialInflation) is already set.
    this.startRound(0, false);
  }

  initialPublic(): LivepeerPublic {
    const none = {
      assigned: new Array(this.shards).fill(null).map(() => new Int32Array(0)),
      prices: new Array(this.shards).fill(null).map(() => new Float64Array(0)),
    };
    return publishState(this.publisher, this.ledger, this.orchestrators, this.rounds, none, new Array(this.shards).fill(undefined));
  }

  clear(orders: readonly LivepeerOrders[], window: Window, world: WorldView): LivepeerPublic {
    this.lptPriceEth = lptPriceEthIn(world, this.priceNames);
    this.prices = { lptUsd: world.prices[this.priceNames.lpt]!, ethUsd: world.prices[this.priceNames.eth]! };
    const o = this.orchestrators;
    settlePortOrders(this.port, o, this.ledger, orders, this.cfg, this.rounds.round, this.prices);
    computeFeeSelfShares(o, this.ledger);
    for (const order of orders) settleFees(o, this.counters, order, this.tickets, this.terms);
    applyHolderActions(this.ledger, orders, this.rounds.round, this.cfg.unbondingPeriodRounds);
    const assignments = matchStreams(o, this.counters, orders, this.cfg.candidatesPerStream);
    // Rounds whose start falls in (from, to] begin at this window's end.
    for (;;) {
      const next = this.rounds.round + 1;
      if (next * this.terms.roundS > window.to + 1e-6) break;
      this.startRound(next, true);
    }
    windUpInvestorSlots(this.port, o, this.ledger, this.cfg, this.prices);
    return publishState(this.publisher, this.ledger, o, this.rounds, assignments, takePortEvents(this.port));
  }

  /** The standard signals a world compares networks by (see NetworkMarket.signals); no side effects. */
  signals(): MetricValues {
    const m = sampleMetrics(this.counters, this.ledger, this.orchestrators, this.rounds, this.terms.roundsPerYear);
    const asked = m.streams_served + m.streams_rejected;
    return {
      nakamoto_coefficient: m.nakamoto_coefficient,
      hhi: m.stake_hhi,
      staking_ratio: m.bonding_rate,
      ...(asked > 0 ? { demand_served_fraction: m.streams_served / asked } : {}),
    };
  }

  sample(_t: number): MetricValues {
    const m = sampleMetrics(this.counters, this.ledger, this.orchestrators, this.rounds, this.terms.roundsPerYear);
    startSampleInterval(this.counters);
    return m;
  }

  /**
   * Round r begins: matured unbonding locks withdraw, orchestrators close round r-1 (prices, commission, exits,
   * entries), then initializeRound and the reward() calls of round r.
   */
  private startRound(r: number, adjustInflation: boolean): void {
    const { ledger, orchestrators: o, rounds: rs, counters, cfg } = this;
    rs.round = r;
    releaseHolderLocks(ledger, r);
    releaseOrchestratorLocks(o, ledger, r);
    if (r > 0) closeOrchestratorRound(o, ledger, counters, r, rs.activeStake, cfg, this.terms, this.rng, this.lptPriceEth);
    initializeRound(rs, ledger, o, cfg.numActiveTranscoders, adjustInflation);
    callRewards(rs, ledger, o, counters, cfg, this.terms, this.rng, this.lptPriceEth);
    rs.roundsElapsed++;
    this.hooks.onRound?.(this);
  }
}
