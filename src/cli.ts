import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { parseDecimal } from './core/decimal.ts';
import { ConfigError, FileSystemError, InputError, oneLine } from './core/errors.ts';
import { spaceOf } from './experiment/space.ts';
import { panmineVersion } from './output/package-info.ts';
import { loadExperiment, resolveExperimentFile } from './runner/load-experiment.ts';
import { parseShard, type Shard } from './runner/plan.ts';
import { SlurmSubmitError, slurmScripts, submitSlurm, writeSlurmScripts } from './usecases/cluster/slurm.ts';
import { describeExperiment } from './usecases/describe.ts';
import { listExperiments } from './usecases/list.ts';
import { mergeFolders } from './usecases/merge.ts';
import { prepareRun, runToFolder } from './usecases/run.ts';
import { sweepStatus } from './usecases/status.ts';
import { parseFormats } from './usecases/table-formats.ts';
import { verifyFolder } from './usecases/verify.ts';

/** Exit codes: 0 done, 1 a run failed (the others are written), 2 bad usage or input, 130 interrupted. */
const EXIT_OK = 0,
  EXIT_RUN_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130;

class UsageExit extends Error {}

function say(line: string): void {
  process.stderr.write(`panmine: ${line}\n`);
}

/** An integer option, written in decimal (`1e3` is 1000; `0x10` is refused). */
function intOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const v = parseDecimal(text);
  if (v === undefined) throw new ConfigError(name, text.trim(), `allowed: an integer from ${min} to ${max}, written in decimal`);
  if (!Number.isInteger(v) || v < min || v > max) throw new ConfigError(name, v, `allowed: an integer from ${min} to ${max}`);
  return v;
}

/** A number option, written in decimal, in (0, max]. */
function positiveOption(name: string, text: string | undefined, max: number, unit: string): number | undefined {
  if (text === undefined) return undefined;
  const v = parseDecimal(text);
  if (v === undefined || !(v > 0) || v > max)
    throw new ConfigError(name, v ?? text.trim(), `allowed: a number of ${unit} greater than 0 and at most ${max}, written in decimal`);
  return v;
}

interface RunOpts {
  out?: string;
  seed?: string;
  replicates?: string;
  points?: string;
  workers?: string;
  set: string[];
  shard?: string;
  resume?: boolean;
  force?: boolean;
  quiet?: boolean;
  threadsPerRun?: string;
  format?: string;
  report?: boolean;
  forceMemory?: boolean;
  oversubscribe?: boolean;
  manyRuns?: boolean;
  runTimeout?: string;
  runHeapMb?: string;
}

/** The command that continues this sweep: the same arguments, `--out` the folder, and `--resume`. */
function resumeCommand(o: RunOpts, outDir: string): string {
  const args = process.argv.slice(2).filter((a) => a !== '--resume' && a !== '--force');
  return `panmine ${args.join(' ')}${o.out !== undefined ? '' : ` --out ${outDir}`} --resume`;
}

async function runCommand(experimentArg: string, o: RunOpts): Promise<number> {
  let prepared: Awaited<ReturnType<typeof prepareRun>>;
  try {
    if (o.resume && o.force) throw new InputError('--resume and --force exclude each other: --resume continues the sweep in --out, --force overwrites it');
    if (o.resume && !o.out) throw new InputError('--resume needs --out DIR, the folder of the sweep to continue');
    const threadsPerRun = intOption('--threads-per-run', o.threadsPerRun, 1, 1024);
    const workers = intOption('--workers', o.workers, 1, 4096);
    const seed = intOption('--seed', o.seed, 0, 0xffffffff);
    const replicates = intOption('--replicates', o.replicates, 1, Number.MAX_SAFE_INTEGER);
    const points = intOption('--points', o.points, 1, 1e6);
    const runTimeoutS = positiveOption('--run-timeout', o.runTimeout, 1e7, 'seconds');
    const runHeapMb = intOption('--run-heap-mb', o.runHeapMb, 16, 1 << 24);
    let shard: Shard | null = null;
    if (o.shard !== undefined) {
      const s = parseShard(o.shard);
      if (!s) throw new ConfigError('--shard', o.shard, 'allowed: i/n with integers 0 ≤ i < n, e.g. 0/4');
      shard = s;
    }
    prepared = await prepareRun({
      experiment: experimentArg,
      out: o.out,
      seed,
      replicates,
      points,
      workers,
      sets: o.set,
      shard,
      resume: !!o.resume,
      force: !!o.force,
      quiet: !!o.quiet,
      threadsPerRun,
      command: ['panmine', ...process.argv.slice(2)],
      formats: o.format === undefined ? undefined : parseFormats(o.format),
      report: !!o.report,
      forceMemory: !!o.forceMemory,
      oversubscribe: !!o.oversubscribe,
      manyRuns: !!o.manyRuns,
      runTimeoutS,
      runHeapMb,
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(oneLine(e));
  }
  for (const note of prepared.notes) say(note);

  const ac = new AbortController();
  const onSignal = () => {
    if (ac.signal.aborted) process.exit(EXIT_INTERRUPTED);
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: Awaited<ReturnType<typeof runToFolder>>;
  try {
    result = await runToFolder(prepared, ac.signal, say);
  } catch (e) {
    if (e instanceof FileSystemError && e.resumable) {
      const fix = e.code === 'ENOSPC' || e.code === 'EDQUOT' ? 'free some space' : 'fix that';
      throw new InputError(`${e.message}; ${fix}, then continue with: ${resumeCommand(o, prepared.outDir)}`);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const { sweep, outDir } = result;
  if (result.exitCode === EXIT_INTERRUPTED) {
    say(`interrupted: ${sweep.done} of ${sweep.total} runs are written to ${outDir}; continue with: ${resumeCommand(o, outDir)}`);
    return EXIT_INTERRUPTED;
  }
  if (!o.quiet) say(`wrote ${outDir} (${sweep.total - sweep.failed} runs ok, ${sweep.failed} failed${sweep.skipped ? `, ${sweep.skipped} already done` : ''})`);
  if (sweep.failed > 0) say(`${sweep.failed} of ${sweep.total} runs failed; their errors and parameters are in ${join(outDir, 'manifest.json')}`);
  process.stdout.write(`${outDir}\n`);
  return result.exitCode === 1 ? EXIT_RUN_FAILED : EXIT_OK;
}

interface SlurmOpts {
  points?: string;
  shards: string;
  out: string;
  partition?: string;
  time?: string;
  cpus?: string;
  seed?: string;
  replicates?: string;
  set: string[];
  submit?: boolean;
}

async function slurmCommand(arg: string, o: SlurmOpts): Promise<number> {
  // Check the experiment and overrides here, so a typo fails now and not on the cluster.
  const experimentFile = resolveExperimentFile(arg);
  const experiment = await loadExperiment(experimentFile);
  const seed = intOption('--seed', o.seed, 0, 0xffffffff);
  const replicates = intOption('--replicates', o.replicates, 1, 1e9);
  const points = intOption('--points', o.points, 1, 1e6);
  spaceOf(experiment, o.set, seed ?? experiment.seed, points ?? experiment.points);
  const scripts = slurmScripts({
    experimentFile,
    shards: intOption('--shards', o.shards, 1, 10_000)!,
    outDir: resolve(o.out),
    partition: o.partition,
    time: o.time,
    cpus: intOption('--cpus', o.cpus, 1, 4096),
    seed,
    replicates,
    points,
    sets: o.set,
    panmineCommand: [process.execPath, fileURLToPath(new URL('../bin/panmine.js', import.meta.url))],
    workDir: process.cwd(),
  });
  try {
    if (!o.submit) {
      const w = await writeSlurmScripts(scripts);
      say(
        `wrote ${w.arrayScriptPath} and ${w.mergeScriptPath}; submit with: sbatch ${w.arrayScriptPath}, then sbatch --dependency=afterok:<array job id> ${w.mergeScriptPath} (or rerun with --submit)`,
      );
      return EXIT_OK;
    }
    const s = await submitSlurm(scripts);
    say(`submitted array job ${s.arrayJobId} and merge job ${s.mergeJobId}; the merged sweep will be in ${resolve(o.out)}`);
    process.stdout.write(`${s.arrayJobId} ${s.mergeJobId}\n`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof SlurmSubmitError) throw new InputError(e.message);
    throw e;
  }
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code = EXIT_OK;
  program
    .name('panmine')
    .description('Agent-based, discrete-event simulation of decentralized networks')
    .version(panmineVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('run an experiment sweep into a results folder')
    .argument('<experiment>', 'experiment file, or a name in ./experiments')
    .option('--out <dir>', 'output folder (default: results/<experiment>/<UTC time>-<random suffix>/)')
    .option('--seed <n>', "experiment seed (default: the experiment's)")
    .option('--replicates <n>', "replicates per point (default: the experiment's)")
    .option('--points <n>', "Latin-hypercube points per grid combination for sampled axes (default: the experiment's)")
    .option('--workers <n>', 'worker threads (default: available cores ÷ threads per run)')
    .option(
      '--set <name=value[,value…]>',
      'override a parameter; a comma list makes a grid axis (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--shard <i/n>', 'run only the runs with run_id % n == i')
    .option('--resume', 'continue an interrupted sweep in --out')
    .option('--force', 'overwrite the sweep in --out')
    .option('--quiet', 'no progress on stderr')
    .addOption(new Option('--threads-per-run <n>', 'threads for the shards of one run').default(undefined))
    .option('--format <list>', 'table formats: csv (default) or csv,parquet')
    .option('--report', 'write report.html when the sweep ends')
    .option('--run-timeout <s>', 'stop a run that takes longer than this many seconds (it is recorded as failed, cause timeout)')
    .option('--run-heap-mb <MiB>', "cap each run worker's JS heap; a run past it fails with cause out-of-memory")
    .option('--force-memory', 'go on when the memory pre-flight says the runs will not fit')
    .option('--oversubscribe', 'allow more than 4 threads per core')
    .option('--many-runs', 'allow more than 1,000,000 runs in one invocation')
    .action(async (experiment: string, o: RunOpts) => {
      code = await runCommand(experiment, o);
    });

  program
    .command('merge')
    .description('join shard folders into the folder of a single-machine run')
    .argument('<dir...>', 'shard output folders')
    .requiredOption('--out <dir>', 'output folder (must not exist or be empty)')
    .option('--force', 'overwrite the sweep in --out')
    .option('--quiet', 'no messages on stderr')
    .action(async (dirs: string[], o: { out: string; force?: boolean; quiet?: boolean }) => {
      const r = await mergeFolders(dirs, o.out, { force: !!o.force, command: ['panmine', ...process.argv.slice(2)] });
      if (!o.quiet) say(`merged ${dirs.length} folders into ${r.outDir} (${r.ok} runs ok, ${r.failed} failed)`);
      process.stdout.write(`${r.outDir}\n`);
      code = r.failed > 0 ? EXIT_RUN_FAILED : EXIT_OK;
    });

  program
    .command('verify')
    .description("check a results folder against its manifest: every part's and CSV's checksum, and that no run is missing")
    .argument('<dir>', 'a folder written by panmine run or merge')
    .action(async (dir: string) => {
      const r = verifyFolder(dir);
      process.stdout.write(r.lines.map((l) => `${l}\n`).join(''));
      if (r.problems > 0) say(`${dir}: ${r.problems} problem${r.problems === 1 ? '' : 's'} found`);
      code = r.problems > 0 ? EXIT_RUN_FAILED : EXIT_OK;
    });

  program
    .command('status')
    .description('show the progress of a sweep, running or stopped, and whether the process writing it is alive')
    .argument('<dir>', 'a folder written by panmine run or merge')
    .action(async (dir: string) => {
      process.stdout.write(sweepStatus(dir));
    });

  program
    .command('slurm')
    .description('write (and with --submit, submit) a SLURM job array that runs one shard per task, then a merge job')
    .argument('<experiment>', 'experiment file, or a name in ./experiments')
    .requiredOption('--shards <n>', 'number of array tasks (shards of the sweep)')
    .requiredOption('--out <dir>', 'folder of the merged result; shards go to <dir>/shards/<i>, scripts and logs to <dir>/slurm')
    .option('--partition <p>', 'SLURM partition')
    .option('--time <t>', 'time limit per task (HH:MM:SS or D-HH:MM:SS)')
    .option('--cpus <c>', 'CPUs per task (also the workers of each shard)')
    .option('--seed <n>', "experiment seed (default: the experiment's)")
    .option('--replicates <n>', "replicates per point (default: the experiment's)")
    .option('--points <n>', "Latin-hypercube points per grid combination (default: the experiment's)")
    .option('--set <name=value[,value…]>', 'override a parameter, as for run (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--submit', 'submit with sbatch (otherwise only write the scripts)')
    .action(async (arg: string, o: SlurmOpts) => {
      code = await slurmCommand(arg, o);
    });

  program
    .command('list')
    .description('list the experiments in ./experiments')
    .action(async () => {
      process.stdout.write(await listExperiments());
    });

  program
    .command('describe')
    .description("show an experiment's parameter space, parameters, metrics and memory per agent")
    .argument('<experiment>', 'experiment file, or a name in ./experiments')
    .option('--set <name=value[,value…]>', 'override a parameter, as for run (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--points <n>', "Latin-hypercube points per grid combination (default: the experiment's)")
    .option('--seed <n>', "experiment seed (default: the experiment's)")
    .option('--replicates <n>', "replicates per point (default: the experiment's)")
    .action(async (arg: string, o: { set: string[]; points?: string; seed?: string; replicates?: string }) => {
      const file = resolveExperimentFile(arg);
      const experiment = await loadExperiment(file);
      try {
        const options = {
          sets: o.set,
          points: intOption('--points', o.points, 1, 1e6),
          seed: intOption('--seed', o.seed, 0, 0xffffffff),
          replicates: intOption('--replicates', o.replicates, 1, 1e9),
        };
        process.stdout.write(describeExperiment(experiment, file, options));
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`${arg}: ${oneLine(e)}`);
      }
    });

  // The commands below load DuckDB, vega or resvg (about half a second) only when they run.
  program
    .command('report')
    .description("write DIR/report.html: the sweep's charts, summary table, failures and public record, in one offline page")
    .argument('<dir>', 'output folder of a finished sweep')
    .action(async (dir: string) => {
      const { writeReport } = await import('./usecases/report.ts');
      process.stdout.write(`${await writeReport(dir)}\n`);
    });

  program
    .command('plot')
    .description('draw one chart of a sweep as SVG or PNG: a metric over time, or at the end of the run against a swept parameter')
    .argument('<dir>', 'output folder of a finished sweep')
    .requiredOption('--metric <name>', 'the metric to draw')
    .option('--by <param>', 'a swept parameter: the end-of-run metric against it, with 95 % confidence intervals')
    .option('--out <file>', 'FILE.svg or FILE.png (default: DIR/plots/<metric>[-by-<param>].svg)')
    .action(async (dir: string, o: { metric: string; by?: string; out?: string }) => {
      const { plotFolder } = await import('./usecases/plot.ts');
      process.stdout.write(`${await plotFolder({ dir, ...o })}\n`);
    });

  program
    .command('convert')
    .description("write a folder's tables as Parquet with typed columns, beside its CSVs")
    .argument('<dir>', 'output folder of a finished sweep')
    .requiredOption('--to <format>', 'parquet')
    .action(async (dir: string, o: { to: string }) => {
      const { convertFolder } = await import('./usecases/convert.ts');
      for (const f of await convertFolder(dir, o.to)) process.stdout.write(`${f}\n`);
    });

  program
    .command('query')
    .description('run one SQL SELECT over the tables runs, timeseries, summary (and record) of one or more folders')
    .argument('<dir...>', 'output folders, then the SQL (several folders are stacked with a "folder" column)')
    .option('--format <format>', 'table (default), csv or json', 'table')
    .action(async (args: string[], o: { format: string }) => {
      if (args.length < 2)
        throw new InputError('query: give one or more output folders, then the SQL, e.g. panmine query DIR "select metric, mean from summary"');
      const { runQuery } = await import('./usecases/query.ts');
      const r = await runQuery({ dirs: args.slice(0, -1), sql: args[args.length - 1]!, format: o.format });
      for (const note of r.notes) say(note);
      process.stdout.write(r.text);
    });

  try {
    if (argv.length === 0) {
      say('missing command (run, merge, verify, status, slurm, list, describe, report, plot, convert or query); see panmine --help');
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT_OK;
      say(oneLine(e.message.replace(/^error:\s*/, '')));
      return EXIT_USAGE;
    }
    if (e instanceof InputError || e instanceof UsageExit) {
      say(oneLine(e.message));
      return EXIT_USAGE;
    }
    say(`internal error: ${oneLine(e)}`);
    if (process.env.PANMINE_DEBUG) console.error(e);
    return EXIT_RUN_FAILED;
  }
}

process.exit(await main(process.argv.slice(2)));
