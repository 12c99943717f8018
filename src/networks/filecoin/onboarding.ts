import type { FilecoinCounters } from './counters.ts';
import { type Deals, piecesSealed } from './deal-market.ts';
import { ATTO_PAIR, toFil } from './fil.ts';
import { AVAILABLE, burnFrom, type Ledger, moveWithin, PLEDGE, PRECOMMIT } from './ledger.ts';
import { PROVIDER_ACTIVE } from './messages.ts';
import type { FilecoinConfig } from './params.ts';
import { EPOCHS_IN_DAY, type FilterEstimate, initialPledgeForPower, preCommitDepositForPower, qaPowerForWeight, SECTOR_SIZE_32GIB } from './protocol.ts';
import { fundProvider, type Providers } from './providers.ts';
import { type Batches, type Sealing, sealDay, takeBatches } from './sealing.ts';
import { addCohort, KIND_VERIFIED, type Sectors } from './sectors.ts';

/**
 * Onboarding: sealed sectors are pre-committed (deposit BR(20 days), `pre_commit_deposit_for_power`) and, at the next
 * clear, prove-committed: the deposit returns, the initial pledge (`initial_pledge_for_power`, FIP-0081) is locked,
 * and the sectors join the provider's power as a cohort. A provider that cannot fund the pledge loses the deposit
 * (the pre-commit expires, its deposit burnt) and the sectors.
 */
export interface OnboardingBasis {
  readonly reward: FilterEstimate;
  readonly power: FilterEstimate;
  readonly baselineBytes: bigint;
  readonly circulatingAtto: bigint;
  /** Epochs since the FIP-0081 ramp began (negative before it) and its length. */
  readonly epochsSinceRampStart: number;
  readonly rampDurationEpochs: number;
}

export type OnboardingTally = Pick<FilecoinCounters, 'sectorsCommitted' | 'verifiedCommitted' | 'depositsLost'>;

/** QA multiple of a sector of `kind` committed for `days` (`qa_power_for_weight` / sector size: 1 or 10). */
export function qualityOf(kind: number, days: number): number {
  const duration = Math.max(1, Math.round(days * EPOCHS_IN_DAY));
  const verifiedWeight = kind === KIND_VERIFIED ? SECTOR_SIZE_32GIB * BigInt(duration) : 0n;
  return Number(qaPowerForWeight(SECTOR_SIZE_32GIB, duration, verifiedWeight) / SECTOR_SIZE_32GIB);
}

/** Initial pledge of one 32 GiB sector of QA multiple `quality` now (attoFIL). */
export function pledgePerSector(b: OnboardingBasis, quality: number): bigint {
  return initialPledgeForPower(
    SECTOR_SIZE_32GIB * BigInt(quality),
    b.baselineBytes,
    b.reward,
    b.power,
    b.circulatingAtto,
    b.epochsSinceRampStart,
    b.rampDurationEpochs,
  );
}

/** Proves yesterday's pre-commits: deposit back, pledge locked, cohorts added (or the deposit lost). */
export function proveCommit(
  batches: Batches,
  day: number,
  cfg: FilecoinConfig,
  b: OnboardingBasis,
  l: Ledger,
  pr: Providers,
  s: Sectors,
  deals: Deals,
  tally: OnboardingTally,
  filUsd: number,
): void {
  for (let j = 0; j < batches.provider.length; j++) {
    const p = batches.provider[j]!;
    const n = batches.sectors[j]!;
    const kind = batches.kind[j]!;
    const deposit = batches.deposit[j]! * BigInt(n);
    pr.pendingSectors[p] = pr.pendingSectors[p]! - n;
    moveWithin(l, p, PRECOMMIT, AVAILABLE, deposit);
    const expiry = batches.expiry[j]! >= 0 ? batches.expiry[j]! : day + cfg.ccSectorDays;
    const quality = qualityOf(kind, expiry - day);
    const ip = pledgePerSector(b, quality);
    const total = ip * BigInt(n);
    if (!fundProvider(l, pr, p, total, filUsd)) {
      burnFrom(l, AVAILABLE, p, deposit);
      tally.depositsLost += deposit;
      pr.filSpent[p] = pr.filSpent[p]! + toFil(deposit);
      continue;
    }
    moveWithin(l, p, AVAILABLE, PLEDGE, total);
    const hi = ip / ATTO_PAIR.unit;
    addCohort(s, {
      provider: p,
      count: n,
      quality,
      kind,
      activationDay: day,
      expirationDay: Math.round(expiry),
      ipHi: Number(hi),
      ipLo: Number(ip - hi * ATTO_PAIR.unit),
      deal: batches.deal[j]!,
    });
    if (batches.deal[j]! >= 0) piecesSealed(deals, batches.deal[j]!, n);
    tally.sectorsCommitted += n;
    if (kind === KIND_VERIFIED) tally.verifiedCommitted += n;
  }
}

/** Today's sealing: each active provider seals from its queue and pre-commits the batches (deposits locked). */
export function preCommit(sealing: Sealing, b: OnboardingBasis, l: Ledger, pr: Providers, filUsd: number, cfg: FilecoinConfig, day: number): Batches {
  for (let p = 0; p < pr.n; p++) if (pr.status[p] === PROVIDER_ACTIVE && sealing.head[p]! >= 0) sealDay(sealing, p, pr.sealPerDay[p]!);
  const batches = takeBatches(sealing);
  const kept = {
    provider: [] as number[],
    kind: [] as number[],
    deal: [] as number[],
    sectors: [] as number[],
    expiry: [] as number[],
    deposit: [] as bigint[],
  };
  for (let j = 0; j < batches.provider.length; j++) {
    const p = batches.provider[j]!;
    const n = batches.sectors[j]!;
    const expiry = batches.expiry[j]! >= 0 ? batches.expiry[j]! : day + 1 + cfg.ccSectorDays;
    const quality = qualityOf(batches.kind[j]!, expiry - day);
    const perSector = preCommitDepositForPower(b.reward, b.power, SECTOR_SIZE_32GIB * BigInt(quality));
    const deposit = perSector * BigInt(n);
    if (!fundProvider(l, pr, p, deposit, filUsd)) continue; // not pre-committed: a deal's pieces stay unsealed
    moveWithin(l, p, AVAILABLE, PRECOMMIT, deposit);
    pr.pendingSectors[p] = pr.pendingSectors[p]! + n;
    kept.provider.push(p);
    kept.kind.push(batches.kind[j]!);
    kept.deal.push(batches.deal[j]!);
    kept.sectors.push(n);
    kept.expiry.push(batches.expiry[j]!);
    kept.deposit.push(perSector);
  }
  return kept;
}
