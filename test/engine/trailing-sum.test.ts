import { describe, expect, it } from 'vitest';
import { TrailingSums } from '../../src/engine/trailing-sum.ts';

describe('trailing sums of running totals', () => {
  it('gives what flowed over the last period, from the last record at or before its start', () => {
    const s = new TrailingSums(2);
    // One unit of the first tally and ten of the second per day, recorded daily from day 0 (totals 0).
    for (let d = 0; d <= 10; d++) s.record(d, [d, 10 * d]);
    const out = new Float64Array(2);
    expect(Array.from(s.sums(10, 3, out))).toEqual([3, 30]);
    expect(Array.from(s.sums(10, 2.5, out))).toEqual([3, 30]); // base is the record of day 7, the last at or before 7.5
    expect(Array.from(s.sums(10, 100, out))).toEqual([10, 100]); // before the first record: totals 0
  });

  it('gives one recording interval when the period is 0', () => {
    const s = new TrailingSums(1);
    s.record(0, [0]);
    s.record(1, [4]);
    s.record(3, [9]);
    expect(s.sums(3, 0, new Float64Array(1))[0]).toBe(5);
  });

  it('refuses records that go back in time or have the wrong width', () => {
    const s = new TrailingSums(1);
    s.record(2, [1]);
    expect(() => s.record(1, [2])).toThrow(RangeError);
    expect(() => s.record(3, [1, 2])).toThrow(RangeError);
  });
});
