import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drainUntil, EventQueue } from '../../src/engine/event-queue.ts';

describe('EventQueue', () => {
  it('pops events in (time, priority, sequence) order for any insertion', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 20 }), p: fc.integer({ min: -2, max: 2 }) }), { maxLength: 300 }), (events) => {
        const q = new EventQueue(2);
        for (const [i, e] of events.entries()) q.push(e.t, e.p, 7, i, e.t * 0.5);
        const expected = events
          .map((e, i) => ({ ...e, i }))
          .sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i)
          .map((e) => e.i);
        const got: number[] = [];
        while (q.pop()) {
          expect(q.kind).toBe(7);
          expect(q.value).toBe(q.time * 0.5);
          got.push(q.agent);
        }
        expect(got).toEqual(expected);
      }),
    );
  });

  it('keeps first-in first-out order among exact ties', () => {
    const q = new EventQueue();
    for (let i = 0; i < 100; i++) q.push(1, 0, 0, i);
    const order: number[] = [];
    while (q.pop()) order.push(q.agent);
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('drains only events before the limit, including ones pushed while draining', () => {
    const q = new EventQueue();
    q.push(1, 0, 0, 0);
    q.push(5, 0, 0, 1);
    const seen: number[] = [];
    const n = drainUntil(q, 4, (e) => {
      seen.push(e.time);
      if (e.time < 4) e.push(e.time + 1, 0, 0, 2);
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(n).toBe(3);
    expect(q.peekTime()).toBe(4);
    expect(q.size).toBe(2);
  });

  it('rejects NaN times', () => {
    expect(() => new EventQueue().push(NaN, 0, 0, 0)).toThrow(/NaN/);
  });
});
