/**
 * The first multiple of `period` after `t`: window ends, sample times and price steps all fall on such
 * multiples. Computed by multiplication, never by accumulation, so boundaries carry no drift; the 1e-9
 * (relative, in periods) absorbs the rounding of `t / period` when `t` is itself a multiple.
 */
export function nextMultiple(t: number, period: number): number {
  return period * (Math.floor(t / period + 1e-9) + 1);
}
