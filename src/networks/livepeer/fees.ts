import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import type { LivepeerOrders } from './messages.ts';
import type { Orchestrators, OrchestratorTerms } from './orchestrators.ts';
import { nextCumulativeFeeFactor, splitFees } from './protocol.ts';
import type { TicketTerms } from './tickets.ts';

/**
 * Fee settlement through the protocol, exact in ETH wei: the winning tickets that broadcasters' shards drew are
 * redeemed (MixinTicketBrokerCore.redeemWinningTicket pays the face value; the broadcaster's deposit is assumed to
 * cover it), BondingManager.updateTranscoderWithFees splits them by feeShare (splitFees), the delegators' part stays
 * in the pool and grows its cumulative fee factor by EarningsPoolLIP36.updateCumulativeFeeFactor (over the stake the
 * round's earnings are shared by, with the previous round's reward factor), and the orchestrator keeps the rest and
 * pays the redemption gas. Each orchestrator claims its own stake's share of the pool's fees when it claims
 * (orchestrators.ts claimSelf). Fees never compound into stake.
 */

/** One shard's winning tickets: redeemed, split and booked per orchestrator for its round and in the tallies. */
export function settleFees(
  o: Orchestrators,
  ledger: Ledger,
  counters: LivepeerCounters,
  order: LivepeerOrders,
  tickets: TicketTerms,
  terms: OrchestratorTerms,
  ethUsd: number,
): void {
  const face = tickets.faceValueWei;
  const redeemGasEth = terms.redeemGasEth;
  for (let j = 0; j < o.n; j++) {
    const video = order.winningTickets[j]!;
    const ai = order.aiWinningTickets[j]!;
    const ev = order.ticketEvWei[j]!;
    if (video === 0 && ai === 0 && ev === 0) continue;
    o.feeEvWei[j]! += ev;
    if (video + ai === 0) continue;
    const fees = BigInt(video + ai) * face;
    const stake = ledger.poolRoundStake[j]!;
    // A pool with no stake this round (an orchestrator that just entered) has nobody to share with.
    const split = stake > 0n ? splitFees(fees, BigInt(o.feeSharePpm[j]!)) : { delegators: 0n, orchestrator: fees };
    if (split.delegators > 0n) {
      ledger.poolCff[j] = nextCumulativeFeeFactor(ledger.poolCff[j]!, ledger.poolCrfPrev[j]!, split.delegators, stake);
      ledger.poolFeesWei[j] = ledger.poolFeesWei[j]! + split.delegators;
    }
    ledger.feesPaidWei += fees;
    ledger.feesCommissionWei += split.orchestrator;
    o.feeKeptWei[j]! += Number(split.orchestrator);
    o.redeemGasEth[j]! += (video + ai) * redeemGasEth;
    const feesEth = Number(fees) / 1e18;
    const aiEth = (feesEth * ai) / (video + ai);
    counters.feesEth += feesEth;
    counters.aiFeesEth += aiEth;
    counters.feesUsd += feesEth * ethUsd;
    counters.aiFeesUsd += aiEth * ethUsd;
  }
}
