import type { Window } from '../../../src/engine/model.ts';
import type { AnyNetwork, CapitalPort, PositionValue, WorldView } from '../../../src/engine/network.ts';
import type { WorldAgents } from '../../../src/engine/world.ts';

/** What a scripted investor saw of its position in one window. */
export interface Observation {
  readonly t: number;
  readonly value: PositionValue;
  readonly frictions: Readonly<Record<string, number>>;
  readonly earnings: number;
  readonly collected: number;
}

/** One investor in shard 0 entering a role at `enterAtS`, exiting at `exitAtS`, collecting what is withdrawable, logging. */
export function scriptedInvestor(s: {
  network: string;
  role: string;
  capitalUsd: number;
  enterAtS: number;
  exitAtS: number;
  log: Observation[];
}): WorldAgents<{ active: boolean; position: number; entered: boolean; exited: boolean; collected: number }, null> {
  let port: CapitalPort<unknown, unknown> | undefined;
  let at = -1;
  return {
    name: 'investors',
    createShard(ctx, networks: readonly AnyNetwork[]) {
      at = networks.findIndex((n) => n.name === s.network);
      port = networks[at]!.port as CapitalPort<unknown, unknown>;
      return { active: ctx.index === 0, position: -1, entered: false, exited: false, collected: 0 };
    },
    stepShard(st, _w: Window, view: WorldView, parts, pubs) {
      if (!st.active || !port) return null;
      const part = parts[at];
      const pub = pubs[at];
      if (!st.entered && view.t >= s.enterAtS) {
        st.position = port.enter(part, { role: s.role, capitalUsd: s.capitalUsd, target: -1 }, pub, view);
        st.entered = true;
      }
      if (st.position < 0) return null;
      if (!st.exited && view.t >= s.exitAtS) {
        port.exit(part, st.position, pub, view);
        st.exited = true;
      }
      if (port.value(part, st.position, pub, view).withdrawableUsd > 0) st.collected += port.collect(part, st.position, pub, view);
      s.log.push({
        t: view.t,
        value: port.value(part, st.position, pub, view),
        frictions: port.frictions(part, st.position),
        earnings: port.earnings(part, st.position, pub, view),
        collected: st.collected,
      });
      return null;
    },
    createMarket: () => ({ clear() {}, sample: () => ({}) }),
  };
}
