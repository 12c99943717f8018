import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Point } from '../experiment/space.ts';
import { type RunSpec, runOf } from '../runner/plan.ts';
import { HashedFileWriter } from './atomic-file.ts';
import { csvRow, formatNumber, formatScalar } from './format.ts';
import { withFs } from './fs-errors.ts';
import type { RunRecord, SweepIdentity } from './manifest.ts';
import { partIdentity, readPart } from './part-file.ts';
import { pointStats } from './point-stats.ts';
import { studentTQuantile } from './student-t.ts';

export const RUNS_CSV = 'runs.csv';
export const TIMESERIES_CSV = 'timeseries.csv';
export const SUMMARY_CSV = 'summary.csv';
export const CSV_FILES = [RUNS_CSV, TIMESERIES_CSV, SUMMARY_CSV] as const;

export interface AssembleInput {
  /** Where the final CSVs go. */
  readonly outDir: string;
  /** The folder holding a run's part (the output folder itself, or for a merge, the shard's folder). */
  readonly partsFolderOf: (runId: number) => string;
  readonly points: readonly Point[];
  readonly replicates: number;
  readonly seed: number;
  /** Parameter names in column order. */
  readonly names: readonly string[];
  /** Metric names in column order. */
  readonly metrics: readonly string[];
  /** The run ids to assemble, ascending. */
  readonly runIds: Iterable<number>;
  /** The sweep: a part that does not carry its identity (another sweep's) counts as missing. */
  readonly identity: SweepIdentity;
  /** Called now and then during a long assembly (it runs synchronously): keeps the folder lock's heartbeat going. */
  readonly tick?: () => void;
}

export interface AssembleResult {
  readonly files: Record<string, { sha256: string; bytes: number }>;
  readonly ok: number;
  readonly failed: number;
  readonly missing: number;
  /** The runs' manifest records, one JSON text per line, in run_id order (read lazily from a temp file). */
  readonly runLines: () => Generator<string>;
  /** Removes the temp file behind runLines. */
  readonly dispose: () => void;
}

function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      rest += buf.toString('utf8', 0, n);
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
        yield rest.slice(0, nl);
        rest = rest.slice(nl + 1);
      }
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds runs.csv, timeseries.csv and summary.csv by streaming the runs' parts in run_id order (so rows
 * are ordered by point, replicate and t whatever order the runs finished in). Only one point's end
 * metrics are held at a time: run ids are point-major, so a point's runs are consecutive. Each file is
 * written to a temporary name, fsynced and renamed. Failed runs have no rows; summary statistics are
 * over a point's ok runs. Every part is verified (checksum, run, and the sweep's identity) as it is read.
 */
export function assembleCsvs(input: AssembleInput): AssembleResult {
  const { outDir, points, names, metrics } = input;
  const runsW = new HashedFileWriter(join(outDir, RUNS_CSV));
  const tsW = new HashedFileWriter(join(outDir, TIMESERIES_CSV));
  const sumW = new HashedFileWriter(join(outDir, SUMMARY_CSV));
  const recordsPath = join(outDir, `.manifest-runs.tmp-${process.pid}`);
  const recFd = withFs('write', recordsPath, () => openSync(recordsPath, 'w'));
  const tCache = new Map<number, number>();
  const tq = (df: number) => {
    let q = tCache.get(df);
    if (q === undefined) {
      q = studentTQuantile(0.975, df);
      tCache.set(df, q);
    }
    return q;
  };
  let ok = 0,
    failed = 0,
    missing = 0;
  try {
    runsW.write(csvRow(['run_id', 'point_id', 'replicate', 'seed', ...names, ...metrics]));
    tsW.write(csvRow(['run_id', 't_days', ...(input.identity.start_date !== undefined ? ['date'] : []), ...metrics]));
    sumW.write(csvRow(['point_id', ...names, 'metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'median', 'max']));

    let current: Point | undefined;
    let ends: number[][] = metrics.map(() => []);
    const flushPoint = () => {
      if (!current) return;
      const params = names.map((n) => formatScalar(current!.values[n]!));
      metrics.forEach((metric, j) => {
        const s = pointStats(ends[j]!, tq);
        const cell = (x: number | undefined) => (x === undefined ? '' : formatNumber(x));
        sumW.write(
          csvRow([
            String(current!.id),
            ...params,
            metric,
            String(s.n),
            cell(s.mean),
            cell(s.sd),
            cell(s.ci95Low),
            cell(s.ci95High),
            cell(s.min),
            cell(s.median),
            cell(s.max),
          ]),
        );
      });
      ends = metrics.map(() => []);
    };

    let recordText = '';
    let count = 0;
    for (const runId of input.runIds) {
      if ((++count & 1023) === 0) input.tick?.();
      const run: RunSpec = runOf(input, runId);
      const point = points[run.pointId]!;
      if (current !== point) {
        flushPoint();
        current = point;
      }
      const part = readPart(input.partsFolderOf(runId), run, partIdentity(input.identity, point.values));
      let record: RunRecord;
      const base = { run_id: run.runId, point_id: run.pointId, replicate: run.replicate, seed: run.seed };
      if (!part) {
        missing++;
        record = { ...base, status: 'missing', params: point.values };
      } else if (part.header.status === 'failed') {
        failed++;
        const h = part.header;
        record = {
          ...base,
          status: 'failed',
          ...(h.cause ? { cause: h.cause } : {}),
          attempts: h.attempts,
          duration_ms: h.duration_ms,
          sha256: h.sha256,
          error: h.error,
          params: point.values,
        };
      } else {
        ok++;
        const h = part.header;
        record = { ...base, status: 'ok', attempts: h.attempts, duration_ms: h.duration_ms, sha256: h.sha256 };
        runsW.write(
          csvRow([
            String(run.runId),
            String(run.pointId),
            String(run.replicate),
            String(run.seed),
            ...names.map((n) => formatScalar(point.values[n]!)),
            ...part.end.map(formatNumber),
          ]),
        );
        tsW.write(part.timeseries);
        for (const [j, x] of part.end.entries()) ends[j]!.push(x);
      }
      recordText += `${JSON.stringify(record)}\n`;
      if (recordText.length > 1 << 16) {
        const text = recordText;
        withFs('write', recordsPath, () => writeSync(recFd, text));
        recordText = '';
      }
    }
    flushPoint();
    withFs('write', recordsPath, () => writeSync(recFd, recordText));
    closeSync(recFd);
    const files = { [RUNS_CSV]: runsW.commit(), [TIMESERIES_CSV]: tsW.commit(), [SUMMARY_CSV]: sumW.commit() };
    return { files, ok, failed, missing, runLines: () => readLines(recordsPath), dispose: () => rmSync(recordsPath, { force: true }) };
  } catch (e) {
    runsW.abort();
    tsW.abort();
    sumW.abort();
    try {
      closeSync(recFd);
    } catch {
      /* closed */
    }
    rmSync(recordsPath, { force: true });
    throw e;
  }
}
