import type { Scalar } from '../core/params.ts';

/**
 * Why a run failed. error: the model threw (retried once); input: the model refused its parameters (an
 * InputError from build); metric: a metric was not a number or was not declared; source: the run loaded code
 * the sweep's fingerprint does not cover; timeout: it passed --run-timeout; out-of-memory: its worker ran out of
 * memory; crash: its worker thread died otherwise (retried once).
 */
export type RunFailureCause = 'error' | 'input' | 'metric' | 'source' | 'timeout' | 'out-of-memory' | 'crash';

/** The causes worth a second attempt: the others would fail the same way again. */
export const RETRIED_CAUSES: ReadonlySet<RunFailureCause> = new Set(['error', 'crash']);

/** What a run worker is started with. */
export interface RunWorkerData {
  readonly experimentFile: string;
  readonly threadsPerRun: number;
  /**
   * The file: URLs of the modules the sweep's source fingerprint covers. A run that loads any other module fails
   * (cause 'source'), and its worker is replaced. Undefined: no check (the pre-flight, which makes the list).
   */
  readonly knownModules?: readonly string[];
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

/** Main → worker: from now on, fail a run that loads a module not in `modules` (sent to the pre-flight worker when the pool adopts it). */
export interface KnownModulesJob {
  readonly type: 'known';
  readonly modules: readonly string[];
}

/** Main → worker: build the model of each point in turn (until `budgetMs` is spent) and report the modules loaded. */
export interface PreflightJob {
  readonly type: 'preflight';
  readonly points: readonly { readonly id: number; readonly values: Readonly<Record<string, Scalar>> }[];
  readonly budgetMs: number;
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
  | {
      readonly type: 'error';
      readonly runId: number;
      readonly message: string;
      readonly cause: RunFailureCause;
      readonly durationMs: number;
      /** The worker must not run again (it holds a module the fingerprint does not cover). */
      readonly retire?: boolean;
    }
  | { readonly type: 'fatal'; readonly message: string }
  /** Pre-flight: the modules loaded by importing the experiment, before any model is built. */
  | { readonly type: 'modules'; readonly urls: readonly string[] }
  /** Pre-flight: done; `checked` points were built; the first point whose build refused its parameters. */
  | {
      readonly type: 'preflight';
      readonly urls: readonly string[];
      readonly checked: number;
      readonly inputError?: { readonly pointId: number; readonly message: string };
    };
