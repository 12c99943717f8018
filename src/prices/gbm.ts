import { ConfigError } from '../core/errors.ts';
import type { PriceProcess } from './process.ts';

export interface GbmOptions {
  /** Price at t = 0, USD per unit. */
  readonly initial: number;
  /** Drift μ per year: E[S_t] = S_0·e^{μt}. */
  readonly muAnnual: number;
  /** Volatility σ per √year of the log price. */
  readonly sigmaAnnual: number;
}

export function checkPositive(field: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new ConfigError(field, v, 'allowed: a positive finite number');
  return v;
}

export function checkNonNegative(field: string, v: number): number {
  if (!(v >= 0) || !Number.isFinite(v)) throw new ConfigError(field, v, 'allowed: a finite number ≥ 0');
  return v;
}

export function checkFinite(field: string, v: number): number {
  if (!Number.isFinite(v)) throw new ConfigError(field, v, 'allowed: a finite number');
  return v;
}

/**
 * Geometric Brownian motion, stepped exactly: S ← S·exp((μ − σ²/2)Δt + σ√Δt·z). Log-returns over a step are
 * normal with mean (μ − σ²/2)Δt and sd σ√Δt, whatever the step (Glasserman 2003, §3.2.1).
 */
export function gbm(o: GbmOptions): PriceProcess {
  const initial = checkPositive('gbm.initial', o.initial);
  const mu = checkFinite('gbm.muAnnual', o.muAnnual);
  const sigma = checkNonNegative('gbm.sigmaAnnual', o.sigmaAnnual);
  return {
    label: `gbm(initial=${initial}, mu=${mu}, sigma=${sigma})`,
    initial,
    diffusive: true,
    start: () => ({ step: (price, dt, z) => price * Math.exp((mu - (sigma * sigma) / 2) * dt + sigma * Math.sqrt(dt) * z) }),
  };
}
