import { ConfigError } from '../core/errors.ts';
import type { AnyNetwork } from '../engine/network.ts';
import type { WorldAgents } from '../engine/world.ts';
import { enterWithCash, review, settle } from './pan-miner-decisions.ts';
import { BOUND, FREE, KINDS, PAN, PASSIVE, type PanMinerOptions, type PanMinerShard, rolesOf, SECONDS_PER_YEAR } from './pan-miner-state.ts';
import { frictionNamesOf } from './yield-chaser.ts';

export type { PanMinerOptions } from './pan-miner-state.ts';
export { roleNamesOf, rolesOf } from './pan-miner-state.ts';

/** Φ, the standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7): deciles of capital by the known law. */
function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp((-z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** The layout of the totals a shard posts (the market sums them in shard order). */
function layout(nets: number, roleNames: readonly string[], frictions: number) {
  const base = ['capital_usd', 'cash_usd', 'active_usd', 'in_transit_usd', 'withdrawable_usd', 'friction_paid_usd', 'earnings_usd', 'role_switches', 'ruined'];
  let at = base.length;
  const byNetwork = at;
  at += nets;
  const byRole = at;
  at += roleNames.length;
  const byFriction = at;
  at += frictions;
  // Per kind: Σ annual return, count, Σ return²; pan-miners by decile of capital: Σ return, count.
  const returns = at;
  at += 3 * KINDS.length;
  const deciles = at;
  at += 20;
  // Per kind: a histogram of log growth ln(holdings / capital) for the median (sums of counts add across shards).
  const histogram = at;
  at += KINDS.length * GROWTH_BINS;
  return { base, byNetwork, byRole, byFriction, returns, deciles, histogram, size: at };
}

/**
 * The histogram of log growth behind the medians: bins GROWTH_STEP wide centred on its multiples from −GROWTH_LIMIT
 * to +GROWTH_LIMIT (a fall of 99 % to a rise of ×100 over the run; beyond, the end bins), so a median is exact to half
 * a bin, 0.5 % of growth, and capital that did not move (growth 0) sits at the centre of its bin.
 */
const GROWTH_LIMIT = 4.6;
const GROWTH_STEP = 0.01;
const GROWTH_HALF = Math.round(GROWTH_LIMIT / GROWTH_STEP);
const GROWTH_BINS = 2 * GROWTH_HALF + 1;
const growthBin = (g: number) => Math.min(GROWTH_BINS - 1, Math.max(0, Math.round(g / GROWTH_STEP) + GROWTH_HALF));

/** The median of a histogram's log growth (the centre of the bin where the cumulative count passes half), NaN if empty. */
function histogramMedian(sums: Float64Array, at: number): number {
  let n = 0;
  for (let b = 0; b < GROWTH_BINS; b++) n += sums[at + b]!;
  if (!(n > 0)) return Number.NaN;
  let c = 0;
  for (let b = 0; b < GROWTH_BINS; b++) {
    c += sums[at + b]!;
    if (c >= n / 2) return (b - GROWTH_HALF) * GROWTH_STEP;
  }
  return Number.NaN;
}

/** What a shard posts in a window that is not a sample: nothing (its totals are only read at samples). */
const EMPTY = new Float64Array(0);

/** A role's name as a column suffix: snake_case (Maker's `auction-keeper` is `auction_keeper`). */
export const roleColumn = (role: string): string => role.replace(/[^a-z0-9_]/g, '_');

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
    ruined: 'Investors whose holdings are at or below zero: running costs (bots, hosting) beyond their capital; their return counts as −1',
  };
  for (const n of networks) docs[`capital_by_network_${n}`] = `Investors’ capital in network ${n} (active, in transit or withdrawable), USD`;
  for (const r of roleNames) docs[`capital_by_role_${roleColumn(r)}`] = `Investors’ capital in the role ${r}, across networks, USD`;
  for (const f of frictionNames) docs[`friction_${f}_usd`] = `Lost to the friction ${f} so far, USD`;
  docs.pan_miner_return_annual = 'Mean annualised return of pan-miners on their starting capital, USD terms';
  docs.bound_return_annual = 'Mean annualised return of network-bound participants, USD terms';
  docs.passive_return_annual = 'Mean annualised return of passive holders, USD terms';
  for (const k of KINDS)
    docs[`${k}_return_median`] =
      `Median annualised return of ${k.replace('_', '-')} investors (robust to the few windfalls that move the mean; exact to 0.5 % of growth)`;
  for (const k of KINDS)
    docs[`${k}_return_sd`] =
      `Standard deviation of the annualised return across ${k.replace('_', '-')} investors of the run (the risk an investor of the kind bears)`;
  for (let d = 1; d <= 10; d++)
    docs[`pan_miner_return_annual_d${String(d).padStart(2, '0')}`] = `Mean annualised return of pan-miners in decile ${d} of capital`;
  return docs;
}

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
export function panMiners(o: PanMinerOptions): WorldAgents<PanMinerShard, Float64Array> {
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
      const s: PanMinerShard = {
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
        const due = view.t >= s.phase[j]! + s.reviews[j]! * o.reviewEveryS;
        // Leaving positions are settled every window (their capital comes back as soon as it is released); held ones
        // at reviews and samples, which is when an investor looks (and what keeps a world window cheap).
        settle(s, j, M, partOf, pubOf, view, due || window.sample === true);
        if (due) {
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
        if (!window.sample) continue;
        // Where every unit is (counted at samples only: the market reads it then).
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
        if (holdings <= 0) totals[8]! += 1;
        if (window.sample && years > 0) {
          // Holdings at or below zero: running costs took more than the capital; a total loss (the power is undefined).
          const ret = holdings > 0 ? (holdings / s.capital0[j]!) ** (1 / years) - 1 : -1;
          const kind = s.kind[j]!;
          totals[L.returns + 3 * kind]! += ret;
          totals[L.returns + 3 * kind + 1]! += 1;
          totals[L.returns + 3 * kind + 2]! += ret * ret;
          totals[L.histogram + kind * GROWTH_BINS + growthBin(holdings > 0 ? Math.log(holdings / s.capital0[j]!) : -Infinity)]! += 1;
          if (kind === PAN) {
            totals[L.deciles + 2 * s.decile[j]!]! += ret;
            totals[L.deciles + 2 * s.decile[j]! + 1]! += 1;
          }
        }
      }
      return window.sample ? totals : EMPTY;
    },

    createMarket(_ctx, networks) {
      const { roleNames, frictionNames, L } = describe(networks);
      // Before the first window nothing has been counted (capital is drawn in the shards): every column is NaN.
      let sums = new Float64Array(L.size).fill(Number.NaN);
      const mean = (at: number) => (sums[at + 1]! > 0 ? sums[at]! / sums[at + 1]! : Number.NaN);
      return {
        clear(orders) {
          // Shards count only in sample windows (see stepShard); the sums of the last one stand until the next.
          if (orders.length === 0 || orders[0]!.length === 0) return;
          sums = new Float64Array(L.size);
          for (const x of orders) for (let k = 0; k < x.length; k++) sums[k]! += x[k]!;
        },
        sample(t) {
          const out: Record<string, number> = {};
          L.base.forEach((name, k) => {
            out[name] = sums[k]!;
          });
          networks.forEach((n, k) => {
            out[`capital_by_network_${n.name}`] = sums[L.byNetwork + k]!;
          });
          roleNames.forEach((r, k) => {
            out[`capital_by_role_${roleColumn(r)}`] = sums[L.byRole + k]!;
          });
          frictionNames.forEach((f, k) => {
            out[`friction_${f}_usd`] = sums[L.byFriction + k]!;
          });
          out.pan_miner_return_annual = mean(L.returns + 3 * PAN);
          out.bound_return_annual = mean(L.returns + 3 * BOUND);
          out.passive_return_annual = mean(L.returns + 3 * PASSIVE);
          KINDS.forEach((k, kind) => {
            const at = L.returns + 3 * kind;
            const n = sums[at + 1]!;
            const g = histogramMedian(sums, L.histogram + kind * GROWTH_BINS);
            out[`${k}_return_median`] = Math.exp(g / (t / SECONDS_PER_YEAR)) - 1;
            out[`${k}_return_sd`] = n > 1 ? Math.sqrt(Math.max(0, (sums[at + 2]! - (sums[at]! * sums[at]!) / n) / (n - 1))) : Number.NaN;
          });
          for (let d = 0; d < 10; d++) out[`pan_miner_return_annual_d${String(d + 1).padStart(2, '0')}`] = mean(L.deciles + 2 * d);
          return out;
        },
      };
    },
  };
}
