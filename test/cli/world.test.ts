import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, csvs, manifestOf, tempDir } from './cli-helpers.ts';

/** A world (Livepeer under correlated stochastic LPT and ETH prices) through the command line. */
describe('a world through panmine run', () => {
  const dir = tempDir('world');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = ['run', 'experiments/livepeer-prices.ts', '--replicates', '2', '--set', 'world_horizonDays=15', '--set', 'world_lptJumpsPerYear=6', '--quiet'];

  it('gives byte-identical CSVs on 1 and 2 workers', async () => {
    const a = await cli([...base, '--workers', '1', '--out', join(dir, 'w1')]);
    const b = await cli([...base, '--workers', '2', '--out', join(dir, 'w2')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(csvs(join(dir, 'w2'))).toEqual(csvs(join(dir, 'w1')));
    expect(csvs(join(dir, 'w1'))['timeseries.csv']).toMatch(/^run_id,t_days,world_lpt_usd,world_eth_usd,livepeer_bonding_rate/);
    // The manifest names the world's networks, so a report gives each its own section.
    expect(manifestOf(join(dir, 'w1')).networks).toEqual(['livepeer']);
  }, 60_000);

  it('gives byte-identical CSVs with one run on 1, 2 and 3 threads', async () => {
    const one = [
      'run',
      'experiments/livepeer-prices.ts',
      '--replicates',
      '1',
      '--set',
      'world_horizonDays=15',
      '--set',
      'world_lptSigma=1.5',
      '--set',
      'world_lptJumpsPerYear=6',
      '--set',
      'world_shards=3',
      '--quiet',
    ];
    for (const t of [1, 2, 3]) {
      const r = await cli([...one, '--threads-per-run', String(t), '--out', join(dir, `t${t}`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(csvs(join(dir, 't2'))).toEqual(csvs(join(dir, 't1')));
    expect(csvs(join(dir, 't3'))).toEqual(csvs(join(dir, 't1')));
  }, 60_000);
});
