import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { PopulationInfo } from '../engine/population.ts';
import type { Experiment } from '../experiment/define.ts';
import type { Point } from '../experiment/space.ts';

/**
 * Memory a run thread needs beyond its agents' state: a V8 isolate with tsx, panmine and the experiment loaded,
 * event queues and metric buffers. Measured (resident memory per worker after one run, 4 workers): 32 MiB for
 * the tiny test model, 39 MiB for livepeer-inflation at its small default size; 64 MiB leaves room.
 */
export const THREAD_OVERHEAD_BYTES = 64 * 2 ** 20;

/** What is available to this process, and where the figure comes from. */
export interface AvailableMemory {
  readonly bytes: number;
  readonly source: 'cgroup limit' | 'free memory';
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

const statValue = (text: string | undefined, key: string): number | undefined => {
  const m = text ? new RegExp(`^${key} (\\d+)$`, 'm').exec(text) : null;
  return m ? Number(m[1]) : undefined;
};

/** The memory limit of this process's cgroup (v2 or v1) less what the cgroup uses (page cache it can drop aside), if it has a limit. */
function cgroupAvailable(): number | undefined {
  const groups = readText('/proc/self/cgroup') ?? '';
  const v2 = /^0::(.*)$/m.exec(groups)?.[1];
  const v1 = /^\d+:(?:[^:]*,)?memory(?:,[^:]*)?:(.*)$/m.exec(groups)?.[1];
  const candidates: { limit: string; usage: string; stat: string; inactive: string }[] = [];
  for (const base of v2 !== undefined ? [`/sys/fs/cgroup${v2}`, '/sys/fs/cgroup'] : [])
    candidates.push({ limit: `${base}/memory.max`, usage: `${base}/memory.current`, stat: `${base}/memory.stat`, inactive: 'inactive_file' });
  for (const base of v1 !== undefined ? [`/sys/fs/cgroup/memory${v1}`, '/sys/fs/cgroup/memory'] : [])
    candidates.push({
      limit: `${base}/memory.limit_in_bytes`,
      usage: `${base}/memory.usage_in_bytes`,
      stat: `${base}/memory.stat`,
      inactive: 'total_inactive_file',
    });
  for (const c of candidates) {
    const limitText = readText(c.limit)?.trim();
    if (limitText === undefined) continue;
    const limit = Number(limitText);
    // "max" (v2) or a page-rounded 2^63 (v1): no limit.
    if (!Number.isFinite(limit) || limit >= 2 ** 60) return undefined;
    const usage = Number(readText(c.usage)?.trim() ?? 0);
    const reclaimable = statValue(readText(c.stat), c.inactive) ?? 0;
    return Math.max(0, limit - (usage - reclaimable));
  }
  return undefined;
}

/** MemAvailable from /proc/meminfo (free memory plus what the kernel can reclaim), else os.freemem(). */
function systemAvailable(): number {
  const kib = statValue(readText('/proc/meminfo')?.replace(/:\s+/g, ' ').replace(/ kB$/gm, ''), 'MemAvailable');
  return kib !== undefined ? kib * 1024 : freemem();
}

/** The memory available to this process: the smaller of the cgroup's headroom (where a limit is set) and the system's available memory. */
export function availableMemory(): AvailableMemory {
  const system = systemAvailable();
  const cgroup = cgroupAvailable();
  return cgroup !== undefined && cgroup < system ? { bytes: cgroup, source: 'cgroup limit' } : { bytes: system, source: 'free memory' };
}

/** The largest run of a sweep by declared memory: its point, its populations and their bytes. */
export interface RunMemory {
  readonly bytes: number;
  readonly pointId: number;
  readonly populations: readonly PopulationInfo[];
}

/** Bytes of a run's declared populations (count × bytes per agent, summed). */
export function populationBytes(pops: readonly PopulationInfo[]): number {
  return pops.reduce((s, p) => s + p.count * p.bytesPerAgent, 0);
}

/** The point whose declared populations need the most memory (from `experiment.populations`, as `describe` shows). */
export function largestRunMemory(experiment: Experiment, points: readonly Point[]): RunMemory {
  let best: RunMemory = { bytes: 0, pointId: points[0]?.id ?? 0, populations: [] };
  for (const p of points) {
    const populations = experiment.populations(p.values);
    const bytes = populationBytes(populations);
    if (bytes > best.bytes) best = { bytes, pointId: p.id, populations };
  }
  return best;
}

/** Bytes as a reader wants them: `512 B`, `3.2 GiB`, `56.8 PiB`. */
export function bytesText(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return i === 0 ? `${b} B` : `${b.toFixed(1)} ${units[i]}`;
}
