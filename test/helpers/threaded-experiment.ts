import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runSeed } from '../../src/engine/rng.ts';
import { simulate } from '../../src/engine/simulation.ts';
import { ThreadedShardExecutor } from '../../src/engine/threaded-shards.ts';
import type { Experiment } from '../../src/experiment/define.ts';
import { spaceOf } from '../../src/experiment/space.ts';
import { experimentModelSource } from '../../src/runner/model-source.ts';

/**
 * Every sample of the first replicate of one point of a shipped experiment (`sets`, as `--set` gives them, must make
 * one point) with its shards on `threads` threads, as text: what a network's threads test compares for 1, 2 and 3.
 * `file` is the experiment's path from the repository root; shard workers load it by that path.
 */
export async function experimentSamplesOn(
  experiment: Experiment,
  file: string,
  sets: readonly string[],
  threads: number,
  sampleEveryS = 86_400,
): Promise<string> {
  const space = spaceOf(experiment, [...sets]);
  expect(space.points).toHaveLength(1);
  const point = space.points[0]!;
  const model = experiment.build(point.values);
  const seed = runSeed(experiment.seed, point.id, 0);
  const path = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  const executor = threads > 1 ? await ThreadedShardExecutor.start(model, experimentModelSource(path, point.values), seed, threads) : undefined;
  const rows: string[] = [];
  try {
    const r = await simulate(model, {
      seed,
      horizonS: experiment.horizonS(point.values),
      sampleEveryS,
      executor,
      onSample: (t, v) => rows.push(`${t} ${JSON.stringify(v)}`),
    });
    rows.push(JSON.stringify(r.end));
  } finally {
    await executor?.close();
  }
  return rows.join('\n');
}
