import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bark,
  type Calc,
  catBite,
  catBiteLump,
  chostOf,
  clipperKick,
  clipRedo,
  clipStatus,
  clipTake,
  exponentialDecrease,
  feedPrice,
  flipDealRefusal,
  flipDentRefusal,
  flipKick,
  flipTendRefusal,
  flipTickRefusal,
  foldDai,
  isSafe,
  jugDrip,
  linearDecrease,
  MAKER_SCENARIOS,
  minTendBid,
  perSecondRate,
  potDrip,
  psmBuyGem,
  psmSellGem,
  RAD,
  RAY,
  rpow,
  spotPrice,
  stairstepExponentialDecrease,
  WAD,
} from '../../../src/networks/maker/protocol.ts';

const DAY = 86_400n;
/** dss test helper: a rad amount as a wad, floored (`wad(rad) = rad / RAY`). */
const wadOf = (rad: bigint) => rad / RAY;

describe('Jug and Pot (makerdao/dss src/test/jug.t.sol, pot.t.sol)', () => {
  const duty5 = 1000000564701133626865910626n; // 5 % a day
  it('test_drip_daily / _2d / _3d: 100 Dai at 5 % a day accrue 5, 10.25 and 15.7625 Dai to the Vow', () => {
    const art = 100n * WAD;
    for (const [days, expected] of [
      [1n, 5n * WAD],
      [2n, 10_250_000_000_000_000_000n],
      [3n, 15_762_500_000_000_000_000n],
    ] as const) {
      const rate = jugDrip(RAY, duty5, 0n, days * DAY);
      expect(wadOf(foldDai(art, rate - RAY))).toBe(expected);
    }
  });

  it('test_drip_negative_3d: −2.5 % a day for 3 days leaves 92.6859375 of 100', () => {
    const rate = jugDrip(RAY, 999999706969857929985428567n, 0n, 3n * DAY);
    expect(wadOf(100n * WAD * rate)).toBe(92_685_937_500_000_000_000n);
  });

  it('test_drip_multi: 5 % then 10 % a day gives debt 115.5 and rate 1.155', () => {
    const r1 = jugDrip(RAY, duty5, 0n, DAY);
    const r2 = jugDrip(r1, 1000001103127689513476993127n, 0n, DAY);
    expect(wadOf(100n * WAD * r2)).toBe(115_500_000_000_000_000_000n);
    expect(r2 / 10n ** 9n).toBe(1_155_000_000_000_000_000n);
  });

  it('pot.t.sol test_drip / test_save_multi: 100 pie at 5 % a day is worth 105 after a day, chi 1.155 after the second duty', () => {
    const chi1 = potDrip(RAY, duty5, DAY);
    expect(wadOf(100n * WAD * chi1)).toBe(105n * WAD);
    expect(potDrip(chi1, 1000001103127689513476993127n, DAY) / 10n ** 9n).toBe(1_155_000_000_000_000_000n);
  });

  it('test_rpow: rpow(1000234891009084238901289093, 3724, RAY) = 2397991232254682910951344872', () => {
    expect(rpow(1000234891009084238901289093n, 3724n, RAY)).toBe(2397991232254682910951344872n);
  });

  it('per-second rates match spells-mainnet src/test/rates.sol (bc at scale 27)', () => {
    expect(perSecondRate(0.0275)).toBe(1000000000860244400048238898n); // rates[275]
    expect(perSecondRate(0.0001)).toBe(1000000000003170820659990704n); // rates[1]
    expect(perSecondRate(0.01)).toBe(1000000000315522921573372069n); // rates[100]
    expect(perSecondRate(0.05)).toBe(1000000001547125957863212448n); // rates[500]
    // spells-mainnet archive/2020-03-06-DssSpell: SEVEN_PCT_RATE and EIGHT_PCT_RATE.
    expect(perSecondRate(0.07)).toBe(1000000002145441671308778766n);
    expect(perSecondRate(0.08)).toBe(1000000002440418608258400030n);
  });
});

describe('Spot and vault safety', () => {
  it('spot = price / par / mat: 5 at mat 200 % is 2.5 RAY (clip.t.sol setUp)', () => {
    expect(spotPrice(5n * WAD, RAY, 2n * RAY)).toBe((25n * RAY) / 10n);
  });
  it('a vault is safe exactly while ink · spot ≥ art · rate', () => {
    expect(isSafe(40n * WAD, 100n * WAD, RAY, (25n * RAY) / 10n)).toBe(true);
    expect(isSafe(40n * WAD, 100n * WAD, RAY, 2n * RAY)).toBe(false);
  });
});

describe('Liquidation 2.0: Dog and Clipper (makerdao/dss src/test/clip.t.sol)', () => {
  // setUp: ink 40, art 100, then pip 4 with mat 200 % → spot 2; chop 1.1; dust 20 Dai; buf 1.25; tip 100, chip 2 %.
  const vault = { ink: 40n * WAD, art: 100n * WAD };
  const ilk = { rate: RAY, spot: spotPrice(4n * WAD, RAY, 2n * RAY), dust: 20n * RAD };
  const dog = { Hole: 1000n * RAD, Dirt: 0n, hole: 1000n * RAD, dirt: 0n, chop: (11n * WAD) / 10n };
  const clip = { buf: (125n * RAY) / 100n, tip: 100n * RAD, chip: (2n * WAD) / 100n };

  it('bark on ink 40, art 100 at price 4 with chop 1.1: tab 110, lot 40, top 5, keeper incentive tip + chip · 110 = 102.2', () => {
    const r = bark(vault, ilk, dog);
    if (!r.ok) throw new Error(r.reason);
    expect(r.tab).toBe(110n * RAD);
    expect(r.dink).toBe(40n * WAD);
    expect(r.dart).toBe(100n * WAD);
    const { top, coin } = clipperKick(r.tab, feedPrice(4n * WAD, RAY), clip);
    expect(top).toBe(5n * RAY);
    expect(coin).toBe(100n * RAD + (110n * RAD * 2n) / 100n);
  });

  it('bark refuses a safe vault and respects the room under Hole and hole', () => {
    expect(bark(vault, { ...ilk, spot: 3n * RAY }, dog)).toEqual({ ok: false, reason: 'Dog/not-unsafe' });
    expect(bark(vault, ilk, { ...dog, Dirt: dog.Hole })).toEqual({ ok: false, reason: 'Dog/liquidation-limit-hit' });
    // Room of 55 Dai of tab: dart = 55 / 1.1 = 50, dink = 20 (dog.t.sol test_partial_liquidation pattern).
    const r = bark(vault, ilk, { ...dog, hole: 55n * RAD });
    expect(r).toMatchObject({ ok: true, dart: 50n * WAD, dink: 20n * WAD, tab: 55n * RAD });
    // A partial liquidation that would leave less than dust takes all.
    const all = bark(vault, { ...ilk, dust: 60n * RAD }, { ...dog, hole: 55n * RAD });
    expect(all).toMatchObject({ ok: true, dart: 100n * WAD });
  });

  it('stairstep curve, top 5, cut 0.99, step 1 s: 2735783211953807380973706855 after 60 s (test_take_bid_avoids_recalculate_due_no_more_lot)', () => {
    expect(stairstepExponentialDecrease(5n * RAY, 60n, 1n, (99n * RAY) / 100n)).toBe(2735783211953807380973706855n);
  });

  it('linear curve from 1000 falls exactly 100 each tenth of tau and is 0 at tau (abaci.t.sol test_linear_decrease)', () => {
    const top = 1000n * RAY;
    for (let k = 0n; k <= 10n; k++) expect(linearDecrease(top, k * 360n, 3600n)).toBe(top - k * 100n * RAY);
    expect(linearDecrease(top, 4000n, 3600n)).toBe(0n);
  });

  it('exponential curve with cut 0.999230132966 halves about every 900 s (abaci.t.sol test_continuous_exp_decrease)', () => {
    const cut = 999230132966000000000000000n;
    const top = 4000n * RAY;
    for (let k = 0n; k <= 4n; k++) {
      const p = Number(exponentialDecrease(top, k * 900n, cut)) / 1e27;
      expect(Math.abs(p - 4000 / 2 ** Number(k)) / (4000 / 2 ** Number(k))).toBeLessThan(0.001);
    }
  });

  it('take: under tab (11 at 5 leaves tab 55, lot 29), over tab (25 pays 110 for 22), and chost (22) respected', () => {
    const sale = { tab: 110n * RAD, lot: 40n * WAD };
    const chost = chostOf(ilk.dust, dog.chop);
    expect(chost).toBe(22n * RAD);
    const price = 5n * RAY;
    expect(clipTake(sale, 11n * WAD, price, price, chost)).toEqual({ ok: true, owe: 55n * RAD, slice: 11n * WAD, tab: 55n * RAD, lot: 29n * WAD });
    expect(clipTake(sale, 25n * WAD, price, price, chost)).toEqual({ ok: true, owe: 110n * RAD, slice: 22n * WAD, tab: 0n, lot: 18n * WAD });
    // test_take_bid_recalculates_due_to_chost_check: amt 18 would leave 20 < chost, so tab = chost after.
    const r = clipTake(sale, 18n * WAD, price, price, chost);
    expect(r).toEqual({ ok: true, owe: 88n * RAD, slice: (176n * WAD) / 10n, tab: 22n * RAD, lot: (224n * WAD) / 10n });
    // test_take_bid_fails_no_partial_allowed: at tab == chost a partial purchase is refused.
    expect(clipTake({ tab: 22n * RAD, lot: (224n * WAD) / 10n }, WAD, price, price, chost)).toEqual({ ok: false, reason: 'Clipper/no-partial-purchase' });
    expect(clipTake(sale, WAD, price - 1n, price, chost)).toEqual({ ok: false, reason: 'Clipper/too-expensive' });
  });

  it('reset by tail: not done at 3600 s, done at 3601 s; redo at price 3 gives top 3.75 (test_auction_reset_tail)', () => {
    const c = { calc: { kind: 'linear', tau: 36_000n } as Calc, tail: 3600n, cusp: (3n * RAY) / 10n };
    expect(clipStatus(5n * RAY, 0n, 3600n, c).done).toBe(false);
    expect(clipStatus(5n * RAY, 0n, 3601n, c).done).toBe(true);
    expect(clipRedo({ tab: 110n * RAD, lot: 40n * WAD }, feedPrice(3n * WAD, RAY), { ...clip, chost: 22n * RAD }).top).toBe((375n * RAY) / 100n);
  });

  it('reset by cusp: tau 1 h, cusp 0.5: not done at 1800 s, done at 1801 s (test_auction_reset_cusp)', () => {
    const c = { calc: { kind: 'linear', tau: 3600n } as Calc, tail: 100_000n, cusp: RAY / 2n };
    expect(clipStatus(5n * RAY, 0n, 1800n, c).done).toBe(false);
    expect(clipStatus(5n * RAY, 0n, 1801n, c).done).toBe(true);
  });

  it('redo pays the incentive only when tab and lot value are at least chost', () => {
    const c = { ...clip, chost: 22n * RAD };
    expect(clipRedo({ tab: 21n * RAD, lot: 40n * WAD }, 4n * RAY, c).coin).toBe(0n);
    expect(clipRedo({ tab: 110n * RAD, lot: 40n * WAD }, 4n * RAY, c).coin).toBe(102_200_000_000_000_000_000n * RAY);
  });

  it('a take never pays more than tab nor takes more than lot, and chost is never crossed (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 8n }),
        fc.bigInt({ min: 1n, max: 10n ** 8n }),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        (tabDai, lotEth, amt, priceDai, chostDai) => {
          const sale = { tab: tabDai * RAD, lot: lotEth * WAD };
          const price = priceDai * RAY;
          const r = clipTake(sale, amt * WAD, price, price, chostDai * RAD);
          if (!r.ok) return;
          expect(r.owe <= sale.tab && r.slice <= sale.lot).toBe(true);
          expect(r.tab + r.owe).toBe(sale.tab);
          expect(r.lot + r.slice).toBe(sale.lot);
          expect(r.owe <= r.slice * price + price).toBe(true);
          if (r.lot > 0n && r.tab > 0n) expect(r.tab >= chostDai * RAD).toBe(true);
        },
      ),
    );
  });
});

describe('Liquidation 1.2: Cat and Flipper (makerdao/dss src/test/flip.t.sol, cat.sol)', () => {
  const beg = (105n * WAD) / 100n;
  it('test_beg: opening 1.00, not 1.01 over it, 1.07 yes; under beg allowed only to tab; dent needs beg', () => {
    const b = flipKick(50n * WAD, 100n * WAD, 0n, 2n * DAY);
    expect(flipTendRefusal(b, 100n * WAD, WAD, 1n, beg)).toBeUndefined();
    b.bid = WAD;
    b.tic = 1n + 3n * 3600n;
    expect(flipTendRefusal(b, 100n * WAD, (101n * WAD) / 100n, 2n, beg)).toBe('Flipper/insufficient-increase');
    expect(flipTendRefusal(b, 100n * WAD, (107n * WAD) / 100n, 2n, beg)).toBeUndefined();
    b.bid = 49n * WAD;
    expect(flipTendRefusal(b, 100n * WAD, 50n * WAD, 3n, beg)).toBeUndefined(); // = tab, under beg allowed
    b.bid = 50n * WAD;
    expect(flipDentRefusal(b, 100n * WAD, 50n * WAD, 4n, beg)).toBe('Flipper/lot-not-lower');
    expect(flipDentRefusal(b, 99n * WAD, 50n * WAD, 4n, beg)).toBe('Flipper/insufficient-decrease');
    expect(flipDentRefusal(b, 95n * WAD, 50n * WAD, 4n, beg)).toBeUndefined();
  });

  it('test_deal: only after the bid’s ttl or the auction’s end; test_tick: restart only an expired auction without bids', () => {
    const b = flipKick(50n * WAD, 100n * WAD, 0n, 2n * DAY);
    expect(flipDealRefusal(b, 10n)).toBe('Flipper/not-finished');
    b.bid = WAD;
    b.tic = 3n * 3600n;
    expect(flipDealRefusal(b, 3n * 3600n)).toBe('Flipper/not-finished');
    expect(flipDealRefusal(b, 3n * 3600n + 1n)).toBeUndefined();
    const c = flipKick(50n * WAD, 100n * WAD, 0n, 2n * DAY);
    expect(flipTickRefusal(c, 10n)).toBe('Flipper/not-finished');
    expect(flipTickRefusal(c, 15n * DAY)).toBeUndefined();
    expect(flipTendRefusal(c, 100n * WAD, WAD, 15n * DAY, beg)).toBe('Flipper/already-finished-end');
  });

  it('minTendBid is the smallest bid tend accepts', () => {
    const b = flipKick(50n * WAD, 100n * WAD, 0n, 2n * DAY);
    expect(minTendBid(b, beg)).toBe(1n);
    b.bid = 40n * WAD;
    expect(minTendBid(b, beg)).toBe(42n * WAD);
    expect(flipTendRefusal(b, 100n * WAD, 42n * WAD - 1n, 0n, beg)).toBe('Flipper/insufficient-increase');
    b.bid = 49n * WAD;
    expect(minTendBid(b, beg)).toBe(50n * WAD);
  });

  it('Cat 1.2 bite caps the tab at dunk and the room under box; the 2020 Cat bites lump collateral with chop in RAY', () => {
    const v = { ink: 40n * WAD, art: 100n * WAD };
    const ilk = { rate: RAY, spot: 2n * RAY, dust: 20n * RAD };
    const r = catBite(v, ilk, { box: 1000n * RAD, litter: 0n, dunk: 55n * RAD, chop: (11n * WAD) / 10n });
    expect(r).toMatchObject({ ok: true, dart: 50n * WAD, dink: 20n * WAD, tab: 55n * RAD });
    expect(catBite(v, ilk, { box: 10n * RAD, litter: 0n, dunk: 55n * RAD, chop: WAD })).toEqual({ ok: false, reason: 'Cat/liquidation-limit-hit' });
    const lump = catBiteLump(v, ilk, { lump: 10n * WAD, chopRay: (113n * RAY) / 100n });
    expect(lump).toMatchObject({ ok: true, dink: 10n * WAD, dart: 25n * WAD, tab: (2825n * RAD) / 100n });
  });
});

describe('PSM (makerdao/dss-psm src/tests/psm.t.sol)', () => {
  it('test_sellGem_fee: tin 1 % turns 100 USDX (6 decimals) into 99 Dai and 1 Dai of fee', () => {
    expect(psmSellGem(100_000_000n, 6, WAD / 100n)).toEqual({ gemAmt18: 100n * WAD, fee: WAD, daiOut: 99n * WAD });
  });
  it('test_swap_both_fees: tin 5 % gives 95 Dai for 100 USDX; tout 10 % makes 40 USDX cost 44 Dai', () => {
    expect(psmSellGem(100_000_000n, 6, (5n * WAD) / 100n).daiOut).toBe(95n * WAD);
    expect(psmBuyGem(40_000_000n, 6, WAD / 10n)).toEqual({ gemAmt18: 40n * WAD, fee: 4n * WAD, daiIn: 44n * WAD });
  });
});

describe('scenarios', () => {
  it('carry the cited values', () => {
    expect(MAKER_SCENARIOS['2020-03']).toMatchObject({ liquidation: 'cat-2020', lump: 50n * WAD, ttl: 600n, tau: 259_200n, psm: false });
    expect(MAKER_SCENARIOS['2022-01']).toMatchObject({ liquidation: 'dog', tail: 8400n, dust: 15_000n * RAD, hole: 65_000_000n * RAD });
    expect(MAKER_SCENARIOS.current).toMatchObject({ tail: 7200n, dust: 7_500n * RAD, hole: 40_000_000n * RAD, Hole: 150_000_000n * RAD });
  });
});
