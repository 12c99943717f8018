import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getPair, setPair } from '../../../src/engine/fixed-point-pairs.ts';
import { simulate } from '../../../src/engine/simulation.ts';
import type { WorldAgents } from '../../../src/engine/world.ts';
import type { MakerShard } from '../../../src/networks/maker/shard.ts';
import { WAD_PAIR } from '../../../src/networks/maker/terms.ts';
import { type Observation, scriptedInvestor } from '../../helpers/scripted-investor.ts';
import type { Recount } from './audit.ts';
import { auditedMaker } from './audit.ts';
import { crashPrices, smallMaker } from './helpers.ts';

describe('Maker ledger', () => {
  it('conserves Dai, collateral and debt at every clear: supply = Σ vault debt + PSM debt + sin, every account recounted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          scenario: fc.constantFrom('2020-03', '2022-01', 'current'),
          liquidation: fc.constantFrom('scenario', 'cat-2020', 'cat-1.2', 'dog'),
          psm: fc.constantFrom('scenario', 'on', 'off'),
          vaults: fc.integer({ min: 20, max: 80 }),
          shards: fc.integer({ min: 1, max: 3 }),
          crash: fc.double({ min: 0, max: 0.7, noNaN: true }),
          auctionKeepers: fc.integer({ min: 0, max: 5 }),
          lowballKeepers: fc.integer({ min: 0, max: 2 }),
          arbKeepers: fc.integer({ min: 0, max: 4 }),
          windowMinutes: fc.constantFrom(5, 10, 30),
          gas: fc.double({ min: 5, max: 800, noNaN: true }),
          keeperMaxGasGwei: fc.double({ min: 10, max: 3000, noNaN: true }),
          psmTin: fc.double({ min: 0, max: 0.01, noNaN: true }),
          psmTout: fc.double({ min: 0, max: 0.01, noNaN: true }),
          traderVolumeDaiPerDay: fc.double({ min: 0, max: 5e6, noNaN: true }),
          flashShare: fc.double({ min: 0, max: 1, noNaN: true }),
          seed: fc.integer({ min: 0, max: 1e6 }),
        }),
        async ({ shards, crash, gas, seed, ...over }) => {
          const pools = { daiUsdcPoolDai: over.vaults * 5_000, ethDaiPoolEth: over.vaults * 2 };
          const cfg = smallMaker({ ...over, ...pools, auctionKeeperCandidates: 2, keeperMemoryDays: 0.5, keeperBotCostUsdPerDay: 500 });
          let clears = 0;
          const model = auditedMaker(cfg, shards, crashPrices(crash, { at: 3, hours: 6, sigma: 0.8, gas }), (_m, r: Recount) => {
            clears++;
            expect(r.inkVaults).toBe(r.inkLedger);
            expect(r.artVaults).toBe(r.artLedger);
            expect(r.daiKeepersSum).toBe(r.daiKeepersLedger);
            expect(r.lotsSum).toBe(r.lotsLedger);
            expect(r.supplyFromVaults).toBe(r.daiHeld);
            expect(r.ethAccounted).toBe(r.ethAtStart);
          });
          await simulate(model, { seed, horizonS: 1.2 * 86_400, sampleEveryS: 86_400 });
          expect(clears).toBeGreaterThan(10);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('conserves them too with an investor’s vault opened, liquidated in a crash, and closed through the port', async () => {
    let clears = 0;
    const log: Observation[] = [];
    const investor = scriptedInvestor({ network: 'maker', role: 'vault', capitalUsd: 300_000, enterAtS: 3600, exitAtS: 20 * 3600, log });
    const model = auditedMaker(
      smallMaker({ vaults: 60, investorVaultRatio: 1.5 }),
      2,
      crashPrices(0.5, { at: 3, hours: 6, sigma: 0.8 }),
      (_m, r) => {
        clears++;
        expect(r.artVaults).toBe(r.artLedger);
        expect(r.inkVaults).toBe(r.inkLedger);
        expect(r.supplyFromVaults).toBe(r.daiHeld);
        expect(r.ethAccounted).toBe(r.ethAtStart);
      },
      [],
      investor as unknown as WorldAgents<unknown, unknown>,
    );
    await simulate(model, { seed: 8, horizonS: 86_400, sampleEveryS: 86_400 });
    expect(clears).toBeGreaterThan(100);
    expect(log.at(-1)!.frictions.liquidation).toBeGreaterThan(0);
    expect(log.at(-1)!.value.closed).toBe(true);
  });

  it('the recount sees one wei of debt moved behind the market’s back', async () => {
    const kept: MakerShard[] = [];
    const matches: boolean[] = [];
    const model = auditedMaker(
      smallMaker({ vaults: 20 }),
      1,
      crashPrices(0),
      (_m, r) => {
        matches.push(r.artVaults === r.artLedger);
        if (matches.length === 3) {
          const v = kept[0]!.vaults!;
          setPair(v.art, 0, getPair(v.art, 0, WAD_PAIR) + 1n, WAD_PAIR);
        }
      },
      kept,
    );
    await simulate(model, { seed: 3, horizonS: 3 * 3600, sampleEveryS: 3600 });
    expect(matches.slice(0, 3)).toEqual([true, true, true]);
    expect(matches[3]).toBe(false);
  });
});
