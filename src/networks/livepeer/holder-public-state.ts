import { getPair, joinPair, setPair } from '../../engine/fixed-point-pairs.ts';
import { bondLiquid } from './holder-accounts.ts';
import { type Holders, initialFactorPairs, yieldOf } from './holders.ts';
import { holderPreferences } from './initial-state.ts';
import { FACTOR_PAIR, toLpt, WEI_PAIR } from './lpt.ts';
import { type LivepeerPublic, ORCH_ACTIVE } from './messages.ts';

/** What token holders read of each new public state and of the world's prices (holders.ts for the holders themselves). */

const SECONDS_PER_DAY = 86_400;

/**
 * What the holders read of a new public state and the world: the exact cumulative reward factors, the active set
 * with its cumulative stake, the prices (the reference price moves toward the price by 1 - exp(-dt / memory)), and
 * the fills of last window's purchases (credited, then bonded to the orchestrator chosen when buying).
 */
export function readPublicState(h: Holders, pub: LivepeerPublic, shard: number, prices: { lptUsd: number; lptPriceEth: number }, dtS: number): void {
  readFactors(h, pub);
  const n = pub.orchStatus.length;
  if (h.active.length < n) {
    h.active = new Int32Array(n);
    h.activeStakeCum = new Float64Array(n);
  }
  let na = 0;
  let cum = 0;
  for (let o = 0; o < n; o++) {
    if (pub.orchStatus[o] !== ORCH_ACTIVE) continue;
    h.active[na] = o;
    cum += pub.orchStakeLpt[o]!;
    h.activeStakeCum[na++] = cum;
  }
  h.nActive = na;
  h.lptUsd = prices.lptUsd;
  h.lptPriceEth = prices.lptPriceEth;
  if (!h.started) startHolders(h, pub);
  h.refPriceUsd += (1 - Math.exp(-dtS / (h.cfg.priceMemoryDays * SECONDS_PER_DAY))) * (prices.lptUsd - h.refPriceUsd);
  creditPurchases(h, pub, pub.buyFilled[shard]);
}

/**
 * At the first public state: each holder's preferences (initial-state.ts holderPreferences) around the yield it sees
 * then, the stake-weighted mean of the active orchestrators' expected yields; its belief about its own orchestrator;
 * the dollars it would buy back in with; the reference price.
 */
function startHolders(h: Holders, pub: LivepeerPublic): void {
  let sum = 0;
  let stake = 0;
  for (let k = 0; k < h.nActive; k++) {
    const o = h.active[k]!;
    sum += pub.orchStakeLpt[o]! * yieldOf(h, pub, o);
    stake += pub.orchStakeLpt[o]!;
  }
  const yield0 = stake > 0 ? sum / stake : 0;
  const hc = h.population.columns;
  for (let i = 0; i < h.population.size; i++) {
    const bonded = hc.delegate[i]! >= 0;
    const pref = holderPreferences(h.cfg, h.seed, h.start + i, bonded, yield0);
    hc.hurdleAnnual[i] = pref.hurdle;
    hc.sellShare[i] = pref.sellShare;
    hc.beliefYield[i] = bonded ? yieldOf(h, pub, hc.delegate[i]!) : yield0;
    hc.sizeUsd[i] = toLpt(getPair(bonded ? h.bonded : h.liquid, i, WEI_PAIR)) * h.lptUsd;
  }
  h.refPriceUsd = h.lptUsd;
  h.started = true;
}

function readFactors(h: Holders, pub: LivepeerPublic): void {
  const pairs = pub.orchCrfExact;
  const n = pairs.length / 2;
  if (h.crfIndex.length < n) {
    const idx = new Int32Array(n);
    idx.set(h.crfIndex);
    h.crfIndex = idx;
    const seen = initialFactorPairs(n);
    seen.set(h.crfSeen);
    h.crfSeen = seen;
    while (h.poolDelta.length < n) h.poolDelta.push(0n);
  }
  const seen = h.crfSeen;
  for (let o = 0; o < n; o++) {
    const hi = pairs[2 * o]!,
      lo = pairs[2 * o + 1]!;
    if (hi === seen[2 * o] && lo === seen[2 * o + 1]) continue;
    seen[2 * o] = hi;
    seen[2 * o + 1] = lo;
    h.crfIndex[o] = h.crfTable.length;
    // NaN (a factor too large for a pair) never equals what was seen: it is read from its decimal every window.
    h.crfTable.push(!Number.isNaN(hi) ? joinPair(hi, lo, FACTOR_PAIR) : BigInt(pub.orchCrfBig![o]!));
  }
}

function creditPurchases(h: Holders, pub: LivepeerPublic, filled: Float64Array | undefined): void {
  const who = h.pendingBuyers;
  if (who.length === 0) return;
  if (!filled || filled.length !== 2 * who.length) throw new Error(`livepeer holders: ${who.length} purchases, ${filled ? filled.length / 2 : 0} fills`);
  const hc = h.population.columns;
  for (let k = 0; k < who.length; k++) {
    const i = who[k]!;
    const wei = joinPair(filled[2 * k]!, filled[2 * k + 1]!, WEI_PAIR);
    hc.buying[i] = 0;
    if (wei === 0n) continue;
    setPair(h.liquid, i, getPair(h.liquid, i, WEI_PAIR) + wei, WEI_PAIR);
    hc.out[i] = 0;
    const o = hc.target[i]!;
    if (o >= 0 && pub.orchStatus[o] === ORCH_ACTIVE) bondLiquid(h, i, o);
  }
  h.pendingBuyers = new Int32Array(0);
}
