import { describe, expect, it } from 'vitest';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { orchidAlone, smallConfig } from './helpers.ts';

describe('orchid shards', () => {
  it('give identical bytes when processed in reverse order', async () => {
    const cfg = smallConfig({ shards: 4, lenders: 3, churnOnRejectProb: 0.4, rejoinDays: 2, capacityGbPerDay: 20, relayReviewDays: 2, memoryDays: 3 });
    const { forward, reverse } = await forwardAndReverse({ build: () => orchidAlone(cfg), seed: 5, horizonS: 25 * 86_400, sampleEveryS: 86_400 });
    expect(forward).toMatch(/orchid_gb_rejected=[1-9]/);
    expect(forward).toMatch(/orchid_users_churned=[1-9]/);
    expect(reverse).toBe(forward);
  });
});
