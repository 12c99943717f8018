import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/engine/model.ts';
import { streamOf } from '../../src/engine/rng.ts';
import { meanRevertingLog } from '../../src/prices/mean-reverting.ts';
import { prices } from '../../src/prices/price-model.ts';
import { scheduledCrash } from '../../src/prices/scheduled-crash.ts';

const ctx = (seed: number): RunContext => ({ seed, shards: 1, stream: (name) => streamOf(seed, `market/world/prices/${name}`) });
const HOUR = 3600;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

/** log values of one asset on an hourly grid. */
function logPath(asset: ReturnType<typeof meanRevertingLog>, steps: number, seed = 1): number[] {
  const path = prices({ assets: { gas_gwei: asset }, stepS: HOUR }).start(ctx(seed));
  const out: number[] = [];
  for (let s = 1; s <= steps; s++) out.push(Math.log(path.at(s * HOUR)[0]!));
  return out;
}

describe('mean-reverting log process (gas)', () => {
  const base = { initial: 30, level: 30, halfLifeHours: 6, sigmaAnnual: 8, spikesPerYear: 0, spikeLogMean: 0, spikeLogSd: 0 };

  it('has the stationary mean log(level) and variance σ²/2κ within sampling error', () => {
    const y = logPath(meanRevertingLog(base), 100_000);
    const kappa = Math.LN2 / (6 / 8766);
    const v = (8 * 8) / (2 * kappa);
    // Lag-1 autocorrelation e^{-κΔt}: effective sample size n(1 − ρ)/(1 + ρ).
    const rho = Math.exp(-kappa / 8766);
    const nEff = (100_000 * (1 - rho)) / (1 + rho);
    expect(Math.abs(mean(y) - Math.log(30))).toBeLessThan(4 * Math.sqrt(v / nEff));
    expect(Math.abs(variance(y) / v - 1)).toBeLessThan(0.06);
  });

  it('reverts with the stated half-life: a deviation halves in expectation after halfLifeHours', () => {
    const y = logPath(meanRevertingLog({ ...base, initial: 30 * Math.E ** 2, sigmaAnnual: 0 }), 12);
    expect(y[5]! - Math.log(30)).toBeCloseTo(1, 9); // 2 → 1 after 6 hours
    expect(y[11]! - Math.log(30)).toBeCloseTo(0.5, 9);
  });

  it('spikes at the stated rate: jumps of log size ≈ 1.6 counted over ten years match λ within 4 sd', () => {
    const lambda = 50;
    const y = logPath(meanRevertingLog({ ...base, sigmaAnnual: 0, spikesPerYear: lambda, spikeLogMean: 1.6, spikeLogSd: 0.1 }), 87_660);
    let jumps = 0;
    for (let i = 1; i < y.length; i++) if (y[i]! - y[i - 1]! > 0.8) jumps++;
    const expected = lambda * 10;
    expect(Math.abs(jumps - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe('scheduled crash', () => {
  it('falls by exactly crashSize over its window when σ = 0, and not before or after', () => {
    const model = prices({
      assets: { eth_usd: scheduledCrash({ initial: 200, muAnnual: 0, sigmaAnnual: 0, crashSize: 0.5, crashAtHours: 10, crashHours: 4 }) },
      stepS: HOUR,
    });
    const path = model.start(ctx(3));
    expect(path.at(10 * HOUR)[0]).toBeCloseTo(200, 9);
    expect(path.at(12 * HOUR)[0]).toBeCloseTo(200 * Math.sqrt(0.5), 9);
    expect(path.at(14 * HOUR)[0]).toBeCloseTo(100, 9);
    expect(path.at(30 * HOUR)[0]).toBeCloseTo(100, 9);
  });
});
