import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.ts';
import { kubernetesJobs } from '../../src/usecases/cluster/kubernetes.ts';
import { shellJoin, shellQuote } from '../../src/usecases/cluster/shell.ts';
import { type SlurmOptions, SlurmSubmitError, slurmScripts, submitSlurm } from '../../src/usecases/cluster/slurm.ts';

/** Runs `printf '%s\0' <quoted words>` in bash and returns the words bash saw. */
function wordsBashSees(quoted: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${quoted}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A panmine stand-in that prints the arguments it was given as JSON. */
const ECHO_ARGS = [process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))'];

const NASTY_OUT = `/tmp/panmine out/it's $HOME \`x\` 100% *`;

function options(over: Partial<SlurmOptions> = {}): SlurmOptions {
  return {
    experimentFile: '/work/experiments/my exp.ts',
    shards: 3,
    outDir: '/scratch/sweep',
    panmineCommand: [process.execPath, '/opt/panmine/bin/panmine.js'],
    workDir: '/work',
    ...over,
  };
}

function configErrorOf(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('shellQuote', () => {
  it('leaves safe words bare', () => {
    expect(shellQuote('/abs/path-1_2.ts')).toBe('/abs/path-1_2.ts');
    expect(shellQuote('agents=10,20')).toBe('agents=10,20');
  });

  it('single-quotes words with spaces, quotes and shell syntax', () => {
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('$HOME')).toBe(`'$HOME'`);
  });

  it('gives back exactly the word when bash reads it, for tricky words', () => {
    const words = ['', ' ', `'`, `''`, `"`, '\\', '$(rm -rf /)', '`id`', '*', '~', '!x', 'a\nb', '\t', '%s', '-n', '#c', 'é ü 漢', ';&|<>(){}[]'];
    expect(wordsBashSees(shellJoin(words))).toEqual(words);
  });

  it('gives back exactly the word when bash reads it, for any string without NUL', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\0', '')),
          { minLength: 1, maxLength: 20 },
        ),
        (words) => {
          expect(wordsBashSees(shellJoin(words))).toEqual(words);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a NUL byte, which no shell argument can hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(ConfigError);
  });
});

describe('slurmScripts: the array script', () => {
  it('declares one array task per shard with the job name, CPUs, partition, time and log path', () => {
    const { arrayScript } = slurmScripts(options({ shards: 5, cpus: 4, partition: 'long', time: '1-02:00:00', jobName: 'sweep-a' }));
    const lines = arrayScript.split('\n');
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines).toContain('#SBATCH --array=0-4');
    expect(lines).toContain('#SBATCH --job-name=sweep-a');
    expect(lines).toContain('#SBATCH --cpus-per-task=4');
    expect(lines).toContain('#SBATCH --partition=long');
    expect(lines).toContain('#SBATCH --time=1-02:00:00');
    expect(lines).toContain('#SBATCH --output=/scratch/sweep/slurm/logs/%x-%A_%a.out');
  });

  it('leaves out --partition and --time when they are not given', () => {
    const { arrayScript } = slurmScripts(options());
    expect(arrayScript).not.toMatch(/--partition|--time/);
  });

  it('names the job after the experiment file by default', () => {
    expect(slurmScripts(options()).arrayScript).toContain('#SBATCH --job-name=panmine-my-exp\n');
  });

  it('puts every #SBATCH line before the first command (sbatch stops reading at the first command)', () => {
    const lines = slurmScripts(options({ partition: 'p', time: '00:05:00' })).arrayScript.split('\n');
    const firstCommand = lines.findIndex((l) => l !== '' && !l.startsWith('#'));
    expect(lines.slice(firstCommand).some((l) => l.startsWith('#SBATCH'))).toBe(false);
  });

  it('quotes a log path with spaces for sbatch and writes a literal % as %%', () => {
    const { arrayScript, mergeScript } = slurmScripts(options({ outDir: '/scratch/my sweep/50%' }));
    expect(arrayScript).toContain('#SBATCH --output="/scratch/my sweep/50%%/slurm/logs/%x-%A_%a.out"\n');
    expect(mergeScript).toContain('#SBATCH --output="/scratch/my sweep/50%%/slurm/logs/%x-%j.out"\n');
  });

  it('runs task i as shard i/n into <outDir>/shards/i with --workers C and --resume, every argument intact', () => {
    const work = tempDir('panmine slurm ');
    const opts = options({
      outDir: NASTY_OUT,
      experimentFile: `${work}/exp 'x'.ts`,
      workDir: work,
      cpus: 2,
      replicates: 7,
      points: 5,
      seed: 42,
      sets: ['agents=10,20', 'label=a b', `q='"`, 'vol=uniform(0.1,0.2)'],
      panmineCommand: ECHO_ARGS,
    });
    const { arrayScript } = slurmScripts(opts);
    const out = execFileSync('bash', ['-c', arrayScript], { encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: '2' } });
    expect(JSON.parse(out)).toEqual([
      'run',
      opts.experimentFile,
      '--shard',
      '2/3',
      '--out',
      `${NASTY_OUT}/shards/2`,
      '--workers',
      '2',
      '--resume',
      '--replicates',
      '7',
      '--points',
      '5',
      '--seed',
      '42',
      '--set',
      'agents=10,20',
      '--set',
      'label=a b',
      '--set',
      `q='"`,
      '--set',
      'vol=uniform(0.1,0.2)',
    ]);
  });

  it('runs in the work folder', () => {
    const work = tempDir("panmine cwd '");
    const { arrayScript } = slurmScripts(options({ workDir: work, panmineCommand: [process.execPath, '-e', 'process.stdout.write(process.cwd())'] }));
    const out = execFileSync('bash', ['-c', arrayScript], { encoding: 'utf8', env: { ...process.env, SLURM_ARRAY_TASK_ID: '0' } });
    expect(out.trim()).toBe(work);
  });

  it('fails with a message when run outside a job array', () => {
    const { arrayScript } = slurmScripts(options({ workDir: tmpdir(), panmineCommand: ECHO_ARGS }));
    const env = { ...process.env };
    delete env.SLURM_ARRAY_TASK_ID;
    expect(() => execFileSync('bash', ['-c', arrayScript], { encoding: 'utf8', env, stdio: 'pipe' })).toThrow(/job array/);
  });
});

describe('slurmScripts: the merge script', () => {
  it('merges all n shard folders, by name and in order, into <outDir>', () => {
    const opts = options({ outDir: NASTY_OUT, shards: 12, workDir: tmpdir(), panmineCommand: ECHO_ARGS });
    const out = execFileSync('bash', ['-c', slurmScripts(opts).mergeScript], { encoding: 'utf8' });
    const shards = Array.from({ length: 12 }, (_, i) => `${NASTY_OUT}/shards/${i}`);
    expect(JSON.parse(out)).toEqual(['merge', ...shards, '--out', NASTY_OUT, '--force']);
  });

  it('asks for one CPU and shares the partition and time limit', () => {
    const lines = slurmScripts(options({ cpus: 8, partition: 'p1,p2', time: '02:00:00' })).mergeScript.split('\n');
    expect(lines).toContain('#SBATCH --cpus-per-task=1');
    expect(lines).toContain('#SBATCH --partition=p1,p2');
    expect(lines).toContain('#SBATCH --time=02:00:00');
    expect(lines).toContain('#SBATCH --job-name=panmine-my-exp-merge');
    expect(lines.some((l) => l.startsWith('#SBATCH --array'))).toBe(false);
  });

  it('reports where the scripts and logs go', () => {
    const s = slurmScripts(options());
    expect(s.scriptDir).toBe('/scratch/sweep/slurm');
    expect(s.logDir).toBe('/scratch/sweep/slurm/logs');
  });
});

describe('slurmScripts: validation', () => {
  it.each([0, -1, 1.5, 10_001, Number.NaN])('refuses shards = %s, naming the field and the range', (shards) => {
    const e = configErrorOf(() => slurmScripts(options({ shards })));
    expect(e.field).toBe('shards');
    expect(e.message).toContain('from 1 to 10000');
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it('accepts 1 and 10000 shards', () => {
    expect(slurmScripts(options({ shards: 1 })).arrayScript).toContain('#SBATCH --array=0-0\n');
    expect(slurmScripts(options({ shards: 10_000 })).arrayScript).toContain('#SBATCH --array=0-9999\n');
  });

  it.each([0, 2.5, 1025])('refuses cpus = %s', (cpus) => {
    const e = configErrorOf(() => slurmScripts(options({ cpus })));
    expect(e.field).toBe('cpus');
    expect(e.message).toContain('from 1 to 1024');
  });

  it.each(['1:00', '01:00', '1:00:00:00', '00:60:00', '00:00:60', '1-24:00:00', '00:00:00', 'one hour', '1-1:00', ''])('refuses time = %j', (time) => {
    const e = configErrorOf(() => slurmScripts(options({ time })));
    expect(e.field).toBe('time');
    expect(e.message).toContain('HH:MM:SS or D-HH:MM:SS');
  });

  it.each(['00:00:01', '1:30:00', '48:00:00', '2-00:00:00', '14-23:59:59'])('accepts time = %j', (time) => {
    expect(slurmScripts(options({ time })).arrayScript).toContain(`#SBATCH --time=${time}\n`);
  });

  it.each([
    ['experimentFile', 'experiments/x.ts'],
    ['outDir', 'results/x'],
    ['workDir', '.'],
  ] as const)('refuses a relative %s', (field, value) => {
    expect(configErrorOf(() => slurmScripts(options({ [field]: value }))).field).toBe(field);
  });

  it('refuses a partition with shell or sbatch syntax', () => {
    expect(configErrorOf(() => slurmScripts(options({ partition: 'a b' }))).field).toBe('partition');
    expect(configErrorOf(() => slurmScripts(options({ partition: 'p;rm' }))).field).toBe('partition');
  });

  it('refuses a replicates, seed or set that panmine run would refuse', () => {
    expect(configErrorOf(() => slurmScripts(options({ replicates: 0 }))).field).toBe('replicates');
    expect(configErrorOf(() => slurmScripts(options({ seed: -1 }))).field).toBe('seed');
    expect(configErrorOf(() => slurmScripts(options({ sets: ['agents'] }))).field).toBe('sets');
  });

  it('refuses an empty panmine command and a bad job name', () => {
    expect(configErrorOf(() => slurmScripts(options({ panmineCommand: [] }))).field).toBe('panmineCommand');
    expect(configErrorOf(() => slurmScripts(options({ jobName: 'a b' }))).field).toBe('jobName');
  });

  it('refuses an outDir with a double quote or backslash, which an #SBATCH line cannot hold', () => {
    expect(configErrorOf(() => slurmScripts(options({ outDir: '/x/"y' }))).field).toBe('outDir');
    expect(configErrorOf(() => slurmScripts(options({ outDir: '/x/\\y' }))).field).toBe('outDir');
  });

  it('does not mutate its options', () => {
    const opts = Object.freeze({ ...options({ sets: Object.freeze(['a=1']) as string[] }) });
    expect(() => slurmScripts(opts)).not.toThrow();
  });
});

/** A fake sbatch: logs its arguments, prints `<id>` (or fails when the script's name says so). */
function fakeSbatch(dir: string, body: string): string {
  const bin = join(dir, 'sbatch');
  writeFileSync(bin, `#!/bin/bash\nprintf '%s\\n' "$*" >> ${shellQuote(join(dir, 'calls.log'))}\n${body}\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe('submitSlurm', () => {
  const scriptsIn = (outDir: string) => slurmScripts(options({ outDir, shards: 2 }));

  it('writes the scripts, submits the array, then the merge after it, and returns both job ids', async () => {
    const dir = tempDir('panmine-sbatch-');
    const outDir = join(dir, 'out');
    const sbatch = fakeSbatch(dir, 'case "$*" in *dependency*) echo "102;cluster";; *) echo 101;; esac');
    const s = scriptsIn(outDir);
    const r = await submitSlurm(s, undefined, { sbatch });
    expect(r).toMatchObject({ arrayJobId: '101', mergeJobId: '102' });
    expect(readFileSync(join(outDir, 'slurm/array.sh'), 'utf8')).toBe(s.arrayScript);
    expect(readFileSync(join(outDir, 'slurm/merge.sh'), 'utf8')).toBe(s.mergeScript);
    expect(existsSync(s.logDir)).toBe(true);
    expect(readFileSync(join(dir, 'calls.log'), 'utf8')).toBe(
      `--parsable ${outDir}/slurm/array.sh\n--parsable --dependency=afterok:101 ${outDir}/slurm/merge.sh\n`,
    );
  });

  it('says on one line that sbatch is missing', async () => {
    const dir = tempDir('panmine-sbatch-');
    const err = await submitSlurm(scriptsIn(join(dir, 'out')), undefined, { sbatch: join(dir, 'no-such-sbatch') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlurmSubmitError);
    expect((err as Error).message).toMatch(/not found; submitting to SLURM needs sbatch/);
    expect((err as Error).message).not.toContain('\n');
  });

  it("passes sbatch's complaint on, on one line", async () => {
    const dir = tempDir('panmine-sbatch-');
    const sbatch = fakeSbatch(dir, 'echo "sbatch: error: invalid partition specified: nope" >&2\necho "second line" >&2\nexit 1');
    const err = await submitSlurm(scriptsIn(join(dir, 'out')), undefined, { sbatch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlurmSubmitError);
    expect((err as Error).message).toMatch(/^sbatch .*array\.sh failed \(exit 1\): sbatch: error: invalid partition specified: nope second line$/);
  });

  it('names the submitted array job when the merge cannot be submitted', async () => {
    const dir = tempDir('panmine-sbatch-');
    const sbatch = fakeSbatch(dir, 'case "$*" in *dependency*) echo "boom" >&2; exit 1;; *) echo 55;; esac');
    const err = await submitSlurm(scriptsIn(join(dir, 'out')), undefined, { sbatch }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('scancel 55');
  });

  it('refuses an answer that is not a job id', async () => {
    const dir = tempDir('panmine-sbatch-');
    const sbatch = fakeSbatch(dir, 'echo "Submitted batch job"');
    await expect(submitSlurm(scriptsIn(join(dir, 'out')), undefined, { sbatch })).rejects.toThrow(/expected a job id/);
  });

  it('refuses an output folder that holds something else, before submitting', async () => {
    const dir = tempDir('panmine-sbatch-');
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'notes.txt'), 'mine');
    const sbatch = fakeSbatch(dir, 'echo 1');
    await expect(submitSlurm(scriptsIn(outDir), undefined, { sbatch })).rejects.toThrow(/not empty \(it holds notes\.txt\)/);
    expect(existsSync(join(dir, 'calls.log'))).toBe(false);
  });
});

describe('kubernetesJobs', () => {
  const k8s = (over: Partial<Parameters<typeof kubernetesJobs>[0]> = {}) =>
    kubernetesJobs({ ...options({ outDir: '/data/sweep 1', cpus: 2, sets: ['x=a b'] }), image: 'ghcr.io/org/panmine:1.0', volumeClaim: 'results', ...over });

  /** The list under `args:` in a rendered Job, read back from its JSON-quoted lines. */
  const argsOf = (yaml: string): string[] => {
    const lines = yaml.split('\n');
    const start = lines.indexOf('          args:') + 1;
    const out: string[] = [];
    for (const l of lines.slice(start)) {
      const m = /^ {12}- (".*")$/.exec(l);
      if (!m) break;
      out.push(JSON.parse(m[1]!) as string);
    }
    return out;
  };

  it('renders an Indexed Job with completions = parallelism = n', () => {
    const { indexedJob } = k8s({ shards: 4 });
    expect(indexedJob).toContain('  completionMode: Indexed\n  completions: 4\n  parallelism: 4\n');
    expect(indexedJob).toContain('kind: Job');
    expect(indexedJob).toContain('      restartPolicy: Never');
  });

  it('passes JOB_COMPLETION_INDEX as the shard index, every argument as one list item', () => {
    const { indexedJob } = k8s();
    expect(indexedJob).toContain(`          command: ["${process.execPath}"]`);
    expect(argsOf(indexedJob)).toEqual([
      '/opt/panmine/bin/panmine.js',
      'run',
      '/work/experiments/my exp.ts',
      '--shard',
      '$(JOB_COMPLETION_INDEX)/3',
      '--out',
      '/data/sweep 1/shards/$(JOB_COMPLETION_INDEX)',
      '--workers',
      '2',
      '--resume',
      '--set',
      'x=a b',
    ]);
  });

  it('renders a merge Job over all n shard folders', () => {
    const { mergeJob } = k8s();
    expect(mergeJob).not.toContain('completionMode');
    expect(mergeJob).toContain('  name: panmine-my-exp-merge\n');
    expect(argsOf(mergeJob)).toEqual([
      '/opt/panmine/bin/panmine.js',
      'merge',
      '/data/sweep 1/shards/0',
      '/data/sweep 1/shards/1',
      '/data/sweep 1/shards/2',
      '--out',
      '/data/sweep 1',
      '--force',
    ]);
  });

  it('mounts the claim in both Jobs and refuses an outDir outside it', () => {
    const { indexedJob, mergeJob } = k8s();
    for (const y of [indexedJob, mergeJob]) expect(y).toContain('persistentVolumeClaim: { claimName: results }');
    expect(configErrorOf(() => k8s({ outDir: '/elsewhere' })).field).toBe('outDir');
  });

  it('refuses a missing image and a bad namespace', () => {
    expect(configErrorOf(() => k8s({ image: '' })).field).toBe('image');
    expect(configErrorOf(() => k8s({ namespace: 'Bad_NS' })).field).toBe('namespace');
  });
});
