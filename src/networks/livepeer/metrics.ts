import { gini, hhi, nakamotoCoefficient } from '../../stats/index.ts';
import { FLOW_AI_FEES_USD, FLOW_BOUGHT_LPT, FLOW_COUNT, FLOW_FEES_ETH, FLOW_FEES_USD, FLOW_MINUTES, FLOW_SOLD_LPT, type LivepeerCounters } from './counters.ts';
import type { Ledger } from './ledger.ts';
import { toLpt } from './lpt.ts';
import type { Orchestrators } from './orchestrators.ts';
import type { RoundState } from './rounds.ts';

/** What the Livepeer model measures: every metric with its definition, and a sample computed from the state and the tallies (counters.ts). */

const FLOW = 'over the flow period (flowWindowDays ending at the sample; 0: since the previous sample)';

/** Every metric of the Livepeer model, in column order, with its definition. */
export const LIVEPEER_METRICS = {
  bonding_rate: 'Bonding rate the Minter used at the last initializeRound: active stake / supply (stake outside the active set does not count).',
  inflation: 'Minter.inflation in force: newly mintable LPT per round, parts per 1e9 of supply.',
  supply_lpt: 'LPT supply (initial supply + everything minted; rewards not claimed by reward() are never minted).',
  active_stake_lpt: 'currentRoundTotalActiveStake: LPT bonded to the active set (BondingManager.getTotalBonded).',
  supply_inflation_annual: 'Realised supply growth since t = 0, annualised: (S_t / S_0)^(rounds per year / rounds elapsed) - 1.',
  mint_ratio: 'LPT minted / LPT mintable since t = 0: the share of the nominal issuance reward() calls claimed.',
  delegator_yield_annual:
    'Nominal yield of bonded delegator stake: growth in LPT of the average bonded delegator LPT (stake-weighted over all pools, net of treasury cut and rewardCut, zero in rounds without reward()), annualised since t = 0.',
  delegator_real_yield_annual:
    'The same, after dilution: (1 + delegator_yield_annual) / (1 + supply_inflation_annual) - 1, i.e. growth of the share of supply.',
  orchestrator_yield_annual: "Nominal growth in LPT of orchestrators' self-stake (own share of rewards plus rewardCut commission), annualised since t = 0.",
  orchestrator_real_yield_annual: 'The same after dilution: (1 + orchestrator_yield_annual) / (1 + supply_inflation_annual) - 1.',
  orchestrator_roi_annual:
    "Active orchestrators' net income in USD (fees kept + LPT earned at the round's LPT price - fixed, transcoding and gas costs) per USD of capital (self-stake + hardware) per year, since t = 0.",
  passive_holder_share: 'Share of supply held by holders who have never bonded (their LPT never grows).',
  passive_holder_loss_annual: 'Share of the network a passive holder loses per year: 1 - 1 / (1 + supply_inflation_annual).',
  exchange_lpt: 'LPT on exchanges (the float sellers add to and buyers take from).',
  lpt_sold: `LPT holders and orchestrators sold to the exchange ${FLOW}.`,
  lpt_bought: `LPT holders bought from the exchange ${FLOW}.`,
  fees_eth: `Fees broadcasters paid (face value of winning tickets, ETH) ${FLOW}.`,
  fees_usd: `The same fees in USD at the ETH price when redeemed ${FLOW}.`,
  ai_fee_share: `Share of those fees paid for AI inference jobs ${FLOW}.`,
  transcoded_minutes: `Minutes of video transcoded (served streams) ${FLOW}.`,
  price_per_minute_usd: `Video fees in USD per transcoded minute ${FLOW}.`,
  fee_share_of_income:
    "Fees / (fees + LPT rewards to stake, in ETH at the price of the round they were minted in) since t = 0: how much of stakers' income is paid by users.",
  streams_served: 'Streams and AI jobs that found a free session since t = 0 (modelled ones: bundles of demandScale).',
  streams_rejected: 'Streams and AI jobs every orchestrator of the pool and its refresh refused since t = 0.',
  price_per_pixel: 'Mean price (wei per pixel) of streams served since the previous sample (mean active price if none).',
  active_orchestrators: 'Orchestrators in the active set.',
  mean_reward_cut: 'Stake-weighted mean rewardCut of the active set.',
  stake_gini: "Gini coefficient of the active orchestrators' stakes.",
  stake_hhi: "Herfindahl–Hirschman index of the active orchestrators' stakes.",
  nakamoto_coefficient: 'Smallest number of active orchestrators holding over 1/3 of active stake.',
  top10_stake_share: 'Share of active stake held by the 10 largest active orchestrators.',
  treasury_lpt: 'LPT held by the on-chain treasury.',
  treasury_cut: 'BondingManager treasuryRewardCutRate in force (fraction).',
  orchestrator_entries: 'Orchestrators that joined the active set from outside since t = 0.',
  orchestrator_exits: 'Orchestrators that left since t = 0.',
  reward_calls_missed: 'Share of active-orchestrator rounds without a reward() call since t = 0.',
  bonded_wallets: 'Holders with bonded stake.',
  holder_transactions_annual: "Holders' bonding transactions (bond, move, unbond, withdraw) per bonded wallet per year, since t = 0.",
} as const;

export type LivepeerMetricName = keyof typeof LIVEPEER_METRICS;

/** Every metric, computed from the state and the tallies; changes nothing (the market then starts the next interval). */
export function sampleMetrics(
  c: LivepeerCounters,
  ledger: Ledger,
  o: Orchestrators,
  rounds: RoundState,
  roundsPerYear: number,
  t: number,
  flowWindowDays: number,
): Record<LivepeerMetricName, number> {
  const activeStakes: number[] = [];
  let priceSum = 0;
  let cutStake = 0;
  for (let j = 0; j < o.n; j++)
    if (o.active[j]) {
      const s = toLpt(ledger.poolStake[j]!);
      activeStakes.push(s);
      priceSum += o.priceWei[j]!;
      cutStake += s * (o.rewardCutPpm[j]! / 1e6);
    }
  const stakeSum = activeStakes.reduce((x, y) => x + y, 0);
  const top10 = [...activeStakes]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((x, y) => x + y, 0);
  const n = rounds.roundsElapsed;
  const ann = (x: number) => (n > 0 && x > 0 ? x ** (roundsPerYear / n) - 1 : 0);
  const supplyInfl = ann(Number((ledger.supply * 1_000_000_000n) / ledger.initialSupply) / 1e9);
  const dy = ann(c.delegatorIndex);
  const oy = ann(c.orchestratorIndex);
  const pricePerPixel = c.priceCount > 0 ? c.priceSum / c.priceCount : activeStakes.length > 0 ? priceSum / activeStakes.length : 0;
  const feeValue = c.feesEth + c.rewardToStakersEth;
  const f = c.flows.sums(t, flowWindowDays * 86_400, new Float64Array(FLOW_COUNT));
  const videoUsd = f[FLOW_FEES_USD]! - f[FLOW_AI_FEES_USD]!;
  return {
    bonding_rate: Number(rounds.bondingRatePpb) / 1e9,
    inflation: Number(rounds.inflation),
    supply_lpt: toLpt(ledger.supply),
    active_stake_lpt: toLpt(rounds.activeStake),
    supply_inflation_annual: supplyInfl,
    mint_ratio: c.mintableLpt > 0 ? c.mintedLpt / c.mintableLpt : 0,
    delegator_yield_annual: dy,
    delegator_real_yield_annual: (1 + dy) / (1 + supplyInfl) - 1,
    orchestrator_yield_annual: oy,
    orchestrator_real_yield_annual: (1 + oy) / (1 + supplyInfl) - 1,
    orchestrator_roi_annual: c.orchCapitalRounds > 0 ? (c.orchIncomeUsd / c.orchCapitalRounds) * roundsPerYear : 0,
    passive_holder_share: Number((ledger.neverBondedLiquid * 1_000_000_000n) / ledger.supply) / 1e9,
    passive_holder_loss_annual: 1 - 1 / (1 + supplyInfl),
    exchange_lpt: toLpt(ledger.exchange),
    lpt_sold: f[FLOW_SOLD_LPT]!,
    lpt_bought: f[FLOW_BOUGHT_LPT]!,
    fees_eth: f[FLOW_FEES_ETH]!,
    fees_usd: f[FLOW_FEES_USD]!,
    ai_fee_share: f[FLOW_FEES_USD]! > 0 ? f[FLOW_AI_FEES_USD]! / f[FLOW_FEES_USD]! : 0,
    transcoded_minutes: f[FLOW_MINUTES]!,
    price_per_minute_usd: f[FLOW_MINUTES]! > 0 ? videoUsd / f[FLOW_MINUTES]! : 0,
    fee_share_of_income: feeValue > 0 ? c.feesEth / feeValue : 0,
    streams_served: c.served,
    streams_rejected: c.rejected,
    price_per_pixel: pricePerPixel,
    active_orchestrators: activeStakes.length,
    mean_reward_cut: stakeSum > 0 ? cutStake / stakeSum : 0,
    stake_gini: gini(activeStakes),
    stake_hhi: hhi(activeStakes),
    nakamoto_coefficient: nakamotoCoefficient(activeStakes),
    top10_stake_share: stakeSum > 0 ? top10 / stakeSum : 0,
    treasury_lpt: toLpt(ledger.treasury),
    treasury_cut: Number(rounds.treasuryRate / 10n ** 18n) / 1e9,
    orchestrator_entries: c.entries,
    orchestrator_exits: c.exits,
    reward_calls_missed: c.activeRounds > 0 ? c.missedRewards / c.activeRounds : 0,
    bonded_wallets: c.bondedWallets,
    holder_transactions_annual: c.bondedWalletSeconds > 0 ? (c.holderTx / c.bondedWalletSeconds) * 365.25 * 86_400 : 0,
  };
}
