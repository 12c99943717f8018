import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactIntegerSum } from '../../src/engine/exact-integer-sum.ts';

describe('ExactIntegerSum', () => {
  it('equals the bigint sum of any non-negative integer-valued doubles', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(2 ** 52 - 1, 2 ** 52, 2 ** 53, 2 ** 60, 2 ** 70))), (xs) => {
        const s = new ExactIntegerSum();
        for (const x of xs) s.add(x);
        expect(s.total()).toBe(xs.reduce((a, x) => a + BigInt(x), 0n));
      }),
    );
  });

  it('stays exact where a plain double sum rounds', () => {
    const s = new ExactIntegerSum();
    let plain = 0;
    for (let k = 0; k < 4; k++) {
      s.add(2 ** 52 - 1);
      plain += 2 ** 52 - 1;
    }
    s.add(1);
    plain += 1;
    expect(s.total()).toBe(4n * (2n ** 52n - 1n) + 1n);
    expect(BigInt(plain)).not.toBe(s.total());
  });
});
