import { describe, expect, it } from 'vitest';
import { forwardAndReverse } from '../../helpers/shard-order.ts';
import { filecoinAlone, smallConfig } from './helpers.ts';

describe('filecoin shards', () => {
  it('give identical bytes when processed in reverse order', async () => {
    const cfg = smallConfig({ shards: 4, clients: 200, clientArrivalDays: 5, faultProbability: 0.02, reviewDays: 3 });
    const { forward, reverse } = await forwardAndReverse({ build: () => filecoinAlone(cfg), seed: 5, horizonS: 30 * 86_400, sampleEveryS: 86_400 });
    expect(forward).toMatch(/filecoin_deals_active=[1-9]/);
    expect(reverse).toBe(forward);
  }, 60_000);
});
