import { resolve } from 'node:path';
import { StatementType } from '@duckdb/node-api';
import { ConfigError, InputError, oneLine } from '../core/errors.ts';
import { type DuckDBConnection, withDuckDb } from '../output/duckdb.ts';
import { csvRow, formatNumber } from '../output/format.ts';
import type { Manifest } from '../output/manifest.ts';
import { currentSources } from '../output/parquet.ts';
import { finishedFolderManifest } from '../output/read-folder.ts';
import { sourceSql, sqlIdent, sqlString, TABLES, type TableSource, tableSources } from '../output/tables.ts';

export const QUERY_FORMATS = ['table', 'csv', 'json'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

export interface QueryRequest {
  /** Output folders, as given on the command line (also the values of the `folder` column when there are several). */
  readonly dirs: readonly string[];
  readonly sql: string;
  /** table, csv or json. */
  readonly format: string;
}

export interface QueryResult {
  /** The result, formatted; printed only once the query has succeeded. */
  readonly text: string;
  /** Notes for stderr (a stale Parquet file read from its CSV instead). */
  readonly notes: readonly string[];
}

/** The column that tells which folder a row came from, when a query reads several. */
export const FOLDER_COLUMN = 'folder';

/**
 * `panmine query DIR... "SQL"`: one SELECT over the folders' tables — runs, timeseries, summary, and record where
 * the folder has one — read from Parquet when present and current, else from the CSVs with typed columns.
 * Several folders are stacked (UNION ALL BY NAME) with a `folder` column. The database is in memory; once the
 * tables are declared, file access is limited to their files and locked, and only SELECT (or EXPLAIN) runs, so a
 * query writes nothing. Bad SQL throws InputError with DuckDB's message on one line.
 */
export async function runQuery(req: QueryRequest): Promise<QueryResult> {
  if (!(QUERY_FORMATS as readonly string[]).includes(req.format)) throw new ConfigError('--format', req.format, `allowed: ${QUERY_FORMATS.join(', ')}`);
  const format = req.format as QueryFormat;
  if (req.dirs.length === 0) throw new InputError('query: give at least one output folder before the SQL');
  const folders = req.dirs.map((label) => {
    const dir = resolve(label);
    return { label, dir, manifest: finishedFolderManifest(dir, label) };
  });
  return withDuckDb(async (c) => {
    const notes: string[] = [];
    const perFolder: { label: string; manifest: Manifest; sources: TableSource[] }[] = [];
    for (const f of folders) {
      const { sources, stale } = await currentSources(c, f.dir, f.manifest, tableSources(f.dir, f.manifest));
      for (const s of stale) notes.push(`${s} was made from other CSV bytes than the folder holds now; read the CSV instead (rerun panmine convert)`);
      perFolder.push({ label: f.label, manifest: f.manifest, sources });
    }
    await declareTables(c, perFolder);
    const allowed = perFolder.flatMap((f) => f.sources.map((s) => sqlString(s.path)));
    await c.run(`SET allowed_paths = [${allowed.join(', ')}]`);
    await c.run('SET enable_external_access = false');
    await c.run('SET lock_configuration = true');
    const reader = await runOneSelect(c, req.sql);
    const names = reader.columnNames();
    const rows = reader.getRowsJS() as unknown[][];
    return { text: formatResult(names, rows, format), notes };
  });
}

async function declareTables(c: DuckDBConnection, folders: readonly { label: string; manifest: Manifest; sources: TableSource[] }[]): Promise<void> {
  const several = folders.length > 1;
  for (const table of TABLES) {
    const parts = folders.flatMap((f) => {
      const s = f.sources.find((x) => x.table === table);
      if (!s) return [];
      return [`SELECT ${several ? `${sqlString(f.label)} AS ${sqlIdent(FOLDER_COLUMN)}, ` : ''}* FROM ${sourceSql(s, f.manifest)}`];
    });
    if (parts.length > 0) await c.run(`CREATE VIEW ${sqlIdent(table)} AS ${parts.join(' UNION ALL BY NAME ')}`);
  }
}

async function runOneSelect(c: DuckDBConnection, sql: string) {
  const fail = (e: unknown) => new InputError(`query: ${oneLine(e)}`);
  let extracted: Awaited<ReturnType<DuckDBConnection['extractStatements']>>;
  try {
    extracted = await c.extractStatements(sql);
  } catch (e) {
    throw fail(e);
  }
  if (extracted.count !== 1) throw new InputError(`query: give exactly one SQL statement (found ${extracted.count})`);
  try {
    const prepared = await extracted.prepare(0);
    const type = prepared.statementType;
    if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN)
      throw new InputError(`query: only a SELECT (or EXPLAIN) runs here, and this statement is ${StatementType[type] ?? type}; a query never writes`);
    return await prepared.runAndReadAll();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw fail(e);
  }
}

type Cell = unknown;

function isNumeric(v: Cell): boolean {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** A cell as text, as the CSVs write it: shortest round-trip numbers, NaN empty, ±Infinity inf/-inf. */
function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

function jsonValue(v: Cell): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}

/**
 * Formats a result: `table` aligns columns (numbers to the right, NULL shown as NULL); `csv` writes RFC 4180
 * with a header (NULL empty); `json` writes an array of row objects, one per line (NULL and NaN null, ±Infinity
 * "inf"/"-inf" as in the CSVs, 64-bit integers as numbers when exact, else as strings).
 */
export function formatResult(names: readonly string[], rows: readonly (readonly Cell[])[], format: QueryFormat): string {
  if (format === 'csv') return csvRow([...names]) + rows.map((r) => csvRow(r.map(cellText))).join('');
  if (format === 'json') {
    if (rows.length === 0) return '[]\n';
    const lines = rows.map((r) => JSON.stringify(Object.fromEntries(names.map((n, i) => [n, jsonValue(r[i])]))));
    return `[\n${lines.join(',\n')}\n]\n`;
  }
  const numeric = names.map((_, j) => rows.some((r) => isNumeric(r[j])) && rows.every((r) => r[j] === null || r[j] === undefined || isNumeric(r[j])));
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? 'NULL' : cellText(v).replace(/\n/g, '\\n'))));
  const widths = names.map((n) => n.length);
  for (const r of cells) for (const [j, s] of r.entries()) widths[j] = Math.max(widths[j]!, s.length);
  const line = (r: readonly string[]) =>
    r
      .map((s, j) => (numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  const out = [line(names), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
