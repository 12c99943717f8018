import { searchCumulative } from '../../engine/cumulative.ts';
import { getPair } from '../../engine/fixed-point-pairs.ts';
import { bondPays, exitProbabilityPerReview, leaves, lptToSell, observedYield, switchPays, updatedBelief } from './delegator-rules.ts';
import { bondLiquid, buy, claimInto, moveStake, unbond, withdraw } from './holder-accounts.ts';
import { type Holders, weiOfLpt, yieldOf } from './holders.ts';
import { toLpt, WEI_PAIR } from './lpt.ts';
import type { LivepeerPublic } from './messages.ts';

/**
 * A holder's review (every `reviewDays` on average): what it does with its holding, by the rules of
 * delegator-rules.ts. A bonded holder first updates its belief about its own orchestrator from the growth of its own
 * stake, then may exit for need of cash (and sell), leave when nothing clears its hurdle (keeping its LPT), move to a
 * better orchestrator when the gain beats the cost of moving, and sell its share of its rewards (more when the price
 * is above its reference). A liquid holder bonds when the best yield it sees clears its hurdle; one that sold out buys
 * back in then, for the dollars it held at t = 0. Passive holders never review.
 */
export function reviewHolder(h: Holders, i: number, pub: LivepeerPublic, tS: number): void {
  const hc = h.population.columns;
  if (hc.passive[i]) return;
  if (hc.delegate[i]! >= 0) reviewBonded(h, i, pub, tS);
  else reviewLiquid(h, i, pub);
  hc.lastReviewS[i] = tS;
}

function reviewBonded(h: Holders, i: number, pub: LivepeerPublic, tS: number): void {
  const hc = h.population.columns;
  const cfg = h.cfg;
  const stakeLpt = toLpt(claimInto(h, i));
  const days = (tS - hc.lastReviewS[i]!) / 86_400;
  if (days > 0 && hc.lastStakeLpt[i]! > 0)
    hc.beliefYield[i] = updatedBelief(hc.beliefYield[i]!, observedYield(hc.lastStakeLpt[i]!, stakeLpt, days), days, cfg.beliefMemoryDays);
  hc.lastStakeLpt[i] = stakeLpt;
  const free = hc.withdrawRound[i]! < 0;
  if (free && h.rngReview.next() < exitProbabilityPerReview(cfg.exitProbAnnual, cfg.reviewDays)) {
    unbond(h, i, 'all', pub.round, true);
    return;
  }
  const cur = hc.delegate[i]!;
  const own = hc.beliefYield[i]!;
  const best = consider(h, pub, cur);
  const bestY = best >= 0 ? h.bestYield : 0;
  if (free && leaves(own, bestY, hc.hurdleAnnual[i]!)) {
    unbond(h, i, 'all', pub.round, false);
    return;
  }
  const gasLpt = h.lptPriceEth > 0 ? (cfg.bondGas * cfg.gasPriceGwei * 1e-9) / h.lptPriceEth : 0;
  if (best >= 0 && switchPays(stakeLpt, own, bestY, cfg.switchHorizonDays, gasLpt, h.roundsPerYear)) {
    moveStake(h, i, best);
    hc.beliefYield[i] = bestY;
  }
  if (!free) return;
  const sell = lptToSell(stakeLpt, hc.basisLpt[i]!, hc.sellShare[i]!, h.lptUsd / h.refPriceUsd, cfg.takeProfitRate);
  if (sell > 0) unbond(h, i, weiOfLpt(sell), pub.round, true);
}

function reviewLiquid(h: Holders, i: number, pub: LivepeerPublic): void {
  const hc = h.population.columns;
  const hasLiquid = getPair(h.liquid, i, WEI_PAIR) > 0n;
  if (!hasLiquid && !(hc.out[i] && !hc.buying[i] && hc.withdrawRound[i]! < 0)) return;
  const best = consider(h, pub, -1);
  if (best < 0) return;
  const y = h.bestYield;
  if (!bondPays(y, hc.hurdleAnnual[i]!)) return;
  hc.beliefYield[i] = y;
  if (hasLiquid) bondLiquid(h, i, best);
  else buy(h, i, hc.sizeUsd[i]!, best);
}

/** A withdraw event: the lock has matured once the market's round has reached its withdraw round. */
export function lockMatured(h: Holders, i: number, pub: LivepeerPublic): boolean {
  const r = h.population.columns.withdrawRound[i]!;
  if (r < 0) return true;
  if (pub.round < r) return false;
  withdraw(h, i);
  return true;
}

/**
 * The best of `consideration` distinct orchestrators drawn stake-weighted from the active set without replacement
 * (rejecting repeats), other than `exclude`, by the yield the explorer shows; -1 when there is none. That yield is
 * left in `h.bestYield`.
 */
function consider(h: Holders, pub: LivepeerPublic, exclude: number): number {
  const n = h.nActive;
  if (n === 0) return -1;
  const k = Math.min(h.cfg.consideration, n);
  const total = h.activeStakeCum[n - 1]!;
  let best = -1;
  let bestY = -Infinity;
  let seen = 0;
  for (let tries = 0; seen < k && tries < 8 * k; tries++) {
    const j = total > 0 ? searchCumulative(h.activeStakeCum, n, h.rngReview.next() * total) : h.rngReview.int(n);
    let dup = false;
    for (let s = 0; s < seen; s++) if (h.seen[s] === j) dup = true;
    if (dup) continue;
    h.seen[seen++] = j;
    const o = h.active[j]!;
    if (o === exclude) continue;
    const y = yieldOf(h, pub, o);
    if (y > bestY) {
      bestY = y;
      best = o;
    }
  }
  h.bestYield = bestY;
  return best;
}
