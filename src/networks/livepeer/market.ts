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
import { createPublisher, type Publisher, publishState } from './public-state.ts';
import { callRewards, createRoundState, initializeRound, type RoundState } from './rounds.ts';
import { matchStreams } from './stream-matching.ts';
import { type TicketTerms, ticketTerms } from './tickets.ts';

/** Observers of a running market (tests, traces). */
export interface LivepeerHooks {
  /** Called after each round has been initialised and its rewards minted. */
  onRound?: (market: LivepeerMarket) => void;
}

/** The world's prices Livepeer reads, by name: LPT and ETH in USD. */
export interface LivepeerPriceNames {
  readonly lpt: string;
  readonly eth: string;
}

export const DEFAULT_PRICE_NAMES: LivepeerPriceNames = { lpt: 'lpt_usd', eth: 'eth_usd' };

/** The LPT price in ETH in a world view (LPT/USD over ETH/USD). */
export function lptPriceEthIn(world: WorldView, names: LivepeerPriceNames): number {
  return world.prices[names.lpt]! / world.prices[names.eth]!;
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

  constructor(cfg: LivepeerConfig, ctx: RunContext, world: WorldView, hooks: LivepeerHooks = {}, priceNames: LivepeerPriceNames = DEFAULT_PRICE_NAMES) {
    this.cfg = cfg;
    this.priceNames = priceNames;
    this.lptPriceEth = lptPriceEthIn(world, priceNames);
    this.seed = ctx.seed;
    this.shards = ctx.shards;
    this.hooks = hooks;
    this.rng = ctx.stream('orchestrators');
    this.terms = orchestratorTerms(cfg);
    this.tickets = ticketTerms(cfg);
    this.rounds = createRoundState(cfg);
    this.counters = createCounters();
    this.ledger = createLedger(cfg.orchestrators + cfg.orchestratorCandidates, ctx.shards);
    this.orchestrators = createOrchestrators(cfg, this.rng, this.ledger);
    this.publisher = createPublisher(this.ledger);
    const ledger = this.ledger;
    openHolderAccounts(ledger, cfg, ctx.seed);
    ledger.treasury = BigInt(Math.round(cfg.initialTreasuryLpt * 1e6)) * WEI_PER_MICRO_LPT;
    ledger.supply += ledger.treasury;
    ledger.initialSupply = ledger.supply;
    // The run starts at the beginning of round 0, whose inflation (initialInflation) is already set.
    this.startRound(0, false);
  }

  initialPublic(): LivepeerPublic {
    const none = {
      assigned: new Array(this.shards).fill(null).map(() => new Int32Array(0)),
      prices: new Array(this.shards).fill(null).map(() => new Float64Array(0)),
    };
    return publishState(this.publisher, this.ledger, this.orchestrators, this.rounds, none);
  }

  clear(orders: readonly LivepeerOrders[], window: Window, world: WorldView): LivepeerPublic {
    this.lptPriceEth = lptPriceEthIn(world, this.priceNames);
    const o = this.orchestrators;
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
    return publishState(this.publisher, this.ledger, o, this.rounds, assignments);
  }

  sample(_t: number): MetricValues {
    const m = sampleMetrics(this.counters, this.ledger, this.orchestrators, this.rounds, this.terms.roundsPerYear, this.lptPriceEth);
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
