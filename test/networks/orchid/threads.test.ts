import { describe, expect, it } from 'vitest';
import relaysExperiment from '../../../experiments/orchid-relays.ts';
import { experimentSamplesOn } from '../../helpers/threaded-experiment.ts';

/** Every sample of one run of orchid-relays with its 5 shards on `threads` threads, as text. */
const samplesOn = (threads: number): Promise<string> =>
  experimentSamplesOn(
    relaysExperiment,
    'experiments/orchid-relays.ts',
    [
      'world_horizonDays=20',
      'world_shards=5',
      'orchid_users=800',
      'orchid_faceValueUsd=1',
      'orchid_gasPriceGwei=2000',
      'orchid_lenders=3',
      'orchid_relayReviewDays=2',
      'orchid_memoryDays=4',
    ],
    threads,
  );

describe('orchid on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"orchid_gb_served":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 90_000);
});
