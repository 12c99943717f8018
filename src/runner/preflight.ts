import type { Worker } from 'node:worker_threads';
import type { Point } from '../experiment/space.ts';
import type { FromRunWorker, PreflightJob } from './messages.ts';
import { type RunLimits, startRunWorker, workerErrorCause } from './worker-pool.ts';

/** Wall time the pre-flight spends building points' models, after the first (which is always built). */
export const PREFLIGHT_BUILD_BUDGET_MS = 2000;

export interface PreflightResult {
  /**
   * The file: URLs of every module a run worker loads for this experiment: the worker's own code, the experiment
   * and everything it imports, statically or dynamically, and whatever the builds of the checked points load.
   */
  readonly modules: readonly string[];
  /** Points whose model was built (in point order, from point 0). */
  readonly checked: number;
  /** The first point whose build threw an InputError (a ConfigError, …): bad input, refused before anything is written. */
  readonly inputError?: { readonly pointId: number; readonly message: string };
  /** The pre-flight worker died while building (e.g. out of memory): the build check stopped there; the runs will record it. */
  readonly workerFailure?: string;
  /**
   * The worker, alive and idle with the experiment loaded, for the sweep's pool to adopt as its first worker (so
   * the pre-flight costs no extra start-up); undefined when it died. Whoever holds it terminates it.
   */
  readonly worker?: Worker;
}

/**
 * The pre-flight of a sweep, in a fresh run worker (the very code that runs the sweep's runs): imports the
 * experiment while recording every module loaded, then builds each point's model in turn — stopping at the first
 * input error, or when the budget is spent — and reports the modules (now including any loaded by `build`).
 */
export async function preflight(opts: {
  readonly experimentFile: string;
  readonly threadsPerRun: number;
  readonly points: readonly Point[];
  readonly limits?: RunLimits;
  readonly budgetMs?: number;
}): Promise<PreflightResult> {
  const worker = startRunWorker({ experimentFile: opts.experimentFile, threadsPerRun: opts.threadsPerRun }, opts.limits);
  let modules: readonly string[] | undefined;
  let keep = false;
  try {
    const result = await new Promise<PreflightResult>((resolve, reject) => {
      const failed = (why: string) => {
        if (modules) resolve({ modules, checked: 0, workerFailure: why });
        else reject(new Error(`the pre-flight worker failed before the experiment was loaded: ${why}`));
      };
      worker.on('message', (m: FromRunWorker) => {
        if (m.type === 'fatal') reject(new Error(`the pre-flight worker could not load the experiment: ${m.message}`));
        else if (m.type === 'modules') modules = m.urls;
        else if (m.type === 'preflight') resolve({ modules: m.urls, checked: m.checked, ...(m.inputError ? { inputError: m.inputError } : {}), worker });
      });
      worker.on('error', (e) => failed(workerErrorCause(e, opts.limits?.heapMb).error));
      worker.on('exit', (code) => failed(`the worker thread exited with code ${code}`));
      const job: PreflightJob = {
        type: 'preflight',
        points: opts.points.map((p) => ({ id: p.id, values: p.values })),
        budgetMs: opts.budgetMs ?? PREFLIGHT_BUILD_BUDGET_MS,
      };
      worker.postMessage(job);
    });
    keep = result.worker !== undefined;
    return result;
  } finally {
    for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
    if (!keep) await worker.terminate();
  }
}
