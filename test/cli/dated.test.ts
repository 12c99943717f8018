import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineExperiment } from '../../src/experiment/define.ts';
import { cli, manifestOf, parseCsv, tempDir } from './cli-helpers.ts';

describe('a dated run', () => {
  const dir = tempDir('dated');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a date column (ISO 8601, UTC) beside t_days in timeseries.csv, and records the start date', async () => {
    const out = join(dir, 'a');
    const r = await cli(['run', 'test/fixtures/dated.ts', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(out, 'timeseries.csv'), 'utf8'));
    expect(rows[0]).toEqual(['run_id', 't_days', 'date', 'volume', 'price', 'avg_order', 'last_orders']);
    expect(rows.slice(1, 6).map((row) => [row[1], row[2]])).toEqual([
      ['0', '2024-01-01T00:00:00Z'],
      ['0.25', '2024-01-01T06:00:00Z'],
      ['0.5', '2024-01-01T12:00:00Z'],
      ['0.75', '2024-01-01T18:00:00Z'],
      ['1', '2024-01-02T00:00:00Z'],
    ]);
    const manifest = manifestOf(out) as unknown as { sweep: { start_date: string }; record: { start_date: string } };
    expect(manifest.sweep.start_date).toBe('2024-01-01');
    // The record took the experiment's start date.
    expect(manifest.record.start_date).toBe('2024-01-01');
    expect((await cli(['verify', out])).code).toBe(0);
  });

  it('queries the date as text and reports it', async () => {
    const out = join(dir, 'a');
    const q = await cli(['query', out, 'select date from timeseries where t_days = 1.5 and run_id = 0', '--format', 'csv']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout.trim().split('\n')).toEqual(['date', '2024-01-02T12:00:00Z']);
    const rep = await cli(['report', out]);
    expect(rep.code, rep.stderr).toBe(0);
  });

  it('refuses a malformed start date, and a record dated from another start', () => {
    const base = { name: 'x', description: '', params: {}, horizon: 10, sampleEvery: 1, metrics: { m: 'a metric' }, build: () => ({}) as never };
    expect(() => defineExperiment({ ...base, startDate: '2024-13-01' })).toThrow('startDate: "2024-13-01" is not allowed; allowed: a date YYYY-MM-DD');
    expect(() => defineExperiment({ ...base, startDate: '2024-01-01', record: { csv: 'r.csv', startDate: '2024-02-01' } })).toThrow(
      'record.startDate: "2024-02-01" is not allowed; allowed: the experiment\'s startDate 2024-01-01',
    );
    expect(() => defineExperiment({ ...base, record: { csv: 'r.csv' } })).toThrow(/record.startDate: undefined is not allowed/);
  });
});
