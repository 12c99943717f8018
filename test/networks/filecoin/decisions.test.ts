import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.ts';
import { createCounters } from '../../../src/networks/filecoin/counters.ts';
import { createDeals } from '../../../src/networks/filecoin/deal-market.ts';
import { ATTO_PAIR, EIB, SECTORS_PER_TIB } from '../../../src/networks/filecoin/fil.ts';
import { AVAILABLE, accountBalance, addToProvider, createLedger, PLEDGE, sealUniverse } from '../../../src/networks/filecoin/ledger.ts';
import { PROVIDER_ACTIVE, PROVIDER_EXITING } from '../../../src/networks/filecoin/messages.ts';
import { defaultFilecoinConfig, type FilecoinConfig } from '../../../src/networks/filecoin/params.ts';
import {
  EPOCHS_IN_DAY,
  FIL,
  filterEstimate,
  pledgePenaltyForContinuedFault,
  pledgePenaltyForTermination,
  SECTOR_SIZE_32GIB,
  WPOST_PERIOD_DEADLINES,
} from '../../../src/networks/filecoin/protocol.ts';
import { type DecisionContext, reviewProvider } from '../../../src/networks/filecoin/provider-decisions.ts';
import { configureProvider, createProviders, type Economics, returnOnKeepingTib, returnOnNewTib } from '../../../src/networks/filecoin/providers.ts';
import { proveDay } from '../../../src/networks/filecoin/proving.ts';
import { createSealing } from '../../../src/networks/filecoin/sealing.ts';
import { addCohort, createSectors, KIND_CC } from '../../../src/networks/filecoin/sectors.ts';
import { createVesting } from '../../../src/networks/filecoin/vesting.ts';

const basis = { reward: filterEstimate(100n * FIL, 0n), power: filterEstimate(10n * EIB, 0n) };
const IP = 2n * 10n ** 17n; // 0.2 FIL per sector

/** One provider with one committed-capacity cohort of `sectors` (activated on day 0, pledge 0.2 FIL each) and FIL to pay fees. */
function oneProvider(cfg: FilecoinConfig, sectors: number, capacityTib: number) {
  const l = createLedger(1);
  const v = createVesting(1);
  const s = createSectors(1);
  const pr = createProviders(1);
  const deals = createDeals(1, 1);
  const sealing = createSealing(1);
  configureProvider(pr, cfg, 1, 0, capacityTib);
  pr.status[0] = PROVIDER_ACTIVE;
  const hi = IP / ATTO_PAIR.unit;
  addCohort(s, {
    provider: 0,
    count: sectors,
    quality: 1,
    kind: KIND_CC,
    activationDay: 0,
    expirationDay: 540,
    ipHi: Number(hi),
    ipLo: Number(IP - hi * ATTO_PAIR.unit),
    deal: -1,
  });
  addToProvider(l, PLEDGE, 0, IP * BigInt(sectors));
  addToProvider(l, AVAILABLE, 0, 1_000n * FIL);
  l.holders = 10n ** 9n * FIL;
  sealUniverse(l);
  return { l, v, s, pr, deals, sealing };
}

describe('a provider that misses its proofs', () => {
  it('pays BR(3.51 days) on its faulty power each day after detection, and loses its sectors 42 days after it', () => {
    const cfg = defaultFilecoinConfig();
    const { l, v, s, pr, deals } = oneProvider(cfg, WPOST_PERIOD_DEADLINES, 10);
    pr.faultProb[0] = 1; // every proof fails
    pr.recoverProb[0] = 0; // and it never repairs
    const tally = createCounters();
    const rng = RandomStream.fromKey('faults');
    const burn = () => {};
    const ffPerDeadline = pledgePenaltyForContinuedFault(basis.reward, basis.power, SECTOR_SIZE_32GIB);
    let feesBefore = 0n;
    for (let day = 0; day < 45; day++) {
      proveDay(s, 0, day, rng, basis, l, v, deals, pr, tally, burn);
      const fees = tally.faultFees - feesBefore;
      feesBefore = tally.faultFees;
      if (day === 0) {
        // Detected: every deadline faulty, no fee (a newly detected fault pays nothing).
        expect(s.faultyRaw[0]).toBe(WPOST_PERIOD_DEADLINES);
        expect(fees).toBe(0n);
      } else if (day < 42) {
        // Continued faults: one fault fee per deadline of one sector each.
        expect(fees).toBe(ffPerDeadline * BigInt(WPOST_PERIOD_DEADLINES));
        expect(s.provRaw[0]).toBe(WPOST_PERIOD_DEADLINES);
      } else if (day === 42) {
        // FAULT_MAX_AGE reached: every sector terminated, with the FIP-0098 fee on its pledge, age and fault fee.
        expect(s.provRaw[0]).toBe(0);
        const perSector = pledgePenaltyForTermination(IP, 42 * EPOCHS_IN_DAY, ffPerDeadline);
        expect(tally.terminationFees).toBe(perSector * BigInt(WPOST_PERIOD_DEADLINES));
        expect(tally.sectorsTerminated).toBe(WPOST_PERIOD_DEADLINES);
        expect(accountBalance(l, PLEDGE, 0)).toBe(0n);
      }
    }
    // 41 days of fault fees in all, and nothing after the sectors are gone.
    expect(tally.faultFees).toBe(ffPerDeadline * BigInt(WPOST_PERIOD_DEADLINES) * 41n);
  });

  it('pays nothing and keeps its power when it repairs the next day', () => {
    const cfg = defaultFilecoinConfig();
    const { l, v, s, pr, deals } = oneProvider(cfg, WPOST_PERIOD_DEADLINES, 10);
    pr.faultProb[0] = 1;
    pr.recoverProb[0] = 1;
    const tally = createCounters();
    const rng = RandomStream.fromKey('faults');
    proveDay(s, 0, 0, rng, basis, l, v, deals, pr, tally, () => {});
    expect(s.faultyRaw[0]).toBe(WPOST_PERIOD_DEADLINES);
    pr.faultProb[0] = 0;
    proveDay(s, 0, 1, rng, basis, l, v, deals, pr, tally, () => {});
    expect(s.faultyRaw[0]).toBe(0);
    expect(tally.faultFees).toBe(0n);
  });
});

/** A review context around `oneProvider`, with exact estimates (no noise, no memory). */
function reviewCase(over: Partial<FilecoinConfig>, econ: Economics) {
  const cfg = defaultFilecoinConfig({ returnNoise: 0, memoryReviews: 1, growthPerReview: 0.1, exitAfterReviews: 2, ...over });
  const state = oneProvider(cfg, 100 * SECTORS_PER_TIB, 200);
  const x: DecisionContext = {
    cfg,
    day: 10,
    econ,
    basis,
    pledgePerSectorFil: econ.pledgePerQaTibFil / 32,
    rng: RandomStream.fromKey('decisions'),
    ...state,
    burn: () => {},
  };
  return { x, cfg, ...state, tally: createCounters() };
}

const ECON: Economics = { rewardPerEpochFil: 100, networkQaTib: 20 * 1024 * 1024, pledgePerQaTibFil: 6, filUsd: 5 };

describe('growth against the hurdle', () => {
  it('grows by its step when the return on new capacity clears its hurdle by 0.1 %, and holds when it misses by 0.1 %', () => {
    for (const [delta, grows] of [
      [-0.001, true],
      [0.001, false],
    ] as const) {
      const { x, pr, tally } = reviewCase({}, ECON);
      const r = returnOnNewTib(pr, x.cfg, 0, ECON, 1, 0);
      pr.hurdle[0] = r + delta;
      pr.opIncomeUsd[0] = 1; // not losing money
      const before = pr.capacityTib[0]!;
      reviewProvider(x, 0, tally);
      expect(pr.capacityTib[0]! > before, `hurdle ${delta}`).toBe(grows);
      if (grows) expect(pr.capacityTib[0]).toBeCloseTo(before * 1.1, 9);
      expect(tally.growths).toBe(grows ? 1 : 0);
    }
  });

  it('grows at $20 a FIL and stops growing when the price falls to $2', () => {
    const dear = reviewCase({}, { ...ECON, filUsd: 20 });
    const { pr, tally } = dear;
    pr.hurdle[0] = 0.1;
    pr.opIncomeUsd[0] = 1;
    expect(returnOnNewTib(pr, dear.x.cfg, 0, dear.x.econ, 1, 0)).toBeGreaterThan(0.1);
    reviewProvider(dear.x, 0, tally);
    expect(tally.growths).toBe(1);
    const cheap = { ...dear.x, econ: { ...ECON, filUsd: 2 } };
    expect(returnOnNewTib(pr, dear.x.cfg, 0, cheap.econ, 1, 0)).toBeLessThan(0.1);
    pr.opIncomeUsd[0] = 1;
    reviewProvider(cheap, 0, tally);
    expect(tally.growths).toBe(1);
  });

  it('extends expiring committed capacity only when keeping it clears the hurdle', () => {
    for (const [delta, extends_] of [
      [-0.01, true],
      [0.01, false],
    ] as const) {
      const { x, s, pr, tally } = reviewCase({ reviewDays: 14 }, ECON);
      s.expirationDay[0] = 20; // expires before the next review
      s.expiring.set(20, [0]);
      const keep = returnOnKeepingTib(pr, x.cfg, 0, ECON, 0.2 * SECTORS_PER_TIB);
      pr.hurdle[0] = keep + delta;
      pr.opIncomeUsd[0] = 1;
      reviewProvider(x, 0, tally);
      expect(s.expirationDay[0]! > 20, `hurdle ${delta}`).toBe(extends_);
      if (extends_) expect(s.expirationDay[0]).toBe(20 + x.cfg.ccSectorDays);
    }
  });
});

describe('exit on losses', () => {
  it('exits after exactly `exitAfterReviews` reviews with an operating loss, not after one fewer', () => {
    const { x, pr, tally } = reviewCase({ exitAfterReviews: 3 }, ECON);
    for (let review = 1; review <= 3; review++) {
      pr.opIncomeUsd[0] = -1; // a loss since the last review
      reviewProvider(x, 0, tally);
      expect(pr.status[0], `after review ${review}`).toBe(review < 3 ? PROVIDER_ACTIVE : PROVIDER_EXITING);
    }
    expect(tally.exits).toBe(1);
  });

  it('a profitable review resets the count', () => {
    const { x, pr, tally } = reviewCase({ exitAfterReviews: 2 }, ECON);
    for (const income of [-1, 1, -1]) {
      pr.opIncomeUsd[0] = income;
      reviewProvider(x, 0, tally);
    }
    expect(pr.status[0]).toBe(PROVIDER_ACTIVE);
  });

  it('terminates its sectors when the fee is less than the loss of keeping them to expiry, and lets them expire otherwise', () => {
    // At $0.01 a FIL, keeping a TiB loses about its opex a year: 530 days of it far exceed a fee of ~0.01 FIL/sector.
    const losing = reviewCase({ exitAfterReviews: 1 }, { ...ECON, filUsd: 0.01 });
    losing.pr.opIncomeUsd[0] = -1;
    reviewProvider(losing.x, 0, losing.tally);
    expect(losing.pr.status[0]).toBe(PROVIDER_EXITING);
    expect(losing.s.provRaw[0]).toBe(0);
    expect(losing.tally.sectorsTerminated).toBe(100 * SECTORS_PER_TIB);
    // With rewards above opex (a loss from elsewhere), keeping costs nothing: the sectors run to expiry.
    const paying = reviewCase({ exitAfterReviews: 1, opexUsdPerTibYear: 0, reliabilityUsdPerTibYear: 0 }, ECON);
    paying.pr.opIncomeUsd[0] = -1;
    reviewProvider(paying.x, 0, paying.tally);
    expect(paying.pr.status[0]).toBe(PROVIDER_EXITING);
    expect(paying.s.provRaw[0]).toBe(100 * SECTORS_PER_TIB);
    expect(paying.tally.sectorsTerminated).toBe(0);
  });
});
