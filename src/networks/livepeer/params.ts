import { type ParamSpec, param } from '../../core/params.ts';
import { LIVEPEER_MAINNET, LPT, MAX_ATTEMPTS, MINTER_PERC_DIVISOR, PRECISE_PERC_DIVISOR } from './protocol.ts';

/**
 * Every parameter of the Livepeer network model, with its range, default and documentation. Experiments spread
 * this record and override what they sweep: `params: { ...livepeerParams, targetBondingRate: livepeerParams
 * .targetBondingRate.set(grid([0.3, 0.5])) }`. Protocol constants default to the Arbitrum One deployment (see
 * protocol.ts for the source of each); behavioural and economic knobs are assumptions, each with its reason.
 */
export const livepeerParams = {
  // ---- run structure ----------------------------------------------------------------------------------------
  windowHours: param.real({
    value: 1,
    min: 0.01,
    max: 24,
    unit: 'h',
    doc: 'Market clearing window. Rounds (21.26 h) are processed at the first window end at or after their start.',
  }),

  // ---- population -------------------------------------------------------------------------------------------
  orchestrators: param.int({ value: 20, min: 1, max: 10_000, doc: 'Orchestrators registered at t = 0 (mainnet 2024: the 100-slot active set is full).' }),
  orchestratorCandidates: param.int({
    value: 10,
    min: 0,
    max: 10_000,
    doc: 'Potential orchestrators outside the network at t = 0 that enter when the expected return clears their hurdle.',
  }),
  delegators: param.int({ value: 2_000, min: 1, max: 100_000_000, doc: 'LPT holders (token-holder agents: bonding delegators and passive holders).' }),
  broadcasters: param.int({ value: 200, min: 1, max: 100_000_000, doc: 'Broadcasters (end users starting streams).' }),

  // ---- protocol (livepeer/protocol, Arbitrum One deployment) -----------------------------------------------
  targetBondingRate: param.real({
    value: Number(LIVEPEER_MAINNET.targetBondingRate) / Number(MINTER_PERC_DIVISOR),
    min: 0,
    max: 1,
    doc: 'Minter targetBondingRate as a fraction (mainnet 500000000 / 1e9 = 0.5, deployments/arbitrumMainnet/Minter.json).',
  }),
  inflationChange: param.int({
    value: Number(LIVEPEER_MAINNET.inflationChange),
    min: 0,
    max: 1_000_000_000,
    unit: 'ppb/round',
    doc: 'Minter inflationChange, parts per 1e9 per round (mainnet 500).',
  }),
  initialInflation: param.int({
    value: 553_000,
    min: 0,
    max: 1_000_000_000,
    unit: 'ppb/round',
    doc: "Minter inflation at t = 0, parts per 1e9 per round. 553000 (0.0553 %/round) is the level of late 2024 implied by the forum's 25.6 %/yr over 412.4 rounds a year (on chain: 558000 on 2024-11-01); the Arbitrum deployment's constructor value is 220500.",
  }),
  numActiveTranscoders: param.int({
    value: LIVEPEER_MAINNET.numActiveTranscoders,
    min: 1,
    max: 10_000,
    doc: 'Active set size (deploy/migrations.config.ts arbitrumMainnet: 100).',
  }),
  unbondingPeriodRounds: param.int({
    value: LIVEPEER_MAINNET.unbondingPeriodRounds,
    min: 0,
    max: 1_000,
    unit: 'rounds',
    doc: 'BondingManager unbondingPeriod (mainnet 7).',
  }),
  roundLengthHours: param.real({
    value: LIVEPEER_MAINNET.roundLengthS / 3600,
    min: 0.01,
    max: 1_000,
    unit: 'h',
    doc: "Round length: 6377 L1 blocks x 12 s = 21.26 h (RoundsManager roundLength since LIP-83, Oct 2022; Arbitrum block.number is L1's).",
  }),
  treasuryRewardCut: param.real({
    value: Number(LIVEPEER_MAINNET.treasuryRewardCutRate) / Number(PRECISE_PERC_DIVISOR),
    min: 0,
    max: 1,
    doc: 'BondingManager treasuryRewardCutRate as a fraction (mainnet 1e26 / 1e27 = 10 %).',
  }),
  treasuryCeilingLpt: param.real({
    value: Number(LIVEPEER_MAINNET.treasuryBalanceCeiling / LPT),
    min: 0,
    max: 1e12,
    unit: 'LPT',
    doc: 'treasuryBalanceCeiling (mainnet 750 000 LPT); the cut stops once the treasury holds this much.',
  }),
  initialTreasuryLpt: param.real({
    value: 0,
    min: 0,
    max: 1e12,
    unit: 'LPT',
    doc: 'Treasury balance at t = 0 (assumption: 0, so the cut applies for the whole of a one-year run).',
  }),
  maxSessions: param.int({
    value: LIVEPEER_MAINNET.maxSessions,
    min: 1,
    max: 100_000,
    doc: 'Concurrent sessions per orchestrator (go-livepeer starter.go defaultMaxSessions = 10; core/orchestrator.go refuses with ErrOrchCap when full).',
  }),
  candidatesPerStream: param.int({
    value: MAX_ATTEMPTS,
    min: 1,
    max: 1_000,
    doc: 'Orchestrators a broadcaster tries before giving up on a stream (go-livepeer server/broadcast.go MaxAttempts = 3).',
  }),
  selectStakeWeight: param.real({ value: LIVEPEER_MAINNET.selectStakeWeight, min: 0, max: 1, doc: 'go-livepeer starter.go defaultSelectStakeWeight (0.7).' }),
  selectRandWeight: param.real({ value: LIVEPEER_MAINNET.selectRandWeight, min: 0, max: 1, doc: 'go-livepeer starter.go defaultSelectRandWeight (0.3).' }),
  minPerfScore: param.real({
    value: 0,
    min: 0,
    max: 1,
    doc: 'go-livepeer -minPerfScore (default 0 = filter off); orchestrators below it are skipped unless none pass.',
  }),
  ticketEvGwei: param.real({
    value: Number(LIVEPEER_MAINNET.ticketEvWei) / 1e9,
    min: 0.001,
    max: 1e6,
    unit: 'gwei',
    doc: 'Orchestrator -ticketEV (starter.go default 8 gwei).',
  }),

  // ---- supply and holdings (2024-like assumptions) ---------------------------------------------------------
  initialSupplyLpt: param.real({
    value: 30_000_000,
    min: 1_000,
    max: 1e12,
    unit: 'LPT',
    doc: 'Approximate LPT supply at t = 0 (about 30 M in 2024; rates do not depend on it, only the reward() gas test does).',
  }),
  orchestratorStakeShare: param.real({
    value: 0.05,
    min: 0,
    max: 0.9,
    doc: 'Share of supply held by orchestrator operators (registered and candidates) as self-stake (assumption).',
  }),
  holdingSigma: param.real({
    value: 1.0,
    min: 0,
    max: 5,
    doc: 'Log-normal sigma of LPT holdings across holders (heavy-tailed token distribution; assumption).',
  }),
  passiveHolderFraction: param.real({
    value: 0.48,
    min: 0,
    max: 1,
    doc: 'Fraction of holders who never bond (exchanges, custodians, inactive wallets); with the next parameter sets 2024 participation of 45-50 %.',
  }),
  initialBondedFraction: param.real({ value: 0.9, min: 0, max: 1, doc: 'Fraction of the other holders bonded at t = 0.' }),
  stakeZipf: param.real({
    value: 0.8,
    min: 0,
    max: 3,
    doc: 'Zipf exponent of the initial delegation across orchestrators (concentrated stake, as on the explorer; assumption).',
  }),

  // ---- delegators (behaviour) ------------------------------------------------------------------------------
  reviewDays: param.real({
    value: 30,
    min: 0.01,
    max: 10_000,
    unit: 'd',
    doc: "Mean interval between a delegator's portfolio reviews (exponential timers: inertia / bounded attention).",
  }),
  delegatorHurdleAnnual: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: 'Median nominal annual yield a holder requires to bond (opportunity cost, liquidity preference); log-normal across holders.',
  }),
  hurdleSigma: param.real({ value: 0.5, min: 0, max: 5, doc: 'Log-normal sigma of hurdles across agents.' }),
  switchMargin: param.real({ value: 0.02, min: 0, max: 10, doc: 'Extra annual yield needed to move stake to another orchestrator (inertia).' }),
  yieldNoise: param.real({
    value: 0.2,
    min: 0,
    max: 5,
    doc: "Log-normal sigma of a delegator's error in perceiving an orchestrator's yield (bounded rationality).",
  }),
  consideration: param.int({
    value: 10,
    min: 1,
    max: 10_000,
    doc: 'Orchestrators a delegator looks at per review, drawn stake-weighted (explorer lists by stake).',
  }),
  liquidityNeedProb: param.real({
    value: 0.03,
    min: 0,
    max: 1,
    doc: 'Probability that a review ends in unbonding for reasons outside the model (need of cash).',
  }),

  // ---- orchestrators (economics and behaviour) -------------------------------------------------------------
  gasPriceGwei: param.real({
    value: 0.02,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: 'Arbitrum gas price (order of magnitude in 2024), used for reward() and ticket redemption and for ticket faceValue.',
  }),
  rewardGas: param.int({ value: 400_000, min: 0, max: 1e9, doc: 'Gas of a reward() call (assumption: order of magnitude of rewardWithHint on Arbitrum).' }),
  costPerPixelWei: param.real({
    value: 100,
    min: 0,
    max: 1e9,
    unit: 'wei/pixel',
    doc: 'Median marginal cost of transcoding (GPU time, bandwidth, electricity): about $0.04 per stream-hour of a 720p ladder at $3000/ETH.',
  }),
  costSigma: param.real({ value: 0.4, min: 0, max: 5, doc: 'Log-normal sigma of marginal cost across orchestrators.' }),
  fixedCostEthPerDay: param.real({
    value: 0.003,
    min: 0,
    max: 1e6,
    unit: 'ETH/d',
    doc: 'Fixed operating cost of an orchestrator (server, ops time): about $10/day.',
  }),
  hardwareCapitalEth: param.real({
    value: 1,
    min: 0,
    max: 1e9,
    unit: 'ETH',
    doc: 'Capital an orchestrator puts in besides self-stake (GPUs), for ROI and entry.',
  }),
  priceMarkup: param.real({
    value: 8,
    min: 1,
    max: 1e6,
    doc: "Initial price per pixel as a multiple of the orchestrator's cost (2024 prices of about 1000 wei/pixel against costs of about 100).",
  }),
  priceStep: param.real({ value: 0.02, min: 0, max: 1, doc: 'Relative price change per round when utilisation is above / below target.' }),
  targetUtilization: param.real({ value: 0.6, min: 0.01, max: 1, doc: 'Session utilisation an orchestrator aims for when setting its price.' }),
  minMargin: param.real({ value: 0.2, min: 0, max: 100, doc: 'Lowest price as a markup over own marginal cost.' }),
  rewardCutMean: param.real({ value: 0.1, min: 0, max: 1, doc: 'Mean initial rewardCut (uniform on [0, 2x mean] capped at 1).' }),
  feeShareMean: param.real({ value: 0.5, min: 0, max: 1, doc: 'Mean feeShare (uniform on [mean/2, min(1, 1.5 mean)]).' }),
  commissionStep: param.real({
    value: 0.002,
    min: 0,
    max: 1,
    doc: 'Change of rewardCut per round: down when the orchestrator lost delegated stake, up when it gained.',
  }),
  rewardMissProb: param.real({ value: 0.02, min: 0, max: 1, doc: 'Probability an orchestrator misses reward() in a round although it pays (downtime).' }),
  entryHurdleAnnual: param.real({
    value: 0.2,
    min: -10,
    max: 100,
    doc: 'Median annual operating return on capital a candidate requires to enter (log-normal spread by hurdleSigma).',
  }),
  exitAfterRounds: param.int({
    value: 30,
    min: 1,
    max: 1_000_000,
    unit: 'rounds',
    doc: 'Consecutive rounds of operating loss (smoothed) after which an orchestrator leaves.',
  }),
  memoryRounds: param.real({
    value: 10,
    min: 1,
    max: 10_000,
    unit: 'rounds',
    doc: 'Memory of published averages (EWMA time constant) that agents decide from.',
  }),
  orchestratorReviewRounds: param.real({ value: 10, min: 1, max: 1e6, unit: 'rounds', doc: "Mean rounds between a candidate's entry evaluations." }),

  // ---- outside capital: the port investors enter through (src/networks/livepeer/capital-port.ts) ---------------
  exchangeFloatLpt: param.real({
    value: 0,
    min: 0,
    max: 1e10,
    unit: 'LPT',
    doc: 'Liquid LPT held on exchanges at t = 0, the only LPT an outside investor can buy (and where it sells). 0: the port refuses buyers.',
  }),
  tradingFee: param.real({
    value: 0.003,
    min: 0,
    max: 0.5,
    doc: "Share of a trade's value lost to the venue (assumption: Uniswap v3's 0.3 % fee tier, Binance spot 0.1 %).",
  }),
  bondGas: param.int({
    value: 400_000,
    min: 0,
    max: 1e9,
    doc: 'Gas of a bond (or of registering an orchestrator) on Arbitrum (assumption: the order of magnitude of reward(), rewardGas).',
  }),
  unbondGas: param.int({ value: 400_000, min: 0, max: 1e9, doc: 'Gas of an unbond on Arbitrum (assumption, as bondGas).' }),
  withdrawGas: param.int({ value: 200_000, min: 0, max: 1e9, doc: 'Gas of withdrawStake after the unbonding period (assumption: half a bond).' }),
  investorOrchestratorSlots: param.int({
    value: 0,
    min: 0,
    max: 10_000,
    doc: 'Orchestrator slots that outside investors can run (beyond the model’s orchestrators and candidates).',
  }),
  hardwareResaleShare: param.real({
    value: 0.5,
    min: 0,
    max: 1,
    doc: 'Share of the hardware’s price (hardwareCapitalEth) an investor gets back when it stops an orchestrator (assumption: used GPUs).',
  }),

  // ---- broadcasters / demand -------------------------------------------------------------------------------
  streamsPerHour: param.real({ value: 40, min: 0, max: 1e9, unit: '1/h', doc: 'Stream arrival rate of all broadcasters together (Poisson).' }),
  meanStreamMinutes: param.real({ value: 30, min: 0.01, max: 1e6, unit: 'min', doc: 'Mean stream duration (exponential).' }),
  hdFraction: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'Broadcasters that add a 720p rendition to the go-livepeer default ladder (P240p30fps16x9, P360p30fps16x9, starter.go).',
  }),
  activitySigma: param.real({ value: 1, min: 0, max: 5, doc: "Log-normal sigma of broadcasters' stream rates (mean kept at streamsPerHour / broadcasters)." }),
  maxPricePerPixelWei: param.real({
    value: 1500,
    min: 0,
    max: 1e12,
    unit: 'wei/pixel',
    doc: 'Median broadcaster price cap (go-livepeer -maxPricePerUnit with pixelsPerUnit 1; assumption).',
  }),
  maxPriceSigma: param.real({ value: 0.4, min: 0, max: 5, doc: 'Log-normal sigma of caps across broadcasters.' }),
  capRaiseStep: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: "Relative rise of a broadcaster's cap after a stream found no orchestrator under it (up to 2x its initial cap).",
  }),
} as const satisfies Record<string, ParamSpec>;

/** One mainnet round in hours (6377 L1 blocks x 12 s = 21.257 h): the window of experiments that clear once a round. */
export const MAINNET_ROUND_HOURS = LIVEPEER_MAINNET.roundLengthS / 3600;

/** The names of the model's parameters. */
export type LivepeerParamName = keyof typeof livepeerParams;

/** A full configuration: one number per parameter. */
export type LivepeerConfig = { readonly [K in LivepeerParamName]: number };

/** The defaults of every parameter. */
export function defaultLivepeerConfig(overrides: Partial<LivepeerConfig> = {}): LivepeerConfig {
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(livepeerParams)) out[k] = spec.value as number;
  return Object.freeze({ ...(out as LivepeerConfig), ...overrides });
}

/** Picks the model's parameters out of an experiment point (other keys ignored; missing ones take defaults). */
export function livepeerConfigFrom(point: Readonly<Record<string, unknown>>): LivepeerConfig {
  const over: Record<string, number> = {};
  for (const k of Object.keys(livepeerParams)) {
    const v = point[k];
    if (typeof v === 'number') over[k] = v;
  }
  return defaultLivepeerConfig(over as Partial<LivepeerConfig>);
}
