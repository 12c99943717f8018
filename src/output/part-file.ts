import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUtcDate, utcDateAt } from '../core/dates.ts';
import type { Scalar } from '../core/params.ts';
import { SECONDS_PER_DAY } from '../core/units.ts';
import type { RunSpec } from '../runner/plan.ts';
import type { RunOutcome } from '../runner/sweep.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { formatNumber } from './format.ts';
import { fsError } from './fs-errors.ts';
import type { SweepIdentity } from './manifest.ts';

/**
 * One finished run on disk: `<out>/parts/run-<run_id>.part`. The first line is a JSON header (status,
 * attempts, duration, the identity of the sweep the run belongs to, and the sha256 and length of the body);
 * the body is, for an ok run, one line with the end-of-run metrics (`String(x)`, comma-separated, read back
 * exactly with `Number`) followed by the run's timeseries.csv rows. A failed run has an empty body and its
 * error and cause in the header. The body is a pure function of the run, so its checksum is the same on every
 * machine; the duration lives only in the header. Parts are written atomically and verified when read, so a
 * resumed sweep redoes a run whose part is missing, truncated, damaged or belongs to another sweep, and a
 * merge refuses it.
 */
export const PART_FORMAT = 'panmine-part/2';
export const PARTS_DIR = 'parts';

/** What a part says about the sweep it belongs to: two parts of one run id are interchangeable only when these are equal. */
export interface PartIdentity {
  readonly experiment: string;
  readonly panmine_version: string;
  readonly sources_sha256: string;
  readonly experiment_seed: number;
  readonly metrics: readonly string[];
  /** For a dated run: the date t = 0 stands for (the timeseries rows carry a date). */
  readonly start_date?: string;
  /** The run's resolved parameters. */
  readonly params: Readonly<Record<string, Scalar>>;
}

export interface PartHeader {
  readonly format: string;
  readonly run_id: number;
  readonly point_id: number;
  readonly replicate: number;
  readonly seed: number;
  readonly sweep: PartIdentity;
  readonly status: 'ok' | 'failed';
  readonly attempts: number;
  readonly duration_ms: number;
  readonly error?: string;
  readonly cause?: string;
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

/** Why a part cannot be used. */
export type PartProblem = 'missing' | 'unreadable' | 'truncated' | 'damaged' | 'other-format' | 'other-run' | 'other-sweep';

export type PartCheck = { readonly ok: true; readonly part: Part } | { readonly ok: false; readonly problem: PartProblem; readonly detail: string };

export function partPath(outDir: string, runId: number): string {
  return join(outDir, PARTS_DIR, `run-${runId}.part`);
}

/** The identity a part of `identity`'s sweep carries for a run at `params`. */
export function partIdentity(identity: SweepIdentity, params: Readonly<Record<string, Scalar>>): PartIdentity {
  return {
    experiment: identity.experiment,
    panmine_version: identity.panmine_version,
    sources_sha256: identity.sources_sha256,
    experiment_seed: identity.seed,
    metrics: identity.metrics,
    ...(identity.start_date !== undefined ? { start_date: identity.start_date } : {}),
    params,
  };
}

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? 'nothing';
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** The first way in which a part's identity differs from the expected one ("params.agents is 40 there, 30 here"), or undefined. */
export function partIdentityDifference(there: PartIdentity, here: PartIdentity): string | undefined {
  const scalarFields = ['experiment', 'panmine_version', 'experiment_seed'] as const;
  for (const f of scalarFields) if (there[f] !== here[f]) return `${f} is ${show(there[f])} there, ${show(here[f])} here`;
  if (there.sources_sha256 !== here.sources_sha256) return 'it was computed by other code (the sources fingerprint differs)';
  if (JSON.stringify(there.metrics) !== JSON.stringify(here.metrics)) return `metrics are ${show(there.metrics)} there, ${show(here.metrics)} here`;
  if (there.start_date !== here.start_date) return `the start date is ${show(there.start_date)} there, ${show(here.start_date)} here`;
  const names = new Set([...Object.keys(here.params ?? {}), ...Object.keys(there.params ?? {})]);
  for (const n of names) {
    const a = there.params?.[n];
    const b = here.params?.[n];
    if (JSON.stringify(a) !== JSON.stringify(b))
      return `params.${n} is ${a === undefined ? 'absent' : show(a)} there, ${b === undefined ? 'absent' : show(b)} here`;
  }
  return undefined;
}

/** The body of an ok run's part; a dated run's rows carry the date (ISO 8601, UTC) after t_days. */
export function partBody(runId: number, end: Float64Array, t: Float64Array, series: Float64Array, startDate?: string): string {
  const m = end.length;
  const lines: string[] = [Array.from(end, (x) => String(x)).join(',')];
  const startMs = startDate === undefined ? undefined : parseUtcDate(startDate);
  for (let i = 0; i < t.length; i++) {
    let row = `${runId},${formatNumber(t[i]! / SECONDS_PER_DAY)}`;
    if (startMs !== undefined) row += `,${utcDateAt(startMs, t[i]!)}`;
    for (let j = 0; j < m; j++) row += `,${formatNumber(series[i * m + j]!)}`;
    lines.push(row);
  }
  return `${lines.join('\n')}\n`;
}

export function encodePart(run: RunSpec, identity: PartIdentity, outcome: RunOutcome): Buffer {
  const body = Buffer.from(outcome.status === 'ok' ? partBody(run.runId, outcome.end, outcome.t, outcome.series, identity.start_date) : '', 'utf8');
  const header: PartHeader = {
    format: PART_FORMAT,
    run_id: run.runId,
    point_id: run.pointId,
    replicate: run.replicate,
    seed: run.seed,
    sweep: identity,
    status: outcome.status,
    attempts: outcome.attempts,
    duration_ms: Math.round(outcome.durationMs * 1000) / 1000,
    ...(outcome.status === 'failed' ? { error: outcome.error, cause: outcome.cause } : {}),
    body_bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

export async function writePart(outDir: string, run: RunSpec, identity: PartIdentity, outcome: RunOutcome): Promise<void> {
  await writeFileAtomic(partPath(outDir, run.runId), encodePart(run, identity, outcome));
}

/**
 * Reads and verifies a run's part: its header must parse, its body must have the length and sha256 the header
 * gives, it must be the part of this run (run id, point, replicate, seed) and, when `identity` is given, of this
 * sweep (experiment, panmine version, sources fingerprint, experiment seed, metrics and the run's parameters).
 * Says what is wrong when it is not usable.
 */
export function inspectPart(outDir: string, run: RunSpec, identity?: PartIdentity): PartCheck {
  const bad = (problem: PartProblem, detail: string): PartCheck => ({ ok: false, problem, detail });
  let buf: Buffer;
  try {
    buf = readFileSync(partPath(outDir, run.runId));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return bad('missing', 'missing');
    return bad('unreadable', fsError('read', partPath(outDir, run.runId), e).message);
  }
  const nl = buf.indexOf(10);
  if (nl < 0) return bad('truncated', `truncated: ${buf.length} bytes and no complete header`);
  let header: PartHeader;
  try {
    header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as PartHeader;
  } catch {
    return bad('damaged', 'damaged: its header is not valid JSON');
  }
  if (header.format !== PART_FORMAT)
    return bad('other-format', `written by another version of panmine (format ${show(header.format)}, this one reads ${PART_FORMAT})`);
  const body = buf.subarray(nl + 1);
  if (body.length < header.body_bytes) return bad('truncated', `truncated: its body has ${body.length} of ${header.body_bytes} bytes`);
  if (body.length > header.body_bytes) return bad('damaged', `damaged: its body has ${body.length} bytes, its header says ${header.body_bytes}`);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256)
    return bad('damaged', 'damaged: the sha256 of its body does not match the checksum in its header');
  if (header.run_id !== run.runId || header.point_id !== run.pointId || header.replicate !== run.replicate || header.seed !== run.seed)
    return bad(
      'other-run',
      `it holds run ${header.run_id} (point ${header.point_id}, replicate ${header.replicate}, seed ${header.seed}), not run ${run.runId} (point ${run.pointId}, replicate ${run.replicate}, seed ${run.seed})`,
    );
  if (identity) {
    const diff = partIdentityDifference(header.sweep, identity);
    if (diff) return bad('other-sweep', `its part belongs to another sweep (${diff})`);
  }
  if (header.status === 'failed') return { ok: true, part: { header, end: [], timeseries: '' } };
  if (header.status !== 'ok') return bad('damaged', `damaged: unknown status ${show(header.status)}`);
  const text = body.toString('utf8');
  const eol = text.indexOf('\n');
  const endLine = text.slice(0, eol);
  const end = endLine === '' ? [] : endLine.split(',').map(Number);
  return { ok: true, part: { header, end, timeseries: text.slice(eol + 1) } };
}

/** The run's part when it is intact and (given `identity`) of this sweep; undefined otherwise (see inspectPart). */
export function readPart(outDir: string, run: RunSpec, identity?: PartIdentity): Part | undefined {
  const c = inspectPart(outDir, run, identity);
  return c.ok ? c.part : undefined;
}
