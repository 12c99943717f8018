import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { withFs, withFsAsync } from './fs-errors.ts';

/**
 * Writes `data` to `path` atomically: a temporary file beside it, fsync, then rename over `path`. A failure (a
 * full disk, a read-only file system) is a FileSystemError naming `path`; the temporary file is removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await withFsAsync('write', path, async () => {
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  });
}

/** Synchronous `writeFileAtomic`. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const w = new HashedFileWriter(path);
  try {
    w.write(data);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/**
 * A file written in large buffered chunks to a temporary path while its sha256 is computed; `commit`
 * fsyncs and renames it into place, `abort` removes it. File-system failures are FileSystemErrors naming the
 * file's final path.
 */
export class HashedFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private chunks: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(private readonly path: string) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = withFs('write', path, () => openSync(this.tmp, 'w'));
  }

  write(data: string | Uint8Array): void {
    if (typeof data !== 'string') {
      this.flush();
      this.hash.update(data);
      this.bytes += data.length;
      this.writeAll(data);
      return;
    }
    this.chunks.push(data);
    this.pending += data.length;
    if (this.pending >= 1 << 20) this.flush();
  }

  private writeAll(buf: Uint8Array): void {
    withFs('write', this.path, () => {
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off);
    });
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.pending = 0;
    this.hash.update(buf);
    this.bytes += buf.length;
    this.writeAll(buf);
  }

  /** Finishes the file and returns its sha256 (hex) and size. */
  commit(): { sha256: string; bytes: number } {
    this.flush();
    withFs('write', this.path, () => {
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    });
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}
