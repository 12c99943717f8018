import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.ts';
import { type ParameterSpace, spaceOf } from '../experiment/space.ts';
import { assembleCsvs } from '../output/assemble.ts';
import { writeFileAtomicSync } from '../output/atomic-file.ts';
import { MANIFEST, type Manifest, type SweepIdentity, sweepIdentity } from '../output/manifest.ts';
import { checkOutFolder, clearSweepFiles, defaultOutFolder, type FolderMode, removeTempFiles } from '../output/out-folder.ts';
import { gitCommit, panmineVersion } from '../output/package-info.ts';
import { PARTS_DIR, readPart, writePart } from '../output/part-file.ts';
import { writeRecordCopy } from '../output/record-file.ts';
import { writeFinalManifest } from '../output/write-manifest.ts';
import { type LoadedExperiment, loadExperiment, resolveExperimentFile } from '../runner/load-experiment.ts';
import { type Plan, runIds, runsInShard, type Shard } from '../runner/plan.ts';
import { progressReporter } from '../runner/progress.ts';
import { runSweep, type SweepResult } from '../runner/sweep.ts';
import { chooseThreads, largestRunAgents } from '../runner/threads.ts';
import type { TableFormat } from './table-formats.ts';

export interface RunRequest {
  readonly experiment: string;
  readonly out?: string;
  readonly seed?: number;
  readonly replicates?: number;
  /** Latin-hypercube points per grid combination (`--points`); undefined keeps the experiment's. */
  readonly points?: number;
  /** Worker threads for runs; undefined chooses (see chooseThreads). */
  readonly workers?: number;
  readonly sets: readonly string[];
  readonly shard: Shard | null;
  readonly resume: boolean;
  readonly force: boolean;
  readonly quiet: boolean;
  /** Threads for one run's shards; undefined chooses (see chooseThreads). */
  readonly threadsPerRun?: number;
  /** The command line, recorded in the manifest. */
  readonly command: readonly string[];
  /** Table formats to write when the sweep ends (CSV always; `parquet` adds Parquet files beside). */
  readonly formats?: readonly TableFormat[];
  /** Write report.html when the sweep ends. */
  readonly report?: boolean;
}

/** A run request after every check: nothing has been written yet. */
export interface PreparedRun {
  /** The request with workers and threads per run resolved. */
  readonly request: RunRequest & { readonly workers: number; readonly threadsPerRun: number };
  readonly experimentFile: string;
  readonly experiment: LoadedExperiment;
  readonly space: ParameterSpace;
  readonly plan: Plan;
  readonly identity: SweepIdentity;
  readonly outDir: string;
  readonly mode: FolderMode;
  /** For a world: its networks' names (the report gives each a section). */
  readonly networks?: readonly string[];
}

/**
 * Loads the experiment, expands the space, evaluates every point's horizon and sample interval, and
 * checks the output folder, all before anything is written. Throws InputError (one line) on bad input.
 */
export async function prepareRun(request: RunRequest): Promise<PreparedRun> {
  const experimentFile = resolveExperimentFile(request.experiment);
  const experiment = await loadExperiment(experimentFile);
  const seed = request.seed ?? experiment.seed;
  const replicates = request.replicates ?? experiment.replicates;
  const space = spaceOf(experiment, request.sets, seed, request.points ?? experiment.points);
  for (const p of space.points) {
    experiment.horizonS(p.values);
    experiment.sampleEveryS(p.values);
  }
  const total = space.points.length * replicates;
  if (!Number.isSafeInteger(total)) throw new ConfigError('runs', total, 'too many runs (points × replicates)');
  const sha = createHash('sha256').update(readFileSync(experimentFile)).digest('hex');
  const identity = sweepIdentity(experiment, sha, panmineVersion(), seed, replicates, space);
  const outDir = resolve(request.out ?? defaultOutFolder(experiment.name));
  const mode = checkOutFolder(outDir, { resume: request.resume, force: request.force, identity, shard: request.shard });
  const plan: Plan = { points: space.points, replicates, seed, shard: request.shard };
  const threads = chooseThreads(request, runsInShard(plan), largestRunAgents(experiment, space.points));
  // Building a model is cheap (agents are made when a run creates its shards); a world names its networks.
  const networks = space.points.length > 0 ? experiment.build(space.points[0]!.values).networks : undefined;
  return { request: { ...request, ...threads }, experimentFile, experiment, space, plan, identity, outDir, mode, networks };
}

export interface RunFolderResult {
  readonly outDir: string;
  readonly sweep: SweepResult;
  /** 0 all runs ok, 1 some run failed, 130 interrupted. */
  readonly exitCode: 0 | 1 | 130;
}

/**
 * Runs a prepared sweep into its folder: each finished run becomes an atomically written part; at the
 * end the CSVs are assembled from the parts and the manifest is written. Interrupted (signal aborted):
 * the parts written so far stay valid for `--resume`.
 */
export async function runToFolder(p: PreparedRun, signal?: AbortSignal): Promise<RunFolderResult> {
  const { outDir, mode, request, plan } = p;
  mkdirSync(outDir, { recursive: true });
  if (mode.kind === 'force') clearSweepFiles(outDir);
  if (mode.kind === 'resume') removeTempFiles(outDir);
  mkdirSync(join(outDir, PARTS_DIR), { recursive: true });

  const startedAt = mode.kind === 'resume' ? mode.manifest.started_at : new Date().toISOString();
  const record = p.experiment.publicRecord ? writeRecordCopy(outDir, p.experiment.publicRecord) : undefined;
  const head: Omit<Manifest, 'runs'> = {
    format: 'panmine-manifest/1',
    status: 'running',
    sweep: p.identity,
    shard: request.shard,
    experiment_file: p.experimentFile,
    description: p.experiment.description,
    git_commit: gitCommit(),
    command: request.command,
    started_at: startedAt,
    workers: request.workers,
    threads_per_run: request.threadsPerRun,
    metric_docs: p.experiment.metricDocs,
    ...(record ? { record } : {}),
    ...(p.networks ? { networks: p.networks } : {}),
  };
  if (mode.kind !== 'resume') writeFileAtomicSync(join(outDir, MANIFEST), `${JSON.stringify(head, null, 2)}\n`);

  const progress = progressReporter(`panmine ${p.experiment.name}`, { quiet: request.quiet });
  let sweep: SweepResult;
  try {
    sweep = await runSweep({
      plan,
      experimentFile: p.experimentFile,
      workers: request.workers,
      threadsPerRun: request.threadsPerRun,
      signal,
      onProgress: (s) => progress.update(s),
      sink: {
        isDone: (run) => readPart(outDir, run)?.header.status === 'ok',
        store: (run, _point, outcome) => writePart(outDir, run, outcome),
      },
    });
  } finally {
    progress.stop();
  }
  if (sweep.interrupted) return { outDir, sweep, exitCode: 130 };

  const assembled = assembleCsvs({
    outDir,
    partsFolderOf: () => outDir,
    points: plan.points,
    replicates: plan.replicates,
    seed: plan.seed,
    names: p.space.names,
    metrics: p.experiment.metrics,
    runIds: runIds(plan),
  });
  const anyFailed = writeFinalManifest(outDir, { ...head, ended_at: new Date().toISOString() }, assembled);
  await writeExtras(outDir, request);
  return { outDir, sweep, exitCode: anyFailed ? 1 : 0 };
}

/** Parquet tables and the report, when asked for. Imported on demand: DuckDB and vega take half a second to load. */
async function writeExtras(outDir: string, request: RunRequest): Promise<void> {
  if (request.formats?.includes('parquet')) await (await import('./convert.ts')).convertFolder(outDir, 'parquet');
  if (request.report) await (await import('./report.ts')).writeReport(outDir);
}
