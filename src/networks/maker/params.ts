import { type ParamSpec, param } from '../../core/params.ts';
import { SCENARIO_NAMES, type ScenarioName } from './protocol.ts';

/**
 * Every parameter of the Maker network, bare names (experiments prefix them `maker_`). Protocol values come from the
 * scenario (`protocol.ts` MAKER_SCENARIOS, each cited); the sweepable ones here override it when set (a value of −1
 * means "the scenario's"). Behavioural knobs are assumptions, each with the evidence behind its default.
 */
export const makerParams = {
  scenario: param.choice(SCENARIO_NAMES, {
    value: 'current',
    doc: 'Protocol parameters in force: 2020-03 (Black Thursday: the 2019 Cat and Flipper, no PSM), 2022-01 (ETH-A of 2022-01-14, Liquidation 2.0, PSM) or current (spells-mainnet 2025-07).',
  }),
  windowMinutes: param.real({
    value: 10,
    min: 1,
    max: 240,
    unit: 'min',
    doc: 'Clearing period: vault owners act and barks land at window ends; auctions are stepped every 30 s inside.',
  }),

  // ---- population ----------------------------------------------------------------------------------------------
  vaults: param.int({
    value: 400,
    min: 1,
    max: 10_000_000,
    doc: 'ETH-A vaults at t = 0 (mainnet 2020-03: about 10 000 ETH vaults; mainnet 2022: about 8 000; the model scales debt with debtPerVaultDai).',
  }),
  debtPerVaultDai: param.real({
    value: 50_000,
    min: 0,
    max: 1e9,
    unit: 'DAI',
    doc: 'Median vault debt at t = 0 (log-normal, σ = 1.5): a few vaults hold most debt, as on mainnet (whiterabbit 2020: the largest vault lost about 35 000 ETH).',
  }),
  collateralRatioMedian: param.real({
    value: 2.4,
    min: 1,
    max: 20,
    doc: 'Median target collateral ratio of owners (log-normal, σ 0.25); Maker dashboards of 2020-2022 showed ETH-A around 250-350 %.',
  }),
  collateralRatioSigma: param.real({ value: 0.25, min: 0, max: 2, doc: 'Log-normal σ of owners’ target collateral ratios.' }),
  attentiveShare: param.real({
    value: 0.6,
    min: 0,
    max: 1,
    doc: 'Owners who check their vault every reviewHours (the rest check every lateReviewHours; assumption).',
  }),
  neverShare: param.real({ value: 0.15, min: 0, max: 1, doc: 'Owners who never top up or repay (lost keys, abandoned vaults; assumption).' }),
  reviewHours: param.real({ value: 2, min: 0.01, max: 1e4, unit: 'h', doc: 'Mean time between an attentive owner’s checks (exponential).' }),
  lateReviewHours: param.real({ value: 24, min: 0.01, max: 1e5, unit: 'h', doc: 'Mean time between a late owner’s checks.' }),
  topUpShare: param.real({ value: 0.5, min: 0, max: 1, doc: 'Of owners who act when their ratio is low, the share that adds ETH (the others repay DAI).' }),
  actRatio: param.real({
    value: 0.8,
    min: 0.1,
    max: 1,
    doc: 'Owners act when their ratio at the market price falls below actRatio × target (and back up to target).',
  }),
  drawRatio: param.real({ value: 1.3, min: 1, max: 10, doc: 'Owners draw more DAI when their ratio rises above drawRatio × target.' }),
  pegThreshold: param.real({
    value: 0.01,
    min: 0,
    max: 1,
    doc: 'Owners repay a fifth of their debt at a check when DAI trades below 1 − pegThreshold (cheap debt to close), and draw towards their target when above 1 + pegThreshold: the peg mechanism before the PSM.',
  }),
  repayPremiumMax: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: 'Owners do not buy DAI to repay when it costs more than 1 + repayPremiumMax (they wait, or risk liquidation; assumption: on 12 March 2020 DAI rose to about $1.10 under the rush to repay).',
  }),
  feeTolerance: param.real({
    value: 0.1,
    min: 0,
    max: 10,
    doc: 'Median stability fee an owner tolerates per year (log-normal σ 0.5); above it, owners repay a tenth of their debt at each check.',
  }),

  // ---- protocol overrides (−1: the scenario's) ---------------------------------------------------------------------
  liquidationRatio: param.real({ value: -1, min: -1, max: 10, doc: 'Spot mat (1.45 = 145 %); −1 keeps the scenario’s.' }),
  stabilityFee: param.real({ value: -1, min: -1, max: 10, doc: 'ETH-A stability fee per year; −1 keeps the scenario’s.' }),
  dsr: param.real({ value: -1, min: -1, max: 10, doc: 'Dai Savings Rate per year; −1 keeps the scenario’s.' }),
  buf: param.real({ value: -1, min: -1, max: 10, doc: 'Clipper buf (starting price over the OSM price); −1 keeps the scenario’s.' }),
  tail: param.real({ value: -1, min: -1, max: 1e7, unit: 's', doc: 'Clipper tail (seconds before a reset is needed); −1 keeps the scenario’s.' }),
  cusp: param.real({ value: -1, min: -1, max: 1, doc: 'Clipper cusp (price drop before a reset is needed); −1 keeps the scenario’s.' }),
  psmTin: param.real({ value: -1, min: -1, max: 1, doc: 'PSM tin (fee to mint DAI with USDC); −1 keeps the scenario’s.' }),
  psmTout: param.real({ value: -1, min: -1, max: 1, doc: 'PSM tout (fee to redeem USDC with DAI); −1 keeps the scenario’s.' }),
  liquidation: param.choice(['scenario', 'cat-2020', 'cat-1.2', 'dog'], {
    value: 'scenario',
    doc: 'Liquidation mechanism: the scenario’s, or forced (Liquidation 1.2 against 2.0 on the same day).',
  }),
  psm: param.choice(['scenario', 'on', 'off'], { value: 'scenario', doc: 'PSM present: the scenario’s, or forced on or off.' }),
  psmUsdc: param.real({ value: 50e6, min: 0, max: 1e12, unit: 'USDC', doc: 'USDC already in the PSM at t = 0 (its DAI is in holders’ hands).' }),

  // ---- venues ----------------------------------------------------------------------------------------------------
  daiUsdcPoolDai: param.real({ value: 5e6, min: 1, max: 1e12, unit: 'DAI', doc: 'DAI in the DAI/USDC constant-product pool at t = 0 (balanced at $1).' }),
  daiUsdcFee: param.real({ value: 0.0004, min: 0, max: 0.1, doc: 'DAI/USDC pool fee (Curve 3pool charged 0.04 %; Uniswap V2 0.3 %).' }),
  ethDaiPoolEth: param.real({ value: 20_000, min: 1, max: 1e9, unit: 'ETH', doc: 'ETH in the ETH/DAI pool at t = 0 (balanced at the world’s ETH price).' }),
  ethDaiFee: param.real({ value: 0.003, min: 0, max: 0.1, doc: 'ETH/DAI pool fee (Uniswap V2: 0.3 %).' }),

  // ---- DAI holders and traders ------------------------------------------------------------------------------
  holderGroups: param.int({ value: 20, min: 1, max: 10_000, doc: 'Groups of DAI holders, each with its own DSR hurdle (log-normal around outsideRate).' }),
  outsideRate: param.real({
    value: 0.03,
    min: 0,
    max: 1,
    doc: 'Median yield holders can get elsewhere for DAI; a group parks its DAI in the DSR when the DSR beats its hurdle.',
  }),
  dsrResponse: param.real({ value: 0.05, min: 0, max: 1, doc: 'Share of the gap to its desired DSR position a group closes per window (inertia).' }),
  traderPegPull: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'Share of the gap between DAI’s price and $1 that traders close each window (they expect the peg to hold; assumption: a third per window is a half-life of about 20 minutes at 10-minute windows).',
  }),
  traderVolumeDaiPerDay: param.real({
    value: 2e6,
    min: 0,
    max: 1e12,
    unit: 'DAI/day',
    doc: 'Sd of traders’ net DAI demand per day on the DAI/USDC pool (random walk, zero mean).',
  }),

  // ---- keepers -----------------------------------------------------------------------------------------------------
  auctionKeepers: param.int({ value: 6, min: 0, max: 1000, doc: 'Auction keepers running at t = 0 (Maker’s 2021 keeper count: tens of bots; assumption).' }),
  auctionKeeperCandidates: param.int({ value: 4, min: 0, max: 1000, doc: 'Auction keepers that may enter when keeping pays.' }),
  lowballKeepers: param.int({
    value: 0,
    min: 0,
    max: 100,
    doc: 'Of the auction keepers, those that open Flipper auctions at the smallest bid and raise only when outbid (Black Thursday: four addresses won with 0 DAI, whiterabbit 2020).',
  }),
  lowballMaxGasGwei: param.real({
    value: 2000,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: 'Gas price the lowballing keepers will pay (Black Thursday: the zero-bidders had set their bots not to choke on high gas, whiterabbit 2020 via cryptoscoop.io).',
  }),
  arbMaxGasGwei: param.real({
    value: 2000,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: 'Median gas price an arbitrage keeper will pay (log-normal σ 0.5): arbitrage bots bid for block space (assumption; the 2020 gas spikes were partly their doing).',
  }),
  arbKeepers: param.int({ value: 4, min: 0, max: 1000, doc: 'Arbitrage keepers (DAI across venues and the PSM).' }),
  keeperLatencySeconds: param.real({
    value: 30,
    min: 0,
    max: 86_400,
    unit: 's',
    doc: 'Median time from a chance appearing to a keeper sending its transaction (log-normal σ 0.5).',
  }),
  keeperMaxGasGwei: param.real({
    value: 2000,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: 'Median gas price a keeper will pay (log-normal σ 0.5; auction-keeper --gas-maximum default 2000 gwei in 2021; the 2020 keepers were capped far lower, whiterabbit 2020).',
  }),
  keeperGasStart: param.real({
    value: 0.8,
    min: 0.01,
    max: 10,
    doc: 'A keeper’s first gas price as a share of the network’s (its oracle lags); it then bumps ×1.125 every 42 s (auction-keeper gas.py).',
  }),
  keeperConcurrency: param.int({ value: 4, min: 1, max: 1000, doc: 'Transactions a keeper bot keeps on their way at once (distinct nonces; assumption).' }),
  keeperCapitalDai: param.real({
    value: 2e6,
    min: 0,
    max: 1e12,
    unit: 'DAI',
    doc: 'DAI each keeper can commit to bids (Flipper) or takes without flash liquidity.',
  }),
  keeperMargin: param.real({ value: 0.03, min: 0, max: 1, doc: 'Median discount to the market price a keeper requires on collateral (log-normal σ 0.5).' }),
  flashShare: param.real({ value: 1, min: 0, max: 1, doc: 'Share of auction keepers that take with a flash swap (clipperCall) and need no capital (MIP45).' }),
  keeperBotCostUsdPerDay: param.real({ value: 50, min: 0, max: 1e6, unit: 'USD/day', doc: 'Cost of running one keeper bot (node, servers; assumption).' }),
  keeperMemoryDays: param.real({
    value: 7,
    min: 0.1,
    max: 365,
    unit: 'd',
    doc: 'Keepers leave after this long without covering their bot cost; candidates enter when the average keeper covered it.',
  }),

  // ---- gas (units per transaction; assumptions from typical mainnet receipts) -----------------------------------
  gasBark: param.int({ value: 450_000, min: 0, max: 1e8, doc: 'Gas of a bark or bite.' }),
  gasTake: param.int({ value: 400_000, min: 0, max: 1e8, doc: 'Gas of a take (with the flash swap) or a tend/dent/deal.' }),
  gasArb: param.int({ value: 250_000, min: 0, max: 1e8, doc: 'Gas of an arbitrage trade (a swap and a PSM call).' }),
  investorSlots: param.int({
    value: 2,
    min: 0,
    max: 100,
    doc: 'Keeper slots of each kind outside investors can run through the port, and vaults per shard they can open.',
  }),
  investorVaultRatio: param.real({
    value: 2.5,
    min: 1.01,
    max: 100,
    doc: 'Collateral ratio an investor’s vault draws DAI to when it opens (the port’s `vault` role).',
  }),
  gasVault: param.int({
    value: 500_000,
    min: 0,
    max: 1e8,
    doc: 'Gas of opening a vault (join, lock, draw) or of closing it (wipe, free, exit) through a proxy (assumption).',
  }),
  arbCapitalUsd: param.real({ value: 2e6, min: 0, max: 1e12, unit: 'USD', doc: 'Capital of each arbitrage keeper (USDC and DAI together).' }),
} as const satisfies Record<string, ParamSpec>;

export type MakerParamName = keyof typeof makerParams;

/** A full configuration: numbers, except the choices. */
export type MakerConfig = { readonly [K in MakerParamName]: K extends 'scenario' ? ScenarioName : K extends 'liquidation' | 'psm' ? string : number };

export function defaultMakerConfig(overrides: Partial<MakerConfig> = {}): MakerConfig {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(makerParams)) out[k] = spec.value;
  return Object.freeze({ ...(out as MakerConfig), ...overrides });
}

/** The network's parameters out of an experiment point (other keys ignored; missing ones take defaults). */
export function makerConfigFrom(point: Readonly<Record<string, unknown>>): MakerConfig {
  const over: Record<string, unknown> = {};
  for (const k of Object.keys(makerParams)) if (point[k] !== undefined) over[k] = point[k];
  return defaultMakerConfig(over as Partial<MakerConfig>);
}
