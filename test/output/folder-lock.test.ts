import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, checkNotLocked, LOCK_FILE, type LockHolder, lockState, STALE_MS } from '../../src/output/folder-lock.ts';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'panmine-lock-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const holder = (over: Partial<LockHolder>): LockHolder => ({
  pid: process.pid,
  host: hostname(),
  started_at: '2026-01-01T00:00:00.000Z',
  command: ['panmine', 'run', 'x'],
  token: 'other',
  ...over,
});
const plant = (dir: string, h: LockHolder, ageMs = 0) => {
  writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify(h)}\n`);
  const t = new Date(Date.now() - ageMs);
  utimesSync(join(dir, LOCK_FILE), t, t);
};
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('acquireFolderLock', () => {
  it('takes a free folder, refuses a second taker naming the holder, and releases', () => {
    const d = folder();
    const lock = acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']);
    expect(lockState(d)).toMatchObject({ state: 'alive', holder: { pid: process.pid, command: ['panmine', 'run', 'a'] } });
    expect(() => acquireFolderLock(d, '--out d', ['panmine', 'run', 'b'])).toThrow(/--out d: in use by another panmine \(pid \d+ on .*: panmine run a\)/);
    lock.release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    expect(readdirSync(d)).toEqual([]);
  });

  it('breaks the lock of a process that is gone', () => {
    const d = folder();
    plant(d, holder({ pid: deadPid() }));
    const lock = acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']);
    expect(lockState(d)?.holder?.token).toBe(lock.holder.token);
    lock.release();
  });

  it('breaks the lock of a live pid that started at another time (the pid was reused)', () => {
    const d = folder();
    plant(d, holder({ pid_start: '1' }));
    acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']).release();
  });

  it('refuses a holder on another host while its heartbeat is fresh, and breaks it once it stopped', () => {
    const d = folder();
    plant(d, holder({ host: 'another-node', pid: 1 }), 5_000);
    expect(() => acquireFolderLock(d, '--out d', ['panmine', 'run', 'a'])).toThrow(/pid 1 on another-node.*runs on another host and its heartbeat is fresh/);
    plant(d, holder({ host: 'another-node', pid: 1 }), STALE_MS + 5_000);
    acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']).release();
  });

  it('breaks a lock file that is not a lock (damaged)', () => {
    const d = folder();
    writeFileSync(join(d, LOCK_FILE), '{"pid": 12');
    acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']).release();
  });

  it('lets checkNotLocked pass a lock held by this very process, and stops another live holder', () => {
    const d = folder();
    const lock = acquireFolderLock(d, '--out d', ['panmine', 'run', 'a']);
    expect(() => checkNotLocked(d, 'd')).not.toThrow();
    lock.release();
    plant(d, holder({ pid: process.ppid }));
    expect(() => checkNotLocked(d, 'd')).toThrow(/d: in use by another panmine \(pid \d+ on /);
  });
});
