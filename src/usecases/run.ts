import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ConfigError, FileSystemError, InputError } from '../core/errors.ts';
import { type ParameterSpace, spaceOf } from '../experiment/space.ts';
import { assembleCsvs } from '../output/assemble.ts';
import { writeFileAtomicSync } from '../output/atomic-file.ts';
import { acquireFolderLock, checkNotLocked } from '../output/folder-lock.ts';
import { withFs } from '../output/fs-errors.ts';
import { MANIFEST, MANIFEST_FORMAT, type Manifest, type SweepIdentity, sweepIdentity } from '../output/manifest.ts';
import { checkOutFolder, checkOutPath, clearSweepFiles, defaultOutFolder, type FolderMode, removeTempFiles } from '../output/out-folder.ts';
import { gitCommit, panmineVersion } from '../output/package-info.ts';
import { inspectPart, PARTS_DIR, partIdentity, writePart } from '../output/part-file.ts';
import { writeRecordCopy } from '../output/record-file.ts';
import { fingerprintSources, type SourceFingerprint } from '../output/source-fingerprint.ts';
import { writeFinalManifest } from '../output/write-manifest.ts';
import { type LoadedExperiment, loadExperiment, resolveExperimentFile } from '../runner/load-experiment.ts';
import { type Plan, runIds, runsInShard, type Shard } from '../runner/plan.ts';
import { preflight } from '../runner/preflight.ts';
import { progressReporter } from '../runner/progress.ts';
import { runSweep, type SweepResult } from '../runner/sweep.ts';
import { chooseThreads, largestRunAgents } from '../runner/threads.ts';
import type { RunLimits } from '../runner/worker-pool.ts';
import { checkRunCount, checkThreadCount, type MemoryRecord, planMemory, pointText } from './run-checks.ts';
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
  /** The command line, recorded in the manifest and the folder's lock. */
  readonly command: readonly string[];
  /** Go on when the memory pre-flight says the sweep will not fit (`--force-memory`). */
  readonly forceMemory?: boolean;
  /** Allow far more threads than cores (`--oversubscribe`). */
  readonly oversubscribe?: boolean;
  /** Allow more than MANY_RUNS runs (`--many-runs`). */
  readonly manyRuns?: boolean;
  /** Stop a run after this many seconds (`--run-timeout`). */
  readonly runTimeoutS?: number;
  /** Cap each run worker's JS heap, in MiB (`--run-heap-mb`). */
  readonly runHeapMb?: number;
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
  readonly sources: SourceFingerprint;
  /** The modules the fingerprint covers (file: URLs): a run that loads another fails. */
  readonly modules: readonly string[];
  readonly memory: MemoryRecord;
  readonly limits: RunLimits;
  readonly outDir: string;
  /** The folder as messages name it (`--out <dir>`). */
  readonly outLabel: string;
  readonly mode: FolderMode;
  /** Lines for stderr that the pre-flight wants the user to see (not errors). */
  readonly notes: readonly string[];
  /** The pre-flight's run worker, idle with the experiment loaded: the sweep's first worker. runToFolder ends it. */
  readonly warmWorker?: Worker;
  /** For a world: its networks' names (the report gives each a section). */
  readonly networks?: readonly string[];
}

/**
 * Every check of a run before anything is written, cheapest first: the experiment loads; the parameter space
 * expands (duplicate --set names and grid values refused) and every point's horizon and sample interval are
 * valid; the run and thread counts are sane; the output folder can be created and no live process holds it;
 * the declared populations fit in memory; then, in one run worker, the experiment is imported while every
 * module loaded is recorded (the sweep's source fingerprint) and each point's model is built (an InputError
 * from `build` is bad input); last, the folder's mode (fresh, resume, force) is decided against the sweep's
 * identity. Throws InputError (one line) on bad input.
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
  const plan: Plan = { points: space.points, replicates, seed, shard: request.shard };
  const runs = runsInShard(plan);
  checkRunCount(runs, space.points.length, replicates, request.shard, !!request.manyRuns);
  const chosen = chooseThreads(request, runs, largestRunAgents(experiment, space.points));
  checkThreadCount(chosen, request, !!request.oversubscribe);

  const outDir = resolve(request.out ?? defaultOutFolder(experiment.name));
  const outLabel = request.out !== undefined ? `--out ${outDir}` : `output folder ${outDir}`;
  checkOutPath(outDir, outLabel);
  checkNotLocked(outDir, outLabel);

  const memory = planMemory(experiment, space.points, chosen, runs, { workersGiven: request.workers !== undefined, force: !!request.forceMemory });
  const threads = { ...chosen, workers: memory.workers };
  const notes: string[] = memory.note ? [memory.note] : [];

  const limits: RunLimits = { runTimeoutS: request.runTimeoutS, heapMb: request.runHeapMb };
  const checked = await preflight({ experimentFile, threadsPerRun: threads.threadsPerRun, points: space.points, limits });
  let sources: SourceFingerprint;
  let identity: SweepIdentity;
  let mode: FolderMode;
  let networks: readonly string[] | undefined;
  try {
    if (checked.inputError) {
      const point = space.points[checked.inputError.pointId]!;
      throw new InputError(`point ${point.id} (${pointText(space, request.sets, point)}): ${checked.inputError.message}`);
    }
    if (checked.workerFailure)
      notes.push(`pre-flight: building the models stopped: ${checked.workerFailure}; the runs will meet it and record it in the manifest`);
    sources = fingerprintSources(checked.modules, experimentFile);
    identity = sweepIdentity(experiment, sources.sha256, panmineVersion(), seed, replicates, space);
    mode = checkOutFolder(outDir, {
      resume: request.resume,
      force: request.force,
      identity,
      sources: sources.files,
      shard: request.shard,
      command: 'run',
      label: outLabel,
    });
    // Building a model is cheap (agents are made when a run creates its shards; point 0 built in the pre-flight); a world names its networks.
    networks = space.points.length > 0 ? experiment.build(space.points[0]!.values).networks : undefined;
  } catch (e) {
    await checked.worker?.terminate();
    throw e;
  }
  return {
    request: { ...request, ...threads },
    experimentFile,
    experiment,
    space,
    plan,
    identity,
    sources,
    modules: checked.modules,
    memory: memory.record,
    limits,
    outDir,
    outLabel,
    mode,
    notes,
    ...(checked.worker ? { warmWorker: checked.worker } : {}),
    ...(networks ? { networks } : {}),
  };
}

export interface RunFolderResult {
  readonly outDir: string;
  readonly sweep: SweepResult;
  /** 0 all runs ok, 1 some run failed, 130 interrupted. */
  readonly exitCode: 0 | 1 | 130;
}

/** Most notes about parts redone on resume that are printed one by one; the rest are counted. */
const NOTES_SHOWN = 5;

/**
 * Runs a prepared sweep into its folder, holding the folder's lock throughout: each finished run becomes an
 * atomically written part carrying the sweep's identity; at the end the CSVs are assembled from the parts and
 * the manifest is written. Interrupted (signal aborted): the parts written so far stay valid for `--resume`.
 * Throws InputError when another process took the folder since the pre-flight, and FileSystemError (naming the
 * file and the cause; `resumable` once the sweep has started) when the disk fails it. `onNote` receives lines
 * for stderr (parts that are redone on resume, and why).
 */
export async function runToFolder(p: PreparedRun, signal?: AbortSignal, onNote: (line: string) => void = () => {}): Promise<RunFolderResult> {
  const { outDir, outLabel, request, plan } = p;
  const created = !existsSync(outDir);
  withFs('create the folder', outDir, () => {
    mkdirSync(dirname(outDir), { recursive: true });
    mkdirSync(outDir, { recursive: request.out !== undefined });
  });
  const lock = acquireFolderLock(outDir, outLabel, request.command);
  let started = false;
  try {
    // The folder may have changed between the pre-flight and the lock: decide again, holding it.
    const mode = checkOutFolder(outDir, {
      resume: request.resume,
      force: request.force,
      identity: p.identity,
      sources: p.sources.files,
      shard: request.shard,
      command: 'run',
      label: outLabel,
    });
    if (mode.kind === 'force') clearSweepFiles(outDir);
    if (mode.kind === 'resume') removeTempFiles(outDir);
    if (mode.kind === 'resume' && mode.truncatedBytes !== undefined)
      onNote(
        `${outLabel}: ${MANIFEST} is truncated (cut off after ${mode.truncatedBytes} bytes); checking each part against this sweep and keeping those that belong to it`,
      );
    withFs('create the folder', join(outDir, PARTS_DIR), () => mkdirSync(join(outDir, PARTS_DIR), { recursive: true }));

    const startedAt = mode.kind === 'resume' && mode.manifest ? mode.manifest.started_at : new Date().toISOString();
    const record = p.experiment.publicRecord ? writeRecordCopy(outDir, p.experiment.publicRecord) : undefined;
    // The command and shard come first, so that a manifest cut short still says how to repair its folder.
    const head: Omit<Manifest, 'runs'> = {
      format: MANIFEST_FORMAT,
      status: 'running',
      command: request.command,
      shard: request.shard,
      experiment_file: p.experimentFile,
      description: p.experiment.description,
      git_commit: gitCommit(),
      node_version: process.version,
      started_at: startedAt,
      workers: request.workers,
      threads_per_run: request.threadsPerRun,
      memory: { ...p.memory },
      metric_docs: p.experiment.metricDocs,
      ...(record ? { record } : {}),
      ...(p.networks ? { networks: p.networks } : {}),
      sweep: p.identity,
      sources: p.sources.files,
    };
    if (!(mode.kind === 'resume' && mode.manifest)) writeFileAtomicSync(join(outDir, MANIFEST), `${JSON.stringify(head, null, 2)}\n`);
    started = true;

    let redone = 0;
    const progress = progressReporter(`panmine ${p.experiment.name}`, { quiet: request.quiet });
    let sweep: SweepResult;
    try {
      sweep = await runSweep({
        plan,
        experimentFile: p.experimentFile,
        workers: request.workers,
        threadsPerRun: request.threadsPerRun,
        limits: p.limits,
        knownModules: p.modules,
        warmWorker: p.warmWorker,
        signal,
        onProgress: (s) => progress.update(s),
        sink: {
          isDone: (run) => {
            const c = inspectPart(outDir, run, partIdentity(p.identity, plan.points[run.pointId]!.values));
            if (c.ok) return c.part.header.status === 'ok';
            if (c.problem !== 'missing' && ++redone <= NOTES_SHOWN) onNote(`run ${run.runId}: ${c.detail}; redoing it`);
            return false;
          },
          store: (run, point, outcome) => writePart(outDir, run, partIdentity(p.identity, point.values), outcome),
        },
      });
    } finally {
      progress.stop();
    }
    if (redone > NOTES_SHOWN) onNote(`${redone} runs in all were redone because their parts could not be used`);
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
      identity: p.identity,
      tick: lock.beat,
    });
    const anyFailed = writeFinalManifest(outDir, { ...head, ended_at: new Date().toISOString() }, assembled);
    await writeExtras(outDir, request);
    return { outDir, sweep, exitCode: anyFailed ? 1 : 0 };
  } catch (e) {
    // Before the sweep started, a file-system failure leaves nothing to resume.
    if (e instanceof FileSystemError && !started && e.resumable) throw new FileSystemError(e.message, e.code, false);
    throw e;
  } finally {
    await p.warmWorker?.terminate();
    lock.release();
    if (created && !started) removeIfEmpty(outDir);
  }
}

/** Removes a folder this invocation created and left empty (a refused or failed start). */
function removeIfEmpty(dir: string): void {
  for (const d of [join(dir, PARTS_DIR), dir]) {
    try {
      if (readdirSync(d).length === 0) rmdirSync(d);
    } catch {
      /* absent, or leave it */
    }
  }
}

/**
 * Parquet tables and the report, when asked for, written while the folder is still locked. Imported on demand:
 * DuckDB and vega take half a second to load.
 */
async function writeExtras(outDir: string, request: RunRequest): Promise<void> {
  if (request.formats?.includes('parquet')) await (await import('./convert.ts')).convertFolder(outDir, 'parquet');
  if (request.report) await (await import('./report.ts')).writeReport(outDir);
}
