import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, cli, manifestOf, parseCsvRecords, tempDir } from './cli-helpers.ts';

const MODES = 'test/fixtures/metric-modes.ts';

/** Debian's python3 with pandas, when installed (`apt-get install python3-pandas`); the read-back test needs it. */
const hasPandas = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;

describe('metric values', () => {
  const base = tempDir('metrics');
  const out = join(base, 'modes');
  let r: CliResult;
  // Run ids: mode finite 0-1, string 2-3, infinite 4-5, undeclared 6-7.
  beforeAll(async () => {
    r = await cli(['run', MODES, '--out', out, '--set', 'mode=finite,string,infinite,undeclared', '--quiet']);
  }, 60_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('fails a run whose metric is not a number, naming the metric, without a retry', () => {
    expect(r.code).toBe(1);
    const failed = manifestOf(out).runs.filter((x) => x.status === 'failed');
    expect(failed.map((x) => x.run_id)).toEqual([2, 3, 6, 7]);
    expect(failed[0]!.error).toMatch(/metric "ratio" is "not a number" \(a string\) at t = 0 s; a metric must be a number/);
    expect(failed[0]!.attempts).toBe(1);
  });

  it('fails a run that reports a metric the experiment does not declare', () => {
    const run6 = manifestOf(out).runs.find((x) => x.run_id === 6)!;
    expect(run6.error).toMatch(/the model reports "extra_metric", which the experiment does not declare/);
  });

  it('writes infinities as inf and -inf and counts them in summary.csv', () => {
    const runs = parseCsvRecords(readFileSync(join(out, 'runs.csv'), 'utf8'));
    expect(runs.filter((x) => x.mode === 'infinite').map((x) => x.ratio)).toEqual(['inf', 'inf']);
    const ts = readFileSync(join(out, 'timeseries.csv'), 'utf8');
    expect(ts).toMatch(/^4,0,0,-inf$/m);
    const summary = parseCsvRecords(readFileSync(join(out, 'summary.csv'), 'utf8'));
    const row = summary.find((x) => x.mode === 'infinite' && x.metric === 'ratio')!;
    expect(row).toMatchObject({ n: '2', mean: 'inf', min: 'inf', median: 'inf', max: 'inf', sd: '' });
  });

  it.skipIf(!hasPandas)('writes infinities that pandas reads back as floats (skipped without python3-pandas)', () => {
    const py = `import pandas as pd, math, sys
d = pd.read_csv(sys.argv[1])
v = d[d['mode'] == 'infinite']['ratio']
assert str(v.dtype) == 'float64' and all(math.isinf(x) and x > 0 for x in v), v`;
    const p = spawnSync('/usr/bin/python3', ['-c', py, join(out, 'runs.csv')], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
  });
});
