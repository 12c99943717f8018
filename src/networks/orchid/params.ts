import { type ParamSpec, param } from '../../core/params.ts';
import { BANDWIDTH_PRICE_FALLBACK_USD_PER_GB, CLIENT_REDEEM_GAS_V1, MIN_CLIENT_STAKE_DELAY_S } from './protocol.ts';

const DAY_S = 86_400;

/**
 * Every parameter of the Orchid network model, with its range, default and documentation. Experiments spread this
 * record (prefixed `orchid_`) and override what they sweep. Protocol defaults come from OrchidTechnologies/orchid
 * (protocol.ts names the line); "docs" is that repository's `docs/` folder at the same commit. Behavioural and economic
 * knobs are assumptions, each with its reason: public data on Orchid's usage is thin (README, "Public data").
 */
export const orchidParams = {
  // ---- run structure ----------------------------------------------------------------------------------------
  windowHours: param.real({
    value: 1,
    min: 0.05,
    max: 24,
    unit: 'h',
    doc: "Market clearing window: sessions are matched to relays' capacity per window, payments settle in the next.",
  }),

  // ---- population -------------------------------------------------------------------------------------------
  relays: param.int({ value: 20, min: 1, max: 100_000, doc: 'Relays (bandwidth providers) staked in the directory at t = 0.' }),
  relayCandidates: param.int({
    value: 10,
    min: 0,
    max: 100_000,
    doc: 'Would-be relays holding OXT outside the directory at t = 0; each stakes when its expected return on stake clears its hurdle.',
  }),
  users: param.int({ value: 2_000, min: 1, max: 100_000_000, doc: 'Users (each an Orchid account that may churn and be replaced by a new one).' }),
  lenders: param.int({
    value: 0,
    min: 0,
    max: 100_000,
    doc: "Stake lenders: OXT holders who stake on a relay's address for a share of its income (docs/faq.md: delegated staking with revenue sharing). 0: none.",
  }),

  // ---- protocol and client (OrchidTechnologies/orchid @ 1d1852e0ad49) ---------------------------------------
  minClientDelayDays: param.real({
    value: MIN_CLIENT_STAKE_DELAY_S / DAY_S,
    min: 0,
    max: 10_000,
    unit: 'd',
    doc: 'The client ignores stakes with a shorter withdrawal delay: network.cpp Select asserts delay >= 90 days and the connection is retried.',
  }),
  relayDelayDays: param.real({
    value: MIN_CLIENT_STAKE_DELAY_S / DAY_S,
    min: 0,
    max: 10_000,
    unit: 'd',
    doc: 'Withdrawal delay relays and lenders stake with: the client minimum (docs/faq.md: "a lengthy withdrawal delay (currently about 3 months)").',
  }),
  shortDelayShare: param.real({
    value: 0,
    min: 0,
    max: 1,
    doc: 'Share of relays (at t = 0 and among candidates) staking with a delay under the client minimum (misconfigured: every pick of them aborts).',
  }),
  redeemGas: param.int({
    value: CLIENT_REDEEM_GAS_V1,
    min: 0,
    max: 10_000_000,
    doc: 'Gas of a ticket redemption, as the v1 client prices it (client1.cpp Gas() = 60000; the GUI assumes 100000).',
  }),
  unlockDelayHours: param.real({
    value: 24,
    min: 0,
    max: 100_000,
    unit: 'h',
    doc: 'lottery1 day_: escrow unlock delay after a warning (docs/accounts.md: "the requisite 24-hour cool-off period"; the deployed constructor value is not in the source).',
  }),
  oracleUsdPerGb: param.real({
    value: BANDWIDTH_PRICE_FALLBACK_USD_PER_GB,
    min: 0,
    max: 100,
    unit: 'USD/GB',
    doc: "The bandwidth feed's answer (0: no answer, the client's fallback 0.06 applies); the client caps it at 0.10 (oracle.cpp). Default: the fallback, as the feed's history could not be read.",
  }),

  // ---- the lottery's chain (v1 pays in the native currency; default Gnosis, xDAI) ---------------------------
  gasPriceGwei: param.real({
    value: 2,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: "Gas price on the lottery's chain (assumption: Gnosis, about 1-2 gwei of xDAI; docs/accounts.md: purchased accounts are on Gnosis in xDAI).",
  }),

  // ---- users ------------------------------------------------------------------------------------------------
  faceValueUsd: param.real({
    value: 5,
    min: 0.001,
    max: 1e6,
    unit: 'USD',
    doc: 'Median face value users fund their accounts for: deposit = 2 x face (docs/accounts.md: a 10 xDAI deposit gives a 5 xDAI face value).',
  }),
  faceValueSigma: param.real({ value: 0.5, min: 0, max: 5, doc: 'Log-normal sigma of face values across users (assumption).' }),
  balanceTickets: param.real({
    value: 4,
    min: 1,
    max: 1_000,
    doc: 'Balance a user funds and tops up to, in face values (docs/accounts.md: "at least four tickets worth of service").',
  }),
  sessionsPerDay: param.real({ value: 2, min: 0, max: 1_000, unit: '1/d', doc: "Median user's sessions a day (Poisson; assumption)." }),
  activitySigma: param.real({ value: 0.8, min: 0, max: 5, doc: "Log-normal sigma of users' session rates (assumption)." }),
  gbPerSession: param.real({
    value: 0.15,
    min: 0.0001,
    max: 1_000,
    unit: 'GB',
    doc: 'Mean GB a session uses (exponential; assumption: 0.3 GB a day at 2 sessions, below the 0.7 GB a day of orchid.com/oxt\'s "30 OXT ... 250 GBs ... an entire year").',
  }),
  willingnessUsdPerGb: param.real({
    value: 0.3,
    min: 0,
    max: 1e6,
    unit: 'USD/GB',
    doc: 'Median price per GB (after the efficiency loss to gas) a user will pay (assumption: a $5-a-month VPN used for about 15 GB).',
  }),
  willingnessSigma: param.real({ value: 1, min: 0, max: 5, doc: 'Log-normal sigma of willingness to pay across users (assumption).' }),
  retriesOnFull: param.int({
    value: 2,
    min: 0,
    max: 100,
    doc: "Further relays a user tries after landing on a full one (the client's Retry reconnects with a new pick; the number tried is an assumption).",
  }),
  pickRetries: param.int({
    value: 5,
    min: 1,
    max: 100,
    doc: 'Picks the client makes per connection attempt when a pick aborts (delay too short, relay gone) before the attempt fails (Retry has no limit; assumption).',
  }),
  churnOnRejectProb: param.real({ value: 0.2, min: 0, max: 1, doc: 'Probability a user leaves after a session every tried relay refused (assumption).' }),
  churnOnDearProb: param.real({
    value: 0.2,
    min: 0,
    max: 1,
    doc: 'Probability a user leaves after finding the price (or an unpayable gas cost) above its willingness (assumption).',
  }),
  userMemorySessions: param.real({
    value: 10,
    min: 1,
    max: 10_000,
    doc: "Sessions a user's memory of refusals covers (EWMA weight 1/n): what it weighs when its balance runs out.",
  }),
  topUpMaxFailShare: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'A user whose remembered share of refused sessions is above this does not top up when its balance runs out, and leaves (assumption).',
  }),
  rejoinDays: param.real({
    value: 60,
    min: 0.01,
    max: 100_000,
    unit: 'd',
    doc: 'Mean time until a departed user is replaced by a new user with a new account (exponential; keeps the population from draining).',
  }),

  // ---- relays -----------------------------------------------------------------------------------------------
  initialStakeOxt: param.real({
    value: 1_000_000,
    min: 0,
    max: 1e9,
    unit: 'OXT',
    doc: "OXT staked in the directory at t = 0, over the relays by a Zipf law (assumption: the directory's total could not be read here; README, Public data).",
  }),
  stakeZipf: param.real({ value: 1, min: 0, max: 5, doc: 'Zipf exponent of initial stakes across relays (assumption: concentrated, as staking usually is).' }),
  relayWalletShare: param.real({
    value: 0.5,
    min: 0,
    max: 100,
    doc: 'OXT a relay holds outside the directory at t = 0, as a share of its stake (to add stake from).',
  }),
  candidateOxt: param.real({ value: 50_000, min: 0, max: 1e9, unit: 'OXT', doc: 'Median OXT a candidate relay holds (log-normal, sigma 1; assumption).' }),
  capacityGbPerDay: param.real({
    value: 100,
    min: 0.001,
    max: 1e9,
    unit: 'GB/d',
    doc: 'Median GB a relay can serve a day (log-normal, sigma 0.5; assumption: a VPS with about 3 TB of monthly transfer).',
  }),
  transitUsdPerGb: param.real({
    value: 0.005,
    min: 0,
    max: 100,
    unit: 'USD/GB',
    doc: 'Median transit cost per GB served (assumption: budget hosting egress).',
  }),
  hostingUsdPerDay: param.real({
    value: 0.5,
    min: 0,
    max: 1e6,
    unit: 'USD/d',
    doc: 'Median hosting cost of a relay a day (assumption: a $15-a-month server).',
  }),
  costSigma: param.real({ value: 0.4, min: 0, max: 5, doc: 'Log-normal sigma of capacities and costs across relays.' }),
  relayHurdleAnnual: param.real({
    value: 0.1,
    min: -10,
    max: 100,
    doc: 'Median annual return on staked OXT (USD) a relay requires to stay or enter (log-normal spread hurdleSigma; assumption).',
  }),
  hurdleSigma: param.real({ value: 0.5, min: 0, max: 5, doc: 'Log-normal sigma of hurdles across relays and lenders.' }),
  roiNoise: param.real({ value: 0.05, min: 0, max: 10, doc: "Sd of a relay's (or lender's) error reading its annual return on stake (bounded rationality)." }),
  relayReviewDays: param.real({ value: 7, min: 0.01, max: 10_000, unit: 'd', doc: "Mean days between a relay's stake reviews (exponential timers)." }),
  memoryDays: param.real({
    value: 30,
    min: 0.01,
    max: 10_000,
    unit: 'd',
    doc: 'Memory of income (EWMA time constant); a relay or lender judges its return only after this long in its role.',
  }),
  exitAfterReviews: param.int({
    value: 4,
    min: 1,
    max: 10_000,
    doc: 'Consecutive reviews below the hurdle after which a relay pulls all its stake (and a lender its loan).',
  }),
  addStakeMargin: param.real({ value: 0.1, min: 0, max: 100, doc: 'Annual return above the hurdle at which a relay with spare capacity adds stake.' }),
  stakeStep: param.real({ value: 0.25, min: 0, max: 100, doc: 'Stake added at once, as a share of the current stake (from the relay’s own OXT).' }),
  targetUtilization: param.real({
    value: 0.8,
    min: 0,
    max: 1,
    doc: 'Utilisation of capacity below which more stake (more picks) is worth having.',
  }),

  // ---- stake lenders ----------------------------------------------------------------------------------------
  lenderOxt: param.real({ value: 100_000, min: 0, max: 1e9, unit: 'OXT', doc: 'Median OXT a lender holds (log-normal, sigma 1; assumption).' }),
  lenderShare: param.real({
    value: 0.5,
    min: 0,
    max: 1,
    doc: 'Share of the income its stake brings in that a relay pays its lender (off-chain agreement; docs/faq.md; assumption).',
  }),
  lenderHurdleAnnual: param.real({
    value: 0.05,
    min: -10,
    max: 100,
    doc: 'Median annual return a lender requires (log-normal spread hurdleSigma; assumption).',
  }),
  lenderReviewDays: param.real({ value: 14, min: 0.01, max: 10_000, unit: 'd', doc: "Mean days between a lender's reviews (exponential timers)." }),

  // ---- outside capital: the port (capital-port.ts) -----------------------------------------------------------
  exchangeFloatOxt: param.real({
    value: 0,
    min: 0,
    max: 1e9,
    unit: 'OXT',
    doc: 'OXT on exchanges that an outside investor can buy (and sells to). 0: the port refuses buyers.',
  }),
  tradingFee: param.real({ value: 0.003, min: 0, max: 0.5, doc: "Share of a trade's value lost to the venue (assumption: a 0.3 % pool fee)." }),
  stakeTxUsd: param.real({
    value: 5,
    min: 0,
    max: 1e6,
    unit: 'USD',
    doc: 'Gas of one directory transaction (push, pull or take) on Ethereum mainnet, USD (assumption).',
  }),
  relaySetupUsd: param.real({
    value: 100,
    min: 0,
    max: 1e9,
    unit: 'USD',
    doc: "Capacity an investor's relay buys up front (server setup and bandwidth commitment), not recovered on exit (assumption).",
  }),
  investorRelaySlots: param.int({ value: 0, min: 0, max: 10_000, doc: 'Relays outside investors can run (beyond the model’s relays and candidates).' }),
  investorLenderSlots: param.int({ value: 0, min: 0, max: 10_000, doc: 'Stake loans outside investors can make.' }),
} as const satisfies Record<string, ParamSpec>;

/** The names of the model's parameters. */
export type OrchidParamName = keyof typeof orchidParams;

/** A full configuration: one number per parameter. */
export type OrchidConfig = { readonly [K in OrchidParamName]: number };

/** The defaults of every parameter. */
export function defaultOrchidConfig(overrides: Partial<OrchidConfig> = {}): OrchidConfig {
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(orchidParams)) out[k] = spec.value as number;
  return Object.freeze({ ...(out as OrchidConfig), ...overrides });
}

/** Picks the model's parameters out of an experiment point (other keys ignored; missing ones take defaults). */
export function orchidConfigFrom(point: Readonly<Record<string, unknown>>): OrchidConfig {
  const over: Record<string, number> = {};
  for (const k of Object.keys(orchidParams)) {
    const v = point[k];
    if (typeof v === 'number') over[k] = v;
  }
  return defaultOrchidConfig(over as Partial<OrchidConfig>);
}
