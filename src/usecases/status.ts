import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import { describeHolder, type HolderState, type LockHolder, lockState } from '../output/folder-lock.ts';
import { MANIFEST, readManifestFile, salvageManifest } from '../output/manifest.ts';
import { PARTS_DIR } from '../output/part-file.ts';
import { runsInShard } from '../runner/plan.ts';
import { repairCommand } from './merge.ts';
import { planOf } from './verify.ts';

/** The status field of a part's header, read from its first line only (cheap for big sweeps); undefined if unreadable. */
function partStatus(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl < 0) return undefined;
    return (JSON.parse(buf.subarray(0, nl).toString('utf8')) as { status?: string }).status;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Parts written so far, and how many of them are failed runs. */
function countParts(dir: string): { written: number; failed: number } {
  const partsDir = join(dir, PARTS_DIR);
  let written = 0;
  let failed = 0;
  for (const f of existsSync(partsDir) ? readdirSync(partsDir) : []) {
    if (!/^run-\d+\.part$/.test(f)) continue;
    written++;
    if (partStatus(join(partsDir, f)) === 'failed') failed++;
  }
  return { written, failed };
}

function holderLine(lock: { holder: LockHolder | null; state: HolderState } | undefined, resume: string | undefined): string {
  const next = `continue with: ${resume ?? 'its panmine run command with --resume'}`;
  if (lock === undefined) return `stopped: no process holds the folder; ${next}`;
  const { holder, state } = lock;
  if (holder === null) return `stopped: the folder's lock is unreadable; ${next}`;
  if (state === 'alive') return `running: pid ${holder.pid} on ${holder.host} is alive (${describeHolder(holder)})`;
  if (state === 'elsewhere')
    return `running or stopped: held by pid ${holder.pid} on ${holder.host}, another host, where panmine cannot check it (${describeHolder(holder)})`;
  return `stopped: the process that ran it (pid ${holder.pid} on ${holder.host}) is gone; ${next}`;
}

/**
 * `panmine status DIR`: what a results folder holds and whether its sweep still runs: the experiment and shard,
 * when it started, the state (running with a live process, stopped with the process gone and the command that
 * continues it, complete, or finished with failures), and the runs written so far. Reads only; cheap for big
 * sweeps (one header line per part). Throws InputError when `dir` is not a panmine folder.
 */
export function sweepStatus(dirIn: string): string {
  const dir = resolve(dirIn);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dirIn}: no such folder`);
  const read = readManifestFile(dir);
  if (read.kind === 'missing') throw new InputError(`${dirIn}: not a panmine output folder (it has no ${MANIFEST})`);
  if (read.kind === 'invalid') throw new InputError(`${dirIn}: its ${MANIFEST} cannot be used: ${read.why}`);
  const lock = lockState(dir);
  const alive = lock !== undefined && lock.state !== 'gone';
  const out: string[] = [];
  if (read.kind === 'truncated') {
    const repair = repairCommand(salvageManifest(read.text).command, dirIn);
    const parts = countParts(dir);
    out.push(`${dirIn}: ${MANIFEST} is truncated (cut off after ${read.bytes} bytes); ${parts.written} parts are there`);
    out.push(alive ? holderLine(lock, repair) : `repair it with: ${repair ?? 'its panmine run command with --resume'}`);
    return `${out.join('\n')}\n`;
  }
  const m = read.manifest;
  const total = m.runs_total ?? runsInShard(planOf(m));
  const shard = m.shard ? `shard ${m.shard.index}/${m.shard.count}` : 'unsharded';
  const startedMs = Date.parse(m.started_at);
  out.push(
    `${dirIn}: sweep of "${m.sweep.experiment}" (${shard}), started ${m.started_at}${Number.isFinite(startedMs) ? ` (${duration(Date.now() - startedMs)} ago)` : ''}`,
  );
  out.push(`command: ${m.command.join(' ')}`);
  if (m.status === 'complete') {
    out.push(`complete: ${m.runs_ok} of ${total} runs ok, ended ${m.ended_at}`);
    return `${out.join('\n')}\n`;
  }
  if (m.status === 'failed') {
    out.push(`finished with failures: ${m.runs_ok} of ${total} runs ok, ${m.runs_failed} failed (errors in ${MANIFEST}), ended ${m.ended_at}`);
    return `${out.join('\n')}\n`;
  }
  const parts = countParts(dir);
  out.push(holderLine(lock, repairCommand(m.command, dirIn)));
  const pct = total > 0 ? Math.floor((100 * parts.written) / total) : 100;
  let eta = '';
  if (alive && lock.holder && parts.written > 0 && Number.isFinite(startedMs)) {
    const since = Date.parse(lock.holder.started_at);
    const elapsed = Date.now() - (Number.isFinite(since) ? since : startedMs);
    eta = `; at this pace about ${duration((elapsed / parts.written) * (total - parts.written))} to go`;
  }
  out.push(`runs: ${parts.written} of ${total} written (${pct}%), ${parts.failed} failed${eta}`);
  return `${out.join('\n')}\n`;
}
