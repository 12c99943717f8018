/**
 * Filecoin protocol rules as pure functions, in the actors' own fixed point: every amount is a `bigint` in attoFIL
 * (1 FIL = 1e18), every power in bytes, and the reward and smoothing arithmetic in Q.128 (x · 2^128), with the
 * actors' shifts and floors in the actors' order, so results equal theirs to the last unit.
 *
 * Sources (PROTOCOL-NOTES.md names the function each export follows):
 * - the reward actor: filecoin-project/specs-actors @ 985cd0fa0457 (2023-06-06, v8) `actors/builtin/reward`, whose
 *   golden files the tests reproduce; the same logic runs today in filecoin-project/builtin-actors @ b0a3bdd67859
 *   `actors/reward/src` (logic.rs, state.rs, expneg.rs);
 * - smoothing, the miner, power and market actors: builtin-actors @ b0a3bdd67859 (`runtime/src/builtin/reward`,
 *   `actors/miner/src/monies.rs`, `policy.rs`, `lib.rs`, `actors/market/src/policy.rs`, `runtime/src/runtime/policy.rs`);
 * - circulating supply and the genesis vesting schedule: filecoin-project/lotus `chain/stmgr/supply.go` (the node, not
 *   the actors, computes it).
 *
 * `>>` on a negative bigint floors, as Go's `big.Int.Rsh` and Rust's `BigInt >>` do; `/` truncates, so every division
 * that can see a negative operand goes through `divFloor` (Rust `div_floor`).
 */

// ---------------------------------------------------------------------------------------------------------------
// Units, time
// ---------------------------------------------------------------------------------------------------------------

/** attoFIL per FIL (`fvm_shared::econ::TokenAmount::from_whole`). */
export const FIL = 10n ** 18n;
/** Q.128 fixed point: `runtime/src/builtin/reward/math.rs` `PRECISION`. */
export const PRECISION = 128n;
export const Q128_ONE = 1n << PRECISION;

/** `runtime/src/builtin/network.rs`: 30-second epochs. */
export const EPOCH_DURATION_SECONDS = 30;
export const EPOCHS_IN_HOUR = 3600 / EPOCH_DURATION_SECONDS;
export const EPOCHS_IN_DAY = 86_400 / EPOCH_DURATION_SECONDS;
/** The reward actor's year (`reward_calc.py`, specs-actors `builtin/network.go` `EpochsInYear = 365 * EpochsInDay`). */
export const REWARD_EPOCHS_IN_YEAR = 365 * EPOCHS_IN_DAY;
/** builtin-actors `network.rs` `EPOCHS_IN_YEAR = SECONDS_IN_YEAR (31556925) / 30`, used by the miner (5-year lifetime). */
export const EPOCHS_IN_YEAR = Math.floor(31_556_925 / EPOCH_DURATION_SECONDS);
/** `network.rs` `EXPECTED_LEADERS_PER_EPOCH`. */
export const EXPECTED_LEADERS_PER_EPOCH = 5n;
/** Mainnet genesis, epoch 0: 2020-08-24T22:00:00Z (lotus `build` genesis timestamp 1598306400). */
export const GENESIS_UNIX_S = 1_598_306_400;
/** lotus `build/params_mainnet.go` `UpgradeLiftoffHeight`: the start of the genesis multisigs' vesting after Ignition. */
export const LIFTOFF_EPOCH = 148_888;

/** The epoch whose start is at a Unix time (floor). */
export function epochAt(unixS: number): number {
  return Math.floor((unixS - GENESIS_UNIX_S) / EPOCH_DURATION_SECONDS);
}

/** Floor division for bigints (Rust `Integer::div_floor`, Go `big.Int.Div` on a positive divisor). */
export function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

// ---------------------------------------------------------------------------------------------------------------
// Q.128 math: polynomials, e^-x, ln (math.rs, expneg.rs / expneg.go, smooth_func.rs)
// ---------------------------------------------------------------------------------------------------------------

/** `math.rs` `poly_val`: Horner's method in Q.128, coefficients from the highest order down. */
export function polyval(coefficients: readonly bigint[], x: bigint): bigint {
  let res = 0n;
  for (const c of coefficients) res = ((res * x) >> PRECISION) + c;
  return res;
}

/** `expneg.rs` / specs-actors `util/math/expneg.go`: the rational approximation of e^-x (numerator, Q.128). */
const EXPNEG_NUM: readonly bigint[] = [
  -648770010757830093818553637600n,
  67469480939593786226847644286976n,
  -3197587544499098424029388939001856n,
  89244641121992890118377641805348864n,
  -1579656163641440567800982336819953664n,
  17685496037279256458459817590917169152n,
  -115682590513835356866803355398940131328n,
  340282366920938463463374607431768211456n,
];
/** … and its denominator. */
const EXPNEG_DEN: readonly bigint[] = [
  1225524182432722209606361n,
  114095592300906098243859450n,
  5665570424063336070530214243n,
  194450132448609991765137938448n,
  5068267641632683791026134915072n,
  104716890604972796896895427629056n,
  1748338658439454459487681798864896n,
  23704654329841312470660182937960448n,
  259380097567996910282699886670381056n,
  2250336698853390384720606936038375424n,
  14978272436876548034486263159246028800n,
  72144088983913131323343765784380833792n,
  224599776407103106596571252037123047424n,
  340282366920938463463374607431768211456n,
];

/** e^-x for x in Q.128, result in Q.128 (`expneg.rs` `expneg`; error < 3.4e-30 on [0, 1.725)). */
export function expNeg(x: bigint): bigint {
  return divFloor(polyval(EXPNEG_NUM, x) << PRECISION, polyval(EXPNEG_DEN, x));
}

/** `smooth_func.rs` rational approximation of ln on [1, 2] (numerator). */
const LN_NUM: readonly bigint[] = [
  261417938209272870992496419296200268025n,
  7266615505142943436908456158054846846897n,
  32458783941900493142649393804518050491988n,
  17078670566130897220338060387082146864806n,
  -35150353308172866634071793531642638290419n,
  -20351202052858059355702509232125230498980n,
  -1563932590352680681114104005183375350999n,
];
const LN_DEN: readonly bigint[] = [
  49928077726659937662124949977867279384n,
  2508163877009111928787629628566491583994n,
  21757751789594546643737445330202599887121n,
  53400635271583923415775576342898617051826n,
  41248834748603606604000911015235164348839n,
  9015227820322455780436733526367238305537n,
  340282366920938463463374607431768211456n,
];
/** ln 2 in Q.128 (`smooth_func.rs` `LN_2`). */
const LN_2 = 235865763225513294137944142764154484399n;

/** `BigInt::bits()`: the bit length of |z| (0 for 0). */
function bitLength(z: bigint): number {
  return z === 0n ? 0 : (z < 0n ? -z : z).toString(2).length;
}

/**
 * Natural log of a Q.128 number, in Q.128 (`smooth_func.rs` `ln`). For z ≤ 0 it returns what the actor's code returns
 * (a meaningless number the caller's clamp then discards, as in the miner tests with a vanishing network power).
 */
export function lnQ128(z: bigint): bigint {
  const k = bitLength(z) - 1 - Number(PRECISION);
  const x = k > 0 ? z >> BigInt(k) : z << BigInt(-k);
  return BigInt(k) * LN_2 + divFloor(polyval(LN_NUM, x) << PRECISION, polyval(LN_DEN, x));
}

// ---------------------------------------------------------------------------------------------------------------
// Alpha-beta filters (runtime/src/builtin/reward/smooth): the smoothed reward and network QA power
// ---------------------------------------------------------------------------------------------------------------

/** A filter's position and velocity, both Q.128. */
export interface FilterEstimate {
  readonly position: bigint;
  readonly velocity: bigint;
}

/** `FilterEstimate::new`: from Q.0 position and velocity. */
export function filterEstimate(position: bigint, velocity: bigint): FilterEstimate {
  return { position: position << PRECISION, velocity: velocity << PRECISION };
}

/** `FilterEstimate::estimate`: the Q.0 position. */
export function estimateOf(f: FilterEstimate): bigint {
  return f.position >> PRECISION;
}

/** `smooth_func.rs` `DEFAULT_ALPHA` (9.25e-4) and `DEFAULT_BETA` (2.84e-7), Q.128. */
export const DEFAULT_ALPHA = 314760000000000000000000000000000000n;
export const DEFAULT_BETA = 96640100000000000000000000000000n;
/** `smooth_func.rs` `EPSILON` (2^-50 in Q.128): below it the denominator's velocity counts as zero. */
const CUM_SUM_RATIO_EPSILON = 302231454903657293676544n;

/** `AlphaBetaFilter::next_estimate`: the filter after observing `observation` (Q.0) `epochDelta` epochs later. */
export function nextEstimate(prev: FilterEstimate, observation: bigint, epochDelta: number, alpha = DEFAULT_ALPHA, beta = DEFAULT_BETA): FilterEstimate {
  const deltaT = BigInt(epochDelta) << PRECISION;
  let position = ((deltaT * prev.velocity) >> PRECISION) + prev.position;
  const residual = (observation << PRECISION) - position;
  position += (alpha * residual) >> PRECISION;
  const velocity = divFloor(residual * beta, deltaT) + prev.velocity;
  return { position, velocity };
}

/**
 * `smooth_func.rs` `extrapolated_cum_sum_of_ratio`: Σ over `delta` epochs from `relativeStart` of num(t)/denom(t),
 * each extrapolated linearly from its filter, in closed form (Q.128).
 */
export function extrapolatedCumSumOfRatio(delta: number, relativeStart: number, num: FilterEstimate, denom: FilterEstimate): bigint {
  const deltaT = BigInt(delta) << PRECISION;
  const t0 = BigInt(relativeStart) << PRECISION;
  const { position: pos1, velocity: velo1 } = num;
  const { position: pos2, velocity: velo2 } = denom;
  const squaredVelo2 = (velo2 * velo2) >> PRECISION;
  if (squaredVelo2 > CUM_SUM_RATIO_EPSILON) {
    let x2a = ((velo2 * t0) >> PRECISION) + pos2;
    let x2b = ((velo2 * deltaT) >> PRECISION) + x2a;
    x2a = lnQ128(x2a);
    x2b = lnQ128(x2b);
    const m1 = ((x2b - x2a) * pos1 * velo2) >> PRECISION;
    const m2 = (((x2a - x2b) * pos2 + velo2 * deltaT) * velo1) >> PRECISION;
    return divFloor(m2 + m1, squaredVelo2);
  }
  const halfDelta = deltaT >> 1n;
  const x1m = ((velo1 * (t0 + halfDelta)) >> PRECISION) + pos1;
  return divFloor(x1m * deltaT, pos2);
}

// ---------------------------------------------------------------------------------------------------------------
// The reward actor: baseline power, effective network time, minting (logic.rs, state.rs)
// ---------------------------------------------------------------------------------------------------------------

/** `SIMPLE_TOTAL`, `BASELINE_TOTAL`: 330M and 770M FIL (the actors' defaults; see PROTOCOL-NOTES.md on the chain's). */
export const SIMPLE_TOTAL = 330_000_000n * FIL;
export const BASELINE_TOTAL = 770_000_000n * FIL;
/** λ = ln 2 / (6 years of 365 days), Q.128: a 6-year half-life (`logic.rs` `LAMBDA`). */
export const LAMBDA = 37396271439864487274534522888786n;
/** e^λ − 1, Q.128 (`EXP_LAM_SUB_ONE`). */
export const EXP_LAM_SUB_ONE = 37396273494747879394193016954629n;
/** e^(ln 2 / 1051200), Q.128: the baseline doubles every 365 days (`BASELINE_EXPONENT`). */
export const BASELINE_EXPONENT = 340282591298641078465964189926313473653n;
/** 2 888 888 880 000 000 000 bytes (2.5057 EiB), the baseline at epoch 0 (`BASELINE_INITIAL_VALUE`). */
export const BASELINE_INITIAL_VALUE = 2_888_888_880_000_000_000n;
/** The baseline at epoch −1, so that one step gives BASELINE_INITIAL_VALUE at epoch 0 (`INIT_BASELINE_POWER`). */
export const INIT_BASELINE_POWER = ((BASELINE_INITIAL_VALUE << (2n * PRECISION)) / BASELINE_EXPONENT) >> PRECISION;

/** `baseline_power_from_prev`: the baseline one epoch later. */
export function baselinePowerFromPrev(prev: bigint): bigint {
  return (prev * BASELINE_EXPONENT) >> PRECISION;
}

/**
 * `compute_r_theta`: the fractional effective network time θ (Q.128), interpolating linearly between the cumulative
 * baseline at ⌊θ⌋ and ⌈θ⌉ = `effectiveNetworkTime`; 0 while the effective network time is 0.
 */
export function computeRTheta(
  effectiveNetworkTime: number,
  baselinePowerAtEffectiveNetworkTime: bigint,
  cumsumRealized: bigint,
  cumsumBaseline: bigint,
): bigint {
  if (effectiveNetworkTime === 0) return 0n;
  const diff = divFloor((cumsumBaseline - cumsumRealized) << PRECISION, baselinePowerAtEffectiveNetworkTime);
  return (BigInt(effectiveNetworkTime) << PRECISION) - diff;
}

/** `compute_baseline_supply`: baseline FIL minted by effective network time θ, BaselineTotal · (1 − e^(−λθ)), Q.128. */
export function computeBaselineSupply(theta: bigint, baselineTotal: bigint): bigint {
  const thetaLam = (theta * LAMBDA) >> PRECISION;
  return (Q128_ONE - expNeg(thetaLam)) * baselineTotal;
}

/**
 * `compute_reward`: the reward of an epoch for all its expected leaders, attoFIL — the simple part
 * SimpleTotal · (e^λ − 1) · e^(−λ·epoch), shifted to Q.128 first, plus the baseline part minted as θ moves from
 * `thetaPrev` to `thetaCurr`, then shifted to Q.0.
 */
export function computeReward(epoch: number, thetaPrev: bigint, thetaCurr: bigint, simpleTotal: bigint, baselineTotal: bigint): bigint {
  let simpleReward = simpleTotal * EXP_LAM_SUB_ONE;
  simpleReward *= expNeg(LAMBDA * BigInt(epoch));
  simpleReward >>= PRECISION;
  const baselineReward = computeBaselineSupply(thetaCurr, baselineTotal) - computeBaselineSupply(thetaPrev, baselineTotal);
  return (simpleReward + baselineReward) >> PRECISION;
}

/** `state.rs` `INITIAL_REWARD_POSITION_ESTIMATE`, `INITIAL_REWARD_VELOCITY_ESTIMATE` (Q.0 attoFIL). */
export const INITIAL_REWARD_POSITION_ESTIMATE = 36266260308195979333n;
export const INITIAL_REWARD_VELOCITY_ESTIMATE = -109897758509n;

/** The reward actor's state (`state.rs` `State`): mutable, owned by one market. */
export interface RewardState {
  /** Cumulative baseline the realised sum must reach for the effective network time to advance (byte-epochs). */
  cumsumBaseline: bigint;
  /** Cumulative realised raw power, each epoch capped at the baseline (byte-epochs). */
  cumsumRealized: bigint;
  /** ⌈θ⌉, in epochs. */
  effectiveNetworkTime: number;
  /** The baseline at the effective network time (bytes). */
  effectiveBaselinePower: bigint;
  /** The reward of the epoch for all leaders (attoFIL), computed at the end of the previous non-null epoch. */
  thisEpochReward: bigint;
  thisEpochRewardSmoothed: FilterEstimate;
  /** The baseline the network targets at `epoch` (bytes). */
  thisEpochBaselinePower: bigint;
  epoch: number;
  /** Everything awarded to block producers (lotus reads it as FIL mined). */
  totalStoragePowerReward: bigint;
  simpleTotal: bigint;
  baselineTotal: bigint;
}

/** `State::new`: the state at genesis, with epoch 0's reward computed. */
export function constructRewardState(currRealizedPower: bigint): RewardState {
  const st: RewardState = {
    cumsumBaseline: 0n,
    cumsumRealized: 0n,
    effectiveNetworkTime: 0,
    effectiveBaselinePower: BASELINE_INITIAL_VALUE,
    thisEpochReward: 0n,
    thisEpochRewardSmoothed: filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE),
    thisEpochBaselinePower: INIT_BASELINE_POWER,
    epoch: -1,
    totalStoragePowerReward: 0n,
    simpleTotal: SIMPLE_TOTAL,
    baselineTotal: BASELINE_TOTAL,
  };
  updateToNextEpochWithReward(st, currRealizedPower);
  return st;
}

/** `update_to_next_epoch`: advances the baseline and the realised sum one epoch (also for null epochs). */
export function updateToNextEpoch(st: RewardState, currRealizedPower: bigint): void {
  st.epoch++;
  st.thisEpochBaselinePower = baselinePowerFromPrev(st.thisEpochBaselinePower);
  st.cumsumRealized += min(st.thisEpochBaselinePower, currRealizedPower);
  while (st.cumsumRealized > st.cumsumBaseline) {
    st.effectiveNetworkTime++;
    st.effectiveBaselinePower = baselinePowerFromPrev(st.effectiveBaselinePower);
    st.cumsumBaseline += st.effectiveBaselinePower;
  }
}

/** The fractional effective network time θ of a state (Q.128). */
export function thetaOf(st: RewardState): bigint {
  return computeRTheta(st.effectiveNetworkTime, st.effectiveBaselinePower, st.cumsumRealized, st.cumsumBaseline);
}

/** `update_to_next_epoch_with_reward`: advances one epoch and computes that epoch's reward. */
export function updateToNextEpochWithReward(st: RewardState, currRealizedPower: bigint): void {
  const thetaPrev = thetaOf(st);
  updateToNextEpoch(st, currRealizedPower);
  st.thisEpochReward = computeReward(st.epoch, thetaPrev, thetaOf(st), st.simpleTotal, st.baselineTotal);
}

/**
 * `update_network_kpi`, called by the power actor's cron at the end of every non-null epoch `currEpoch`: catches
 * the state up through the null epochs since the last call (their baseline progress is never minted), computes the
 * next epoch's reward, and updates the smoothed reward over the epochs elapsed.
 */
export function updateNetworkKpi(st: RewardState, currEpoch: number, currRealizedPower: bigint): void {
  const prev = st.epoch;
  while (st.epoch < currEpoch) updateToNextEpoch(st, currRealizedPower);
  updateToNextEpochWithReward(st, currRealizedPower);
  st.thisEpochRewardSmoothed = nextEstimate(st.thisEpochRewardSmoothed, st.thisEpochReward, st.epoch - prev);
}

/** `award_block_reward`: a block with `winCount` wins earns ThisEpochReward · winCount / 5 (floor). */
export function blockReward(thisEpochReward: bigint, winCount: number): bigint {
  return (thisEpochReward * BigInt(winCount)) / EXPECTED_LEADERS_PER_EPOCH;
}

/** `reward/src/lib.rs` `PENALTY_MULTIPLIER`: a block's message penalty is burnt threefold. */
export const PENALTY_MULTIPLIER = 3n;

// ---------------------------------------------------------------------------------------------------------------
// Sectors, power, proving (miner policy.rs, runtime policy.rs, power policy.rs)
// ---------------------------------------------------------------------------------------------------------------

/** A 32 GiB sector (`RegisteredSealProof::StackedDRG32GiBV1P1`). */
export const SECTOR_SIZE_32GIB = 32n << 30n;
/** `QUALITY_BASE_MULTIPLIER`, `VERIFIED_DEAL_WEIGHT_MULTIPLIER`: committed capacity 1×, Fil+ verified data 10×. */
export const QUALITY_BASE_MULTIPLIER = 10n;
export const VERIFIED_DEAL_WEIGHT_MULTIPLIER = 100n;
/** `SECTOR_QUALITY_PRECISION` (`runtime/src/builtin/sector.rs`): quality is Q.20. */
export const SECTOR_QUALITY_PRECISION = 20n;

/** `quality_for_weight`: the sector's quality (Q.20) from its size, duration and verified deal weight (byte-epochs). */
export function qualityForWeight(size: bigint, duration: number, verifiedWeight: bigint): bigint {
  const spaceTime = size * BigInt(duration);
  const weighted = (spaceTime - verifiedWeight) * QUALITY_BASE_MULTIPLIER + verifiedWeight * VERIFIED_DEAL_WEIGHT_MULTIPLIER;
  return divFloor(divFloor(weighted << SECTOR_QUALITY_PRECISION, spaceTime), QUALITY_BASE_MULTIPLIER);
}

/** `qa_power_for_weight`: a sector's quality-adjusted power (bytes). */
export function qaPowerForWeight(size: bigint, duration: number, verifiedWeight: bigint): bigint {
  return (size * qualityForWeight(size, duration, verifiedWeight)) >> SECTOR_QUALITY_PRECISION;
}

/** `runtime/src/runtime/policy.rs`: a proving period of one day in 48 deadlines of 60 epochs. */
export const WPOST_PROVING_PERIOD = EPOCHS_IN_DAY;
export const WPOST_PERIOD_DEADLINES = 48;
export const WPOST_CHALLENGE_WINDOW = WPOST_PROVING_PERIOD / WPOST_PERIOD_DEADLINES;
/** `FAULT_MAX_AGE = WPOST_PROVING_PERIOD * 42`: a sector faulty this long is terminated. */
export const FAULT_MAX_AGE = WPOST_PROVING_PERIOD * 42;
/** `PRE_COMMIT_CHALLENGE_DELAY` (mainnet): epochs between pre-commit and the seal challenge. */
export const PRE_COMMIT_CHALLENGE_DELAY = 150;
/** `max_prove_commit_duration` for V1P1 proofs: 30 days + the challenge delay. */
export const MAX_PROVE_COMMIT_DURATION = 30 * EPOCHS_IN_DAY + PRE_COMMIT_CHALLENGE_DELAY;
/** `MIN_SECTOR_EXPIRATION`, `MAX_SECTOR_EXPIRATION_EXTENSION` (epochs). */
export const MIN_SECTOR_EXPIRATION = 180 * EPOCHS_IN_DAY;
export const MAX_SECTOR_EXPIRATION_EXTENSION = 1278 * EPOCHS_IN_DAY;
/** `CHAIN_FINALITY`; a consensus fault bars the miner from election for this long (`CONSENSUS_FAULT_INELIGIBILITY_DURATION`). */
export const CHAIN_FINALITY = 900;
export const CONSENSUS_FAULT_INELIGIBILITY_DURATION = CHAIN_FINALITY;
/** `MINIMUM_CONSENSUS_POWER` (mainnet): a miner needs 10 TiB of raw power to be elected and to count in the totals. */
export const MINIMUM_CONSENSUS_POWER = 10n << 40n;
/** power `policy.rs` `CONSENSUS_MINER_MIN_MINERS`: below this many miners above the minimum, every miner counts. */
export const CONSENSUS_MINER_MIN_MINERS = 4;

/**
 * Whether a sector faulty since the deadline ending at `faultDeadlineEnd` is terminated at `epoch`: the miner actor
 * schedules it for termination at `deadline.last() + fault_max_age` (`lib.rs`, `record_faults`).
 */
export function faultExpired(faultDeadlineEnd: number, epoch: number): boolean {
  return epoch >= faultDeadlineEnd + FAULT_MAX_AGE;
}

// ---------------------------------------------------------------------------------------------------------------
// Monies (miner monies.rs): BR(Δ), deposits, pledge, penalties, vesting
// ---------------------------------------------------------------------------------------------------------------

/** `PRE_COMMIT_DEPOSIT_PROJECTION_PERIOD`, `INITIAL_PLEDGE_PROJECTION_PERIOD`: 20 days of expected reward. */
export const PRE_COMMIT_DEPOSIT_PROJECTION_PERIOD = 20 * EPOCHS_IN_DAY;
export const INITIAL_PLEDGE_PROJECTION_PERIOD = 20 * EPOCHS_IN_DAY;
/** `CONTINUED_FAULT_PROJECTION_PERIOD = EPOCHS_IN_DAY · 351 / 100` (10108 epochs = 3.51 days). */
export const CONTINUED_FAULT_PROJECTION_PERIOD = Math.floor((EPOCHS_IN_DAY * 351) / 100);
/** `INVALID_WINDOW_POST_PROJECTION_PERIOD`: the fault fee's period plus 2 days (15868 epochs). */
export const INVALID_WINDOW_POST_PROJECTION_PERIOD = CONTINUED_FAULT_PROJECTION_PERIOD + 2 * EPOCHS_IN_DAY;
/** `LOCK_TARGET_FACTOR`: the consensus pledge targets 30 % of circulating supply. */
export const LOCK_TARGET_FACTOR_NUM = 3n;
export const LOCK_TARGET_FACTOR_DENOM = 10n;
/** FIP-0098 termination fee: 8.5 % of pledge, pro rata over the first 140 days, at least 2 % and 1.05 fault fees. */
export const TERM_FEE_PLEDGE_MULTIPLE_NUM = 85n;
export const TERM_FEE_PLEDGE_MULTIPLE_DENOM = 1000n;
export const TERMINATION_LIFETIME_CAP = 140;
export const TERM_FEE_MIN_PLEDGE_MULTIPLE_NUM = 2n;
export const TERM_FEE_MIN_PLEDGE_MULTIPLE_DENOM = 100n;
export const TERM_FEE_MAX_FAULT_FEE_MULTIPLE_NUM = 105n;
export const TERM_FEE_MAX_FAULT_FEE_MULTIPLE_DENOM = 100n;
/** `LOCKED_REWARD_FACTOR`: 3/4 of a block reward vests (`REWARD_VESTING_SPEC`: linearly over 180 days). */
export const LOCKED_REWARD_FACTOR_NUM = 3n;
export const LOCKED_REWARD_FACTOR_DENOM = 4n;
export const REWARD_VESTING_PERIOD_DAYS = 180;
/** `CONSENSUS_FAULT_FACTOR`: five per-winner rewards; the reporter gets 1/(5 · 4) of an epoch reward (`policy.rs`). */
export const CONSENSUS_FAULT_FACTOR = 5n;
export const CONSENSUS_FAULT_REPORTER_DEFAULT_SHARE = 4n;
/** `BASE_PENALTY_FOR_DISPUTED_WINDOW_POST` 20 FIL, `BASE_REWARD_FOR_DISPUTED_WINDOW_POST` 4 FIL. */
export const BASE_PENALTY_FOR_DISPUTED_WINDOW_POST = 20n * FIL;
export const BASE_REWARD_FOR_DISPUTED_WINDOW_POST = 4n * FIL;
/** `INITIAL_PLEDGE_MAX_PER_BYTE`: the pledge is capped at 1 FIL per 32 GiB of QA power. */
export const INITIAL_PLEDGE_MAX_PER_BYTE = FIL / SECTOR_SIZE_32GIB;
/** FIP-0081: the consensus pledge moves from baseline-only to 70 % baseline + 30 % simple, in per-mille. */
export const GAMMA_FIXED_POINT_FACTOR = 1000n;
export const FIP_0081_ACTIVATION_PERMILLE = 300;
/** Mainnet FIP-0081 ramp: from epoch 4461240 (network version 24) over one year (power actor state). */
export const MAINNET_RAMP_START_EPOCH = 4_461_240;
export const MAINNET_RAMP_DURATION_EPOCHS = 1_051_200;

/**
 * `expected_reward_for_power`, "BR(t, Δ)": the reward `qaSectorPower` is expected to earn over `projectionDuration`
 * epochs, from the smoothed epoch reward over the smoothed network QA power extrapolated in closed form; never
 * negative, and the whole smoothed epoch reward when the network has no power.
 */
export function expectedRewardForPower(
  rewardEstimate: FilterEstimate,
  networkQaPowerEstimate: FilterEstimate,
  qaSectorPower: bigint,
  projectionDuration: number,
): bigint {
  if (estimateOf(networkQaPowerEstimate) === 0n) return estimateOf(rewardEstimate);
  const ratio = extrapolatedCumSumOfRatio(projectionDuration, 0, rewardEstimate, networkQaPowerEstimate);
  return max((qaSectorPower * ratio) >> PRECISION, 0n);
}

/** `expected_reward_for_power_clamped_at_atto_fil`: BR, but at least 1 attoFIL. */
export function expectedRewardForPowerClamped(
  rewardEstimate: FilterEstimate,
  networkQaPowerEstimate: FilterEstimate,
  qaSectorPower: bigint,
  projectionDuration: number,
): bigint {
  const br = expectedRewardForPower(rewardEstimate, networkQaPowerEstimate, qaSectorPower, projectionDuration);
  return br <= 0n ? 1n : br;
}

/** `pre_commit_deposit_for_power`: BR(20 days), at least 1 attoFIL. */
export function preCommitDepositForPower(rewardEstimate: FilterEstimate, networkQaPowerEstimate: FilterEstimate, qaSectorPower: bigint): bigint {
  return expectedRewardForPowerClamped(rewardEstimate, networkQaPowerEstimate, qaSectorPower, PRE_COMMIT_DEPOSIT_PROJECTION_PERIOD);
}

/**
 * `initial_pledge_for_power` (FIP-0081): the storage pledge BR(20 days) plus the consensus pledge, 30 % of
 * circulating supply times the sector's share of power, split by γ between the baseline form
 * (share of max(network QA, baseline, sector)) and the simple form (share of max(network QA, sector)); γ falls from
 * 1000 to 700 per mille over the ramp (integer, floored); each part floored; capped at 1 FIL per 32 GiB.
 */
export function initialPledgeForPower(
  qaPower: bigint,
  baselinePower: bigint,
  rewardEstimate: FilterEstimate,
  networkQaPowerEstimate: FilterEstimate,
  circulatingSupply: bigint,
  epochsSinceRampStart: number,
  rampDurationEpochs: number,
): bigint {
  const ipBase = expectedRewardForPowerClamped(rewardEstimate, networkQaPowerEstimate, qaPower, INITIAL_PLEDGE_PROJECTION_PERIOD);
  const lockTargetNum = circulatingSupply * LOCK_TARGET_FACTOR_NUM;
  const networkQaPower = estimateOf(networkQaPowerEstimate);
  let skew: number;
  if (epochsSinceRampStart < 0) skew = 0;
  else if (rampDurationEpochs === 0 || epochsSinceRampStart >= rampDurationEpochs) skew = FIP_0081_ACTIVATION_PERMILLE;
  else skew = Math.floor((epochsSinceRampStart * FIP_0081_ACTIVATION_PERMILLE) / rampDurationEpochs);
  const gamma = GAMMA_FIXED_POINT_FACTOR - BigInt(skew);
  const additionalIpNum = lockTargetNum * qaPower;
  const denomBaseline = max(max(networkQaPower, baselinePower), qaPower);
  const denomSimple = max(networkQaPower, qaPower);
  const additionalBaseline = divFloor(gamma * additionalIpNum, denomBaseline * LOCK_TARGET_FACTOR_DENOM * GAMMA_FIXED_POINT_FACTOR);
  const additionalSimple = divFloor((GAMMA_FIXED_POINT_FACTOR - gamma) * additionalIpNum, denomSimple * LOCK_TARGET_FACTOR_DENOM * GAMMA_FIXED_POINT_FACTOR);
  return min(ipBase + additionalBaseline + additionalSimple, INITIAL_PLEDGE_MAX_PER_BYTE * qaPower);
}

/** `pledge_penalty_for_continued_fault`, "FF": BR(3.51 days), charged for faulty power at each proving period. */
export function pledgePenaltyForContinuedFault(rewardEstimate: FilterEstimate, networkQaPowerEstimate: FilterEstimate, qaSectorPower: bigint): bigint {
  return expectedRewardForPower(rewardEstimate, networkQaPowerEstimate, qaSectorPower, CONTINUED_FAULT_PROJECTION_PERIOD);
}

/**
 * `pledge_penalty_for_termination` (FIP-0098): max(min(8.5 % · IP, 8.5 % · IP · age / 140 days), max(2 % · IP,
 * 1.05 · FF)), every product floored as the actor floors it.
 */
export function pledgePenaltyForTermination(initialPledge: bigint, sectorAge: number, faultFee: bigint): bigint {
  const simple = divFloor(initialPledge * TERM_FEE_PLEDGE_MULTIPLE_NUM, TERM_FEE_PLEDGE_MULTIPLE_DENOM);
  const duration = divFloor(BigInt(sectorAge) * simple, BigInt(TERMINATION_LIFETIME_CAP * EPOCHS_IN_DAY));
  const base = min(simple, duration);
  const minimumAbs = divFloor(initialPledge * TERM_FEE_MIN_PLEDGE_MULTIPLE_NUM, TERM_FEE_MIN_PLEDGE_MULTIPLE_DENOM);
  const minimumFf = divFloor(faultFee * TERM_FEE_MAX_FAULT_FEE_MULTIPLE_NUM, TERM_FEE_MAX_FAULT_FEE_MULTIPLE_DENOM);
  return max(base, max(minimumAbs, minimumFf));
}

/**
 * A disputed (invalid) WindowPoSt (`lib.rs` `dispute_windowed_post`): the miner is charged BR(15868 epochs) + 20 FIL
 * plus the disputer's 4 FIL; the disputer's reward comes out of what the miner pays, the rest is burnt.
 */
export function disputedWindowPostPenalty(
  rewardEstimate: FilterEstimate,
  networkQaPowerEstimate: FilterEstimate,
  qaSectorPower: bigint,
): { penalty: bigint; disputerReward: bigint } {
  const base =
    expectedRewardForPower(rewardEstimate, networkQaPowerEstimate, qaSectorPower, INVALID_WINDOW_POST_PROJECTION_PERIOD) +
    BASE_PENALTY_FOR_DISPUTED_WINDOW_POST;
  return { penalty: base + BASE_REWARD_FOR_DISPUTED_WINDOW_POST, disputerReward: BASE_REWARD_FOR_DISPUTED_WINDOW_POST };
}

/**
 * A consensus fault (`lib.rs` `report_consensus_fault`): the penalty is `consensus_fault_penalty` of the *smoothed*
 * epoch reward (5 per-winner rewards = one epoch reward); the reporter's share (1/20 of it,
 * `reward_for_consensus_slash_report`) comes out of what would be burnt.
 */
export function consensusFaultPenalty(rewardEstimate: FilterEstimate): { penalty: bigint; reporterReward: bigint } {
  const epochReward = estimateOf(rewardEstimate);
  return {
    penalty: (epochReward * CONSENSUS_FAULT_FACTOR) / EXPECTED_LEADERS_PER_EPOCH,
    reporterReward: epochReward / (EXPECTED_LEADERS_PER_EPOCH * CONSENSUS_FAULT_REPORTER_DEFAULT_SHARE),
  };
}

/** `locked_reward_from_reward`: the part of a block reward that vests (3/4, floored). */
export function lockedRewardFromReward(reward: bigint): bigint {
  return (reward * LOCKED_REWARD_FACTOR_NUM) / LOCKED_REWARD_FACTOR_DENOM;
}

// ---------------------------------------------------------------------------------------------------------------
// Storage market (market policy.rs)
// ---------------------------------------------------------------------------------------------------------------

/** `deal_duration_bounds`: 180 to 1278 days. */
export const DEAL_MIN_DURATION = 180 * EPOCHS_IN_DAY;
export const DEAL_MAX_DURATION = 1278 * EPOCHS_IN_DAY;
/** `PROV_COLLATERAL_PERCENT_SUPPLY_NUM / _DENOM` (mainnet): 1 %. */
export const PROV_COLLATERAL_PERCENT_SUPPLY_NUM = 1n;
export const PROV_COLLATERAL_PERCENT_SUPPLY_DENOM = 100n;

/**
 * `deal_provider_collateral_bounds`, the minimum: 1 % of circulating supply times the deal's share of
 * max(baseline, network raw power, deal size), floored. A deal not activated in time loses all of it.
 */
export function dealProviderCollateralMin(pieceSize: bigint, networkRawPower: bigint, baselinePower: bigint, circulatingSupply: bigint): bigint {
  const denom = max(max(networkRawPower, baselinePower), pieceSize);
  return divFloor(pieceSize * circulatingSupply * PROV_COLLATERAL_PERCENT_SUPPLY_NUM, denom * PROV_COLLATERAL_PERCENT_SUPPLY_DENOM);
}

// ---------------------------------------------------------------------------------------------------------------
// Supply (lotus chain/stmgr/supply.go)
// ---------------------------------------------------------------------------------------------------------------

/** FIL that will ever exist (`build.FilBase`), and the mining reserve held by f090 (`InitialFilReserved`). */
export const TOTAL_FILECOIN = 2_000_000_000n * FIL;
export const INITIAL_FIL_RESERVED = 300_000_000n * FIL;
/** The storage mining allocation the reward actor holds at genesis: SimpleTotal + BaselineTotal. */
export const STORAGE_MINING_ALLOCATION = SIMPLE_TOTAL + BASELINE_TOTAL;

/**
 * lotus `setupPostCalicoVesting`: the genesis multisigs by unlock duration (days) and whole FIL, vesting linearly
 * from `LIFTOFF_EPOCH`.
 */
export const GENESIS_VESTING: readonly { readonly days: number; readonly fil: bigint }[] = [
  { days: 0, fil: 10_632_000n },
  { days: 183, fil: 19_015_887n + 32_787_700n },
  { days: 365, fil: 22_421_712n + 9_400_000n },
  { days: 2 * 365, fil: 7_223_364n },
  { days: 3 * 365, fil: 87_637_883n + 898_958n },
  { days: 6 * 365, fil: 100_000_000n + 300_000_000n + 9_805_053n },
];

/** specs-actors `multisig_state.go` `AmountLocked`: ceil(initial · remaining / duration). */
function multisigAmountLocked(initial: bigint, unlockDuration: number, elapsed: number): bigint {
  if (elapsed >= unlockDuration) return 0n;
  if (elapsed <= 0) return initial;
  const num = initial * BigInt(unlockDuration - elapsed);
  const d = BigInt(unlockDuration);
  return num % d === 0n ? num / d : num / d + 1n;
}

/** lotus `GetFilVested` after Calico: FIL vested from the genesis allocations by `epoch` (attoFIL). */
export function genesisVested(epoch: number): bigint {
  let vested = 0n;
  for (const v of GENESIS_VESTING) {
    const initial = v.fil * FIL;
    vested += initial - multisigAmountLocked(initial, v.days * EPOCHS_IN_DAY, epoch - LIFTOFF_EPOCH);
  }
  return vested;
}

/**
 * lotus `GetVMCirculatingSupplyDetailed`: vested + mined + reserve disbursed − burnt − locked, never below 0. Since
 * network version 23 "locked" is the power actor's total pledge collateral (initial pledge plus vesting rewards);
 * before it the market actor's locked funds counted too.
 */
export function circulatingSupply(vested: bigint, mined: bigint, reserveDisbursed: bigint, burnt: bigint, locked: bigint): bigint {
  return max(vested + mined + reserveDisbursed - burnt - locked, 0n);
}
