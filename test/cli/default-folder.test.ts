import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, resultOf, startCliIn, tempDir } from './cli-helpers.ts';

describe('default output folders', () => {
  const cwd = tempDir('default-folder');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('do not collide when three sweeps start together', async () => {
    const tiny = join(REPO, 'test/fixtures/tiny.ts');
    const runs = await Promise.all([0, 1, 2].map(() => resultOf(startCliIn(cwd, ['run', tiny, '--replicates', '1', '--workers', '1', '--quiet']))));
    expect(
      runs.map((r) => r.code),
      runs.map((r) => r.stderr).join(''),
    ).toEqual([0, 0, 0]);
    const folders = runs.map((r) => r.stdout.trim());
    expect(new Set(folders).size).toBe(3);
    expect(readdirSync(join(cwd, 'results', 'tiny'))).toHaveLength(3);
  }, 60_000);
});
