import { getPair } from '../../../src/engine/fixed-point-pairs.ts';
import type { AnyModel, RunContext, ShardContext } from '../../../src/engine/model.ts';
import type { NetworkMarket, WorldView } from '../../../src/engine/network.ts';
import { type WorldAgents, world } from '../../../src/engine/world.ts';
import { positionAccounts } from '../../../src/networks/livepeer/capital-port.ts';
import { type HolderAtStart, holderAtStart, initialBook } from '../../../src/networks/livepeer/initial-state.ts';
import type { LedgerTotals } from '../../../src/networks/livepeer/ledger.ts';
import { BONDED, LIQUID, UNBONDING, WEI_PAIR, WEI_PER_MICRO_LPT } from '../../../src/networks/livepeer/lpt.ts';
import type { LivepeerMarket } from '../../../src/networks/livepeer/market.ts';
import type { LivepeerOrders, LivepeerPublic } from '../../../src/networks/livepeer/messages.ts';
import { type LivepeerNetwork, livepeer } from '../../../src/networks/livepeer/model.ts';
import { delegatorCumulativeStake } from '../../../src/networks/livepeer/protocol.ts';
import type { LivepeerShard } from '../../../src/networks/livepeer/shard.ts';
import { alone, TEST_PRICES, type TestConfig } from './helpers.ts';

/**
 * The Livepeer ledger audit, for tests only: production code never imports it (it lives under test/, and the market
 * keeps no test-only state). It wraps the model so that every shard built on this thread is kept and the market's
 * clears and the holders' actions are counted, and it recounts the ledger from every account.
 */
export interface Audit {
  /** The run's shards by index, as built on this thread (all of them when the run is on one thread). */
  readonly shards: LivepeerShard[];
  /** Windows cleared, and holder actions (bond, switch, unbond) posted, so far. */
  windows: number;
  actions: number;
}

/** Livepeer alone in a world with an audit attached; `onRound` sees the market and the audit after every round. */
export function auditedLivepeer(cfg: TestConfig, onRound: (market: LivepeerMarket, audit: Audit) => void, agents?: WorldAgents<unknown, unknown>): AnyModel {
  const audit: Audit = { shards: [], windows: 0, actions: 0 };
  let seed: number | undefined;
  const base = livepeer(cfg, { hooks: { onRound: (m) => onRound(m, audit) } });
  const sameRun = (s: number): void => {
    if (seed !== undefined && seed !== s) throw new Error('livepeer audit: an audited model serves one run');
    seed = s;
  };
  const audited: LivepeerNetwork = {
    ...base,
    createShard: (ctx: ShardContext) => {
      sameRun(ctx.seed);
      const shard = base.createShard(ctx);
      audit.shards[ctx.index] = shard;
      return shard;
    },
    createMarket: (ctx: RunContext, world: WorldView): NetworkMarket<LivepeerOrders, LivepeerPublic> => {
      sameRun(ctx.seed);
      const market = base.createMarket(ctx, world);
      return {
        initialPublic: () => market.initialPublic(),
        clear: (orders, window, view) => {
          audit.windows++;
          for (const o of orders) for (let k = 1; k < o.actCounts.length; k++) audit.actions += o.actCounts[k]!;
          return market.clear(orders, window, view);
        },
        sample: (t) => market.sample(t),
      };
    },
  };
  return agents ? world({ shards: cfg.shards, networks: [audited], prices: TEST_PRICES, agents }) : alone(audited, cfg.shards);
}

/**
 * The ledger's totals recomputed from every account — the holders' from their shards (every shard of the run must
 * have been built on this thread; before the first window, from the holders' state at t = 0), the orchestrators'
 * from the market — checking on the way that no pool owes its delegators more than it holds.
 */
export function recountTotals(m: LivepeerMarket, audit: Audit): LedgerTotals {
  const { ledger, orchestrators: o, cfg } = m;
  const nOrch = o.n;
  let bonded = 0n,
    unbonding = 0n,
    liquid = 0n;
  const claims = new Array<bigint>(nOrch).fill(0n);
  if (audit.windows === 0) {
    const book = initialBook(cfg, m.seed);
    const h: HolderAtStart = { microLpt: 0, passive: false, state: 0, delegate: -1, weight: 0 };
    for (let i = 0; i < cfg.delegators; i++) {
      holderAtStart(cfg, m.seed, i, book, h);
      const amount = BigInt(h.microLpt) * WEI_PER_MICRO_LPT;
      if (h.state === BONDED) claims[h.delegate] = claims[h.delegate]! + amount;
      else liquid += amount;
    }
  } else {
    const shards = audit.shards;
    if (shards.length !== m.shards || shards.some((s) => s === undefined)) {
      throw new Error('livepeer audit: recountTotals needs every shard of the run on this thread');
    }
    const crf = ledger.poolCrf;
    const round = m.rounds.round;
    let n = 0;
    for (const sh of shards) {
      const hs = sh.holders;
      const hc = hs.population.columns;
      n += hs.population.size;
      for (let i = 0; i < hs.population.size; i++) {
        liquid += getPair(hs.liquid, i, WEI_PAIR);
        // A lock that has reached its withdraw round was withdrawn by the market at that round's start.
        const lock = getPair(hs.lock, i, WEI_PAIR);
        if (hc.withdrawRound[i]! >= 0 && hc.withdrawRound[i]! <= round) liquid += lock;
        else unbonding += lock;
        const d = hc.delegate[i]!;
        if (d >= 0) claims[d] = claims[d]! + delegatorCumulativeStake(getPair(hs.bonded, i, WEI_PAIR), hs.crfTable[hc.crfStart[i]!]!, crf[d]!);
      }
    }
    // Purchases the market filled in this clear, which their shard credits in its next window.
    for (const fills of m.lastFills)
      if (fills) for (let k = 0; k < fills.length; k += 2) liquid += BigInt(fills[k]!) * WEI_PER_MICRO_LPT + BigInt(fills[k + 1]!);
    if (n !== cfg.delegators) throw new Error(`livepeer audit: the shards hold ${n} holders, not ${cfg.delegators}`);
    // Outside investors' delegator positions: accounts like holders'.
    for (const sh of shards) {
      for (const a of positionAccounts(sh.positions)) {
        if (a.state === 'bonded') claims[a.delegate] = claims[a.delegate]! + delegatorCumulativeStake(a.amountWei, a.crfStart, crf[a.delegate]!);
        else if (a.state === 'unbonding') {
          if (a.withdrawRound <= round) liquid += a.amountWei;
          else unbonding += a.amountWei;
        }
      }
    }
    // LPT the market bought for a position in this clear, which its shard credits in the next window.
    for (const events of m.port.events) for (const e of events ?? []) if (e.kind === 'filled') liquid += BigInt(e.wei);
  }
  // LPT orchestrators unbonded to sell: unbonding until their lock matures (then the market sold it to the exchange).
  for (const [r, list] of o.saleLocks) if (r > m.rounds.round) for (const [, wei] of list) unbonding += wei;
  for (let j = 0; j < nOrch; j++) {
    bonded += ledger.poolStake[j]!;
    const s = o.selfState[j];
    if (s === LIQUID) liquid += o.self[j]!;
    else if (s === UNBONDING) unbonding += o.self[j]!;
    else claims[j] = claims[j]! + delegatorCumulativeStake(o.self[j]!, o.selfCrfStart[j]!, ledger.poolCrf[j]!);
    if (claims[j]! > ledger.poolStake[j]!) throw new Error(`livepeer audit: pool ${j} owes ${claims[j]} wei but holds ${ledger.poolStake[j]}`);
  }
  return {
    supply: ledger.supply,
    initialSupply: ledger.initialSupply,
    minted: ledger.minted,
    bonded,
    unbonding,
    liquid,
    treasury: ledger.treasury,
    exchange: ledger.exchange,
  };
}
