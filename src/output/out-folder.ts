import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Shard } from '../runner/plan.ts';
import { CSV_FILES } from './assemble.ts';
import { EXTRA_FILES } from './extra-files.ts';
import { identityDifference, MANIFEST, type Manifest, readManifest, type SweepIdentity } from './manifest.ts';
import { PARTS_DIR } from './part-file.ts';

/**
 * Working folders of a cluster sweep (`panmine slurm`): the shard outputs and the job scripts. They may sit
 * in the folder a merge writes to; nothing here ever writes or removes them.
 */
export const CLUSTER_DIRS: readonly string[] = ['shards', 'slurm'];

/** What a run does with its output folder: create it, continue the sweep in it, or overwrite it. */
export type FolderMode = { kind: 'fresh' } | { kind: 'resume'; manifest: Manifest } | { kind: 'force' };

/** `results/<experiment>/<UTC timestamp>` with a timestamp such as 2026-11-24T22-13-05Z. */
export function defaultOutFolder(experiment: string, now = new Date()): string {
  return join('results', experiment, `${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`);
}

function shardText(s: Shard | null): string {
  return s ? `${s.index}/${s.count}` : 'none';
}

/**
 * Decides, without touching the disk, what a run may do with `dir`. A missing or empty folder (cluster
 * working folders aside) is fresh.
 * A folder holding anything else is refused unless `--force`, or unless `--resume` and the folder holds
 * the same sweep (same identity and shard). Throws InputError with one line naming the problem.
 */
export function checkOutFolder(dir: string, opts: { resume: boolean; force: boolean; identity: SweepIdentity; shard: Shard | null }): FolderMode {
  if (!existsSync(dir)) return { kind: 'fresh' };
  if (!statSync(dir).isDirectory()) throw new InputError(`--out ${dir}: exists and is not a folder`);
  if (readdirSync(dir).every((e) => CLUSTER_DIRS.includes(e))) return { kind: 'fresh' };
  if (opts.force) return { kind: 'force' };
  const manifest = readManifest(dir);
  if (!opts.resume) {
    const what = manifest ? `a sweep of "${manifest.sweep.experiment}"` : 'other files';
    throw new InputError(
      `--out ${dir}: the folder is not empty (it holds ${what}); use --resume to continue the same sweep, --force to overwrite it, or choose another folder`,
    );
  }
  if (!manifest) throw new InputError(`--out ${dir}: cannot --resume, the folder holds no panmine ${MANIFEST}`);
  const diff = identityDifference(manifest.sweep, opts.identity);
  if (diff)
    throw new InputError(`--out ${dir}: cannot --resume a different sweep: ${diff}; repeat the original command (${manifest.command.join(' ')}) with --resume`);
  if (shardText(manifest.shard) !== shardText(opts.shard))
    throw new InputError(
      `--out ${dir}: cannot --resume, the folder holds shard ${shardText(manifest.shard)} and this command asks for shard ${shardText(opts.shard)}`,
    );
  return { kind: 'resume', manifest };
}

/** Removes what a previous sweep left in `dir` (for --force): the manifest, CSVs, record, report, Parquet, parts and temporary files. */
export function clearSweepFiles(dir: string): void {
  for (const f of [MANIFEST, ...CSV_FILES, ...EXTRA_FILES]) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, PARTS_DIR), { recursive: true, force: true });
  removeTempFiles(dir);
}

/** Removes temporary files an interrupted writer left behind (in the folder and in parts/). */
export function removeTempFiles(dir: string): void {
  for (const d of [dir, join(dir, PARTS_DIR)]) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (/\.tmp-\d+$/.test(f)) rmSync(join(d, f), { force: true });
  }
}
