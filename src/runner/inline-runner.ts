import { performance } from 'node:perf_hooks';
import { oneLine } from '../core/errors.ts';
import type { Experiment } from '../experiment/define.ts';
import { executeRun } from './execute-run.ts';
import type { RunJob } from './messages.ts';
import type { Attempt } from './worker-pool.ts';

/**
 * Executes runs on the calling thread, with the same interface as WorkerPool. Used when a sweep has a
 * single run, where a worker thread would only add its start-up (a new isolate and loader, ~0.4 s).
 * The output is the same bytes: executeRun is the very function the workers call.
 */
export class InlineRunner {
  private readonly abort = new AbortController();

  constructor(
    private readonly experiment: Experiment,
    private readonly experimentFile: string,
    private readonly threadsPerRun: number,
  ) {}

  async exec(job: RunJob): Promise<Attempt> {
    const t0 = performance.now();
    try {
      const out = await executeRun(this.experiment, { id: job.pointId, values: job.values }, job.replicate, job.seed, {
        experimentFile: this.experimentFile,
        threadsPerRun: this.threadsPerRun,
        signal: this.abort.signal,
      });
      return { ok: true, end: out.end, t: out.t, series: out.series, durationMs: performance.now() - t0 };
    } catch (e) {
      const durationMs = performance.now() - t0;
      if (this.abort.signal.aborted) return { ok: false, error: 'the sweep was stopped', durationMs, terminated: true };
      return { ok: false, error: oneLine(e) || 'the run threw', durationMs };
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
  }
}
