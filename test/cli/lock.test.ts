import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, manifestOf, parseCsvRecords, partCount, resultOf, SLOW, startCli, TINY, tempDir, waitFor } from './cli-helpers.ts';

/** The pid of a process that has exited (and been reaped), so no live process holds it for now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('the output folder lock', () => {
  const base = tempDir('lock');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a second writer while the first runs, naming the holder, and leaves the first sweep unmixed', async () => {
    const out = join(base, 'shared');
    // About 1.5 s per run (20 windows × 3 shards × 25 ms), three runs on one worker.
    const first = startCli(['run', SLOW, '--out', out, '--set', 'sleepMs=25', '--workers', '1', '--quiet']);
    const firstDone = resultOf(first);
    await waitFor(() => partCount(out) >= 1 || first.exitCode !== null, 60_000, 'the first sweep to write a part');
    expect(first.exitCode).toBeNull();

    const second = await cli(['run', SLOW, '--out', out, '--set', 'sleepMs=0', '--set', 'agents=12', '--force']);
    expect(second.code).toBe(2);
    expect(second.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(new RegExp(`${out}.* in use by another panmine \\(pid ${first.pid} on ${hostname()}, .*panmine run`));

    const r = await firstDone;
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsvRecords(readFileSync(join(out, 'runs.csv'), 'utf8'));
    expect(rows.map((x) => x.agents)).toEqual(['9', '9', '9']);
    expect((manifestOf(out) as { status?: string }).status).toBe('complete');
    // The lock is gone with its holder.
    expect(existsSync(join(out, '.panmine.lock'))).toBe(false);
  }, 90_000);

  it('breaks a lock whose holder is gone and writes the folder', async () => {
    const out = join(base, 'stale');
    mkdirSync(out);
    writeFileSync(
      join(out, '.panmine.lock'),
      `${JSON.stringify({ pid: deadPid(), host: hostname(), started_at: new Date().toISOString(), command: ['panmine', 'run', 'x'], token: 'stale' })}\n`,
    );
    const r = await cli(['run', TINY, '--out', out, '--replicates', '1', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'runs.csv'))).toBe(true);
    expect(existsSync(join(out, '.panmine.lock'))).toBe(false);
  }, 30_000);

  it('refuses a merge into a folder another panmine holds', async () => {
    const out = join(base, 'held');
    mkdirSync(out);
    // This test's own process is alive and on this host: it stands for a running sweep.
    writeFileSync(
      join(out, '.panmine.lock'),
      `${JSON.stringify({ pid: process.pid, host: hostname(), started_at: new Date().toISOString(), command: ['panmine', 'run', 'x'], token: 'live' })}\n`,
    );
    const shard = join(base, 'held-src');
    expect((await cli(['run', TINY, '--out', shard, '--replicates', '1', '--quiet'])).code).toBe(0);
    const r = await cli(['merge', shard, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`in use by another panmine \\(pid ${process.pid} on `));
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  }, 30_000);

  it('refuses a report of a folder another panmine is writing', async () => {
    const out = join(base, 'being-rewritten');
    expect((await cli(['run', TINY, '--out', out, '--replicates', '1', '--quiet'])).code).toBe(0);
    // As if a --resume or --force of this folder were running: this test's own process holds its lock.
    writeFileSync(
      join(out, '.panmine.lock'),
      `${JSON.stringify({ pid: process.pid, host: hostname(), started_at: new Date().toISOString(), command: ['panmine', 'run', 'x', '--force'], token: 'live' })}\n`,
    );
    const r = await cli(['report', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`in use by another panmine \\(pid ${process.pid} on `));
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  }, 30_000);
});
