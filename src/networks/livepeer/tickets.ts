import type { LivepeerConfig } from './params.ts';
import { LIVEPEER_MAINNET, ticketEvRatio, ticketParams, TWO_POW_256, type Ratio } from './protocol.ts';

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
  };
}
