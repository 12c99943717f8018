import { describe, expect, it } from 'vitest';
import { Population } from '../../src/engine/population.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { forwardAndReverse } from '../helpers/shard-order.ts';
import { toyModel } from './toy-market.ts';

describe('simulate', () => {
  it('samples at 0, at every interval and at the horizon, cutting windows there', async () => {
    const times: number[] = [];
    const r = await simulate(toyModel(2, 5), { seed: 1, horizonS: 35, sampleEveryS: 15, onSample: (t) => times.push(t) });
    expect(times).toEqual([0, 15, 30, 35]);
    // Windows end at 10, 15, 20, 30, 35.
    expect(r.windows).toBe(5);
  });

  it('gives the same bytes whatever order the shards of a window are processed in', async () => {
    const { forward, reverse } = await forwardAndReverse({ build: () => toyModel(4, 50), seed: 7, horizonS: 500, sampleEveryS: 50 });
    expect(forward.length).toBeGreaterThan(100);
    expect(reverse).toBe(forward);
  });

  it('changes the result when the seed changes', async () => {
    const a = await simulate(toyModel(3, 20), { seed: 1, horizonS: 100, sampleEveryS: 100 });
    const b = await simulate(toyModel(3, 20), { seed: 2, horizonS: 100, sampleEveryS: 100 });
    expect(a.end.volume).not.toBe(b.end.volume);
  });

  it('rejects a non-positive horizon with a message naming it', async () => {
    await expect(simulate(toyModel(1, 1), { seed: 1, horizonS: 0, sampleEveryS: 1 })).rejects.toThrow(/horizon/);
  });
});

describe('Population', () => {
  it('stores each attribute in its own typed array and reports bytes per agent', () => {
    const p = new Population({ a: 'f64', b: 'i32', c: 'u8' }, 3, { shared: true });
    expect(p.columns.a).toBeInstanceOf(Float64Array);
    expect(p.columns.b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(p.bytesPerAgent).toBe(13);
    expect([p.add(), p.add(), p.add()]).toEqual([0, 1, 2]);
    expect(() => p.add()).toThrow(/full/);
  });
});
