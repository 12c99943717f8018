import type { LivepeerCounters } from './counters.ts';
import { type Ledger, poolStakeLpt } from './ledger.ts';
import { BONDED, toLpt } from './lpt.ts';
import type { LivepeerOrders } from './messages.ts';
import type { Orchestrators, OrchestratorTerms } from './orchestrators.ts';
import type { TicketTerms } from './tickets.ts';

/**
 * Fee settlement: the winning tickets that broadcasters' shards drew are redeemed (MixinTicketBrokerCore
 * redeemWinningTicket: the face value in ETH), split by feeShare between the orchestrator and its pool
 * (BondingManager.updateTranscoderWithFees); the orchestrator pays the redemption gas. Fees are ETH doubles: they
 * never compound into stake.
 */

/** Before a clear: the share of each pool that is its orchestrator's own bonded stake (its part of the pool's fees). */
export function computeFeeSelfShares(o: Orchestrators, ledger: Ledger): void {
  for (let j = 0; j < o.n; j++) {
    const stake = poolStakeLpt(ledger, j);
    o.feeSelfShare[j] = stake > 0 && o.selfState[j] === BONDED ? toLpt(o.self[j]!) / stake : 0;
  }
}

/** One shard's winning tickets and their expected value, booked per orchestrator for its round and in the tallies. */
export function settleFees(o: Orchestrators, counters: LivepeerCounters, order: LivepeerOrders, tickets: TicketTerms, terms: OrchestratorTerms): void {
  const face = tickets.faceValueEth;
  const redeemGasEth = terms.redeemGasEth;
  for (let j = 0; j < o.n; j++) {
    const wins = order.winningTickets[j]!;
    const ev = order.ticketEvWei[j]!;
    if (wins === 0 && ev === 0) continue;
    const fees = wins * face;
    const share = o.feeSharePpm[j]! / 1e6;
    const selfShare = o.feeSelfShare[j]!;
    counters.feesEth += fees;
    o.feeWonEth[j]! += fees * (1 - share) + fees * share * selfShare;
    o.feeEvWei[j]! += ev;
    o.redeemGasEth[j]! += wins * redeemGasEth;
  }
}
