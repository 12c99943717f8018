/**
 * One run of experiments/boltzmann-wealth.ts through the engine's window loop, for timing the whole process
 * when the CLI is not there: `tsx bench/boltzmann-process.ts AGENTS WIDTH HEIGHT STEPS SEED`.
 * Prints the end-of-run Gini and the seconds spent inside simulate().
 */
import experiment from '../experiments/boltzmann-wealth.ts';
import { simulate } from '../src/engine/simulation.ts';

const [agents = 100_000, width = 316, height = 316, steps = 1000, seed = 1] = process.argv.slice(2).map(Number);
const p = { agents, width, height, steps };
const t0 = performance.now();
const end = await simulate(experiment.build(p), { seed, horizonS: experiment.horizonS(p), sampleEveryS: experiment.sampleEveryS(p) });
const s = (performance.now() - t0) / 1000;
console.log(`gini ${end.end.gini} total_wealth ${end.end.total_wealth} simulate_s ${s.toFixed(3)}`);
