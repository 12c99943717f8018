import { ConfigError } from '../core/errors.ts';

/** The table formats an output folder can be written in; CSV always is. */
export const TABLE_FORMATS = ['csv', 'parquet'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/**
 * Parses `--format csv[,parquet]`. CSV is always written (the manifest checksums it, and it is what resume and
 * merge rebuild), so a list without it is refused rather than silently extended.
 */
export function parseFormats(text: string, option = '--format'): TableFormat[] {
  const items = text.split(',').map((s) => s.trim());
  for (const f of items) if (!(TABLE_FORMATS as readonly string[]).includes(f)) throw new ConfigError(option, f, 'allowed: csv or csv,parquet');
  if (!items.includes('csv')) throw new ConfigError(option, text, 'allowed: csv or csv,parquet (the CSVs are always written; add parquet beside them)');
  return [...new Set(items)] as TableFormat[];
}
