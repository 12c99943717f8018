import { performance } from 'node:perf_hooks';
import { oneLine } from '../core/errors.ts';
import type { Experiment } from '../experiment/define.ts';
import { executeRun, failureCause } from './execute-run.ts';
import type { RunJob } from './messages.ts';
import type { Attempt, RunLimits } from './worker-pool.ts';

/**
 * Executes runs on the calling thread, with the same interface as WorkerPool. Used when a sweep has a
 * single run, where a worker thread would only add its start-up (a new isolate and loader, ~0.4 s).
 * The output is the same bytes: executeRun is the very function the workers call. The time limit stops the
 * run between windows (a single window that never yields cannot be stopped here); the JS heap limit does not
 * apply (this thread's heap was sized when the process started), nor does the check of the modules a run loads
 * (this thread loaded panmine before any recorder could start): `panmine run` gives the sweep its pre-flight's
 * worker instead, and this runner serves programmatic sweeps without one.
 */
export class InlineRunner {
  private readonly abort = new AbortController();

  constructor(
    private readonly experiment: Experiment,
    private readonly experimentFile: string,
    private readonly threadsPerRun: number,
    private readonly limits: RunLimits = {},
  ) {}

  async exec(job: RunJob): Promise<Attempt> {
    const t0 = performance.now();
    const limitS = this.limits.runTimeoutS;
    const timeout = limitS !== undefined ? AbortSignal.timeout(limitS * 1000) : undefined;
    const signal = timeout ? AbortSignal.any([this.abort.signal, timeout]) : this.abort.signal;
    try {
      const out = await executeRun(this.experiment, { id: job.pointId, values: job.values }, job.replicate, job.seed, {
        experimentFile: this.experimentFile,
        threadsPerRun: this.threadsPerRun,
        signal,
      });
      return { ok: true, end: out.end, t: out.t, series: out.series, durationMs: performance.now() - t0 };
    } catch (e) {
      const durationMs = performance.now() - t0;
      if (this.abort.signal.aborted) return { ok: false, error: 'the sweep was stopped', cause: 'crash', durationMs, terminated: true };
      if (timeout?.aborted) return { ok: false, error: `the run took longer than --run-timeout ${limitS} s and was stopped`, cause: 'timeout', durationMs };
      return { ok: false, error: oneLine(e) || 'the run threw', cause: failureCause(e), durationMs };
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
  }
}
