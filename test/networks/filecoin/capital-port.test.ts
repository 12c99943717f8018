import { describe, expect, it } from 'vitest';
import type { AnyModel, RunContext, ShardContext, Window } from '../../../src/engine/model.ts';
import type { AnyNetwork, CapitalPort, PositionValue, SwitchingCost, WorldView } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { type WorldAgents, world } from '../../../src/engine/world.ts';
import { createPositions, filecoinPort } from '../../../src/networks/filecoin/capital-port.ts';
import type { FilecoinMarket } from '../../../src/networks/filecoin/market.ts';
import type { FilecoinPublic } from '../../../src/networks/filecoin/messages.ts';
import { filecoin } from '../../../src/networks/filecoin/model.ts';
import { DEFAULT_PRICE_NAMES } from '../../../src/networks/filecoin/world-prices.ts';
import { recount } from './audit.ts';
import { smallConfig, testPrices } from './helpers.ts';

const DAY = 86_400;

interface Trace {
  t: number;
  value: PositionValue;
  frictions: Record<string, number>;
  earnings: number;
}

/**
 * A scripted investor: one position in one role in the world's first network, entered at `enterAtS` and exited at
 * `exitAtS`; its value (with what it collected as withdrawable), frictions and earnings traced every window.
 */
function scripted(role: string, capitalUsd: number, enterAtS: number, exitAtS: number, trace: Trace[], estimates: SwitchingCost[]) {
  type State = { port: CapitalPort<unknown, unknown>; pos: number; collected: number; exited: boolean };
  const agents: WorldAgents<State, undefined> = {
    name: 'investors',
    createShard: (_ctx: ShardContext, networks: readonly AnyNetwork[]) => ({
      port: networks[0]!.port as CapitalPort<unknown, unknown>,
      pos: -1,
      collected: 0,
      exited: false,
    }),
    stepShard(st, _w: Window, view: WorldView, parts: unknown[], pubs: readonly unknown[]) {
      const [part, pub] = [parts[0], pubs[0]];
      if (st.pos < 0 && view.t >= enterAtS) {
        estimates.push(st.port.switchingCost!(part, role, capitalUsd, pub, view));
        st.pos = st.port.enter(part, { role, capitalUsd, target: -1 }, pub, view);
      }
      if (st.pos < 0) return undefined;
      if (!st.exited && view.t >= exitAtS) {
        st.port.exit(part, st.pos, pub, view);
        st.exited = true;
      }
      if (st.port.value(part, st.pos, pub, view).withdrawableUsd > 0) st.collected += st.port.collect(part, st.pos, pub, view);
      trace.push({
        t: view.t,
        value: { ...st.port.value(part, st.pos, pub, view), withdrawableUsd: st.collected },
        frictions: { ...st.port.frictions(part, st.pos) },
        earnings: st.port.earnings(part, st.pos, pub, view),
      });
      return undefined;
    },
    createMarket: (_ctx: RunContext, _networks: readonly AnyNetwork[]) => ({ clear() {}, sample: () => ({}) }),
  };
  return agents;
}

function model(
  role: string,
  capitalUsd: number,
  enterDay: number,
  exitDay: number,
  trace: Trace[],
  over = {},
  onDay?: (m: FilecoinMarket) => void,
  estimates: SwitchingCost[] = [],
): AnyModel {
  const cfg = smallConfig({ shards: 1, clients: 0, providers: 4, providerCandidates: 0, investorProviderSlots: 1, filUsd: 5, ...over });
  const net = filecoin(cfg, { hooks: { onDay: (m) => onDay?.(m) } });
  return world({ shards: 1, networks: [net], prices: testPrices(5), agents: scripted(role, capitalUsd, enterDay * DAY, exitDay * DAY, trace, estimates) });
}

describe('the Filecoin port', () => {
  it('opens a storage provider that buys hardware and FIL, seals and proves; on exit its pledge stays locked until its sectors expire', async () => {
    const trace: Trace[] = [];
    const problems: string[] = [];
    const estimates: SwitchingCost[] = [];
    let sealed = 0;
    await simulate(
      model(
        'storage-provider',
        2_000_000,
        1,
        20,
        trace,
        { ccSectorDays: 180, hardwareResaleShare: 0.25, costSigma: 0 },
        (m) => {
          problems.push(...recount(m));
          sealed = Math.max(sealed, m.sectors.provRaw[m.firstInvestorSlot]!);
        },
        estimates,
      ),
      { seed: 3, horizonS: 420 * DAY, sampleEveryS: 30 * DAY },
    );
    expect(problems.slice(0, 3)).toEqual([]);
    expect(sealed).toBeGreaterThan(0);
    const opened = trace.find((x) => x.value.activeUsd > 0)!;
    expect(opened.frictions.trading_fee).toBeGreaterThan(0);
    // Exit at day 20: the sectors run out their 180 days (terminating would cost more than they lose at $5) and the
    // vesting rewards their last 180 days: nothing comes back before the sectors expire.
    const firstCash = trace.find((x) => x.value.withdrawableUsd > 0)!;
    expect(firstCash.t / DAY).toBeGreaterThan(180);
    const last = trace.at(-1)!;
    expect(last.value.activeUsd + last.value.inTransitUsd).toBe(0);
    // The hardware came back at a quarter of its cost: the rest is the friction `hardware_loss`.
    expect(last.frictions.hardware_loss).toBeGreaterThan(0);
    // Every dollar is accounted for: what came back = capital + earnings − frictions.
    const f = last.frictions.trading_fee! + last.frictions.hardware_loss!;
    expect(last.value.withdrawableUsd).toBeCloseTo(2_000_000 + last.earnings - f, 6);
    // What the port told the investor before entering (a provider without cost spread, so its hardware costs what the
    // estimate's medium provider's does): within 2 % of the frictions it charged (the FIL sold on exit includes what
    // it earned), and the sector life.
    const [estimate] = estimates;
    expect(Math.abs((estimate!.entryUsd + estimate!.exitUsd) / f - 1)).toBeLessThan(0.02);
    expect(estimate!.exitDelayS).toBe((180 + 180) * DAY);
    expect(Math.abs((firstCash.t - 20 * DAY) / estimate!.exitDelayS - 1)).toBeLessThan(0.1);
  }, 60_000);

  it('lends FIL to the pool for shares and redeems them on exit, paying the exchange fee both ways', async () => {
    const trace: Trace[] = [];
    await simulate(model('lender', 100_000, 1, 30, trace), { seed: 4, horizonS: 40 * DAY, sampleEveryS: 10 * DAY });
    const active = trace.find((x) => x.value.activeUsd > 0)!;
    expect(active.value.activeUsd).toBeGreaterThan(100_000 * 0.99);
    const last = trace.at(-1)!;
    expect(last.value.withdrawableUsd).toBeGreaterThan(0);
    expect(last.frictions.trading_fee).toBeGreaterThan(2 * 100_000 * 0.002 * 0.99);
  }, 60_000);

  it('asks for storage to run a provider, and for nothing but capital to lend', () => {
    const port = filecoinPort(DEFAULT_PRICE_NAMES);
    expect(port.skill!('storage-provider')).toBe('storage');
    expect(port.skill!('lender')).toBeUndefined();
  });

  describe('tells an investor what switching costs before it enters', () => {
    const port = filecoinPort(DEFAULT_PRICE_NAMES);
    // A constructed public state: FIL at $5, pledge 8 FIL per TiB of QA power, 1000 FIL unlent in the pool.
    const pub = { filUsd: 5, pledgePerQaTibFil: 8, poolUnlentFil: 1_000, poolLentFil: 5_000 } as FilecoinPublic;
    const cost = (role: string, capitalUsd: number, over = {}, at: FilecoinPublic = pub) =>
      port.switchingCost!(
        {
          cfg: smallConfig({ costSigma: 0, capexUsdPerTib: 60, exchangeFee: 0.002, hardwareResaleShare: 0.3, ccSectorDays: 540, ...over }),
          index: 0,
          positions: createPositions(),
        },
        role,
        capitalUsd,
        at,
        undefined as never,
      );

    it('a storage provider: the exchange fee on its FIL both ways, its hardware resold at 30 %, the pledge locked for a sector life and the rewards vesting after it', () => {
      // $1M buys floor(1e6 / (60 + 8 · 1.1 · 5)) = 9615 TiB (sized at a medium provider's $60), a medium provider
      // (1-10 PiB) whose hardware costs $60 a TiB.
      const hardware = 9615 * 60;
      const fil = 1e6 - hardware;
      const c = cost('storage-provider', 1e6);
      expect(c.entryUsd).toBeCloseTo(fil * 0.002, 6);
      expect(c.exitUsd).toBeCloseTo(fil * 0.998 * 0.002 + hardware * 0.7, 6);
      expect(c.exitDelayS).toBe((540 + 180) * DAY);
      // Direction: hardware that resells better costs less to leave; shorter sectors free the capital sooner.
      expect(cost('storage-provider', 1e6, { hardwareResaleShare: 0.6 }).exitUsd).toBeLessThan(c.exitUsd);
      expect(cost('storage-provider', 1e6, { ccSectorDays: 180 }).exitDelayS).toBe((180 + 180) * DAY);
      // $3M buys 28 846 TiB, an industrial provider (over 10 PiB): its hardware costs 0.85 of a medium one's.
      expect(cost('storage-provider', 3e6).exitUsd).toBeCloseTo((3e6 - 28_846 * 51) * 0.998 * 0.002 + 28_846 * 51 * 0.7, 6);
      // Capital that cannot buy one TiB with its pledge cannot open a provider.
      expect(cost('storage-provider', 100).entryUsd).toBe(Number.POSITIVE_INFINITY);
    });

    it('a lender: the exchange fee both ways; a day when the pool holds its FIL unlent, half a sector life for the rest', () => {
      const small = cost('lender', 1_000);
      expect(small.entryUsd).toBeCloseTo(2, 9);
      expect(small.exitUsd).toBeCloseTo(1_000 * 0.998 * 0.002, 9);
      expect(small.exitDelayS).toBe(DAY);
      // $50 000 is 9980 FIL after the fee; 1000 FIL unlent: 90 % waits 270 days on average.
      const big = cost('lender', 50_000);
      expect(big.exitDelayS / DAY).toBeCloseTo(1 + (1 - 5_000 / (50_000 * 0.998)) * 270, 9);
      expect(cost('lender', 50_000, {}, { ...pub, poolUnlentFil: 0 }).exitDelayS).toBe((1 + 270) * DAY);
    });
  });
});
