import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { fsError } from './fs-errors.ts';

/**
 * The lock of an output folder: `<dir>/.panmine.lock`, a small JSON file naming the process that writes the
 * folder. It is created atomically (written under a temporary name, then hard-linked into place, which fails
 * if a lock exists), held for the whole life of a run or merge, and removed when that process ends, however it
 * ends short of SIGKILL. A lock left by a process that is gone (SIGKILL, power cut, out of memory) is broken by
 * the next writer; a lock whose process is alive is never broken: the second writer is refused. On this host
 * "alive" is asked of the kernel (the pid exists, is not a zombie, and started when the lock says); for a
 * holder on another host (a shared file system on a cluster) the holder's heartbeat tells: it touches the lock
 * every HEARTBEAT_MS, and a lock untouched for STALE_MS is taken for a holder that is gone (a node that died,
 * a job that was requeued elsewhere).
 */
export const LOCK_FILE = '.panmine.lock';
/** Temporary and broken lock files (removed by their writer; ignored when a folder is checked for emptiness). */
export const LOCK_TEMP_RE = /^\.panmine\.lock\.[^/]+$/;
/** How often a holder touches its lock. */
export const HEARTBEAT_MS = 10_000;
/** A lock held from another host and untouched this long is stale. */
export const STALE_MS = 120_000;

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly started_at: string;
  readonly command: readonly string[];
  /** A random token: tells this holder's lock from a later one of the same pid. */
  readonly token: string;
  /** The process's start time in clock ticks after boot (/proc/<pid>/stat field 22), to tell a reused pid. */
  readonly pid_start?: string;
}

/** alive: the holder runs on this host; gone: it does not; elsewhere: it runs (or ran) on another host. */
export type HolderState = 'alive' | 'gone' | 'elsewhere';

/** Field 22 of /proc/<pid>/stat (start time) and field 3 (state), or undefined where /proc is not there. */
function procStat(pid: number): { start: string; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that holds a lock is still there: on this host by its pid; on another host by the age of
 * the lock's heartbeat (`ageMs`, from the lock file's modification time): 'elsewhere' while it beats, 'gone'
 * once it stopped for STALE_MS.
 */
export function holderState(h: LockHolder, ageMs = 0): HolderState {
  if (h.host !== hostname()) return ageMs > STALE_MS ? 'gone' : 'elsewhere';
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const stat = procStat(h.pid);
  if (stat && (stat.state === 'Z' || stat.state === 'X')) return 'gone';
  if (stat && h.pid_start !== undefined && stat.start !== h.pid_start) return 'gone';
  return 'alive';
}

/** "pid 123 on host, since <time>: panmine run …" */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on ${h.host}, since ${h.started_at}: ${h.command.join(' ')}`;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.token === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** The age of a lock's heartbeat (ms since its file was last touched). */
function lockAge(dir: string): number {
  try {
    return Date.now() - statSync(join(dir, LOCK_FILE)).mtimeMs;
  } catch {
    return 0;
  }
}

/** The folder's lock holder; undefined when there is no lock; null when the lock file is not readable as one. */
export function readLock(dir: string): LockHolder | undefined | null {
  let text: string;
  try {
    text = readFileSync(join(dir, LOCK_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw fsError('read', join(dir, LOCK_FILE), e);
  }
  return parseHolder(text) ?? null;
}

/** The folder's lock holder and whether it is alive (see holderState); undefined when there is no lock. */
export function lockState(dir: string): { holder: LockHolder | null; state: HolderState } | undefined {
  const holder = readLock(dir);
  if (holder === undefined) return undefined;
  return { holder, state: holder === null ? 'gone' : holderState(holder, lockAge(dir)) };
}

function inUse(label: string, h: LockHolder, state: HolderState): InputError {
  const where =
    state === 'elsewhere'
      ? `; it runs on another host and its heartbeat is fresh (a lock whose holder stops touching it for ${STALE_MS / 1000} s is broken)`
      : '; wait for it to end, or stop it (the lock is broken only when that process is gone)';
  return new InputError(`${label}: in use by another panmine (${describeHolder(h)})${where}`);
}

/**
 * Throws InputError (naming the holder) when another live process holds the folder's lock; reads only. A lock
 * held by this very process (a run writing its report at the end) is no obstacle.
 */
export function checkNotLocked(dir: string, label: string): void {
  const l = lockState(dir);
  if (!l?.holder || l.state === 'gone') return;
  if (l.holder.pid === process.pid && l.holder.host === hostname()) return;
  throw inUse(label, l.holder, l.state);
}

/**
 * A held lock. `release` removes it if it is still this process's (it is also released when the process exits).
 * The heartbeat runs on a timer; `beat` touches the lock now if it is due (for long synchronous work, such as
 * assembling a big sweep's CSVs, during which timers do not run).
 */
export interface FolderLock {
  readonly holder: LockHolder;
  beat(): void;
  release(): void;
}

/** Moves a lock whose holder is gone out of the way; only the lock that was judged stale is removed. */
function breakStale(lockPath: string, stale: LockHolder | null): void {
  const aside = `${lockPath}.broken-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // another writer broke it first
    throw fsError('remove the stale lock', lockPath, e);
  }
  let moved: LockHolder | undefined;
  try {
    moved = parseHolder(readFileSync(aside, 'utf8'));
  } catch {
    moved = undefined;
  }
  if (stale !== null && moved && moved.token !== stale.token) {
    // Between reading the stale lock and moving it, another writer broke it and took the folder: give its lock back.
    try {
      linkSync(aside, lockPath);
    } catch {
      /* a third writer holds it now; that one is live and will be seen */
    }
  }
  rmSync(aside, { force: true });
}

/** Creates `path` holding `text` only if no file is there: hard link of a complete file, or O_EXCL where links are not supported. */
function createExclusive(path: string, text: string, tmp: string): boolean {
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw fsError('create the lock', path, e);
  }
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fsError('create the lock', path, e);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of `dir` (which must exist) for this process, breaking a lock whose holder is gone. Throws
 * InputError, one line naming the holder, when a live process (or one on another host) holds it. `label`
 * names the folder in messages (e.g. `--out results/x`).
 */
export function acquireFolderLock(dir: string, label: string, command: readonly string[]): FolderLock {
  const lockPath = join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started_at: new Date().toISOString(),
    command: [...command],
    token: randomUUID(),
    ...(procStat(process.pid) ? { pid_start: procStat(process.pid)!.start } : {}),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const tmp = `${lockPath}.new-${process.pid}-${holder.token.slice(0, 8)}`;
  try {
    writeFileSync(tmp, text);
  } catch (e) {
    throw fsError('create the lock', lockPath, e);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      if (createExclusive(lockPath, text, tmp)) break;
      const other = lockState(dir);
      if (other === undefined) continue; // released in between: try again
      if (other.holder !== null && other.state !== 'gone') throw inUse(label, other.holder, other.state);
      if (attempt >= 10) throw new InputError(`${label}: cannot take the folder's lock (${lockPath}): other writers keep breaking it`);
      breakStale(lockPath, other.holder);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  let released = false;
  let lastBeat = Date.now();
  const beat = () => {
    if (released || Date.now() - lastBeat < HEARTBEAT_MS) return;
    lastBeat = Date.now();
    try {
      const now = new Date();
      utimesSync(lockPath, now, now);
    } catch {
      /* a missed beat is retried at the next one */
    }
  };
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.off('exit', release);
    try {
      if (readLock(dir)?.token === holder.token) rmSync(lockPath, { force: true });
    } catch {
      /* the folder is gone or unreadable: nothing to release */
    }
  };
  process.on('exit', release);
  return { holder, beat, release };
}
