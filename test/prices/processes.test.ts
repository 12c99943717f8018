import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/engine/model.ts';
import { streamOf } from '../../src/engine/rng.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { gbm } from '../../src/prices/gbm.ts';
import { merton } from '../../src/prices/merton.ts';
import { prices } from '../../src/prices/price-model.ts';
import { SECONDS_PER_YEAR } from '../../src/prices/process.ts';
import { regimeSwitching } from '../../src/prices/regime.ts';

const ctx = (seed: number): RunContext => ({ seed, shards: 1, stream: (name) => streamOf(seed, `market/world/prices/${name}`) });
const DAY = 86_400;

/** Log-returns of each asset over `steps` grid steps of `stepS`. */
function logReturns(model: ReturnType<typeof prices>, stepS: number, steps: number, seed = 1): number[][] {
  const path = model.start(ctx(seed));
  const n = path.names.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  let prev = Float64Array.from(path.at(0));
  for (let s = 1; s <= steps; s++) {
    const v = path.at(s * stepS);
    for (let j = 0; j < n; j++) out[j]!.push(Math.log(v[j]! / prev[j]!));
    prev = Float64Array.from(v);
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const corr = (xs: number[], ys: number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) sxy += (xs[i]! - mx) * (ys[i]! - my);
  return sxy / (xs.length - 1) / (sd(xs) * sd(ys));
};

describe('price processes', () => {
  it('GBM log-returns have mean (μ − σ²/2)Δt and sd σ√Δt, within sampling error', () => {
    const mu = 0.3;
    const sigma = 0.9;
    const steps = 40_000;
    const [r] = logReturns(prices({ assets: { lpt_usd: gbm({ initial: 5, muAnnual: mu, sigmaAnnual: sigma }) }, stepS: DAY }), DAY, steps);
    const dt = DAY / SECONDS_PER_YEAR;
    const wantSd = sigma * Math.sqrt(dt);
    // 4 standard errors: fails by chance about once in 16 000 runs (fixed seed here, so never flaky).
    expect(Math.abs(mean(r!) - (mu - sigma ** 2 / 2) * dt)).toBeLessThan((4 * wantSd) / Math.sqrt(steps));
    expect(Math.abs(sd(r!) - wantSd)).toBeLessThan((4 * wantSd) / Math.sqrt(2 * steps));
  });

  it('correlates two assets by the stated correlation (Cholesky)', () => {
    const steps = 20_000;
    for (const rho of [0.7, -0.4]) {
      const model = prices({
        assets: { lpt_usd: gbm({ initial: 5, muAnnual: 0, sigmaAnnual: 0.8 }), eth_usd: gbm({ initial: 3000, muAnnual: 0, sigmaAnnual: 0.6 }) },
        stepS: DAY,
        correlation: [
          [1, rho],
          [rho, 1],
        ],
      });
      const [a, b] = logReturns(model, DAY, steps, 3);
      // sd of a sample correlation ≈ (1 − ρ²)/√n
      expect(Math.abs(corr(a!, b!) - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(steps));
    }
  });

  it('gives Merton jump-diffusion the stated jump rate and jump size', () => {
    const lambda = 12; // per year
    const steps = 50_000;
    const model = prices({
      assets: { x: merton({ initial: 1, muAnnual: 0, sigmaAnnual: 0, jumpsPerYear: lambda, jumpLogMean: -0.2, jumpLogSd: 0.05 }) },
      stepS: DAY,
    });
    const [r] = logReturns(model, DAY, steps, 5);
    const dt = DAY / SECONDS_PER_YEAR;
    const kappa = Math.exp(-0.2 + 0.05 ** 2 / 2) - 1;
    const drift = -lambda * kappa * dt;
    const jumpSteps = r!.filter((x) => Math.abs(x - drift) > 1e-9);
    const p = 1 - Math.exp(-lambda * dt); // P(at least one jump in a step)
    expect(Math.abs(jumpSteps.length - steps * p)).toBeLessThan(4 * Math.sqrt(steps * p * (1 - p)));
    // The mean jump (nearly all jump steps hold one jump) is m = −0.2.
    expect(Math.abs(mean(jumpSteps.map((x) => x - drift)) + 0.2)).toBeLessThan(0.01);
  });

  it("spends time in each regime in proportion to 1/leave, with that regime's volatility", () => {
    const steps = 60_000;
    const model = prices({
      assets: {
        x: regimeSwitching({
          initial: 1,
          regimes: [
            { name: 'calm', muAnnual: 0, sigmaAnnual: 0.2, leavePerYear: 4 },
            { name: 'wild', muAnnual: 0, sigmaAnnual: 1.6, leavePerYear: 12 },
          ],
        }),
      },
      stepS: DAY,
    });
    const [r] = logReturns(model, DAY, steps, 9);
    // Share of time in each regime is (1/4)/(1/4 + 1/12) = 3/4 calm; the variance mixes accordingly.
    const dt = DAY / SECONDS_PER_YEAR;
    const wantVar = (0.75 * 0.2 ** 2 + 0.25 * 1.6 ** 2) * dt;
    const got = sd(r!) ** 2;
    expect(Math.abs(got / wantVar - 1)).toBeLessThan(0.08);
  });

  it('holds a constant price and steps only on its grid', () => {
    const path = prices({ assets: { a: constantPrice(4), b: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 1 }) }, stepS: 3600 }).start(ctx(2));
    const first = Float64Array.from(path.at(1800));
    expect(first[0]).toBe(4);
    expect(first[1]).toBe(1); // no grid time yet
    const later = Float64Array.from(path.at(3600));
    expect(later[0]).toBe(4);
    expect(later[1]).not.toBe(1);
    expect(Float64Array.from(path.at(5000))).toEqual(later);
  });

  it('refuses a correlation matrix that is not symmetric, has a bad entry or is not positive definite, naming the entry', () => {
    const assets = {
      a: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 1 }),
      b: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 1 }),
      c: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 1 }),
    };
    const with3 = (correlation: number[][]) => () => prices({ assets, correlation });
    expect(
      with3([
        [1, 0.5, 0],
        [0.4, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow('prices.correlation[0][1]: 0.5 is not allowed; allowed: equal to prices.correlation[1][0] (0.4)');
    expect(
      with3([
        [1, 1.5, 0],
        [1.5, 1, 0],
        [0, 0, 1],
      ]),
    ).toThrow('prices.correlation[0][1]: 1.5 is not allowed; allowed: a number from -1 to 1');
    expect(
      with3([
        [1, 0.9, -0.9],
        [0.9, 1, 0.9],
        [-0.9, 0.9, 1],
      ]),
    ).toThrow(/prices.correlation: "leading minor 3" is not allowed; allowed: a positive definite matrix/);
    expect(
      with3([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow('prices.correlation: "2 rows" is not allowed; allowed: 3 rows, one per asset (a, b, c)');
  });

  it('hits every asset at once with common jumps, by its beta, at the stated rate, and keeps expected returns', () => {
    const steps = 40_000;
    const model = prices({
      assets: {
        a: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 0 }),
        b: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 0 }),
        c: gbm({ initial: 1, muAnnual: 0, sigmaAnnual: 0 }),
      },
      stepS: DAY,
      commonJumps: { perYear: 10, logMean: -0.2, logSd: 0.05, betas: { a: 1, b: 2 } },
    });
    const [a, b, c] = logReturns(model, DAY, steps, 13);
    const dt = DAY / SECONDS_PER_YEAR;
    const jumpedA = a!.map((x, i) => [x, i] as const).filter(([x]) => Math.abs(x + 10 * (Math.exp(-0.2 + 0.05 ** 2 / 2) - 1) * dt) > 1e-9);
    const p = 1 - Math.exp(-10 * dt);
    expect(Math.abs(jumpedA.length - steps * p)).toBeLessThan(4 * Math.sqrt(steps * p * (1 - p)));
    // b jumps on the same steps, twice as far (in log); c never moves.
    const kappaB = 10 * (Math.exp(-0.4 + (4 * 0.05 ** 2) / 2) - 1) * dt;
    const kappaA = 10 * (Math.exp(-0.2 + 0.05 ** 2 / 2) - 1) * dt;
    for (const [x, i] of jumpedA.slice(0, 50)) expect(b![i]! + kappaB).toBeCloseTo(2 * (x + kappaA), 10);
    expect(c!.every((x) => x === 0)).toBe(true);
    // Compensated: the mean gross return per step stays 1 (within sampling error).
    const gross = a!.map((x) => Math.exp(x));
    const m = gross.reduce((u, v) => u + v, 0) / steps;
    const sd = Math.sqrt(gross.reduce((u, v) => u + (v - m) ** 2, 0) / steps);
    expect(Math.abs(m - 1)).toBeLessThan((4 * sd) / Math.sqrt(steps));
  });

  it('feeds back on a network signal only when asked: the price drifts with (signal − reference) × elasticity', () => {
    const model = prices({
      assets: { lpt_usd: constantPrice(10) },
      stepS: DAY,
      feedback: [{ asset: 'lpt_usd', signal: 'livepeer_staking_ratio', reference: 0.5, elasticityPerYear: 2 }],
    });
    const path = model.start(ctx(1));
    path.at(0, { livepeer_staking_ratio: 0.6 });
    const after = path.at(365 * DAY, { livepeer_staking_ratio: 0.6 })[0]!;
    expect(after).toBeCloseTo(10 * Math.exp((2 * 0.1 * 365) / 365.25), 9); // 365 daily steps of dt = 1/365.25 year
    expect(model.feedbackSignals).toEqual(['livepeer_staking_ratio']);
    expect(() => prices({ assets: { x: constantPrice(1) }, feedback: [{ asset: 'y', signal: 's', reference: 0, elasticityPerYear: 1 }] })).toThrow(
      'prices.feedback[0].asset: "y" is not allowed; allowed: one of the assets (x)',
    );
  });
});
