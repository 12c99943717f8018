import { ConfigError } from '../core/errors.ts';
import type { AnyNetwork, CapitalPort } from '../engine/network.ts';
import type { WorldAgents } from '../engine/world.ts';

export interface YieldChaserOptions {
  /** Investors in the world, spread over the shards round robin (investor j lives in shard j mod K). */
  readonly investors: number;
  /** Capital each starts with, USD, in cash. */
  readonly capitalUsd: number;
  /** The networks (instance names) they choose among; each must have a port offering `role`. */
  readonly networks: readonly string[];
  /** The role taken in each network (`delegator` for Livepeer). */
  readonly role: string;
  /** Seconds between an investor's reviews (each starts at a random phase from its shard's stream). */
  readonly reviewEveryS: number;
  /** Move only when the best observed return beats the current one by this much per year. */
  readonly marginPerYear: number;
}

const IDLE = 0;
const INVESTED = 1;
const EXITING = 2;

/** One shard's investors, struct of arrays. */
interface InvestorShard {
  readonly ports: CapitalPort<unknown, unknown>[];
  readonly frictionNames: readonly string[];
  /** Index in the world's network list of each considered network. */
  readonly netIndex: Int32Array;
  readonly cash: Float64Array;
  readonly state: Int32Array;
  /** Considered-network slot of the current (or exiting) position, -1 when none. */
  readonly current: Int32Array;
  readonly position: Int32Array;
  /** Where the capital goes once out (slot), -1 for nowhere yet. */
  readonly target: Int32Array;
  readonly nextReview: Float64Array;
  readonly moves: Int32Array;
  /** Frictions and earnings of positions already closed, USD. */
  readonly frictionsClosed: Float64Array;
  readonly earningsClosed: Float64Array;
  readonly frictionsByNameClosed: Float64Array;
  readonly phase: Float64Array;
  readonly reviews: Int32Array;
}

/** The friction names a set of ports charges, sorted: they name the `frictions_<name>_usd` columns. */
export function frictionNamesOf(ports: readonly { readonly frictionNames: readonly string[] }[]): string[] {
  return [...new Set(ports.flatMap((p) => p.frictionNames))].sort();
}

/** The columns the investors report (before the world's `world_investors_` prefix), with their documentation. */
export function yieldChaserMetrics(networks: readonly string[], frictionNames: readonly string[]): Record<string, string> {
  const docs: Record<string, string> = {
    capital_usd: 'Investors’ holdings: cash + active + in transit + withdrawable, USD',
    cash_usd: 'Investors’ cash not in any network, USD',
    active_usd: 'Capital working in a role (stake, deposits), USD',
    in_transit_usd: 'Capital on its way out of a network (unbonding, withdrawal delays), USD',
    withdrawable_usd: 'Capital released by a network and not yet collected, USD',
    frictions_usd: 'Everything lost to frictions so far (fees, gas, resale losses), USD',
    earnings_usd: 'Everything earned in roles so far (rewards, fees, interest), USD',
    moves: 'Moves from one network to another so far (count)',
  };
  for (const n of networks) docs[`in_${n}_usd`] = `Investors’ capital in network ${n} (active, in transit or withdrawable), USD`;
  for (const f of frictionNames) docs[`frictions_${f}_usd`] = `Lost to the friction ${f} so far, USD`;
  return docs;
}

/** Layout of the totals a shard posts each window (the market sums them over shards in shard order). */
function totalsLayout(nNetworks: number, nFrictions: number) {
  const base = ['capital_usd', 'cash_usd', 'active_usd', 'in_transit_usd', 'withdrawable_usd', 'frictions_usd', 'earnings_usd', 'moves'] as const;
  return { base, size: base.length + nNetworks + nFrictions, networkAt: base.length, frictionAt: base.length + nNetworks };
}

/**
 * A test investor for the world's ports: it holds its capital in one network at a time, in one role, and at each
 * review moves everything to the network whose port shows the highest return when that beats the current one by
 * `marginPerYear`. Moves go through the ports, so they pay the networks' real frictions and delays (Livepeer's
 * unbonding period, for one). Not the pan-miner — a rule simple enough to test the doors with.
 *
 * Every unit is accounted for: capital + earnings − frictions = cash + active + in transit + withdrawable (at
 * constant prices; with moving prices the difference is revaluation).
 */
export function yieldChasers(o: YieldChaserOptions): WorldAgents<InvestorShard, Float64Array> {
  if (!Number.isInteger(o.investors) || o.investors < 0) throw new ConfigError('investors', o.investors, 'allowed: an integer ≥ 0');
  if (!(o.capitalUsd >= 0) || !Number.isFinite(o.capitalUsd)) throw new ConfigError('investor capital', o.capitalUsd, 'allowed: a finite number ≥ 0 (USD)');
  if (!(o.reviewEveryS > 0)) throw new ConfigError('investor review interval', o.reviewEveryS, 'allowed: a positive number of seconds');
  if (o.networks.length === 0) throw new ConfigError('investor networks', '[]', 'allowed: at least one network with a port');
  /** The considered networks' places in the world, their ports, and the friction names they charge (sorted). */
  const resolve = (networks: readonly AnyNetwork[]) => {
    const netIndex = Int32Array.from(o.networks, (name) => {
      const i = networks.findIndex((n) => n.name === name);
      const port = networks[i]?.port;
      if (i < 0) throw new ConfigError('investor networks', name, `allowed: a network of this world (${networks.map((n) => n.name).join(', ')})`);
      if (!port?.roles.includes(o.role))
        throw new ConfigError('investor role', o.role, `allowed: a role network ${name} offers (${port?.roles.join(', ') ?? 'none: it has no port'})`);
      return i;
    });
    const ports = Array.from(netIndex, (i) => networks[i]!.port as CapitalPort<unknown, unknown>);
    return { netIndex, ports, frictionNames: frictionNamesOf(ports) };
  };
  return {
    name: 'investors',
    createShard(ctx, networks) {
      const { netIndex, ports, frictionNames } = resolve(networks);
      const n = Math.floor(o.investors / ctx.count) + (ctx.index < o.investors % ctx.count ? 1 : 0);
      const rng = ctx.stream('reviews');
      const phase = Float64Array.from({ length: n }, () => rng.next() * o.reviewEveryS);
      return {
        ports,
        netIndex,
        frictionNames,
        cash: new Float64Array(n).fill(o.capitalUsd),
        state: new Int32Array(n),
        current: new Int32Array(n).fill(-1),
        position: new Int32Array(n).fill(-1),
        target: new Int32Array(n).fill(-1),
        nextReview: Float64Array.from(phase),
        moves: new Int32Array(n),
        frictionsClosed: new Float64Array(n),
        earningsClosed: new Float64Array(n),
        frictionsByNameClosed: new Float64Array(n * frictionNames.length),
        phase,
        reviews: new Int32Array(n),
      };
    },

    stepShard(s, _window, view, parts, pubs) {
      const { ports, netIndex, frictionNames } = s;
      const L = totalsLayout(ports.length, frictionNames.length);
      const totals = new Float64Array(L.size);
      const nF = frictionNames.length;
      const partOf = (slot: number) => parts[netIndex[slot]!];
      const pubOf = (slot: number) => pubs[netIndex[slot]!];
      const closePosition = (j: number) => {
        const slot = s.current[j]!;
        const pos = s.position[j]!;
        const f = ports[slot]!.frictions(partOf(slot), pos);
        for (const [name, usd] of Object.entries(f)) {
          s.frictionsClosed[j]! += usd;
          s.frictionsByNameClosed[j * nF + frictionNames.indexOf(name)]! += usd;
        }
        s.earningsClosed[j]! += ports[slot]!.earnings(partOf(slot), pos, pubOf(slot), view);
        s.current[j] = -1;
        s.position[j] = -1;
        s.state[j] = IDLE;
      };
      for (let j = 0; j < s.cash.length; j++) {
        // Capital on its way out comes back as cash once the network releases it.
        if (s.state[j] === EXITING) {
          const slot = s.current[j]!;
          const v = ports[slot]!.value(partOf(slot), s.position[j]!, pubOf(slot), view);
          if (v.withdrawableUsd > 0) s.cash[j]! += ports[slot]!.collect(partOf(slot), s.position[j]!, pubOf(slot), view);
          if (ports[slot]!.value(partOf(slot), s.position[j]!, pubOf(slot), view).closed) closePosition(j);
        }
        if (view.t >= s.nextReview[j]!) {
          s.reviews[j]!++;
          s.nextReview[j] = s.phase[j]! + (s.reviews[j]! + 0) * o.reviewEveryS;
          const returns = ports.map((p, slot) => p.observedReturn(partOf(slot), o.role, pubOf(slot), view));
          let best = 0;
          for (let k = 1; k < returns.length; k++) if (returns[k]! > returns[best]!) best = k;
          if (s.state[j] === INVESTED) {
            const cur = s.current[j]!;
            if (best !== cur && returns[best]! > returns[cur]! + o.marginPerYear) {
              ports[cur]!.exit(partOf(cur), s.position[j]!, pubOf(cur), view);
              s.state[j] = EXITING;
              s.target[j] = best;
              s.moves[j]!++;
            }
          } else if (s.state[j] === IDLE) s.target[j] = best;
        }
        // Idle cash with a target goes in through the target's port (a refusal leaves it in cash).
        if (s.state[j] === IDLE && s.cash[j]! > 0 && s.target[j]! >= 0) {
          const slot = s.target[j]!;
          const pos = ports[slot]!.enter(partOf(slot), { role: o.role, capitalUsd: s.cash[j]!, target: -1 }, pubOf(slot), view);
          if (pos >= 0) {
            s.cash[j] = 0;
            s.current[j] = slot;
            s.position[j] = pos;
            s.state[j] = INVESTED;
          }
        }
        // Where every unit is.
        let active = 0;
        let transit = 0;
        let withdrawable = 0;
        let frictions = s.frictionsClosed[j]!;
        let earnings = s.earningsClosed[j]!;
        for (let f = 0; f < nF; f++) totals[L.frictionAt + f]! += s.frictionsByNameClosed[j * nF + f]!;
        if (s.state[j] !== IDLE) {
          const slot = s.current[j]!;
          const pos = s.position[j]!;
          const v = ports[slot]!.value(partOf(slot), pos, pubOf(slot), view);
          active = v.activeUsd;
          transit = v.inTransitUsd;
          withdrawable = v.withdrawableUsd;
          for (const [name, usd] of Object.entries(ports[slot]!.frictions(partOf(slot), pos))) {
            frictions += usd;
            totals[L.frictionAt + frictionNames.indexOf(name)]! += usd;
          }
          earnings += ports[slot]!.earnings(partOf(slot), pos, pubOf(slot), view);
          totals[L.networkAt + slot]! += active + transit + withdrawable;
        }
        const cash = s.cash[j]!;
        totals[0]! += cash + active + transit + withdrawable;
        totals[1]! += cash;
        totals[2]! += active;
        totals[3]! += transit;
        totals[4]! += withdrawable;
        totals[5]! += frictions;
        totals[6]! += earnings;
        totals[7]! += s.moves[j]!;
      }
      return totals;
    },

    createMarket(_ctx, networks) {
      const { frictionNames } = resolve(networks);
      const L = totalsLayout(o.networks.length, frictionNames.length);
      // Before the first window every investor holds its capital in cash.
      let sums = new Float64Array(L.size);
      sums[0] = o.investors * o.capitalUsd;
      sums[1] = o.investors * o.capitalUsd;
      return {
        clear(orders) {
          sums = new Float64Array(L.size);
          for (const o of orders) for (let k = 0; k < o.length; k++) sums[k]! += o[k]!;
        },
        sample() {
          const out: Record<string, number> = {};
          L.base.forEach((name, k) => {
            out[name] = sums[k] ?? 0;
          });
          o.networks.forEach((name, k) => {
            out[`in_${name}_usd`] = sums[L.networkAt + k] ?? 0;
          });
          frictionNames.forEach((name, k) => {
            out[`frictions_${name}_usd`] = sums[L.frictionAt + k] ?? 0;
          });
          return out;
        },
      };
    },
  };
}
