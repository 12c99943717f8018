import { fileURLToPath } from 'node:url';
import { prefixed, unprefixed } from '../../src/core/names.ts';
import { param, type Scalar } from '../../src/core/params.ts';
import type { AnyNetwork } from '../../src/engine/network.ts';
import type { PopulationInfo } from '../../src/engine/population.ts';
import { world } from '../../src/engine/world.ts';
import { priceMetrics, worldParams } from '../../src/experiment/world-params.ts';
import { type PanMinerOptions, panMinerMetrics, panMiners, roleNamesOf } from '../../src/investors/pan-miner.ts';
import { frictionNamesOf } from '../../src/investors/yield-chaser.ts';
import { FILECOIN_METRICS } from '../../src/networks/filecoin/metrics.ts';
import { filecoin, filecoinPopulations } from '../../src/networks/filecoin/model.ts';
import { filecoinConfigFrom, filecoinParams } from '../../src/networks/filecoin/params.ts';
import { LIVEPEER_METRICS } from '../../src/networks/livepeer/metrics.ts';
import { livepeer, livepeerPopulations } from '../../src/networks/livepeer/model.ts';
import { livepeerConfigFrom, livepeerParams } from '../../src/networks/livepeer/params.ts';
import { MAKER_METRICS } from '../../src/networks/maker/metrics.ts';
import { maker, makerPopulations } from '../../src/networks/maker/model.ts';
import { makerConfigFrom, makerParams } from '../../src/networks/maker/params.ts';
import { ORCHID_METRICS } from '../../src/networks/orchid/metrics.ts';
import { orchid, orchidPopulations } from '../../src/networks/orchid/model.ts';
import { orchidConfigFrom, orchidParams } from '../../src/networks/orchid/params.ts';
import { constantPrice } from '../../src/prices/constant.ts';
import { pathPrice, readPricePath } from '../../src/prices/csv-path.ts';
import { gbm } from '../../src/prices/gbm.ts';
import { meanRevertingLog } from '../../src/prices/mean-reverting.ts';
import { type PriceFeedback, prices } from '../../src/prices/price-model.ts';
import type { PriceProcess } from '../../src/prices/process.ts';
import { livepeerState2023 } from './livepeer-2023.ts';

const LIVEPEER_PRICES = fileURLToPath(new URL('../data/livepeer/prices.csv', import.meta.url));
const FIL_PRICES = fileURLToPath(new URL('../data/filecoin/fil-usd.csv', import.meta.url));
const HISTORY_START = '2023-01-01';

type Point = Readonly<Record<string, Scalar>>;

/**
 * The pan-mining world: Livepeer, Orchid, Maker and Filecoin on one clock (each with its own period), their tokens' prices
 * moved by one common market factor and common crashes, and investors — pan-miners beside network-bound and passive
 * baselines — who enter and leave the networks' roles only through each network's port. The list of networks lives
 * here, in the experiment: the investors (src/investors/pan-miner.ts) know only the ports they are handed.
 *
 * Every network's column is `<network>_<name>`, the world's `world_<name>` and the investors'
 * `world_investors_<name>` (`world_investors_capital_by_network_livepeer`, `world_investors_pan_miner_return_annual`).
 */

/** The token prices and their processes' names, in the order of the correlation matrix. */
const TOKENS = ['lpt_usd', 'eth_usd', 'oxt_usd', 'fil_usd'] as const;

export const panPriceParams = {
  // Levels at 2023-01-01, the date Livepeer's calibrated state stands for (experiments/data/livepeer/prices.csv:
  // LPT $4.587, ETH $1201); OXT has no shipped path (about $0.07 then: assumption).
  world_lptUsd: param.real({ value: 4.587, min: 1e-6, max: 1e6, unit: 'USD', doc: 'LPT at t = 0 (2023-01-01 close, experiments/data/livepeer/prices.csv).' }),
  world_ethUsd: param.real({ value: 1201, min: 1e-6, max: 1e7, unit: 'USD', doc: 'ETH at t = 0 (2023-01-01 close, experiments/data/livepeer/prices.csv).' }),
  world_filUsd: param.real({
    value: 3.146,
    min: 1e-6,
    max: 1e6,
    unit: 'USD',
    doc: 'FIL at t = 0 (2023-01-02 close, experiments/data/filecoin/fil-usd.csv; Filecoin itself starts from its state of 2022-10-10, the one shipped).',
  }),
  world_oxtUsd: param.real({
    value: 0.07,
    min: 1e-6,
    max: 1e6,
    unit: 'USD',
    doc: 'OXT at t = 0 (about $0.07 at the start of 2023; assumption, no path shipped).',
  }),
  // Volatilities: realised on weekly closes 2023-01 to 2025-07 of the shipped paths (experiments/data/livepeer/prices.csv),
  // annualised by √52: LPT 1.21, ETH 0.65. OXT: none shipped (assumption: LPT's order, as a small-cap token).
  world_lptSigma: param.real({ value: 1.2, min: 0, max: 5, doc: 'LPT volatility per √year (2023-2025 weekly realised: 1.21).' }),
  world_ethSigma: param.real({ value: 0.65, min: 0, max: 5, doc: 'ETH volatility per √year (2023-2025 weekly realised: 0.65).' }),
  world_filSigma: param.real({
    value: 0.96,
    min: 0,
    max: 5,
    doc: 'FIL volatility per √year (2023-2025 weekly realised, experiments/data/filecoin/fil-usd.csv: 0.96).',
  }),
  world_oxtSigma: param.real({ value: 1.2, min: 0, max: 5, doc: 'OXT volatility per √year (assumption: as LPT, a small-cap token).' }),
  world_priceCorrelation: param.real({
    value: 0.63,
    min: 0,
    max: 0.99,
    doc: 'Correlation of every pair of tokens’ diffusion shocks, one common market factor (2023-2025 weekly log returns: LPT-ETH 0.63, FIL-ETH 0.68, LPT-FIL 0.60).',
  }),
  world_crashesPerYear: param.real({
    value: 2,
    min: 0,
    max: 365,
    doc: 'Market-wide crashes per year hitting every token at once (2023-2025: five weeks of ETH falling over 15 % in 2.6 years).',
  }),
  world_crashLogMean: param.real({ value: -0.2, min: -5, max: 0, doc: 'Mean log size of a market crash (−0.2: an 18 % fall; compensated in the drift).' }),
  world_crashLogSd: param.real({ value: 0.1, min: 0, max: 5, doc: 'Sd of the log size of a market crash.' }),
  world_gasPriceGwei: param.real({
    value: 10,
    min: 0.1,
    max: 1e5,
    unit: 'gwei',
    doc: 'Level of the L1 gas price Maker’s keepers pay (mean-reverting with spikes; 2025 medians a few gwei: assumption).',
  }),
  world_priceStepHours: param.real({ value: 24, min: 0.1, max: 24 * 30, unit: 'h', doc: 'Step of the price grid: prices move once per step.' }),
  world_prices: param.choice(['model', 'history', 'constant'], {
    value: 'model',
    doc: 'model: the correlated, jumping processes above; history: LPT and ETH follow their daily closes from 2023-01-01 (experiments/data/livepeer/prices.csv) and FIL its weekly ones (experiments/data/filecoin/fil-usd.csv), OXT its process; constant: every price at its level (no shared price process).',
  }),
  world_feedbackElasticity: param.real({
    value: 0,
    min: -10,
    max: 10,
    doc: 'Feedback from fundamentals to prices (0 = off): each token’s log price drifts by this × (its network’s world_feedbackSignal − world_feedbackReference) a year.',
  }),
  world_feedbackSignal: param.choice(['demand_served_fraction', 'staking_ratio'], {
    value: 'demand_served_fraction',
    doc: 'The network signal a token’s price feeds back on (see NetworkMarket.signals).',
  }),
  world_feedbackReference: param.real({ value: 0.9, min: 0, max: 1, doc: 'The signal’s value at which the feedback is neutral.' }),
};

export const panInvestorParams = {
  world_investors: param.int({ value: 200, min: 0, max: 10_000_000, doc: 'Outside investors of all three kinds, spread over the shards.' }),
  world_panMinerShare: param.real({ value: 0.5, min: 0, max: 1, doc: 'Share of investors who are pan-miners (free to move between networks and roles).' }),
  world_boundShare: param.real({
    value: 0.5,
    min: 0,
    max: 1,
    doc: 'Of the other investors, the share bound to one network chosen at the start; the rest are passive holders (one role that needs no skill, kept).',
  }),
  world_investorCapitalUsd: param.real({ value: 50_000, min: 1, max: 1e12, unit: 'USD', doc: 'Median capital of an investor (log-normal; assumption).' }),
  world_investorCapitalSigma: param.real({ value: 1, min: 0, max: 5, doc: 'Log-normal σ of capital across investors (assumption).' }),
  world_skillGpu: param.real({ value: 0.3, min: 0, max: 1, doc: 'Share of investors who can run GPUs (Livepeer’s orchestrator; assumption).' }),
  world_skillServer: param.real({ value: 0.3, min: 0, max: 1, doc: 'Share of investors who can run servers (Orchid’s relay; assumption).' }),
  world_skillBot: param.real({ value: 0.15, min: 0, max: 1, doc: 'Share of investors who can run trading bots (Maker’s keepers; assumption).' }),
  world_skillStorage: param.real({ value: 0.2, min: 0, max: 1, doc: 'Share of investors who can run storage (Filecoin’s provider; assumption).' }),
  world_riskAversion: param.real({ value: 1, min: 0, max: 100, doc: 'Median risk aversion per unit of annual return variance (assumption).' }),
  world_hurdleAnnual: param.real({ value: 0.05, min: -1, max: 10, doc: 'Median hurdle return a year (a 2025 dollar money-market rate: about 5 %).' }),
  world_investorHeterogeneity: param.real({ value: 0.5, min: 0, max: 5, doc: 'Log-normal σ of risk aversion and hurdle across investors.' }),
  world_memoryReviews: param.real({ value: 4, min: 1, max: 1000, doc: 'Memory of an investor’s beliefs, in reviews (EWMA weight 1/memory).' }),
  world_returnNoise: param.real({ value: 0.1, min: 0, max: 10, doc: 'Sd of the error on a return as an investor perceives it, per year.' }),
  world_reviewDays: param.real({ value: 30, min: 0.1, max: 3650, unit: 'd', doc: 'Days between an investor’s reviews of its portfolio.' }),
  world_maxRoles: param.int({ value: 2, min: 1, max: 16, doc: 'Most roles an investor holds at once (capital split evenly).' }),
  world_holdingYears: param.real({ value: 1, min: 0.01, max: 100, doc: 'Years over which a switch must pay for its switching cost.' }),
  world_frictionScale: param.real({
    value: 1,
    min: 0,
    max: 10,
    doc: 'Scales the switching frictions the experiment can vary: every network’s trading fee and the share of hardware’s price lost on resale (gas, unbonding and withdrawal delays stay the protocols’).',
  }),
};

export const panWorldParams = {
  ...worldParams,
  world_horizonDays: worldParams.world_horizonDays.set(365),
  ...panPriceParams,
  ...panInvestorParams,
  ...prefixed('livepeer', livepeerParams),
  ...livepeerState2023,
  ...prefixed('orchid', orchidParams),
  // Orchid clears daily here (its default is hourly): a year in 365 windows.
  orchid_windowHours: prefixed('orchid', orchidParams).orchid_windowHours.set(24),
  ...prefixed('maker', makerParams),
  // Clear Maker hourly (its auctions are still stepped every 30 s inside): a year in 8766 windows.
  maker_windowMinutes: prefixed('maker', makerParams).maker_windowMinutes.set(60),
  // Doors for the investors: slots they can fill beside the networks' own agents (delegating has no limit).
  livepeer_investorOrchestratorSlots: prefixed('livepeer', livepeerParams).livepeer_investorOrchestratorSlots.set(10),
  orchid_investorRelaySlots: prefixed('orchid', orchidParams).orchid_investorRelaySlots.set(10),
  orchid_investorLenderSlots: prefixed('orchid', orchidParams).orchid_investorLenderSlots.set(50),
  maker_investorSlots: prefixed('maker', makerParams).maker_investorSlots.set(20),
  ...prefixed('filecoin', filecoinParams),
  filecoin_investorProviderSlots: prefixed('filecoin', filecoinParams).filecoin_investorProviderSlots.set(10),
};

/** A network's configuration with the experiment's friction scale applied to the frictions it varies. */
function scaledFrictions(p: Point, net: string, fees: readonly string[], resale: readonly string[]): Record<string, Scalar> {
  const s = p.world_frictionScale as number;
  const own: Record<string, Scalar> = { ...unprefixed(net, p) };
  for (const k of fees) own[k] = Math.min(0.5, (own[k] as number) * s);
  for (const k of resale) own[k] = Math.max(0, Math.min(1, 1 - (1 - (own[k] as number)) * s));
  return own;
}

export const panLivepeerConfig = (p: Point) => livepeerConfigFrom(scaledFrictions(p, 'livepeer', ['tradingFee'], ['hardwareResaleShare']));
export const panOrchidConfig = (p: Point) => orchidConfigFrom(scaledFrictions(p, 'orchid', ['tradingFee'], []));
export const panMakerConfig = (p: Point) => makerConfigFrom(unprefixed('maker', p));
export const panFilecoinConfig = (p: Point) => filecoinConfigFrom(scaledFrictions(p, 'filecoin', ['exchangeFee'], ['hardwareResaleShare']));

/** The networks of the world at a point, in the world's order. */
export function panNetworks(p: Point): AnyNetwork[] {
  return [livepeer(panLivepeerConfig(p)), orchid(panOrchidConfig(p)), maker(panMakerConfig(p)), filecoin(panFilecoinConfig(p))];
}

/** The token each network's fundamentals feed back to, when feedback is on. */
const FEEDBACK: readonly { asset: string; network: string }[] = [
  { asset: 'lpt_usd', network: 'livepeer' },
  { asset: 'oxt_usd', network: 'orchid' },
  { asset: 'fil_usd', network: 'filecoin' },
];

/** The world's prices: tokens on one common factor with common crashes (or constant), xDAI at $1, gas mean-reverting. */
export function panPrices(p: Point) {
  const mode = p.world_prices as string;
  const level: Record<(typeof TOKENS)[number], number> = {
    lpt_usd: p.world_lptUsd as number,
    eth_usd: p.world_ethUsd as number,
    oxt_usd: p.world_oxtUsd as number,
    fil_usd: p.world_filUsd as number,
  };
  const sigma: Record<(typeof TOKENS)[number], number> = {
    lpt_usd: p.world_lptSigma as number,
    eth_usd: p.world_ethSigma as number,
    oxt_usd: p.world_oxtSigma as number,
    fil_usd: p.world_filSigma as number,
  };
  const fromHistory = (t: string) => mode === 'history' && t !== 'oxt_usd';
  const assets: Record<string, PriceProcess> = {};
  for (const t of TOKENS) {
    if (fromHistory(t)) assets[t] = pathPrice(readPricePath(t === 'fil_usd' ? FIL_PRICES : LIVEPEER_PRICES, { column: t }), HISTORY_START);
    else assets[t] = mode === 'constant' ? constantPrice(level[t]) : gbm({ initial: level[t], muAnnual: 0, sigmaAnnual: sigma[t] });
  }
  assets.xdai_usd = constantPrice(1);
  const gas = p.world_gasPriceGwei as number;
  assets.gas_gwei =
    mode === 'constant'
      ? constantPrice(gas)
      : meanRevertingLog({ initial: gas, level: gas, halfLifeHours: 3, sigmaAnnual: 6, spikesPerYear: 12, spikeLogMean: Math.log(5), spikeLogSd: 0.3 });
  const shared = mode !== 'constant';
  const rho = p.world_priceCorrelation as number;
  const names = Object.keys(assets);
  const correlation = names.map((a, i) => names.map((b, j) => (i === j ? 1 : TOKENS.includes(a as never) && TOKENS.includes(b as never) ? rho : 0)));
  const elasticity = p.world_feedbackElasticity as number;
  const feedback: PriceFeedback[] =
    elasticity === 0
      ? []
      : FEEDBACK.map((f) => ({
          asset: f.asset,
          signal: `${f.network}_${p.world_feedbackSignal as string}`,
          reference: p.world_feedbackReference as number,
          elasticityPerYear: elasticity,
        }));
  return prices({
    stepS: (p.world_priceStepHours as number) * 3600,
    assets,
    correlation: shared ? correlation : undefined,
    commonJumps: shared
      ? {
          perYear: p.world_crashesPerYear as number,
          logMean: p.world_crashLogMean as number,
          logSd: p.world_crashLogSd as number,
          betas: Object.fromEntries(TOKENS.filter((t) => !fromHistory(t)).map((t) => [t, 1])),
        }
      : undefined,
    feedback,
  });
}

/** The investors' options at a point (undefined when there are none). */
export function panMinerOptions(p: Point): PanMinerOptions | undefined {
  if ((p.world_investors as number) === 0) return undefined;
  return {
    investors: p.world_investors as number,
    panMinerShare: p.world_panMinerShare as number,
    boundShare: p.world_boundShare as number,
    capitalUsd: p.world_investorCapitalUsd as number,
    capitalSigma: p.world_investorCapitalSigma as number,
    skills: {
      gpu: p.world_skillGpu as number,
      server: p.world_skillServer as number,
      bot: p.world_skillBot as number,
      storage: p.world_skillStorage as number,
    },
    riskAversion: p.world_riskAversion as number,
    hurdleAnnual: p.world_hurdleAnnual as number,
    heterogeneity: p.world_investorHeterogeneity as number,
    memoryReviews: p.world_memoryReviews as number,
    noiseAnnual: p.world_returnNoise as number,
    reviewEveryS: (p.world_reviewDays as number) * 86_400,
    maxRoles: p.world_maxRoles as number,
    holdingYears: p.world_holdingYears as number,
  };
}

export function panWorld(p: Point) {
  const investors = panMinerOptions(p);
  return world({
    shards: p.world_shards as number,
    networks: panNetworks(p),
    prices: panPrices(p),
    agents: investors ? panMiners(investors) : undefined,
    supplyMetrics: true,
  });
}

/** Every column the pan-mining world publishes, documented: prices, supply across networks, investors, each network's. */
export function panWorldMetricsOf(nets: readonly AnyNetwork[]): Record<string, string> {
  const names = nets.map((n) => n.name);
  const investorDocs = panMinerMetrics(names, roleNamesOf(nets), frictionNamesOf(nets.map((n) => n.port).filter((x) => x !== undefined)));
  return {
    ...priceMetrics(['lpt_usd', 'eth_usd', 'oxt_usd', 'fil_usd', 'xdai_usd', 'gas_gwei']),
    world_supply_nakamoto_min: 'The lowest Nakamoto coefficient of any network’s supply side (stake, capacity)',
    world_supply_hhi_mean: 'The mean across networks of the HHI of each supply side',
    ...Object.fromEntries(names.map((n) => [`world_demand_served_fraction_${n}`, `Share of ${n}’s demand served since t = 0`])),
    ...Object.fromEntries(Object.entries(investorDocs).map(([k, v]) => [`world_investors_${k}`, v])),
    ...prefixed('livepeer', LIVEPEER_METRICS),
    ...prefixed('orchid', ORCHID_METRICS),
    ...prefixed('maker', MAKER_METRICS),
    ...prefixed('filecoin', FILECOIN_METRICS),
  };
}

/** The columns of the world at its defaults (the networks' names, roles and frictions do not depend on parameters). */
export const panWorldMetrics = panWorldMetricsOf([
  livepeer(livepeerConfigFrom({})),
  orchid(orchidConfigFrom({})),
  maker(makerConfigFrom({})),
  filecoin(filecoinConfigFrom({})),
]);

export const panWorldPopulations = (p: Point): PopulationInfo[] => [
  ...livepeerPopulations(panLivepeerConfig(p)).map((x) => ({ ...x, name: `livepeer_${x.name}` })),
  ...orchidPopulations(panOrchidConfig(p)).map((x) => ({ ...x, name: `orchid_${x.name}` })),
  ...makerPopulations(panMakerConfig(p)).map((x) => ({ ...x, name: `maker_${x.name}` })),
  ...filecoinPopulations(panFilecoinConfig(p)).map((x) => ({ ...x, name: `filecoin_${x.name}` })),
  { name: 'investors', count: p.world_investors as number, bytesPerAgent: 200 },
];
