import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const TINY = 'test/fixtures/tiny.ts';
export const FAILS_SOME = 'test/fixtures/fails-some.ts';
export const SLOW = 'test/fixtures/slow.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `node --import tsx src/cli.ts ...args` in the repository root. */
export function startCli(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts `node bin/panmine.js ...args` (which registers tsx itself) in another working folder. */
export function startCliIn(cwd: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [join(REPO, 'bin', 'panmine.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a started CLI's output until it ends. */
export function resultOf(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the CLI to completion. */
export function cli(args: readonly string[]): Promise<CliResult> {
  return resultOf(startCli(args));
}

/** Waits until `ready()` holds, polling every 10 ms; throws after `timeoutMs`. */
export async function waitFor(ready: () => boolean, timeoutMs: number, what = 'a condition'): Promise<void> {
  const t0 = Date.now();
  while (!ready()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A fresh temporary folder for one test's outputs. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `panmine-${label}-`));
}

export const CSVS = ['runs.csv', 'timeseries.csv', 'summary.csv'] as const;

/** The three CSVs of an output folder, as text. */
export function csvs(dir: string): Record<string, string> {
  return Object.fromEntries(CSVS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

export function partCount(dir: string): number {
  const parts = join(dir, 'parts');
  return existsSync(parts) ? readdirSync(parts).filter((f) => f.endsWith('.part')).length : 0;
}

export function manifestOf(
  dir: string,
): Record<string, unknown> & { runs: { run_id: number; status: string; error?: string; attempts?: number; params?: Record<string, unknown> }[] } {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

/** Parses RFC 4180 CSV text (quoted cells, doubled quotes) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as records keyed by the header. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}
