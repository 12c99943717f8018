import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, oneLine } from '../core/errors.ts';
import type { Experiment } from '../experiment/define.ts';
import { executeRun, failureCause } from './execute-run.ts';
import { loadExperiment } from './load-experiment.ts';
import type { FromRunWorker, KnownModulesJob, PreflightJob, RunJob, RunWorkerData } from './messages.ts';
import { activeModuleRecorder } from './module-recorder.ts';

/**
 * A run worker: imports the experiment file once, then executes the runs it is sent, one at a time, or the
 * sweep's pre-flight (after which the same worker goes on to run the sweep's runs). The module recorder was started before this module was imported (worker-pool.ts preloads
 * record-modules.ts), so it sees every module the worker loads.
 */
const port = parentPort!;
const data = workerData as RunWorkerData;
const post = (m: FromRunWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const recorder = activeModuleRecorder();
let known = data.knownModules ? new Set(data.knownModules) : undefined;

/** Modules loaded since the fingerprint was taken that it does not cover (none when there is no list to check). */
function unknownModules(): string[] {
  const covered = known;
  if (!covered || !recorder) return [];
  return recorder.loaded().filter((u) => !covered.has(u));
}

function preflight(experiment: Experiment, job: PreflightJob): void {
  post({ type: 'modules', urls: recorder?.loaded() ?? [] });
  const t0 = performance.now();
  let checked = 0;
  let inputError: { pointId: number; message: string } | undefined;
  for (const p of job.points) {
    try {
      experiment.build(p.values);
    } catch (e) {
      // Only a refusal of the parameters stops the sweep here; other errors are the runs' to record.
      if (e instanceof InputError) inputError = { pointId: p.id, message: oneLine(e) };
    }
    checked++;
    if (inputError || performance.now() - t0 > job.budgetMs) break;
  }
  post({ type: 'preflight', urls: recorder?.loaded() ?? [], checked, ...(inputError ? { inputError } : {}) });
}

async function run(experiment: Experiment, job: RunJob): Promise<void> {
  const t0 = performance.now();
  try {
    const out = await executeRun(experiment, { id: job.pointId, values: job.values }, job.replicate, job.seed, {
      experimentFile: data.experimentFile,
      threadsPerRun: data.threadsPerRun,
    });
    const extra = unknownModules();
    if (extra.length > 0) {
      post({
        type: 'error',
        runId: job.runId,
        message: `the run loaded ${extra.join(', ')}, which the sweep's source fingerprint does not cover (it was not loaded when the experiment was imported or its models built); import it from the experiment file or a module it imports, so that --resume and merge can see when it changes`,
        cause: 'source',
        durationMs: performance.now() - t0,
        retire: true,
      });
      return;
    }
    post({ type: 'done', runId: job.runId, end: out.end, t: out.t, series: out.series, durationMs: performance.now() - t0 }, [
      out.end.buffer as ArrayBuffer,
      out.t.buffer as ArrayBuffer,
      out.series.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    post({ type: 'error', runId: job.runId, message: oneLine(e) || 'the run threw', cause: failureCause(e), durationMs: performance.now() - t0 });
  }
}

try {
  const experiment = await loadExperiment(data.experimentFile);
  port.on('message', async (job: RunJob | PreflightJob | KnownModulesJob) => {
    if (job.type === 'preflight') preflight(experiment, job);
    else if (job.type === 'known') known = new Set(job.modules);
    else await run(experiment, job);
  });
} catch (e) {
  post({ type: 'fatal', message: oneLine(e) });
}
