import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli-helpers.ts';

/** The README's tutorial and CLI reference, run at small sizes (every command in the README runs in CI). */
describe('the README commands', () => {
  it('lists the shipped experiments', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    for (const name of ['livepeer-inflation', 'livepeer-market', 'boltzmann-wealth']) expect(r.stdout).toContain(name);
  });

  it('describes an experiment: parameters with ranges and docs, metrics, memory per agent', async () => {
    const r = await cli(['describe', 'experiments/livepeer-inflation.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/targetBondingRate\s+real\s+allowed: a number from 0 to 1/);
    expect(r.stdout).toContain('delegator_real_yield_annual');
    expect(r.stdout).toMatch(/broadcasters: \d+ × \d+ B per agent/);
  });

  it('runs the tutorial sweep with a grid from --set and writes the documented files', async () => {
    const out = join(tempDir('readme'), 'tutorial');
    const r = await cli([
      'run',
      'experiments/livepeer-inflation.ts',
      '--replicates',
      '2',
      '--set',
      'horizonDays=10',
      '--set',
      'targetBondingRate=0.3,0.5,0.7',
      '--set',
      'inflationChange=500',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const runs = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    expect(runs[0]!.startsWith('run_id,point_id,replicate,seed,')).toBe(true);
    expect(runs).toHaveLength(1 + 3 * 2);
    const summaryHeader = readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[0]!;
    expect(summaryHeader.endsWith('metric,n,mean,sd,ci95_low,ci95_high,min,median,max')).toBe(true);
    expect(readFileSync(join(out, 'timeseries.csv'), 'utf8').split('\n')[0]).toMatch(/^run_id,t_days,bonding_rate,inflation,/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
  });

  it('refuses a bad value with the allowed range and writes nothing', async () => {
    const out = join(tempDir('readme'), 'bad');
    const r = await cli(['run', 'experiments/livepeer-inflation.ts', '--set', 'targetBondingRate=1.5', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('targetBondingRate: 1.5 is not allowed; allowed: a number from 0 to 1');
  });
});
