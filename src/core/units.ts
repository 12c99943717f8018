/** Simulated time is in seconds (float64); these convert from the units experiments are written in. */
export const SECONDS_PER_HOUR = 3_600;
export const SECONDS_PER_DAY = 86_400;
export const hours = (n: number): number => n * SECONDS_PER_HOUR;
export const days = (n: number): number => n * SECONDS_PER_DAY;
