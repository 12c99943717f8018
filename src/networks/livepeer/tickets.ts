import type { LivepeerConfig } from './params.ts';
import {
  feePerSegmentWei,
  LIVEPEER_MAINNET,
  PIXEL_ESTIMATE_MULTIPLIER,
  type Ratio,
  TWO_POW_256,
  ticketEvRatio,
  ticketParams,
  ticketsForFee,
} from './protocol.ts';

/** The ticket terms every orchestrator offers (they share the gas price and the -ticketEV default). */
export interface TicketTerms {
  readonly faceValueWei: bigint;
  readonly winProb: bigint;
  /** winProb / 2^256 as a double. */
  readonly winProbability: number;
  /** The EV the broadcaster credits per ticket (pm/ticket.go ticketEV), exact and as a double. */
  readonly evRatio: Ratio;
  readonly evWei: number;
  readonly faceValueEth: number;
  /** evRatio as the nearest double (for ticketsForStream's fast path). */
  readonly evFloat: number;
}

/**
 * Ticket parameters from go-livepeer pm/recipient.go (via protocol.ticketParams): faceValue = redeemGas x gasPrice x
 * txCostMultiplier (or EV x 100 when that is below EV), winProb = EV x ceil((2^256-1)/faceValue). The sender's max
 * float is assumed not to bind (broadcasters keep deposit and reserve large enough).
 */
export function ticketTerms(cfg: LivepeerConfig): TicketTerms {
  const evWei = BigInt(Math.round(cfg.ticketEvGwei * 1e9));
  const gasPriceWei = BigInt(Math.round(cfg.gasPriceGwei * 1e9));
  const p = ticketParams({ evWei, gasPriceWei, redeemGas: LIVEPEER_MAINNET.redeemGas, txCostMultiplier: LIVEPEER_MAINNET.txCostMultiplier });
  if (!p) throw new RangeError(`livepeer: no valid ticket parameters for ticketEvGwei=${cfg.ticketEvGwei}, gasPriceGwei=${cfg.gasPriceGwei}`);
  const ev = ticketEvRatio(p.faceValue, p.winProb);
  const scale = 10n ** 18n;
  return {
    faceValueWei: p.faceValue,
    winProb: p.winProb,
    winProbability: Number((p.winProb * scale) / TWO_POW_256) / 1e18,
    evRatio: ev,
    evWei: Number((ev.num * 1000n) / ev.den) / 1000,
    faceValueEth: Number(p.faceValue) / 1e18,
    evFloat: Number(ev.num) / Number(ev.den),
  };
}

const MULTIPLIER = Number(PIXEL_ESTIMATE_MULTIPLIER.num) / Number(PIXEL_ESTIMATE_MULTIPLIER.den);

/**
 * ticketsForFee(feePerSegmentWei(pixels, price), ev) for integer-valued `pixels` and `priceWei` ≥ 0, without bigints
 * in the common case. The exact count is max(1, ceil(x)) with x = pixels * price * pixelEstimateMultiplier / ev (a
 * fee below one ticket's EV still costs one ticket). In doubles x carries a relative error below 1e-15 (a handful of
 * correctly rounded operations); when the double is farther than 1e-9 * max(1, x) from every integer, no integer lies
 * between it and the exact x, so its ceiling is exact. Otherwise (near an integer, or out of range) the exact rational
 * computation decides.
 */
export function ticketsForStream(t: TicketTerms, pixels: number, priceWei: number): number {
  const x = (pixels * priceWei * MULTIPLIER) / t.evFloat;
  if (x < 2 ** 50) {
    // false for NaN and Infinity too
    const d = Math.abs(x - Math.round(x));
    if (d > 1e-9 * Math.max(x, 1)) return x < 1 ? 1 : Math.ceil(x);
  }
  return ticketsForFee(feePerSegmentWei(BigInt(pixels), BigInt(priceWei)), t.evRatio);
}

/**
 * Tickets for a fee of `feeWei` (an integer-valued double ≥ 0) without the pixel multiplier (an AI job's fee): the
 * exact count is max(1, ceil(fee / ev)) (core/accounting.go StageUpdate after newBalanceUpdate's max(fee, EV)),
 * computed in doubles when they are far enough from an integer to be exact, else with ticketsForFee.
 */
export function ticketsForWei(t: TicketTerms, feeWei: number): number {
  const x = feeWei / t.evFloat;
  if (x < 2 ** 50) {
    const d = Math.abs(x - Math.round(x));
    if (d > 1e-9 * Math.max(x, 1)) return x < 1 ? 1 : Math.ceil(x);
  }
  return ticketsForFee(BigInt(feeWei), t.evRatio);
}
