import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, manifestOf, REPO, tempDir } from './cli-helpers.ts';

const WITH_RECORD = 'test/fixtures/with-record.ts';

/** An experiment file in `dir` whose record CSV has the given text (the experiment is the fixture's). */
function experimentWithRecord(dir: string, recordText: string): string {
  const file = join(dir, 'exp.ts');
  const fixture = readFileSync(join(REPO, WITH_RECORD), 'utf8')
    .replace(/'\.\.\/\.\.\/src\//g, `'${join(REPO, 'src')}/`)
    .replace(/'\.\/tiny\.ts'/, `'${join(REPO, 'test/fixtures/tiny.ts')}'`)
    .replace("csv: 'records/tiny-record.csv'", "csv: 'record.csv'");
  writeFileSync(file, fixture);
  writeFileSync(join(dir, 'record.csv'), recordText);
  return file;
}

describe('the public record on the command line', () => {
  it('refuses a bad record when the experiment loads: exit 2, one line naming the row and the column, nothing written', async () => {
    const dir = tempDir('bad-record');
    const file = experimentWithRecord(dir, 'date,metric,value,source\n2024-01-02,volume,240,x\n2024-01-03,volume,lots,y\n');
    const out = join(dir, 'out');
    const r = await cli(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, 'record.csv')} row 3, column "value": "lots" is not allowed; allowed: a finite number`);
    expect(existsSync(out)).toBe(false);
    const d = await cli(['describe', file]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('row 3, column "value"');
  });

  it('copies the record into the folder, names its source and sha256 in the manifest, and merge carries both', async () => {
    const root = tempDir('record-merge');
    const shard = (i: number) => join(root, `s${i}`);
    for (const i of [0, 1]) expect((await cli(['run', WITH_RECORD, '--shard', `${i}/2`, '--out', shard(i), '--quiet'])).code).toBe(0);
    const merged = join(root, 'merged');
    const m = await cli(['merge', shard(0), shard(1), '--out', merged, '--quiet']);
    expect(m.code, m.stderr).toBe(0);
    const record = manifestOf(merged).record as { file: string; source: string; sha256: string; start_date: string; rows: number };
    expect(record).toEqual(manifestOf(shard(0)).record);
    expect(record).toMatchObject({ file: 'record.csv', source: join(REPO, 'test/fixtures/records/tiny-record.csv'), start_date: '2024-01-01', rows: 5 });
    const copy = readFileSync(join(merged, 'record.csv'), 'utf8');
    expect(copy.split('\n')[0]).toBe('date,t_days,metric,value,source');
    expect(copy).toContain('2024-01-03,2,price,1.1,https://example.org/made-up-fixture');
    expect(manifestOf(merged).metric_docs).toMatchObject({ volume: { doc: 'Total order volume so far', unit: 'tokens' } });
  });

  it('--force clears the report and Parquet files of the sweep it overwrites', async () => {
    const out = join(tempDir('force-extras'), 'out');
    expect((await cli(['run', WITH_RECORD, '--out', out, '--quiet', '--report', '--format', 'csv,parquet'])).code).toBe(0);
    for (const f of ['report.html', 'runs.parquet', 'record.parquet', 'record.csv']) expect(existsSync(join(out, f))).toBe(true);
    expect((await cli(['run', 'test/fixtures/tiny.ts', '--out', out, '--quiet', '--force'])).code).toBe(0);
    for (const f of ['report.html', 'runs.parquet', 'record.parquet', 'record.csv']) expect(existsSync(join(out, f))).toBe(false);
  });
});
