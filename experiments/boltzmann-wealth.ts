import { ConfigError } from '../src/core/errors.ts';
import { param } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { bytesPerAgent } from '../src/engine/population.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { AGENT_SCHEMA, boltzmannWealth, CELL_SCHEMA, MAX_CELLS, SCRATCH_BYTES_PER_AGENT } from '../src/reference/boltzmann-wealth.ts';

/**
 * The reference model: Mesa 3's Boltzmann wealth model (mesa/examples/basic/boltzmann_wealth_model), one
 * Mesa step per simulated day. Defaults are Mesa's (n = 100 on a 10 × 10 grid).
 */
export default defineExperiment({
  name: 'boltzmann-wealth',
  description: "Mesa 3's Boltzmann wealth model: agents random-walk on a grid and give 1 unit to a random cellmate",
  params: {
    agents: param.int({ value: 100, min: 1, max: 10_000_000, doc: 'Number of agents (Mesa n); several may share a cell' }),
    width: param.int({ value: 10, min: 1, max: 100_000, doc: 'Grid width in cells (not a torus)' }),
    height: param.int({ value: 10, min: 1, max: 100_000, doc: 'Grid height in cells (not a torus)' }),
    steps: param.int({ value: 100, min: 1, max: 1_000_000, doc: 'Mesa steps to run; one step is one simulated day', unit: 'steps' }),
  },
  replicates: 4,
  seed: 1,
  horizon: (p) => days(p.steps),
  sampleEvery: days(1),
  metrics: {
    gini: { doc: "Gini coefficient of wealth (Mesa's compute_gini)" },
    total_wealth: { doc: 'Sum of all wealth (conserved: equals agents)', unit: 'units' },
  },
  build: (p) => {
    const cells = p.width * p.height;
    if (cells < 2) throw new ConfigError('width × height', cells, 'allowed: at least 2 cells (a 1 × 1 grid has no neighbour to move to)');
    if (cells > MAX_CELLS) throw new ConfigError('width × height', cells, `allowed: at most ${MAX_CELLS} cells`);
    return boltzmannWealth({ agents: p.agents, width: p.width, height: p.height });
  },
  populations: (p) => [
    { name: 'agents', count: p.agents, bytesPerAgent: bytesPerAgent(AGENT_SCHEMA) + SCRATCH_BYTES_PER_AGENT },
    { name: 'cells', count: p.width * p.height, bytesPerAgent: bytesPerAgent(CELL_SCHEMA) },
  ],
});
