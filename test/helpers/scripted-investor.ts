import type { Window } from '../../src/engine/model.ts';
import type { AnyNetwork, CapitalPort, PositionValue, WorldView } from '../../src/engine/network.ts';
import type { WorldAgents } from '../../src/engine/world.ts';

/** What a scripted investor saw of its position in one window, before the network stepped. */
export interface Observation {
  readonly t: number;
  readonly value: PositionValue;
  readonly frictions: Readonly<Record<string, number>>;
  readonly earnings: number;
  readonly collected: number;
}

export interface Script {
  readonly network: string;
  readonly role: string;
  readonly capitalUsd: number;
  /** Enter at the first window whose view time is at least this (seconds), exit at the first one at or after `exitAtS`. */
  readonly enterAtS: number;
  readonly exitAtS: number;
  /** Only shard 0 holds the investor. */
  readonly log: Observation[];
}

/**
 * One investor in shard 0 following a script through any network's port, for tests (Maker and Orchid use it; Livepeer's
 * own in test/networks/livepeer also logs rounds and collects only after exit): it enters, exits, collects what is
 * withdrawable, and logs what the port reports each window. It posts nothing and its market reports nothing.
 */
export function scriptedInvestor(
  script: Script,
): WorldAgents<{ active: boolean; position: number; entered: boolean; exited: boolean; collected: number }, null> {
  let port: CapitalPort<unknown, unknown> | undefined;
  let at = -1;
  return {
    name: 'investors',
    createShard(ctx, networks: readonly AnyNetwork[]) {
      at = networks.findIndex((n) => n.name === script.network);
      port = networks[at]!.port as CapitalPort<unknown, unknown>;
      return { active: ctx.index === 0, position: -1, entered: false, exited: false, collected: 0 };
    },
    stepShard(s, _w: Window, view: WorldView, parts, pubs) {
      if (!s.active || !port) return null;
      const part = parts[at];
      const pub = pubs[at];
      if (!s.entered && view.t >= script.enterAtS) {
        s.position = port.enter(part, { role: script.role, capitalUsd: script.capitalUsd, target: -1 }, pub, view);
        s.entered = true;
      }
      if (s.position < 0) return null;
      if (!s.exited && view.t >= script.exitAtS) {
        port.exit(part, s.position, pub, view);
        s.exited = true;
      }
      if (port.value(part, s.position, pub, view).withdrawableUsd > 0) s.collected += port.collect(part, s.position, pub, view);
      script.log.push({
        t: view.t,
        value: port.value(part, s.position, pub, view),
        frictions: port.frictions(part, s.position),
        earnings: port.earnings(part, s.position, pub, view),
        collected: s.collected,
      });
      return null;
    },
    createMarket: () => ({ clear() {}, sample: () => ({}) }),
  };
}

/** capital − frictions + earnings − (active + in transit + withdrawable + collected), relative to the capital. */
export function imbalance(o: Observation, capital: number): number {
  const f = Object.values(o.frictions).reduce((a, b) => a + b, 0);
  const held = o.value.activeUsd + o.value.inTransitUsd + o.value.withdrawableUsd + o.collected;
  return Math.abs(capital - f + o.earnings - held) / capital;
}
