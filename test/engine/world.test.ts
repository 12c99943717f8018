import { describe, expect, it } from 'vitest';
import type { AnyModel, MetricValues } from '../../src/engine/model.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../src/engine/threaded-shards.ts';
import { world } from '../../src/engine/world.ts';
import { forwardAndReverse } from '../helpers/shard-order.ts';
import { type ToyWorldArgs, toyNetwork, toyWorld } from './toy-network.ts';

const SEED = 17;
const HORIZON_S = 400;
const SAMPLE_S = 45; // not a multiple of either period: sample windows split the networks' windows

/** Every sample of a run, as rows of `t column=value`, keeping only the columns that start with `prefix`. */
async function rows(model: AnyModel, prefix = '', executor?: ThreadedShardExecutor): Promise<string[]> {
  const out: string[] = [];
  const pick = (v: MetricValues) =>
    Object.entries(v)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, x]) => `${k}=${x}`)
      .join(',');
  const r = await simulate(model, { seed: SEED, horizonS: HORIZON_S, sampleEveryS: SAMPLE_S, executor, onSample: (t, v) => out.push(`${t} ${pick(v)}`) });
  out.push(`end ${pick(r.end)}`);
  return out;
}

const A = { name: 'alpha', periodS: 10, agentsPerShard: 30 };
const B = { name: 'beta', periodS: 7, agentsPerShard: 20, meanGapS: 3 };

describe('a world of several networks', () => {
  it('steps each network only at its own boundaries and at sample times', async () => {
    const samples: MetricValues[] = [];
    await simulate(toyWorld({ shards: 3, networks: [A, B] }), { seed: SEED, horizonS: 100, sampleEveryS: 45, onSample: (_t, v) => samples.push(v) });
    const last = samples.at(-1)!;
    // alpha: its boundaries 10, 20, …, 100 plus the sample at 45 (90 is both) → 11 windows;
    // beta: its boundaries 7, 14, …, 98, the samples at 45 and 90, and the horizon at 100 → 17.
    expect(last.alpha_windows).toBe(11);
    expect(last.beta_windows).toBe(17);
    expect(last.alpha_last_from).toBe(90);
    expect(last.beta_last_from).toBe(98);
  });

  it("gives a network's columns byte-identical to its run alone, beside a differently-periodic network", async () => {
    const together = await rows(toyWorld({ shards: 3, networks: [A, B] }), 'alpha_');
    const alone = await rows(toyWorld({ shards: 3, networks: [A] }), 'alpha_');
    expect(together).toEqual(alone);
    expect(await rows(toyWorld({ shards: 3, networks: [A, B] }), 'beta_')).toEqual(await rows(toyWorld({ shards: 3, networks: [B] }), 'beta_'));
  });

  it('runs two instances of one network with different parameters, each equal to its run alone and distinct', async () => {
    const lpa = { name: 'lpa', periodS: 10, agentsPerShard: 30 };
    const lpb = { name: 'lpb', periodS: 10, agentsPerShard: 60 };
    const both = toyWorld({ shards: 2, networks: [lpa, lpb] });
    expect(await rows(both, 'lpa_')).toEqual(await rows(toyWorld({ shards: 2, networks: [lpa] }), 'lpa_'));
    expect(await rows(toyWorld({ shards: 2, networks: [lpa, lpb] }), 'lpb_')).toEqual(await rows(toyWorld({ shards: 2, networks: [lpb] }), 'lpb_'));
    // Same parameters under two names draw from different streams (namespaced), so they differ.
    const twins = await rows(toyWorld({ shards: 2, networks: [lpa, { ...lpa, name: 'lpc' }] }));
    const last = twins.at(-1)!;
    expect(/lpa_volume=([^,]+)/.exec(last)![1]).not.toBe(/lpc_volume=([^,]+)/.exec(last)![1]);
  });

  it('namespaces every column: <network>_<metric>, and world_<price>', async () => {
    const model = toyWorld({ shards: 2, networks: [A, { ...B, readsPrice: true }], priceStepS: 20 });
    const r = await simulate(model, { seed: SEED, horizonS: 60, sampleEveryS: 30 });
    expect(Object.keys(r.end).sort()).toEqual(
      [
        'alpha_last_from',
        'alpha_price',
        'alpha_volume',
        'alpha_windows',
        'beta_last_from',
        'beta_price',
        'beta_volume',
        'beta_windows',
        'world_coin_usd',
      ].sort(),
    );
  });

  it('refuses duplicate and malformed network names', () => {
    expect(() => toyWorld({ shards: 1, networks: [A, A] })).toThrow('two networks are named "alpha"');
    expect(() => toyWorld({ shards: 1, networks: [{ ...A, name: 'Alpha' }] })).toThrow(/networks\[0\]\.name: "Alpha" is not allowed/);
    expect(() => toyWorld({ shards: 1, networks: [{ ...A, name: 'world' }] })).toThrow(/reserved/);
    expect(() => toyWorld({ shards: 1, networks: [{ ...A, name: 'lp_a' }] })).toThrow(/lower-case letters and digits/);
  });

  it('gives the same bytes with shards processed in reverse order', async () => {
    const { forward, reverse } = await forwardAndReverse({
      build: () => toyWorld({ shards: 4, networks: [A, { ...B, readsPrice: true }], priceStepS: 25 }),
      seed: SEED,
      horizonS: HORIZON_S,
      sampleEveryS: SAMPLE_S,
    });
    expect(reverse).toBe(forward);
  });

  it('gives the same bytes on 1, 2 and 3 threads per run', async () => {
    const args: ToyWorldArgs = { shards: 5, networks: [A, { ...B, readsPrice: true }], priceStepS: 25 };
    const source = { module: new URL('./toy-network.ts', import.meta.url).href, args };
    const one = await rows(toyWorld(args));
    for (const threads of [2, 3]) {
      const model = toyWorld(args);
      const executor = await ThreadedShardExecutor.start(model, source, SEED, threads);
      try {
        expect(await rows(model, '', executor)).toEqual(one);
      } finally {
        await executor.close();
      }
    }
  });

  it('couples networks only through the world: a price-reading network changes with the price path, the other does not', async () => {
    const reads = { ...B, readsPrice: true };
    const withWalk = await rows(toyWorld({ shards: 2, networks: [A, reads], priceStepS: 20 }));
    const flat = await rows(toyWorld({ shards: 2, networks: [A, reads] }));
    const col = (r: string[], prefix: string) =>
      r.map((line) =>
        line
          .split(' ')[1]!
          .split(',')
          .filter((c) => c.startsWith(prefix))
          .join(','),
      );
    expect(col(withWalk, 'alpha_')).toEqual(col(flat, 'alpha_'));
    expect(col(withWalk, 'beta_')).not.toEqual(col(flat, 'beta_'));
  });

  it("samples each network's market once per sample time, and ends with that sample (a sample may start a new tally)", async () => {
    const base = toyNetwork('alpha', 10, 5);
    let calls = 0;
    const counted = {
      ...base,
      createMarket: (ctx: Parameters<typeof base.createMarket>[0], view: Parameters<typeof base.createMarket>[1]) => {
        const m = base.createMarket(ctx, view);
        return { ...m, sample: (t: number) => ({ ...m.sample(t), calls: ++calls }) };
      },
    };
    const samples: MetricValues[] = [];
    const r = await simulate(world({ shards: 2, networks: [counted] }), { seed: SEED, horizonS: 100, sampleEveryS: 25, onSample: (_t, v) => samples.push(v) });
    expect(calls).toBe(5); // t = 0, 25, 50, 75, 100
    expect(r.end.alpha_calls).toBe(5);
    expect(r.end).toEqual(samples.at(-1));
  });
});
