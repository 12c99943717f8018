import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamSpec } from '../core/params.ts';
import type { Experiment } from '../experiment/define.ts';
import type { ParameterSpace } from '../experiment/space.ts';
import type { Shard } from '../runner/plan.ts';

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'panmine-manifest/1';

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
  /** sha256 of the experiment file's source. */
  readonly experiment_sha256: string;
  readonly panmine_version: string;
  readonly seed: number;
  readonly replicates: number;
  readonly metrics: readonly string[];
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
  experimentSha256: string,
  version: string,
  seed: number,
  replicates: number,
  space: ParameterSpace,
): SweepIdentity {
  return {
    experiment: experiment.name,
    experiment_sha256: experimentSha256,
    panmine_version: version,
    seed,
    replicates,
    metrics: [...experiment.metrics],
    space: {
      names: [...space.names],
      specs: Object.fromEntries(space.names.map((n) => [n, specRecord(space.specs[n]!)])),
      points: space.points.map((p) => ({ id: p.id, values: p.values })),
    },
  };
}

/** The first field in which two identities differ, or undefined when they are equal. */
export function identityDifference(a: SweepIdentity, b: SweepIdentity): string | undefined {
  const fields: (keyof SweepIdentity)[] = ['experiment', 'panmine_version', 'experiment_sha256', 'seed', 'replicates', 'metrics', 'space'];
  for (const f of fields) {
    const x = JSON.stringify(a[f]);
    const y = JSON.stringify(b[f]);
    if (x !== y) {
      const show = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
      const what = f === 'space' ? 'parameter space (--set overrides or sampled points)' : f === 'experiment_sha256' ? 'experiment file contents' : f;
      return f === 'space' || f === 'experiment_sha256' ? `the ${what} differ` : `${what} differs (${show(x)} vs ${show(y)})`;
    }
  }
  return undefined;
}

/** Reads a folder's manifest; undefined when there is none or it does not parse. */
export function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return m && m.format === MANIFEST_FORMAT && m.sweep ? m : undefined;
  } catch {
    return undefined;
  }
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
