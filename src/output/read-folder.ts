import { existsSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import { checkNotLocked } from './folder-lock.ts';
import { type Manifest, readManifest } from './manifest.ts';

/**
 * The manifest of a finished output folder (all runs ok or some failed) that no other panmine is writing (a
 * resume or --force may be rewriting its CSVs): the folder a report, a plot, a conversion or a query reads.
 * Throws InputError (one line) for anything else.
 */
export function finishedFolderManifest(dir: string, label = dir): Manifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${label}: no such folder`);
  checkNotLocked(dir, label);
  const manifest = readManifest(dir);
  if (!manifest) throw new InputError(`${label}: not a panmine output folder (no readable manifest.json)`);
  if (manifest.status === 'running')
    throw new InputError(`${label}: the sweep has not finished (manifest status "running"); finish it with panmine run ... --out ${label} --resume`);
  return manifest;
}
