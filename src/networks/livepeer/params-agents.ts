import { type ParamSpec, param } from '../../core/params.ts';

/**
 * The agents' behaviour and economics. Each default says where it comes from: **evidence** (a source other than the
 * 2023-2025 aggregate path the backtest is held against, in research/livepeer/evidence.md), **fitted on 2023** (chosen
 * on the 2023 part of the record; 2024-mid 2025 is then out of sample, see the README), or **assumption** (no source
 * found; the reason given).
 */
export const agentParams = {
  // ---- holders: delegators and liquid holders ----------------------------------------------------------------
  reviewDays: param.real({
    value: 400,
    min: 0.01,
    max: 10_000,
    unit: 'd',
    doc: "Mean interval between a holder's reviews (exponential). Evidence: 8,905 EarningsClaimed events in 2023 for about 3,300 bonded wallets (its-DeFine) is 2.7 transactions a wallet a year; at 400 days the model's holders send 2.7 too (a review that sells sends two: unbond, withdraw).",
  }),
  exitProbAnnual: param.real({
    value: 0.33,
    min: 0,
    max: 1,
    doc: 'Probability a bonded holder unbonds everything within a year for reasons outside the model (need of cash), and sells it. Evidence: 32.9 % of first-time bonders unbonded within 365 days (its-DeFine retention curves).',
  }),
  rewardSellShare: param.real({
    value: 0.5,
    min: 0,
    max: 1,
    doc: 'Mean share of its LPT rewards a bonded holder sells (uniform across holders on [0, 2 x mean]). Evidence: 41-65 % of the rewards claimed in 2022-2026 were withdrawn from staking (its-DeFine earnings-report.md).',
  }),
  takeProfitRate: param.real({
    value: 1,
    min: 0,
    max: 100,
    doc: "Share of its stake a bonded holder sells per unit of log(price / reference price) when the LPT price in USD is above its reference (the mean over priceMemoryDays). Fitted on 2023 (the January 2023 rally and February's unbonding); the sign from Shtuka's regression (participation falls with market activity).",
  }),
  priceMemoryDays: param.real({
    value: 90,
    min: 1,
    max: 10_000,
    unit: 'd',
    doc: "Memory of a holder's reference price (exponential mean of the LPT price in USD; assumption: a quarter).",
  }),
  hurdleSigma: param.real({
    value: 2,
    min: 0,
    max: 5,
    doc: "Spread of holders' hurdles: at t = 0 a bonded holder's hurdle is the yield it sees divided by a log-normal factor exp(sigma |z|), a liquid holder's multiplied by one, so each is where its hurdle puts it; the spread sets how many move when the yield changes. Fitted on 2023.",
  }),
  beliefMemoryDays: param.real({
    value: 90,
    min: 1,
    max: 10_000,
    unit: 'd',
    doc: "Memory of a delegator's belief about its own orchestrator's yield, updated from the growth of its own stake at each review (assumption: a quarter).",
  }),
  consideration: param.int({
    value: 5,
    min: 1,
    max: 10_000,
    doc: 'Distinct orchestrators a holder looks at per review, drawn stake-weighted without replacement (the explorer lists by stake; assumption).',
  }),
  switchHorizonDays: param.real({
    value: 90,
    min: 0,
    max: 10_000,
    unit: 'd',
    doc: "Horizon over which a delegator weighs a better yield against the cost of moving (the bond's gas and the round's reward lost): it moves when the extra yield over the horizon exceeds them (assumption: a quarter).",
  }),

  // ---- orchestrators: a business ----------------------------------------------------------------------------
  fixedCostUsdPerDay: param.real({
    value: 5,
    min: 0,
    max: 1e9,
    unit: 'USD/d',
    doc: "Median fixed cost of running an orchestrator (hardware, hosting, power), log-normal across orchestrators (fixedCostSigma): with sigma 1 the mean is $8.2 a day, $25,000 a month for 100, near the lower bound of Koschig's cost sheet ($32,211 a month for the service nodes, labour included); most operators run it on the side on their own hardware (node-operator survey, 2023).",
  }),
  fixedCostSigma: param.real({
    value: 1,
    min: 0,
    max: 5,
    doc: 'Log-normal sigma of fixed costs across orchestrators (home rigs to data-centre fleets; assumption).',
  }),
  hardwareCapitalUsd: param.real({
    value: 5_000,
    min: 0,
    max: 1e9,
    unit: 'USD',
    doc: "Hardware an orchestrator buys to enter (evidence: its-DeFine's $5,000 per GPU; RTX 3060-3090 in the operator survey).",
  }),
  costUsdPerTpx: param.real({
    value: 0.1,
    min: 0,
    max: 1e6,
    unit: 'USD/Tpx',
    doc: 'Marginal cost of transcoding per 10^12 output pixels, log-normal across orchestrators (costSigma): bandwidth at $0.01/GB (Koschig) for a ladder of about 5 Mbps (assumption).',
  }),
  costSigma: param.real({ value: 0.4, min: 0, max: 5, doc: 'Log-normal sigma of marginal cost across orchestrators (assumption).' }),
  initialPriceUsdPerTpx: param.real({
    value: 1.0,
    min: 0,
    max: 1e6,
    unit: 'USD/Tpx',
    doc: 'Median price per 10^12 pixels at t = 0 (go-livepeer -pricePerUnit in USD with -pixelsPerUnit 1e12). 2023-01-01: $0.00274 a minute in Q4 2022 (Explorer) over the pixels of a minute of the ladders.',
  }),
  priceSigma: param.real({ value: 0.3, min: 0, max: 5, doc: 'Log-normal sigma of initial prices across orchestrators (assumption).' }),
  priceStep: param.real({
    value: 0.0015,
    min: 0,
    max: 1,
    doc: 'Relative change of an orchestrator’s USD price per round, up when its utilisation is above target, down when below. Fitted on 2023 (the price per minute fell from $0.0028 to $0.0023 over 2023).',
  }),
  targetUtilization: param.real({ value: 0.6, min: 0.01, max: 1, doc: 'Session utilisation an orchestrator aims for when pricing (assumption).' }),
  minMargin: param.real({
    value: 0.2,
    min: 0,
    max: 100,
    doc: 'Price floor as a markup over the marginal cost of what the orchestrator keeps: cost / (1 - feeShare) x (1 + minMargin) (assumption).',
  }),
  rewardMissProb: param.real({
    value: 0.02,
    min: 0,
    max: 1,
    doc: 'Probability an active orchestrator misses reward() in a round though it pays (assumption: downtime). The model then mints 0.980 of the nominal issuance; on chain supply grew 0.982 of it in 2023, 1.000 in 2024 and 0.984 in H1 2025 (at 1.125 rounds a day; research/livepeer/data).',
  }),
  commissionReviewRounds: param.real({
    value: 30,
    min: 1,
    max: 1e6,
    unit: 'rounds',
    doc: 'Mean rounds between an orchestrator’s reviews of its rewardCut (assumption: a month; no 2023-2025 record of TranscoderUpdate events was found).',
  }),
  commissionTrigger: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: 'Share of its delegated stake an orchestrator must have lost (gained) to delegators since its last review, beyond what the whole active set lost (gained), before it lowers (raises) its rewardCut by commissionStep; it also raises it after a loss (assumption).',
  }),
  commissionStep: param.real({ value: 0.01, min: 0, max: 1, doc: 'Change of rewardCut at a review that calls for one (assumption: one point).' }),
  exitAfterRounds: param.int({
    value: 60,
    min: 1,
    max: 1_000_000,
    unit: 'rounds',
    doc: 'Consecutive rounds of smoothed economic loss (income below costs and the return its self-stake would earn delegated) after which an orchestrator leaves (assumption: two months).',
  }),
  memoryRounds: param.real({
    value: 30,
    min: 1,
    max: 10_000,
    unit: 'rounds',
    doc: 'Memory of published averages and of orchestrators’ profit (exponential; assumption: a month).',
  }),
  entryHurdleAnnual: param.real({
    value: 0.2,
    min: -10,
    max: 100,
    doc: 'Annual return on hardware a candidate requires to enter the active set (log-normal across candidates with sigma 0.5; assumption).',
  }),
  orchestratorReviewRounds: param.real({ value: 30, min: 1, max: 1e6, unit: 'rounds', doc: "Mean rounds between a candidate's entry reviews (assumption)." }),
  poolShare: param.real({
    value: 0,
    min: 0,
    max: 1,
    doc: 'Share of orchestrators that run a transcoder pool (go-livepeer -orchestrator with remote -transcoder nodes): more sessions, fees shared with the pool (0 = off).',
  }),
  poolTranscoders: param.int({ value: 5, min: 1, max: 10_000, doc: "Transcoders in a pool: its sessions are this many times an orchestrator's." }),
  poolPayoutShare: param.real({
    value: 0.7,
    min: 0,
    max: 1,
    doc: 'Share of the fees it keeps that a pool pays its transcoders, who bear their own hardware (assumption).',
  }),

  // ---- AI inference: a second kind of job ------------------------------------------------------------------
  aiJobsPerHour: param.real({
    value: 0,
    min: 0,
    max: 1e9,
    unit: '1/h',
    doc: 'AI inference jobs a hour, all gateways (Poisson). The AI subnet opened on 2024-05-21; a schedule starts it then.',
  }),
  aiJobSeconds: param.real({ value: 5, min: 0.001, max: 1e6, unit: 's', doc: 'Mean GPU time of an AI job (exponential; assumption: an image generation).' }),
  aiOrchestratorShare: param.real({ value: 0.3, min: 0, max: 1, doc: 'Share of orchestrators with AI capability (assumption).' }),
  aiSessions: param.int({ value: 4, min: 1, max: 100_000, doc: 'Concurrent AI jobs an AI-capable orchestrator serves (assumption: GPUs).' }),
  aiPriceUsdPerSecond: param.real({
    value: 0.001,
    min: 0,
    max: 1e6,
    unit: 'USD/s',
    doc: 'Median AI price per GPU-second at launch (assumption; the backtest sets the demand so that AI is 24 % of Q3 2024 fees, the one record).',
  }),
  aiCostUsdPerSecond: param.real({ value: 0.0002, min: 0, max: 1e6, unit: 'USD/s', doc: 'Marginal cost of a GPU-second (power; assumption).' }),

  // ---- broadcasters / demand -------------------------------------------------------------------------------
  streamsPerHour: param.real({ value: 40, min: 0, max: 1e9, unit: '1/h', doc: 'Stream arrival rate of all broadcasters together (Poisson).' }),
  meanStreamMinutes: param.real({ value: 30, min: 0.01, max: 1e6, unit: 'min', doc: 'Mean stream duration (exponential; assumption).' }),
  hdFraction: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'Broadcasters that add a 720p rendition to the go-livepeer default ladder (P240p30fps16x9, P360p30fps16x9, starter.go).',
  }),
  activitySigma: param.real({ value: 1, min: 0, max: 5, doc: "Log-normal sigma of broadcasters' stream rates (mean kept at streamsPerHour / broadcasters)." }),
  maxPriceUsdPerTpx: param.real({
    value: 0,
    min: 0,
    max: 1e9,
    unit: 'USD/Tpx',
    doc: 'Median broadcaster price cap per 10^12 pixels (go-livepeer -maxPricePerUnit in USD); 0 = accept any price, as go-livepeer does by default.',
  }),
  maxPriceSigma: param.real({ value: 0.4, min: 0, max: 5, doc: 'Log-normal sigma of caps across broadcasters.' }),
  capRaiseStep: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: "Relative rise of a broadcaster's cap after a stream found no orchestrator under it (up to 2x its initial cap).",
  }),

  // ---- outside capital: the port investors enter through (capital-port.ts) ---------------------------------
  tradingFee: param.real({
    value: 0.003,
    min: 0,
    max: 0.5,
    doc: "Share of a trade's value lost to the venue (assumption: Uniswap v3's 0.3 % fee tier, Binance spot 0.1 %).",
  }),
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
    doc: 'Share of the hardware’s price an investor gets back when it stops an orchestrator (assumption: used GPUs).',
  }),
} as const satisfies Record<string, ParamSpec>;
