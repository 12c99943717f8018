import { coefficientOfVariation, gini, hhi, nakamotoCoefficient, pearsonCorrelation } from '../../stats/index.ts';
import type { OrchidCounters } from './counters.ts';
import type { Lenders } from './lenders.ts';
import { STAT_CHURNS, STAT_NO_PICK_GB, STAT_TOO_DEAR, STAT_UNPAYABLE, STAT_USERS_ACTIVE, STAT_WINNERS } from './messages.ts';
import type { OxtLedger } from './oxt-ledger.ts';
import type { OrchidConfig } from './params.ts';
import { have, heft, OXT_SUPPLY_MICRO, stakeOf } from './protocol.ts';
import type { Relays } from './relays.ts';
import { LENDER_LENDING, RELAY_ACTIVE, RELAY_EXITING, toOxt } from './units.ts';

const DECILES = Array.from({ length: 10 }, (_, k) => `relay_roi_annual_decile_${k + 1}` as const);

/** Every metric of the Orchid model, in column order, with its definition. */
export const ORCHID_METRICS = {
  stake_total_oxt: "OXT staked in the directory (have()): relays' own stake and stake lent to them.",
  relays_active: 'Relays staked and serving.',
  relays_exiting: 'Relays that pulled their stake and wait out its withdrawal delay.',
  relay_entries: 'Relays that staked and started serving since t = 0 (not counting those staked at t = 0).',
  relay_exits: 'Relays that pulled all their stake since t = 0.',
  gb_served: 'GB served since t = 0.',
  gb_rejected: 'GB of sessions refused since t = 0: every relay tried was full, or every pick aborted.',
  price_usd_per_gb: "The client's bandwidth price: the oracle's answer, 0.06 USD/GB without one, capped at 0.10 (oracle.cpp).",
  user_price_usd_per_gb:
    "Users' mean price per GB after the share of each ticket lost to gas (price / efficiency), over the sessions started since the previous sample.",
  relay_revenue_usd: 'Winning tickets redeemed by relays since t = 0, USD at the price of the window they were redeemed in (before gas).',
  redemption_gas_share: 'Gas of redemptions / payouts redeemed, since t = 0.',
  relay_roi_annual:
    "Mean over active relays of the return on own stake since the relay entered: (lottery income net of gas and lenders' shares − transit − hosting) / (own stake x OXT price), per year.",
  ...Object.fromEntries(
    DECILES.map((name, k) => [
      name,
      `relay_roi_annual over the active relays in stake decile ${k + 1} (1: smallest own stake); with fewer than 10 relays a decile takes the relay at its rank.`,
    ]),
  ),
  payout_cv:
    "Mean over active relays with at least two whole months of service of the coefficient of variation (sd / mean) of a relay's monthly lottery income; 0 until there are any.",
  payout_cv_small: 'payout_cv over the half of those relays with the smaller own stake.',
  payout_cv_large: 'payout_cv over the half with the larger own stake.',
  break_even_stake_oxt:
    "Own stake at which a relay with the median hosting and transit costs breaks even at the network's current income and traffic per staked OXT (capped at the OXT supply: none breaks even).",
  stake_gini: "Gini coefficient of the staked relays' stake (heft: own and lent).",
  stake_hhi: "Herfindahl–Hirschman index of the staked relays' stake.",
  nakamoto_coefficient: 'Smallest number of relays holding over 1/3 of the stake.',
  selection_share_vs_stake_share:
    "Pearson correlation, over relays ever staked, of each relay's share of the directory's picks since t = 0 with its share of stake integrated over time (1: picks exactly follow stake).",
  lent_stake_oxt: "OXT lenders (and investors' loans) have staked on relays.",
  users_active: 'Users with an account.',
  users_churned: 'Users who left since t = 0 (refused sessions, prices too dear, too many refusals to top up).',
  sessions_too_dear: 'Sessions skipped since t = 0 because the price after gas was above the user’s willingness, or the client refused to price a ticket.',
  winning_tickets: 'Winning tickets since t = 0 (redeemed, or left to expire when the payout would not cover the gas).',
} as const;

export type OrchidMetricName = keyof typeof ORCHID_METRICS;

/** What the metrics read besides the counters: the market's state. */
export interface MetricState {
  readonly cfg: OrchidConfig;
  readonly relays: Relays;
  readonly lenders: Lenders;
  readonly ledger: OxtLedger;
  readonly loanStakers: readonly number[];
  readonly loanRelays: readonly number[];
  readonly priceUsdPerGb: number;
  readonly oxtUsd: number;
  /** The network's lottery income net of gas (USD a day) and GB served a day (EWMAs). */
  readonly networkIncomeUsdPerDay: number;
  readonly networkGbPerDay: number;
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Every metric, computed from the state and the tallies; changes nothing (the market then starts the next interval). */
export function sampleMetrics(c: OrchidCounters, s: MetricState): Record<OrchidMetricName, number> {
  const r = s.relays;
  const tree = s.ledger.tree;
  const active: { own: number; roi: number; cv: number }[] = [];
  const hefts: number[] = [];
  let exiting = 0;
  for (let i = 0; i < r.n; i++) {
    const h = heft(tree, i);
    if (h > 0) hefts.push(toOxt(h));
    if (r.status[i] === RELAY_EXITING) exiting++;
    if (r.status[i] !== RELAY_ACTIVE) continue;
    const months = r.monthlyIncomeUsd[i]!;
    active.push({
      own: stakeOf(tree, i, i),
      roi: r.stakeUsdDaysSinceActive[i]! > 0 ? (r.netUsdSinceActive[i]! / r.stakeUsdDaysSinceActive[i]!) * 365 : 0,
      cv: months.length >= 2 ? coefficientOfVariation(months) : Number.NaN,
    });
  }
  active.sort((a, b) => a.own - b.own);
  const n = active.length;
  const deciles = DECILES.map((_, k) => {
    if (n === 0) return 0;
    const lo = Math.floor((k * n) / 10);
    const hi = Math.max(lo + 1, Math.floor(((k + 1) * n) / 10));
    return mean(active.slice(lo, Math.min(hi, n)).map((a) => a.roi));
  });
  const withCv = active.filter((a) => Number.isFinite(a.cv));
  const half = Math.floor(withCv.length / 2);
  let picks = 0;
  let shareTime = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < r.n; i++) {
    picks += r.picks[i]!;
    shareTime += r.stakeShareTime[i]!;
  }
  for (let i = 0; i < r.n; i++) {
    if (!(r.stakeShareTime[i]! > 0) && !(r.picks[i]! > 0)) continue;
    xs.push(picks > 0 ? r.picks[i]! / picks : 0);
    ys.push(shareTime > 0 ? r.stakeShareTime[i]! / shareTime : 0);
  }
  let lent = 0;
  for (let k = 0; k < s.loanStakers.length; k++) lent += stakeOf(tree, s.loanStakers[k]!, s.loanRelays[k]!);
  for (let j = 0; j < s.lenders.n; j++) if (s.lenders.status[j] === LENDER_LENDING) lent += stakeOf(tree, s.lenders.firstStaker + j, s.lenders.relay[j]!);
  const haveOxt = toOxt(have(tree));
  const incomePerOxt = haveOxt > 0 ? s.networkIncomeUsdPerDay / haveOxt : 0;
  const gbPerOxt = haveOxt > 0 ? s.networkGbPerDay / haveOxt : 0;
  const margin = incomePerOxt - s.cfg.transitUsdPerGb * gbPerOxt;
  const supplyOxt = toOxt(OXT_SUPPLY_MICRO);
  const breakEven = margin > 0 ? Math.min(supplyOxt, s.cfg.hostingUsdPerDay / margin) : supplyOxt;
  const st = c.stats;
  return {
    stake_total_oxt: haveOxt,
    relays_active: n,
    relays_exiting: exiting,
    relay_entries: c.relayEntries,
    relay_exits: c.relayExits,
    gb_served: c.gbServed,
    gb_rejected: c.gbRejected + st[STAT_NO_PICK_GB]!,
    price_usd_per_gb: s.priceUsdPerGb,
    user_price_usd_per_gb: c.priceCount > 0 ? c.priceSum / c.priceCount : s.priceUsdPerGb,
    relay_revenue_usd: c.payoutUsd,
    redemption_gas_share: c.payoutUsd > 0 ? c.gasUsd / c.payoutUsd : 0,
    relay_roi_annual: mean(active.map((a) => a.roi)),
    ...(Object.fromEntries(DECILES.map((name, k) => [name, deciles[k]!])) as Record<(typeof DECILES)[number], number>),
    payout_cv: mean(withCv.map((a) => a.cv)),
    payout_cv_small: mean(withCv.slice(0, half).map((a) => a.cv)),
    payout_cv_large: mean(withCv.slice(half).map((a) => a.cv)),
    break_even_stake_oxt: breakEven,
    stake_gini: gini(hefts),
    stake_hhi: hhi(hefts),
    nakamoto_coefficient: nakamotoCoefficient(hefts),
    selection_share_vs_stake_share: pearsonCorrelation(xs, ys),
    lent_stake_oxt: toOxt(lent),
    users_active: st[STAT_USERS_ACTIVE]!,
    users_churned: st[STAT_CHURNS]!,
    sessions_too_dear: st[STAT_TOO_DEAR]! + st[STAT_UNPAYABLE]!,
    winning_tickets: st[STAT_WINNERS]!,
  };
}
