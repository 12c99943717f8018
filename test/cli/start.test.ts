import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './cli-helpers.ts';

describe('npm start (scripts/start.ts)', () => {
  it('runs the flagship and prints the headline table with 95 % intervals (at a tiny size here)', () => {
    const out = join(tempDir('start'), 'pan');
    const tiny = [
      'world_horizonDays=10',
      'livepeer_delegators=100',
      'orchid_users=100',
      'maker_vaults=30',
      'filecoin_providers=20',
      'filecoin_clients=50',
      'world_investors=20',
    ];
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...tiny.flatMap((s) => ['--set', s]), '--replicates', '2'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PANMINE_START_OUT: out },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('The pan-mining question');
    for (const share of ['0', '0.5', '1']) expect(r.stdout).toContain(`pan-miner share ${share}`);
    const line = r.stdout.split('\n').find((l) => l.startsWith('passive: median return a year'));
    // A mean with its interval at the points with passive investors, and a dash where there are none.
    expect(line).toMatch(/-?\d+\.\d %\s\[-?\d+\.\d %, -?\d+\.\d %\]/);
    expect(line?.trim().endsWith('–')).toBe(true);
  }, 120_000);
});
