import { getPair, setPair } from '../../engine/fixed-point-pairs.ts';
import type { Holders } from './holders.ts';
import { toLpt, WEI_PAIR } from './lpt.ts';
import {
  ACT_BOND,
  ACT_SWITCH,
  ACT_UNBOND,
  ACT_WITHDRAW,
  LEDGER_BONDED_TO_UNBONDING,
  LEDGER_FIRST_BONDED,
  LEDGER_LIQUID_TO_BONDED,
  LEDGER_LIQUID_TO_EXCHANGE,
} from './messages.ts';
import { delegatorCumulativeStake } from './protocol.ts';

/**
 * A holder's moves on its exact accounts (holders.ts): claims, bonds, moves between orchestrators, partial unbonds,
 * withdrawals and sales, purchases. Each books the wei it moves in the window's ledger effects; none moves more than
 * the holder has.
 */

/** Holder i's stake now (the claim BondingManager makes before any move), exact. */
export function claim(h: Holders, i: number): bigint {
  const hc = h.population.columns;
  const amount = getPair(h.bonded, i, WEI_PAIR);
  if (amount === 0n) return 0n;
  const start = hc.crfStart[i]!;
  const end = h.crfIndex[hc.delegate[i]!]!;
  if (start === end) return amount; // percOf(amount, crf, crf) = amount * 1e27 / 1e27
  return delegatorCumulativeStake(amount, h.crfTable[start]!, h.crfTable[end]!);
}

/** Claims holder i's earnings into its account (stake at the delegate's current factor); returns the stake. */
export function claimInto(h: Holders, i: number): bigint {
  const stake = claim(h, i);
  const hc = h.population.columns;
  if (hc.delegate[i]! >= 0) {
    setPair(h.bonded, i, stake, WEI_PAIR);
    hc.crfStart[i] = h.crfIndex[hc.delegate[i]!]!;
  }
  return stake;
}

/** BondingManager.bond from the liquid balance: all of it joins orchestrator o's pool (after a claim if already bonded there). */
export function bondLiquid(h: Holders, i: number, o: number): void {
  const hc = h.population.columns;
  const amount = getPair(h.liquid, i, WEI_PAIR);
  if (amount === 0n) return;
  const cur = hc.delegate[i]!;
  const stake = cur >= 0 ? claimInto(h, i) : 0n;
  if (cur >= 0 && cur !== o) {
    h.poolDelta[cur] = h.poolDelta[cur]! - stake;
    h.poolDelta[o] = h.poolDelta[o]! + stake;
  }
  h.poolDelta[o] = h.poolDelta[o]! + amount;
  h.ledgerDelta[LEDGER_LIQUID_TO_BONDED] = h.ledgerDelta[LEDGER_LIQUID_TO_BONDED]! + amount;
  if (!hc.everBonded[i]) {
    hc.everBonded[i] = 1;
    h.ledgerDelta[LEDGER_FIRST_BONDED] = h.ledgerDelta[LEDGER_FIRST_BONDED]! + amount;
  }
  h.actCounts[ACT_BOND]!++;
  setPair(h.liquid, i, 0n, WEI_PAIR);
  setPair(h.bonded, i, stake + amount, WEI_PAIR);
  if (cur < 0) h.bondedCount++;
  hc.delegate[i] = o;
  hc.crfStart[i] = h.crfIndex[o]!;
  hc.basisLpt[i] = toLpt(stake + amount);
  hc.lastStakeLpt[i] = hc.basisLpt[i]!;
}

/** BondingManager.bond to a new delegate: the claimed stake moves at once (no unbonding period). */
export function moveStake(h: Holders, i: number, to: number): void {
  const hc = h.population.columns;
  const from = hc.delegate[i]!;
  const stake = claimInto(h, i);
  h.poolDelta[from] = h.poolDelta[from]! - stake;
  h.poolDelta[to] = h.poolDelta[to]! + stake;
  h.actCounts[ACT_SWITCH]!++;
  hc.delegate[i] = to;
  hc.crfStart[i] = h.crfIndex[to]!;
}

/**
 * BondingManager.unbondWithHint for `amountWei` (at most the stake; 'all' for all of it): a lock withdrawable at round + unbondingPeriod,
 * to be sold then if `sell`. A holder keeps one lock at a time.
 */
export function unbond(h: Holders, i: number, amountWei: bigint | 'all', round: number, sell: boolean): void {
  const hc = h.population.columns;
  const stake = claimInto(h, i);
  const amount = amountWei === 'all' || amountWei > stake ? stake : amountWei;
  if (amount <= 0n || hc.withdrawRound[i]! >= 0) return;
  const from = hc.delegate[i]!;
  h.poolDelta[from] = h.poolDelta[from]! - amount;
  h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING] = h.ledgerDelta[LEDGER_BONDED_TO_UNBONDING]! + amount;
  h.actCounts[ACT_UNBOND]!++;
  const left = stake - amount;
  setPair(h.bonded, i, left, WEI_PAIR);
  if (left === 0n) {
    hc.delegate[i] = -1;
    h.bondedCount--;
  }
  setPair(h.lock, i, amount, WEI_PAIR);
  hc.withdrawRound[i] = round + h.cfg.unbondingPeriodRounds;
  hc.lockSell[i] = sell ? 1 : 0;
  hc.basisLpt[i] = toLpt(left);
  hc.lastStakeLpt[i] = hc.basisLpt[i]!;
}

/**
 * BondingManager.withdrawStake of a matured lock (the market moved it to liquid at the round's start): into the
 * liquid balance, then sold to the exchange if the lock was a sale. A holder left with nothing is out.
 */
export function withdraw(h: Holders, i: number): void {
  const hc = h.population.columns;
  const amount = getPair(h.lock, i, WEI_PAIR);
  setPair(h.lock, i, 0n, WEI_PAIR);
  hc.withdrawRound[i] = -1;
  h.actCounts[ACT_WITHDRAW]!++;
  let liquid = getPair(h.liquid, i, WEI_PAIR) + amount;
  if (hc.lockSell[i]) {
    h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE] = h.ledgerDelta[LEDGER_LIQUID_TO_EXCHANGE]! + liquid;
    liquid = 0n;
  }
  setPair(h.liquid, i, liquid, WEI_PAIR);
  if (liquid === 0n && getPair(h.bonded, i, WEI_PAIR) === 0n) hc.out[i] = 1;
}

/** Asks the exchange for `usd` worth of LPT at the price now (whole micro-LPT), to bond to orchestrator o when filled. */
export function buy(h: Holders, i: number, usd: number, o: number): void {
  const micro = Math.floor((usd / h.lptUsd) * 1e6);
  if (!(micro > 0)) return;
  const hc = h.population.columns;
  h.buyHolder.push(i);
  h.buyWei.push(micro);
  h.buyWei.push(0);
  hc.buying[i] = 1;
  hc.target[i] = o;
}
