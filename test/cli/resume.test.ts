import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, csvs, partCount, startCli, TINY, tempDir } from './cli-helpers.ts';

// Heavy enough runs (100,000 agents) that a sweep is still going when it is killed.
const SWEEP = ['--set', 'agents=100000', '--replicates', '6', '--quiet'];
const RUNS = 12;

describe('--resume', () => {
  it('finishes a SIGKILLed sweep with the same bytes as an uninterrupted one, redoing corrupt parts', async () => {
    const base = tempDir('resume');
    const whole = join(base, 'whole');
    const cut = join(base, 'cut');
    expect((await cli(['run', TINY, '--out', whole, '--workers', '2', ...SWEEP])).code).toBe(0);

    const child = startCli(['run', TINY, '--out', cut, '--workers', '1', ...SWEEP]);
    const exited = new Promise((r) => child.on('exit', r));
    while (partCount(cut) < 3 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const written = partCount(cut);
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThan(RUNS);
    expect(existsSync(join(cut, 'runs.csv'))).toBe(false);

    // A part cut short by a power failure, and a temporary file a writer left behind.
    const victim = join(cut, 'parts', 'run-0.part');
    truncateSync(victim, Math.floor(readFileSync(victim).length / 2));
    writeFileSync(join(cut, 'parts', `run-${RUNS - 1}.part.tmp-99999`), 'half a part');

    const resumed = await cli(['run', TINY, '--out', cut, '--workers', '2', '--resume', ...SWEEP]);
    expect(resumed.code).toBe(0);
    expect(csvs(cut)).toEqual(csvs(whole));
    expect(readdirSync(join(cut, 'parts')).filter((f) => f.includes('.tmp-'))).toEqual([]);

    // Resuming a finished sweep changes nothing.
    const again = await cli(['run', TINY, '--out', cut, '--resume', ...SWEEP]);
    expect(again.code).toBe(0);
    expect(csvs(cut)).toEqual(csvs(whole));
    rmSync(base, { recursive: true, force: true });
  }, 60_000);

  it('refuses to resume a folder holding a different sweep', async () => {
    const out = join(tempDir('resume-other'), 'x');
    expect((await cli(['run', TINY, '--out', out, '--replicates', '1', '--quiet'])).code).toBe(0);
    const r = await cli(['run', TINY, '--out', out, '--replicates', '2', '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^panmine: --out .*: cannot --resume a different sweep: replicates differs \(1 vs 2\); repeat the original command .*\n$/);
  }, 30_000);

  it('resumes a folder whose manifest is truncated, keeping the parts that belong to the sweep', async () => {
    const base = tempDir('resume-truncated');
    const whole = join(base, 'whole');
    const cut = join(base, 'cut');
    expect((await cli(['run', TINY, '--out', whole, '--quiet'])).code).toBe(0);
    expect((await cli(['run', TINY, '--out', cut, '--quiet'])).code).toBe(0);
    rmSync(join(cut, 'parts', 'run-4.part'));
    const m = join(cut, 'manifest.json');
    truncateSync(m, Math.floor(readFileSync(m).length / 3));
    const r = await cli(['run', TINY, '--out', cut, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/manifest\.json is truncated \(cut off after \d+ bytes\); checking each part against this sweep/);
    expect(r.stderr).toMatch(/9 already done/);
    expect(csvs(cut)).toEqual(csvs(whole));
    rmSync(base, { recursive: true, force: true });
  }, 30_000);
});
