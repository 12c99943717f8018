import { checkFinite, checkNonNegative, checkPositive, type GbmOptions } from './gbm.ts';
import type { PriceProcess } from './process.ts';

export interface MertonOptions extends GbmOptions {
  /** λ, jumps per year (Poisson). */
  readonly jumpsPerYear: number;
  /** Mean m of a jump's log size (−0.3 is a typical 26 % crash). */
  readonly jumpLogMean: number;
  /** Sd s of a jump's log size. */
  readonly jumpLogSd: number;
}

/**
 * Merton's jump-diffusion (Merton 1976): the GBM step plus N ~ Poisson(λΔt) jumps of log size J ~ N(m, s²),
 * with the drift compensated by λκ, κ = E[e^J − 1] = e^{m + s²/2} − 1, so μ stays the total expected return:
 * log S ← log S + (μ − σ²/2 − λκ)Δt + σ√Δt·z + ΣJ. Jumps come from the asset's own stream, so they are not
 * correlated across assets (a common crash is a correlated factor's job).
 */
export function merton(o: MertonOptions): PriceProcess {
  const initial = checkPositive('merton.initial', o.initial);
  const mu = checkFinite('merton.muAnnual', o.muAnnual);
  const sigma = checkNonNegative('merton.sigmaAnnual', o.sigmaAnnual);
  const lambda = checkNonNegative('merton.jumpsPerYear', o.jumpsPerYear);
  const m = checkFinite('merton.jumpLogMean', o.jumpLogMean);
  const s = checkNonNegative('merton.jumpLogSd', o.jumpLogSd);
  const kappa = Math.exp(m + (s * s) / 2) - 1;
  const drift = mu - (sigma * sigma) / 2 - lambda * kappa;
  return {
    label: `merton(initial=${initial}, mu=${mu}, sigma=${sigma}, jumpsPerYear=${lambda}, jumpLogMean=${m}, jumpLogSd=${s})`,
    initial,
    diffusive: true,
    start: (rng) => ({
      step(price, dt, z) {
        let logReturn = drift * dt + sigma * Math.sqrt(dt) * z;
        const jumps = rng.poisson(lambda * dt);
        for (let k = 0; k < jumps; k++) logReturn += rng.normal(m, s);
        return price * Math.exp(logReturn);
      },
    }),
  };
}
