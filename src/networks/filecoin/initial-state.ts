import { parseUtcDate, UTC_DATE_ALLOWED } from '../../core/dates.ts';
import { hashNormal } from '../../engine/hash-draws.ts';
import { ATTO_PAIR, EIB, fromFil, SECTORS_PER_TIB, toFil } from './fil.ts';
import { addToProvider, type Ledger, PLEDGE, sealUniverse, VESTING } from './ledger.ts';
import { PROVIDER_ACTIVE, PROVIDER_OFF } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import {
  BASELINE_EXPONENT,
  BASELINE_INITIAL_VALUE,
  BASELINE_TOTAL,
  EPOCHS_IN_DAY,
  epochAt,
  FIL,
  type FilterEstimate,
  filterEstimate,
  GENESIS_VESTING,
  genesisVested,
  INITIAL_FIL_RESERVED,
  PRECISION,
  Q128_ONE,
  type RewardState,
  SIMPLE_TOTAL,
  STORAGE_MINING_ALLOCATION,
  updateToNextEpochWithReward,
} from './protocol.ts';
import { configureProvider, type Providers } from './providers.ts';
import { addCohort, KIND_CC, KIND_VERIFIED, type Sectors } from './sectors.ts';
import { lockVesting, releaseVesting, unvestedOf, type Vesting } from './vesting.ts';

/**
 * The network at t = 0, from its public state (params.ts defaults: 2022-10-10, Spacescope): the reward actor's state,
 * the smoothed estimates, the FIL ledger's buckets, and the providers with their sectors.
 *
 * Sectors: the power at t = 0 was onboarded over the 540 days before it (committed capacity was pledged for ~540
 * days, and 16.3 of the 16.6 EiB were onboarded in that span), so each provider holds 18 cohorts of 30 days, sized
 * by the network's onboarding in each span (`ONBOARDED_*`, Spacescope daily onboarding; experiments/data/filecoin/
 * onboarding-before-start.csv) and expiring 540 days after it; the verified part of each span is its QA onboarding in
 * excess of raw, over 9. The pledge locked at t = 0 (locked FIL less the vesting rewards) is spread evenly per QA sector.
 */

/** Raw and QA power onboarded in each 30-day span of the 540 days before 2022-10-10 (PiB), oldest first. */
export const ONBOARDED_RAW_PIB = [
  1082.782, 1101.617, 1213.299, 1547.059, 1728.71, 1645.803, 1056.646, 816.424, 746.565, 699.221, 682.313, 881.798, 871.516, 807.047, 652.553, 432.844, 383.109,
  362.253,
] as const;
export const ONBOARDED_QA_PIB = [
  1083.203, 1102.162, 1214.405, 1548.184, 1731.605, 1652.68, 1065.147, 830.51, 788.69, 768.619, 841.768, 1065.899, 1033.359, 1024.933, 809.058, 635.862,
  704.168, 944.751,
] as const;
const SPAN_DAYS = 30;

/** B0 · g^epoch (bytes), by squaring in Q.128 (the 2020 baseline migration sets the baseline this way). */
export function baselineAt(epoch: number): bigint {
  let result = Q128_ONE;
  let base = BASELINE_EXPONENT;
  let n = epoch;
  while (n > 0) {
    if (n & 1) result = (result * base) >> PRECISION;
    base = (base * base) >> PRECISION;
    n = Math.floor(n / 2);
  }
  return (BASELINE_INITIAL_VALUE * result) >> PRECISION;
}

/**
 * The reward actor's state after the cron of the epoch before t = 0: the realised cumulative power from the public
 * record (taken as of the end of that epoch's predecessor), the effective network time it implies (the cumulative
 * baseline up to ⌈θ⌉ just covers it), then one real `update_to_next_epoch_with_reward` at the recorded raw power,
 * which computes the first epoch's reward.
 */
export function openingRewardState(cfg: FilecoinConfig, firstEpoch: number): RewardState {
  const cumsumRealized = (BigInt(Math.round(cfg.initialCumCappedPowerEibDays * 1e6)) * EIB * BigInt(EPOCHS_IN_DAY)) / 1_000_000n;
  // Σ_{k=0..n} B0·g^k = B0 (g^{n+1} − 1) / (g − 1): solve in doubles, then step n until the invariant holds exactly.
  const g1 = Number(BASELINE_EXPONENT - Q128_ONE) / Number(Q128_ONE);
  const b0 = Number(BASELINE_INITIAL_VALUE);
  let n = Math.max(1, Math.ceil(Math.log1p((Number(cumsumRealized) * g1) / b0) / Math.log1p(g1) - 1));
  const cumsumTo = (k: number) => BigInt(Math.round((b0 * Math.expm1((k + 1) * Math.log1p(g1))) / g1));
  while (cumsumTo(n) < cumsumRealized) n++;
  while (n > 1 && cumsumTo(n - 1) >= cumsumRealized) n--;
  const st: RewardState = {
    cumsumBaseline: cumsumTo(n),
    cumsumRealized,
    effectiveNetworkTime: n,
    effectiveBaselinePower: baselineAt(n),
    thisEpochReward: 0n,
    thisEpochRewardSmoothed: filterEstimate(0n, 0n),
    thisEpochBaselinePower: baselineAt(firstEpoch - 1),
    epoch: firstEpoch - 1,
    totalStoragePowerReward: 0n,
    simpleTotal: SIMPLE_TOTAL,
    baselineTotal: BASELINE_TOTAL,
  };
  updateToNextEpochWithReward(st, (BigInt(Math.round(cfg.initialRawPowerEib * 1e6)) * EIB) / 1_000_000n);
  st.thisEpochRewardSmoothed = filterEstimate(st.thisEpochReward, 0n);
  return st;
}

/** The power actor's smoothed QA power at t = 0: the recorded QA power, no trend. */
export function openingQaSmoothed(cfg: FilecoinConfig): FilterEstimate {
  return filterEstimate((BigInt(Math.round(cfg.initialQaPowerEib * 1e6)) * EIB) / 1_000_000n, 0n);
}

/** Provider sizes at t = 0 (raw TiB): log-normal draws from (seed, id), rescaled so the active ones hold the network's power. */
export function openingSizes(cfg: FilecoinConfig, seed: number, count: number): Float64Array {
  const sizes = new Float64Array(count);
  let active = 0;
  for (let p = 0; p < count; p++) {
    sizes[p] = Math.exp(cfg.sizeSigma * hashNormal(seed, p, 5));
    if (p < cfg.providers) active += sizes[p]!;
  }
  const scale = (cfg.initialRawPowerEib * 1024 * 1024) / active;
  for (let p = 0; p < count; p++) sizes[p] = sizes[p]! * scale;
  return sizes;
}

export interface OpeningLedger {
  /** FIL mined before t = 0 (lotus identity: circulating + burnt + locked − vested − reserve disbursed). */
  readonly minedFil: number;
  /** Rewards still vesting at t = 0, and the pledge (locked less vesting). */
  readonly vestingAtto: bigint;
  readonly pledgeAtto: bigint;
}

/**
 * Fills the ledger, the providers and their sectors at t = 0. Vesting: the rewards of the 180 days before t = 0 (at the
 * opening epoch reward) locked day by day and vested through day −1, spread over providers by QA power.
 */
export function openNetwork(
  cfg: FilecoinConfig,
  seed: number,
  st: RewardState,
  l: Ledger,
  v: Vesting,
  pr: Providers,
  s: Sectors,
  firstSlots: { readonly candidates: number; readonly investors: number },
): OpeningLedger {
  const firstEpoch = st.epoch;
  const vested = genesisVested(firstEpoch);
  const totalGenesis = GENESIS_VESTING.reduce((a, g) => a + g.fil * FIL, 0n);
  const reserveDisbursed = fromFil(cfg.reserveDisbursedFil);
  l.reserve = INITIAL_FIL_RESERVED - reserveDisbursed;
  l.genesisUnvested = totalGenesis - vested;
  l.burnt = fromFil(cfg.initialBurntFil);
  l.pool = fromFil(cfg.lendingPoolFil);

  // Providers and their cohorts.
  const total = pr.n;
  const sizes = openingSizes(cfg, seed, total);
  const rawScale = (cfg.initialRawPowerEib * 1024 * 1024) / ONBOARDED_RAW_PIB.reduce((a, x) => a + x * 1024, 0);
  const spanVerified = ONBOARDED_QA_PIB.map((q, b) => Math.max(0, q - ONBOARDED_RAW_PIB[b]!));
  const verifiedTib = Math.max(0, (cfg.initialQaPowerEib - cfg.initialRawPowerEib) / 9) * 1024 * 1024;
  const verifiedScale =
    verifiedTib /
    Math.max(
      1e-9,
      spanVerified.reduce((a, x) => a + x * 1024, 0),
    );
  let qaSectors = 0;
  const candidatesEnd = cfg.providers + firstSlots.candidates;
  for (let p = 0; p < total; p++) {
    const investorSlot = p >= candidatesEnd;
    configureProvider(pr, cfg, seed, p, investorSlot ? 0 : sizes[p]!);
    pr.investor[p] = investorSlot ? 1 : 0;
    pr.status[p] = p < cfg.providers ? PROVIDER_ACTIVE : PROVIDER_OFF;
    if (p >= cfg.providers) continue;
    pr.hardwareUsd[p] = sizes[p]! * pr.capexPerTib[p]!;
    const share = sizes[p]! / (cfg.initialRawPowerEib * 1024 * 1024);
    for (let b = 0; b < ONBOARDED_RAW_PIB.length; b++) {
      const expiry = SPAN_DAYS * b + SPAN_DAYS / 2;
      const spanTib = ONBOARDED_RAW_PIB[b]! * 1024 * rawScale * share;
      const verified = Math.round(spanVerified[b]! * 1024 * verifiedScale * share * SECTORS_PER_TIB);
      const cc = Math.round(spanTib * SECTORS_PER_TIB) - verified;
      const activation = expiry - cfg.ccSectorDays;
      if (cc > 0)
        addCohort(s, { provider: p, count: cc, quality: 1, kind: KIND_CC, activationDay: activation, expirationDay: expiry, ipHi: 0, ipLo: 0, deal: -1 });
      if (verified > 0)
        addCohort(s, {
          provider: p,
          count: verified,
          quality: 10,
          kind: KIND_VERIFIED,
          activationDay: activation,
          expirationDay: expiry,
          ipHi: 0,
          ipLo: 0,
          deal: -1,
        });
      qaSectors += Math.max(0, cc) + 10 * Math.max(0, verified);
    }
  }

  // Vesting: 180 days of rewards before t = 0 at the opening reward, three quarters locked, spread by QA power.
  const dayLocked = (st.thisEpochReward * BigInt(EPOCHS_IN_DAY) * 3n) / 4n;
  let vestingAtto = 0n;
  for (let p = 0; p < cfg.providers; p++) {
    const qa = s.provQa[p]!;
    if (qa <= 0) continue;
    const mine = (dayLocked * BigInt(Math.round(qa))) / BigInt(Math.max(1, Math.round(qaSectors)));
    // Day by day, as the ring expects: the day's release, then the day's locked rewards.
    v.lastDay[p] = -181;
    for (let d = -180; d <= -1; d++) {
      releaseVesting(v, p, d);
      lockVesting(v, p, d, mine);
    }
    const left = unvestedOf(v, p);
    addToProvider(l, VESTING, p, left);
    vestingAtto += left;
  }
  const lockedAtto = fromFil(cfg.initialLockedFil);
  const pledgeAtto = lockedAtto > vestingAtto ? lockedAtto - vestingAtto : 0n;
  const perQaSector = qaSectors > 0 ? pledgeAtto / BigInt(Math.round(qaSectors)) : 0n;
  for (let c = 0; c < s.n; c++) {
    const ip = perQaSector * BigInt(s.quality[c]!);
    const hi = ip / ATTO_PAIR.unit;
    s.ipHi[c] = Number(hi);
    s.ipLo[c] = Number(ip - hi * ATTO_PAIR.unit);
    addToProvider(l, PLEDGE, s.provider[c]!, ip * BigInt(s.count[c]!));
  }
  // Everything else in circulation is held outside the modelled accounts, and what was mined before t = 0 follows
  // from lotus's identity: circulating = vested + mined + reserve disbursed − burnt − locked.
  const circulating = fromFil(cfg.initialCirculatingFil);
  const locked = l.totals[PLEDGE]! + l.totals[VESTING]!;
  const mined = circulating + l.burnt + locked - vested - reserveDisbursed;
  if (mined < 0n || mined > STORAGE_MINING_ALLOCATION)
    throw new RangeError(`filecoin: the opening state implies ${mined} attoFIL mined; check the initial circulating, burnt and locked FIL`);
  l.mined = mined;
  st.totalStoragePowerReward = mined;
  l.unminted = STORAGE_MINING_ALLOCATION - mined;
  l.holders = circulating - l.pool;
  if (l.holders < 0n) throw new RangeError('filecoin: the lending pool holds more FIL than circulates at t = 0');
  sealUniverse(l);
  return { minedFil: toFil(mined), vestingAtto, pledgeAtto: l.totals[PLEDGE]! };
}

/** The first epoch of the run: the start date's midnight (UTC). */
export function firstEpochOf(cfg: FilecoinConfig): number {
  const ms = parseUtcDate(cfg.startDate);
  if (ms === undefined) throw new RangeError(`filecoin: startDate ${cfg.startDate} is not ${UTC_DATE_ALLOWED}`);
  return epochAt(ms / 1000);
}
