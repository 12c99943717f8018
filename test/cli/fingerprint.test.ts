import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, csvs, manifestOf, REPO, TINY, tempDir } from './cli-helpers.ts';

/**
 * An experiment in its own folder that imports a model module statically and a scale factor dynamically, the way
 * a researcher's experiment imports their own code.
 */
function writeExperiment(dir: string, meanOrder: number, scale: number): string {
  mkdirSync(dir, { recursive: true });
  const src = (p: string) => JSON.stringify(join(REPO, p));
  // An ES module package, as a researcher's own folder of experiments would be (top-level await needs it).
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'model.ts'), `export const meanOrder = ${meanOrder};\n`);
  writeFileSync(join(dir, 'scale.ts'), `export const scale = ${scale};\n`);
  writeFileSync(
    join(dir, 'exp.ts'),
    `import { param } from ${src('src/core/params.ts')};
import { days } from ${src('src/core/units.ts')};
import { defineExperiment } from ${src('src/experiment/define.ts')};
import { tinyModel } from ${src('test/fixtures/tiny.ts')};
import { meanOrder } from './model.ts';
const { scale } = await import('./scale.ts');
export default defineExperiment({
  name: 'own-code',
  description: 'an experiment that imports its model',
  params: { agents: param.int({ value: 9, min: 1, max: 1000, doc: 'agents' }) },
  replicates: 4,
  seed: 21,
  horizon: days(2),
  sampleEvery: days(1),
  metrics: { volume: 'v', price: 'p', avg_order: 'a', last_orders: 'l' },
  build: (p) => tinyModel(p.agents, meanOrder * scale),
});
`,
  );
  return join(dir, 'exp.ts');
}

const removeParts = (out: string, ids: number[]) => {
  for (const id of ids) rmSync(join(out, 'parts', `run-${id}.part`));
};

describe('the code fingerprint of a sweep', () => {
  const base = tempDir('fingerprint');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('refuses to --resume after an imported module changed, naming the module, and writes nothing', async () => {
    const exp = writeExperiment(join(base, 'a'), 1, 1);
    const out = join(base, 'a-out');
    expect((await cli(['run', exp, '--out', out, '--quiet'])).code).toBe(0);
    const before = csvs(out);
    removeParts(out, [1, 2]); // as if the sweep had been interrupted
    writeExperiment(join(base, 'a'), 2, 1);
    const r = await cli(['run', exp, '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot --resume: the code differs from the sweep's: .*model\.ts changed/);
    expect(readdirSync(join(out, 'parts'))).toHaveLength(2);
    expect(csvs(out)).toEqual(before);
  }, 60_000);

  it('sees a module the experiment imports dynamically', async () => {
    const exp = writeExperiment(join(base, 'b'), 1, 1);
    const out = join(base, 'b-out');
    expect((await cli(['run', exp, '--out', out, '--quiet'])).code).toBe(0);
    writeExperiment(join(base, 'b'), 1, 3);
    const r = await cli(['run', exp, '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scale\.ts changed/);
  }, 60_000);

  it('refuses to merge shards computed with different code', async () => {
    const exp = writeExperiment(join(base, 'c'), 1, 1);
    expect((await cli(['run', exp, '--out', join(base, 'c0'), '--shard', '0/2', '--quiet'])).code).toBe(0);
    writeExperiment(join(base, 'c'), 1.5, 1);
    expect((await cli(['run', exp, '--out', join(base, 'c1'), '--shard', '1/2', '--quiet'])).code).toBe(0);
    const r = await cli(['merge', join(base, 'c0'), join(base, 'c1'), '--out', join(base, 'c-merged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not shards of the same sweep: the code differs: .*model\.ts changed/);
  }, 60_000);

  it('redoes, and names, a run whose part belongs to another sweep', async () => {
    const mine = join(base, 'mine');
    const other = join(base, 'other');
    expect((await cli(['run', TINY, '--out', mine, '--quiet'])).code).toBe(0);
    expect((await cli(['run', TINY, '--out', other, '--set', 'agents=40', '--quiet'])).code).toBe(0);
    const before = csvs(mine);
    // Same seed, same run id: only the parameters tell the parts apart.
    cpSync(join(other, 'parts', 'run-3.part'), join(mine, 'parts', 'run-3.part'));
    const r = await cli(['run', TINY, '--out', mine, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/run 3: its part belongs to another sweep \(params\.agents is 40 there, 30 here\); redoing it/);
    expect(csvs(mine)).toEqual(before);
  }, 60_000);

  it.each([
    ['on worker threads', '2'],
    ['in a sweep of a single run', '1'],
  ])(
    'fails a run that loads a module the fingerprint does not cover, %s, naming the module',
    async (_where, replicates) => {
      const out = join(base, `lazy-${replicates}`);
      const r = await cli(['run', 'test/fixtures/lazy-module.ts', '--out', out, '--replicates', replicates, '--quiet']);
      expect(r.code).toBe(1);
      const runs = manifestOf(out).runs as { status: string; cause?: string; error?: string; attempts?: number }[];
      expect(runs.map((x) => [x.status, x.cause, x.attempts])).toEqual(runs.map(() => ['failed', 'source', 1]));
      expect(runs[0]!.error).toMatch(/the run loaded .*test\/fixtures\/lazy-helper\.cjs, which the sweep's source fingerprint does not cover/);
    },
    60_000,
  );
});
