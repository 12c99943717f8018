import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { ConfigError, oneLine } from '../experiment/errors.ts';

/**
 * A sweep on a cluster: one array task per shard (`panmine run … --shard i/n`), then one job that
 * merges the shard folders (`panmine merge`) into the same bytes as a single-machine run.
 * Generating the scripts is pure; `submitSlurm` is the only part that touches the file system and sbatch.
 */
export interface ClusterSweepOptions {
  /** The experiment file, absolute (the task runs on another machine, in another directory). */
  readonly experimentFile: string;
  /** n, the number of shards = array tasks; integer from 1 to 10000. */
  readonly shards: number;
  /** The final, merged output folder, absolute; shards go to `<outDir>/shards/<i>`. */
  readonly outDir: string;
  /** CPUs per task, also passed as `--workers`; integer from 1 to 1024 (default 1). */
  readonly cpus?: number;
  /** `--replicates` for every shard (default: the experiment's own). */
  readonly replicates?: number;
  /** `--seed` for every shard (default: the experiment's own). */
  readonly seed?: number;
  /** `--set name=value` overrides, each passed on as given. */
  readonly sets?: readonly string[];
  /** How to start panmine on the compute node, e.g. `[process.execPath, '/abs/bin/panmine.js']`. */
  readonly panmineCommand: readonly string[];
  /** The folder the tasks run in (absolute), e.g. the project checkout. */
  readonly workDir: string;
  /** Job name (default `panmine-<experiment file name>`); letters, digits, `.`, `_`, `-`. */
  readonly jobName?: string;
}

export interface SlurmOptions extends ClusterSweepOptions {
  /** `--partition`; one name or a comma-separated list. */
  readonly partition?: string;
  /** `--time` per task: `HH:MM:SS` or `D-HH:MM:SS`. */
  readonly time?: string;
}

export interface SlurmScripts {
  /** The sbatch job-array script: task i runs shard i of n. */
  readonly arrayScript: string;
  /** The sbatch script that merges the shards; submit it with `--dependency=afterok:<array job>`. */
  readonly mergeScript: string;
  /** Where the scripts' logs go (`<outDir>/slurm/logs`); it must exist before the jobs start. */
  readonly logDir: string;
  /** Where `submitSlurm` writes the scripts by default (`<outDir>/slurm`). */
  readonly scriptDir: string;
}

/**
 * Working folders of a cluster sweep (`panmine slurm`): the shard outputs and the job scripts. They may sit
 * in the folder a merge writes to; nothing here ever writes or removes them.
 */
export const CLUSTER_DIRS: readonly string[] = ['shards', 'slurm'];

export const MAX_SHARDS = 10_000;
export const MAX_CPUS = 1024;

/**
 * Quotes one word for bash (POSIX sh too): safe words stay bare, others go in single quotes with each
 * `'` written as `'\''`. The result always reads back as exactly `word`.
 * @example shellQuote("it's") === `'it'\\''s'`
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new ConfigError('argument', word, 'a shell argument may not contain a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each word and joins them with spaces: one shell command line. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/**
 * A value for an `#SBATCH` line. sbatch reads those lines itself (not the shell): it accepts double
 * quotes around a value with spaces but has no escape for `"` or `\` that we can rely on.
 */
function sbatchValue(field: string, value: string): string {
  if (/["\\\n\r\0]/.test(value) || /[\x00-\x1f\x7f]/.test(value)) {
    throw new ConfigError(field, value, 'allowed: a value without double quotes, backslashes or control characters (it goes on an #SBATCH line)');
  }
  return /\s/.test(value) ? `"${value}"` : value;
}

/** `%` starts a pattern (`%A`, `%a`) in sbatch's --output; a literal one is `%%`. */
const literalPercent = (path: string): string => path.replaceAll('%', '%%');

const TIME_RE = /^(?:(\d{1,3})-)?(\d{1,2}):([0-5]\d):([0-5]\d)$/;
const PARTITION_RE = /^[A-Za-z0-9_.-]+(?:,[A-Za-z0-9_.-]+)*$/;
const JOB_NAME_RE = /^[A-Za-z0-9_.-]{1,128}$/;

function intIn(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ConfigError(field, v, `allowed: an integer from ${min} to ${max}`);
  return v;
}

function absolutePath(field: string, v: unknown): string {
  if (typeof v !== 'string' || v === '' || !isAbsolute(v)) throw new ConfigError(field, v, 'allowed: an absolute path (the job runs in another directory, maybe on another machine)');
  if (/[\n\r\0]/.test(v)) throw new ConfigError(field, v, 'allowed: a path without newlines or NUL bytes');
  return v.length > 1 ? v.replace(/\/+$/, '') : v;
}

/** The options, checked; each problem names its field and what is allowed. */
function validate(o: ClusterSweepOptions): Required<Omit<ClusterSweepOptions, 'replicates' | 'seed'>> & Pick<ClusterSweepOptions, 'replicates' | 'seed'> {
  if (typeof o !== 'object' || o === null) throw new ConfigError('options', o, 'allowed: an object');
  const experimentFile = absolutePath('experimentFile', o.experimentFile);
  const outDir = absolutePath('outDir', o.outDir);
  const workDir = absolutePath('workDir', o.workDir);
  const shards = intIn('shards', o.shards, 1, MAX_SHARDS);
  const cpus = intIn('cpus', o.cpus ?? 1, 1, MAX_CPUS);
  if (o.replicates !== undefined) intIn('replicates', o.replicates, 1, Number.MAX_SAFE_INTEGER);
  if (o.seed !== undefined) intIn('seed', o.seed, 0, 0xffffffff);
  const sets = o.sets ?? [];
  if (!Array.isArray(sets)) throw new ConfigError('sets', sets, 'allowed: a list of name=value strings');
  for (const s of sets) {
    if (typeof s !== 'string' || !/^[^=\s]+=/.test(s)) throw new ConfigError('sets', s, 'allowed: name=value[,value…]');
  }
  const cmd = o.panmineCommand;
  if (!Array.isArray(cmd) || cmd.length === 0 || cmd.some((w) => typeof w !== 'string' || w === '')) {
    throw new ConfigError('panmineCommand', cmd, 'allowed: a non-empty list of words, e.g. [process.execPath, "/abs/bin/panmine.js"]');
  }
  const stem = basename(experimentFile, extname(experimentFile)).replace(/[^A-Za-z0-9_.-]+/g, '-');
  const jobName = o.jobName ?? `panmine-${stem}`.slice(0, 128);
  if (typeof jobName !== 'string' || !JOB_NAME_RE.test(jobName)) throw new ConfigError('jobName', jobName, 'allowed: 1 to 128 letters, digits, ".", "_" or "-"');
  return { experimentFile, outDir, workDir, shards, cpus, replicates: o.replicates, seed: o.seed, sets, panmineCommand: cmd, jobName };
}

function validateSlurm(o: SlurmOptions) {
  const v = validate(o);
  if (o.time !== undefined) {
    const m = typeof o.time === 'string' ? TIME_RE.exec(o.time) : null;
    const totalS = m ? Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : 0;
    if (!m || (m[1] !== undefined && Number(m[2]) > 23) || totalS === 0) {
      throw new ConfigError('time', o.time, 'allowed: HH:MM:SS or D-HH:MM:SS (minutes and seconds 00-59, hours 00-23 after a day count), more than zero');
    }
  }
  if (o.partition !== undefined && (typeof o.partition !== 'string' || !PARTITION_RE.test(o.partition))) {
    throw new ConfigError('partition', o.partition, 'allowed: a partition name (letters, digits, ".", "_", "-"), or a comma-separated list');
  }
  return { ...v, time: o.time, partition: o.partition };
}

/** `panmine run …` arguments shared by every shard, after the shard-specific ones. */
function runOptions(v: ReturnType<typeof validate>): string[] {
  const args = ['--workers', String(v.cpus), '--resume'];
  if (v.replicates !== undefined) args.push('--replicates', String(v.replicates));
  if (v.seed !== undefined) args.push('--seed', String(v.seed));
  for (const s of v.sets) args.push('--set', s);
  return args;
}

/** The shard folder for array index `i`: `<outDir>/shards/<i>`. */
export const shardDir = (outDir: string, index: number | string): string => `${outDir}/shards/${index}`;

/**
 * The sbatch scripts for a sharded sweep. Task i of the array runs
 * `panmine run <file> --shard i/n --out <outDir>/shards/i --workers C --resume …`; `--resume` makes a
 * requeued or re-submitted task continue where it stopped. The merge script joins all n shard folders
 * into `<outDir>`. Throws ConfigError (naming the field and the allowed range) on a bad option.
 */
export function slurmScripts(opts: SlurmOptions): SlurmScripts {
  const v = validateSlurm(opts);
  const scriptDir = `${v.outDir}/slurm`;
  const logDir = `${scriptDir}/logs`;
  const common = (name: string, cpus: number): string[] => [
    `#SBATCH --job-name=${name}`,
    `#SBATCH --cpus-per-task=${cpus}`,
    ...(v.partition ? [`#SBATCH --partition=${v.partition}`] : []),
    ...(v.time ? [`#SBATCH --time=${v.time}`] : []),
  ];
  const header = (what: string) => [
    '#!/bin/bash',
    `# Generated by panmine for ${v.experimentFile}: ${what}`,
  ];
  const n = v.shards;
  const arrayScript = [
    ...header(`shard $SLURM_ARRAY_TASK_ID of ${n} (task i runs --shard i/${n}).`),
    ...common(v.jobName, v.cpus),
    `#SBATCH --array=0-${n - 1}`,
    `#SBATCH --output=${sbatchValue('outDir', `${literalPercent(logDir)}/%x-%A_%a.out`)}`,
    '#SBATCH --requeue',
    'set -euo pipefail',
    `cd ${shellQuote(v.workDir)}`,
    'i="${SLURM_ARRAY_TASK_ID:?run this script with sbatch: it is one task of a job array}"',
    `exec ${shellJoin([...v.panmineCommand, 'run', v.experimentFile])} --shard "$i/${n}" --out ${shellQuote(`${v.outDir}/shards/`)}"$i" ${shellJoin(runOptions(v))}`,
    '',
  ].join('\n');
  const mergeScript = [
    ...header(`merges the ${n} shard folders into ${v.outDir}.`),
    ...common(`${v.jobName}-merge`.slice(0, 128), 1),
    `#SBATCH --output=${sbatchValue('outDir', `${literalPercent(logDir)}/%x-%j.out`)}`,
    'set -euo pipefail',
    `cd ${shellQuote(v.workDir)}`,
    // Every shard folder by name, not a glob: a missing shard is an error, never a smaller result.
    'shards=()',
    `for ((i = 0; i < ${n}; i++)); do shards+=(${shellQuote(`${v.outDir}/shards/`)}"$i"); done`,
    // --force because <outDir> also holds shards/ and slurm/ (merge refuses a non-empty folder otherwise);
    // it replaces only an earlier merge's manifest, CSVs and parts, never the shards.
    `exec ${shellJoin([...v.panmineCommand, 'merge'])} "\${shards[@]}" --out ${shellQuote(v.outDir)} --force`,
    '',
  ].join('\n');
  return { arrayScript, mergeScript, logDir, scriptDir };
}

/** sbatch is missing, refused a script, or answered something that is not a job id. */
export class SlurmSubmitError extends Error {
  override readonly name = 'SlurmSubmitError';
}

export interface SubmittedSweep {
  readonly arrayJobId: string;
  readonly mergeJobId: string;
  readonly arrayScriptPath: string;
  readonly mergeScriptPath: string;
}

export interface SubmitOptions {
  /** The sbatch executable (default `sbatch` on PATH). */
  readonly sbatch?: string;
  /** Environment for sbatch (default this process's; SLURM_CONF is read from it). */
  readonly env?: NodeJS.ProcessEnv;
  /** Submit even when the output folder holds files of something else (the merge replaces a sweep there). */
  readonly force?: boolean;
}


const shortLine = (text: string): string => oneLine(text).slice(0, 500);

function sbatch(bin: string, args: string[], env: NodeJS.ProcessEnv | undefined, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, ['--parsable', ...args], { env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { code?: string | number };
        if (e.code === 'ENOENT') {
          reject(new SlurmSubmitError(`${bin}: not found; submitting to SLURM needs sbatch on PATH (run on a login node, or install slurm-client)`));
        } else {
          reject(new SlurmSubmitError(`sbatch ${what} failed (${typeof e.code === 'number' ? `exit ${e.code}` : e.code ?? e.message}): ${shortLine(stderr || stdout || e.message)}`));
        }
        return;
      }
      // --parsable prints "jobid" or "jobid;cluster".
      const id = stdout.trim().split(';')[0] ?? '';
      if (!/^\d+$/.test(id)) reject(new SlurmSubmitError(`sbatch ${what}: expected a job id, got ${JSON.stringify(shortLine(stdout))}`));
      else resolve(id);
    });
  });
}

/**
 * Writes `array.sh` and `merge.sh` into `dir` (default `<outDir>/slurm`) and creates the log folder.
 * Refuses (SlurmSubmitError) an output folder that holds anything but a cluster sweep's own files.
 */
export async function writeSlurmScripts(scripts: SlurmScripts, dir: string = scripts.scriptDir, opts: { force?: boolean } = {}): Promise<{ arrayScriptPath: string; mergeScriptPath: string }> {
  const outDir = dirname(scripts.scriptDir);
  // The merge overwrites (--force) what a merge wrote before; refuse a folder that holds anything else.
  const foreign = existsSync(outDir) ? readdirSync(outDir).filter((f) => !CLUSTER_DIRS.includes(f)) : [];
  if (foreign.length > 0 && !existsSync(join(scripts.scriptDir, 'array.sh')) && !opts.force) {
    throw new SlurmSubmitError(`${outDir}: the folder is not empty (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}) and is not a cluster sweep's folder; choose another folder`);
  }
  await mkdir(scripts.logDir, { recursive: true });
  await mkdir(dir, { recursive: true });
  const arrayScriptPath = join(dir, 'array.sh');
  const mergeScriptPath = join(dir, 'merge.sh');
  await writeFile(arrayScriptPath, scripts.arrayScript);
  await writeFile(mergeScriptPath, scripts.mergeScript);
  await chmod(arrayScriptPath, 0o755);
  await chmod(mergeScriptPath, 0o755);
  return { arrayScriptPath, mergeScriptPath };
}

/**
 * Writes the scripts (see writeSlurmScripts), submits the array, then the merge with
 * `--dependency=afterok:<array job>` (it starts only when every task succeeded). Returns both job ids;
 * throws SlurmSubmitError with a one-line message.
 */
export async function submitSlurm(scripts: SlurmScripts, dir: string = scripts.scriptDir, opts: SubmitOptions = {}): Promise<SubmittedSweep> {
  const { arrayScriptPath, mergeScriptPath } = await writeSlurmScripts(scripts, dir, opts);
  const bin = opts.sbatch ?? 'sbatch';
  const arrayJobId = await sbatch(bin, [arrayScriptPath], opts.env, arrayScriptPath);
  let mergeJobId: string;
  try {
    mergeJobId = await sbatch(bin, [`--dependency=afterok:${arrayJobId}`, mergeScriptPath], opts.env, mergeScriptPath);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new SlurmSubmitError(`${msg} (the array job ${arrayJobId} was submitted; cancel it with scancel ${arrayJobId}, or merge by hand when it ends)`);
  }
  return { arrayJobId, mergeJobId, arrayScriptPath, mergeScriptPath };
}

// ---------------------------------------------------------------------------------------------------
// Kubernetes: the same pattern as an Indexed Job (one pod per completion index = shard), then a merge Job.

export interface KubernetesOptions extends ClusterSweepOptions {
  /** Container image that holds node, panmine and the experiment file (at the same absolute paths). */
  readonly image: string;
  readonly namespace?: string;
  /**
   * A ReadWriteMany PersistentVolumeClaim mounted at `mountPath` in every pod: the shards and the merge
   * must see the same `outDir`, so `outDir` must lie under `mountPath`.
   */
  readonly volumeClaim?: string;
  /** Where the claim is mounted (default `/data`). */
  readonly mountPath?: string;
  /** Retries per index before the Job fails (default 3). */
  readonly backoffLimit?: number;
}

export interface KubernetesManifests {
  /** The Indexed Job: completions = parallelism = n, `--shard $(JOB_COMPLETION_INDEX)/n`. */
  readonly indexedJob: string;
  /** The merge Job; apply it after `kubectl wait --for=condition=complete job/<name>`. */
  readonly mergeJob: string;
}

const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A YAML scalar: JSON's double-quoted strings are valid YAML. */
const y = (s: string): string => JSON.stringify(s);

/**
 * Renders the Kubernetes equivalent of `slurmScripts`: an Indexed Job whose pod i runs
 * `panmine run <file> --shard i/n --out <outDir>/shards/i --workers C --resume …` (i from the
 * JOB_COMPLETION_INDEX the Job controller sets), and a Job that merges the shards. Arguments are passed
 * as a list (no shell), so nothing needs shell quoting.
 */
export function kubernetesJobs(opts: KubernetesOptions): KubernetesManifests {
  const v = validate(opts);
  const name = (opts.jobName ?? v.jobName).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50);
  if (!K8S_NAME_RE.test(name)) throw new ConfigError('jobName', opts.jobName ?? v.jobName, 'allowed: a DNS-1123 label (lower-case letters, digits, "-")');
  if (typeof opts.image !== 'string' || opts.image.trim() === '' || /\s/.test(opts.image)) throw new ConfigError('image', opts.image, 'allowed: a container image reference, e.g. ghcr.io/org/panmine:1.0');
  if (opts.namespace !== undefined && !K8S_NAME_RE.test(opts.namespace)) throw new ConfigError('namespace', opts.namespace, 'allowed: a DNS-1123 label');
  const mountPath = absolutePath('mountPath', opts.mountPath ?? '/data');
  if (opts.volumeClaim !== undefined) {
    if (!K8S_NAME_RE.test(opts.volumeClaim)) throw new ConfigError('volumeClaim', opts.volumeClaim, 'allowed: the name of a PersistentVolumeClaim (DNS-1123)');
    if (!(v.outDir === mountPath || v.outDir.startsWith(`${mountPath}/`))) throw new ConfigError('outDir', v.outDir, `allowed: a folder under the volume's mountPath ${mountPath}`);
  }
  const backoffLimit = intIn('backoffLimit', opts.backoffLimit ?? 3, 0, 1000);
  const n = v.shards;
  const [exe, ...pre] = v.panmineCommand;
  const runArgs = [...pre, 'run', v.experimentFile, '--shard', `$(JOB_COMPLETION_INDEX)/${n}`, '--out', `${v.outDir}/shards/$(JOB_COMPLETION_INDEX)`, ...runOptions(v)];
  // --force: the out folder also holds shards/ (see slurmScripts).
  const mergeArgs = [...pre, 'merge', ...Array.from({ length: n }, (_, i) => shardDir(v.outDir, i)), '--out', v.outDir, '--force'];
  const list = (indent: string, words: readonly string[]) => words.map((w) => `${indent}- ${y(w)}`).join('\n');
  const job = (jobName: string, spec: string[], args: readonly string[], cpus: number) => [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${jobName}`,
    ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
    '  labels:',
    `    app.kubernetes.io/name: panmine`,
    `    panmine/sweep: ${name}`,
    'spec:',
    ...spec.map((l) => `  ${l}`),
    `  backoffLimit: ${backoffLimit}`,
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '        - name: panmine',
    `          image: ${y(opts.image)}`,
    `          workingDir: ${y(v.workDir)}`,
    `          command: [${y(exe!)}]`,
    '          args:',
    list('            ', args),
    '          resources:',
    `            requests: { cpu: "${cpus}" }`,
    ...(opts.volumeClaim
      ? ['          volumeMounts:', `            - { name: results, mountPath: ${y(mountPath)} }`, '      volumes:', `        - name: results`, `          persistentVolumeClaim: { claimName: ${opts.volumeClaim} }`]
      : []),
    '',
  ].join('\n');
  const indexedJob = job(name, ['completionMode: Indexed', `completions: ${n}`, `parallelism: ${n}`], runArgs, v.cpus);
  const mergeJob = job(`${name}-merge`.slice(0, 63), [], mergeArgs, 1);
  return { indexedJob, mergeJob };
}
