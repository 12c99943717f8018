import { grid } from '../src/core/params.ts';
import { days } from '../src/core/units.ts';
import { defineExperiment } from '../src/experiment/define.ts';
import { panWorld, panWorldMetrics, panWorldPopulations, panWorldParams as pw } from './lib/pan-world.ts';

/**
 * The pan-mining question: do investors free to move capital between networks and roles (pan-miners) earn more than
 * passive holders and network-bound participants in the same world, after frictions and risk; does each network's
 * supply side become more or less concentrated; does capital flow to where demand is; who loses? Sweep the share of
 * pan-miners, the switching frictions and the tokens' correlation.
 *
 * Small by default (`npm start` runs a smaller cut of it in under a minute). Realistic scale: see the README.
 */
export default defineExperiment({
  name: 'pan-mining',
  description: 'Pan-miners against passive and network-bound investors across Livepeer, Orchid, Maker and Filecoin: returns, concentration, capital flows',
  params: {
    ...pw,
    world_panMinerShare: pw.world_panMinerShare.set(grid([0, 0.25, 0.5, 0.75, 1])),
    world_frictionScale: pw.world_frictionScale.set(grid([1, 3])),
  },
  replicates: 4,
  seed: 16,
  horizon: (p) => days(p.world_horizonDays),
  sampleEvery: (p) => days(Math.max(1, Math.round(p.world_horizonDays / 52))),
  metrics: panWorldMetrics,
  build: (p) => panWorld(p),
  populations: (p) => panWorldPopulations(p),
});
