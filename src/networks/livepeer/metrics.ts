import { gini, hhi, nakamotoCoefficient } from '../../stats/index.ts';
import type { LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { toLpt } from './lpt.ts';
import type { Orchestrators } from './orchestrators.ts';
import type { RoundState } from './rounds.ts';

/** What the Livepeer model measures: every metric with its definition, and a sample computed from the state and the tallies (counters.ts). */

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
    "Orchestrators' net income in ETH (fees kept + LPT earned at the LPT price in ETH of its round - transcoding, fixed and gas costs) per ETH of capital (self-stake at that price + hardware) per year, since t = 0.",
  passive_holder_share: 'Share of supply held by holders who have never bonded (their LPT never grows).',
  passive_holder_loss_annual: 'Share of the network a passive holder loses per year: 1 - 1 / (1 + supply_inflation_annual).',
  fees_eth: 'Fees paid by broadcasters since t = 0 (ETH, face value of winning tickets).',
  fee_share_of_income:
    "Fees / (fees + LPT rewards to stake, in ETH at the price of the round they were minted in) since t = 0: how much of stakers' income is paid by users.",
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

/** Every metric, computed from the state and the tallies; changes nothing (the market then starts the next interval). */
export function sampleMetrics(
  c: LivepeerCounters,
  ledger: Ledger,
  o: Orchestrators,
  rounds: RoundState,
  roundsPerYear: number,
): Record<LivepeerMetricName, number> {
  const activeStakes: number[] = [];
  let priceSum = 0;
  for (let j = 0; j < o.n; j++)
    if (o.active[j]) {
      activeStakes.push(toLpt(ledger.poolStake[j]!));
      priceSum += o.priceWei[j]!;
    }
  const n = rounds.roundsElapsed;
  const ann = (x: number) => (n > 0 && x > 0 ? x ** (roundsPerYear / n) - 1 : 0);
  const supplyInfl = ann(Number((ledger.supply * 1_000_000_000n) / ledger.initialSupply) / 1e9);
  const dy = ann(c.delegatorIndex);
  const oy = ann(c.orchestratorIndex);
  const pricePerPixel = c.priceCount > 0 ? c.priceSum / c.priceCount : activeStakes.length > 0 ? priceSum / activeStakes.length : 0;
  const feeValue = c.feesEth + c.rewardToStakersEth;
  return {
    bonding_rate: Number(rounds.bondingRatePpb) / 1e9,
    inflation: Number(rounds.inflation),
    supply_lpt: toLpt(ledger.supply),
    supply_inflation_annual: supplyInfl,
    delegator_yield_annual: dy,
    delegator_real_yield_annual: (1 + dy) / (1 + supplyInfl) - 1,
    orchestrator_yield_annual: oy,
    orchestrator_real_yield_annual: (1 + oy) / (1 + supplyInfl) - 1,
    orchestrator_roi_annual: c.orchCapitalRounds > 0 ? (c.orchIncomeEth / c.orchCapitalRounds) * roundsPerYear : 0,
    passive_holder_share: Number((ledger.neverBondedLiquid * 1_000_000_000n) / ledger.supply) / 1e9,
    passive_holder_loss_annual: 1 - 1 / (1 + supplyInfl),
    fees_eth: c.feesEth,
    fee_share_of_income: feeValue > 0 ? c.feesEth / feeValue : 0,
    streams_served: c.served,
    streams_rejected: c.rejected,
    price_per_pixel: pricePerPixel,
    active_orchestrators: activeStakes.length,
    stake_gini: gini(activeStakes),
    stake_hhi: hhi(activeStakes),
    nakamoto_coefficient: nakamotoCoefficient(activeStakes),
    treasury_lpt: toLpt(ledger.treasury),
    orchestrator_entries: c.entries,
    orchestrator_exits: c.exits,
    reward_calls_missed: c.activeRounds > 0 ? c.missedRewards / c.activeRounds : 0,
  };
}
