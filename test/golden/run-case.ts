import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_FILES, type GoldenCase } from './cases.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const GOLDEN_DIR = fileURLToPath(new URL('./', import.meta.url));

/** Runs a golden case through the command line (2 workers) and returns its CSVs as text. */
export function runGoldenCase(c: GoldenCase): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), `panmine-golden-${c.name}-`));
  try {
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', ...c.args, '--workers', '2', '--quiet', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`golden case ${c.name}: panmine run exited ${r.status}: ${r.stderr}`);
    return Object.fromEntries(GOLDEN_FILES.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
