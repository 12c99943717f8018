import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Scalar } from '../core/params.ts';
import type { Point } from '../experiment/space.ts';
import { assembleCsvs } from '../output/assemble.ts';
import { identityDifference, type Manifest, readManifest } from '../output/manifest.ts';
import { checkOutFolder, clearSweepFiles } from '../output/out-folder.ts';
import { gitCommit } from '../output/package-info.ts';
import { PARTS_DIR, partPath, readPart } from '../output/part-file.ts';
import { writeFinalManifest } from '../output/write-manifest.ts';
import { runIds, runOf, type Shard, totalRuns } from '../runner/plan.ts';

export interface MergeResult {
  readonly outDir: string;
  readonly ok: number;
  readonly failed: number;
}

const shardText = (s: Shard | null) => (s ? `shard ${s.index}/${s.count}` : 'unsharded');

/**
 * Joins the folders of a sharded sweep into one folder with exactly the bytes of a single-machine run:
 * the parts are checked (same experiment, panmine version, seed, replicates and space; every run held
 * by exactly one folder; every part present and intact), copied into `out`, and the CSVs and manifest
 * are assembled from them as a run would. Throws InputError (one line) before writing anything when
 * the folders do not make one complete sweep.
 */
export async function mergeFolders(dirsIn: readonly string[], outIn: string, opts: { force: boolean }): Promise<MergeResult> {
  const dirs = dirsIn.map((d) => resolve(d));
  const outDir = resolve(outIn);
  const manifests: Manifest[] = [];
  for (const [i, d] of dirs.entries()) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new InputError(`${dirsIn[i]}: no such folder`);
    if (d === outDir) throw new InputError(`--out ${outIn}: is also one of the folders to merge`);
    const m = readManifest(d);
    if (!m) throw new InputError(`${dirsIn[i]}: not a panmine output folder (no readable manifest.json)`);
    manifests.push(m);
  }
  const first = manifests[0]!;
  for (let i = 1; i < manifests.length; i++) {
    const diff = identityDifference(first.sweep, manifests[i]!.sweep);
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
    if (!readPart(dirs[i]!, runOf(plan, id)))
      throw new InputError(`cannot merge: ${dirsIn[i]} has no intact part for run ${id} (an unfinished shard? finish it with panmine run ... --resume)`);
  }
  const records = new Set(manifests.map((m) => m.record?.sha256 ?? 'none'));
  if (records.size > 1)
    throw new InputError(
      `cannot merge: the folders hold different public records (${[...records].join(' vs ')}); rerun the shards from one experiment and record`,
    );
  const mode = checkOutFolder(outDir, { resume: false, force: opts.force, identity: sweep, shard: null });

  mkdirSync(join(outDir, PARTS_DIR), { recursive: true });
  if (mode.kind === 'force') {
    clearSweepFiles(outDir);
    mkdirSync(join(outDir, PARTS_DIR), { recursive: true });
  }
  for (let id = 0; id < total; id++) copyFileSync(partPath(dirs[owner[id]!]!, id), partPath(outDir, id));
  if (first.record) copyFileSync(join(dirs[0]!, first.record.file), join(outDir, first.record.file));

  const assembled = assembleCsvs({
    outDir,
    partsFolderOf: () => outDir,
    points,
    replicates: plan.replicates,
    seed: plan.seed,
    names: sweep.space.names,
    metrics: sweep.metrics,
    runIds: runIds(plan),
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
      sweep,
      shard: null,
      experiment_file: first.experiment_file,
      description: first.description,
      ...(first.metric_docs ? { metric_docs: first.metric_docs } : {}),
      ...(first.record ? { record: first.record } : {}),
      ...(first.networks ? { networks: first.networks } : {}),
      git_commit: gitCommit(),
      command: ['panmine', ...process.argv.slice(2)],
      merged_from: dirs.map((d, i) => ({ folder: d, shard: manifests[i]!.shard, git_commit: manifests[i]!.git_commit })),
      started_at: times((m) => m.started_at)[0] ?? new Date().toISOString(),
      ended_at: times((m) => m.ended_at).at(-1) ?? new Date().toISOString(),
    },
    assembled,
  );
  return { outDir, ok: assembled.ok, failed };
}
