import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, csvs, TINY, tempDir } from './cli-helpers.ts';

/**
 * Mounts a tmpfs on `dir` with the given options (e.g. `ro`, `size=64k`). We run as root, so file modes do not stop
 * writes: a real read-only or full file system is the only honest test. Throws with the reason when it cannot.
 */
function mountTmpfs(dir: string, options: string): void {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`cannot mount a tmpfs (-o ${options}) on ${dir} for this test: ${(e as { stderr?: Buffer }).stderr?.toString().trim() || String(e)}`);
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    /* not mounted */
  }
}

describe('file system errors', () => {
  const base = tempDir('fs');
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) unmount(m);
    rmSync(base, { recursive: true, force: true });
  });

  it('refuses an --out below a file with exit 2, naming the file, and writes nothing', async () => {
    const file = join(base, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = await cli(['run', TINY, '--out', join(file, 'sub'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--out .*a-file\/sub: cannot create the folder: .*a-file is a file, not a folder \(ENOTDIR\)/);
    expect(r.stderr).not.toMatch(/internal error/);
  }, 30_000);

  it('refuses an --out on a read-only file system with exit 2, naming the cause', async () => {
    const ro = join(base, 'ro');
    mountTmpfs(ro, 'ro');
    mounts.push(ro);
    const r = await cli(['run', TINY, '--out', join(ro, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--out .*ro\/out: cannot create the folder: .*ro is on a read-only file system \(EROFS\)/);
    expect(readdirSync(ro)).toEqual([]);
  }, 30_000);

  it('stops on a full disk naming the file, with the hint to free space and --resume, and resumes to the same bytes', async () => {
    const whole = join(base, 'whole');
    expect((await cli(['run', TINY, '--out', whole, '--set', 'agents=2000', '--quiet'])).code).toBe(0);
    const small = join(base, 'small');
    // Room for the manifest and a few parts, not for the whole sweep and its CSVs.
    mountTmpfs(small, 'size=24k');
    mounts.push(small);
    const out = join(small, 'out');
    const r = await cli(['run', TINY, '--out', out, '--set', 'agents=2000', '--workers', '1', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /cannot write .*small\/out\/.*: no space left on the device \(ENOSPC\); free some space, then continue with: panmine run .* --resume/,
    );
    execFileSync('mount', ['-o', 'remount,size=4m', small]);
    const resumed = await cli(['run', TINY, '--out', out, '--set', 'agents=2000', '--workers', '1', '--quiet', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(csvs(out)).toEqual(csvs(whole));
  }, 60_000);
});
