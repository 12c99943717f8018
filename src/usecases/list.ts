import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, oneLine } from '../core/errors.ts';
import { loadExperiment } from '../runner/load-experiment.ts';

/** What `panmine list` prints: each experiment in ./experiments with its description (or why it does not load). */
export async function listExperiments(): Promise<string> {
  const dir = join(process.cwd(), 'experiments');
  if (!existsSync(dir)) throw new InputError(`no experiments folder at ${dir}`);
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const rows: string[] = [];
  for (const f of files) {
    try {
      const e = await loadExperiment(join(dir, f));
      rows.push(`${e.name}\t${e.description}\t(experiments/${f})`);
    } catch (err) {
      rows.push(`${f.replace(/\.[^.]+$/, '')}\t(does not load: ${oneLine(err)})\t(experiments/${f})`);
    }
  }
  if (rows.length === 0) return `no experiments in ${dir}\n`;
  const cells = rows.map((r) => r.split('\t'));
  const w = Math.max(...cells.map((c) => c[0]!.length));
  return `${cells.map((c) => `${c[0]!.padEnd(w)}  ${c[1]}  ${c[2]}`).join('\n')}\n`;
}
