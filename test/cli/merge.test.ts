import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, csvs, manifestOf, TINY, tempDir } from './cli-helpers.ts';

describe('--shard and panmine merge', () => {
  const base = tempDir('merge');
  const shard = (i: number, n = 3) => join(base, `shard-${i}-of-${n}`);

  beforeAll(async () => {
    const runs = [
      cli(['run', TINY, '--out', join(base, 'whole'), '--workers', '1', '--quiet']),
      ...[0, 1, 2].map((i) => cli(['run', TINY, '--out', shard(i), '--shard', `${i}/3`, '--workers', '1', '--quiet'])),
      cli(['run', TINY, '--out', join(base, 'other-seed'), '--shard', '2/3', '--seed', '99', '--workers', '1', '--quiet']),
    ];
    const results = await Promise.all(runs);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
  }, 60_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('joins the shards into exactly the bytes of an unsharded run', async () => {
    const out = join(base, 'merged');
    const r = await cli(['merge', shard(0), shard(1), shard(2), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(csvs(out)).toEqual(csvs(join(base, 'whole')));
    const m = manifestOf(out) as ReturnType<typeof manifestOf> & { shard: unknown; status: string };
    expect(m.shard).toBeNull();
    expect(m.status).toBe('complete');
    expect(m.runs.map((x) => x.run_id)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  }, 30_000);

  const refusals: [string, () => string[], RegExp][] = [
    ['shards of different seeds', () => [shard(0), shard(1), join(base, 'other-seed')], /not shards of the same sweep: seed differs \(7 vs 99\)/],
    ['a missing shard', () => [shard(0), shard(2)], /3 of 10 runs are in none of the folders \(first: run 1, 4, 7\)/],
    ['overlapping shards', () => [shard(0), shard(1), shard(2), join(base, 'whole')], /both hold run 0/],
  ];
  it.each(refusals)(
    'refuses %s with one line and writes nothing',
    async (_what, dirs, re) => {
      const out = join(base, `refused-${_what.replace(/\W/g, '')}`);
      const r = await cli(['merge', ...dirs(), '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
      expect(existsSync(out)).toBe(false);
    },
    30_000,
  );

  it('reports a truncated manifest as truncated, and says how to repair the shard', async () => {
    const copy = join(base, 'truncated-1');
    cpSync(shard(1), copy, { recursive: true });
    const m = join(copy, 'manifest.json');
    truncateSync(m, Math.floor(readFileSync(m).length / 2));
    const out = join(base, 'refused-truncated');
    const r = await cli(['merge', shard(0), copy, shard(2), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /truncated-1\/manifest\.json is truncated \(cut off after \d+ bytes\); repair the shard with: panmine run .* --shard 1\/3 .*--resume \(it keeps the shard's intact parts\), then merge again/,
    );
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('reports a part whose checksum fails as damaged, not as unfinished', async () => {
    const copy = join(base, 'damaged-2');
    cpSync(shard(2), copy, { recursive: true });
    const part = join(copy, 'parts', 'run-5.part');
    const bytes = readFileSync(part);
    bytes[bytes.length - 3] = bytes[bytes.length - 3] === 0x31 ? 0x32 : 0x31;
    writeFileSync(part, bytes);
    const r = await cli(['merge', shard(0), shard(1), copy, '--out', join(base, 'refused-damaged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/damaged-2\/parts\/run-5\.part is damaged: the sha256 of its body does not match the checksum in its header/);
    expect(r.stderr).not.toMatch(/unfinished/);
  }, 30_000);

  it('says what merge accepts when --out is not empty, never advising --resume', async () => {
    const out = join(base, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await cli(['merge', shard(0), shard(1), shard(2), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/merge writes into a missing or empty folder/);
    expect(r.stderr).not.toMatch(/--resume/);
  }, 30_000);
});
