import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPairs,
  getPair,
  joinPair,
  maxExactPairSum,
  PAIR_HI_LIMIT,
  type PairColumns,
  pairUnit,
  readPair,
  setPair,
  setPairUnits,
  splitPair,
  writeSignedPair,
} from '../../src/engine/fixed-point-pairs.ts';

/** The units the networks use or will: LPT wei (hi = micro-LPT), LIP-36 / RAY factors (hi = 10^15), attoFIL (hi = micro-FIL), gwei. */
const UNITS = {
  lptWei: pairUnit(10n ** 12n),
  rayFactor: pairUnit(10n ** 15n),
  attoFil: pairUnit(10n ** 12n),
  gwei: pairUnit(10n ** 9n),
  one: pairUnit(1n),
} as const;

const columns = (n: number): PairColumns => ({ hi: new Float64Array(n), lo: new Float64Array(n), overflow: new Map() });
const anyUnit = fc.constantFrom(...Object.values(UNITS));

describe('fixed-point pairs', () => {
  it('keep any non-negative integer exactly in a column, with the too-large ones on the side', () => {
    fc.assert(
      fc.property(anyUnit, fc.bigInt({ min: 0n, max: 2n ** 120n }), (u, v) => {
        const c = columns(3);
        setPair(c, 1, v, u);
        expect(getPair(c, 1, u)).toBe(v);
        expect(c.overflow.size).toBe(Number.isNaN(c.hi[1]) ? 1 : 0);
        setPair(c, 1, 5n, u); // back to a small value: the side entry goes
        expect(c.overflow.size).toBe(0);
        expect(getPair(c, 1, u)).toBe(5n);
      }),
    );
  });

  it('hold the amounts the next networks need: 10^4 FIL in attoFIL, 1.05 RAY, 10^9 LPT in wei', () => {
    const c = columns(3);
    const fil = 10n ** 4n * 10n ** 18n + 123n;
    const ray = 1_050_000_000_000_000_000_000_000_001n;
    const lpt = 10n ** 9n * 10n ** 18n + 7n;
    setPair(c, 0, fil, UNITS.attoFil);
    setPair(c, 1, ray, UNITS.rayFactor);
    setPair(c, 2, lpt, UNITS.lptWei);
    expect([getPair(c, 0, UNITS.attoFil), getPair(c, 1, UNITS.rayFactor), getPair(c, 2, UNITS.lptWei)]).toEqual([fil, ray, lpt]);
    expect(c.overflow.size).toBe(0);
  });

  it('set a whole number of units without a bigint, and through one when it is too large for a double', () => {
    const c = columns(2);
    setPairUnits(c, 0, 1_234_567, UNITS.lptWei);
    expect(getPair(c, 0, UNITS.lptWei)).toBe(1_234_567n * 10n ** 12n);
    setPairUnits(c, 1, 2 ** 60, UNITS.lptWei);
    expect(getPair(c, 1, UNITS.lptWei)).toBe(2n ** 60n * 10n ** 12n);
  });

  it('refuse a negative amount in a column, naming the slot', () => {
    expect(() => setPair(columns(1), 0, -1n, UNITS.one)).toThrow(/negative amount -1 for slot 0/);
  });

  it('split and join non-negative values exactly, and mark those too large with NaN', () => {
    fc.assert(
      fc.property(anyUnit, fc.bigInt({ min: 0n, max: 2n ** 100n }), (u, v) => {
        const out = new Float64Array(4);
        splitPair(v, out, 2, u);
        if (v / u.unit > BigInt(Number.MAX_SAFE_INTEGER)) expect(out[2]).toBeNaN();
        else expect(joinPair(out[2]!, out[3]!, u)).toBe(v);
      }),
    );
  });

  it('write signed values up to the limit and refuse larger ones without writing', () => {
    fc.assert(
      fc.property(anyUnit, fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (u, v) => {
        const out = new Float64Array(2).fill(9);
        const fits = v / u.unit <= BigInt(PAIR_HI_LIMIT) && v / u.unit >= -BigInt(PAIR_HI_LIMIT);
        expect(writeSignedPair(v, out, 0, u)).toBe(fits);
        if (fits) expect(readPair(out, 0, u)).toBe(v);
        else expect(Array.from(out)).toEqual([9, 9]);
      }),
    );
  });

  it('add up to maxExactPairSum signed pairs part by part with the exact bigint sum', () => {
    const u = UNITS.lptWei;
    expect(maxExactPairSum(u)).toBe(512);
    const limit = BigInt(PAIR_HI_LIMIT) * u.unit;
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -limit, max: limit }), { minLength: 512, maxLength: 512 }), (vs) => {
        const acc = new Float64Array(2);
        const d = new Float64Array(2);
        for (const v of vs) {
          expect(writeSignedPair(v, d, 0, u)).toBe(true);
          addPairs(acc, d, 2);
        }
        expect(readPair(acc, 0, u)).toBe(vs.reduce((a, b) => a + b, 0n));
      }),
      { numRuns: 30 },
    );
    // The extreme case: 512 pairs at the limit, every part at its largest.
    const acc = new Float64Array(2);
    const d = new Float64Array(2);
    writeSignedPair(limit + u.unit - 1n, d, 0, u);
    for (let k = 0; k < 512; k++) addPairs(acc, d, 2);
    expect(readPair(acc, 0, u)).toBe(512n * (limit + u.unit - 1n));
  });

  it('limit how many pairs add exactly by the unit, and refuse units a double cannot hold', () => {
    expect(maxExactPairSum(pairUnit(2n ** 53n))).toBe(1);
    expect(maxExactPairSum(pairUnit(10n ** 15n))).toBe(9);
    expect(() => pairUnit(0n)).toThrow(/from 1 to 2\^53, got 0/);
    expect(() => pairUnit(2n ** 53n + 1n)).toThrow(RangeError);
  });
});
