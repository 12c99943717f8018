import { describe, expect, it } from 'vitest';
import { Float64List, Int32List } from '../../src/engine/typed-list.ts';

describe('Float64List and Int32List', () => {
  it('keep every item in push order past their initial capacity', () => {
    const f = new Float64List();
    const n = new Int32List();
    for (let k = 0; k < 1000; k++) {
      f.push(k + 0.5);
      n.push(-k);
    }
    expect(f.length).toBe(1000);
    const fs = f.take();
    const ns = n.take();
    expect(fs).toBeInstanceOf(Float64Array);
    expect(ns).toBeInstanceOf(Int32Array);
    expect(fs).toHaveLength(1000);
    expect(Array.from(fs.subarray(0, 3))).toEqual([0.5, 1.5, 2.5]);
    expect(fs[999]).toBe(999.5);
    expect(ns[999]).toBe(-999);
  });

  it('are empty after take, and what take returned is a copy the list no longer writes', () => {
    const f = new Float64List();
    f.push(1);
    f.push(2);
    const first = f.take();
    expect(f.length).toBe(0);
    f.push(7);
    expect(Array.from(first)).toEqual([1, 2]);
    expect(Array.from(f.take())).toEqual([7]);
    expect(f.take()).toHaveLength(0);
  });

  it('truncate to 32-bit integers as Int32Array does', () => {
    const n = new Int32List();
    n.push(2 ** 31);
    n.push(1.9);
    expect(Array.from(n.take())).toEqual([-(2 ** 31), 1]);
  });
});
