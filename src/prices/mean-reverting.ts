import { checkFinite, checkNonNegative, checkPositive } from './gbm.ts';
import type { PriceProcess } from './process.ts';

export interface MeanRevertingOptions {
  /** Value at t = 0 (for gas: gwei). */
  readonly initial: number;
  /** Long-run level the log value reverts to: log x reverts to log(level). */
  readonly level: number;
  /** Half-life of a deviation of log x from log(level), in hours. */
  readonly halfLifeHours: number;
  /** Volatility σ of log x per √year. */
  readonly sigmaAnnual: number;
  /** Spikes per year (Poisson): sudden congestion. */
  readonly spikesPerYear: number;
  /** Mean and sd of a spike's size in log x (log 5 ≈ 1.6: a spike multiplies the value by about 5). */
  readonly spikeLogMean: number;
  readonly spikeLogSd: number;
}

/**
 * A mean-reverting log process with spikes, for quantities with a normal level and bursts, such as a network's gas
 * price: y = log x follows an Ornstein–Uhlenbeck process towards log(level), stepped exactly (Glasserman 2003,
 * §3.3.1): y ← m + (y − m)·e^{−κΔt} + σ·√((1 − e^{−2κΔt}) / 2κ)·z, with κ = ln 2 / half-life; then N ~ Poisson(λΔt)
 * spikes add J ~ N(μ_J, s_J²) each to y, which decay back to the level with the same half-life. Stationary without
 * spikes: y ~ N(m, σ²/2κ). Spikes come from the asset's own stream; the diffusion shock is the world's correlated one.
 */
export function meanRevertingLog(o: MeanRevertingOptions): PriceProcess {
  const initial = checkPositive('meanRevertingLog.initial', o.initial);
  const level = checkPositive('meanRevertingLog.level', o.level);
  const halfLife = checkPositive('meanRevertingLog.halfLifeHours', o.halfLifeHours);
  const sigma = checkNonNegative('meanRevertingLog.sigmaAnnual', o.sigmaAnnual);
  const lambda = checkNonNegative('meanRevertingLog.spikesPerYear', o.spikesPerYear);
  const jm = checkFinite('meanRevertingLog.spikeLogMean', o.spikeLogMean);
  const js = checkNonNegative('meanRevertingLog.spikeLogSd', o.spikeLogSd);
  const kappa = Math.LN2 / (halfLife / (365.25 * 24));
  const m = Math.log(level);
  return {
    label: `meanRevertingLog(initial=${initial}, level=${level}, halfLifeHours=${halfLife}, sigma=${sigma}, spikesPerYear=${lambda}, spikeLogMean=${jm}, spikeLogSd=${js})`,
    initial,
    diffusive: true,
    start: (rng) => ({
      step(value, dt, z) {
        const decay = Math.exp(-kappa * dt);
        let y = m + (Math.log(value) - m) * decay + sigma * Math.sqrt((1 - decay * decay) / (2 * kappa)) * z;
        const spikes = rng.poisson(lambda * dt);
        for (let k = 0; k < spikes; k++) y += rng.normal(jm, js);
        return Math.exp(y);
      },
    }),
  };
}
