import { basename, extname, isAbsolute } from 'node:path';
import { ConfigError } from '../../core/errors.ts';

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
  /** `--points` for every shard (default: the experiment's own). */
  readonly points?: number;
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

export const MAX_SHARDS = 10_000;
export const MAX_CPUS = 1024;

const JOB_NAME_RE = /^[A-Za-z0-9_.-]{1,128}$/;

export function intIn(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ConfigError(field, v, `allowed: an integer from ${min} to ${max}`);
  return v;
}

export function absolutePath(field: string, v: unknown): string {
  if (typeof v !== 'string' || v === '' || !isAbsolute(v))
    throw new ConfigError(field, v, 'allowed: an absolute path (the job runs in another directory, maybe on another machine)');
  if (/[\n\r\0]/.test(v)) throw new ConfigError(field, v, 'allowed: a path without newlines or NUL bytes');
  return v.length > 1 ? v.replace(/\/+$/, '') : v;
}

/** The options, checked; each problem names its field and what is allowed. */
export function validate(
  o: ClusterSweepOptions,
): Required<Omit<ClusterSweepOptions, 'replicates' | 'seed' | 'points'>> & Pick<ClusterSweepOptions, 'replicates' | 'seed' | 'points'> {
  if (typeof o !== 'object' || o === null) throw new ConfigError('options', o, 'allowed: an object');
  const experimentFile = absolutePath('experimentFile', o.experimentFile);
  const outDir = absolutePath('outDir', o.outDir);
  const workDir = absolutePath('workDir', o.workDir);
  const shards = intIn('shards', o.shards, 1, MAX_SHARDS);
  const cpus = intIn('cpus', o.cpus ?? 1, 1, MAX_CPUS);
  if (o.replicates !== undefined) intIn('replicates', o.replicates, 1, Number.MAX_SAFE_INTEGER);
  if (o.points !== undefined) intIn('points', o.points, 1, 1e6);
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
  if (typeof jobName !== 'string' || !JOB_NAME_RE.test(jobName))
    throw new ConfigError('jobName', jobName, 'allowed: 1 to 128 letters, digits, ".", "_" or "-"');
  return { experimentFile, outDir, workDir, shards, cpus, replicates: o.replicates, points: o.points, seed: o.seed, sets, panmineCommand: cmd, jobName };
}

/** `panmine run …` arguments shared by every shard, after the shard-specific ones. */
export function runOptions(v: ReturnType<typeof validate>): string[] {
  const args = ['--workers', String(v.cpus), '--resume'];
  if (v.replicates !== undefined) args.push('--replicates', String(v.replicates));
  if (v.points !== undefined) args.push('--points', String(v.points));
  if (v.seed !== undefined) args.push('--seed', String(v.seed));
  for (const s of v.sets) args.push('--set', s);
  return args;
}

/** The shard folder for array index `i`: `<outDir>/shards/<i>`. */
export const shardDir = (outDir: string, index: number | string): string => `${outDir}/shards/${index}`;
