import { describe, expect, it } from 'vitest';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { livepeerAlone, smallConfig } from './helpers.ts';

describe('livepeer shards', () => {
  it('give identical bytes when processed in reverse order', async () => {
    const cfg = smallConfig({ shards: 4, reviewDays: 2, streamsPerHour: 120, orchestratorCandidates: 6, exitProbAnnual: 0.9 });
    const { forward, reverse } = await forwardAndReverse({ build: () => livepeerAlone(cfg), seed: 5, horizonS: 25 * 86_400, sampleEveryS: 86_400 });
    expect(forward.length).toBeGreaterThan(1000);
    expect(reverse).toBe(forward);
  });
});
