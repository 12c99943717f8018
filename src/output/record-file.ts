import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { type LoadedRecord, type PublicRecord, parseRecord } from '../experiment/record.ts';
import { writeFileAtomicSync } from './atomic-file.ts';
import { csvRow, formatNumber } from './format.ts';
import type { Manifest, RecordInfo } from './manifest.ts';

/** The folder's copy of the public record: a report made later reads this, not the experiment's file. */
export const RECORD_CSV = 'record.csv';

/** The copy's text: `date, t_days, metric, value, source`, in the record's row order. */
export function recordCsvText(record: PublicRecord): string {
  let text = csvRow(['date', 't_days', 'metric', 'value', 'source']);
  for (const r of record.rows) text += csvRow([r.date, formatNumber(r.tDays), r.metric, formatNumber(r.value), r.source]);
  return text;
}

/** Writes the folder's copy of a record atomically and returns what the manifest says of it. */
export function writeRecordCopy(dir: string, record: LoadedRecord): RecordInfo {
  writeFileAtomicSync(join(dir, RECORD_CSV), recordCsvText(record));
  return { file: RECORD_CSV, source: record.path, sha256: record.sha256, start_date: record.startDate, rows: record.rows.length };
}

/** The public record of an output folder, or undefined when its manifest declares none. */
export function readRecordCopy(dir: string, manifest: Manifest): PublicRecord | undefined {
  const info = manifest.record;
  if (!info) return undefined;
  const path = join(dir, info.file);
  if (!existsSync(path)) throw new InputError(`${dir}: the manifest declares a public record but ${info.file} is missing`);
  return parseRecord(readFileSync(path, 'utf8'), { label: path, startDate: info.start_date, metrics: manifest.sweep.metrics, derivedColumns: ['t_days'] });
}
