/**
 * Orchid's units in the model. OXT is counted in whole micro-OXT (10^12 wei) as exact doubles: the supply is 10^15
 * micro-OXT, below 2^53, so every OXT sum in the model is exact. The lottery's currency (the chain's native token:
 * xDAI on Gnosis by default) is counted in whole nano-units (10^-9 of a unit, 10^9 wei) as exact doubles per account
 * and per window, and as bigints in the market's totals.
 */

export const MICRO_PER_OXT = 1e6;
export const NANO_PER_UNIT = 1e9;
export const SECONDS_PER_DAY = 86_400;
/** A month for income statistics: 30 days from t = 0. */
export const MONTH_S = 30 * SECONDS_PER_DAY;

/** OXT as whole micro-OXT (rounded). */
export const microOxt = (oxt: number): number => Math.round(oxt * MICRO_PER_OXT);
export const toOxt = (micro: number): number => micro / MICRO_PER_OXT;

/** USD as whole nano-units of a currency at `currencyUsd` USD per unit (rounded). */
export const nanoOfUsd = (usd: number, currencyUsd: number): number => Math.round((usd / currencyUsd) * NANO_PER_UNIT);
export const usdOfNano = (nano: number, currencyUsd: number): number => (nano / NANO_PER_UNIT) * currencyUsd;

/** A relay's state. */
export const RELAY_OUTSIDE = 0; // holds OXT, not staked: a candidate, or one that has left
export const RELAY_ACTIVE = 1; // staked and serving
export const RELAY_EXITING = 2; // stake pulled, waiting out its delay; not serving
export const RELAY_UNUSED = 3; // an investor slot no investor runs

/** A lender's state. */
export const LENDER_IDLE = 0;
export const LENDER_LENDING = 1;
export const LENDER_WITHDRAWING = 2;
