import type { Scalar } from '../core/params.ts';

/** What a run worker is started with. */
export interface RunWorkerData {
  readonly experimentFile: string;
  readonly threadsPerRun: number;
}

/** Main → worker: execute one run. */
export interface RunJob {
  readonly type: 'run';
  readonly runId: number;
  readonly pointId: number;
  readonly replicate: number;
  readonly seed: number;
  readonly values: Readonly<Record<string, Scalar>>;
}

/** Worker → main. Typed arrays travel as transferred buffers. */
export type FromRunWorker =
  | {
      readonly type: 'done';
      readonly runId: number;
      readonly end: Float64Array;
      readonly t: Float64Array;
      readonly series: Float64Array;
      readonly durationMs: number;
    }
  | { readonly type: 'error'; readonly runId: number; readonly message: string; readonly durationMs: number }
  | { readonly type: 'fatal'; readonly message: string };
