import { DuckDBInstance } from '@duckdb/node-api';

export type { DuckDBConnection } from '@duckdb/node-api';

import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `fn` with a connection to a fresh in-memory DuckDB that never installs or loads an extension from the
 * network (Parquet and JSON are built in), closing it afterwards.
 */
export async function withDuckDb<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
