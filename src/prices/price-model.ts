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
  return {
    names,
    start: (ctx) => {
      const shocks = ctx.stream('shocks');
      const steppers = processes.map((p, j) => p.start(ctx.stream(names[j]!)));
      const value = Float64Array.from(processes, (p) => p.initial);
      const eps = new Float64Array(n);
      let step = 0;
      return {
        names,
        at(t) {
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
              value[j] = steppers[j]!.step(value[j]!, dt, z, step * stepS);
            }
          }
          return value;
        },
      };
    },
  };
}
