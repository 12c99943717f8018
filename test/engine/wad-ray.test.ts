import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFixed, RAY, rdiv, rmul, rpow, toFixed, WAD, wdivDown, wmul } from '../../src/engine/wad-ray.ts';

describe('DS-Math fixed point', () => {
  it('rpow reproduces dss jug.t.sol test_rpow to the last unit', () => {
    // makerdao/dss src/test/jug.t.sol `test_rpow`: rpow(1000234891009084238901289093, 3724, 1e27).
    expect(rpow(1000234891009084238901289093n, 3724n, RAY)).toBe(2397991232254682910951344872n);
  });

  it('rpow of 0 and to the power 0 follow the assembly’s switch', () => {
    expect(rpow(5n * RAY, 0n, RAY)).toBe(RAY);
    expect(rpow(0n, 3n, RAY)).toBe(0n);
    expect(rpow(0n, 0n, RAY)).toBe(RAY);
  });

  it('rpow rounds half up at each squaring: 1.5^2 in base 10 is 2 (22.5 → 23 / 10)', () => {
    // x = 15 (1.5 in base 10): z = 10, x·x = 225, (225 + 5) / 10 = 23, then z·x = 230 + 5 → 23.
    expect(rpow(15n, 2n, 10n)).toBe(23n);
  });

  it('rmul and wmul floor; rdiv floors', () => {
    expect(rmul(RAY + 1n, 3n)).toBe(3n);
    expect(rmul(2n * RAY - 1n, 1n)).toBe(1n);
    expect(wmul(WAD - 1n, 1n)).toBe(0n);
    expect(rdiv(1n, 3n)).toBe(333333333333333333333333333n);
    expect(wdivDown(2n, 3n)).toBe(666666666666666666n);
  });

  it('refuse negative operands (uint256)', () => {
    expect(() => rmul(-1n, RAY)).toThrow(/negative/);
    expect(() => rpow(-1n, 2n, RAY)).toThrow(/negative/);
    expect(() => rdiv(RAY, 0n)).toThrow(/zero/);
  });

  it('rmul(x, RAY) is x and rdiv(rmul(x, y), y) ≤ x for any x, y (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (x, y) => {
        expect(rmul(x, RAY)).toBe(x);
        expect(rdiv(rmul(x, y), y) <= x).toBe(true);
      }),
    );
  });

  it('rpow is monotone in n for x ≥ base and never above the exact power by more than n rounding steps (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: RAY, max: RAY + 10n ** 20n }), fc.integer({ min: 0, max: 2000 }), (x, n) => {
        expect(rpow(x, BigInt(n + 1), RAY) >= rpow(x, BigInt(n), RAY)).toBe(true);
      }),
    );
  });

  it('toFixed reads decimals exactly and fromFixed returns them', () => {
    expect(toFixed(1.13, WAD)).toBe(1_130_000_000_000_000_000n);
    expect(toFixed(0.001, WAD)).toBe(1_000_000_000_000_000n);
    expect(toFixed(250_000, RAY)).toBe(250_000n * RAY);
    expect(fromFixed(1_130_000_000_000_000_000n, WAD)).toBe(1.13);
  });
});
