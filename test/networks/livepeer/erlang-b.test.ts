import { describe, expect, it } from 'vitest';
import { run, smallConfig } from './helpers.ts';

/** Erlang-B blocking probability by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)). */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

describe('livepeer session matching', () => {
  it('computes Erlang-B from the recursion (B(5, 4) = 0.199067)', () => {
    expect(erlangB(5, 4)).toBeCloseTo(0.199067, 6); // (4^5/5!) / Σ_{k≤5} 4^k/k! = 8.5333 / 42.8667
  });

  for (const [c, streamsPerHour, meanStreamMinutes] of [
    [5, 20, 12],
    [10, 32, 15],
  ] as const) {
    const a = (streamsPerHour * meanStreamMinutes) / 60;
    it(`rejects the Erlang-B fraction B(${c}, ${a}) of streams with one orchestrator of ${c} sessions`, async () => {
      const cfg = smallConfig({
        orchestrators: 1,
        orchestratorCandidates: 0,
        maxSessions: c,
        streamsPerHour,
        meanStreamMinutes,
        broadcasters: 7,
        activitySigma: 0,
        maxPriceUsdPerTpx: 0,
        maxPriceSigma: 0,
        exitAfterRounds: 1_000_000,
        delegators: 20,
        shards: 3,
        horizonDays: 150,
      });
      const { samples } = await run(cfg, 1234 + c, 10);
      // Batch means over 10-day batches (the first batch dropped as warm-up).
      const fractions: number[] = [];
      let served = 0,
        rejected = 0;
      for (let k = 1; k < samples.length; k++) {
        const s = samples[k]!.v.streams_served! - served,
          r = samples[k]!.v.streams_rejected! - rejected;
        served = samples[k]!.v.streams_served!;
        rejected = samples[k]!.v.streams_rejected!;
        if (k > 1) fractions.push(r / (r + s));
      }
      const n = fractions.length;
      const mean = fractions.reduce((x, y) => x + y, 0) / n;
      const sd = Math.sqrt(fractions.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1));
      const se = sd / Math.sqrt(n);
      const b = erlangB(c, a);
      expect(served + rejected).toBeGreaterThan(streamsPerHour * 24 * 140);
      expect(Math.abs(mean - b)).toBeLessThan(4 * se + 0.002);
      expect(se).toBeLessThan(0.01);
    });
  }
});
