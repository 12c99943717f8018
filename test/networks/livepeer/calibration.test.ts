import { describe, expect, it } from 'vitest';
import { roundsPerYear } from '../../../src/networks/livepeer/protocol.ts';
import { run, smallConfig } from './helpers.ts';

/**
 * 2024-like inputs: inflation 500000 ppb (0.05 %) per round and participation near 45-50 %. The forum thread
 * "Inflation Focused LIP Discussion" (forum.livepeer.org/t/2753, 2024) reported supply inflation of about 25.6 % a
 * year; (1 + 0.0005)^456.6 - 1 = 25.6 %.
 */
describe('livepeer 2024 calibration', () => {
  it('gives supply inflation near 25.6 %/yr, and shows nominal yield, real yield and the passive loss', async () => {
    const cfg = smallConfig({ delegators: 3_000, broadcasters: 50, orchestrators: 20, orchestratorCandidates: 5, horizonDays: 30, initialInflation: 553_000 });
    const { samples, end } = await run(cfg, 2024, 5);
    const rpy = roundsPerYear(cfg.roundLengthHours * 3600);
    expect((1 + 0.000553) ** rpy - 1).toBeCloseTo(0.256, 3);
    for (const s of samples) {
      expect(s.v.bonding_rate).toBeGreaterThan(0.44);
      expect(s.v.bonding_rate).toBeLessThan(0.52);
    }
    // Inflation stays near 500000 (±500 per round for 37 rounds at most).
    expect(Math.abs(end.inflation! - 553_000)).toBeLessThanOrEqual(500 * 40);
    const s = end.supply_inflation_annual!;
    expect(Math.abs(s - 0.256)).toBeLessThan(0.015);
    // Nominal yield of bonded delegator stake ≈ inflation / participation x (1 - treasury cut) x (1 - mean rewardCut),
    // compounded over the year.
    const perRound = (end.inflation! / 1e9 / end.bonding_rate!) * (1 - cfg.treasuryRewardCut) * (1 - cfg.rewardCutMean);
    const approx = (1 + perRound) ** rpy - 1;
    const dy = end.delegator_yield_annual!;
    expect(dy).toBeGreaterThan(approx - 0.08);
    expect(dy).toBeLessThan(approx + 0.08);
    expect(end.delegator_real_yield_annual).toBeCloseTo((1 + dy) / (1 + s) - 1, 9);
    expect(end.orchestrator_yield_annual).toBeGreaterThan(dy); // commission on delegated stake
    expect(end.passive_holder_loss_annual).toBeCloseTo(1 - 1 / (1 + s), 9);
    expect(end.passive_holder_share).toBeLessThan(samples[0]!.v.passive_holder_share!);
    console.info(
      'livepeer 2024 calibration:',
      JSON.stringify({
        bonding_rate: end.bonding_rate,
        inflation: end.inflation,
        supply_inflation_annual: s,
        delegator_yield_annual: dy,
        delegator_real_yield_annual: end.delegator_real_yield_annual,
        orchestrator_yield_annual: end.orchestrator_yield_annual,
        orchestrator_real_yield_annual: end.orchestrator_real_yield_annual,
        passive_holder_loss_annual: end.passive_holder_loss_annual,
        approx,
      }),
    );
  });
});
