import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Scalar } from '../core/params.ts';
import type { Point } from '../experiment/space.ts';
import { describeHolder, lockState } from '../output/folder-lock.ts';
import { legacyFormatProblem, MANIFEST, type Manifest, type RunRecord, readManifestFile } from '../output/manifest.ts';
import { inspectPart, PARTS_DIR, partIdentity } from '../output/part-file.ts';
import { type Plan, runIds, runOf } from '../runner/plan.ts';

export interface VerifyResult {
  /** What was checked and what is wrong, one finding per line (the last line sums up). */
  readonly lines: readonly string[];
  /** How many things are wrong: 0 for an intact, complete folder. */
  readonly problems: number;
}

/** sha256 and size of a file, read in 1 MiB chunks. */
function fileHash(path: string): { sha256: string; bytes: number } {
  const fd = openSync(path, 'r');
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  let bytes = 0;
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

const short = (sha: string) => sha.slice(0, 12);

/** The plan a manifest describes (the shard's runs). */
export function planOf(m: Manifest): Plan {
  const points: Point[] = m.sweep.space.points.map((p) => ({ id: p.id, values: p.values as Record<string, Scalar> }));
  return { points, replicates: m.sweep.replicates, seed: m.sweep.seed, shard: m.shard };
}

/**
 * `panmine verify DIR`: checks a results folder against its manifest. Every run of the folder's shard must have
 * a part that is intact (its body's length and sha256 match its header), of this sweep (experiment, code,
 * seed, parameters) and, once the manifest is final, the one the manifest lists (same checksum); every CSV must
 * have the sha256 and size the manifest gives; every run must be ok (a failed or missing run is reported); the
 * sweep must be finished. Throws InputError when `dir` is not a panmine folder (nothing to verify against).
 */
export function verifyFolder(dirIn: string): VerifyResult {
  const dir = resolve(dirIn);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dirIn}: no such folder`);
  const lines: string[] = [];
  let problems = 0;
  const problem = (line: string) => {
    lines.push(line);
    problems++;
  };
  const read = readManifestFile(dir);
  if (read.kind === 'missing') throw new InputError(`${dirIn}: not a panmine output folder (it has no ${MANIFEST})`);
  if (read.kind === 'invalid') throw new InputError(`${dirIn}: its ${MANIFEST} cannot be used: ${read.why}`);
  const lock = lockState(dir);
  if (lock?.holder && lock.state !== 'gone') lines.push(`note: the folder is being written now (${describeHolder(lock.holder)})`);
  if (read.kind === 'truncated') {
    problem(`${MANIFEST}: truncated (cut off after ${read.bytes} bytes); panmine run … --resume repairs it, keeping the parts of the sweep`);
    return { lines, problems };
  }
  const m = read.manifest;
  const legacy = legacyFormatProblem(m);
  if (legacy) throw new InputError(`${dirIn}: cannot be verified: ${legacy}`);
  const plan = planOf(m);
  const records = new Map<number, RunRecord>((m.runs ?? []).map((r) => [r.run_id, r]));
  const final = m.status !== 'running';
  if (!final) problem(`${MANIFEST}: the sweep has not finished (status running); panmine status ${dirIn} tells whether it still runs`);

  const expected = new Set<number>();
  let runs = 0;
  for (const id of runIds(plan)) {
    runs++;
    expected.add(id);
    const run = runOf(plan, id);
    const name = `${PARTS_DIR}/run-${id}.part`;
    const c = inspectPart(dir, run, partIdentity(m.sweep, plan.points[run.pointId]!.values));
    const rec = records.get(id);
    if (!c.ok) {
      problem(`${name}: ${c.detail}`);
      continue;
    }
    const h = c.part.header;
    if (h.status === 'failed')
      problem(`run ${id}: failed${h.cause ? ` (${h.cause})` : ''} after ${h.attempts} attempt${h.attempts === 1 ? '' : 's'}: ${h.error}`);
    if (!final) continue;
    if (!rec) problem(`run ${id}: not listed in ${MANIFEST}`);
    else if (rec.sha256 !== h.sha256)
      problem(
        `${name}: its checksum (${short(h.sha256)}) differs from ${MANIFEST}'s (${short(rec.sha256 ?? 'none')}): the part was replaced after the CSVs were written`,
      );
  }
  const partsDir = join(dir, PARTS_DIR);
  let partFiles = 0;
  for (const f of existsSync(partsDir) ? readdirSync(partsDir) : []) {
    const mm = /^run-(\d+)\.part$/.exec(f);
    if (!mm) continue;
    partFiles++;
    if (!expected.has(Number(mm[1]))) problem(`${PARTS_DIR}/${f}: not a run of this ${m.shard ? `shard (${m.shard.index}/${m.shard.count})` : 'sweep'}`);
  }
  const files = Object.entries(m.files ?? {});
  if (final && files.length === 0) problem(`${MANIFEST}: lists no CSV files`);
  for (const [f, want] of files) {
    const path = join(dir, f);
    if (!existsSync(path)) {
      problem(`${f}: missing`);
      continue;
    }
    const got = fileHash(path);
    if (got.sha256 !== want.sha256 || got.bytes !== want.bytes)
      problem(`${f}: its sha256 ${short(got.sha256)} (${got.bytes} bytes) does not match ${MANIFEST}'s ${short(want.sha256)} (${want.bytes} bytes)`);
  }
  if (problems === 0) lines.push(`ok: ${runs} of ${runs} runs, ${partFiles} parts and ${files.length} CSV files match ${MANIFEST}`);
  return { lines, problems };
}
