import { type ParamSpec, param } from '../../core/params.ts';
import { agentParams } from './params-agents.ts';
import { LIVEPEER_MAINNET, LPT, MINTER_PERC_DIVISOR, PRECISE_PERC_DIVISOR, SESSION_POOL_SIZE } from './protocol.ts';

/**
 * Every parameter of the Livepeer network model, with its range, default and documentation: here the run's structure,
 * the protocol (Arbitrum One deployment, protocol.ts for the source of each) and the state at t = 0; the agents'
 * behaviour and economics are in params-agents.ts, each with its evidence. Experiments spread this record and
 * override what they sweep: `params: { ...livepeerParams, targetBondingRate: livepeerParams.targetBondingRate.set(grid([0.3, 0.5])) }`.
 */
const structureParams = {
  // ---- run structure ----------------------------------------------------------------------------------------
  windowHours: param.real({
    value: 1,
    min: 0.01,
    max: 24,
    unit: 'h',
    doc: 'Market clearing window. Rounds (21.26 h) are processed at the first window end at or after their start.',
  }),
  flowWindowDays: param.real({
    value: 0,
    min: 0,
    max: 10_000,
    unit: 'd',
    doc: 'Period the flow metrics (fees, transcoded minutes, LPT sold) sum over, ending at the sample: 0 = since the previous sample; 91.3125 = a quarter (the public record is quarterly).',
  }),
  demandScale: param.int({
    value: 1,
    min: 1,
    max: 1_000_000,
    doc: 'Real streams and AI jobs per modelled one: a modelled job is a bundle of this many identical ones served together (it takes one session of a capacity divided by this), and counts this many times in minutes and fees. 1 = every job modelled.',
  }),

  // ---- population -------------------------------------------------------------------------------------------
  orchestrators: param.int({
    value: 20,
    min: 1,
    max: 10_000,
    doc: 'Orchestrators registered and in the active set at t = 0 (mainnet: the 100-slot active set is full).',
  }),
  orchestratorCandidates: param.int({
    value: 10,
    min: 0,
    max: 10_000,
    doc: 'Orchestrators outside the active set at t = 0, registered with their self-stake (end 2022: 152 addresses held bonded stake for 100 slots, its-DeFine delegator-band-timeseries.md).',
  }),
  delegators: param.int({
    value: 2_000,
    min: 1,
    max: 100_000_000,
    doc: 'LPT holders (wallet agents: bonded delegators, liquid holders who may bond, passive holders). Subgraph delegatorsCount 4,245 at the end of 2022.',
  }),
  broadcasters: param.int({ value: 200, min: 1, max: 100_000_000, doc: 'Broadcasters (end users starting streams and AI jobs).' }),

  // ---- protocol (livepeer/protocol, Arbitrum One deployment) -----------------------------------------------
  targetBondingRate: param.real({
    value: Number(LIVEPEER_MAINNET.targetBondingRate) / Number(MINTER_PERC_DIVISOR),
    min: 0,
    max: 1,
    doc: 'Minter targetBondingRate as a fraction (mainnet 500000000 / 1e9 = 0.5, deployments/arbitrumMainnet/Minter.json; unchanged 2023-2025, LIP-107 rejected).',
  }),
  inflationChange: param.int({
    value: Number(LIVEPEER_MAINNET.inflationChange),
    min: 0,
    max: 1_000_000_000,
    unit: 'ppb/round',
    doc: 'Minter inflationChange, parts per 1e9 per round (mainnet 500 since LIP-34, 2020; LIP-100 abandoned, LIP-107 rejected).',
  }),
  initialInflation: param.int({
    value: 553_000,
    min: 0,
    max: 1_000_000_000,
    unit: 'ppb/round',
    doc: "Minter inflation at t = 0, parts per 1e9 per round. 553000 (0.0553 %/round) is the level of late 2024 implied by the forum's 25.6 %/yr over 412.4 rounds a year (on chain: 558000 on 2024-11-01); 2023-01-01: 201000.",
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
    doc: "Round length: 6377 L1 blocks x 12 s = 21.26 h (RoundsManager roundLength since LIP-83, Oct 2022; Arbitrum block.number is L1's). Missed L1 slots make it 21.33 h in practice (1.125 rounds a day, Oct-Dec 2022).",
  }),
  treasuryRewardCut: param.real({
    value: Number(LIVEPEER_MAINNET.treasuryRewardCutRate) / Number(PRECISE_PERC_DIVISOR),
    min: 0,
    max: 1,
    doc: 'BondingManager treasuryRewardCutRate as a fraction (LIP-92: 1e26 / 1e27 = 10 %; 0 before the Delta upgrade of Q4 2023). A schedule may change it by date (setTreasuryRewardCutRate: in force from the next round).',
  }),
  treasuryCeilingLpt: param.real({
    value: Number(LIVEPEER_MAINNET.treasuryBalanceCeiling / LPT),
    min: 0,
    max: 1e12,
    unit: 'LPT',
    doc: 'treasuryBalanceCeiling (LIP-92: 750 000 LPT); once the treasury holds this much at a reward() call, the next round cuts 0.',
  }),
  maxSessions: param.int({
    value: LIVEPEER_MAINNET.maxSessions,
    min: 1,
    max: 100_000,
    doc: 'Concurrent transcoding sessions per node (go-livepeer starter.go defaultMaxSessions = 10; core/orchestrator.go refuses with ErrOrchCap when full). An orchestrator runs as many nodes as its share of active stake at t = 0 times the active set size, at least one (assumption: large operators run several transcoders).',
  }),
  candidatesPerStream: param.int({
    value: SESSION_POOL_SIZE,
    min: 1,
    max: 1_000,
    doc: "Orchestrators in a broadcaster's session pool (go-livepeer server/broadcast.go: numOrchs = min(active, 2 x HTTPTimeout 8 s / SegLen 2 s) = 8). Full ones are suspended and the next tried; when all are, the pool is refreshed from the rest.",
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
  gasPriceGwei: param.real({
    value: 0.02,
    min: 0,
    max: 1e6,
    unit: 'gwei',
    doc: 'Arbitrum gas price (order of magnitude 2023-2025: 0.01-0.1 gwei), for reward(), bonds, ticket redemption and ticket faceValue.',
  }),
  rewardGas: param.int({ value: 400_000, min: 0, max: 1e9, doc: 'Gas of a reward() call (assumption: order of magnitude of rewardWithHint on Arbitrum).' }),
  bondGas: param.int({
    value: 400_000,
    min: 0,
    max: 1e9,
    doc: 'Gas of a bond (to a new delegate too), or of registering an orchestrator, on Arbitrum (assumption: the order of magnitude of reward()).',
  }),
  unbondGas: param.int({ value: 400_000, min: 0, max: 1e9, doc: 'Gas of an unbond on Arbitrum (assumption, as bondGas).' }),
  withdrawGas: param.int({ value: 200_000, min: 0, max: 1e9, doc: 'Gas of withdrawStake after the unbonding period (assumption: half a bond).' }),

  // ---- the state at t = 0 ----------------------------------------------------------------------------------
  initialSupplyLpt: param.real({
    value: 30_000_000,
    min: 1_000,
    max: 1e12,
    unit: 'LPT',
    doc: 'LPT supply at t = 0 (Minter.getGlobalTotalSupply: 26 978 132.78 on 2023-01-01, about 30 M in early 2024).',
  }),
  initialBondingRate: param.real({
    value: 0.48,
    min: 0,
    max: 1,
    doc: "Active stake / supply at t = 0 (2023-01-01: 0.4996 on chain). Bonded holders' holdings are scaled so that the active pools hold this share.",
  }),
  selfStakeShare: param.real({
    value: 0.04,
    min: 0,
    max: 1,
    doc: "Orchestrators' own stake as a share of each active pool at t = 0 (assumption: Koschig's cost sheet uses 0.5 M self-bond for 12 M delegated).",
  }),
  candidateStakeLpt: param.real({
    value: 5_000,
    min: 0,
    max: 1e9,
    unit: 'LPT',
    doc: 'Median self-stake of an orchestrator outside the active set at t = 0 (log-normal, sigma 1; at most half the smallest active orchestrator’s own stake, so the active set at t = 0 is the configured one).',
  }),
  stakeZipf: param.real({
    value: 1.0,
    min: 0,
    max: 3,
    doc: 'Zipf exponent of active stake across orchestrators at t = 0: 1.0 gives the top 10 of 100 about 56 % and a Nakamoto coefficient (1/3) of 3, as at the end of 2022 (61 %, 3; its-DeFine delegator-band-timeseries.md).',
  }),
  holdingSigma: param.real({
    value: 2.5,
    min: 0,
    max: 5,
    doc: 'Log-normal sigma of wallet holdings: with 2,250 bonded wallets, 2.5 gives the top 10 about 45 % of bonded stake (end of 2022: 50.5 %, its-DeFine delegator-band-timeseries.md; Gini 0.92 against 0.97 with dust wallets).',
  }),
  passiveHolderFraction: param.real({
    value: 0.3,
    min: 0,
    max: 1,
    doc: 'Fraction of holder agents who never bond (custodians, cold or lost wallets); the rest bond when the yield they see clears their hurdle.',
  }),
  initialBondedFraction: param.real({ value: 0.7, min: 0, max: 1, doc: 'Fraction of the other holder agents bonded at t = 0.' }),
  initialTreasuryLpt: param.real({
    value: 0,
    min: 0,
    max: 1e12,
    unit: 'LPT',
    doc: 'Treasury balance at t = 0 (none before the Delta upgrade of Q4 2023).',
  }),
  exchangeFloatLpt: param.real({
    value: 0,
    min: 0,
    max: 1e10,
    unit: 'LPT',
    doc: "Liquid LPT on exchanges at t = 0: part of supply in no holder's wallet. Sold LPT flows in, bought LPT out; outside investors trade with it too. 0: nobody can buy.",
  }),
} as const satisfies Record<string, ParamSpec>;

export const livepeerParams = { ...structureParams, ...agentParams } as const;

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

/**
 * The parameters a dated schedule may change during a run (`livepeer(cfg, { schedule })`): the governance parameters
 * the contracts apply at the next round (the treasury cut and ceiling, the Minter's step and target) and the demand
 * the shards generate from the next window (stream and AI job arrival rates).
 */
export const SCHEDULABLE: readonly LivepeerParamName[] = [
  'treasuryRewardCut',
  'treasuryCeilingLpt',
  'inflationChange',
  'targetBondingRate',
  'streamsPerHour',
  'aiJobsPerHour',
];
