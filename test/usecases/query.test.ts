import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../../src/output/duckdb.ts';
import { sqlString } from '../../src/output/tables.ts';
import { convertFolder } from '../../src/usecases/convert.ts';
import { runQuery } from '../../src/usecases/query.ts';
import { cli, parseCsv, tempDir } from '../cli/cli-helpers.ts';

const FIXTURE = 'test/fixtures/with-record.ts';
const TABLES = [
  ['runs', 'runs.csv'],
  ['timeseries', 'timeseries.csv'],
  ['summary', 'summary.csv'],
  ['record', 'record.csv'],
] as const;

let csvDir: string; // CSV only
let parquetDir: string; // CSV and Parquet, written by run --format csv,parquet
let parquetOnly: string; // Parquet and the manifest, no CSV

beforeAll(async () => {
  const root = tempDir('query');
  csvDir = join(root, 'csv');
  parquetDir = join(root, 'parquet');
  const a = await cli(['run', FIXTURE, '--out', csvDir, '--quiet']);
  const b = await cli(['run', FIXTURE, '--out', parquetDir, '--quiet', '--format', 'csv,parquet']);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  parquetOnly = join(root, 'parquet-only');
  mkdirSync(parquetOnly);
  for (const f of readdirSync(parquetDir)) if (f.endsWith('.parquet') || f === 'manifest.json') copyFileSync(join(parquetDir, f), join(parquetOnly, f));
});

/** Reads a Parquet file's column names, types and rows with DuckDB. */
async function readParquet(path: string) {
  return withDuckDb(async (c) => {
    const types = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`)).getRowsJS().map((r) => [r[0], r[1]] as [string, string]);
    const rows = (await c.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(path)})`)).getRowsJS();
    return { types, rows };
  });
}

/** A CSV cell as the value it stands for, in the column's type. */
function expected(cell: string, type: string): unknown {
  if (type === 'BIGINT') return BigInt(cell);
  if (type === 'BOOLEAN') return cell === 'true';
  if (type === 'VARCHAR') return cell;
  if (cell === '') return null;
  return cell === 'inf' ? Infinity : cell === '-inf' ? -Infinity : Number(cell);
}

describe('Parquet and SQL over an output folder', () => {
  it('answers "select metric, mean from summary" the same from a CSV folder, a Parquet folder and a Parquet-only folder', async () => {
    const sql = 'select metric, mean from summary';
    const fromCsv = await cli(['query', csvDir, sql]);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    expect(fromCsv.stdout.split('\n')[0]).toMatch(/^metric\s+mean$/);
    expect(fromCsv.stdout).toContain('(6 rows)'); // 2 points × 3 metrics
    for (const dir of [parquetDir, parquetOnly]) {
      const r = await runQuery({ dirs: [dir], sql, format: 'table' });
      expect(r.text).toBe(fromCsv.stdout);
      expect(r.notes).toEqual([]);
    }
  });

  it('writes Parquet tables that hold exactly the values of the CSV tables, with typed columns', async () => {
    for (const [table, csv] of TABLES) {
      const [header, ...rows] = parseCsv(readFileSync(join(parquetDir, csv), 'utf8'));
      const pq = await readParquet(join(parquetDir, `${table}.parquet`));
      expect(pq.types.map((t) => t[0])).toEqual(header);
      expect(pq.rows).toHaveLength(rows.length);
      for (const [i, row] of rows.entries()) {
        for (const [j, cell] of row.entries()) {
          const got = pq.rows[i]![j];
          const want = expected(cell, pq.types[j]![1]);
          if (!Object.is(got, want)) throw new Error(`${table} row ${i + 2} column ${header![j]}: CSV ${JSON.stringify(cell)}, Parquet ${String(got)}`);
        }
      }
    }
    const runs = Object.fromEntries((await readParquet(join(parquetDir, 'runs.parquet'))).types);
    expect(runs).toEqual({
      run_id: 'BIGINT',
      point_id: 'BIGINT',
      replicate: 'BIGINT',
      seed: 'BIGINT',
      agents: 'BIGINT',
      meanOrder: 'DOUBLE',
      label: 'VARCHAR',
      verbose: 'BOOLEAN',
      volume: 'DOUBLE',
      price: 'DOUBLE',
      avg_order: 'DOUBLE',
    });
    const summary = Object.fromEntries((await readParquet(join(parquetDir, 'summary.parquet'))).types);
    expect([summary.metric, summary.n, summary.ci95_low]).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE']);
    // avg_order is NaN at t = 0: an empty cell in the CSV, NULL in Parquet.
    const ts = await readParquet(join(parquetDir, 'timeseries.parquet'));
    expect(ts.rows[0]![4]).toBeNull();
  });

  it('converts a CSV folder to the same Parquet tables run --format csv,parquet writes', async () => {
    const dir = tempDir('convert');
    const out = join(dir, 'out');
    expect((await cli(['run', FIXTURE, '--out', out, '--quiet'])).code).toBe(0);
    const r = await cli(['convert', out, '--to', 'parquet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(TABLES.map(([t]) => join(out, `${t}.parquet`)));
    for (const [t] of TABLES) expect((await readParquet(join(out, `${t}.parquet`))).rows).toEqual((await readParquet(join(parquetDir, `${t}.parquet`))).rows);
  });

  it("refuses bad SQL with exit 2 and DuckDB's message on one line, and prints and writes nothing", async () => {
    const before = readdirSync(csvDir).sort();
    const r = await cli(['query', csvDir, 'select metric, mean frm summary']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^panmine: query: .*Parser Error: syntax error at or near "summary"/);
    expect(readdirSync(csvDir).sort()).toEqual(before);
  });

  it('names an unknown column as DuckDB does', async () => {
    await expect(runQuery({ dirs: [csvDir], sql: 'select nope from runs', format: 'table' })).rejects.toThrow(
      /query: Binder Error: Referenced column "nope" not found/,
    );
  });

  it('runs only a SELECT: a COPY, a CREATE or two statements are refused and write nothing', async () => {
    const target = join(tempDir('query-copy'), 'leak.csv');
    await expect(runQuery({ dirs: [csvDir], sql: `copy (select * from runs) to '${target}'`, format: 'table' })).rejects.toThrow(/^query: /);
    expect(existsSync(target)).toBe(false);
    await expect(runQuery({ dirs: [csvDir], sql: 'create table t as select 1', format: 'table' })).rejects.toThrow(
      'only a SELECT (or EXPLAIN) runs here, and this statement is CREATE',
    );
    await expect(runQuery({ dirs: [csvDir], sql: 'select 1; select 2', format: 'table' })).rejects.toThrow('give exactly one SQL statement (found 2)');
  });

  it('stacks several folders with a column telling which', async () => {
    const r = await runQuery({ dirs: [csvDir, parquetOnly], sql: 'select folder, count(*) as runs from runs group by folder order by folder', format: 'csv' });
    // csvDir is <root>/csv and parquetOnly <root>/parquet-only: in that order.
    expect(parseCsv(r.text)).toEqual([
      ['folder', 'runs'],
      [csvDir, '8'],
      [parquetOnly, '8'],
    ]);
  });

  it('prints CSV and JSON that read back to the same values', async () => {
    // "verbose" is an SQL keyword: quoted, it names the column.
    const sql = `select point_id, metric, n, mean, "verbose" from summary where metric = 'price' order by point_id`;
    const csv = parseCsv((await runQuery({ dirs: [csvDir], sql, format: 'csv' })).text);
    const json = JSON.parse((await runQuery({ dirs: [csvDir], sql, format: 'json' })).text) as Record<string, unknown>[];
    expect(csv[0]).toEqual(['point_id', 'metric', 'n', 'mean', 'verbose']);
    expect(json).toHaveLength(2);
    for (const [i, row] of json.entries()) {
      expect(row).toMatchObject({ point_id: i, metric: 'price', n: 4, verbose: false });
      expect(String(row.mean)).toBe(csv[i + 1]![3]);
    }
    const summary = parseCsv(readFileSync(join(csvDir, 'summary.csv'), 'utf8'));
    const priceMeans = summary.filter((r) => r.includes('price')).map((r) => r[summary[0]!.indexOf('mean')]);
    expect(json.map((r) => String(r.mean))).toEqual(priceMeans);
  });

  it('reads the CSV, and says so, when a Parquet file was made from other CSV bytes', async () => {
    const dir = tempDir('stale');
    const out = join(dir, 'out');
    expect((await cli(['run', FIXTURE, '--out', out, '--quiet', '--set', 'agents=40'])).code).toBe(0);
    await convertFolder(out, 'parquet');
    copyFileSync(join(parquetDir, 'summary.parquet'), join(out, 'summary.parquet'));
    const r = await runQuery({ dirs: [out], sql: 'select mean from summary', format: 'csv' });
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toContain('summary.parquet was made from other CSV bytes');
    const csvMeans = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'))
      .slice(1)
      .map((row) => row.at(-7));
    expect(
      parseCsv(r.text)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(csvMeans);
  });

  it('refuses a format without csv, and a folder that is not a finished sweep', async () => {
    const out = join(tempDir('fmt'), 'out');
    const r = await cli(['run', FIXTURE, '--out', out, '--format', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format: "parquet" is not allowed; allowed: csv or csv,parquet');
    expect(existsSync(out)).toBe(false);
    const q = await cli(['query', tempDir('empty'), 'select 1']);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/not a panmine output folder/);
    const c = await cli(['convert', csvDir, '--to', 'arrow']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--to: "arrow" is not allowed; allowed: parquet');
  });
});
