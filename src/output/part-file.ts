import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECONDS_PER_DAY } from '../core/units.ts';
import type { RunSpec } from '../runner/plan.ts';
import type { RunOutcome } from '../runner/sweep.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { formatNumber } from './format.ts';

/**
 * One finished run on disk: `<out>/parts/run-<run_id>.part`. The first line is a JSON header (status,
 * attempts, duration, and the sha256 and length of the body); the body is, for an ok run, one line with
 * the end-of-run metrics (`String(x)`, comma-separated, read back exactly with `Number`) followed by the
 * run's timeseries.csv rows. A failed run has an empty body and its error in the header. The body is a
 * pure function of the run, so its checksum is the same on every machine; the duration lives only in the
 * header. Parts are written atomically and verified when read, so a resumed sweep redoes a run whose part
 * is missing, truncated or corrupt.
 */
export const PART_FORMAT = 'panmine-part/1';
export const PARTS_DIR = 'parts';

export interface PartHeader {
  readonly format: string;
  readonly run_id: number;
  readonly point_id: number;
  readonly replicate: number;
  readonly seed: number;
  readonly status: 'ok' | 'failed';
  readonly attempts: number;
  readonly duration_ms: number;
  readonly error?: string;
  readonly body_bytes: number;
  readonly sha256: string;
}

export interface Part {
  readonly header: PartHeader;
  /** End-of-run metrics in declared order (empty for a failed run). */
  readonly end: readonly number[];
  /** The run's timeseries.csv rows, each ending in `\n`. */
  readonly timeseries: string;
}

export function partPath(outDir: string, runId: number): string {
  return join(outDir, PARTS_DIR, `run-${runId}.part`);
}

/** The body of an ok run's part. */
export function partBody(runId: number, end: Float64Array, t: Float64Array, series: Float64Array): string {
  const m = end.length;
  const lines: string[] = [Array.from(end, (x) => String(x)).join(',')];
  for (let i = 0; i < t.length; i++) {
    let row = `${runId},${formatNumber(t[i]! / SECONDS_PER_DAY)}`;
    for (let j = 0; j < m; j++) row += `,${formatNumber(series[i * m + j]!)}`;
    lines.push(row);
  }
  return `${lines.join('\n')}\n`;
}

export function encodePart(run: RunSpec, outcome: RunOutcome): Buffer {
  const body = Buffer.from(outcome.status === 'ok' ? partBody(run.runId, outcome.end, outcome.t, outcome.series) : '', 'utf8');
  const header: PartHeader = {
    format: PART_FORMAT,
    run_id: run.runId,
    point_id: run.pointId,
    replicate: run.replicate,
    seed: run.seed,
    status: outcome.status,
    attempts: outcome.attempts,
    duration_ms: Math.round(outcome.durationMs * 1000) / 1000,
    ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
    body_bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

export async function writePart(outDir: string, run: RunSpec, outcome: RunOutcome): Promise<void> {
  await writeFileAtomic(partPath(outDir, run.runId), encodePart(run, outcome));
}

/**
 * Reads and verifies a run's part: undefined when it is missing, unreadable, truncated, corrupt, or
 * belongs to another run (other run id, point, replicate or seed).
 */
export function readPart(outDir: string, run: RunSpec): Part | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(partPath(outDir, run.runId));
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  if (nl < 0) return undefined;
  let header: PartHeader;
  try {
    header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as PartHeader;
  } catch {
    return undefined;
  }
  if (
    header.format !== PART_FORMAT ||
    header.run_id !== run.runId ||
    header.point_id !== run.pointId ||
    header.replicate !== run.replicate ||
    header.seed !== run.seed
  )
    return undefined;
  const body = buf.subarray(nl + 1);
  if (body.length !== header.body_bytes) return undefined;
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) return undefined;
  if (header.status === 'failed') return { header, end: [], timeseries: '' };
  if (header.status !== 'ok') return undefined;
  const text = body.toString('utf8');
  const eol = text.indexOf('\n');
  const endLine = text.slice(0, eol);
  const end = endLine === '' ? [] : endLine.split(',').map(Number);
  return { header, end, timeseries: text.slice(eol + 1) };
}
