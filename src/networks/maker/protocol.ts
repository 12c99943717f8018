/**
 * The Maker protocol's rules as pure `bigint` functions in WAD (10^18), RAY (10^27) and RAD (10^45), in the contracts'
 * order of operations and with their rounding. Sources (read at these commits; `PROTOCOL-NOTES.md` lists them):
 *
 * - makerdao/dss @ fa4f6630afb0 (2022-05-18): `src/vat.sol`, `src/jug.sol`, `src/pot.sol`, `src/spot.sol`,
 *   `src/dog.sol`, `src/clip.sol`, `src/abaci.sol`, `src/cat.sol` (Liquidation 1.2), `src/flip.sol`;
 *   the Cat of Black Thursday is dss @ f632302 (2020-01-22) `src/cat.sol` (`lump`, `chop` in RAY).
 * - makerdao/dss-psm @ 7d717d88d6b6: `src/psm.sol` (`sellGem`, `buyGem`).
 * - makerdao/spells-mainnet @ 64ebd0aaf9cf: the parameters of each scenario (see `MAKER_SCENARIOS`).
 *
 * Only what the simulation calls or a test pins.
 */
import { BLN, minBig, RAD, RAY, rdiv, rmul, rpow, toFixed, WAD, wmul } from '../../engine/wad-ray.ts';

export { BLN, RAD, RAY, rdiv, rmul, rpow, WAD, wmul };

// ---- Jug, Pot, Spot -------------------------------------------------------------------------------------------

/**
 * Jug `drip`: rate' = rmul(rpow(base + duty, now − rho, RAY), rate); the Vat's `fold` adds Art · (rate' − rate) of
 * new Dai to the Vow (stability-fee surplus). Returns the new rate.
 */
export function jugDrip(rate: bigint, duty: bigint, base: bigint, elapsedS: bigint): bigint {
  return rmul(rpow(base + duty, elapsedS, RAY), rate);
}

/** Vat `fold`: the Dai [rad] created for the Vow when an ilk's rate moves by `deltaRate` over its normalised debt Art. */
export function foldDai(art: bigint, deltaRate: bigint): bigint {
  return art * deltaRate;
}

/**
 * Pot `drip`: chi' = rmul(rpow(dsr, now − rho, RAY), chi); the Vat `suck`s Pie · (chi' − chi) [rad] from the Vow
 * (as sin) to the Pot. Returns the new chi.
 */
export function potDrip(chi: bigint, dsr: bigint, elapsedS: bigint): bigint {
  return rmul(rpow(dsr, elapsedS, RAY), chi);
}

const P60 = 10n ** 60n;

/** ln(x) for x = num / P60 > 0, in P60 fixed point: 2·atanh((x − 1)/(x + 1)), summed until the terms vanish. */
function lnFixed(x: bigint): bigint {
  const y = ((x - P60) * P60) / (x + P60);
  const y2 = (y * y) / P60;
  let term = y;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * y2) / P60;
  }
  return 2n * sum;
}

/** e^x for x in P60 fixed point (small x), by its Taylor series. */
function expFixed(x: bigint): bigint {
  let term = P60;
  let sum = P60;
  for (let k = 1n; term !== 0n; k++) {
    term = (term * x) / (k * P60);
    sum += term;
  }
  return sum;
}

/**
 * The per-second RAY rate whose compounding over a 365-day year is `annual`, as the spells compute it:
 * `bc -l <<< 'scale=27; e( l(1 + annual)/(60 * 60 * 24 * 365) )'` truncated to 27 decimals (spells-mainnet
 * `src/test/rates.sol`, e.g. 2.75 % → 1000000000860244400048238898). `annual` is read as its shortest decimal text.
 */
export function perSecondRate(annual: number): bigint {
  if (!(annual > -1) || !Number.isFinite(annual)) throw new RangeError(`perSecondRate: annual rate ${annual} must be > −1`);
  const onePlus = P60 + toFixed(annual, P60);
  // bc keeps 27 decimals after each operation: the logarithm and the quotient are truncated to scale 27.
  const scale = 10n ** 33n;
  const perSecond = ((lnFixed(onePlus) / scale) * scale) / 31_536_000n / scale;
  return expFixed(perSecond * scale) / scale;
}

/** Spot `poke`: spot = rdiv(rdiv(val · 10^9, par), mat) [ray], where val is the OSM's WAD price (dss `spot.sol`). */
export function spotPrice(valWad: bigint, par: bigint, mat: bigint): bigint {
  return rdiv(rdiv(valWad * BLN, par), mat);
}

/** Vat safety: a vault is safe while ink · spot ≥ art · rate (dss `vat.sol` `frob`; Dog/Cat bark only when ink·spot < art·rate). */
export function isSafe(ink: bigint, art: bigint, rate: bigint, spot: bigint): boolean {
  return ink * spot >= art * rate;
}

/**
 * Vat `frob` checks for a change (dink, dart) to a vault: afterwards the ilk's debt stays under its ceiling unless it
 * falls (`line`, `Line`), the vault is safe unless it becomes less risky, and its debt is 0 or at least `dust`. Returns
 * the first rule broken, or undefined.
 */
export function frobRefusal(
  v: { ink: bigint; art: bigint },
  dink: bigint,
  dart: bigint,
  ilk: { Art: bigint; rate: bigint; spot: bigint; line: bigint; dust: bigint },
  debtTotal: bigint,
  Line: bigint,
): string | undefined {
  const ink = v.ink + dink;
  const art = v.art + dart;
  if (ink < 0n || art < 0n) return 'Vat/negative';
  const Art = ilk.Art + dart;
  const tab = ilk.rate * art;
  const debt = debtTotal + ilk.rate * dart;
  if (dart > 0n && (Art * ilk.rate > ilk.line || debt > Line)) return 'Vat/ceiling-exceeded';
  if ((dart > 0n || dink < 0n) && tab > ink * ilk.spot) return 'Vat/not-safe';
  if (art !== 0n && tab < ilk.dust) return 'Vat/dust';
  return undefined;
}

// ---- Liquidation 2.0: Dog and Clipper ------------------------------------------------------------------------

/** What `bark` does to a vault, or why it refuses. */
export type BarkResult =
  | { readonly ok: true; readonly dart: bigint; readonly dink: bigint; readonly due: bigint; readonly tab: bigint }
  | { readonly ok: false; readonly reason: string };

/**
 * Dog `bark` (dss `dog.sol`): a vault with ink · spot < art · rate is liquidated up to the room left under the global
 * and ilk limits: room = min(Hole − Dirt, hole − dirt) [rad]; dart = min(art, room · WAD / rate / chop); a partial
 * liquidation that would leave a dusty vault takes it all, and one that would itself be dusty is refused; dink =
 * ink · dart / art; due = dart · rate; tab = due · chop / WAD [rad]. The caller adds tab to Dirt and dirt.
 */
export function bark(
  v: { ink: bigint; art: bigint },
  ilk: { rate: bigint; spot: bigint; dust: bigint },
  d: { Hole: bigint; Dirt: bigint; hole: bigint; dirt: bigint; chop: bigint },
): BarkResult {
  const { ink, art } = v;
  if (!(ilk.spot > 0n && ink * ilk.spot < art * ilk.rate)) return { ok: false, reason: 'Dog/not-unsafe' };
  if (!(d.Hole > d.Dirt && d.hole > d.dirt)) return { ok: false, reason: 'Dog/liquidation-limit-hit' };
  const room = minBig(d.Hole - d.Dirt, d.hole - d.dirt);
  let dart = minBig(art, (room * WAD) / ilk.rate / d.chop);
  if (art > dart) {
    if ((art - dart) * ilk.rate < ilk.dust) dart = art;
    else if (dart * ilk.rate < ilk.dust) return { ok: false, reason: 'Dog/dusty-auction-from-partial-liquidation' };
  }
  const dink = (ink * dart) / art;
  if (dink <= 0n) return { ok: false, reason: 'Dog/null-auction' };
  const due = dart * ilk.rate;
  return { ok: true, dart, dink, due, tab: (due * d.chop) / WAD };
}

/** Clipper `getFeedPrice`: rdiv(val · 10^9, par) [ray] from the OSM's WAD price. */
export function feedPrice(valWad: bigint, par: bigint): bigint {
  return rdiv(valWad * BLN, par);
}

/** Clipper `kick`: the starting price top = rmul(feedPrice, buf) [ray] and the keeper's incentive coin = tip + wmul(tab, chip) [rad]. */
export function clipperKick(tab: bigint, feed: bigint, c: { buf: bigint; tip: bigint; chip: bigint }): { top: bigint; coin: bigint } {
  const top = rmul(feed, c.buf);
  if (top <= 0n) throw new RangeError('Clipper/zero-top-price');
  return { top, coin: c.tip > 0n || c.chip > 0n ? c.tip + wmul(tab, c.chip) : 0n };
}

/** Clipper `upchost`: chost = wmul(dust, chop) [rad]. */
export function chostOf(dust: bigint, chop: bigint): bigint {
  return wmul(dust, chop);
}

/** The three price curves of `abaci.sol`; `price(top, dur)` with dur = now − tic in seconds. */
export type Calc =
  | { readonly kind: 'linear'; readonly tau: bigint }
  | { readonly kind: 'stairstep'; readonly step: bigint; readonly cut: bigint }
  | { readonly kind: 'exponential'; readonly cut: bigint };

/** LinearDecrease.price: 0 once dur ≥ tau, else rmul(top, (tau − dur) · RAY / tau). */
export function linearDecrease(top: bigint, dur: bigint, tau: bigint): bigint {
  if (dur >= tau) return 0n;
  return rmul(top, ((tau - dur) * RAY) / tau);
}

/** StairstepExponentialDecrease.price: rmul(top, rpow(cut, dur / step, RAY)), with integer dur / step. */
export function stairstepExponentialDecrease(top: bigint, dur: bigint, step: bigint, cut: bigint): bigint {
  return rmul(top, rpow(cut, dur / step, RAY));
}

/** ExponentialDecrease.price: rmul(top, rpow(cut, dur, RAY)), cut per second. */
export function exponentialDecrease(top: bigint, dur: bigint, cut: bigint): bigint {
  return rmul(top, rpow(cut, dur, RAY));
}

/** `calc.price(top, dur)` for any of the three curves. */
export function calcPrice(calc: Calc, top: bigint, dur: bigint): bigint {
  switch (calc.kind) {
    case 'linear':
      return linearDecrease(top, dur, calc.tau);
    case 'stairstep':
      return stairstepExponentialDecrease(top, dur, calc.step, calc.cut);
    case 'exponential':
      return exponentialDecrease(top, dur, calc.cut);
  }
}

/** Clipper `status`: price = calc.price(top, now − tic); done = now − tic > tail or rdiv(price, top) < cusp. */
export function clipStatus(top: bigint, tic: bigint, now: bigint, c: { calc: Calc; tail: bigint; cusp: bigint }): { price: bigint; done: boolean } {
  const dur = now - tic;
  const price = calcPrice(c.calc, top, dur);
  return { price, done: dur > c.tail || rdiv(price, top) < c.cusp };
}

/** What a `take` does to a sale, or why it is refused. */
export type TakeResult =
  | { readonly ok: true; readonly owe: bigint; readonly slice: bigint; readonly tab: bigint; readonly lot: bigint }
  | { readonly ok: false; readonly reason: string };

/**
 * Clipper `take` at the current `price` (status not done, checked by the caller): slice = min(lot, amt); owe =
 * slice · price; if owe > tab the whole tab is paid and slice = owe / price; else a partial purchase must leave at
 * least chost of tab (else owe = tab − chost, refused when tab ≤ chost). Returns the Dai paid [rad], the collateral
 * bought [wad] and the sale's tab and lot after it. The caller then sends slice to the buyer, moves owe to the Vow,
 * calls `dog.digs(lot == 0 ? tab + owe : owe)`, and, when tab == 0 with lot left, returns the lot to the vault owner.
 */
export function clipTake(sale: { tab: bigint; lot: bigint }, amt: bigint, max: bigint, price: bigint, chost: bigint): TakeResult {
  if (max < price) return { ok: false, reason: 'Clipper/too-expensive' };
  let slice = minBig(sale.lot, amt);
  let owe = slice * price;
  if (owe > sale.tab) {
    owe = sale.tab;
    slice = owe / price;
  } else if (owe < sale.tab && slice < sale.lot) {
    if (sale.tab - owe < chost) {
      if (!(sale.tab > chost)) return { ok: false, reason: 'Clipper/no-partial-purchase' };
      owe = sale.tab - chost;
      slice = owe / price;
    }
  }
  return { ok: true, owe, slice, tab: sale.tab - owe, lot: sale.lot - slice };
}

/**
 * Clipper `redo` of a sale whose status is done: tic = now, top = rmul(feedPrice, buf); the incentive tip +
 * wmul(tab, chip) is paid only when tab ≥ chost and lot · feedPrice ≥ chost.
 */
export function clipRedo(
  sale: { tab: bigint; lot: bigint },
  feed: bigint,
  c: { buf: bigint; tip: bigint; chip: bigint; chost: bigint },
): { top: bigint; coin: bigint } {
  const top = rmul(feed, c.buf);
  if (top <= 0n) throw new RangeError('Clipper/zero-top-price');
  const pays = (c.tip > 0n || c.chip > 0n) && sale.tab >= c.chost && sale.lot * feed >= c.chost;
  return { top, coin: pays ? c.tip + wmul(sale.tab, c.chip) : 0n };
}

// ---- Liquidation 1.2 (and the Cat of March 2020): Cat and Flipper ------------------------------------------

/** What a Cat `bite` does, or why it refuses. */
export type BiteResult =
  | { readonly ok: true; readonly dart: bigint; readonly dink: bigint; readonly due: bigint; readonly tab: bigint }
  | { readonly ok: false; readonly reason: string };

/**
 * Cat `bite`, Liquidation 1.2 (dss @ fa4f663 `cat.sol`): room = box − litter must exceed dust; dart = min(art,
 * min(dunk, room) · WAD / rate / chop); dink = min(ink, ink · dart / art); tab = dart · rate · chop / WAD [rad]; the
 * caller adds tab to litter. This version may leave a dusty vault.
 */
export function catBite(
  v: { ink: bigint; art: bigint },
  ilk: { rate: bigint; spot: bigint; dust: bigint },
  c: { box: bigint; litter: bigint; dunk: bigint; chop: bigint },
): BiteResult {
  const { ink, art } = v;
  if (!(ilk.spot > 0n && ink * ilk.spot < art * ilk.rate)) return { ok: false, reason: 'Cat/not-unsafe' };
  const room = c.box > c.litter ? c.box - c.litter : 0n;
  if (!(c.litter < c.box && room >= ilk.dust)) return { ok: false, reason: 'Cat/liquidation-limit-hit' };
  const dart = minBig(art, (minBig(c.dunk, room) * WAD) / ilk.rate / c.chop);
  const dink = minBig(ink, (ink * dart) / art);
  if (!(dart > 0n && dink > 0n)) return { ok: false, reason: 'Cat/null-auction' };
  const due = dart * ilk.rate;
  return { ok: true, dart, dink, due, tab: (due * c.chop) / WAD };
}

/**
 * The Cat live on 12 March 2020 (dss @ f632302 `cat.sol`, deployed at launch, Nov 2019): lot = min(ink, lump) of
 * collateral; art' = min(art, lot · art / ink); tab = rmul(art' · rate, chop) with chop in RAY. No limit on Dai out
 * for liquidation (`box` came with Liquidation 1.2 in August 2020).
 */
export function catBiteLump(v: { ink: bigint; art: bigint }, ilk: { rate: bigint; spot: bigint }, c: { lump: bigint; chopRay: bigint }): BiteResult {
  const { ink, art } = v;
  if (!(ilk.spot > 0n && ink * ilk.spot < art * ilk.rate)) return { ok: false, reason: 'Cat/not-unsafe' };
  const dink = minBig(ink, c.lump);
  const dart = minBig(art, (dink * art) / ink);
  const due = dart * ilk.rate;
  return { ok: true, dart, dink, due, tab: rmul(due, c.chopRay) };
}

/** A Flipper auction (dss `flip.sol` `Bid`): bid [rad], lot [wad], the current winner, tic (bid expiry, 0 = none) and end. */
export interface FlipBid {
  bid: bigint;
  lot: bigint;
  guy: number;
  tic: bigint;
  end: bigint;
  readonly tab: bigint;
}

/** Flipper `kick`: bid 0 (the Cat kicks with bid 0), guy = the Cat (-1 here), end = now + tau. */
export function flipKick(tab: bigint, lot: bigint, now: bigint, tau: bigint): FlipBid {
  return { bid: 0n, lot, guy: -1, tic: 0n, end: now + tau, tab };
}

/** Flipper `tick`: restart an auction that ended without a bid (end = now + tau). */
export function flipTickRefusal(b: FlipBid, now: bigint): string | undefined {
  if (!(b.end < now)) return 'Flipper/not-finished';
  if (b.tic !== 0n) return 'Flipper/bid-already-placed';
  return undefined;
}

/**
 * Flipper `tend` (raise the Dai bid for the whole lot): requires the auction live (tic > now or 0, end > now), the
 * same lot, bid ≤ tab, bid > current, and bid · ONE ≥ beg · current unless bid == tab. Returns the refusal reason or
 * undefined; the caller moves the Dai (previous bid back to its bidder, the rest to the Vow) and sets tic = now + ttl.
 */
export function flipTendRefusal(b: FlipBid, lot: bigint, bid: bigint, now: bigint, beg: bigint): string | undefined {
  if (!(b.tic > now || b.tic === 0n)) return 'Flipper/already-finished-tic';
  if (!(b.end > now)) return 'Flipper/already-finished-end';
  if (lot !== b.lot) return 'Flipper/lot-not-matching';
  if (bid > b.tab) return 'Flipper/higher-than-tab';
  if (!(bid > b.bid)) return 'Flipper/bid-not-higher';
  if (!(bid * WAD >= beg * b.bid || bid === b.tab)) return 'Flipper/insufficient-increase';
  return undefined;
}

/**
 * Flipper `dent` (once bid == tab, bid for less collateral): requires bid == tab and lot < current lot with
 * beg · lot ≤ current lot · ONE. The lot given up returns to the vault owner; tic = now + ttl.
 */
export function flipDentRefusal(b: FlipBid, lot: bigint, bid: bigint, now: bigint, beg: bigint): string | undefined {
  if (!(b.tic > now || b.tic === 0n)) return 'Flipper/already-finished-tic';
  if (!(b.end > now)) return 'Flipper/already-finished-end';
  if (bid !== b.bid) return 'Flipper/not-matching-bid';
  if (bid !== b.tab) return 'Flipper/tend-not-finished';
  if (!(lot < b.lot)) return 'Flipper/lot-not-lower';
  if (!(beg * lot <= b.lot * WAD)) return 'Flipper/insufficient-decrease';
  return undefined;
}

/** Flipper `deal`: allowed once a bid was placed and it expired (tic < now) or the auction ended (end < now). */
export function flipDealRefusal(b: FlipBid, now: bigint): string | undefined {
  return b.tic !== 0n && (b.tic < now || b.end < now) ? undefined : 'Flipper/not-finished';
}

/** The smallest bid a `tend` accepts over the current one: ceil(beg · bid / ONE), at least bid + 1, at most tab. */
export function minTendBid(b: FlipBid, beg: bigint): bigint {
  const needed = (beg * b.bid + WAD - 1n) / WAD;
  const next = needed > b.bid ? needed : b.bid + 1n;
  return next > b.tab ? b.tab : next;
}

// ---- PSM (dss-psm) --------------------------------------------------------------------------------------------

/**
 * PSM `sellGem(usr, gemAmt)`: gemAmt18 = gemAmt · 10^(18 − dec); fee = gemAmt18 · tin / WAD; the PSM's vault frobs
 * +gemAmt18 of ink and art, and the user receives gemAmt18 − fee Dai [wad]; the fee goes to the Vow.
 */
export function psmSellGem(gemAmt: bigint, decimals: number, tin: bigint): { gemAmt18: bigint; fee: bigint; daiOut: bigint } {
  const gemAmt18 = gemAmt * 10n ** BigInt(18 - decimals);
  const fee = (gemAmt18 * tin) / WAD;
  return { gemAmt18, fee, daiOut: gemAmt18 - fee };
}

/** PSM `buyGem(usr, gemAmt)`: the user pays gemAmt18 + gemAmt18 · tout / WAD Dai [wad] for gemAmt; the fee goes to the Vow. */
export function psmBuyGem(gemAmt: bigint, decimals: number, tout: bigint): { gemAmt18: bigint; fee: bigint; daiIn: bigint } {
  const gemAmt18 = gemAmt * 10n ** BigInt(18 - decimals);
  const fee = (gemAmt18 * tout) / WAD;
  return { gemAmt18, fee, daiIn: gemAmt18 + fee };
}

// ---- Scenarios: the parameters in force on three dates --------------------------------------------------------

/** How an ilk is liquidated: the Cat of March 2020 (`lump`), Liquidation 1.2's Cat (`dunk`, `box`), or 2.0 (Dog + Clipper). */
export type LiquidationKind = 'cat-2020' | 'cat-1.2' | 'dog';

/** One scenario's ETH-A, system and PSM values, in the contracts' units (each cited at its scenario). */
export interface MakerScenario {
  readonly name: string;
  readonly liquidation: LiquidationKind;
  /** Liquidation ratio [ray]. */
  readonly mat: bigint;
  /** Liquidation penalty as a WAD factor (1.13 WAD = 13 %); the 2020 Cat kept it in RAY (converted where used). */
  readonly chop: bigint;
  /** Minimum vault debt [rad]. */
  readonly dust: bigint;
  /** Stability fee, per year (converted with perSecondRate). */
  readonly stabilityFeeAnnual: number;
  /** Dai Savings Rate, per year. */
  readonly dsrAnnual: number;
  /** ETH-A and global debt ceilings [rad]. */
  readonly line: bigint;
  readonly Line: bigint;
  // Liquidation 2.0
  readonly Hole: bigint;
  readonly hole: bigint;
  readonly buf: bigint;
  readonly tail: bigint;
  readonly cusp: bigint;
  readonly chip: bigint;
  readonly tip: bigint;
  readonly calc: Calc;
  // Liquidation 1.x
  readonly lump: bigint;
  readonly dunk: bigint;
  readonly box: bigint;
  readonly beg: bigint;
  readonly ttl: bigint;
  readonly tau: bigint;
  /** PSM: present or not, and its fees [wad]. */
  readonly psm: boolean;
  readonly tin: bigint;
  readonly tout: bigint;
}

const M = 10n ** 6n;
const bps = (n: bigint, unit: bigint) => (n * unit) / 10_000n;

/**
 * `2020-03`: ETH-A on 12 March 2020, before the executive of 2020-03-12 took effect. dss-deploy-scripts @ 48bf939
 * `config/main.json` (launch values: mat 150, chop 13, lump 50 ETH, dust 20, beg 3 %, ttl 600 s, tau 259200 s), as
 * confirmed by the "Existing" values in spells-mainnet `archive/2020-03-12-DssSpell/DssSpell.sol` (ttl 10 minutes,
 * tau 3 days, lump 50 ETH) and that spell's test (`lastWeek`: ETH-A duty and DSR 8 %, ETH-A line 150 M, Line 183 M).
 * No PSM (it came on 2020-12-20) and no Liquidation 2.0.
 */
const SCENARIO_2020_03: MakerScenario = {
  name: '2020-03',
  liquidation: 'cat-2020',
  mat: bps(15_000n, RAY),
  chop: bps(11_300n, WAD),
  dust: 20n * RAD,
  stabilityFeeAnnual: 0.08,
  dsrAnnual: 0.08,
  line: 150n * M * RAD,
  Line: 183n * M * RAD,
  Hole: 0n,
  hole: 0n,
  buf: RAY,
  tail: 0n,
  cusp: 0n,
  chip: 0n,
  tip: 0n,
  calc: { kind: 'stairstep', step: 90n, cut: bps(9_900n, RAY) },
  lump: 50n * WAD,
  dunk: 0n,
  box: 0n,
  beg: bps(10_300n, WAD),
  ttl: 600n,
  tau: 259_200n,
  psm: false,
  tin: 0n,
  tout: 0n,
};

/**
 * `2022-01`: ETH-A of 2022-01-14, spells-mainnet `archive/2022-01-14-DssSpell/test/config.sol` (mat 145 %, chop 13 %,
 * dust 15 000, pct 275, dog_hole 65 M, buf 120 %, tail 140 minutes, cusp 40 %, chip 0.1 %, tip 300, calc stairstep
 * step 90 s cut 0.99) and `DssSpell.t.base.sol` (Hole 100 M, DSR 1 bp). ETH-A's line is set by DssAutoLine up to
 * 15 B (the model uses that ceiling). PSM-USDC-A: tin 0 (since 2021-11-05), tout 0 (since 2021-06-04).
 */
const SCENARIO_2022_01: MakerScenario = {
  name: '2022-01',
  liquidation: 'dog',
  mat: bps(14_500n, RAY),
  chop: bps(11_300n, WAD),
  dust: 15_000n * RAD,
  stabilityFeeAnnual: 0.0275,
  dsrAnnual: 0.0001,
  line: 15_000n * M * RAD,
  Line: 15_000n * M * RAD,
  Hole: 100n * M * RAD,
  hole: 65n * M * RAD,
  buf: bps(12_000n, RAY),
  tail: 140n * 60n,
  cusp: bps(4_000n, RAY),
  chip: bps(10n, WAD),
  tip: 300n * RAD,
  calc: { kind: 'stairstep', step: 90n, cut: bps(9_900n, RAY) },
  lump: 0n,
  dunk: 0n,
  box: 0n,
  beg: WAD,
  ttl: 0n,
  tau: 0n,
  psm: true,
  tin: 0n,
  tout: 0n,
};

/**
 * `current`: spells-mainnet `src/test/config.sol` @ 64ebd0a (2025-07-17): ETH-A mat 145 %, chop 13 %, dust 7 500,
 * dog_hole 40 M, buf 110 %, tail 7200 s, cusp 45 %, chip 0.1 %, tip 250, stairstep step 90 s cut 0.99; dog_Hole
 * 150 M. The stability fee and DSR are set by SP-BEAM within bounds (ETH-A 2–30 %); the last values a spell set are
 * ETH-A 6.00 % and DSR 3.50 % (`archive/2025-03-20-DssSpell/DssSpell.sol`). The USDC PSM is now LITE-PSM-USDC-A,
 * modelled with tin = tout = 0 (PROTOCOLS.md §8; the LitePsm's own fee rules are not modelled).
 */
const SCENARIO_CURRENT: MakerScenario = {
  ...SCENARIO_2022_01,
  name: 'current',
  dust: 7_500n * RAD,
  stabilityFeeAnnual: 0.06,
  dsrAnnual: 0.035,
  Hole: 150n * M * RAD,
  hole: 40n * M * RAD,
  buf: bps(11_000n, RAY),
  tail: 7_200n,
  cusp: bps(4_500n, RAY),
  tip: 250n * RAD,
};

export const MAKER_SCENARIOS: Readonly<Record<'2020-03' | '2022-01' | 'current', MakerScenario>> = {
  '2020-03': SCENARIO_2020_03,
  '2022-01': SCENARIO_2022_01,
  current: SCENARIO_CURRENT,
};

export type ScenarioName = keyof typeof MAKER_SCENARIOS;
export const SCENARIO_NAMES = Object.keys(MAKER_SCENARIOS) as ScenarioName[];

/** OSM (makerdao/osm `src/osm.sol`): `hop` = 3600 s; `poke` moves nxt to cur and reads the median into nxt, so the price the Vat and Clipper see is one hop old. */
export const OSM_HOP_S = 3600;
