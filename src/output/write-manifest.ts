import { join } from 'node:path';
import type { AssembleResult } from './assemble.ts';
import { HashedFileWriter } from './atomic-file.ts';
import { MANIFEST, type Manifest, manifestChunks } from './manifest.ts';

/**
 * Writes the final manifest of an assembled folder: `head` plus the status, run counts and file checksums
 * of the assembly, and its per-run lines. Disposes of the assembly. Returns whether any run failed.
 */
export function writeFinalManifest(
  dir: string,
  head: Omit<Manifest, 'runs' | 'status' | 'runs_total' | 'runs_ok' | 'runs_failed' | 'files'>,
  assembled: AssembleResult,
): boolean {
  const failed = assembled.failed + assembled.missing;
  try {
    writeManifest(
      dir,
      {
        ...head,
        status: failed > 0 ? 'failed' : 'complete',
        runs_total: assembled.ok + failed,
        runs_ok: assembled.ok,
        runs_failed: failed,
        files: assembled.files,
      },
      assembled.runLines(),
    );
  } finally {
    assembled.dispose();
  }
  return failed > 0;
}

/** Writes `manifest.json` atomically (streamed when it lists runs). */
export function writeManifest(dir: string, m: Omit<Manifest, 'runs'>, runLines?: Iterable<string>): void {
  const w = new HashedFileWriter(join(dir, MANIFEST));
  try {
    for (const chunk of manifestChunks(m, runLines)) w.write(chunk);
    w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}
