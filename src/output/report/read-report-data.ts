import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.ts';
import type { PublicRecord } from '../../experiment/record.ts';
import { SUMMARY_CSV, TIMESERIES_CSV } from '../assemble.ts';
import type { Manifest } from '../manifest.ts';
import { finishedFolderManifest } from '../read-folder.ts';
import { readRecordCopy } from '../record-file.ts';
import { cellNumber, type PointSeries, SeriesAccumulator } from './aggregate.ts';

/** A row of summary.csv: one point's end-of-run statistics for one metric (NaN for an empty cell). */
export interface SummaryRow {
  readonly pointId: number;
  readonly metric: string;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly lo: number;
  readonly hi: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** What a report is made from: the manifest, each point's series, summary.csv and the public record. */
export interface ReportData {
  /** The folder as the user named it. */
  readonly folder: string;
  readonly manifest: Manifest;
  readonly series: readonly PointSeries[];
  readonly summary: readonly SummaryRow[];
  readonly record?: PublicRecord;
}

function need(dir: string, label: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new InputError(`${label}: ${file} is missing (a report reads the CSVs of a finished sweep)`);
  return path;
}

/** Streams timeseries.csv into per-point series (see SeriesAccumulator). */
export async function readSeries(dir: string, label: string, manifest: Manifest): Promise<PointSeries[]> {
  const metrics = manifest.sweep.metrics;
  const pointOf = new Map<number, number>();
  for (const r of manifest.runs ?? []) pointOf.set(r.run_id, r.point_id);
  const replicates = manifest.sweep.replicates;
  const acc = new SeriesAccumulator(metrics.length, (runId) => pointOf.get(runId) ?? Math.floor(runId / replicates));
  const lines = createInterface({ input: createReadStream(need(dir, label, TIMESERIES_CSV)), crlfDelay: Infinity });
  let header = true;
  const values = new Array<number>(metrics.length);
  const dated = manifest.sweep.start_date !== undefined;
  const first = dated ? 3 : 2;
  for await (const line of lines) {
    if (header) {
      const expected = ['run_id', 't_days', ...(dated ? ['date'] : []), ...metrics].join(',');
      if (line !== expected) throw new InputError(`${label}: ${TIMESERIES_CSV} does not have the manifest's columns (${expected})`);
      header = false;
      continue;
    }
    if (line === '') continue;
    // timeseries.csv holds numbers (and a dated run's ISO dates) only, so no cell is quoted.
    const cells = line.split(',');
    for (let j = 0; j < metrics.length; j++) values[j] = cellNumber(cells[j + first] ?? '');
    acc.add(Number(cells[0]), Number(cells[1]), values);
  }
  return acc.finish();
}

/** Parses summary.csv. */
export function readSummary(dir: string, label: string): SummaryRow[] {
  const records = parse(readFileSync(need(dir, label, SUMMARY_CSV), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => ({
    pointId: Number(r.point_id),
    metric: r.metric ?? '',
    n: Number(r.n),
    mean: cellNumber(r.mean ?? ''),
    sd: cellNumber(r.sd ?? ''),
    lo: cellNumber(r.ci95_low ?? ''),
    hi: cellNumber(r.ci95_high ?? ''),
    min: cellNumber(r.min ?? ''),
    median: cellNumber(r.median ?? ''),
    max: cellNumber(r.max ?? ''),
  }));
}

/** Reads everything a report needs from a finished output folder. Throws InputError (one line) when it cannot. */
export async function readReportData(dir: string, label = dir): Promise<ReportData> {
  const manifest = finishedFolderManifest(dir, label);
  const series = await readSeries(dir, label, manifest);
  const summary = readSummary(dir, label);
  const record = readRecordCopy(dir, manifest);
  return { folder: label, manifest, series, summary, ...(record ? { record } : {}) };
}
