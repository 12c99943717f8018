import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fsError } from './fs-errors.ts';
import { PACKAGE_ROOT } from './package-info.ts';

/** The code behind a sweep: every source file a run loads, by path, with its sha256, and one sha256 over them all. */
export interface SourceFingerprint {
  readonly sha256: string;
  /** Path → sha256 of the file's bytes, sorted by path. */
  readonly files: Readonly<Record<string, string>>;
}

const inside = (root: string, file: string) => {
  const r = relative(root, file);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r.split(sep).join('/') : undefined;
};

/**
 * The key a file is listed under: its path relative to panmine's folder (`src/engine/rng.ts`,
 * `node_modules/seedrandom/lib/alea.js`, `experiments/x.ts`), else relative to the experiment file's folder
 * (`model.ts` beside an experiment kept elsewhere), else its absolute path. Relative keys make the fingerprint
 * the same on every machine that holds the same files, wherever the checkout is.
 */
export function sourceKey(file: string, experimentFile: string): string {
  return inside(PACKAGE_ROOT, file) ?? inside(dirname(experimentFile), file) ?? file;
}

/**
 * Hashes the source files a run loads (file: URLs, as the module recorder gives them; other URLs are ignored).
 * Reading and hashing a few dozen files takes milliseconds: it is done once per sweep.
 */
export function fingerprintSources(moduleUrls: readonly string[], experimentFile: string): SourceFingerprint {
  const files = new Map<string, string>();
  const paths = new Set<string>([experimentFile]);
  for (const u of moduleUrls) if (u.startsWith('file:')) paths.add(fileURLToPath(u.split('?')[0]!));
  for (const p of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(p);
    } catch (e) {
      throw fsError('read the source file', p, e);
    }
    files.set(sourceKey(p, experimentFile), createHash('sha256').update(bytes).digest('hex'));
  }
  const sorted = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const all = createHash('sha256');
  for (const [k, sha] of sorted) all.update(`${k}\0${sha}\n`);
  return { sha256: all.digest('hex'), files: Object.fromEntries(sorted) };
}
