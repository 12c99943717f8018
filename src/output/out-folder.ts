import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileSystemError, InputError } from '../core/errors.ts';
import type { Shard } from '../runner/plan.ts';
import { CSV_FILES } from './assemble.ts';
import { EXTRA_FILES } from './extra-files.ts';
import { LOCK_FILE, LOCK_TEMP_RE } from './folder-lock.ts';
import { causeText, withFs } from './fs-errors.ts';
import { identityDifference, legacyFormatProblem, MANIFEST, type Manifest, readManifestFile, type SweepIdentity, sourcesDifference } from './manifest.ts';
import { PARTS_DIR } from './part-file.ts';

/**
 * Working folders of a cluster sweep (`panmine slurm`): the shard outputs and the job scripts. They may sit
 * in the folder a merge writes to; nothing here ever writes or removes them.
 */
export const CLUSTER_DIRS: readonly string[] = ['shards', 'slurm'];

/**
 * What a run does with its output folder: create it, continue the sweep in it, or overwrite it. A resumed folder
 * whose manifest is truncated has no `manifest`: its parts are then checked one by one against the sweep.
 */
export type FolderMode =
  | { kind: 'fresh' }
  | { kind: 'resume'; manifest: Manifest; truncatedBytes?: undefined }
  | { kind: 'resume'; manifest?: undefined; truncatedBytes: number }
  | { kind: 'force' };

/**
 * `results/<experiment>/<UTC time>-<suffix>`, e.g. `results/tiny/2026-11-24T22-13-05.123Z-4f9c2a`: the time to the
 * millisecond and six random hex digits, so that sweeps started together never share a folder.
 */
export function defaultOutFolder(experiment: string, now = new Date()): string {
  return join('results', experiment, `${now.toISOString().replace(/:/g, '-')}-${randomBytes(3).toString('hex')}`);
}

function shardText(s: Shard | null | undefined): string {
  return s ? `${s.index}/${s.count}` : 'none';
}

/** Entries that do not make a folder "not empty": cluster working folders, the lock and its temporary files. */
function isBenign(entry: string): boolean {
  return CLUSTER_DIRS.includes(entry) || entry === LOCK_FILE || LOCK_TEMP_RE.test(entry);
}

/**
 * Checks, reading only, that the folder `dir` can be created or written: every path above it that exists is a
 * folder, and the nearest one that exists is writable. Throws a FileSystemError naming the path and the real
 * cause (a file where a folder is expected, a read-only file system, no permission). `label` names the folder
 * as the user gave it (e.g. `--out x`).
 */
export function checkOutPath(dir: string, label: string): void {
  let p = dir;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  const isDir = (() => {
    try {
      return statSync(p).isDirectory();
    } catch (e) {
      throw new FileSystemError(`${label}: cannot create the folder: ${causeText(e)} at ${p}`, (e as NodeJS.ErrnoException).code);
    }
  })();
  if (p === dir && !isDir) throw new FileSystemError(`${label}: exists and is not a folder`, 'ENOTDIR');
  if (!isDir) throw new FileSystemError(`${label}: cannot create the folder: ${p} is a file, not a folder (ENOTDIR)`, 'ENOTDIR');
  try {
    accessSync(p, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS'
        ? 'is on a read-only file system (EROFS)'
        : code === 'EACCES'
          ? 'is not writable (EACCES: permission denied)'
          : `cannot be written: ${causeText(e)}`;
    throw new FileSystemError(p === dir ? `${label}: cannot write in the folder: it ${why}` : `${label}: cannot create the folder: ${p} ${why}`, code);
  }
}

export interface CheckOutFolderOptions {
  readonly resume: boolean;
  readonly force: boolean;
  readonly identity: SweepIdentity;
  /** The files behind identity.sources_sha256, to name those that changed. */
  readonly sources?: Readonly<Record<string, string>>;
  readonly shard: Shard | null;
  /** Which command writes the folder: their messages say what each accepts. */
  readonly command: 'run' | 'merge';
  /** The folder as the user named it. */
  readonly label: string;
}

/**
 * Decides, without touching the disk, what a run or merge may do with `dir`. A missing or empty folder
 * (cluster working folders and a lock aside) is fresh. A folder holding anything else is refused unless
 * `--force`, or unless `--resume` (run only) and the folder holds the same sweep (same identity and shard), or
 * its manifest is truncated (each part is then checked against the sweep). Throws InputError with one line
 * naming the problem.
 */
export function checkOutFolder(dir: string, opts: CheckOutFolderOptions): FolderMode {
  const { label } = opts;
  if (!existsSync(dir)) return { kind: 'fresh' };
  if (!statSync(dir).isDirectory()) throw new InputError(`${label}: exists and is not a folder`);
  if (readdirSync(dir).every(isBenign)) return { kind: 'fresh' };
  if (opts.force) return { kind: 'force' };
  const read = readManifestFile(dir);
  const manifest = read.kind === 'ok' ? read.manifest : undefined;
  const what = manifest
    ? `a sweep of "${manifest.sweep.experiment}"`
    : read.kind === 'missing'
      ? 'other files'
      : `a panmine folder whose ${MANIFEST} is ${read.kind}`;
  if (opts.command === 'merge')
    throw new InputError(
      `${label}: the folder is not empty (it holds ${what}); merge writes into a missing or empty folder: use --force to overwrite it, or choose another folder`,
    );
  if (!opts.resume)
    throw new InputError(
      `${label}: the folder is not empty (it holds ${what}); use --resume to continue the same sweep, --force to overwrite it, or choose another folder`,
    );
  if (read.kind === 'missing') throw new InputError(`${label}: cannot --resume, the folder holds no panmine ${MANIFEST}`);
  if (read.kind === 'invalid') throw new InputError(`${label}: cannot --resume: its ${MANIFEST} cannot be used: ${read.why}`);
  if (read.kind === 'truncated') return { kind: 'resume', truncatedBytes: read.bytes };
  const m = read.manifest;
  const legacy = legacyFormatProblem(m);
  if (legacy) throw new InputError(`${label}: cannot --resume: ${legacy}; start over with --force, or choose another folder`);
  const diff = identityDifference(m.sweep, opts.identity, { a: m.sources, b: opts.sources });
  if (diff && m.sweep.sources_sha256 !== opts.identity.sources_sha256 && m.sweep.experiment === opts.identity.experiment)
    throw new InputError(
      `${label}: cannot --resume: the code differs from the sweep's: ${sourcesDifference(m.sources, opts.sources)}; the runs already written were computed by the old code: start over with --force (or another --out), or restore the code`,
    );
  if (diff) throw new InputError(`${label}: cannot --resume a different sweep: ${diff}; repeat the original command (${m.command.join(' ')}) with --resume`);
  if (shardText(m.shard) !== shardText(opts.shard))
    throw new InputError(`${label}: cannot --resume, the folder holds shard ${shardText(m.shard)} and this command asks for shard ${shardText(opts.shard)}`);
  return { kind: 'resume', manifest: m };
}

/** Removes what a previous sweep left in `dir` (for --force): the manifest, CSVs, record, report, Parquet, parts and temporary files; never the lock. */
export function clearSweepFiles(dir: string): void {
  withFs('remove the previous sweep from', dir, () => {
    for (const f of [MANIFEST, ...CSV_FILES, ...EXTRA_FILES]) rmSync(join(dir, f), { force: true });
    rmSync(join(dir, PARTS_DIR), { recursive: true, force: true });
  });
  removeTempFiles(dir);
}

/** Removes temporary files an interrupted writer left behind (in the folder and in parts/). Call it holding the folder's lock. */
export function removeTempFiles(dir: string): void {
  withFs('remove temporary files from', dir, () => {
    for (const d of [dir, join(dir, PARTS_DIR)]) {
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d)) if (/\.tmp-\d+$/.test(f)) rmSync(join(d, f), { force: true });
    }
  });
}
