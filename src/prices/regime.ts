import { ConfigError } from '../core/errors.ts';
import { checkFinite, checkNonNegative, checkPositive } from './gbm.ts';
import type { PriceProcess } from './process.ts';

export interface Regime {
  /** Name for labels (`bull`, `bear`). */
  readonly name: string;
  readonly muAnnual: number;
  readonly sigmaAnnual: number;
  /** Rate of leaving this regime, per year (mean stay 1/rate years). */
  readonly leavePerYear: number;
}

export interface RegimeOptions {
  readonly initial: number;
  /** Two or more regimes; leaving regime i goes to regime (i + 1) mod n, so two regimes alternate. */
  readonly regimes: readonly Regime[];
  /** The regime at t = 0 (index; default 0). */
  readonly start?: number;
}

/**
 * Regime switching (Hamilton 1989, in continuous time): a GBM whose drift and volatility are those of the current
 * regime; at each step the regime is left with probability 1 − e^{−rate·Δt} (from the asset's own stream), to the
 * next regime in the list. Within a regime the step is GBM's exact step.
 */
export function regimeSwitching(o: RegimeOptions): PriceProcess {
  const initial = checkPositive('regime.initial', o.initial);
  if (!Array.isArray(o.regimes) || o.regimes.length < 2) throw new ConfigError('regime.regimes', o.regimes?.length ?? 0, 'allowed: two or more regimes');
  const regimes = o.regimes.map((r, i) => ({
    name: r.name,
    mu: checkFinite(`regime.regimes[${i}].muAnnual`, r.muAnnual),
    sigma: checkNonNegative(`regime.regimes[${i}].sigmaAnnual`, r.sigmaAnnual),
    leave: checkNonNegative(`regime.regimes[${i}].leavePerYear`, r.leavePerYear),
  }));
  const first = o.start ?? 0;
  if (!Number.isInteger(first) || first < 0 || first >= regimes.length)
    throw new ConfigError('regime.start', first, `allowed: an index from 0 to ${regimes.length - 1}`);
  return {
    label: `regime(initial=${initial}, ${regimes.map((r) => `${r.name}: mu=${r.mu} sigma=${r.sigma} leave=${r.leave}/yr`).join('; ')})`,
    initial,
    diffusive: true,
    start: (rng) => {
      let current = first;
      return {
        step(price, dt, z) {
          const r = regimes[current]!;
          const next = price * Math.exp((r.mu - (r.sigma * r.sigma) / 2) * dt + r.sigma * Math.sqrt(dt) * z);
          if (rng.next() < 1 - Math.exp(-r.leave * dt)) current = (current + 1) % regimes.length;
          return next;
        },
      };
    },
  };
}
