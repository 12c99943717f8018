/**
 * The golden cases: every shipped experiment at a fixed seed and a small size. Their CSVs are committed under
 * `test/golden/<name>/` and compared byte for byte by `golden.test.ts`. Refresh them only with
 * `npm run golden:update`, and read the diff: a change here is a change in results.
 */
export interface GoldenCase {
  /** Folder under test/golden/. */
  readonly name: string;
  /** Arguments after `panmine run`. */
  readonly args: readonly string[];
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'example-market', args: ['experiments/example-market.ts', '--seed', '1', '--replicates', '2', '--points', '2'] },
  { name: 'boltzmann-wealth', args: ['experiments/boltzmann-wealth.ts', '--seed', '1', '--replicates', '2', '--set', 'steps=40'] },
  { name: 'livepeer-inflation', args: ['experiments/livepeer-inflation.ts', '--seed', '2024', '--replicates', '2', '--set', 'world_horizonDays=30'] },
  {
    name: 'livepeer-prices',
    args: ['experiments/livepeer-prices.ts', '--seed', '2025', '--replicates', '2', '--set', 'world_horizonDays=20', '--set', 'world_lptJumpsPerYear=6'],
  },
  { name: 'livepeer-market', args: ['experiments/livepeer-market.ts', '--seed', '7', '--replicates', '2', '--set', 'world_horizonDays=6'] },
  {
    name: 'orchid-relays',
    args: ['experiments/orchid-relays.ts', '--seed', '14', '--replicates', '2', '--set', 'world_horizonDays=20', '--set', 'orchid_users=400'],
  },
  {
    name: 'maker-keepers',
    args: [
      'experiments/maker-keepers.ts',
      '--seed',
      '15',
      '--replicates',
      '1',
      '--set',
      'world_horizonDays=1.5',
      '--set',
      'maker_vaults=100',
      '--set',
      'world_crashAtHours=6',
      '--set',
      'maker_auctionKeepers=0,2,8',
    ],
  },
  {
    name: 'maker-crash',
    args: [
      'experiments/maker-crash.ts',
      '--seed',
      '16',
      '--replicates',
      '1',
      '--set',
      'world_horizonDays=1.5',
      '--set',
      'maker_vaults=100',
      '--set',
      'world_crashAtHours=6',
      '--set',
      'maker_tail=7200',
    ],
  },
  { name: 'maker-black-thursday', args: ['experiments/maker-black-thursday.ts', '--seed', '312', '--replicates', '1', '--set', 'maker_vaults=1000'] },
  {
    name: 'livepeer-backtest',
    args: ['experiments/livepeer-backtest.ts', '--seed', '2023', '--replicates', '1', '--set', 'world_horizonDays=40', '--set', 'livepeer_delegators=300'],
  },
  {
    name: 'pan-mining',
    args: [
      'experiments/pan-mining.ts',
      '--seed',
      '16',
      '--replicates',
      '1',
      '--set',
      'world_panMinerShare=0,1',
      '--set',
      'world_frictionScale=1',
      '--set',
      'world_horizonDays=20',
      '--set',
      'world_reviewDays=5',
      '--set',
      'livepeer_delegators=200',
      '--set',
      'orchid_users=200',
      '--set',
      'maker_vaults=40',
      '--set',
      'world_investors=30',
    ],
  },
  {
    name: 'filecoin-providers',
    args: [
      'experiments/filecoin-providers.ts',
      '--seed',
      '2022',
      '--replicates',
      '1',
      '--set',
      'world_horizonDays=8',
      '--set',
      'filecoin_providers=8',
      '--set',
      'filecoin_clients=40',
    ],
  },
  {
    name: 'filecoin-minting',
    args: [
      'experiments/filecoin-minting.ts',
      '--seed',
      '2023',
      '--replicates',
      '1',
      '--set',
      'world_horizonDays=8',
      '--set',
      'filecoin_providers=8',
      '--set',
      'filecoin_clients=40',
    ],
  },
  {
    name: 'filecoin-backtest',
    args: [
      'experiments/filecoin-backtest.ts',
      '--seed',
      '2610',
      '--replicates',
      '2',
      '--set',
      'world_horizonDays=20',
      '--set',
      'filecoin_providers=12',
      '--set',
      'filecoin_providerCandidates=4',
      '--set',
      'world_shards=2',
      '--set',
      'filecoin_clients=300',
    ],
  },
];

export const GOLDEN_FILES = ['runs.csv', 'timeseries.csv', 'summary.csv'] as const;
