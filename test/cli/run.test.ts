import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointStats } from '../../src/output/point-stats.ts';
import { cli, csvs, FAILS_SOME, manifestOf, parseCsv, parseCsvRecords, TINY, tempDir } from './cli-helpers.ts';

describe('panmine run', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    dir = tempDir('run');
    first = await cli(['run', TINY, '--out', join(dir, 'w2'), '--workers', '2', '--quiet']);
  }, 30_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints the output folder on stdout', () => {
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(join(dir, 'w2'));
    expect(first.stderr).toBe('');
  });

  it('writes byte-identical CSVs with one worker and with two', async () => {
    const r = await cli(['run', TINY, '--out', join(dir, 'w1'), '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    expect(csvs(join(dir, 'w1'))).toEqual(csvs(join(dir, 'w2')));
  }, 30_000);

  it('writes different results with a different --seed', async () => {
    const r = await cli(['run', TINY, '--out', join(dir, 's8'), '--seed', '8', '--quiet']);
    expect(r.code).toBe(0);
    const a = csvs(join(dir, 'w2'));
    const b = csvs(join(dir, 's8'));
    expect(b['runs.csv']).not.toBe(a['runs.csv']);
    expect(b['timeseries.csv']).not.toBe(a['timeseries.csv']);
    expect(b['summary.csv']).not.toBe(a['summary.csv']);
  }, 30_000);

  it('writes runs.csv with ids, seed, parameters in definition order and metrics in declared order', () => {
    const text = readFileSync(join(dir, 'w2', 'runs.csv'), 'utf8');
    const rows: string[][] = parseCsv(text);
    expect(rows[0]).toEqual(['run_id', 'point_id', 'replicate', 'seed', 'agents', 'meanOrder', 'label', 'volume', 'price', 'avg_order', 'last_orders']);
    expect(rows.length).toBe(1 + 10); // 2 grid points × 5 replicates
    expect(rows.slice(1).map((r) => r.slice(0, 3).join('/'))).toEqual(Array.from({ length: 10 }, (_, i) => `${i}/${Math.floor(i / 5)}/${i % 5}`));
    expect(rows[1]![6]).toBe('with,comma');
    expect(text.split('\n')[1]).toContain('"with,comma"');
  });

  it('writes timeseries.csv ordered by run and time, with NaN as an empty cell', () => {
    const rows: string[][] = parseCsv(readFileSync(join(dir, 'w2', 'timeseries.csv'), 'utf8'));
    expect(rows[0]).toEqual(['run_id', 't_days', 'volume', 'price', 'avg_order', 'last_orders']);
    expect(rows.length).toBe(1 + 10 * 6); // samples at days 0..5
    expect(rows[1]).toEqual(['0', '0', '0', '1', '', '0']);
    const keys = rows.slice(1).map((r) => [Number(r[0]), Number(r[1])]);
    const sorted = [...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(keys).toEqual(sorted);
  });

  it('summarises each (point, metric) from the runs it holds', () => {
    const runs: Record<string, string>[] = parseCsvRecords(readFileSync(join(dir, 'w2', 'runs.csv'), 'utf8'));
    const summary: Record<string, string>[] = parseCsvRecords(readFileSync(join(dir, 'w2', 'summary.csv'), 'utf8'));
    expect(Object.keys(summary[0]!)).toEqual([
      'point_id',
      'agents',
      'meanOrder',
      'label',
      'metric',
      'n',
      'mean',
      'sd',
      'ci95_low',
      'ci95_high',
      'min',
      'median',
      'max',
    ]);
    expect(summary.length).toBe(2 * 4);
    const row = summary.find((s) => s.point_id === '1' && s.metric === 'volume')!;
    const xs = runs.filter((r) => r.point_id === '1').map((r) => Number(r.volume));
    // By hand: mean, sample sd, mean ± qt(0.975, 4) · sd / √5 with qt(0.975, 4) = 2.77644510519779 (R).
    const mean = xs.reduce((a, b) => a + b, 0) / 5;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / 4);
    expect(Number(row.n)).toBe(5);
    expect(Number(row.mean)).toBeCloseTo(mean, 9);
    expect(Number(row.sd)).toBeCloseTo(sd, 9);
    expect(Number(row.ci95_low)).toBeCloseTo(mean - (2.77644510519779 * sd) / Math.sqrt(5), 9);
    expect(Number(row.ci95_high)).toBeCloseTo(mean + (2.77644510519779 * sd) / Math.sqrt(5), 9);
    const sorted = [...xs].sort((a, b) => a - b);
    expect([Number(row.min), Number(row.median), Number(row.max)]).toEqual([sorted[0], sorted[2], sorted[4]]);
    expect(row).toMatchObject({ meanOrder: '2.5', label: 'with,comma' });
    expect(pointStats(xs).n).toBe(5);
  });

  it('records the sweep, each run and each file checksum in manifest.json', () => {
    const m = manifestOf(join(dir, 'w2')) as ReturnType<typeof manifestOf> & {
      sweep: { seed: number; replicates: number; panmine_version: string };
      files: Record<string, { sha256: string }>;
      status: string;
      git_commit: string | null;
    };
    expect(m.status).toBe('complete');
    expect(m.sweep).toMatchObject({ seed: 7, replicates: 5, panmine_version: '0.1.0' });
    expect(m.runs.map((r) => r.status)).toEqual(Array(10).fill('ok'));
    expect(Object.keys(m.files)).toEqual(['runs.csv', 'timeseries.csv', 'summary.csv']);
    expect(m.files['runs.csv']!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1 when some runs fail, writes the others and records the failures with their parameters', async () => {
    const out = join(dir, 'fails');
    const r = await cli(['run', FAILS_SOME, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const rows: string[][] = parseCsv(readFileSync(join(out, 'runs.csv'), 'utf8'));
    expect(rows.slice(1).map((x) => x[0])).toEqual(['0', '1']);
    const m = manifestOf(out);
    const failed = m.runs.filter((x) => x.status === 'failed');
    expect(failed.map((x) => x.run_id)).toEqual([2, 3]);
    expect(failed[0]).toMatchObject({ attempts: 2, params: { mode: 'boom' } });
    expect(failed[0]!.error).toContain('boom: mode=boom');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('lists and describes experiments', async () => {
    const d = await cli(['describe', TINY]);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('tiny — A tiny three-shard market');
    expect(d.stdout).toMatch(/meanOrder {2}real \[tokens\] {2}allowed: a number from 0.001 to 1000 {2}default: grid \[1, 2.5\]/);
    expect(d.stdout).toContain('traders: 30 × 16 B per agent = 480 B');
    expect(d.stdout).toContain('avg_order  Mean volume per window');
    const l = await cli(['list']);
    expect(l.code).toBe(0);
    expect(existsSync(join(dir, 'w2'))).toBe(true);
  }, 30_000);
});
