import type { Scalar } from '../core/params.ts';
import type { AnyModel } from '../engine/model.ts';
import type { ModelSource } from '../engine/threaded-shards.ts';
import { loadExperiment } from './load-experiment.ts';

/** What a shard worker thread needs to rebuild one run's model: the experiment file and the point's values. */
export interface ExperimentModelArgs {
  readonly experimentFile: string;
  readonly values: Readonly<Record<string, Scalar>>;
}

/** Builds the model of an experiment at a point; the entry point shard workers import. */
export async function buildModel(args: ExperimentModelArgs): Promise<AnyModel> {
  return (await loadExperiment(args.experimentFile)).build(args.values);
}

/** The ModelSource that lets a ThreadedShardExecutor rebuild this run's model in its workers. */
export function experimentModelSource(experimentFile: string, values: Readonly<Record<string, Scalar>>): ModelSource {
  return { module: new URL('./model-source.ts', import.meta.url).href, args: { experimentFile, values } satisfies ExperimentModelArgs };
}
