import type { MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { NetworkMarket, WorldView } from '../../engine/network.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { createRewards, payRewards, type Rewards, runEpochs, tallyEligiblePower } from './block-rewards.ts';
import { createCounters, type FilecoinCounters, startSampleInterval } from './counters.ts';
import { createDeals, type Deals, endDeals, payDeals, startDeals, takeNotices } from './deal-market.ts';
import { matchRequests } from './deal-matching.ts';
import { toFil } from './fil.ts';
import { firstEpochOf, type OpeningLedger, openingQaSmoothed, openingRewardState, openNetwork } from './initial-state.ts';
import { burnFrom, COLLATERAL, createLedger, type Ledger, lockedFil } from './ledger.ts';
import type { FilecoinOrders, FilecoinPublic, PortEvent } from './messages.ts';
import { PROVIDER_EXITING, PROVIDER_OFF } from './messages.ts';
import { sampleMetrics, sampleSignals } from './metrics.ts';
import { type OnboardingBasis, pledgePerSector, preCommit, proveCommit } from './onboarding.ts';
import type { FilecoinConfig } from './params.ts';
import { createPortSettlement, type PortSettlement, settlePortOrders, slotFil, takePortEvents, windUpInvestorSlots } from './port-settlement.ts';
import {
  circulatingSupply,
  dealProviderCollateralMin,
  EPOCHS_IN_DAY,
  estimateOf,
  genesisVested,
  MAINNET_RAMP_DURATION_EPOCHS,
  MAINNET_RAMP_START_EPOCH,
  SECTOR_SIZE_32GIB,
} from './protocol.ts';
import { bookDay, burnGasAndInterest, createDayFlows, type DayFlows, opexOfDay, releaseVestingDay } from './provider-accounts.ts';
import { closeProvider, type DecisionContext, exitDone, reviewCandidate, reviewProvider } from './provider-decisions.ts';
import { createProviders, type Economics, type Providers } from './providers.ts';
import { expireCohorts, type PenaltyBasis, proveDay } from './proving.ts';
import { publishState } from './public-state.ts';
import { type Batches, cancelJob, createSealing, emptyBatches, type Sealing } from './sealing.ts';
import { createSectors, type Sectors } from './sectors.ts';
import { createVesting, type Vesting } from './vesting.ts';
import type { FilecoinPriceNames } from './world-prices.ts';

const DAY = 86_400;

/** Observers of a running market (tests, traces): called after each day is cleared. */
export interface FilecoinHooks {
  onDay?: (market: FilecoinMarket, day: number) => void;
}

/**
 * The Filecoin market: wiring only. It owns the market side — the FIL ledger (ledger.ts) and vesting (vesting.ts),
 * the reward and power actors' state (block-rewards.ts), the providers (providers.ts) and their sectors (sectors.ts),
 * sealing pipelines (sealing.ts), the deals (deal-market.ts) and the tallies (counters.ts) — and clears one proving
 * period (a day) per window, calling the mechanisms in order:
 *
 * 1. the window's 2880 epochs: wins and block rewards on the power at the window's start, each non-null epoch's cron
 *    (block-rewards.ts); rewards paid, 3/4 locked;
 * 2. vesting releases and fee debt; deal payments (deal-market.ts);
 * 3. yesterday's pre-commits prove (onboarding.ts); WindowPoSt of the day, fault fees and 42-day terminations
 *    (proving.ts); expirations;
 * 4. the clients' requests matched to providers (deal-matching.ts); deals starting and ending tomorrow;
 * 5. today's sealing pre-committed; gas and interest; genesis vesting; the providers' books (provider-accounts.ts);
 * 6. reviews due: grow, hold, extend, exit; candidates' entry; exits closed (provider-decisions.ts);
 * 7. the public state (public-state.ts).
 */
export class FilecoinMarket implements NetworkMarket<FilecoinOrders, FilecoinPublic> {
  readonly cfg: FilecoinConfig;
  readonly shards: number;
  readonly firstEpoch: number;
  readonly ledger: Ledger;
  readonly vesting: Vesting;
  readonly rewards: Rewards;
  readonly providers: Providers;
  readonly sectors: Sectors;
  readonly sealing: Sealing;
  readonly deals: Deals;
  readonly counters: FilecoinCounters;
  readonly flows: DayFlows;
  /** What the network held at t = 0 (mined before it, vesting, pledge). */
  readonly opening: OpeningLedger;
  /** The port's provider slots and lending pool shares. */
  readonly port: PortSettlement;
  private readonly seed: number;
  private readonly rngBlocks: RandomStream;
  private readonly rngProving: RandomStream;
  private readonly rngDecisions: RandomStream;
  private readonly hooks: FilecoinHooks;
  private readonly prices: FilecoinPriceNames;
  /** Today's pre-commits, proven at the next clear. */
  pending: Batches = emptyBatches();
  filUsd: number;
  /** Days cleared (the next window's day). */
  day = 0;
  /** Orders of windows that ended inside the day (at a world sample), cleared with the day's last window. */
  private held: FilecoinOrders[] = [];
  private lastVested: bigint;

  constructor(cfg: FilecoinConfig, ctx: RunContext, world: WorldView, hooks: FilecoinHooks, prices: FilecoinPriceNames) {
    this.cfg = cfg;
    this.hooks = hooks;
    this.prices = prices;
    this.shards = ctx.shards;
    this.filUsd = world.prices[prices.fil]!;
    this.rngBlocks = ctx.stream('blocks');
    this.rngProving = ctx.stream('proving');
    this.rngDecisions = ctx.stream('decisions');
    const slots = cfg.providers + cfg.providerCandidates + cfg.investorProviderSlots;
    this.firstEpoch = firstEpochOf(cfg);
    this.ledger = createLedger(slots);
    this.vesting = createVesting(slots);
    this.providers = createProviders(slots);
    this.sectors = createSectors(slots, cfg.providers * 40);
    this.sealing = createSealing(slots);
    this.deals = createDeals(slots, ctx.shards);
    this.counters = createCounters();
    this.flows = createDayFlows(slots);
    const st = openingRewardState(cfg, this.firstEpoch);
    this.rewards = createRewards(st, openingQaSmoothed(cfg), slots);
    this.rewards.lastCron = this.firstEpoch - 1;
    this.opening = openNetwork(cfg, ctx.seed, st, this.ledger, this.vesting, this.providers, this.sectors, {
      candidates: cfg.providerCandidates,
      investors: cfg.investorProviderSlots,
    });
    this.lastVested = genesisVested(this.firstEpoch);
    this.seed = ctx.seed;
    this.port = createPortSettlement(slots, ctx.shards, cfg.lendingPoolFil);
    tallyEligiblePower(this.rewards, this.sectors, slots);
  }

  /** Index of the first provider slot investors can run. */
  get firstInvestorSlot(): number {
    return this.cfg.providers + this.cfg.providerCandidates;
  }

  /** The epoch at the start of day `day`. */
  epochOf(day: number): number {
    return this.firstEpoch + day * EPOCHS_IN_DAY;
  }

  /** Protocol circulating supply now (lotus): vested + mined + disbursed − burnt − locked. */
  circulating(): bigint {
    const l = this.ledger;
    const vested = genesisVested(this.epochOf(this.day));
    const disbursed = 300_000_000n * 10n ** 18n - l.reserve;
    return circulatingSupply(vested, l.mined, disbursed, l.burnt, lockedFil(l));
  }

  /** The inputs of pledge and deposits now: the smoothed estimates, the baseline, circulating supply, the FIP-0081 ramp. */
  basis(): OnboardingBasis {
    const epoch = this.epochOf(this.day);
    return {
      reward: this.rewards.st.thisEpochRewardSmoothed,
      power: this.rewards.qaSmoothed,
      baselineBytes: this.rewards.st.thisEpochBaselinePower,
      circulatingAtto: this.circulating(),
      epochsSinceRampStart: epoch - MAINNET_RAMP_START_EPOCH,
      rampDurationEpochs: MAINNET_RAMP_DURATION_EPOCHS,
    };
  }

  economics(basis: OnboardingBasis): Economics {
    return {
      rewardPerEpochFil: toFil(estimateOf(this.rewards.st.thisEpochRewardSmoothed)),
      networkQaTib: Number(estimateOf(this.rewards.qaSmoothed) / (1n << 40n)),
      pledgePerQaTibFil: toFil(pledgePerSector(basis, 1)) * 32,
      filUsd: this.filUsd,
    };
  }

  initialPublic(): FilecoinPublic {
    return this.publish([], new Array(this.shards).fill(undefined));
  }

  /**
   * Clears the day that ends with `window`. A world steps every network at each sample time, so a window may end
   * inside the day: its orders are held and cleared with the day's last window, and the state published is
   * unchanged (no notices, no port events), so the protocol's day is never cut.
   */
  clear(windowOrders: readonly FilecoinOrders[], window: Window, world: WorldView): FilecoinPublic {
    if (window.to < (this.day + 1) * DAY - 1e-6) {
      this.held.push(...windowOrders);
      return this.publish([], new Array(this.shards).fill(undefined));
    }
    const orders = this.held.length > 0 ? [...this.held, ...windowOrders] : windowOrders;
    this.held = [];
    const { cfg, ledger: l, vesting: v, providers: pr, sectors: s, deals, counters: c, flows } = this;
    this.filUsd = world.prices[this.prices.fil]!;
    const day = this.day;
    const burn = (p: number, amount: bigint) => {
      burnFrom(l, COLLATERAL, p, amount);
      c.slashedCollateral += amount;
    };

    // 0. Outside capital's orders.
    settlePortOrders(this.port, orders, { cfg, l, pr, sealing: this.sealing, seed: this.seed, filUsd: this.filUsd, firstSlot: this.firstInvestorSlot });

    // 1. The window's epochs, on the power at its start.
    const eligible = tallyEligiblePower(this.rewards, s, pr.n);
    runEpochs(this.rewards, eligible, this.epochOf(day), this.epochOf(day + 1), this.rngBlocks);
    payRewards(this.rewards, l, v, day, (p, reward) => {
      flows.earned[p] = flows.earned[p]! + toFil(reward);
    });

    // 2. Vesting, fee debt, deal payments.
    releaseVestingDay(l, v, pr, day);
    payDeals(deals, l, (p, amount) => {
      flows.earned[p] = flows.earned[p]! + toFil(amount);
    });

    // 3. Yesterday's pre-commits prove; today's WindowPoSt; expirations.
    const basis = this.basis();
    proveCommit(this.pending, day, cfg, basis, l, pr, s, deals, c, this.filUsd);
    const penaltyBasis: PenaltyBasis = { reward: basis.reward, power: basis.power };
    for (let p = 0; p < pr.n; p++) proveDay(s, p, day, this.rngProving, penaltyBasis, l, v, deals, pr, c, burn);
    expireCohorts(s, day + 1, l);

    // 4. Deals: requests matched; deals starting and ending tomorrow.
    const collateralPerPiece = dealProviderCollateralMin(SECTOR_SIZE_32GIB, this.rewards.networkRaw, basis.baselineBytes, basis.circulatingAtto);
    matchRequests(
      { day, dealStartDays: cfg.dealStartDays, filUsd: this.filUsd, collateralPerPiece, l, pr, s, sealing: this.sealing, deals, counters: c },
      orders,
      cfg.candidatesPerRequest,
    );
    endDeals(deals, l, day + 1);
    startDeals(deals, l, day + 1, (job) => cancelJob(this.sealing, job), burn);

    // 5. Sealing, gas and interest, genesis vesting, the books.
    this.pending = preCommit(this.sealing, basis, l, pr, this.filUsd, cfg, day);
    for (let p = 0; p < pr.n; p++) {
      if (pr.status[p] === PROVIDER_OFF) continue;
      c.gasBurnt += burnGasAndInterest(cfg, l, pr, s, p, this.filUsd, flows);
      const opex = opexOfDay(pr, s, this.sealing.queued[p]!, p);
      if (this.port.ownerShard[p]! >= 0) this.port.opexUsd[p] = this.port.opexUsd[p]! + opex;
      bookDay(cfg, l, pr, p, this.filUsd, opex, flows);
    }
    const vestedNow = genesisVested(this.epochOf(day + 1));
    l.genesisUnvested -= vestedNow - this.lastVested;
    l.holders += vestedNow - this.lastVested;
    this.lastVested = vestedNow;

    // 6. Reviews.
    this.review(day + 1, basis);
    this.day = day + 1;
    tallyEligiblePower(this.rewards, s, pr.n);
    this.hooks.onDay?.(this, day);
    return this.publish(takeNotices(deals), takePortEvents(this.port));
  }

  private review(day: number, basis: OnboardingBasis): void {
    const { cfg, providers: pr } = this;
    const x: DecisionContext = {
      cfg,
      day,
      econ: this.economics(basis),
      basis: { reward: basis.reward, power: basis.power },
      pledgePerSectorFil: toFil(pledgePerSector(basis, 1)),
      rng: this.rngDecisions,
      l: this.ledger,
      v: this.vesting,
      s: this.sectors,
      sealing: this.sealing,
      deals: this.deals,
      pr,
      burn: (p, amount) => {
        burnFrom(this.ledger, COLLATERAL, p, amount);
        this.counters.slashedCollateral += amount;
      },
    };
    windUpInvestorSlots(this.port, x, this.filUsd, this.firstInvestorSlot);
    const unserved = this.counters.abandonedTib > 0;
    for (let p = 0; p < pr.n; p++) {
      if (pr.nextReview[p]! > day || pr.investor[p]) continue;
      pr.nextReview[p] = day + Math.max(1, Math.round(this.rngDecisions.exponential(cfg.reviewDays)));
      if (pr.status[p] === PROVIDER_OFF) {
        if (p >= cfg.providers) reviewCandidate(x, p, unserved, this.counters);
        continue;
      }
      reviewProvider(x, p, this.counters);
      if (pr.status[p] === PROVIDER_EXITING && exitDone(x, p)) closeProvider(x, p, this.counters);
    }
  }

  private publish(notices: (Float64Array | undefined)[], portEvents: (PortEvent[] | undefined)[]): FilecoinPublic {
    const basis = this.basis();
    const first = this.firstInvestorSlot;
    const slots = this.providers.n - first;
    const slotFils = new Float64Array(slots);
    for (let k = 0; k < slots; k++) if (this.port.ownerShard[first + k]! >= 0) slotFils[k] = slotFil(this.ledger, first + k);
    return publishState({
      day: this.day,
      filUsd: this.filUsd,
      rewardPerEpochAtto: estimateOf(this.rewards.st.thisEpochRewardSmoothed),
      networkQaBytes: estimateOf(this.rewards.qaSmoothed),
      pledgePerSectorAtto: pledgePerSector(basis, 1),
      pr: this.providers,
      s: this.sectors,
      sealing: this.sealing,
      deals: this.deals,
      notices: notices.length > 0 ? notices : new Array(this.shards).fill(undefined),
      portEvents,
      firstInvestorSlot: first,
      investorSlotFil: slotFils,
      investorSlotOpexUsd: this.port.opexUsd.slice(first),
      poolLentFil: toFil(this.ledger.borrowedTotal),
      poolUnlentFil: toFil(this.ledger.pool),
      poolShares: this.port.poolShares,
    });
  }

  /** The standard signals a world compares networks by (metrics.ts `sampleSignals`); no side effects. */
  signals(): MetricValues {
    const { counters, ledger, sectors, providers } = this;
    return sampleSignals({ counters, ledger, sectors, providers, circulatingAtto: this.circulating() });
  }

  sample(_t: number): MetricValues {
    const m = sampleMetrics({
      counters: this.counters,
      ledger: this.ledger,
      rewards: this.rewards,
      sectors: this.sectors,
      providers: this.providers,
      deals: this.deals,
      circulatingAtto: this.circulating(),
      pledgePerSectorAtto: pledgePerSector(this.basis(), 1),
    });
    startSampleInterval(this.counters);
    return m;
  }
}
