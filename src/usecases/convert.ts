import { resolve } from 'node:path';
import { ConfigError, InputError } from '../core/errors.ts';
import { withDuckDb } from '../output/duckdb.ts';
import { writeParquetTables } from '../output/parquet.ts';
import { finishedFolderManifest } from '../output/read-folder.ts';

/**
 * `panmine convert DIR --to parquet`: writes the folder's tables as Parquet with typed columns beside the
 * CSVs (see output/parquet.ts). Returns the files written.
 */
export async function convertFolder(dirIn: string, to: string): Promise<string[]> {
  if (to !== 'parquet') throw new ConfigError('--to', to, 'allowed: parquet');
  const dir = resolve(dirIn);
  const manifest = finishedFolderManifest(dir, dirIn);
  const written = await withDuckDb((c) => writeParquetTables(c, dir, manifest));
  if (written.length === 0) throw new InputError(`${dirIn}: holds no CSV tables to convert`);
  return written;
}
