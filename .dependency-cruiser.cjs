// The layers of panmine, each importing only downward (see README "Architecture" and docs/ADDING-A-NETWORK.md):
//   core ← engine, stats ← networks/*, prices, investors, reference ← experiment ← runner ← output ← usecases ← cli
// `npm run layers` checks them; CI runs it. A rule says which folders a layer may import from.
const layer = (name, from, allowed) => ({
  name: `${name}-imports-only-downward`,
  comment: `${from} may import only from: ${allowed.join(', ') || 'nothing in src'}`,
  severity: 'error',
  from: { path: `^src/${from}` },
  to: { path: '^src/', pathNot: [`^src/${from}`, ...allowed.map((a) => `^src/${a}`)] },
});

module.exports = {
  forbidden: [
    layer('core', 'core/', []),
    layer('engine', 'engine/', ['core/']),
    layer('stats', 'stats/', ['core/']),
    layer('networks', 'networks/', ['core/', 'engine/', 'stats/']),
    layer('reference', 'reference/', ['core/', 'engine/', 'stats/']),
    layer('prices', 'prices/', ['core/', 'engine/', 'stats/']),
    layer('investors', 'investors/', ['core/', 'engine/', 'stats/']),
    layer('experiment', 'experiment/', ['core/', 'engine/', 'stats/']),
    layer('runner', 'runner/', ['core/', 'engine/', 'stats/', 'experiment/']),
    layer('output', 'output/', ['core/', 'engine/', 'stats/', 'experiment/', 'runner/']),
    layer('usecases', 'usecases/', ['core/', 'engine/', 'stats/', 'experiment/', 'runner/', 'output/', 'networks/', 'prices/', 'investors/', 'reference/']),
    {
      name: 'no-network-reaches-into-another',
      comment: 'a network folder imports nothing from another network folder; shared tools live below the networks',
      severity: 'error',
      from: { path: '^src/networks/([^/]+)/' },
      to: { path: '^src/networks/', pathNot: '^src/networks/$1/' },
    },
    {
      name: 'experiments-use-models-not-the-machinery',
      comment: 'an experiment file defines an experiment; it does not reach into the runner, output, use cases or the CLI',
      severity: 'error',
      from: { path: '^experiments/' },
      to: { path: '^src/(runner|output|usecases|cli)' },
    },
    {
      name: 'production-never-imports-tests',
      comment: 'test-only code (audits, fixtures, helpers) lives under test/; nothing in src or experiments may import it',
      severity: 'error',
      from: { path: '^(src|experiments)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
