import { type ParamSpec, param } from '../../core/params.ts';

/**
 * Every parameter of the Filecoin network model, with its range, default and source. Protocol constants are not
 * parameters (they are in protocol.ts); these are the network's state at t = 0, the agents' economics and
 * behaviour, and the run's scale. Defaults describe the network on 2022-10-10, the backtest's start, from public
 * data (experiments/data/filecoin/initial-state.csv names the source of each); behavioural knobs are assumptions,
 * each with the evidence behind it. Experiments spread this record (prefixed `filecoin_`) and override what they
 * sweep.
 */
export const filecoinParams = {
  // ---- population -------------------------------------------------------------------------------------------
  providers: param.int({
    value: 60,
    min: 1,
    max: 100_000,
    doc: 'Storage-provider agents at t = 0. They hold the whole network power between them (log-normal sizes, rescaled: with fewer agents each is larger); 4069 were active on 2022-08-21 (Starboard; initial-state.csv).',
  }),
  providerCandidates: param.int({
    value: 20,
    min: 0,
    max: 100_000,
    doc: 'Would-be providers outside the network who enter when the expected return clears their hurdle.',
  }),
  clients: param.int({ value: 400, min: 0, max: 10_000_000, doc: 'Storage-client agents (end users with data), split over the shards.' }),
  sizeSigma: param.real({
    value: 1.35,
    min: 0,
    max: 5,
    doc: "Log-normal sigma of providers' raw power at t = 0 (rescaled to the network's). Fitted to Starboard's count of 2022-08-21 (initial-state.csv): 4 % of providers above 20 PiB and 1 % above 50 PiB give sigma = ln(50/20) / (2.326 − 1.645) = 1.35; it puts ~1 % under 100 TiB (home), ~27 % under 1 PiB and ~70 % under 4 PiB (Starboard: over 75 %).",
  }),

  // ---- the network at t = 0 (2022-10-10, Spacescope via CELtd/mechafil-server; initial-state.csv) --------------
  startDate: param.choice(['2022-10-10'], { value: '2022-10-10', doc: 'The public state t = 0 stands for (only one is shipped).' }),
  initialRawPowerEib: param.real({ value: 16.597, min: 0.001, max: 1_000, unit: 'EiB', doc: 'Network raw byte power at t = 0 (Spacescope 2022-10-10).' }),
  initialQaPowerEib: param.real({
    value: 18.71,
    min: 0.001,
    max: 10_000,
    unit: 'EiB',
    doc: 'Network quality-adjusted power at t = 0 (Spacescope 2022-10-10).',
  }),
  initialCirculatingFil: param.real({
    value: 370_153_503,
    min: 0,
    max: 2e9,
    unit: 'FIL',
    doc: 'Protocol circulating supply at t = 0 (Spacescope 2022-10-10).',
  }),
  initialLockedFil: param.real({
    value: 137_379_414,
    min: 0,
    max: 2e9,
    unit: 'FIL',
    doc: 'FIL locked (pledge + vesting rewards) at t = 0 (Spacescope 2022-10-10).',
  }),
  initialBurntFil: param.real({ value: 33_118_764, min: 0, max: 2e9, unit: 'FIL', doc: 'FIL burnt at t = 0 (Spacescope 2022-10-10).' }),
  initialCumCappedPowerEibDays: param.real({
    value: 4090.4117,
    min: 0,
    max: 1e9,
    unit: 'EiB·d',
    doc: "Cumulative raw power capped at the baseline (the reward actor's CumsumRealized) at t = 0 (Spacescope 2022-10-10): sets the effective network time.",
  }),
  reserveDisbursedFil: param.real({
    value: 17_066_619,
    min: 0,
    max: 3e8,
    unit: 'FIL',
    doc: 'FIL disbursed from the mining reserve f090 (lotus FilReserveDisbursed): 17 066 619 (CELtd/mechafil-jax supply.py disbursed_reserve).',
  }),
  ccSectorDays: param.real({
    value: 540,
    min: 180,
    max: 1278,
    unit: 'd',
    doc: 'Commitment of a committed-capacity sector (lotus pledges ~538 days by default; lotus docs "Sector pledging").',
  }),

  // ---- providers' economics -----------------------------------------------------------------------------------
  capexUsdPerTib: param.real({
    value: 60,
    min: 0,
    max: 10_000,
    unit: 'USD/TiB',
    doc: 'Hardware per TiB of raw capacity for a medium provider, sealing share included (drives ≈ $15-25/TiB, with servers, sealing workers and networking: assumption); tiers scale it.',
  }),
  hardwareLifeYears: param.real({ value: 5, min: 0.5, max: 20, unit: 'yr', doc: 'Depreciation period of the hardware.' }),
  hardwareResaleShare: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'Share of its cost hardware fetches when a provider exits (used storage servers: assumption).',
  }),
  opexUsdPerTibYear: param.real({
    value: 16,
    min: 0,
    max: 10_000,
    unit: 'USD/TiB/yr',
    doc: 'Power, bandwidth and staff per TiB-year for a medium provider: CEL SP cost explorer defaults $6000 + $660 + $9830 per PiB-year (CELtd/sp_cost_web main.py); tiers scale it.',
  }),
  costSigma: param.real({
    value: 0.5,
    min: 0,
    max: 5,
    doc: "Log-normal sigma of a provider's capex and opex around its tier's (sites, power prices and staff differ: assumption).",
  }),
  gasFilPerTibYear: param.real({
    value: 0.0264,
    min: 0,
    max: 100,
    unit: 'FIL/TiB/yr',
    doc: 'Base fee burnt proving and committing committed capacity: $108/PiB-yr at $4/FIL (CEL SP cost explorer).',
  }),
  dealGasFilPerTibYear: param.real({
    value: 0.576,
    min: 0,
    max: 100,
    unit: 'FIL/TiB/yr',
    doc: 'Base fee burnt for data sectors (deal publishing and proofs): $2358/PiB-yr at $4/FIL (CEL SP cost explorer).',
  }),
  sealingDays: param.real({
    value: 180,
    min: 1,
    max: 10_000,
    unit: 'd',
    doc: "Days a provider's sealing pipeline needs to fill its own hardware (so a 1 PiB provider seals about 5.7 TiB a day: assumption).",
  }),
  faultProbability: param.real({
    value: 0.002,
    min: 0,
    max: 1,
    doc: "Probability that a medium provider misses a deadline's WindowPoSt on a day; tiers and reliability spend scale it (Starboard's active faults are a few 0.1 % of power: assumption).",
  }),
  recoveryDays: param.real({ value: 3, min: 0.1, max: 1_000, unit: 'd', doc: 'Mean days to repair a faulty deadline and recover its sectors.' }),
  reliabilityUsdPerTibYear: param.real({
    value: 2,
    min: 0,
    max: 1_000,
    unit: 'USD/TiB/yr',
    doc: 'Spend on redundancy that halves the fault probability for each such amount spent (per TiB-year).',
  }),
  borrowRate: param.real({
    value: 0.12,
    min: 0,
    max: 5,
    unit: '1/yr',
    doc: 'Interest on borrowed FIL (FIL lending pools paid about 10-20 % a year in 2023: assumption).',
  }),
  borrowShare: param.real({ value: 0.4, min: 0, max: 1, doc: 'Share of its FIL needs a medium provider borrows rather than buys; tiers scale it.' }),
  lendingPoolFil: param.real({
    value: 20_000_000,
    min: 0,
    max: 2e9,
    unit: 'FIL',
    doc: 'FIL lenders hold ready to lend at t = 0 (part of circulating supply).',
  }),

  // ---- providers' behaviour -----------------------------------------------------------------------------------
  hurdleAnnual: param.real({
    value: 0.15,
    min: 0,
    max: 10,
    unit: '1/yr',
    doc: 'Median return on capital a provider requires to grow (log-normal across providers).',
  }),
  hurdleSigma: param.real({ value: 0.5, min: 0, max: 5, doc: 'Log-normal sigma of hurdles across providers.' }),
  returnNoise: param.real({ value: 0.3, min: 0, max: 5, doc: "Relative error of a provider's estimate of the return on new capacity at a review." }),
  memoryReviews: param.real({ value: 3, min: 1, max: 1_000, doc: 'Reviews over which a provider smooths its realised return (exponential memory).' }),
  reviewDays: param.real({ value: 14, min: 1, max: 365, unit: 'd', doc: 'Mean days between a provider’s reviews.' }),
  growthPerReview: param.real({
    value: 0.05,
    min: 0,
    max: 10,
    doc: 'Capacity a growing provider adds per review, as a share of its capacity (at least one sealing-day).',
  }),
  exitAfterReviews: param.int({ value: 4, min: 1, max: 1_000, doc: 'Consecutive reviews with an operating loss after which a provider exits.' }),
  askStep: param.real({
    value: 0.1,
    min: 0,
    max: 10,
    doc: "Relative move of a provider's deal ask per review (up when its deal backlog is full, down when idle).",
  }),
  initialAskFilPerTibYear: param.real({
    value: 0.5,
    min: 0,
    max: 1e6,
    unit: 'FIL/TiB/yr',
    doc: 'Ask for unverified deals at t = 0 (deal prices on Filecoin are near zero; Messari: fee revenue was small next to block rewards).',
  }),

  // ---- clients ------------------------------------------------------------------------------------------------
  clientDataTib: param.real({
    value: 100,
    min: 0.001,
    max: 1e6,
    unit: 'TiB',
    doc: "Median size of a client's dataset (log-normal; Messari Q3'23: 422 of ~1900 clients stored over 1000 TiB).",
  }),
  clientDataSigma: param.real({ value: 1.5, min: 0, max: 5, doc: 'Log-normal sigma of dataset sizes.' }),
  clientArrivalDays: param.real({ value: 120, min: 0.1, max: 10_000, unit: 'd', doc: 'Mean days before an idle client comes with data (again).' }),
  verifiedDealShare: param.real({
    value: 0.85,
    min: 0,
    max: 1,
    doc: 'Share of clients whose data is verified through Fil+ (Spacescope: about 85 % of onboarded data in 2024-2025).',
  }),
  clientPriceUsdPerTibYear: param.real({
    value: 5,
    min: 0,
    max: 1e6,
    unit: 'USD/TiB/yr',
    doc: 'Median price a client will pay per TiB-year (cold cloud storage costs $12-50; CEL cost explorer puts deal income at $16: assumption).',
  }),
  clientPriceSigma: param.real({ value: 1, min: 0, max: 5, doc: 'Log-normal sigma of client price limits.' }),
  dealDays: param.real({ value: 540, min: 180, max: 1278, unit: 'd', doc: 'Duration of a deal (the market allows 180-1278 days).' }),
  renewProbability: param.real({ value: 0.6, min: 0, max: 1, doc: 'Probability a satisfied client renews at the end of its deal.' }),
  candidatesPerRequest: param.int({ value: 4, min: 1, max: 100, doc: 'Providers a client compares per request.' }),
  reliabilityWeight: param.real({
    value: 2,
    min: 0,
    max: 100,
    doc: "Weight of a provider's reliability (share of deadlines proven) in a client's choice, against price.",
  }),
  reputationWeight: param.real({
    value: 1,
    min: 0,
    max: 100,
    doc: "Weight of a provider's reputation (share of its deals never cut short) in a client's choice.",
  }),
  maxAttempts: param.int({ value: 3, min: 1, max: 100, doc: 'Requests a client makes for a dataset before giving up (demand not served).' }),
  dealStartDays: param.real({
    value: 14,
    min: 1,
    max: 365,
    unit: 'd',
    doc: 'Days a provider has to seal a deal before the market drops it and burns its collateral.',
  }),

  // ---- outside capital (the port) -----------------------------------------------------------------------------
  investorProviderSlots: param.int({ value: 4, min: 0, max: 10_000, doc: 'Provider slots outside investors may open through the port.' }),
  exchangeFee: param.real({ value: 0.002, min: 0, max: 0.5, doc: 'Trading fee on FIL bought or sold for USD through the port.' }),
} as const satisfies Record<string, ParamSpec>;

export type FilecoinParamName = keyof typeof filecoinParams;

/** A full configuration: one number per numeric parameter (the start date is a string). */
export type FilecoinConfig = { readonly [K in FilecoinParamName]: K extends 'startDate' ? string : number };

/** The defaults of every parameter. */
export function defaultFilecoinConfig(overrides: Partial<FilecoinConfig> = {}): FilecoinConfig {
  const out: Record<string, number | string> = {};
  for (const [k, spec] of Object.entries(filecoinParams)) out[k] = spec.value as number | string;
  return Object.freeze({ ...(out as FilecoinConfig), ...overrides });
}

/** Picks the model's parameters out of an experiment point (other keys ignored; missing ones take defaults). */
export function filecoinConfigFrom(point: Readonly<Record<string, unknown>>): FilecoinConfig {
  const over: Record<string, number | string> = {};
  for (const k of Object.keys(filecoinParams)) {
    const v = point[k];
    if (typeof v === 'number' || typeof v === 'string') over[k] = v;
  }
  return defaultFilecoinConfig(over as Partial<FilecoinConfig>);
}
