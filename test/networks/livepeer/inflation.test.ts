import { describe, expect, it } from 'vitest';
import type { LivepeerMarket } from '../../../src/networks/livepeer/market.ts';
import { run, smallConfig } from './helpers.ts';

interface RoundRecord {
  round: number;
  inflation: bigint;
  bondingRatePpb: bigint;
  target: bigint;
}

async function rounds(over: Parameters<typeof smallConfig>[0]): Promise<RoundRecord[]> {
  const cfg = smallConfig({ horizonDays: 40, ...over });
  const out: RoundRecord[] = [];
  const target = BigInt(Math.round(cfg.targetBondingRate * 1e9));
  await run(cfg, 11, 10, {
    onRound: (m: LivepeerMarket) => out.push({ round: m.rounds.round, inflation: m.rounds.inflation, bondingRatePpb: m.rounds.bondingRatePpb, target }),
  });
  return out;
}

describe('livepeer inflation controller in a running model (Minter.setInflation)', () => {
  it('rises by exactly inflationChange every round while the bonding rate is below target', async () => {
    const r = await rounds({ targetBondingRate: 0.95, inflationChange: 500, initialInflation: 500_000 });
    expect(r.length).toBeGreaterThan(40);
    for (let k = 1; k < r.length; k++) {
      expect(r[k]!.bondingRatePpb < r[k]!.target).toBe(true);
      expect(r[k]!.inflation - r[k - 1]!.inflation).toBe(500n);
    }
    expect(r[0]!.inflation).toBe(500_000n);
  });

  it('falls by exactly inflationChange every round above target, then stays at 0', async () => {
    const r = await rounds({ targetBondingRate: 0.05, inflationChange: 2_500, initialInflation: 50_000 + 1_000 });
    let reachedZero = false;
    for (let k = 1; k < r.length; k++) {
      expect(r[k]!.bondingRatePpb > r[k]!.target).toBe(true);
      const prev = r[k - 1]!.inflation;
      expect(r[k]!.inflation).toBe(prev >= 2_500n ? prev - 2_500n : 0n);
      if (r[k]!.inflation === 0n) reachedZero = true;
    }
    expect(reachedZero).toBe(true);
    expect(r[r.length - 1]!.inflation).toBe(0n);
  });

  it('moves inflation toward the side the bonding rate is on, round by round, whatever the target', async () => {
    const r = await rounds({ targetBondingRate: 0.5, inflationChange: 500 });
    for (let k = 1; k < r.length; k++) {
      const d = r[k]!.inflation - r[k - 1]!.inflation;
      const br = r[k]!.bondingRatePpb;
      expect(d).toBe(br < r[k]!.target ? 500n : br > r[k]!.target ? -500n : 0n);
    }
  });

  it('leaves inflation unchanged when inflationChange is 0', async () => {
    const r = await rounds({ inflationChange: 0, initialInflation: 300_000, horizonDays: 10 });
    for (const x of r) expect(x.inflation).toBe(300_000n);
  });
});
