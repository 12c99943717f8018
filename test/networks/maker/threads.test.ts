import { describe, expect, it } from 'vitest';
import keepers from '../../../experiments/maker-keepers.ts';
import { experimentSamplesOn } from '../../helpers/threaded-experiment.ts';

/** Every sample of one run of maker-keepers with its 5 shards on `threads` threads, as text. */
const samplesOn = (threads: number): Promise<string> =>
  experimentSamplesOn(
    keepers,
    'experiments/maker-keepers.ts',
    ['world_horizonDays=1.5', 'world_shards=5', 'world_crashSize=0.5', 'world_crashAtHours=6', 'maker_auctionKeepers=4', 'maker_vaults=300'],
    threads,
    3 * 3600,
  );

describe('maker on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"maker_auctions_done":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 60_000);
});
