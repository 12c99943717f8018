import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExperimentFileError, oneLine } from '../core/errors.ts';
import { type Experiment, isExperiment } from '../experiment/define.ts';
import { type LoadedRecord, loadRecord } from '../experiment/record.ts';

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/**
 * The file an experiment argument names: a path (`experiments/foo.ts`), or a bare name looked up as
 * `./experiments/<name>.ts`. Throws ExperimentFileError when there is no such file.
 */
export function resolveExperimentFile(arg: string, cwd = process.cwd()): string {
  const candidates = [arg, ...EXTENSIONS.map((e) => arg + e)];
  if (!arg.includes('/') && !arg.includes('\\')) candidates.push(...EXTENSIONS.map((e) => `experiments/${arg}${e}`));
  for (const c of candidates) {
    const p = isAbsolute(c) ? c : resolve(cwd, c);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  throw new ExperimentFileError(`${arg}: no such experiment file (give a path such as experiments/my-experiment.ts, or a name in ./experiments)`);
}

/** An experiment as loaded from its file: with its public record read and checked, when it declares one. */
export interface LoadedExperiment extends Experiment {
  readonly publicRecord?: LoadedRecord;
}

/**
 * Imports an experiment file and checks that its default export is a `defineExperiment(...)` result; reads
 * and checks the public record it declares (see experiment/record.ts).
 */
export async function loadExperiment(file: string): Promise<LoadedExperiment> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw new ExperimentFileError(`${file}: the experiment file failed to load: ${oneLine(e)}`);
  }
  if (!isExperiment(mod.default)) {
    throw new ExperimentFileError(`${file}: the default export is not an experiment; write \`export default defineExperiment({...})\``);
  }
  const experiment = mod.default;
  if (!experiment.record) return experiment;
  return Object.freeze({ ...experiment, publicRecord: loadRecord(file, experiment.record, experiment.metrics) });
}
