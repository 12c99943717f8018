/** Concentration measures over the stakes of the active set, and the documentation of every metric the model emits. */

/** Gini coefficient of non-negative values (0 = equal, → 1 = one holds all). O(n log n). */
export function gini(values: readonly number[] | Float64Array): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += v[i]!;
    weighted += (i + 1) * v[i]!;
  }
  if (n === 0 || sum <= 0) return 0;
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}

/** Herfindahl–Hirschman index: Σ share², from 1/n (equal) to 1 (one holds all). 0 for no stake. */
export function hhi(values: readonly number[] | Float64Array): number {
  let sum = 0;
  for (const x of values) sum += x;
  if (sum <= 0) return 0;
  let h = 0;
  for (const x of values) h += (x / sum) * (x / sum);
  return h;
}

/** Smallest number of holders that together hold more than `threshold` of the total (0 for no stake). */
export function nakamotoCoefficient(values: readonly number[] | Float64Array, threshold = 1 / 3): number {
  const v = Float64Array.from(values).sort().reverse();
  let sum = 0;
  for (const x of v) sum += x;
  if (sum <= 0) return 0;
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc += v[i]!;
    if (acc > threshold * sum) return i + 1;
  }
  return v.length;
}

/** Every metric of the Livepeer model, in column order, with its definition. */
export const LIVEPEER_METRICS = {
  bonding_rate: 'Bonding rate the Minter used at the last initializeRound: active stake / supply (stake outside the active set does not count).',
  inflation: 'Minter.inflation in force: newly mintable LPT per round, parts per 1e9 of supply.',
  supply_lpt: 'LPT supply (initial supply + everything minted; rewards not claimed by reward() are never minted).',
  supply_inflation_annual: 'Realised supply growth since t = 0, annualised: (S_t / S_0)^(rounds per year / rounds elapsed) - 1.',
  delegator_yield_annual:
    'Nominal yield of bonded delegator stake: growth in LPT of the average bonded delegator LPT (stake-weighted over all pools, net of treasury cut and rewardCut, zero in rounds without reward()), annualised since t = 0.',
  delegator_real_yield_annual:
    'The same, after dilution: (1 + delegator_yield_annual) / (1 + supply_inflation_annual) - 1, i.e. growth of the share of supply.',
  orchestrator_yield_annual: "Nominal growth in LPT of orchestrators' self-stake (own share of rewards plus rewardCut commission), annualised since t = 0.",
  orchestrator_real_yield_annual: 'The same after dilution: (1 + orchestrator_yield_annual) / (1 + supply_inflation_annual) - 1.',
  orchestrator_roi_annual:
    "Orchestrators' net income in ETH (fees kept + LPT earned at lptPriceEth - transcoding, fixed and gas costs) per ETH of capital (self-stake at lptPriceEth + hardware) per year, since t = 0.",
  passive_holder_share: 'Share of supply held by holders who have never bonded (their LPT never grows).',
  passive_holder_loss_annual: 'Share of the network a passive holder loses per year: 1 - 1 / (1 + supply_inflation_annual).',
  fees_eth: 'Fees paid by broadcasters since t = 0 (ETH, face value of winning tickets).',
  fee_share_of_income: "Fees / (fees + LPT rewards to stake at lptPriceEth) since t = 0: how much of stakers' income is paid by users.",
  streams_served: 'Streams that found a free session since t = 0.',
  streams_rejected: 'Streams for which every orchestrator tried was full or none was under the price cap, since t = 0.',
  price_per_pixel: 'Mean price (wei per pixel) of streams served since the previous sample (mean active price if none).',
  active_orchestrators: 'Orchestrators in the active set.',
  stake_gini: "Gini coefficient of the active orchestrators' stakes.",
  stake_hhi: "Herfindahl–Hirschman index of the active orchestrators' stakes.",
  nakamoto_coefficient: 'Smallest number of active orchestrators holding over 1/3 of active stake.',
  treasury_lpt: 'LPT held by the on-chain treasury.',
  orchestrator_entries: 'Orchestrators that entered since t = 0.',
  orchestrator_exits: 'Orchestrators that left since t = 0.',
  reward_calls_missed: 'Share of active-orchestrator rounds without a reward() call since t = 0.',
} as const;

export type LivepeerMetricName = keyof typeof LIVEPEER_METRICS;
