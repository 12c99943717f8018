import { ConfigError } from '../core/errors.ts';
import type { PriceModel } from '../engine/world.ts';
import { choleskyOfCorrelation } from './cholesky.ts';
import { type PriceProcess, SECONDS_PER_YEAR } from './process.ts';

export interface PricesSpec {
  /** The assets by price name (`lpt_usd`, `eth_usd`): snake_case, published as `world_<name>` columns. */
  readonly assets: Readonly<Record<string, PriceProcess>>;
  /** Grid step in seconds: prices move only at multiples of it (default one hour). */
  readonly stepS?: number;
  /**
   * Correlation of the assets' diffusion shocks, in the order of `assets` (default: independent). Constant and
   * dated-path assets take no shock; their rows must still be present and are ignored.
   */
  readonly correlation?: readonly (readonly number[])[];
  /**
   * Market-wide jumps (crashes) that hit every asset at once: Poisson at `perYear`, log size J ~ N(logMean, logSd²);
   * asset a's log price moves by betas[a] × J (assets not listed: 0). Compensated in the drift, so each asset's
   * expected return stays its own process's. Drawn from the stream `world/prices/common-jumps`.
   */
  readonly commonJumps?: CommonJumps;
  /**
   * Feedback from the networks' fundamentals to prices (off unless given): each step, asset `asset`'s log price moves
   * by elasticityPerYear × (signal − reference) × Δt, where `signal` is a network's published signal named
   * `<network>_<key>` (see NetworkMarket.signals), as of the last clear.
   */
  readonly feedback?: readonly PriceFeedback[];
}

export interface CommonJumps {
  readonly perYear: number;
  readonly logMean: number;
  readonly logSd: number;
  readonly betas: Readonly<Record<string, number>>;
}

export interface PriceFeedback {
  readonly asset: string;
  readonly signal: string;
  readonly reference: number;
  readonly elasticityPerYear: number;
}

const PRICE_NAME_RE = /^[a-z][a-z0-9_]*$/;

/**
 * The world's prices: every asset moves on one fixed grid (`stepS`), whatever the networks' periods, so a
 * network sees the same prices whether or not others run beside it. Each step draws independent standard
 * normals from the stream `world/prices/shocks`, correlates them with the Cholesky factor of `correlation`, and
 * hands asset j its shock; each asset's own randomness (jumps, regimes) comes from `world/prices/<name>`.
 * The price at t is the value at the last grid time ≤ t.
 */
export function prices(spec: PricesSpec): PriceModel {
  const names = Object.keys(spec.assets);
  for (const n of names) if (!PRICE_NAME_RE.test(n)) throw new ConfigError(`prices.${n}`, n, 'allowed: snake_case names such as lpt_usd');
  const stepS = spec.stepS ?? 3600;
  if (!(stepS > 0) || !Number.isFinite(stepS)) throw new ConfigError('prices.stepS', stepS, 'allowed: a positive number of seconds');
  const n = names.length;
  const processes = names.map((name) => spec.assets[name]!);
  if (spec.correlation && spec.correlation.length !== n) {
    throw new ConfigError('prices.correlation', `${spec.correlation.length} rows`, `allowed: ${n} rows, one per asset (${names.join(', ')})`);
  }
  const chol = spec.correlation ? choleskyOfCorrelation(spec.correlation, 'prices.correlation') : undefined;
  const dt = stepS / SECONDS_PER_YEAR;
  const jumps = spec.commonJumps;
  if (jumps) {
    if (!(jumps.perYear >= 0) || !Number.isFinite(jumps.perYear))
      throw new ConfigError('prices.commonJumps.perYear', jumps.perYear, 'allowed: a finite number ≥ 0');
    if (!Number.isFinite(jumps.logMean)) throw new ConfigError('prices.commonJumps.logMean', jumps.logMean, 'allowed: a finite number');
    if (!(jumps.logSd >= 0) || !Number.isFinite(jumps.logSd)) throw new ConfigError('prices.commonJumps.logSd', jumps.logSd, 'allowed: a finite number ≥ 0');
    for (const [a, b] of Object.entries(jumps.betas)) {
      if (!names.includes(a)) throw new ConfigError(`prices.commonJumps.betas.${a}`, a, `allowed: one of the assets (${names.join(', ')})`);
      if (!Number.isFinite(b)) throw new ConfigError(`prices.commonJumps.betas.${a}`, b, 'allowed: a finite number');
    }
  }
  const beta = Float64Array.from(names, (a) => jumps?.betas[a] ?? 0);
  // E[e^{βJ} − 1] per asset: the drift that keeps the common jumps from changing an asset's expected return.
  const compensation = Float64Array.from(beta, (b) =>
    jumps ? jumps.perYear * (Math.exp(b * jumps.logMean + (b * b * jumps.logSd * jumps.logSd) / 2) - 1) * dt : 0,
  );
  const feedback = (spec.feedback ?? []).map((f, i) => {
    const at = names.indexOf(f.asset);
    if (at < 0) throw new ConfigError(`prices.feedback[${i}].asset`, f.asset, `allowed: one of the assets (${names.join(', ')})`);
    if (!Number.isFinite(f.reference) || !Number.isFinite(f.elasticityPerYear))
      throw new ConfigError(`prices.feedback[${i}]`, f.signal, 'allowed: finite reference and elasticity');
    return { ...f, at };
  });
  return {
    names,
    feedbackSignals: feedback.map((f) => f.signal),
    start: (ctx) => {
      const shocks = ctx.stream('shocks');
      const jumpRng = ctx.stream('common-jumps');
      const steppers = processes.map((p, j) => p.start(ctx.stream(names[j]!)));
      // Each asset's own process, and the log of what moves it on top (common jumps, feedback): published base × e^factor.
      const base = Float64Array.from(processes, (p) => p.initial);
      const factor = new Float64Array(n);
      const value = Float64Array.from(base);
      const eps = new Float64Array(n);
      let step = 0;
      return {
        names,
        at(t, signals) {
          // Grid times are step·stepS (by multiplication, no drift); advance through every one up to t.
          while ((step + 1) * stepS <= t + 1e-9 * stepS) {
            step++;
            for (let j = 0; j < n; j++) eps[j] = shocks.normal();
            for (let j = 0; j < n; j++) {
              let z = eps[j]!;
              if (chol) {
                z = 0;
                for (let k = 0; k <= j; k++) z += chol[j * n + k]! * eps[k]!;
              }
              base[j] = steppers[j]!.step(base[j]!, dt, z, step * stepS);
            }
            if (jumps) {
              let common = 0;
              const count = jumpRng.poisson(jumps.perYear * dt);
              for (let k = 0; k < count; k++) common += jumpRng.normal(jumps.logMean, jumps.logSd);
              for (let j = 0; j < n; j++) if (beta[j] !== 0) factor[j]! += beta[j]! * common - compensation[j]!;
            }
            for (const f of feedback) {
              const x = signals?.[f.signal];
              if (x !== undefined && Number.isFinite(x)) factor[f.at]! += f.elasticityPerYear * (x - f.reference) * dt;
            }
            for (let j = 0; j < n; j++) value[j] = factor[j] === 0 ? base[j]! : base[j]! * Math.exp(factor[j]!);
          }
          return value;
        },
      };
    },
  };
}
