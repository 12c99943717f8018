import { describe, expect, it } from 'vitest';
import { metricSections } from '../../../src/output/report/sections.ts';

describe('report sections per network', () => {
  it('is one section holding every metric when the manifest declares no networks', () => {
    expect(metricSections(['inflation', 'bonding_rate'])).toEqual([{ network: null, metrics: ['inflation', 'bonding_rate'] }]);
    expect(metricSections(['inflation'], [])).toEqual([{ network: null, metrics: ['inflation'] }]);
  });

  it('groups <network>_ columns by network in declared order, then world_ columns, then the rest', () => {
    const metrics = ['world_lpt_price', 'livepeer_inflation', 'filecoin_power', 'livepeer_bonding_rate', 'elapsed', 'filecoin_pledge'];
    expect(metricSections(metrics, ['livepeer', 'filecoin'])).toEqual([
      { network: 'livepeer', metrics: ['livepeer_inflation', 'livepeer_bonding_rate'] },
      { network: 'filecoin', metrics: ['filecoin_power', 'filecoin_pledge'] },
      { network: 'world', metrics: ['world_lpt_price'] },
      { network: 'other', metrics: ['elapsed'] },
    ]);
  });

  it('leaves out a network with no columns and matches the whole name before the underscore', () => {
    expect(metricSections(['livepeer2_x', 'livepeer_y'], ['livepeer', 'orchid', 'livepeer2'])).toEqual([
      { network: 'livepeer', metrics: ['livepeer_y'] },
      { network: 'livepeer2', metrics: ['livepeer2_x'] },
    ]);
  });

  it('refuses a network name that is not lower-case letters and digits', () => {
    expect(() => metricSections(['a_x'], ['Live_peer'])).toThrow('network name "Live_peer"');
  });
});
