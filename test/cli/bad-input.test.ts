import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cli, TINY, tempDir } from './cli-helpers.ts';

interface Case {
  what: string;
  args: (out: string) => string[];
  expected: RegExp;
}

const cases: Case[] = [
  {
    what: 'a value outside the parameter range',
    args: (o) => ['run', TINY, '--out', o, '--set', 'agents=-5'],
    expected: /agents: -5 is not allowed; allowed: an integer from 1 to 100000/,
  },
  {
    what: 'an unknown parameter, with a suggestion',
    args: (o) => ['run', TINY, '--out', o, '--set', 'agent=5'],
    expected: /--set: "agent" is not allowed; no such parameter \(did you mean "agents"\?\)/,
  },
  { what: 'a malformed --set', args: (o) => ['run', TINY, '--out', o, '--set', 'agents'], expected: /expected name=value/ },
  { what: 'zero workers', args: (o) => ['run', TINY, '--out', o, '--workers', '0'], expected: /--workers: 0 is not allowed; allowed: an integer from 1/ },
  { what: 'a shard index out of range', args: (o) => ['run', TINY, '--out', o, '--shard', '3/3'], expected: /--shard: "3\/3" is not allowed/ },
  { what: 'zero replicates', args: (o) => ['run', TINY, '--out', o, '--replicates', '0'], expected: /--replicates: 0 is not allowed/ },
  { what: '--resume with --force', args: (o) => ['run', TINY, '--out', o, '--resume', '--force'], expected: /--resume and --force exclude each other/ },
  { what: 'an unknown option', args: (o) => ['run', TINY, '--out', o, '--bogus'], expected: /unknown option '--bogus'/ },
  {
    what: 'a missing experiment file',
    args: (o) => ['run', 'test/fixtures/no-such-file.ts', '--out', o],
    expected: /no-such-file\.ts: no such experiment file/,
  },
  {
    what: 'an experiment file that throws at load',
    args: (o) => ['run', 'test/fixtures/throws-at-load.ts', '--out', o],
    expected: /throws-at-load\.ts: the experiment file failed to load: this experiment file is broken on purpose/,
  },
  {
    what: 'a default export that is not an experiment',
    args: (o) => ['run', 'test/fixtures/not-an-experiment.ts', '--out', o],
    expected: /not-an-experiment\.ts: the default export is not an experiment/,
  },
  {
    what: 'describing a file that throws at load',
    args: () => ['describe', 'test/fixtures/throws-at-load.ts'],
    expected: /the experiment file failed to load/,
  },
  { what: 'a missing command', args: () => [], expected: /missing command/ },
  {
    what: 'the same parameter set twice',
    args: (o) => ['run', TINY, '--out', o, '--set', 'agents=5', '--set', 'agents=6'],
    expected: /--set: "agents" is given twice \(agents=5, agents=6\); give each parameter once \(a grid as agents=v1,v2\)/,
  },
  {
    what: 'a grid with a value twice',
    args: (o) => ['run', TINY, '--out', o, '--set', 'meanOrder=1,2,1.0'],
    expected: /meanOrder: \[1, 2, 1\] is not allowed; a grid holds each value once \(1 is there twice\)/,
  },
  {
    what: 'a hexadecimal number',
    args: (o) => ['run', TINY, '--out', o, '--set', 'agents=0x10'],
    expected: /agents: "0x10" is not allowed; allowed: an integer from 1 to 100000, written in decimal/,
  },
  {
    what: 'a hexadecimal option value',
    args: (o) => ['run', TINY, '--out', o, '--replicates', '0x10'],
    expected: /--replicates: "0x10" is not allowed; allowed: an integer from 1 to \d+, written in decimal/,
  },
  {
    what: 'far more workers than cores',
    args: (o) => ['run', TINY, '--out', o, '--workers', '1000'],
    expected: /--workers: 1000 worker threads × 1 thread per run on \d+ cores? is far more than the machine has; add --oversubscribe if it is meant/,
  },
  {
    what: 'an enormous sweep',
    args: (o) => ['run', TINY, '--out', o, '--replicates', '1e9'],
    expected: /runs: 2000000000 runs \(2 points × 1000000000 replicates\) is an enormous sweep; add --many-runs if it is meant/,
  },
];

/** Each bad invocation exits 2 with exactly one line on stderr naming the problem, and writes nothing. */
describe('bad usage and bad input', () => {
  const base = tempDir('bad');
  const results = new Map<string, { out: string; r: CliResult }>();

  beforeAll(async () => {
    // Two at a time: the machine has two cores.
    const queue = cases.map((c, i) => ({ c, out: join(base, `out-${i}`) }));
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) results.set(job.c.what, { out: job.out, r: await cli(job.c.args(job.out)) });
    };
    await Promise.all([worker(), worker()]);
  }, 60_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.what, c] as const))('refuses %s', (_what, c) => {
    const { out, r } = results.get(c.what)!;
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(c.expected);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an --out folder that holds other files, with or without --resume, and leaves it as it was', async () => {
    const out = join(base, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const plain = await cli(['run', TINY, '--out', out]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^panmine: --out .*: the folder is not empty \(it holds other files\); use --resume .* --force .*\n$/);
    const resume = await cli(['run', TINY, '--out', out, '--resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(/^panmine: --out .*: cannot --resume, the folder holds no panmine manifest\.json\n$/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  }, 20_000);
});
