import { ConfigError } from '../core/errors.ts';
import type { AnyNetwork, CapitalPort, WorldView } from '../engine/network.ts';
import type { RandomStream } from '../engine/rng.ts';
import type { WorldAgents } from '../engine/world.ts';
import { frictionNamesOf } from './yield-chaser.ts';

/**
 * Pan-miners: investors who move capital between networks and roles by expected return, through each network's port,
 * beside two baselines in the same world — passive holders (they take one role that needs no skill, delegating or
 * lending, in one network chosen at the start, and keep it) and network-bound participants (they act like pan-miners
 * but in one network chosen at the start). Nothing here knows the list of networks: the roles are whatever the
 * world's ports offer.
 *
 * A pan-miner has capital (log-normal), skills (each with its own probability: `gpu`, `storage`, `server`, `bot`, as
 * the ports ask), a risk aversion and a hurdle (log-normal around their medians), and beliefs about each role's
 * return and its variance, updated at every review from what the ports show (with noise, over a memory of
 * `memoryReviews` reviews, EWMA). It scores a role by mean − riskAversion × variance, holds up to `maxRoles` roles
 * above its hurdle, and replaces a held role by a better one only when the gain in score over `holdingYears` beats the
 * switching cost the two ports estimate (exit + entry, as a share of the position). Every move goes through the ports,
 * so it pays the networks' real frictions and delays.
 */
export interface PanMinerOptions {
  /** Investors of all three kinds in the world, spread over the shards round robin. */
  readonly investors: number;
  /** Share of investors who are pan-miners; of the others, `boundShare` are network-bound and the rest passive. */
  readonly panMinerShare: number;
  readonly boundShare: number;
  /** Median capital, USD, and the log-normal sigma of capital across investors. */
  readonly capitalUsd: number;
  readonly capitalSigma: number;
  /** Probability that an investor has each skill a role may need. */
  readonly skills: Readonly<Record<string, number>>;
  /** Median risk aversion (per unit of annual return variance) and median hurdle (annual return). */
  readonly riskAversion: number;
  readonly hurdleAnnual: number;
  /** Log-normal sigma of risk aversion and hurdle across investors. */
  readonly heterogeneity: number;
  /** Memory of the beliefs, in reviews (EWMA weight 1/memoryReviews). */
  readonly memoryReviews: number;
  /** Sd of the noise on a return as an investor perceives it, per year. */
  readonly noiseAnnual: number;
  /** Seconds between an investor's reviews (a random phase each). */
  readonly reviewEveryS: number;
  /** Most roles an investor holds at once (its capital is split evenly among them). */
  readonly maxRoles: number;
  /** Years over which a switch must pay for itself. */
  readonly holdingYears: number;
}

export const PAN = 0;
export const BOUND = 1;
export const PASSIVE = 2;
const KINDS = ['pan_miner', 'bound', 'passive'] as const;

const FREE = 0;
const HELD = 1;
const LEAVING = 2;

const SECONDS_PER_YEAR = 365.25 * 86_400;

/** A role an investor can take: a network's port and one of its roles. */
interface Role {
  readonly net: number;
  readonly port: CapitalPort<unknown, unknown>;
  readonly name: string;
  readonly skill: string | undefined;
}

/** The world's roles, from its networks' ports, in network then port order. */
export function rolesOf(networks: readonly AnyNetwork[]): Role[] {
  const roles: Role[] = [];
  for (const [net, n] of networks.entries()) {
    const port = n.port as CapitalPort<unknown, unknown> | undefined;
    if (!port) continue;
    for (const name of port.roles) roles.push({ net, port, name, skill: port.skill?.(name) });
  }
  return roles;
}

interface Shard {
  readonly roles: readonly Role[];
  readonly skillNames: readonly string[];
  readonly frictionNames: readonly string[];
  readonly rng: RandomStream;
  readonly n: number;
  readonly kind: Uint8Array;
  readonly skills: Uint32Array;
  readonly capital0: Float64Array;
  readonly decile: Uint8Array;
  readonly cash: Float64Array;
  readonly riskAversion: Float64Array;
  readonly hurdle: Float64Array;
  readonly homeNet: Int32Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly seen: Uint8Array;
  readonly slotRole: Int32Array;
  readonly slotPos: Int32Array;
  readonly slotState: Uint8Array;
  readonly slotTarget: Int32Array;
  readonly phase: Float64Array;
  readonly reviews: Int32Array;
  readonly switches: Int32Array;
  readonly frictionsClosed: Float64Array;
  readonly frictionsByNameClosed: Float64Array;
  readonly earningsClosed: Float64Array;
}

/** Φ, the standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7): deciles of capital by the known law. */
function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp((-z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** The layout of the totals a shard posts (the market sums them in shard order). */
function layout(nets: number, roleNames: readonly string[], frictions: number) {
  const base = ['capital_usd', 'cash_usd', 'active_usd', 'in_transit_usd', 'withdrawable_usd', 'friction_paid_usd', 'earnings_usd', 'role_switches'];
  let at = base.length;
  const byNetwork = at;
  at += nets;
  const byRole = at;
  at += roleNames.length;
  const byFriction = at;
  at += frictions;
  // Per kind: Σ annual return, count; pan-miners by decile of capital: Σ return, count.
  const returns = at;
  at += 2 * KINDS.length;
  const deciles = at;
  at += 20;
  return { base, byNetwork, byRole, byFriction, returns, deciles, size: at };
}

/** The columns the investors report (after the world's `world_investors_` prefix), with their documentation. */
export function panMinerMetrics(networks: readonly string[], roleNames: readonly string[], frictionNames: readonly string[]): Record<string, string> {
  const docs: Record<string, string> = {
    capital_usd: 'All investors’ holdings: cash + active + in transit + withdrawable, USD',
    cash_usd: 'Investors’ cash in no network, USD',
    active_usd: 'Capital working in a role, USD',
    in_transit_usd: 'Capital on its way out of a role (unbonding, delays, resale), USD',
    withdrawable_usd: 'Capital released by a network and not yet collected, USD',
    friction_paid_usd: 'Everything lost to named frictions so far (fees, gas, hardware resold at a loss), USD',
    earnings_usd: 'Everything earned in roles so far, USD',
    role_switches: 'Moves from one role to another so far',
  };
  for (const n of networks) docs[`capital_by_network_${n}`] = `Investors’ capital in network ${n} (active, in transit or withdrawable), USD`;
  for (const r of roleNames) docs[`capital_by_role_${r}`] = `Investors’ capital in the role ${r}, across networks, USD`;
  for (const f of frictionNames) docs[`friction_${f}_usd`] = `Lost to the friction ${f} so far, USD`;
  docs.pan_miner_return_annual = 'Mean annualised return of pan-miners on their starting capital, USD terms';
  docs.bound_return_annual = 'Mean annualised return of network-bound participants, USD terms';
  docs.passive_return_annual = 'Mean annualised return of passive holders, USD terms';
  for (let d = 1; d <= 10; d++)
    docs[`pan_miner_return_annual_d${String(d).padStart(2, '0')}`] = `Mean annualised return of pan-miners in decile ${d} of capital`;
  return docs;
}

/** The role names the ports of a world offer, deduplicated in order: they name the `capital_by_role_<role>` columns. */
export function roleNamesOf(networks: readonly AnyNetwork[]): string[] {
  return [...new Set(rolesOf(networks).map((r) => r.name))];
}

export function panMiners(o: PanMinerOptions): WorldAgents<Shard, Float64Array> {
  if (!Number.isInteger(o.investors) || o.investors < 0) throw new ConfigError('investors', o.investors, 'allowed: an integer ≥ 0');
  for (const [field, v] of [
    ['panMinerShare', o.panMinerShare],
    ['boundShare', o.boundShare],
  ] as const)
    if (!(v >= 0 && v <= 1)) throw new ConfigError(field, v, 'allowed: a share from 0 to 1');
  if (!Number.isInteger(o.maxRoles) || o.maxRoles < 1) throw new ConfigError('maxRoles', o.maxRoles, 'allowed: an integer ≥ 1');
  if (!(o.reviewEveryS > 0)) throw new ConfigError('reviewEveryS', o.reviewEveryS, 'allowed: a positive number of seconds');
  if (!(o.memoryReviews >= 1)) throw new ConfigError('memoryReviews', o.memoryReviews, 'allowed: a number ≥ 1');
  const M = o.maxRoles;
  const alpha = 1 / o.memoryReviews;
  const describe = (networks: readonly AnyNetwork[]) => {
    const roles = rolesOf(networks);
    const roleNames = [...new Set(roles.map((r) => r.name))];
    const frictionNames = frictionNamesOf(roles.map((r) => r.port));
    return { roles, roleNames, frictionNames, L: layout(networks.length, roleNames, frictionNames.length) };
  };

  return {
    name: 'investors',
    createShard(ctx, networks) {
      const { roles, frictionNames } = describe(networks);
      const skillNames = [...new Set(roles.map((r) => r.skill).filter((s): s is string => s !== undefined))].sort();
      const n = Math.floor(o.investors / ctx.count) + (ctx.index < o.investors % ctx.count ? 1 : 0);
      const rng = ctx.stream('pan-miners');
      const R = roles.length;
      const s: Shard = {
        roles,
        skillNames,
        frictionNames,
        rng,
        n,
        kind: new Uint8Array(n),
        skills: new Uint32Array(n),
        capital0: new Float64Array(n),
        decile: new Uint8Array(n),
        cash: new Float64Array(n),
        riskAversion: new Float64Array(n),
        hurdle: new Float64Array(n),
        homeNet: new Int32Array(n),
        mean: new Float64Array(n * R),
        variance: new Float64Array(n * R),
        seen: new Uint8Array(n * R),
        slotRole: new Int32Array(n * M).fill(-1),
        slotPos: new Int32Array(n * M).fill(-1),
        slotState: new Uint8Array(n * M),
        slotTarget: new Int32Array(n * M).fill(-1),
        phase: new Float64Array(n),
        reviews: new Int32Array(n),
        switches: new Int32Array(n),
        frictionsClosed: new Float64Array(n),
        frictionsByNameClosed: new Float64Array(n * frictionNames.length),
        earningsClosed: new Float64Array(n),
      };
      const withPort = [...new Set(roles.map((r) => r.net))];
      for (let j = 0; j < n; j++) {
        const u = rng.next();
        s.kind[j] = u < o.panMinerShare ? PAN : u < o.panMinerShare + (1 - o.panMinerShare) * o.boundShare ? BOUND : PASSIVE;
        const z = rng.normal();
        s.capital0[j] = o.capitalUsd * Math.exp(o.capitalSigma * z);
        s.decile[j] = Math.min(9, Math.floor(10 * normalCdf(z)));
        s.cash[j] = s.capital0[j]!;
        for (const [k, skill] of skillNames.entries()) if (rng.next() < (o.skills[skill] ?? 0)) s.skills[j]! |= 1 << k;
        s.riskAversion[j] = o.riskAversion * Math.exp(o.heterogeneity * rng.normal());
        s.hurdle[j] = o.hurdleAnnual * Math.exp(o.heterogeneity * rng.normal());
        s.homeNet[j] = withPort.length > 0 ? withPort[rng.int(withPort.length)]! : -1;
        s.phase[j] = rng.next() * o.reviewEveryS;
      }
      return s;
    },

    stepShard(s, window, view, parts, pubs) {
      const { roles, frictionNames } = s;
      const R = roles.length;
      const F = frictionNames.length;
      const L = layout(parts.length, [...new Set(roles.map((r) => r.name))], F);
      const roleNames = [...new Set(roles.map((r) => r.name))];
      const totals = new Float64Array(L.size);
      const partOf = (r: number) => parts[roles[r]!.net];
      const pubOf = (r: number) => pubs[roles[r]!.net];
      // What every investor of the shard observes this window (each perceives it with its own noise).
      let observed: Float64Array | undefined;
      const observe = () => {
        observed ??= Float64Array.from(roles, (role, r) => role.port.observedReturn(partOf(r), role.name, pubOf(r), view));
        return observed;
      };
      const years = view.t / SECONDS_PER_YEAR;

      for (let j = 0; j < s.n; j++) {
        settle(s, j, M, partOf, pubOf, view);
        if (view.t >= s.phase[j]! + s.reviews[j]! * o.reviewEveryS) {
          s.reviews[j]!++;
          const obs = observe();
          for (let r = 0; r < R; r++) {
            const x = obs[r]! + o.noiseAnnual * s.rng.normal();
            const k = j * R + r;
            if (!s.seen[k]) {
              s.seen[k] = 1;
              s.mean[k] = x;
              s.variance[k] = 0;
            } else {
              const d = x - s.mean[k]!;
              s.mean[k]! += alpha * d;
              s.variance[k] = (1 - alpha) * (s.variance[k]! + alpha * d * d);
            }
          }
          review(s, j, o, M, partOf, pubOf, view);
        }
        enterWithCash(s, j, M, partOf, pubOf, view);
        // Where every unit is.
        let active = 0;
        let transit = 0;
        let withdrawable = 0;
        let frictions = s.frictionsClosed[j]!;
        let earnings = s.earningsClosed[j]!;
        for (let f = 0; f < F; f++) totals[L.byFriction + f]! += s.frictionsByNameClosed[j * F + f]!;
        for (let m = 0; m < M; m++) {
          const slot = j * M + m;
          if (s.slotState[slot] === FREE) continue;
          const r = s.slotRole[slot]!;
          const role = roles[r]!;
          const v = role.port.value(partOf(r), s.slotPos[slot]!, pubOf(r), view);
          const held = v.activeUsd + v.inTransitUsd + v.withdrawableUsd;
          active += v.activeUsd;
          transit += v.inTransitUsd;
          withdrawable += v.withdrawableUsd;
          for (const [name, usd] of Object.entries(role.port.frictions(partOf(r), s.slotPos[slot]!))) {
            frictions += usd;
            totals[L.byFriction + frictionNames.indexOf(name)]! += usd;
          }
          earnings += role.port.earnings(partOf(r), s.slotPos[slot]!, pubOf(r), view);
          totals[L.byNetwork + role.net]! += held;
          totals[L.byRole + roleNames.indexOf(role.name)]! += held;
        }
        const holdings = s.cash[j]! + active + transit + withdrawable;
        totals[0]! += holdings;
        totals[1]! += s.cash[j]!;
        totals[2]! += active;
        totals[3]! += transit;
        totals[4]! += withdrawable;
        totals[5]! += frictions;
        totals[6]! += earnings;
        totals[7]! += s.switches[j]!;
        if (window.sample && years > 0) {
          const ret = (holdings / s.capital0[j]!) ** (1 / years) - 1;
          const kind = s.kind[j]!;
          totals[L.returns + 2 * kind]! += ret;
          totals[L.returns + 2 * kind + 1]! += 1;
          if (kind === PAN) {
            totals[L.deciles + 2 * s.decile[j]!]! += ret;
            totals[L.deciles + 2 * s.decile[j]! + 1]! += 1;
          }
        }
      }
      return totals;
    },

    createMarket(_ctx, networks) {
      const { roleNames, frictionNames, L } = describe(networks);
      // Before the first window nothing has been counted (capital is drawn in the shards): every column is NaN.
      let sums = new Float64Array(L.size).fill(Number.NaN);
      const mean = (at: number) => (sums[at + 1]! > 0 ? sums[at]! / sums[at + 1]! : Number.NaN);
      return {
        clear(orders) {
          sums = new Float64Array(L.size);
          for (const x of orders) for (let k = 0; k < x.length; k++) sums[k]! += x[k]!;
        },
        sample() {
          const out: Record<string, number> = {};
          L.base.forEach((name, k) => {
            out[name] = sums[k]!;
          });
          networks.forEach((n, k) => {
            out[`capital_by_network_${n.name}`] = sums[L.byNetwork + k]!;
          });
          roleNames.forEach((r, k) => {
            out[`capital_by_role_${r}`] = sums[L.byRole + k]!;
          });
          frictionNames.forEach((f, k) => {
            out[`friction_${f}_usd`] = sums[L.byFriction + k]!;
          });
          out.pan_miner_return_annual = mean(L.returns + 2 * PAN);
          out.bound_return_annual = mean(L.returns + 2 * BOUND);
          out.passive_return_annual = mean(L.returns + 2 * PASSIVE);
          for (let d = 0; d < 10; d++) out[`pan_miner_return_annual_d${String(d + 1).padStart(2, '0')}`] = mean(L.deciles + 2 * d);
          return out;
        },
      };
    },
  };
}

type Access = (r: number) => unknown;

/**
 * Positions pay out what their network releases (a leaving position's capital, a refused entry's refund, change); a
 * closed one frees its slot and books its frictions and earnings.
 */
function settle(s: Shard, j: number, M: number, partOf: Access, pubOf: Access, view: WorldView): void {
  const F = s.frictionNames.length;
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] === FREE) continue;
    const r = s.slotRole[slot]!;
    const port = s.roles[r]!.port;
    const pos = s.slotPos[slot]!;
    if (port.value(partOf(r), pos, pubOf(r), view).withdrawableUsd > 0) s.cash[j]! += port.collect(partOf(r), pos, pubOf(r), view);
    if (!port.value(partOf(r), pos, pubOf(r), view).closed) continue;
    for (const [name, usd] of Object.entries(port.frictions(partOf(r), pos))) {
      s.frictionsClosed[j]! += usd;
      s.frictionsByNameClosed[j * F + s.frictionNames.indexOf(name)]! += usd;
    }
    s.earningsClosed[j]! += port.earnings(partOf(r), pos, pubOf(r), view);
    s.slotState[slot] = FREE;
    s.slotRole[slot] = -1;
    s.slotPos[slot] = -1;
  }
}

/** Whether investor j may take role r: its skill, and for bound and passive investors their own network. */
function eligible(s: Shard, j: number, r: number): boolean {
  const role = s.roles[r]!;
  const kind = s.kind[j]!;
  if (kind !== PAN && role.net !== s.homeNet[j]) return false;
  if (role.skill === undefined) return true;
  if (kind === PASSIVE) return false;
  const k = s.skillNames.indexOf(role.skill);
  return k >= 0 && (s.skills[j]! & (1 << k)) !== 0;
}

/** The score of role r for investor j: believed mean return less risk aversion × believed variance. */
const score = (s: Shard, j: number, r: number) => s.mean[j * s.roles.length + r]! - s.riskAversion[j]! * s.variance[j * s.roles.length + r]!;

/**
 * A review: for each held role, the best eligible role not held replaces it when the gain in score over
 * `holdingYears` beats the switching cost both ports estimate (exit of the held, entry into the new) as a share of
 * the position; free slots are promised to the best roles above the hurdle. Passive investors pick once and keep it.
 */
export function review(s: Shard, j: number, o: PanMinerOptions, M: number, partOf: Access, pubOf: Access, view: WorldView): void {
  const R = s.roles.length;
  const held = new Set<number>();
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE) held.add(s.slotRole[slot]!);
    if (s.slotTarget[slot]! >= 0) held.add(s.slotTarget[slot]!);
  }
  const ranked: number[] = [];
  for (let r = 0; r < R; r++) if (eligible(s, j, r)) ranked.push(r);
  ranked.sort((a, b) => score(s, j, b) - score(s, j, a) || a - b);
  if (s.kind[j] === PASSIVE) {
    if (held.size === 0 && ranked.length > 0) s.slotTarget[j * M] = ranked[0]!;
    return;
  }
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== HELD) continue;
    const a = s.slotRole[slot]!;
    const b = ranked.find((r) => !held.has(r));
    if (b === undefined) continue;
    const va = s.roles[a]!.port.value(partOf(a), s.slotPos[slot]!, pubOf(a), view);
    const value = va.activeUsd + va.inTransitUsd + va.withdrawableUsd;
    if (!(value > 0)) continue;
    const exit = s.roles[a]!.port.switchingCost?.(partOf(a), s.roles[a]!.name, value, pubOf(a), view);
    const entry = s.roles[b]!.port.switchingCost?.(partOf(b), s.roles[b]!.name, value, pubOf(b), view);
    const cost = ((exit?.exitUsd ?? 0) + (entry?.entryUsd ?? 0)) / value;
    const gain = (score(s, j, b) - Math.max(score(s, j, a), s.hurdle[j]!)) * o.holdingYears;
    if (gain > cost) {
      s.roles[a]!.port.exit(partOf(a), s.slotPos[slot]!, pubOf(a), view);
      s.slotState[slot] = LEAVING;
      s.slotTarget[slot] = b;
      held.add(b);
      s.switches[j]!++;
    } else if (score(s, j, a) < s.hurdle[j]!) {
      // Nothing better worth the move, and the role no longer clears the hurdle: leave it for cash.
      s.roles[a]!.port.exit(partOf(a), s.slotPos[slot]!, pubOf(a), view);
      s.slotState[slot] = LEAVING;
      s.slotTarget[slot] = -1;
      s.switches[j]!++;
    }
  }
  // Free slots without a promise take the best roles above the hurdle not yet held.
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE || s.slotTarget[slot]! >= 0) continue;
    const b = ranked.find((r) => !held.has(r) && score(s, j, r) > s.hurdle[j]!);
    if (b === undefined) break;
    s.slotTarget[slot] = b;
    held.add(b);
  }
}

/** Cash goes into the roles promised to free slots, split evenly among them; a refused entry leaves it in cash. */
function enterWithCash(s: Shard, j: number, M: number, partOf: Access, pubOf: Access, view: WorldView): void {
  if (!(s.cash[j]! > 0)) return;
  let waiting = 0;
  for (let m = 0; m < M; m++) if (s.slotState[j * M + m] === FREE && s.slotTarget[j * M + m]! >= 0) waiting++;
  if (waiting === 0) return;
  const each = s.cash[j]! / waiting;
  for (let m = 0; m < M; m++) {
    const slot = j * M + m;
    if (s.slotState[slot] !== FREE || s.slotTarget[slot]! < 0) continue;
    const r = s.slotTarget[slot]!;
    const pos = s.roles[r]!.port.enter(partOf(r), { role: s.roles[r]!.name, capitalUsd: each, target: -1 }, pubOf(r), view);
    if (pos < 0) {
      s.slotTarget[slot] = -1; // refused: the next review decides again
      continue;
    }
    s.cash[j]! -= each;
    s.slotState[slot] = HELD;
    s.slotRole[slot] = r;
    s.slotPos[slot] = pos;
    s.slotTarget[slot] = -1;
  }
}
