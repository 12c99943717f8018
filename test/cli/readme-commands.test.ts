import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVEPEER_METRICS } from '../../src/networks/livepeer/metrics.ts';
import { cli, parseCsvRecords, REPO, tempDir } from './cli-helpers.ts';

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
    // Namespaced: the network's parameters and metrics are livepeer_*, the world's world_*.
    expect(r.stdout).toMatch(/livepeer_targetBondingRate\s+real\s+allowed: a number from 0 to 1/);
    expect(r.stdout).toMatch(/world_shards\s+int\s+allowed: an integer from 1 to 256/);
    expect(r.stdout).toContain('livepeer_delegator_real_yield_annual');
    expect(r.stdout).toContain('world_lpt_usd');
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
      'world_horizonDays=10',
      '--set',
      'livepeer_targetBondingRate=0.3,0.5,0.7',
      '--set',
      'livepeer_inflationChange=500',
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
    expect(readFileSync(join(out, 'timeseries.csv'), 'utf8').split('\n')[0]).toMatch(
      /^run_id,t_days,world_lpt_usd,world_eth_usd,livepeer_bonding_rate,livepeer_inflation,/,
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
  });

  it('looks at the tutorial folder: report, a PNG plot, Parquet and a query', async () => {
    const out = join(tempDir('readme'), 'tutorial');
    const run = [
      'run',
      'experiments/livepeer-inflation.ts',
      '--replicates',
      '2',
      '--set',
      'world_horizonDays=5',
      '--set',
      'livepeer_inflationChange=500',
      '--out',
      out,
    ];
    expect((await cli([...run, '--quiet', '--format', 'csv,parquet'])).code).toBe(0);
    expect((await cli(['report', out])).stdout.trim()).toBe(join(out, 'report.html'));
    const png = join(out, 'livepeer_inflation.png');
    expect((await cli(['plot', out, '--metric', 'livepeer_inflation', '--out', png])).code).toBe(0);
    expect(existsSync(png)).toBe(true);
    const q = await cli(['query', out, 'select metric, mean from summary']);
    expect(q.code, q.stderr).toBe(0);
    // 3 points × (Livepeer's metrics + 2 world prices)
    expect(q.stdout).toContain(`(${3 * (Object.keys(LIVEPEER_METRICS).length + 2)} rows)`);
    expect(existsSync(join(out, 'summary.parquet'))).toBe(true);
  });

  it('refuses a bad value with the allowed range and writes nothing', async () => {
    const out = join(tempDir('readme'), 'bad');
    const r = await cli(['run', 'experiments/livepeer-inflation.ts', '--set', 'livepeer_targetBondingRate=1.5', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('livepeer_targetBondingRate: 1.5 is not allowed; allowed: a number from 0 to 1');
  });
});

/**
 * The tutorial as a newcomer follows it: copy the example model, rename it, run the README's sweep command, and
 * read the folder with the README's pandas snippet (Debian's python3 with python3-pandas, which .ci/run installs).
 */
describe("the README's tutorial", () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const tutorial = readme.slice(readme.indexOf('## Five-minute tutorial'), readme.indexOf('## What is in the box'));
  const runLine = /npx panmine run experiments\/my-market\.ts [^\n]+/.exec(tutorial)?.[0];
  const python = /```python\n([\s\S]*?)```/.exec(tutorial)?.[1];

  it('copies the example, runs the sweep it shows and reads it with its pandas snippet', async () => {
    expect(runLine, 'the tutorial shows a run command for experiments/my-market.ts').toBeDefined();
    expect(python, 'the tutorial shows a python block').toBeDefined();
    const name = `my-market-${process.pid}`;
    const file = join(REPO, 'experiments', `${name}.ts`);
    const out = join(tempDir('tutorial'), 'tutorial');
    writeFileSync(file, readFileSync(join(REPO, 'experiments', 'example-market.ts'), 'utf8').replace("name: 'example-market'", `name: '${name}'`));
    try {
      const args = runLine!
        .replace(/^npx panmine /, '')
        .replace('experiments/my-market.ts', `experiments/${name}.ts`)
        .replace('results/tutorial', out)
        .match(/'[^']*'|\S+/g)!
        .map((w) => w.replace(/^'|'$/g, ''));
      const r = await cli([...args, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const runs = parseCsvRecords(readFileSync(join(out, 'runs.csv'), 'utf8'));
      expect(runs).toHaveLength(2 * 3 * 4); // 2 grid values × 3 sampled points × 4 replicates
      expect(new Set(runs.map((row) => row.priceAdjust))).toEqual(new Set(['0.1', '0.4']));
      for (const row of runs) expect(Number(row.costSpread)).toBeGreaterThanOrEqual(0.2);
    } finally {
      rmSync(file, { force: true });
    }
    const py = spawnSync('/usr/bin/python3', ['-c', python!.replace("d = 'results/tutorial'", `d = ${JSON.stringify(out)}`)], { encoding: 'utf8' });
    expect(py.error, 'Debian python3 is needed (apt-get install python3-pandas; .ci/run does it)').toBeUndefined();
    expect(py.status, py.stderr).toBe(0);
    expect(py.stdout).toMatch(/priceAdjust/);
    expect(py.stdout).toMatch(/served_share|mean/);
  });

  it('describes the space a --set and --points would make, before running', async () => {
    const r = await cli(['describe', 'experiments/example-market.ts', '--set', 'priceAdjust=0.1,0.4', '--set', 'costSpread=uniform(0.2,1.2)', '--points', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('space: 6 points × 3 replicates = 18 runs (3 Latin-hypercube points per grid combination');
    expect(r.stdout).toMatch(/costSpread\s+real .* default: sample uniform\(0\.1, 1\.5\)\s+set: sample uniform\(0\.2, 1\.2\)/);
  });
});
