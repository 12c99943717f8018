import { Worker, type WorkerOptions } from 'node:worker_threads';

const tsxApi = import.meta.resolve('tsx/esm/api');

/**
 * Starts a worker thread on a TypeScript module. On Node 20 a worker does not inherit the tsx loader
 * (neither from `--import tsx` in execArgv nor from hooks registered at run time) for its entry module,
 * so a two-line bootstrap registers tsx inside the worker and then imports the module.
 */
export function startTsWorker(url: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
