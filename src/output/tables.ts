import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RUNS_CSV, SUMMARY_CSV, TIMESERIES_CSV } from './assemble.ts';
import type { Manifest } from './manifest.ts';
import { RECORD_CSV } from './record-file.ts';

/** The tables of an output folder, by the name SQL sees them under. */
export const TABLES = ['runs', 'timeseries', 'summary', 'record'] as const;
export type TableName = (typeof TABLES)[number];

/** A column's SQL type (DuckDB): integers as BIGINT, metrics and times as DOUBLE, parameters as declared. */
export type SqlType = 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR' | 'DATE';

export interface Column {
  readonly name: string;
  readonly type: SqlType;
}

export const CSV_OF: Readonly<Record<TableName, string>> = { runs: RUNS_CSV, timeseries: TIMESERIES_CSV, summary: SUMMARY_CSV, record: RECORD_CSV };
export const parquetOf = (table: TableName): string => `${table}.parquet`;
/** Every Parquet file a folder may hold (for --force, which clears them with the rest of a sweep). */
export const PARQUET_FILES: readonly string[] = TABLES.map(parquetOf);

const STATS: readonly Column[] = ['mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'median', 'max'].map((name) => ({ name, type: 'DOUBLE' as const }));

function paramType(declared: string | undefined): SqlType {
  switch (declared) {
    case 'int':
      return 'BIGINT';
    case 'real':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/**
 * The typed columns of a table of a folder, from its manifest: the CSVs hold text, these are the types the
 * values were written from (run and point ids, replicates, seeds and counts are integers; metrics, statistics
 * and times are doubles; each parameter has its declared type: int, real, bool, or a string for a choice).
 */
export function tableColumns(manifest: Manifest, table: TableName): Column[] {
  const { names, specs } = manifest.sweep.space;
  const params = names.map((name) => ({ name, type: paramType(specs[name]?.type) }));
  const metrics = manifest.sweep.metrics.map((name) => ({ name, type: 'DOUBLE' as const }));
  const int = (name: string): Column => ({ name, type: 'BIGINT' });
  switch (table) {
    case 'runs':
      return [int('run_id'), int('point_id'), int('replicate'), int('seed'), ...params, ...metrics];
    case 'timeseries':
      return [
        int('run_id'),
        { name: 't_days', type: 'DOUBLE' },
        ...(manifest.sweep.start_date !== undefined ? [{ name: 'date', type: 'VARCHAR' } as Column] : []),
        ...metrics,
      ];
    case 'summary':
      return [int('point_id'), ...params, { name: 'metric', type: 'VARCHAR' }, int('n'), ...STATS];
    case 'record':
      return [
        { name: 'date', type: 'VARCHAR' },
        { name: 't_days', type: 'DOUBLE' },
        { name: 'metric', type: 'VARCHAR' },
        { name: 'value', type: 'DOUBLE' },
        { name: 'source', type: 'VARCHAR' },
      ];
  }
}

/** A string literal for SQL. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A quoted identifier for SQL. */
export const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * DuckDB's read_csv over one of the folder's CSVs with every column typed (no sniffing): empty numeric cells
 * (NaN) are NULL, `inf`/`-inf` (and the older `Inf`/`-Inf`) are infinities, an empty string parameter stays an empty string.
 */
export function typedCsvSql(path: string, columns: readonly Column[]): string {
  const cols = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
  const text = columns.filter((c) => c.type === 'VARCHAR').map((c) => sqlString(c.name));
  return (
    `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `nullstr = '', columns = {${cols}}${text.length ? `, force_not_null = [${text.join(', ')}]` : ''})`
  );
}

/** Where a table of a folder is read from: its Parquet file when there is one, else its CSV; undefined when neither. */
export interface TableSource {
  readonly table: TableName;
  readonly path: string;
  readonly format: 'csv' | 'parquet';
}

/** The files a folder's tables are read from (Parquet first). The record table exists only when the folder has one. */
export function tableSources(dir: string, manifest: Manifest): TableSource[] {
  const out: TableSource[] = [];
  for (const table of TABLES) {
    if (table === 'record' && !manifest.record) continue;
    const parquet = join(dir, parquetOf(table));
    const csv = join(dir, CSV_OF[table]);
    if (existsSync(parquet)) out.push({ table, path: parquet, format: 'parquet' });
    else if (existsSync(csv)) out.push({ table, path: csv, format: 'csv' });
  }
  return out;
}

/** The SQL expression that reads a table source with its types. */
export function sourceSql(source: TableSource, manifest: Manifest): string {
  return source.format === 'parquet' ? `read_parquet(${sqlString(source.path)})` : typedCsvSql(source.path, tableColumns(manifest, source.table));
}
