import { stringify } from 'csv-stringify/sync';
import type { Scalar } from '../core/params.ts';

/**
 * How numbers are written in every CSV: `String(x)` (the shortest text that reads back to the same
 * double, so `Number(cell) === x`), except NaN, which is an empty cell (NaN in pandas, NULL in DuckDB), and
 * ±Infinity, which are `inf` and `-inf`: what pandas' `to_csv` writes and its `read_csv` reads back as
 * float infinities, and what DuckDB reads as ±inf in a DOUBLE column (its type sniffer takes a column whose
 * first value is infinite for a DATE or VARCHAR: pass `auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']`).
 * -0 is written `0`.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/** A parameter value in a CSV cell: numbers as `formatNumber`, booleans as `true`/`false`, strings as they are. */
export function formatScalar(v: Scalar): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

/** One CSV record (RFC 4180 quoting by csv-stringify), ending in `\n`. */
export function csvRow(cells: readonly string[]): string {
  return stringify([cells as string[]]);
}
