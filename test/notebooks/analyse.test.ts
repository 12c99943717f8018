import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, tempDir } from '../cli/cli-helpers.ts';

const JUPYTER = '/usr/bin/jupyter';

interface Output {
  output_type: string;
  text?: string[] | string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** notebooks/analyse.ipynb, executed by Debian's Jupyter against a small output folder with a public record. */
describe('the analysis notebook', () => {
  it('executes from top to bottom and draws its figures', async () => {
    if (!existsSync(JUPYTER))
      throw new Error(
        `${JUPYTER} is missing: install Debian's jupyter-nbconvert python3-nbconvert python3-nbclient python3-ipykernel jupyter-core python3-pandas python3-matplotlib (.ci/run does)`,
      );
    const root = tempDir('notebook');
    const dir = join(root, 'out');
    const run = await cli(['run', 'test/fixtures/with-record.ts', '--out', dir, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const r = spawnSync(
      JUPYTER,
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        '--ExecutePreprocessor.kernel_name=python3',
        '--output-dir',
        root,
        '--output',
        'executed',
        'notebooks/analyse.ipynb',
      ],
      {
        cwd: REPO,
        encoding: 'utf8',
        // Debian's Python first: the kernel is /usr/bin/python3 with python3-pandas and python3-matplotlib.
        env: { ...process.env, PATH: `/usr/bin:${process.env.PATH}`, PANMINE_DIR: dir, PANMINE_METRIC: 'volume', PYDEVD_DISABLE_FILE_VALIDATION: '1' },
        timeout: 180_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const nb = JSON.parse(readFileSync(join(root, 'executed.ipynb'), 'utf8')) as { cells: { cell_type: string; outputs?: Output[] }[] };
    const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`)).toEqual([]);
    const text = outputs.map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? ''))).join('');
    expect(text).toContain('with-record: The tiny market against a made-up public record');
    expect(text).toContain('t975(1) = 12.7062  t975(10) = 2.2281');
    expect(text).toContain('summary.csv agrees with runs.csv for volume at 2 points (mean and 95 % interval)');
    expect(text).toMatch(/mean \|relative gap\| per point:\s+point\s+meanOrder=1\.0\s+[\d.]+\s+meanOrder=2\.5\s+[\d.]+/);
    // The metric over time with its band, and the end-of-run metric against meanOrder with error bars.
    expect(outputs.filter((o) => o.data && 'image/png' in o.data)).toHaveLength(2);
  });
});
