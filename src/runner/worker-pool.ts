import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../engine/ts-worker.ts';
import type { FromRunWorker, KnownModulesJob, RunFailureCause, RunJob, RunWorkerData } from './messages.ts';

/** How one attempt at a run ended. */
export type Attempt =
  | { readonly ok: true; readonly end: Float64Array; readonly t: Float64Array; readonly series: Float64Array; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly cause: RunFailureCause; readonly durationMs: number; readonly terminated?: boolean };

/** Limits on every run a pool executes. */
export interface RunLimits {
  /** Ends a run that takes longer (seconds; `--run-timeout`). */
  readonly runTimeoutS?: number;
  /** Caps each worker's JS heap (MiB): a run past it fails with cause out-of-memory and the sweep goes on. */
  readonly heapMb?: number;
}

interface Slot {
  worker?: Worker;
  current?: { job: RunJob; resolve: (a: Attempt) => void; startedAt: number; timer?: NodeJS.Timeout };
}

/**
 * Starts a run worker thread (through the engine's tsx bootstrap), recording from its first import on which
 * modules it loads (see module-recorder.ts).
 */
export function startRunWorker(data: RunWorkerData, limits: RunLimits = {}): Worker {
  return startTsWorker(new URL('./worker.ts', import.meta.url), {
    workerData: data,
    stdout: false,
    stderr: false,
    preload: [new URL('./record-modules.ts', import.meta.url)],
    ...(limits.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } } : {}),
  });
}

/** The cause and words for a worker thread's 'error' event. */
export function workerErrorCause(e: unknown, heapMb: number | undefined): { cause: RunFailureCause; error: string } {
  const message = e instanceof Error ? e.message : String(e);
  if ((e as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return {
      cause: 'out-of-memory',
      error: `the worker ran out of memory (JS heap limit ${heapMb ? `${heapMb} MiB, --run-heap-mb` : "V8's default"}): ${message}`,
    };
  return { cause: 'crash', error: `the worker thread crashed: ${message}` };
}

/**
 * A fixed number of run worker threads, each executing one run at a time. A worker that crashes (an
 * uncaught error, `process.exit`, out of memory) fails its current run with that cause and is replaced on
 * next use; a run that passes the time limit is stopped by terminating its worker. `exec` must not be called
 * more often concurrently than the pool has workers (the sweep's lanes guarantee it).
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private closed = false;

  /**
   * `adopt`: workers already started on the same experiment (the pre-flight's), taken into the first slots
   * instead of starting new ones; each is told the modules the fingerprint covers.
   */
  constructor(
    size: number,
    private readonly data: RunWorkerData,
    private readonly limits: RunLimits = {},
    adopt: readonly Worker[] = [],
  ) {
    this.slots = Array.from({ length: size }, () => ({}));
    for (const [i, w] of adopt.entries()) {
      const slot = this.slots[i];
      if (!slot) {
        void w.terminate();
        continue;
      }
      if (data.knownModules) w.postMessage({ type: 'known', modules: data.knownModules } satisfies KnownModulesJob);
      slot.worker = this.wire(slot, w);
    }
  }

  exec(job: RunJob): Promise<Attempt> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the sweep was stopped', cause: 'crash', durationMs: 0, terminated: true });
    const slot = this.slots.find((s) => !s.current);
    if (!slot) throw new Error('internal: WorkerPool.exec called with every worker busy');
    if (!slot.worker) slot.worker = this.spawn(slot);
    const w = slot.worker;
    return new Promise<Attempt>((resolve) => {
      const current: NonNullable<Slot['current']> = { job, resolve, startedAt: performance.now() };
      const limitS = this.limits.runTimeoutS;
      if (limitS !== undefined) {
        current.timer = setTimeout(() => {
          if (slot.current !== current) return;
          slot.current = undefined;
          slot.worker = undefined;
          void w.terminate();
          resolve({
            ok: false,
            error: `the run took longer than --run-timeout ${limitS} s and was stopped`,
            cause: 'timeout',
            durationMs: performance.now() - current.startedAt,
          });
        }, limitS * 1000);
      }
      slot.current = current;
      w.postMessage(job);
    });
  }

  private spawn(slot: Slot): Worker {
    return this.wire(slot, startRunWorker(this.data, this.limits));
  }

  private wire(slot: Slot, w: Worker): Worker {
    w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    const finish = (a: Attempt) => {
      const cur = slot.current;
      slot.current = undefined;
      if (cur?.timer) clearTimeout(cur.timer);
      cur?.resolve(a);
    };
    const crashed = (cause: RunFailureCause, why: string) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      const cur = slot.current;
      finish({ ok: false, error: why, cause, durationMs: cur ? performance.now() - cur.startedAt : 0, terminated: this.closed });
      void w.terminate();
    };
    w.on('message', (m: FromRunWorker) => {
      if (m.type === 'fatal') return crashed('crash', `the worker could not load the experiment: ${m.message}`);
      if (m.type !== 'done' && m.type !== 'error') return;
      if (!slot.current || slot.current.job.runId !== m.runId) return;
      if (m.type === 'done') return finish({ ok: true, end: m.end, t: m.t, series: m.series, durationMs: m.durationMs });
      if (m.retire && slot.worker === w) {
        slot.worker = undefined;
        void w.terminate();
      }
      finish({ ok: false, error: m.message, cause: m.cause, durationMs: m.durationMs });
    });
    w.on('error', (e) => {
      const { cause, error } = workerErrorCause(e, this.limits.heapMb);
      crashed(cause, error);
    });
    w.on('exit', (code) => crashed('crash', `the worker thread exited with code ${code}`));
    return w;
  }

  /** Stops every worker; runs in progress end as terminated attempts. */
  async close(): Promise<void> {
    this.closed = true;
    const ws = this.slots.map((s) => s.worker).filter((w): w is Worker => !!w);
    for (const s of this.slots) {
      s.worker = undefined;
      const cur = s.current;
      s.current = undefined;
      if (cur?.timer) clearTimeout(cur.timer);
      cur?.resolve({ ok: false, error: 'the sweep was stopped', cause: 'crash', durationMs: 0, terminated: true });
    }
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
