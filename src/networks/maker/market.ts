import type { MetricValues, RunContext, Window } from '../../engine/model.ts';
import type { NetworkMarket, WorldView } from '../../engine/network.ts';
import type { RandomStream } from '../../engine/rng.ts';
import { minBig } from '../../engine/wad-ray.ts';
import { hhi } from '../../stats/hhi.ts';
import { nakamotoCoefficient } from '../../stats/nakamoto-coefficient.ts';
import { runArbitrageKeepers } from './arbitrage.ts';
import { stepAuctions } from './auction-steps.ts';
import { ARBITRAGE, AUCTION, createKeepers, fundAuctionKeepers, type Keepers, reviewKeepers } from './keepers.ts';
import { checkLedger, createLedger, daiDebt, drip, type Ledger, pokeOracle } from './ledger.ts';
import { createLiquidations, type LiqContext, type Liquidations, liquidateUnsafe, takeGrabs } from './liquidations.ts';
import type { MakerOrders, MakerPublic } from './messages.ts';
import { bookPeg, createCounters, type MakerCounters, sampleMetrics, underwaterDebtDai } from './metrics.ts';
import type { MakerConfig } from './params.ts';
import { createPortSlots, type PortSlots, portReports, settlePortOrders, windUpSlots } from './port-settlement.ts';
import { RAD, RAY } from './protocol.ts';
import { type MakerTerms, makerTerms } from './terms.ts';
import { vaultAtStart } from './vaults.ts';
import { daiUsd, holderHurdles, holdersSave, settleOwners, tradersTrade } from './venues.ts';
import { DEFAULT_MAKER_PRICES, type MakerPriceNames } from './world-prices.ts';

/** Observers of a running market (tests, traces): called after every clear. */
export interface MakerHooks {
  onClear?: (market: MakerMarket) => void;
}

/**
 * The Maker market: wiring only. It owns the ledger (ledger.ts), the keepers (keepers.ts), the auctions
 * (liquidations.ts), the investors' keeper slots (port-settlement.ts) and the tallies, and at each clear calls in
 * order: the owners' vault changes (venues.ts), investors' orders, the OSM and Spot, the auctions over the window,
 * the liquidation of unsafe vaults, holders, traders and arbitrage keepers, the Jug and Pot drip, the keepers' daily
 * review; then it checks the ledger and publishes.
 */
export class MakerMarket implements NetworkMarket<MakerOrders, MakerPublic> {
  readonly cfg: MakerConfig;
  readonly terms: MakerTerms;
  readonly ledger: Ledger;
  readonly keepers: Keepers;
  readonly liq: Liquidations;
  readonly counters: MakerCounters;
  readonly slots: PortSlots;
  readonly shards: number;
  private readonly names: MakerPriceNames;
  private readonly hurdles: Float64Array;
  private readonly traders: RandomStream;
  private readonly hooks: MakerHooks;
  ethUsd: number;
  gasGwei: number;

  constructor(cfg: MakerConfig, ctx: RunContext, world: WorldView, names: MakerPriceNames = DEFAULT_MAKER_PRICES, hooks: MakerHooks = {}) {
    this.cfg = cfg;
    this.names = names;
    this.hooks = hooks;
    this.shards = ctx.shards;
    this.terms = makerTerms(cfg);
    this.ethUsd = world.prices[names.eth]!;
    this.gasGwei = world.prices[names.gas]!;
    let ink = 0n;
    let art = 0n;
    for (let id = 0; id < cfg.vaults; id++) {
      const v = vaultAtStart(cfg, ctx.seed, id, this.ethUsd, Number(this.terms.mat) / 1e27);
      ink += v.ink;
      art += v.art;
    }
    this.ledger = createLedger(this.terms, ink, art, this.ethUsd, {
      psmUsdc: cfg.psmUsdc,
      poolDai: cfg.daiUsdcPoolDai,
      poolEth: cfg.ethDaiPoolEth,
      daiFee: cfg.daiUsdcFee,
      ethFee: cfg.ethDaiFee,
    });
    this.keepers = createKeepers(cfg, ctx.seed, cfg.investorSlots);
    fundAuctionKeepers(this.keepers, this.ledger, cfg.keeperCapitalDai);
    this.liq = createLiquidations(ctx.shards);
    this.counters = createCounters();
    this.slots = createPortSlots(this.keepers, ctx.shards);
    this.hurdles = holderHurdles(cfg, ctx.seed);
    this.traders = ctx.stream('traders');
    checkLedger(this.ledger);
  }

  private publish(grabs: (Float64Array | undefined)[], reports: MakerPublic['portReports']): MakerPublic {
    const l = this.ledger;
    const t = this.terms;
    const roomRad = (() => {
      const ilkRoom = l.line - l.Art * l.rate;
      const allRoom = l.Line - daiDebt(l);
      const room = minBig(ilkRoom, allRoom);
      return room > 0n ? room : 0n;
    })();
    const k = this.keepers;
    const perDay = (kind: number) => {
      let sum = 0;
      let n = 0;
      for (let j = 0; j < k.n; j++)
        if (k.active[j] && k.kind[j] === kind && !k.investor[j] && k.daysActive[j]! > 0) {
          sum += k.netPerDay[j]!;
          n++;
        }
      return n > 0 ? sum / n : 0;
    };
    return {
      rate: l.rate.toString(),
      spot: l.spot.toString(),
      dust: t.dust.toString(),
      ethUsd: this.ethUsd,
      osmUsd: Number(l.osmCur) / 1e18,
      daiUsd: daiUsd(l),
      stabilityFee: t.stabilityFeeAnnual,
      psmTin: t.psm ? Number(t.tin) / 1e18 : 0,
      psmTout: t.psm ? Number(t.tout) / 1e18 : 0,
      dsr: t.dsrAnnual,
      drawRoomDai: Number(roomRad / RAY) / 1e18 / this.shards,
      repayRoomDai: Number((l.daiFloat + l.Pie * l.chi) / RAD) / 2 / this.shards,
      grabs,
      portReports: reports,
      auctionKeeperReturnUsdPerDay: this.cfg.keeperCapitalDai > 0 ? perDay(AUCTION) / this.cfg.keeperCapitalDai : 0,
      arbKeeperReturnUsdPerDay: this.cfg.arbCapitalUsd > 0 ? perDay(ARBITRAGE) / this.cfg.arbCapitalUsd : 0,
    };
  }

  initialPublic(): MakerPublic {
    return this.publish(new Array(this.shards).fill(undefined), new Array(this.shards).fill(undefined));
  }

  clear(orders: readonly MakerOrders[], w: Window, world: WorldView): MakerPublic {
    const l = this.ledger;
    const cfg = this.cfg;
    const terms = this.terms;
    this.ethUsd = world.prices[this.names.eth]!;
    this.gasGwei = world.prices[this.names.gas]!;
    this.counters.ownerActions += settleOwners(l, orders).actions;
    settlePortOrders(this.slots, this.keepers, l, orders, { on: terms.psm, tin: terms.tin, tout: terms.tout });
    pokeOracle(l, w.to, this.ethUsd, terms.mat);
    const ctx: LiqContext = { terms, gasGwei: this.gasGwei, ethUsd: this.ethUsd, daiUsd: daiUsd(l), gasBark: cfg.gasBark, gasTake: cfg.gasTake };
    stepAuctions(this.liq, l, this.keepers, w.from, w.to, ctx, cfg.keeperConcurrency);
    liquidateUnsafe(this.liq, l, this.keepers, orders, w.to, ctx);
    this.counters.vaultsUnsafe = orders.reduce((n, o) => n + o.unsafeVault.length, 0);
    this.counters.underwaterDebtDai = underwaterDebtDai(orders, l.rate, this.ethUsd);
    holdersSave(l, this.hurdles, terms.dsrAnnual, cfg.dsrResponse);
    tradersTrade(l, this.traders, cfg.traderVolumeDaiPerDay * Math.sqrt((w.to - w.from) / 86_400), cfg.traderPegPull);
    this.counters.arbitrageVolumeDai += runArbitrageKeepers(l, this.keepers, w, {
      ethUsd: this.ethUsd,
      gasGwei: this.gasGwei,
      gasUnits: cfg.gasArb,
      psm: terms.psm,
      tin: terms.tin,
      tout: terms.tout,
    });
    drip(l, w.to, terms.duty, terms.dsr);
    const day = Math.floor(w.to / 86_400);
    if (day > this.counters.lastReviewDay) {
      const r = reviewKeepers(this.keepers, cfg, day - this.counters.lastReviewDay);
      this.counters.keeperEntries += r.entries;
      this.counters.keeperExits += r.exits;
      this.counters.lastReviewDay = day;
    }
    windUpSlots(this.slots, this.keepers, l, this.liq, { on: terms.psm, tin: terms.tin, tout: terms.tout });
    bookPeg(this.counters, daiUsd(l), w.to - w.from);
    checkLedger(l);
    this.hooks.onClear?.(this);
    return this.publish(takeGrabs(this.liq), portReports(this.slots, this.keepers));
  }

  /**
   * The standard signals a world compares networks by (see NetworkMarket.signals); no side effects. Maker's supply
   * side here is its keepers, who serve liquidations and the peg: their concentration is over what active keepers
   * have earned since t = 0 (who wins the auctions and the spreads), counted equally while none has earned yet. The
   * demand they serve is the debt of the vaults liquidated: the share of it the finished auctions covered (NaN
   * before any finished). There is no staking ratio.
   */
  signals(): MetricValues {
    const k = this.keepers;
    const shares: number[] = [];
    for (let j = 0; j < k.n; j++) if (k.active[j]) shares.push(Math.max(0, k.earnedUsd[j]!));
    if (shares.length > 0 && !shares.some((x) => x > 0)) shares.fill(1);
    const t = this.liq.tallies;
    return {
      nakamoto_coefficient: shares.length > 0 ? nakamotoCoefficient(shares) : Number.NaN,
      hhi: shares.length > 0 ? hhi(shares) : Number.NaN,
      demand_served_fraction: t.dueDai > 0 ? 1 - t.badDebtDai / t.dueDai : Number.NaN,
    };
  }

  sample(_t: number): MetricValues {
    return sampleMetrics(this.ledger, this.keepers, this.liq, this.counters, this.ethUsd);
  }
}
