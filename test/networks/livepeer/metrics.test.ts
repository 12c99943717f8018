import { describe, expect, it } from 'vitest';
import { gini, hhi, nakamotoCoefficient } from '../../../src/networks/livepeer/metrics.ts';

describe('livepeer stake concentration metrics', () => {
  it('gini is 0 for equal stakes and (n-1)/n when one holds all', () => {
    expect(gini([5, 5, 5, 5])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(3 / 4, 12);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12); // Σ|xi-xj| / (2 n² mean) = 20 / (2·16·2.5)
  });

  it('hhi is 1/n for equal stakes and 1 for one holder', () => {
    expect(hhi([2, 2, 2, 2])).toBeCloseTo(0.25, 12);
    expect(hhi([0, 7])).toBe(1);
  });

  it('nakamoto coefficient counts the fewest holders above one third', () => {
    expect(nakamotoCoefficient([10, 10, 10])).toBe(2); // one holds exactly 1/3: not over it
    expect(nakamotoCoefficient([40, 30, 20, 10])).toBe(1);
    expect(nakamotoCoefficient([1, 1, 1, 1, 1, 1])).toBe(3);
    expect(nakamotoCoefficient([])).toBe(0);
  });
});
