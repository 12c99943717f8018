import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Scalar } from '../core/params.ts';
import type { Point } from '../experiment/space.ts';
import { assembleCsvs } from '../output/assemble.ts';
import { acquireFolderLock, checkNotLocked } from '../output/folder-lock.ts';
import { withFs } from '../output/fs-errors.ts';
import { identityDifference, legacyFormatProblem, MANIFEST, type Manifest, readManifestFile, salvageManifest } from '../output/manifest.ts';
import { checkOutFolder, checkOutPath, clearSweepFiles } from '../output/out-folder.ts';
import { gitCommit } from '../output/package-info.ts';
import { inspectPart, PARTS_DIR, partIdentity, partPath } from '../output/part-file.ts';
import { writeFinalManifest } from '../output/write-manifest.ts';
import { runIds, runOf, type Shard, totalRuns } from '../runner/plan.ts';

export interface MergeResult {
  readonly outDir: string;
  readonly ok: number;
  readonly failed: number;
}

const shardText = (s: Shard | null) => (s ? `shard ${s.index}/${s.count}` : 'unsharded');

const quoteArg = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/**
 * The command that finishes or repairs a shard folder in place: the command that wrote it (from its manifest),
 * with `--out` pointing at the folder and `--resume` (which keeps every intact part of the sweep and redoes the
 * rest). Undefined when the command is not known.
 */
export function repairCommand(command: readonly string[] | undefined, dir: string): string | undefined {
  if (!command || command.length < 2 || command[1] !== 'run') return undefined;
  const args: string[] = [];
  for (let i = 0; i < command.length; i++) {
    const a = command[i]!;
    if (a === '--resume' || a === '--force' || a.startsWith('--out=')) continue;
    if (a === '--out') {
      i++;
      continue;
    }
    args.push(a);
  }
  return [...args, '--out', dir, '--resume'].map(quoteArg).join(' ');
}

/**
 * Joins the folders of a sharded sweep into one folder with exactly the bytes of a single-machine run:
 * the shards are checked (same experiment, panmine version, code, seed, replicates and space; every run held
 * by exactly one folder; every part present, intact and of this sweep; no shard still being written), copied
 * into `out`, and the CSVs and manifest are assembled from them as a run would, holding `out`'s lock. Throws
 * InputError (one line saying what is wrong and what merge accepts) before writing anything when the folders
 * do not make one complete sweep.
 */
export async function mergeFolders(dirsIn: readonly string[], outIn: string, opts: { force: boolean; command?: readonly string[] }): Promise<MergeResult> {
  const dirs = dirsIn.map((d) => resolve(d));
  const outDir = resolve(outIn);
  const outLabel = `--out ${outIn}`;
  const manifests: Manifest[] = [];
  for (const [i, d] of dirs.entries()) {
    const label = dirsIn[i]!;
    if (!existsSync(d) || !statSync(d).isDirectory())
      throw new InputError(`${label}: no such folder (merge takes the output folders of panmine run --shard i/n)`);
    if (d === outDir) throw new InputError(`${outLabel}: is also one of the folders to merge; merge writes into a new or empty folder`);
    checkNotLocked(d, label);
    const read = readManifestFile(d);
    if (read.kind === 'missing')
      throw new InputError(`${label}: not a panmine output folder (it has no ${MANIFEST}); merge takes the output folders of panmine run --shard i/n`);
    if (read.kind === 'invalid') throw new InputError(`${label}: its ${MANIFEST} cannot be used: ${read.why}`);
    if (read.kind === 'truncated') {
      const repair = repairCommand(salvageManifest(read.text).command, label);
      throw new InputError(
        `${join(label, MANIFEST)} is truncated (cut off after ${read.bytes} bytes); repair the shard with: ${repair ?? `its panmine run command with --out ${label} --resume`} (it keeps the shard's intact parts), then merge again`,
      );
    }
    const legacy = legacyFormatProblem(read.manifest);
    if (legacy) throw new InputError(`${label}: cannot be merged: ${legacy}; rerun the shard with this panmine`);
    manifests.push(read.manifest);
  }
  const first = manifests[0]!;
  for (let i = 1; i < manifests.length; i++) {
    const diff = identityDifference(first.sweep, manifests[i]!.sweep, { a: first.sources, b: manifests[i]!.sources });
    if (diff) throw new InputError(`cannot merge ${dirsIn[0]} and ${dirsIn[i]}: they are not shards of the same sweep: ${diff}`);
  }
  const { sweep } = first;
  const points: Point[] = sweep.space.points.map((p) => ({ id: p.id, values: p.values as Record<string, Scalar> }));
  const plan = { points, replicates: sweep.replicates, seed: sweep.seed, shard: null };
  const total = totalRuns(plan);
  const owner = new Int32Array(total).fill(-1);
  for (const [i, m] of manifests.entries()) {
    for (const id of runIds({ ...plan, shard: m.shard })) {
      const o = owner[id]!;
      if (o >= 0)
        throw new InputError(`cannot merge: ${dirsIn[o]} (${shardText(manifests[o]!.shard)}) and ${dirsIn[i]} (${shardText(m.shard)}) both hold run ${id}`);
      owner[id] = i;
    }
  }
  const missing: number[] = [];
  for (let id = 0; id < total; id++) if (owner[id]! < 0) missing.push(id);
  if (missing.length > 0) {
    const counts = new Set(manifests.map((m) => m.shard?.count).filter((c) => c !== undefined));
    const hint = counts.size === 1 ? `; shards present: ${manifests.map((m) => shardText(m.shard)).join(', ')}` : '';
    throw new InputError(`cannot merge: ${missing.length} of ${total} runs are in none of the folders (first: run ${missing.slice(0, 5).join(', ')})${hint}`);
  }
  for (let id = 0; id < total; id++) {
    const i = owner[id]!;
    const run = runOf(plan, id);
    const c = inspectPart(dirs[i]!, run, partIdentity(sweep, points[run.pointId]!.values));
    if (c.ok) continue;
    const m = manifests[i]!;
    const repair = repairCommand(m.command, dirsIn[i]!) ?? `its panmine run command with --out ${dirsIn[i]} --resume`;
    if (c.problem === 'missing') {
      const why =
        m.status === 'running'
          ? 'the shard is unfinished (its manifest says running)'
          : `its manifest says ${m.status}, but the part is gone: the folder was changed after it was written`;
      throw new InputError(`cannot merge: ${dirsIn[i]} has no part for run ${id}: ${why}; finish it with: ${repair}, then merge again`);
    }
    throw new InputError(`cannot merge: ${join(dirsIn[i]!, PARTS_DIR, `run-${id}.part`)} is ${c.detail}; redo it with: ${repair}, then merge again`);
  }
  const records = new Set(manifests.map((m) => m.record?.sha256 ?? 'none'));
  if (records.size > 1)
    throw new InputError(
      `cannot merge: the folders hold different public records (${[...records].join(' vs ')}); rerun the shards from one experiment and record`,
    );

  checkOutPath(outDir, outLabel);
  checkNotLocked(outDir, outLabel);
  const outCheck = { resume: false, force: opts.force, identity: sweep, shard: null, command: 'merge', label: outLabel } as const;
  checkOutFolder(outDir, outCheck);

  withFs('create the folder', outDir, () => mkdirSync(outDir, { recursive: true }));
  const command = opts.command ?? ['panmine', 'merge', ...dirsIn, '--out', outIn];
  const lock = acquireFolderLock(outDir, outLabel, command);
  try {
    const mode = checkOutFolder(outDir, outCheck);
    if (mode.kind === 'force') clearSweepFiles(outDir);
    withFs('create the folder', join(outDir, PARTS_DIR), () => mkdirSync(join(outDir, PARTS_DIR), { recursive: true }));
    for (let id = 0; id < total; id++) {
      if ((id & 1023) === 1023) lock.beat();
      const to = partPath(outDir, id);
      withFs('copy a part to', to, () => copyFileSync(partPath(dirs[owner[id]!]!, id), to));
    }
    if (first.record) {
      const to = join(outDir, first.record.file);
      withFs('copy the public record to', to, () => copyFileSync(join(dirs[0]!, first.record!.file), to));
    }

    const assembled = assembleCsvs({
      outDir,
      partsFolderOf: () => outDir,
      points,
      replicates: plan.replicates,
      seed: plan.seed,
      names: sweep.space.names,
      metrics: sweep.metrics,
      runIds: runIds(plan),
      identity: sweep,
      tick: lock.beat,
    });
    const times = (f: (m: Manifest) => string | undefined) =>
      manifests
        .map(f)
        .filter((t): t is string => !!t)
        .sort();
    const failed = assembled.failed + assembled.missing;
    writeFinalManifest(
      outDir,
      {
        format: first.format,
        command,
        shard: null,
        experiment_file: first.experiment_file,
        description: first.description,
        ...(first.metric_docs ? { metric_docs: first.metric_docs } : {}),
        ...(first.record ? { record: first.record } : {}),
        ...(first.networks ? { networks: first.networks } : {}),
        git_commit: gitCommit(),
        node_version: process.version,
        merged_from: dirs.map((d, i) => ({ folder: d, shard: manifests[i]!.shard, git_commit: manifests[i]!.git_commit })),
        started_at: times((m) => m.started_at)[0] ?? new Date().toISOString(),
        ended_at: times((m) => m.ended_at).at(-1) ?? new Date().toISOString(),
        sweep,
        ...(first.sources ? { sources: first.sources } : {}),
      },
      assembled,
    );
    return { outDir, ok: assembled.ok, failed };
  } finally {
    lock.release();
  }
}
