import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, manifestOf, SLOW, tempDir } from './cli-helpers.ts';

type RunRecord = ReturnType<typeof manifestOf>['runs'][number] & { cause?: string; duration_ms?: number };

describe('runs that take too long or crash their worker', () => {
  const base = tempDir('limits');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('ends a run that passes --run-timeout, records why, and does not retry it', async () => {
    const out = join(base, 'timeout');
    // Each run would take about 60 × 200 ms = 12 s.
    const t0 = Date.now();
    const r = await cli(['run', SLOW, '--out', out, '--set', 'sleepMs=200', '--replicates', '2', '--workers', '2', '--run-timeout', '1', '--quiet']);
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const runs = manifestOf(out).runs as RunRecord[];
    expect(runs.map((x) => [x.status, x.cause, x.attempts])).toEqual([
      ['failed', 'timeout', 1],
      ['failed', 'timeout', 1],
    ]);
    expect(runs[0]!.error).toMatch(/the run took longer than --run-timeout 1 s and was stopped/);
  }, 30_000);

  it('records a worker that runs out of memory with that cause', async () => {
    const out = join(base, 'oom');
    const r = await cli(['run', 'test/fixtures/fails-some.ts', '--out', out, '--set', 'mode=ok,oom', '--run-heap-mb', '64', '--quiet']);
    expect(r.code).toBe(1);
    const runs = manifestOf(out).runs as RunRecord[];
    const oom = runs.filter((x) => x.status === 'failed');
    expect(oom.map((x) => x.cause)).toEqual(['out-of-memory', 'out-of-memory']);
    expect(oom[0]!.error).toMatch(/the worker ran out of memory/);
    expect(runs.filter((x) => x.status === 'ok').map((x) => x.run_id)).toEqual([0, 1]);
  }, 60_000);
});
