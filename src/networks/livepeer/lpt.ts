import { pairUnit } from '../../engine/fixed-point-pairs.ts';

/**
 * The vocabulary of the LPT ledger that holders, orchestrators and the market share: units and the states of an
 * account. Every on-chain amount is bigint wei (10^-18 LPT), as in the contracts; where amounts sit in typed-array
 * columns or cross threads they are exact pairs of doubles (src/engine/fixed-point-pairs.ts).
 */

/** The state of an LPT account (a holder's or an orchestrator's self-stake). */
export const LIQUID = 0;
export const BONDED = 1;
/** In an unbonding lock (BondingManager.unbondWithHint), withdrawable after unbondingPeriod rounds. */
export const UNBONDING = 2;

/** 10^12 wei = one micro-LPT: the unit of holdings at t = 0 (drawn in whole micro-LPT, so they need no bigint work). */
export const WEI_PER_MICRO_LPT = 10n ** 12n;

/** LPT amounts in wei as pairs: hi counts micro-LPT, lo the wei below. */
export const WEI_PAIR = pairUnit(WEI_PER_MICRO_LPT);

/** LIP-36 cumulative reward factors (1e27 fixed point) as pairs: hi counts 10^15. */
export const FACTOR_PAIR = pairUnit(10n ** 15n);

/** wei → LPT as a double (to 10^-12 LPT), for decisions and metrics, never for the ledger. */
export function toLpt(wei: bigint): number {
  return Number(wei / 1_000_000n) / 1e12;
}
