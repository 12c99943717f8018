import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountIn, amountOut, createPool, inputToPrice0, inputToPrice1, midPrice, swap } from '../../src/engine/constant-product.ts';

const E = 10n ** 18n;

describe('constant-product pool', () => {
  it('reproduces Uniswap V2’s swap test cases with the 0.3 % fee', () => {
    // Uniswap/v2-core test/UniswapV2Pair.spec.ts `swapTestCases`: [swapAmount, token0Amount, token1Amount, expectedOutputAmount].
    const cases: [bigint, bigint, bigint, bigint][] = [
      [1n, 5n, 10n, 1662497915624478906n],
      [1n, 10n, 5n, 453305446940074565n],
      [2n, 5n, 10n, 2851015155847869602n],
      [2n, 10n, 5n, 831248957812239453n],
      [1n, 10n, 10n, 906610893880149131n],
      [1n, 100n, 100n, 987158034397061298n],
      [1n, 1000n, 1000n, 996006981039903216n],
    ];
    for (const [s, r0, r1, expected] of cases) expect(amountOut(s * E, r0 * E, r1 * E, 3000n)).toBe(expected);
  });

  it('getAmountIn(1, 100, 100) = 2 and getAmountOut(2, 100, 100) = 1 (Uniswap/v2-periphery test/UniswapV2Router01.spec.ts)', () => {
    expect(amountIn(1n, 100n, 100n, 3000n)).toBe(2n);
    expect(amountOut(2n, 100n, 100n, 3000n)).toBe(1n);
  });

  it('never lets k fall and keeps every unit: a swap moves exactly in and out (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        (r0, r1, x, fee, dir) => {
          const p = createPool(r0, r1, fee);
          const k = r0 * r1;
          const out = swap(p, x, dir);
          expect(p.reserve0 * p.reserve1 >= k).toBe(true);
          if (dir) expect([p.reserve0 - r0, r1 - p.reserve1]).toEqual([x, out]);
          else expect([p.reserve1 - r1, r0 - p.reserve0]).toEqual([x, out]);
        },
      ),
    );
  });

  it('sizes a trade that moves the mid price to a target within the fee', () => {
    const p = createPool(1_000_000n * E, 1_020_000n * E, 400);
    const x = inputToPrice0(p, 1.0);
    swap(p, BigInt(Math.floor(x)) * 1n, true);
    expect(midPrice(p)).toBeCloseTo(1.0, 6);
    const q = createPool(1_000_000n * E, 980_000n * E, 400);
    swap(q, BigInt(Math.floor(inputToPrice1(q, 1.0))), false);
    expect(midPrice(q)).toBeCloseTo(1.0, 6);
    expect(inputToPrice0(q, 2)).toBe(0);
  });
});
