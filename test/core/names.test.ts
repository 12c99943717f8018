import { describe, expect, it } from 'vitest';
import { checkNetworkName, columnOf, prefixed, splitColumn, unprefixed } from '../../src/core/names.ts';

describe('names that compose', () => {
  it('puts a network name and a name together with the first underscore as the separator', () => {
    expect(columnOf('livepeer', 'inflation')).toBe('livepeer_inflation');
    expect(columnOf('lpa', 'delegator_yield_annual')).toBe('lpa_delegator_yield_annual');
    expect(splitColumn('lpa_delegator_yield_annual')).toEqual(['lpa', 'delegator_yield_annual']);
    expect(splitColumn('world_lpt_usd')).toEqual(['world', 'lpt_usd']);
    expect(splitColumn('gini')).toBeUndefined();
    expect(splitColumn('_x')).toBeUndefined();
  });

  it('prefixes a record and takes the prefix off again, leaving other namespaces out', () => {
    const specs = { targetBondingRate: 1, shards: 2 };
    const p = prefixed('livepeer', specs);
    expect(p).toEqual({ livepeer_targetBondingRate: 1, livepeer_shards: 2 });
    expect(unprefixed('livepeer', { ...p, lpa_shards: 9, world_lpt_usd: 3 })).toEqual(specs);
  });

  it('accepts lower-case letters and digits only, and keeps world for world-level columns', () => {
    expect(checkNetworkName('filecoin2')).toBe('filecoin2');
    for (const bad of ['Livepeer', 'lp_a', 'lp-a', '2lp', '', 'world']) expect(() => checkNetworkName(bad)).toThrow();
  });
});
