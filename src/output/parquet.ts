import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from './duckdb.ts';
import type { Manifest } from './manifest.ts';
import { CSV_OF, parquetOf, sqlString, TABLES, type TableName, type TableSource, tableColumns, typedCsvSql } from './tables.ts';

/** The key-value metadata in each Parquet file that names the CSV bytes it was made from. */
const SOURCE_SHA_KEY = 'panmine_source_sha256';

/** sha256 (hex) of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What the folder's manifest says a CSV's sha256 is, or (for the record copy, which it does not list) the file's own. */
async function expectedCsvSha(dir: string, manifest: Manifest, table: TableName): Promise<string> {
  const csv = CSV_OF[table];
  return manifest.files?.[csv]?.sha256 ?? (await sha256OfFile(join(dir, csv)));
}

/**
 * Writes `<table>.parquet` beside each of the folder's CSVs, with typed columns (see tableColumns), zstd
 * compressed, rows in the CSV's order, and the sha256 of the CSV it was made from in its key-value metadata.
 * Each file is written to a temporary name and renamed into place. Returns the files written.
 */
export async function writeParquetTables(connection: DuckDBConnection, dir: string, manifest: Manifest): Promise<string[]> {
  const written: string[] = [];
  for (const table of TABLES) {
    if (table === 'record' && !manifest.record) continue;
    const csv = join(dir, CSV_OF[table]);
    if (!existsSync(csv)) continue;
    const out = join(dir, parquetOf(table));
    const tmp = `${out}.tmp-${process.pid}`;
    const sha = await sha256OfFile(csv);
    try {
      await connection.run(
        `COPY (SELECT * FROM ${typedCsvSql(csv, tableColumns(manifest, table))}) TO ${sqlString(tmp)} ` +
          `(FORMAT parquet, COMPRESSION zstd, KV_METADATA {${SOURCE_SHA_KEY}: ${sqlString(sha)}})`,
      );
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    written.push(out);
  }
  return written;
}

/**
 * Whether a table should be read from its Parquet file: yes when there is no CSV beside it (a folder kept as
 * Parquet only), or when the Parquet file was made from exactly the CSV's bytes; no when it is stale.
 */
export async function parquetIsCurrent(connection: DuckDBConnection, dir: string, manifest: Manifest, table: TableName): Promise<boolean> {
  const csv = join(dir, CSV_OF[table]);
  if (!existsSync(csv)) return true;
  const reader = await connection.runAndReadAll(`SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata(${sqlString(join(dir, parquetOf(table)))})`);
  const made = reader.getRowsJS().find((r) => r[0] === SOURCE_SHA_KEY)?.[1];
  return made === (await expectedCsvSha(dir, manifest, table));
}

/** A folder's table sources with any stale Parquet file replaced by its CSV (and named in `stale`). */
export async function currentSources(
  connection: DuckDBConnection,
  dir: string,
  manifest: Manifest,
  sources: readonly TableSource[],
): Promise<{ sources: TableSource[]; stale: string[] }> {
  const out: TableSource[] = [];
  const stale: string[] = [];
  for (const s of sources) {
    if (s.format === 'parquet' && !(await parquetIsCurrent(connection, dir, manifest, s.table))) {
      stale.push(s.path);
      out.push({ table: s.table, path: join(dir, CSV_OF[s.table]), format: 'csv' });
    } else out.push(s);
  }
  return { sources: out, stale };
}
