import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.ts';
import { createCounters } from '../../../src/networks/livepeer/counters.ts';
import { initialBook } from '../../../src/networks/livepeer/initial-state.ts';
import { createLedger } from '../../../src/networks/livepeer/ledger.ts';
import { JOB_AI, JOB_VIDEO, type LivepeerOrders } from '../../../src/networks/livepeer/messages.ts';
import { createOrchestrators, priceInWei } from '../../../src/networks/livepeer/orchestrators.ts';
import { matchStreams } from '../../../src/networks/livepeer/stream-matching.ts';
import { smallConfig } from './helpers.ts';

/** Three active orchestrators of one video session each (1 and 2 also serve AI), and one shard's requests. */
function setup() {
  const cfg = smallConfig({ orchestrators: 3, orchestratorCandidates: 0, maxSessions: 1, aiSessions: 1, candidatesPerStream: 2 });
  const o = createOrchestrators(cfg, RandomStream.fromKey('matching'), createLedger(3, 1), initialBook(cfg, 1));
  o.active.fill(1);
  o.sessCount.set([1, 1, 1]);
  o.sessOffset.set([0, 1, 2]);
  o.aiPriceUsd.set([0, 0.001, 0.001]);
  o.aiCount.set([0, 1, 1]);
  o.aiOffset.set([0, 0, 1]);
  (o as { aiSessionEnd: Float64Array }).aiSessionEnd = new Float64Array(2);
  priceInWei(o, 3000);
  return { cfg, o };
}

function orders(kinds: number[], pools: number[][], caps: number[] = kinds.map(() => Infinity)): LivepeerOrders {
  const n = kinds.length;
  return {
    shard: 0,
    streamTime: Float64Array.from(kinds, (_, i) => i),
    streamDurationS: new Float64Array(n).fill(3600),
    streamKind: Uint8Array.from(kinds),
    streamUnitsPerS: new Float64Array(n).fill(1e6),
    streamMaxPriceWei: Float64Array.from(caps),
    streamCandidates: Int32Array.from(pools.flat()),
  } as unknown as LivepeerOrders;
}

describe('session matching with retries (go-livepeer broadcast.go)', () => {
  it('tries the pool in order, suspends a full orchestrator and takes the next; refreshes from the rest when the whole pool is full; rejects only when every one is', () => {
    const { o } = setup();
    const counters = createCounters();
    // Pools: [0, 1] for every stream. Stream 1 finds 0 busy and takes 1; stream 2 finds both busy and is served by 2
    // from the refreshed pool; stream 3 finds all three busy.
    const a = matchStreams(
      o,
      counters,
      [
        orders(
          [JOB_VIDEO, JOB_VIDEO, JOB_VIDEO, JOB_VIDEO],
          [
            [0, 1],
            [0, 1],
            [0, 1],
            [0, 1],
          ],
        ),
      ],
      2,
      1,
      RandomStream.fromKey('r'),
    );
    expect(Array.from(a.assigned[0]!)).toEqual([0, 1, 2, -1]);
    expect([counters.served, counters.rejected]).toEqual([3, 1]);
    expect(counters.minutes).toBe(3 * 60);
  });

  it('refreshes only among orchestrators under the broadcaster’s price cap', () => {
    const { o } = setup();
    o.priceWei.set([100, 100, 500]);
    const counters = createCounters();
    const a = matchStreams(
      o,
      counters,
      [
        orders(
          [JOB_VIDEO, JOB_VIDEO, JOB_VIDEO],
          [
            [0, -1],
            [0, -1],
            [0, -1],
          ],
          [200, 200, 200],
        ),
      ],
      2,
      1,
      RandomStream.fromKey('r'),
    );
    expect(Array.from(a.assigned[0]!)).toEqual([0, 1, -1]);
  });

  it('serves AI jobs only on AI sessions, apart from video', () => {
    const { o } = setup();
    const counters = createCounters();
    const a = matchStreams(
      o,
      counters,
      [
        orders(
          [JOB_AI, JOB_AI, JOB_AI, JOB_VIDEO],
          [
            [1, 2],
            [1, 2],
            [1, 2],
            [1, 2],
          ],
        ),
      ],
      2,
      1,
      RandomStream.fromKey('r'),
    );
    expect(Array.from(a.assigned[0]!)).toEqual([1, 2, -1, 1]);
    expect(counters.minutes).toBe(60);
  });
});
