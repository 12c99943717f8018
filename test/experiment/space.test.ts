import { describe, expect, it } from 'vitest';
import { closest } from '../../src/core/errors.ts';
import { grid, param, sample } from '../../src/core/params.ts';
import { days } from '../../src/core/units.ts';
import type { AnyModel } from '../../src/engine/model.ts';
import { defineExperiment } from '../../src/experiment/define.ts';
import { applyOverrides, expandSpace, spaceOf } from '../../src/experiment/space.ts';

const noModel = (): AnyModel => {
  throw new Error('not built in these tests');
};

const exp = defineExperiment({
  name: 'space-test',
  description: 'parameter spaces',
  params: {
    agents: param.int({ value: 100, min: 1, max: 1000, doc: 'agents' }),
    rate: param.real({ value: grid([0.1, 0.2]), min: 0, max: 1, doc: 'a rate' }),
    mode: param.choice(['a', 'b', 'c'] as const, { value: grid(['a', 'b']), doc: 'a mode' }),
    vol: param.real({ value: sample.uniform(0.2, 1.2), min: 0, doc: 'volatility' }),
  },
  points: 5,
  replicates: 3,
  horizon: days(10),
  sampleEvery: days(1),
  metrics: { x: 'a metric' },
  build: noModel,
});

describe('parameter spaces', () => {
  it('crosses grid axes (first slowest) with Latin-hypercube draws of sampled axes', () => {
    const s = spaceOf(exp);
    expect(s.gridAxes).toEqual(['rate', 'mode']);
    expect(s.sampledAxes).toEqual(['vol']);
    expect(s.points).toHaveLength(2 * 2 * 5);
    expect(s.points.slice(0, 6).map((p) => [p.values.rate, p.values.mode])).toEqual([
      [0.1, 'a'],
      [0.1, 'a'],
      [0.1, 'a'],
      [0.1, 'a'],
      [0.1, 'a'],
      [0.1, 'b'],
    ]);
    // One draw in each fifth of [0.2, 1.2) per grid combination.
    const strata = s.points
      .slice(0, 5)
      .map((p) => Math.floor(((p.values.vol as number) - 0.2) / 0.2))
      .sort();
    expect(strata).toEqual([0, 1, 2, 3, 4]);
    expect(s.points.map((p) => p.id)).toEqual(s.points.map((_, i) => i));
  });

  it('draws the same points for the same seed and different ones for another', () => {
    const vols = (seed: number) => spaceOf(exp, [], seed).points.map((p) => p.values.vol);
    expect(vols(1)).toEqual(vols(1));
    expect(vols(2)).not.toEqual(vols(1));
  });

  it('turns --set name=v1,v2 into a grid axis and name=v into a fixed value', () => {
    const s = spaceOf(exp, ['agents=10,20,30', 'rate=0.5']);
    expect(s.gridAxes).toEqual(['agents', 'mode']);
    expect(s.points).toHaveLength(3 * 2 * 5);
    expect(s.points.every((p) => p.values.rate === 0.5)).toBe(true);
  });

  it('names the field, value and allowed range for an out-of-range override', () => {
    expect(() => applyOverrides(exp.params, ['agents=-5'])).toThrow('agents: -5 is not allowed; allowed: an integer from 1 to 1000');
    expect(() => applyOverrides(exp.params, ['agents=2.5'])).toThrow(/agents: 2.5/);
    expect(() => applyOverrides(exp.params, ['mode=z'])).toThrow(/one of "a", "b", "c"/);
  });

  it('suggests the closest name for a typo and lists parameters for an unknown one', () => {
    expect(() => applyOverrides(exp.params, ['agnets=5'])).toThrow(/did you mean "agents"/);
    expect(() => applyOverrides(exp.params, ['nosuch=1'])).toThrow(/no such parameter; parameters: agents, rate, mode, vol/);
    expect(closest('targetBondingRte', ['targetBondingRate', 'inflationChange'])).toBe('targetBondingRate');
  });

  it('validates the definition itself, naming the field', () => {
    const base = { name: 'ok', description: '', params: {}, horizon: 1, sampleEvery: 1, metrics: { m: 'm' }, build: noModel };
    expect(() => defineExperiment({ ...base, name: 'Bad Name' })).toThrow(/^name:/);
    expect(() => defineExperiment({ ...base, replicates: 0 })).toThrow(/replicates: 0/);
    expect(() => defineExperiment({ ...base, horizon: -1 })).toThrow(/horizon: -1/);
    expect(() => defineExperiment({ ...base, metrics: {} })).toThrow(/metrics/);
    expect(() => defineExperiment({ ...base, params: { k: param.int({ value: 0, min: 1, doc: '' }) } })).toThrow(
      /k: 0 is not allowed; allowed: an integer ≥ 1/,
    );
    expect(() => defineExperiment({ ...base, params: { seed: 3 } })).toThrow(/reserved/);
  });

  it('infers a type for bare values and checks overrides against it', () => {
    const e = defineExperiment({
      name: 'bare',
      description: '',
      params: { k: 5, x: 0.5, on: true },
      horizon: 1,
      sampleEvery: 1,
      metrics: { m: '' },
      build: noModel,
    });
    expect(() => applyOverrides(e.params, ['k=1.5'])).toThrow(/k: 1.5.*integer/);
    expect(() => applyOverrides(e.params, ['on=yes'])).toThrow(/true or false/);
    expect(expandSpace(applyOverrides(e.params, ['x=1,2']), 1, 1).points).toHaveLength(2);
  });
  it('makes a sampled axis from --set name=uniform(a,b), logUniform, int and choice, each value checked', () => {
    const s = spaceOf(exp, ['vol=uniform(0.5,0.6)', 'agents=int(10,20)', 'mode=choice(a,c)']);
    expect(s.sampledAxes).toEqual(['agents', 'mode', 'vol']);
    expect(s.gridAxes).toEqual(['rate']);
    for (const p of s.points) {
      expect(p.values.vol).toBeGreaterThanOrEqual(0.5);
      expect(p.values.vol).toBeLessThan(0.6);
      expect(Number.isInteger(p.values.agents) && (p.values.agents as number) >= 10 && (p.values.agents as number) <= 20).toBe(true);
      expect(['a', 'c']).toContain(p.values.mode);
    }
    expect(spaceOf(exp, ['vol=logUniform(0.1,1)']).specs.vol!.value).toEqual({ kind: 'logUniform', low: 0.1, high: 1 });
    expect(() => spaceOf(exp, ['vol=uniform(0.5)'])).toThrow(/vol: "uniform\(0.5\)" is not allowed; allowed: uniform\(low,high\) with two bounds/);
    expect(() => spaceOf(exp, ['agents=int(10,2000)'])).toThrow(/agents: 2000 is not allowed; allowed: an integer from 1 to 1000/);
    expect(() => spaceOf(exp, ['mode=choice(a,z)'])).toThrow(/mode: "z" is not allowed/);
  });

  it('takes the number of Latin-hypercube points per grid combination from --points', () => {
    expect(spaceOf(exp, [], exp.seed, 3).points).toHaveLength(2 * 2 * 3);
    const one = spaceOf(exp, ['rate=0.1', 'mode=a'], exp.seed, 7);
    const strata = one.points.map((p) => Math.floor(((p.values.vol as number) - 0.2) / (1 / 7))).sort((a, b) => a - b);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives every grid combination the same sampled values', () => {
    const s = spaceOf(exp);
    const volsOf = (rate: number, mode: string) => s.points.filter((p) => p.values.rate === rate && p.values.mode === mode).map((p) => p.values.vol);
    expect(volsOf(0.2, 'b')).toEqual(volsOf(0.1, 'a'));
  });
});
