import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../engine/ts-worker.ts';
import type { FromRunWorker, RunJob, RunWorkerData } from './messages.ts';

/** How one attempt at a run ended. */
export type Attempt =
  | { readonly ok: true; readonly end: Float64Array; readonly t: Float64Array; readonly series: Float64Array; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number; readonly terminated?: boolean };

interface Slot {
  worker?: Worker;
  current?: { job: RunJob; resolve: (a: Attempt) => void; startedAt: number };
}

/** Starts a worker thread on the run worker module (through the engine's tsx bootstrap). */
function startRunWorker(data: RunWorkerData): Worker {
  return startTsWorker(new URL('./worker.ts', import.meta.url), { workerData: data, stdout: false, stderr: false });
}

/**
 * A fixed number of run worker threads, each executing one run at a time. A worker that crashes (an
 * uncaught error, `process.exit`, out of memory) fails its current run and is replaced on next use.
 * `exec` must not be called more often concurrently than the pool has workers (the sweep's lanes
 * guarantee it).
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private closed = false;

  constructor(
    size: number,
    private readonly data: RunWorkerData,
  ) {
    this.slots = Array.from({ length: size }, () => ({}));
  }

  exec(job: RunJob): Promise<Attempt> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the sweep was stopped', durationMs: 0, terminated: true });
    const slot = this.slots.find((s) => !s.current);
    if (!slot) throw new Error('internal: WorkerPool.exec called with every worker busy');
    if (!slot.worker) slot.worker = this.spawn(slot);
    return new Promise<Attempt>((resolve) => {
      slot.current = { job, resolve, startedAt: performance.now() };
      slot.worker!.postMessage(job);
    });
  }

  private spawn(slot: Slot): Worker {
    const w = startRunWorker(this.data);
    const finish = (a: Attempt) => {
      const cur = slot.current;
      slot.current = undefined;
      cur?.resolve(a);
    };
    const crashed = (why: string) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      const cur = slot.current;
      finish({ ok: false, error: why, durationMs: cur ? performance.now() - cur.startedAt : 0, terminated: this.closed });
      void w.terminate();
    };
    w.on('message', (m: FromRunWorker) => {
      if (m.type === 'fatal') return crashed(`the worker could not load the experiment: ${m.message}`);
      if (!slot.current || slot.current.job.runId !== m.runId) return;
      if (m.type === 'done') finish({ ok: true, end: m.end, t: m.t, series: m.series, durationMs: m.durationMs });
      else finish({ ok: false, error: m.message, durationMs: m.durationMs });
    });
    w.on('error', (e) => crashed(`the worker thread crashed: ${e instanceof Error ? e.message : String(e)}`));
    w.on('exit', (code) => crashed(`the worker thread exited with code ${code}`));
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
      cur?.resolve({ ok: false, error: 'the sweep was stopped', durationMs: 0, terminated: true });
    }
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
