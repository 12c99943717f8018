import { FileSystemError } from '../core/errors.ts';

/** What an errno means, in words (the code itself is given beside it). */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder (was it removed while panmine ran?)',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it exists already',
  ENOTEMPTY: 'the folder is not empty',
  EIO: 'input/output error (a failing disk or network file system?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  ESTALE: 'stale network file handle',
  EXDEV: 'not on the same file system',
};

/** Errno codes after which the sweep can continue with `--resume` once the cause is fixed. */
const RESUMABLE = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EMFILE', 'ENFILE', 'ESTALE', 'ENOENT', 'EACCES', 'EPERM', 'EROFS', 'EBUSY']);

/** The words for an errno code, or the error's own message. */
export function causeText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const words = code ? CAUSES[code] : undefined;
  if (words) return `${words} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * A FileSystemError for operation `op` on `path` that failed with `e`: "cannot write <path>: no space left on
 * the device (ENOSPC)"; resumable when the cause is one that can be fixed (space, quota, a flaky disk). An error
 * that is already a FileSystemError is returned as it is.
 */
export function fsError(op: string, path: string, e: unknown): FileSystemError {
  if (e instanceof FileSystemError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  return new FileSystemError(`cannot ${op} ${path}: ${causeText(e)}`, code, code !== undefined && RESUMABLE.has(code));
}

const isErrno = (e: unknown) => typeof (e as NodeJS.ErrnoException)?.code === 'string' && typeof (e as NodeJS.ErrnoException)?.syscall === 'string';

/** Runs `f`, turning a file-system error (one with an errno code and a syscall) into a FileSystemError naming `op` and `path`. */
export function withFs<T>(op: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw isErrno(e) ? fsError(op, path, e) : e;
  }
}

/** The async `withFs`. */
export async function withFsAsync<T>(op: string, path: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw isErrno(e) ? fsError(op, path, e) : e;
  }
}
