import { ConfigError } from '../core/errors.ts';
import { checkFinite, checkNonNegative, checkPositive } from './gbm.ts';
import type { PriceProcess } from './process.ts';

export interface ScheduledCrashOptions {
  readonly initial: number;
  /** Drift and volatility of the GBM around the crash (per year, per √year). */
  readonly muAnnual: number;
  readonly sigmaAnnual: number;
  /** Fall of the price over the crash, as a fraction (0.5: the price halves). */
  readonly crashSize: number;
  /** When the crash starts and how long it lasts, in hours from t = 0. */
  readonly crashAtHours: number;
  readonly crashHours: number;
}

/**
 * A geometric Brownian motion with a scheduled crash: on top of the GBM's exact step, the log price falls by
 * −ln(1 − crashSize) spread evenly over [crashAt, crashAt + crashHours] (linear in log price), so a stress test can
 * put the same crash, of a chosen size and speed, in every replicate while the noise around it differs.
 */
export function scheduledCrash(o: ScheduledCrashOptions): PriceProcess {
  const initial = checkPositive('scheduledCrash.initial', o.initial);
  const mu = checkFinite('scheduledCrash.muAnnual', o.muAnnual);
  const sigma = checkNonNegative('scheduledCrash.sigmaAnnual', o.sigmaAnnual);
  if (!(o.crashSize >= 0 && o.crashSize < 1)) throw new ConfigError('scheduledCrash.crashSize', o.crashSize, 'allowed: a fraction from 0 to below 1');
  const at = checkNonNegative('scheduledCrash.crashAtHours', o.crashAtHours) * 3600;
  const length = checkPositive('scheduledCrash.crashHours', o.crashHours) * 3600;
  const totalLog = -Math.log(1 - o.crashSize);
  /** Share of the crash done by time t (seconds). */
  const done = (t: number) => Math.min(1, Math.max(0, (t - at) / length));
  return {
    label: `scheduledCrash(initial=${initial}, mu=${mu}, sigma=${sigma}, crashSize=${o.crashSize}, at=${o.crashAtHours}h, over=${o.crashHours}h)`,
    initial,
    diffusive: true,
    start: () => ({
      step(price, dt, z, tS) {
        const dtS = dt * 365.25 * 86_400;
        const fall = totalLog * (done(tS) - done(tS - dtS));
        return price * Math.exp((mu - (sigma * sigma) / 2) * dt + sigma * Math.sqrt(dt) * z - fall);
      },
    }),
  };
}
