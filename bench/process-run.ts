/** What the whole-process benches share: run `panmine` as its own process, timed, and compare two output folders. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/panmine.js');
const HAS_TIME = existsSync('/usr/bin/time');

export interface Timed {
  wallS: number;
  /** Peak resident memory (GNU time's maximum RSS), null without /usr/bin/time. */
  peakMiB: number | null;
}

/** Runs `panmine <args>` as a whole process from the repository root; returns wall time and peak RSS. */
export function panmineProcess(args: readonly string[]): Timed {
  const cmd = HAS_TIME ? '/usr/bin/time' : process.execPath;
  const full = HAS_TIME ? ['-f', 'PANMINE_PEAK_KB %M', process.execPath, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: ROOT });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`panmine ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /PANMINE_PEAK_KB (\d+)/.exec(r.stderr);
  return { wallS, peakMiB: m ? Number(m[1]) / 1024 : null };
}

/** Whether two output folders hold the same runs, timeseries and summary bytes. */
export const sameBytes = (a: string, b: string): boolean =>
  ['runs.csv', 'timeseries.csv', 'summary.csv'].every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
