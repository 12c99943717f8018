import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamSpec } from '../core/params.ts';
import type { Experiment } from '../experiment/define.ts';
import type { ParameterSpace } from '../experiment/space.ts';
import type { Shard } from '../runner/plan.ts';

export const MANIFEST = 'manifest.json';
/** Format 2 identifies a sweep by the fingerprint of its sources (format 1 hashed the experiment file only). */
export const MANIFEST_FORMAT = 'panmine-manifest/2';
/**
 * Formats whose folders can be read (report, plot, query, convert, status). Only MANIFEST_FORMAT folders can be
 * resumed, merged or verified: format 1's parts carry no sweep identity.
 */
export const READABLE_MANIFEST_FORMATS: readonly string[] = ['panmine-manifest/1', MANIFEST_FORMAT];

/** A parameter spec as the manifest records it (no functions). */
export interface SpecRecord {
  readonly type: string;
  readonly value: unknown;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
  readonly unit?: string;
  readonly doc: string;
}

/**
 * What makes two folders parts of the same sweep: equal identities (shard aside) give equal bytes for
 * equal runs. `--resume` requires it equal (shard included); `merge` requires it equal but for the shard.
 */
export interface SweepIdentity {
  readonly experiment: string;
  /**
   * sha256 of every source file a run loads: the experiment file and the module graph it imports, statically
   * or dynamically, panmine's engine and the packages it uses (see source-fingerprint.ts; the manifest's
   * `sources` lists the files and their sha256).
   */
  readonly sources_sha256: string;
  /** Format 1 only (folders written before the fingerprint): sha256 of the experiment file; no sources_sha256. */
  readonly experiment_sha256?: string;
  readonly panmine_version: string;
  readonly seed: number;
  readonly replicates: number;
  readonly metrics: readonly string[];
  /** For a dated run: the date t = 0 stands for (timeseries.csv then has a `date` column). */
  readonly start_date?: string;
  readonly space: {
    readonly names: readonly string[];
    readonly specs: Readonly<Record<string, SpecRecord>>;
    readonly points: readonly { readonly id: number; readonly values: Readonly<Record<string, unknown>> }[];
  };
}

/** Per-run record in the manifest. */
export interface RunRecord {
  readonly run_id: number;
  readonly point_id: number;
  readonly replicate: number;
  readonly seed: number;
  readonly status: 'ok' | 'failed' | 'missing';
  /** Why a failed run failed: see RunFailureCause. */
  readonly cause?: string;
  readonly attempts?: number;
  readonly duration_ms?: number;
  /** sha256 of the run's part body (see part-file.ts). */
  readonly sha256?: string;
  readonly error?: string;
  /** The parameters of a failed run, to reproduce it. */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface Manifest {
  readonly format: string;
  readonly status: 'running' | 'complete' | 'failed';
  readonly sweep: SweepIdentity;
  readonly shard: Shard | null;
  readonly experiment_file: string;
  readonly description: string;
  /** The source files behind `sweep.sources_sha256`: path (relative to panmine's folder or the experiment's) → sha256. */
  readonly sources?: Readonly<Record<string, string>>;
  readonly node_version?: string;
  /** The memory pre-flight: bytes of one run's declared populations, runs at once, what was available. */
  readonly memory?: Readonly<Record<string, unknown>>;
  readonly git_commit: string | null;
  readonly command: readonly string[];
  readonly started_at: string;
  readonly ended_at?: string;
  readonly workers?: number;
  readonly threads_per_run?: number;
  readonly runs_total?: number;
  readonly runs_ok?: number;
  readonly runs_failed?: number;
  readonly files?: Readonly<Record<string, { sha256: string; bytes: number }>>;
  /** Each metric's documentation and unit, for reports (absent in folders written before they were recorded). */
  readonly metric_docs?: Readonly<Record<string, { readonly doc: string; readonly unit?: string }>>;
  /** The public record the experiment declares, copied into the folder (see record-file.ts). */
  readonly record?: RecordInfo;
  /**
   * The networks of the world the runs simulated, when there are several: their metric columns are named
   * `<network>_<name>` (world-level ones `world_<name>`) and a report gives each network its own section.
   */
  readonly networks?: readonly string[];
  /** For a merged folder: the folders it was merged from. */
  readonly merged_from?: readonly { folder: string; shard: Shard | null; git_commit: string | null }[];
  readonly runs?: readonly RunRecord[];
}

/** Where a folder's copy of the public record came from. */
export interface RecordInfo {
  /** The copy in the folder: record.csv (columns date, t_days, metric, value, source). */
  readonly file: string;
  /** The record CSV the experiment declared, as resolved when the sweep ran. */
  readonly source: string;
  /** sha256 of that file's bytes. */
  readonly sha256: string;
  /** The date simulated time t = 0 stands for. */
  readonly start_date: string;
  readonly rows: number;
}

export function specRecord(spec: ParamSpec): SpecRecord {
  return {
    type: spec.type,
    value: spec.value,
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
    ...(spec.options ? { options: spec.options } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    doc: spec.doc,
  };
}

export function sweepIdentity(
  experiment: Experiment,
  sourcesSha256: string,
  version: string,
  seed: number,
  replicates: number,
  space: ParameterSpace,
): SweepIdentity {
  return {
    experiment: experiment.name,
    sources_sha256: sourcesSha256,
    panmine_version: version,
    seed,
    replicates,
    metrics: [...experiment.metrics],
    ...(experiment.startDate !== undefined ? { start_date: experiment.startDate } : {}),
    space: {
      names: [...space.names],
      specs: Object.fromEntries(space.names.map((n) => [n, specRecord(space.specs[n]!)])),
      points: space.points.map((p) => ({ id: p.id, values: p.values })),
    },
  };
}

/** Which source files differ between two fingerprints: "model.ts changed, util.ts added" (at most `max` named). */
export function sourcesDifference(before: Readonly<Record<string, string>> | undefined, now: Readonly<Record<string, string>> | undefined, max = 4): string {
  if (!before || !now) return 'the fingerprint of the sources differs (one side does not list its files)';
  const changes: string[] = [];
  for (const [f, sha] of Object.entries(now)) {
    if (!(f in before)) changes.push(`${f} added`);
    else if (before[f] !== sha) changes.push(`${f} changed`);
  }
  for (const f of Object.keys(before)) if (!(f in now)) changes.push(`${f} no longer loaded`);
  if (changes.length === 0) return 'the fingerprint of the sources differs';
  return changes.length > max ? `${changes.slice(0, max).join(', ')} and ${changes.length - max} more` : changes.join(', ');
}

/**
 * The first field in which two identities differ, or undefined when they are equal. For the sources, the files
 * that differ are named when both sides' `sources` lists are given.
 */
export function identityDifference(
  a: SweepIdentity,
  b: SweepIdentity,
  sources?: { a?: Readonly<Record<string, string>>; b?: Readonly<Record<string, string>> },
): string | undefined {
  const fields: (keyof SweepIdentity)[] = ['experiment', 'panmine_version', 'sources_sha256', 'seed', 'replicates', 'metrics', 'space'];
  for (const f of fields) {
    const x = JSON.stringify(a[f]);
    const y = JSON.stringify(b[f]);
    if (x === y) continue;
    const show = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
    if (f === 'space') return 'the parameter space (--set overrides or sampled points) differ';
    if (f === 'sources_sha256') return `the code differs: ${sourcesDifference(sources?.a, sources?.b)}`;
    return `${f} differs (${show(x)} vs ${show(y)})`;
  }
  return undefined;
}

/** What is in a folder's manifest.json. */
export type ManifestRead =
  | { readonly kind: 'ok'; readonly manifest: Manifest }
  | { readonly kind: 'missing' }
  /** Cut off (a copy or a disk that failed mid-file): `text` is what is there. */
  | { readonly kind: 'truncated'; readonly bytes: number; readonly text: string }
  | { readonly kind: 'invalid'; readonly why: string };

/**
 * Reads a folder's manifest and says what is wrong with it when it cannot be used: missing, truncated (not
 * valid JSON and not ending in `}` as every manifest panmine writes does), or invalid (damaged JSON, another
 * format, written by another version of panmine).
 */
export function readManifestFile(dir: string): ManifestRead {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'invalid', why: `it cannot be read (${code ?? String(e)})` };
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch (e) {
    if (!text.trimEnd().endsWith('}')) return { kind: 'truncated', bytes: Buffer.byteLength(text), text };
    return { kind: 'invalid', why: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof m !== 'object' || m === null || typeof m.format !== 'string' || !m.format.startsWith('panmine-manifest/'))
    return { kind: 'invalid', why: 'it is not a panmine manifest' };
  if (!READABLE_MANIFEST_FORMATS.includes(m.format))
    return {
      kind: 'invalid',
      why: `it was written by another version of panmine (format ${m.format}, this one reads ${READABLE_MANIFEST_FORMATS.join(' and ')})`,
    };
  if (!m.sweep) return { kind: 'invalid', why: 'it has no sweep identity' };
  return { kind: 'ok', manifest: m };
}

/**
 * Why a folder written by an earlier panmine cannot be resumed, merged or verified, or undefined when it can
 * (its manifest is of MANIFEST_FORMAT).
 */
export function legacyFormatProblem(m: Manifest): string | undefined {
  return m.format === MANIFEST_FORMAT
    ? undefined
    : `it was written by an earlier panmine (${m.format}), whose parts carry no sweep identity and no fingerprint of the code`;
}

/** Reads a folder's manifest; undefined when there is none or it cannot be used (see readManifestFile). */
export function readManifest(dir: string): Manifest | undefined {
  const r = readManifestFile(dir);
  return r.kind === 'ok' ? r.manifest : undefined;
}

/** What a truncated manifest still tells: the command that wrote the folder and its shard, when they come before the cut. */
export function salvageManifest(text: string): { command?: string[]; shard?: Shard | null } {
  const out: { command?: string[]; shard?: Shard | null } = {};
  const cmd = /\n {2}"command": (\[[^\]]*\])/.exec(text);
  if (cmd) {
    try {
      const c = JSON.parse(cmd[1]!) as unknown;
      if (Array.isArray(c) && c.every((x) => typeof x === 'string')) out.command = c;
    } catch {
      /* cut inside the command */
    }
  }
  const shard = /\n {2}"shard": (null|\{\s*"index": (\d+),\s*"count": (\d+)\s*\})/.exec(text);
  if (shard) out.shard = shard[1] === 'null' ? null : { index: Number(shard[2]), count: Number(shard[3]) };
  return out;
}

/**
 * The manifest's text: indented JSON, with one line per run so that a large sweep's manifest is
 * streamed (`runLines` yields the runs' JSON one at a time).
 */
export function* manifestChunks(m: Omit<Manifest, 'runs'>, runLines?: Iterable<string>): Generator<string> {
  if (!runLines) {
    yield `${JSON.stringify(m, null, 2)}\n`;
    return;
  }
  const marker = '"__RUNS__"';
  const text = JSON.stringify({ ...m, runs: '__RUNS__' }, null, 2);
  const at = text.lastIndexOf(marker);
  yield `${text.slice(0, at)}[`;
  let first = true;
  for (const line of runLines) {
    yield (first ? '\n    ' : ',\n    ') + line;
    first = false;
  }
  yield `${(first ? ']' : '\n  ]') + text.slice(at + marker.length)}\n`;
}
