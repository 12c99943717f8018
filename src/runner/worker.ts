import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { oneLine } from '../core/errors.ts';
import { executeRun } from './execute-run.ts';
import { loadExperiment } from './load-experiment.ts';
import type { FromRunWorker, RunJob, RunWorkerData } from './messages.ts';

/** A run worker: imports the experiment file once, then executes the runs it is sent, one at a time. */
const port = parentPort!;
const data = workerData as RunWorkerData;
const post = (m: FromRunWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  const experiment = await loadExperiment(data.experimentFile);
  port.on('message', async (job: RunJob) => {
    const t0 = performance.now();
    try {
      const out = await executeRun(experiment, { id: job.pointId, values: job.values }, job.replicate, job.seed, {
        experimentFile: data.experimentFile,
        threadsPerRun: data.threadsPerRun,
      });
      post({ type: 'done', runId: job.runId, end: out.end, t: out.t, series: out.series, durationMs: performance.now() - t0 }, [
        out.end.buffer as ArrayBuffer,
        out.t.buffer as ArrayBuffer,
        out.series.buffer as ArrayBuffer,
      ]);
    } catch (e) {
      post({ type: 'error', runId: job.runId, message: oneLine(e) || 'the run threw', durationMs: performance.now() - t0 });
    }
  });
} catch (e) {
  post({ type: 'fatal', message: oneLine(e) });
}
