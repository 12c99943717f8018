import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

/**
 * A sweep on a real (single-node, localhost) SLURM cluster, submitted with `panmine slurm --submit`:
 * 3 array tasks run `panmine run --shard i/3`,
 * a dependent job merges them, and the merged CSVs must be the bytes of a local unsharded run.
 * The cluster is installed (apt) and started by scripts/slurm-local.sh in a temporary state folder, and
 * stopped afterwards. Skipped, with the reason printed, when PANMINE_SKIP_SLURM is set or SLURM cannot
 * be installed or run here (not root, no apt, no package mirror).
 */

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const LOCAL_CLUSTER = join(ROOT, 'scripts/slurm-local.sh');
const FIXTURE = join(ROOT, 'test/fixtures/tiny.ts');
const EXPERIMENT = FIXTURE;
const PANMINE = [process.execPath, join(ROOT, 'bin/panmine.js')];
const CSVS = ['runs.csv', 'timeseries.csv', 'summary.csv'];
const JOBS_TIMEOUT_MS = 180_000;

/** A clean environment for daemons' clients and jobs (sbatch exports the submitter's environment). */
const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8' });

function staticSkipReason(): string | null {
  if (process.env.PANMINE_SKIP_SLURM) return 'PANMINE_SKIP_SLURM is set';
  if (process.platform !== 'linux') return `SLURM's local cluster script needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root: installing SLURM and running its daemons needs root';
  if (!existsSync('/usr/bin/apt-get') && !existsSync('/usr/bin/sbatch')) return 'SLURM is not installed and there is no apt-get to install it';
  return null;
}

const lastLines = (text: string, n = 15) => text.trim().split('\n').slice(-n).join('\n');

interface Cluster {
  readonly env: NodeJS.ProcessEnv;
}

let skipReason = staticSkipReason();
let startError: Error | null = null;
let cluster: Cluster | null = null;
/** Set once a start was tried: `stop` then runs even if the start failed half way. */
let stateDir: string | null = null;
if (skipReason === null) {
  stateDir = mkdtempSync(join(tmpdir(), 'panmine-slurm-state-'));
  const t0 = Date.now();
  const r = spawnSync('bash', [LOCAL_CLUSTER, 'start', stateDir], { encoding: 'utf8', timeout: 170_000, killSignal: 'SIGKILL', env: baseEnv() });
  if (r.status === 0) {
    cluster = { env: { ...baseEnv(), SLURM_CONF: join(stateDir, 'slurm.conf') } };
    console.log(`slurm integration: local cluster installed if needed and started in ${((Date.now() - t0) / 1000).toFixed(1)} s (${stateDir})`);
  } else if (r.status === 2) {
    skipReason = `SLURM cannot be installed or run here: ${lastLines(r.stderr, 1)}`;
  } else {
    startError = new Error(`scripts/slurm-local.sh start ${stateDir} failed (${r.error?.message ?? `exit ${r.status}`}):\n${lastLines(r.stderr ?? '', 60)}`);
  }
}
if (skipReason !== null) console.log(`slurm integration test skipped: ${skipReason}`);

let stopped = false;
function stopCluster(): void {
  if (stateDir === null || stopped) return;
  stopped = true;
  const r = spawnSync('bash', [LOCAL_CLUSTER, 'stop', stateDir], { encoding: 'utf8', timeout: 60_000, env: baseEnv() });
  if (r.status !== 0) console.log(`slurm integration: stopping the cluster failed: ${r.error?.message ?? r.stderr}`);
}
// Even when the worker ends without running afterAll (a filtered run), the daemons must not outlive it.
process.once('exit', stopCluster);

let submitted: string[] = [];
let passed = false;
/** The test's folder; its name has a space and a quote, so the scripts' quoting is exercised for real. */
let work: string | null = null;

afterAll(() => {
  if (cluster && submitted.length > 0) spawnSync('scancel', submitted, { env: cluster.env, timeout: 20_000 });
  stopCluster();
  if (passed) {
    if (work !== null) rmSync(work, { recursive: true, force: true });
    if (stateDir !== null) rmSync(stateDir, { recursive: true, force: true });
  } else if (stateDir !== null) {
    console.log(`slurm integration: kept ${work} and ${stateDir} for inspection`);
  }
});

function squeue(env: NodeJS.ProcessEnv, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('squeue', ['-h', ...args], { encoding: 'utf8', env, timeout: 20_000 });
  // A job id squeue no longer knows is "Invalid job id": gone, as far as waiting is concerned.
  if (r.status !== 0 && !/Invalid job id/i.test(r.stderr)) throw new Error(`squeue ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return { ok: r.status === 0, out: r.status === 0 ? r.stdout.trim() : '' };
}

function diagnostics(env: NodeJS.ProcessEnv, jobs: string[], logDir: string): string {
  const states = squeue(env, ['-t', 'all', '-j', jobs.join(','), '-o', '%i %T %r']).out;
  const logs = existsSync(logDir)
    ? readdirSync(logDir)
        .map((f) => `--- ${f}\n${lastLines(readFileSync(join(logDir, f), 'utf8'))}`)
        .join('\n')
    : '(no log folder)';
  return `job states:\n${states || '(none)'}\nlogs:\n${logs}`;
}

/** Polls squeue until neither job is pending or running and the merged manifest exists. */
async function waitForSweep(env: NodeJS.ProcessEnv, jobs: string[], outDir: string, logDir: string): Promise<void> {
  const deadline = Date.now() + JOBS_TIMEOUT_MS;
  for (;;) {
    const active = squeue(env, ['-j', jobs.join(','), '-o', '%i %T %r']).out;
    const merged = existsSync(join(outDir, 'manifest.json'));
    if (!active && merged) return;
    if (!active) throw new Error(`the jobs ended but ${outDir} holds no merged manifest.json\n${diagnostics(env, jobs, logDir)}`);
    if (Date.now() > deadline)
      throw new Error(`the jobs did not finish within ${JOBS_TIMEOUT_MS / 1000} s; still active:\n${active}\n${diagnostics(env, jobs, logDir)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

it.skipIf(skipReason !== null)(
  'a 3-task job array and its dependent merge give the bytes of a local unsharded run',
  async () => {
    if (startError) throw startError;
    const env = cluster!.env;
    work = mkdtempSync(join(tmpdir(), "panmine slurm it's "));
    const outDir = join(work, 'cluster out');
    const t0 = Date.now();
    const cli = spawnSync(
      PANMINE[0]!,
      [...PANMINE.slice(1), 'slurm', EXPERIMENT, '--shards', '3', '--out', outDir, '--cpus', '1', '--time', '00:10:00', '--submit'],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const [arrayJobId, mergeJobId] = cli.stdout.trim().split(/\s+/);
    expect(arrayJobId).toMatch(/^\d+$/);
    expect(mergeJobId).toMatch(/^\d+$/);
    submitted = [arrayJobId!, mergeJobId!];
    await waitForSweep(env, submitted, outDir, join(outDir, 'slurm', 'logs'));
    console.log(`slurm integration: array ${arrayJobId} + merge ${mergeJobId} finished in ${((Date.now() - t0) / 1000).toFixed(1)} s (${EXPERIMENT})`);

    const localDir = join(work, 'local');
    execFileSync(PANMINE[0]!, [...PANMINE.slice(1), 'run', EXPERIMENT, '--out', localDir, '--quiet'], {
      cwd: ROOT,
      env: baseEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });

    for (let i = 0; i < 3; i++) expect(existsSync(join(outDir, 'shards', String(i), 'manifest.json'))).toBe(true);
    for (const f of CSVS) {
      const clusterBytes = readFileSync(join(outDir, f));
      const localBytes = readFileSync(join(localDir, f));
      expect(clusterBytes.length, f).toBeGreaterThan(0);
      expect(clusterBytes.equals(localBytes), `${f} from the cluster differs from the local run`).toBe(true);
    }
    passed = true;
  },
  240_000,
);
