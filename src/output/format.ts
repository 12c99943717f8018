import { stringify } from 'csv-stringify/sync';
import type { Scalar } from '../core/params.ts';

/**
 * How numbers are written in every CSV: `String(x)` (the shortest text that reads back to the same
 * double, so `Number(cell) === x`), except NaN, which is an empty cell, and ±Infinity, which are the
 * tokens `Inf` and `-Inf` (read as infinities by R's read.csv and by pandas). -0 is written `0`.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
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
