import type { RandomStream } from '../engine/rng.ts';

/** Seconds in a year for annualised drift and volatility: 365.25 days (a Julian year). */
export const SECONDS_PER_YEAR = 365.25 * 86_400;

/**
 * One asset's price process, stepped on the world's fixed grid. `step` moves the price over `dtYears` given `z`,
 * a standard normal shock that the price model correlates across assets (Cholesky of the correlation matrix);
 * anything else random (jumps, regime switches) comes from the asset's own stream.
 */
export interface PriceProcess {
  /** What it is, for the manifest and `describe`: `gbm(mu=0.1, sigma=0.8)`. */
  readonly label: string;
  /** The price at t = 0 (USD per unit). */
  readonly initial: number;
  /** Whether `step` uses the correlated shock (a constant or a dated path does not). */
  readonly diffusive: boolean;
  /** Makes the run's stepper; `rng` is the asset's own stream (`world/prices/<name>`). */
  start(rng: RandomStream): PriceStepper;
}

export interface PriceStepper {
  /** The price after one step of `dtYears` ending at `tS` seconds, from the price before it and the shock `z`. */
  step(price: number, dtYears: number, z: number, tS: number): number;
}
