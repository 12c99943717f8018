import { describe, expect, it } from 'vitest';
import type { AnyModel, RunContext, ShardContext, Window } from '../../../src/engine/model.ts';
import type { AnyNetwork, CapitalPort, PositionValue, WorldView } from '../../../src/engine/network.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import { type WorldAgents, world } from '../../../src/engine/world.ts';
import type { FilecoinMarket } from '../../../src/networks/filecoin/market.ts';
import { filecoin } from '../../../src/networks/filecoin/model.ts';
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
function scripted(role: string, capitalUsd: number, enterAtS: number, exitAtS: number, trace: Trace[]) {
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
      if (st.pos < 0 && view.t >= enterAtS) st.pos = st.port.enter(part, { role, capitalUsd, target: -1 }, pub, view);
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

function model(role: string, capitalUsd: number, enterDay: number, exitDay: number, trace: Trace[], over = {}, onDay?: (m: FilecoinMarket) => void): AnyModel {
  const cfg = smallConfig({ shards: 1, clients: 0, providers: 4, providerCandidates: 0, investorProviderSlots: 1, filUsd: 5, ...over });
  const net = filecoin(cfg, { hooks: { onDay: (m) => onDay?.(m) } });
  return world({ shards: 1, networks: [net], prices: testPrices(5), agents: scripted(role, capitalUsd, enterDay * DAY, exitDay * DAY, trace) });
}

describe('the Filecoin port', () => {
  it('opens a storage provider that buys hardware and FIL, seals and proves; on exit its pledge stays locked until its sectors expire', async () => {
    const trace: Trace[] = [];
    const problems: string[] = [];
    let sealed = 0;
    await simulate(
      model('storage-provider', 2_000_000, 1, 20, trace, { ccSectorDays: 180, hardwareResaleShare: 0.25 }, (m) => {
        problems.push(...recount(m));
        sealed = Math.max(sealed, m.sectors.provRaw[m.firstInvestorSlot]!);
      }),
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
});
