import { describe, expect, it } from 'vitest';
import market from '../../../experiments/livepeer-market.ts';
import { experimentSamplesOn } from '../../helpers/threaded-experiment.ts';

/** Every sample of one run of livepeer-market with its 5 shards on `threads` threads, as text. */
const samplesOn = (threads: number): Promise<string> =>
  experimentSamplesOn(
    market,
    'experiments/livepeer-market.ts',
    [
      'world_horizonDays=12',
      'world_shards=5',
      'livepeer_delegators=1500',
      'livepeer_streamsPerHour=300',
      'livepeer_maxSessions=5',
      'livepeer_orchestratorCandidates=10',
      'livepeer_reviewDays=2',
      'livepeer_exitProbAnnual=0.9',
    ],
    threads,
  );

describe('livepeer on threads', () => {
  it('gives the same bytes with its shards on 1, 2 and 3 threads', async () => {
    const one = await samplesOn(1);
    expect(one).toMatch(/"livepeer_streams_served":[1-9]/);
    expect(await samplesOn(2)).toBe(one);
    expect(await samplesOn(3)).toBe(one);
  }, 60_000);
});
