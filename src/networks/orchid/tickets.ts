import type { RandomStream } from '../../engine/rng.ts';
import { clientWinProbability, lotteryPayout, prepaidCreditUsd } from './protocol.ts';
import { redeemPays } from './relays.ts';
import { NANO_PER_UNIT } from './units.ts';

/**
 * Paying for a served session with v1 lottery tickets, as the client and relay do it: the client sends tickets to keep
 * its prepaid credit topped up (client.cpp Invoice), each priced so that its expected value net of redemption gas is
 * the amount it pays for (clientRatio); winners are drawn here, each is claimed for min(face, balance)
 * (lotteryPayout), and the relay redeems it only when the payout covers the gas (redeemPays). All amounts in whole
 * nano-units of the lottery's currency.
 */
export interface SessionPayment {
  tickets: number;
  winners: number;
  /** Winners redeemed (the rest are left to expire). */
  redemptions: number;
  /** Taken from the balance and paid to the relay (before the relay's gas). */
  payoutNano: number;
}

export function createSessionPayment(): SessionPayment {
  return { tickets: 0, winners: 0, redemptions: 0, payoutNano: 0 };
}

/**
 * Tickets for a session's usage, as the client sends them (client.cpp Invoice with clientTopUpUsd): the first ticket
 * buys twice the prepaid credit, and each later one tops the credit back up by one prepaid credit when it falls below
 * it, so a usage of U USD takes max(1, ⌈U / prepay⌉) tickets and leaves between one and two prepaid credits unused.
 */
export function sessionTickets(usageUsd: number, prepayUsd: number): number {
  return Math.max(1, Math.ceil(usageUsd / prepayUsd));
}

/**
 * Pays `usageUsd` at `priceUsdPerGb` from a balance of `balanceNano` with tickets of face `faceNano`: the first ticket
 * for two prepaid credits, the others for one; the number of winners drawn from `rng` (one Bernoulli and one
 * binomial draw); each winner claimed for min(face, what is left of the balance) and redeemed when that exceeds
 * `gasNano`. The result goes in `out` (no allocation). A face the client cannot price pays nothing.
 */
export function payWithTickets(
  rng: RandomStream,
  usageUsd: number,
  priceUsdPerGb: number,
  currencyUsd: number,
  faceNano: number,
  balanceNano: number,
  gasNano: number,
  out: SessionPayment,
): void {
  const prepayUsd = prepaidCreditUsd(priceUsdPerGb);
  const nanoPerUsd = NANO_PER_UNIT / currencyUsd;
  out.tickets = sessionTickets(usageUsd, prepayUsd);
  out.winners = 0;
  out.redemptions = 0;
  out.payoutNano = 0;
  const qFirst = clientWinProbability(2 * prepayUsd * nanoPerUsd, faceNano, gasNano);
  const q = clientWinProbability(prepayUsd * nanoPerUsd, faceNano, gasNano);
  if (Number.isNaN(qFirst) || Number.isNaN(q)) return;
  out.winners = (rng.next() < qFirst ? 1 : 0) + rng.binomial(out.tickets - 1, q);
  let balance = balanceNano;
  for (let w = 0; w < out.winners; w++) {
    const payout = Number(lotteryPayout(BigInt(faceNano), BigInt(balance)));
    if (!redeemPays(payout, gasNano)) continue;
    balance -= payout;
    out.payoutNano += payout;
    out.redemptions++;
  }
}
