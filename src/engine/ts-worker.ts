import { Worker, type WorkerOptions } from 'node:worker_threads';

const tsxApi = import.meta.resolve('tsx/esm/api');

export interface TsWorkerOptions extends Omit<WorkerOptions, 'eval'> {
  /** Modules imported, in order, before the worker module (e.g. one that starts recording module loads). */
  readonly preload?: readonly URL[];
}

/**
 * Starts a worker thread on a TypeScript module. On Node 20 a worker does not inherit the tsx loader
 * (neither from `--import tsx` in execArgv nor from hooks registered at run time) for its entry module,
 * so a short bootstrap registers tsx inside the worker, imports the preload modules, then the module.
 */
export function startTsWorker(url: URL, options: TsWorkerOptions = {}): Worker {
  const { preload = [], ...workerOptions } = options;
  const chain = [...preload, url].map((u) => `.then(() => import(${JSON.stringify(u.href)}))`).join('');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); })${chain};`;
  return new Worker(bootstrap, { ...workerOptions, eval: true });
}
