import { describe, expect, it } from 'vitest';
import providers from '../../../experiments/filecoin-providers.ts';
import { experimentSamplesOn } from '../../helpers/threaded-experiment.ts';

/** Every sample of one run of filecoin-providers with its 5 shards on `threads` threads, as text. */
const samplesOn = (threads: number): Promise<string> =>
  experimentSamplesOn(
    providers,
    'experiments/filecoin-providers.ts',
    [
      'world_horizonDays=20',
      'world_shards=5',
      'world_filPriceUsd=5',
      'filecoin_capexUsdPerTib=30',
      'filecoin_faultProbability=0.02',
      'filecoin_providers=20',
      'filecoin_clients=300',
      'filecoin_clientArrivalDays=5',
    ],
    threads,
  );

describe('filecoin on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"filecoin_deals_active":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 120_000);
});
