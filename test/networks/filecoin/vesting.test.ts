import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVesting, lockVesting, releaseVesting, takeUnvested, unvestedOf } from '../../../src/networks/filecoin/vesting.ts';

describe('vesting tables', () => {
  it('release a lock linearly over 180 days, the remainder on the last', () => {
    const v = createVesting(1);
    lockVesting(v, 0, 0, 1_000n);
    expect(releaseVesting(v, 0, 0)).toBe(0n);
    const released: bigint[] = [];
    for (let d = 1; d <= 181; d++) released.push(releaseVesting(v, 0, d));
    expect(released.slice(0, 179).every((x) => x === 5n)).toBe(true); // ⌊1000 / 180⌋
    expect(released[179]).toBe(5n + 100n); // day 180: the last step and the remainder 1000 − 180·5
    expect(released[180]).toBe(0n);
  });

  it('conserve every unit through locks, daily releases, penalties taken earliest first and idle years (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lock: fc.bigInt(0n, 10n ** 22n), take: fc.bigInt(0n, 10n ** 22n), idle: fc.integer({ min: 0, max: 400 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (steps) => {
          const v = createVesting(2);
          let day = 0;
          let locked = 0n;
          let out = 0n;
          for (const s of steps) {
            out += releaseVesting(v, 1, day);
            lockVesting(v, 1, day, s.lock);
            locked += s.lock;
            const before = unvestedOf(v, 1);
            const taken = takeUnvested(v, 1, s.take);
            if (taken > s.take || taken > before || unvestedOf(v, 1) !== before - taken) return false;
            out += taken;
            for (let k = 0; k < s.idle; k++) {
              day++;
              const r = releaseVesting(v, 1, day);
              if (r < 0n) return false;
              out += r;
            }
            day++;
            if (out + unvestedOf(v, 1) !== locked) return false;
          }
          for (let k = 0; k < 182; k++) out += releaseVesting(v, 1, day + k);
          return out === locked && unvestedOf(v, 1) === 0n;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses to release a day twice or go back', () => {
    const v = createVesting(1);
    releaseVesting(v, 0, 3);
    expect(() => releaseVesting(v, 0, 3)).toThrow('days go forward');
  });
});
