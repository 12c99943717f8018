import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, partCount, resultOf, SLOW, startCli, TINY, tempDir, waitFor } from './cli-helpers.ts';

describe('panmine verify', () => {
  const base = tempDir('verify');
  const good = join(base, 'good');
  beforeAll(async () => {
    expect((await cli(['run', TINY, '--out', good, '--quiet'])).code).toBe(0);
  }, 30_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const copy = (name: string) => {
    const d = join(base, name);
    cpSync(good, d, { recursive: true });
    return d;
  };

  it('passes an intact, complete folder with exit 0', async () => {
    const r = await cli(['verify', good]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok: 10 of 10 runs, 10 parts and 3 CSV files match manifest\.json/);
  }, 30_000);

  it('lists a damaged part and a changed CSV with exit 1', async () => {
    const d = copy('damaged');
    const part = join(d, 'parts', 'run-7.part');
    // One digit of the body changed, its length kept: only the checksum can tell.
    const text = readFileSync(part, 'utf8');
    const at = text.lastIndexOf('1');
    writeFileSync(part, `${text.slice(0, at)}2${text.slice(at + 1)}`);
    appendFileSync(join(d, 'summary.csv'), '9,9\n');
    const r = await cli(['verify', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/parts\/run-7\.part: damaged: the sha256 of its body does not match/);
    expect(r.stdout).toMatch(/summary\.csv: its sha256 .* does not match manifest\.json/);
    expect(r.stdout).not.toMatch(/runs\.csv/);
  }, 30_000);

  it('reports a missing part and a truncated manifest', async () => {
    const d = copy('missing');
    rmSync(join(d, 'parts', 'run-2.part'));
    const r = await cli(['verify', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/parts\/run-2\.part: missing/);
    const m = join(d, 'manifest.json');
    writeFileSync(m, readFileSync(m, 'utf8').slice(0, 500));
    const t = await cli(['verify', d]);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/manifest\.json: truncated \(cut off after 500 bytes\)/);
  }, 30_000);

  it('refuses a folder that is not a panmine output with exit 2', async () => {
    const r = await cli(['verify', join(base, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope: no such folder/);
  }, 30_000);
});

describe('panmine status', () => {
  const base = tempDir('status');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('shows a running sweep with its live holder, then a stopped one whose holder is gone', async () => {
    const out = join(base, 'sweep');
    const child = startCli(['run', SLOW, '--out', out, '--set', 'sleepMs=25', '--workers', '1', '--quiet']);
    const done = resultOf(child);
    await waitFor(() => partCount(out) >= 1 || child.exitCode !== null, 60_000, 'a part');
    const running = await cli(['status', out]);
    expect(running.code).toBe(0);
    expect(running.stdout).toMatch(new RegExp(`running: pid ${child.pid} on .* is alive`));
    expect(running.stdout).toMatch(/runs: [1-2] of 3 written \(\d+%\), 0 failed/);
    child.kill('SIGKILL');
    await done;
    const stopped = await cli(['status', out]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`stopped: the process that ran it \\(pid ${child.pid} on .*\\) is gone; continue with: panmine run .* --resume`));
  }, 60_000);

  it('shows a finished sweep as complete', async () => {
    const out = join(base, 'done');
    expect((await cli(['run', TINY, '--out', out, '--quiet'])).code).toBe(0);
    const r = await cli(['status', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/complete: 10 of 10 runs ok/);
  }, 30_000);
});
