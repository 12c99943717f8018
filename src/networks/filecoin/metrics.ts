import { gini, hhi, nakamotoCoefficient } from '../../stats/index.ts';
import type { Rewards } from './block-rewards.ts';
import type { FilecoinCounters } from './counters.ts';
import type { Deals } from './deal-market.ts';
import { bytesToEib, toFil } from './fil.ts';
import { type Ledger, lockedFil } from './ledger.ts';
import { PROVIDER_OFF } from './messages.ts';
import { computeBaselineSupply, EPOCHS_IN_DAY, PRECISION, thetaOf } from './protocol.ts';
import type { Providers } from './providers.ts';
import { TIER_NAMES } from './providers.ts';
import { provenQa, provenRaw, type Sectors } from './sectors.ts';

/** What the Filecoin model measures: every metric with its definition, and a sample computed from state and tallies. */
export const FILECOIN_METRICS = {
  network_raw_power_eib: 'Network raw byte power (EiB): proven power of providers above the consensus minimum, as the power actor totals it.',
  network_qa_power_eib: 'Network quality-adjusted power (EiB), likewise.',
  baseline_power_eib: "The reward actor's baseline power at the sample epoch (EiB): 2.5 EiB at genesis, doubling yearly.",
  raw_minus_baseline_eib: 'Raw byte power less the baseline (EiB): it crosses 0 when the network falls below (or rises above) the baseline.',
  baseline_unlocked_fil:
    "Baseline minting unlocked since genesis: BaselineTotal · (1 − e^(−λθ)) at the effective network time θ (the reward actor's computeBaselineSupply), FIL.",
  network_time_lag_days:
    'How far the effective network time θ trails the epoch, days: baseline reward not yet unlocked because realised power fell short of the baseline.',
  reward_per_epoch_fil: 'ThisEpochReward: the block reward of the epoch for all ~5 winners (FIL), as the reward actor last computed it.',
  minted_fil: 'FIL minted to block producers since genesis (the reward actor’s TotalStoragePowerReward; lotus FilMined).',
  locked_fil: 'FIL locked: initial pledge plus vesting block rewards (lotus FilLocked since network version 23).',
  circulating_fil: 'Protocol circulating supply: vested + mined + reserve disbursed − burnt − locked (lotus GetVMCirculatingSupplyDetailed).',
  burnt_fil: 'FIL burnt since genesis (f099).',
  initial_pledge_per_32gib_fil: 'Initial pledge of a 32 GiB committed-capacity sector at the sample (FIP-0081), FIL.',
  fault_rate: 'Share of live QA power in faulty deadlines at the sample.',
  fees_burnt_fil: 'FIL burnt since t = 0: fault and termination fees, slashed deal collateral, lost pre-commit deposits and base-fee gas.',
  deals_active: 'Deals active (started, not ended, with live pieces).',
  storage_price_fil_per_tib_year:
    'Mean price of the deals published since the previous sample, TiB-weighted (FIL per TiB-year); the mean unverified ask of providers taking deals when none was.',
  provider_roi_annual:
    "Providers' return on capital per year since t = 0: (FIL earned − FIL spent, each at its day's price, − opex − depreciation) / (hardware at cost + own locked and available FIL at the day's price), capital-weighted over providers.",
  provider_roi_annual_home: 'provider_roi_annual over home providers (< 100 TiB).',
  provider_roi_annual_small: 'provider_roi_annual over small providers (100 TiB – 1 PiB).',
  provider_roi_annual_medium: 'provider_roi_annual over medium providers (1 – 10 PiB).',
  provider_roi_annual_industrial: 'provider_roi_annual over industrial providers (> 10 PiB).',
  power_gini: "Gini coefficient of active providers' QA power.",
  power_hhi: "Herfindahl–Hirschman index of active providers' QA power.",
  nakamoto_coefficient: 'Smallest number of providers holding over 1/3 of QA power.',
  demand_served_fraction: 'Of the data new datasets sought to store since t = 0, the share stored (the rest given up after maxAttempts).',
  providers_active: 'Providers proving power.',
  filplus_share: 'Share of raw power in Fil+ verified-deal sectors.',
  sectors_committed: 'Sectors (32 GiB) committed since t = 0.',
  sectors_terminated: 'Sectors terminated early since t = 0 (42 days faulty, or by an exiting provider).',
  provider_exits: 'Providers that decided to exit since t = 0.',
  provider_entries: 'Providers that entered since t = 0.',
} as const;

export type FilecoinMetricName = keyof typeof FILECOIN_METRICS;

export interface SampleInputs {
  readonly counters: FilecoinCounters;
  readonly ledger: Ledger;
  readonly rewards: Rewards;
  readonly sectors: Sectors;
  readonly providers: Providers;
  readonly deals: Deals;
  readonly circulatingAtto: bigint;
  readonly pledgePerSectorAtto: bigint;
}

/** Every metric, from state and tallies; changes nothing. */
export function sampleMetrics(x: SampleInputs): Record<FilecoinMetricName, number> {
  const { counters: c, ledger: l, rewards: r, sectors: s, providers: pr, deals } = x;
  const raw = bytesToEib(r.networkRaw);
  const theta = thetaOf(r.st);
  const baseline = bytesToEib(r.st.thisEpochBaselinePower);
  let active = 0;
  let liveQa = 0;
  let faultyQa = 0;
  let liveRaw = 0;
  let verifiedRaw = 0;
  let askSum = 0;
  let askN = 0;
  const income = [0, 0, 0, 0];
  const capital = [0, 0, 0, 0];
  for (let p = 0; p < pr.n; p++) {
    liveQa += s.provQa[p]!;
    faultyQa += s.faultyQa[p]!;
    liveRaw += s.provRaw[p]!;
    verifiedRaw += s.verifiedRaw[p]!;
    if (provenRaw(s, p) > 0) active++;
    if (pr.status[p] !== PROVIDER_OFF) {
      askSum += pr.ask[p]!;
      askN++;
    }
    const t = pr.tier[p]!;
    income[t] = income[t]! + pr.incomeUsdTotal[p]!;
    capital[t] = capital[t]! + pr.capitalUsdDaysTotal[p]!;
  }
  const powers = provenQaPowers(s, pr.n);
  const roi = (inc: number, cap: number) => (cap > 0 ? (inc / cap) * 365 : 0);
  const served = c.servedTib + c.abandonedTib;
  const tierRoi = Object.fromEntries(TIER_NAMES.map((name, t) => [`provider_roi_annual_${name}`, roi(income[t]!, capital[t]!)])) as Record<
    `provider_roi_annual_${(typeof TIER_NAMES)[number]}`,
    number
  >;
  return {
    network_raw_power_eib: raw,
    network_qa_power_eib: bytesToEib(r.networkQa),
    baseline_power_eib: baseline,
    raw_minus_baseline_eib: raw - baseline,
    baseline_unlocked_fil: toFil(computeBaselineSupply(theta, r.st.baselineTotal) >> PRECISION),
    network_time_lag_days: (r.st.epoch - Number(theta >> PRECISION)) / EPOCHS_IN_DAY,
    reward_per_epoch_fil: toFil(r.st.thisEpochReward),
    minted_fil: toFil(l.mined),
    locked_fil: toFil(lockedFil(l)),
    circulating_fil: toFil(x.circulatingAtto),
    burnt_fil: toFil(l.burnt),
    initial_pledge_per_32gib_fil: toFil(x.pledgePerSectorAtto),
    fault_rate: liveQa > 0 ? faultyQa / liveQa : 0,
    fees_burnt_fil: toFil(l.burntSinceStart),
    deals_active: deals.active,
    storage_price_fil_per_tib_year: c.intervalDealTib > 0 ? c.intervalPriceTib / c.intervalDealTib : askN > 0 ? askSum / askN : 0,
    provider_roi_annual: roi(
      income.reduce((a, b) => a + b, 0),
      capital.reduce((a, b) => a + b, 0),
    ),
    ...tierRoi,
    power_gini: gini(powers),
    power_hhi: hhi(powers),
    nakamoto_coefficient: nakamotoCoefficient(powers),
    demand_served_fraction: served > 0 ? c.servedTib / served : 1,
    providers_active: active,
    filplus_share: liveRaw > 0 ? verifiedRaw / liveRaw : 0,
    sectors_committed: c.sectorsCommitted,
    sectors_terminated: c.sectorsTerminated,
    provider_exits: c.exits,
    provider_entries: c.entries,
  };
}

/** Proven QA power of every provider that proves any (bytes, as doubles), in slot order. */
function provenQaPowers(s: Sectors, n: number): number[] {
  const powers: number[] = [];
  for (let p = 0; p < n; p++) if (provenRaw(s, p) > 0) powers.push(provenQa(s, p));
  return powers;
}

/**
 * The standard signals (src/engine/network.ts `NetworkMarket.signals`), from state and tallies; changes nothing.
 * `nakamoto_coefficient` and `hhi` of proven QA power (the power that wins blocks), as `nakamoto_coefficient` and
 * `power_hhi` sample them; `demand_served_fraction` as sampled, NaN before any dataset asked; `staking_ratio`:
 * FIL locked (initial pledge and vesting rewards, lotus FilLocked) over FIL locked plus circulating — the share of the
 * FIL released to the economy (vested, mined and disbursed, less burnt) that is held as collateral, in 0-1 as a
 * stake share is. There is no energy figure.
 */
export function sampleSignals(x: Pick<SampleInputs, 'counters' | 'ledger' | 'sectors' | 'providers' | 'circulatingAtto'>): Record<string, number> {
  const powers = provenQaPowers(x.sectors, x.providers.n);
  const locked = toFil(lockedFil(x.ledger));
  const released = locked + toFil(x.circulatingAtto);
  const asked = x.counters.servedTib + x.counters.abandonedTib;
  return {
    nakamoto_coefficient: nakamotoCoefficient(powers),
    hhi: hhi(powers),
    staking_ratio: released > 0 ? locked / released : Number.NaN,
    demand_served_fraction: asked > 0 ? x.counters.servedTib / asked : Number.NaN,
  };
}
