import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseUtcDate, UTC_DATE_ALLOWED } from '../core/dates.ts';
import { ConfigError, closest, ExperimentFileError, formatValue, oneLine } from '../core/errors.ts';

/**
 * The public record an experiment is compared with (a backtest): dated observations of some of its metrics,
 * each with its source. Declared in the experiment file as
 *
 * ```ts
 * record: { csv: 'records/livepeer-2024.csv', startDate: '2024-01-01' },
 * ```
 *
 * `csv` is relative to the experiment file; `startDate` is the date simulated time t = 0 stands for, so an
 * observation dated d sits at t_days = (d − startDate) in days. The CSV has a header and the columns
 * `date, metric, value, source` (any order): `date` is `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z` (UTC), on or
 * after `startDate`; `metric` is one of the experiment's metrics; `value` a finite number in the metric's
 * unit; `source` where the number comes from (a URL, a block, a report). The record is checked when the
 * experiment loads; every error names the row (the header is row 1) and the column.
 */
export interface RecordDeclaration {
  /** Path of the record CSV, relative to the experiment file. */
  readonly csv: string;
  /** The date simulated time t = 0 stands for (`YYYY-MM-DD` or an ISO date-time ending in Z); the experiment's by default. */
  readonly startDate: string;
}

/** The `record` field as an experiment file writes it: the start date may come from the experiment's. */
export type RecordInput = Omit<RecordDeclaration, 'startDate'> & { readonly startDate?: string };

/** One observation of the public record. */
export interface RecordRow {
  /** Row in the CSV (the header is row 1). */
  readonly row: number;
  readonly date: string;
  /** Days from the record's start date (simulated time of the observation). */
  readonly tDays: number;
  readonly metric: string;
  readonly value: number;
  readonly source: string;
}

/** A validated public record. */
export interface PublicRecord {
  readonly startDate: string;
  readonly rows: readonly RecordRow[];
}

/** A record with where it came from: the resolved path and the sha256 of its bytes. */
export interface LoadedRecord extends PublicRecord {
  readonly path: string;
  readonly sha256: string;
}

export const RECORD_COLUMNS = ['date', 'metric', 'value', 'source'] as const;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of a record date (see src/core/dates.ts), or undefined when it is not one. */
export const parseRecordDate = parseUtcDate;

const DATE_ALLOWED = UTC_DATE_ALLOWED;

/**
 * Checks the `record` field of an experiment definition. Its start date may be left out when the experiment has
 * one (`startDate`, a dated run); given in both places, the two must agree.
 */
export function checkRecordDeclaration(input: unknown, experimentStartDate?: string): RecordDeclaration {
  if (typeof input !== 'object' || input === null) throw new ConfigError('record', input, "allowed: { csv: 'path/to/record.csv', startDate: 'YYYY-MM-DD' }");
  const { csv, startDate: own } = input as Record<string, unknown>;
  if (typeof csv !== 'string' || !csv.toLowerCase().endsWith('.csv'))
    throw new ConfigError('record.csv', csv, 'allowed: a path ending in .csv, relative to the experiment file');
  const startDate = own ?? experimentStartDate;
  if (typeof startDate !== 'string' || parseRecordDate(startDate) === undefined)
    throw new ConfigError('record.startDate', startDate, `allowed: ${DATE_ALLOWED} (or leave it out and give the experiment a startDate)`);
  if (experimentStartDate !== undefined && parseRecordDate(startDate) !== parseRecordDate(experimentStartDate))
    throw new ConfigError('record.startDate', startDate, `allowed: the experiment's startDate ${experimentStartDate} (t = 0 stands for one date)`);
  return Object.freeze({ csv, startDate });
}

export interface ParseRecordOptions {
  /** How the file is named in error messages. */
  readonly label: string;
  readonly startDate: string;
  /** The experiment's metrics: every observation must be of one of them. */
  readonly metrics: readonly string[];
  /** Extra columns to accept and ignore (the copy in an output folder carries a derived t_days). */
  readonly derivedColumns?: readonly string[];
}

/**
 * Parses and checks a record CSV. Throws ExperimentFileError with one line naming the file, the row (header =
 * row 1), the column, the value and what is allowed.
 */
export function parseRecord(text: string, o: ParseRecordOptions): PublicRecord {
  const startMs = parseRecordDate(o.startDate);
  if (startMs === undefined) throw new ConfigError('record.startDate', o.startDate, `allowed: ${DATE_ALLOWED}`);
  const bad = (row: number, column: string, value: unknown, allowed: string) =>
    new ExperimentFileError(`${o.label} row ${row}, column "${column}": ${formatValue(value)} is not allowed; ${allowed}`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    throw new ExperimentFileError(`${o.label}: not a readable CSV: ${oneLine(e)}`);
  }
  const [head, ...body] = records;
  if (!head) throw new ExperimentFileError(`${o.label}: the record is empty; it needs a header (${RECORD_COLUMNS.join(',')}) and at least one row`);
  const header = head.record.map((h) => h.trim());
  const accepted: readonly string[] = [...RECORD_COLUMNS, ...(o.derivedColumns ?? [])];
  for (const h of header) {
    if (!accepted.includes(h)) {
      const near = closest(h, accepted);
      throw bad(1, h, h, `not a record column${near ? ` (did you mean "${near}"?)` : ''}; the columns are ${RECORD_COLUMNS.join(', ')}`);
    }
  }
  const index: Record<string, number> = {};
  for (const c of RECORD_COLUMNS) {
    const at = header.indexOf(c);
    if (at < 0) throw new ExperimentFileError(`${o.label} row 1: the header has no column "${c}"; a record has the columns ${RECORD_COLUMNS.join(', ')}`);
    if (header.indexOf(c, at + 1) >= 0) throw new ExperimentFileError(`${o.label} row 1: the column "${c}" appears twice`);
    index[c] = at;
  }
  if (body.length === 0) throw new ExperimentFileError(`${o.label}: the record has a header but no observations`);
  const rows: RecordRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.length !== header.length) throw new ExperimentFileError(`${o.label} row ${row}: ${record.length} cells, the header has ${header.length}`);
    const cell = (c: (typeof RECORD_COLUMNS)[number]) => record[index[c]!]!.trim();
    const date = cell('date');
    const ms = parseRecordDate(date);
    if (ms === undefined) throw bad(row, 'date', date, `allowed: ${DATE_ALLOWED}`);
    if (ms < startMs) throw bad(row, 'date', date, `allowed: on or after the record's start date ${o.startDate} (simulated time t = 0)`);
    const metric = cell('metric');
    if (!o.metrics.includes(metric)) {
      const near = closest(metric, o.metrics);
      throw bad(row, 'metric', metric, `allowed: one of the experiment's metrics${near ? ` (did you mean "${near}"?)` : ''}: ${o.metrics.join(', ')}`);
    }
    const valueText = cell('value');
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (!Number.isFinite(value)) throw bad(row, 'value', valueText, "allowed: a finite number in the metric's unit");
    const source = cell('source');
    if (source === '') throw bad(row, 'source', source, 'allowed: where the number comes from (a URL, a block, a report); it may not be empty');
    const key = `${metric}@${ms}`;
    const first = seen.get(key);
    if (first !== undefined) throw bad(row, 'date', date, `row ${first} already gives ${metric} on that date; give each (date, metric) once`);
    seen.set(key, row);
    rows.push(Object.freeze({ row, date, tDays: (ms - startMs) / MS_PER_DAY, metric, value, source }));
  }
  return Object.freeze({ startDate: o.startDate, rows: Object.freeze(rows) });
}

/** Reads and checks the record an experiment declares (its path relative to the experiment file). */
export function loadRecord(experimentFile: string, declaration: RecordDeclaration, metrics: readonly string[]): LoadedRecord {
  const path = resolve(dirname(experimentFile), declaration.csv);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ExperimentFileError(`${experimentFile}: record.csv ${formatValue(declaration.csv)}: cannot read ${path}: ${oneLine(e)}`);
  }
  const record = parseRecord(bytes.toString('utf8'), { label: path, startDate: declaration.startDate, metrics });
  return Object.freeze({ ...record, path, sha256: createHash('sha256').update(bytes).digest('hex') });
}
