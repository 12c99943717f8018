import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, manifestOf, tempDir } from './cli-helpers.ts';

const HUGE = 'test/fixtures/huge-population.ts';
const BOLTZMANN = 'experiments/boltzmann-wealth.ts';

describe('the pre-flight, before anything is written', () => {
  const base = tempDir('preflight');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a sweep whose declared populations cannot fit in memory, with the figures', async () => {
    const out = join(base, 'huge');
    // 1e15 cells × 64 B = 64 PB per run.
    const r = await cli(['run', HUGE, '--out', out, '--set', 'cells=1000000000000000', '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /memory: one run needs about 56\.8 PiB \(cells: 1000000000000000 × 64 B; 64\.0 MiB for its thread\), 2 at once about 113\.7 PiB; .* is available \((cgroup limit|free memory)\); lower the populations or --workers, or add --force-memory to go on/,
    );
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('goes on past the memory check with --force-memory, and records the estimate', async () => {
    const out = join(base, 'forced');
    const r = await cli(['run', HUGE, '--out', out, '--set', 'cells=1000000000000000', '--force-memory', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const m = manifestOf(out) as unknown as { memory: { run_bytes: number; forced: boolean } };
    expect(m.memory).toMatchObject({ run_bytes: 64e15, forced: true });
  }, 30_000);

  it('treats an input error thrown by build as bad input: exit 2, one line, nothing written', async () => {
    const out = join(base, 'one-cell');
    const r = await cli(['run', BOLTZMANN, '--out', out, '--set', 'width=1', '--set', 'height=1', '--set', 'steps=2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/point 0 \(.*width=1, height=1.*\): width × height: 1 is not allowed; allowed: at least 2 cells/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('finds an input error at any point of a grid, not only the first', async () => {
    const out = join(base, 'grid');
    const r = await cli(['run', BOLTZMANN, '--out', out, '--set', 'width=10,1', '--set', 'height=1', '--set', 'steps=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/point 1 \(.*width=1, height=1.*\): width × height: 1 is not allowed/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
