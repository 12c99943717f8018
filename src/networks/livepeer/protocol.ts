/**
 * Livepeer protocol rules as pure functions.
 *
 * On-chain rules follow livepeer/protocol @ f225b10c62ce (2024-03-25; the Arbitrum One deployment) and use the
 * contracts' own fixed point: every amount is a `bigint` in wei (1 LPT = 1e18 wei, fees in ETH wei) and every
 * division floors, in the same order as the Solidity code, so results equal the contract's to the wei.
 * Off-chain rules (ticket parameters, fee estimate, ticket count, orchestrator selection) follow
 * livepeer/go-livepeer @ 176aa415ccea.
 *
 * Nothing here holds state: round bookkeeping (which round a change takes effect in, who has called reward())
 * belongs to the caller. See PROTOCOL-NOTES.md in this folder for the source of each rule.
 */

// ---------------------------------------------------------------------------------------------------------------
// Fixed point
// ---------------------------------------------------------------------------------------------------------------

/** contracts/libraries/MathUtilsV2.sol `PERC_DIVISOR` (used by Minter: inflation, bonding rate, createReward). */
export const MINTER_PERC_DIVISOR = 1_000_000_000n;
/** contracts/libraries/MathUtils.sol `PERC_DIVISOR` (rewardCut, feeShare). */
export const PERC_DIVISOR = 1_000_000n;
/** contracts/libraries/PreciseMathUtils.sol `PERC_DIVISOR` (cumulative factors, treasury cut rate). */
export const PRECISE_PERC_DIVISOR = 10n ** 27n;
/** Wei per LPT (LivepeerToken is an 18-decimal ERC-20). */
export const LPT = 10n ** 18n;
/** 2^256: a ticket wins when uint256(keccak256(sig, recipientRand)) < winProb, so P(win) = winProb / 2^256. */
export const TWO_POW_256 = 1n << 256n;
/** go-livepeer pm/recipient.go `maxWinProb = 2^256 - 1` (the winProb of a ticket whose faceValue equals its EV). */
export const MAX_WIN_PROB = TWO_POW_256 - 1n;

/** Solidity reverts, reproduced: the message is the contract's `require` string. */
export class ContractRevertError extends Error {
  override readonly name = 'ContractRevertError';
}

function requireNonNegative(field: string, v: bigint): void {
  if (v < 0n) throw new RangeError(`${field}: ${v} is negative; uint256 values are >= 0`);
}

/** `percPoints(a, b) = a * divisor / b` (MathUtils / MathUtilsV2 / PreciseMathUtils). Reverts on b = 0. */
function percPoints(num: bigint, denom: bigint, divisor: bigint): bigint {
  if (denom === 0n) throw new ContractRevertError('division by zero (percPoints with zero denominator)');
  return (num * divisor) / denom;
}

/** Three-argument `percOf(amount, num, denom) = amount * percPoints(num, denom) / divisor` (two floors). */
function percOf3(amount: bigint, num: bigint, denom: bigint, divisor: bigint): bigint {
  return (amount * percPoints(num, denom, divisor)) / divisor;
}

/** An exact non-negative rational, for go-livepeer's `big.Rat` values (fees, ticket EV). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('ratio: zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

function toRatio(x: bigint | Ratio): Ratio {
  return typeof x === 'bigint' ? { num: x, den: 1n } : x;
}

/**
 * go-livepeer server/segment_rpc.go `pixelEstimateMultiplier = 1.02`, applied with `new(big.Rat).SetFloat64(1.02)`:
 * the exact binary value of the double 1.02, i.e. 2296835809958953 / 2^51 (= 1.02000000000000001776…).
 */
export const PIXEL_ESTIMATE_MULTIPLIER: Ratio = Object.freeze(ratio(BigInt(1.02 * 2 ** 52), 2n ** 52n));

// ---------------------------------------------------------------------------------------------------------------
// Mainnet parameters
// ---------------------------------------------------------------------------------------------------------------

/** Livepeer on Arbitrum One: protocol parameters and go-livepeer node defaults. */
export const LIVEPEER_MAINNET = Object.freeze({
  /** Minter constructor arg (deployments/arbitrumMainnet/Minter.json `args[1]`); per round, over 1e9 = 0.02205 %. */
  inflation: 220_500n,
  /** Minter constructor arg (Minter.json `args[2]`); per round, over 1e9. */
  inflationChange: 500n,
  /** Minter constructor arg (Minter.json `args[3]`); over 1e9 = 50 %. */
  targetBondingRate: 500_000_000n,
  /** deploy/migrations.config.ts arbitrumMainnet.bondingManager.numActiveTranscoders. */
  numActiveTranscoders: 100,
  /** deploy/migrations.config.ts arbitrumMainnet.bondingManager.unbondingPeriod (rounds). */
  unbondingPeriodRounds: 7,
  /**
   * RoundsManager.roundLength in L1 blocks (Arbitrum's block.number is L1's): 6377 since LIP-83 (livepeer/LIPs
   * LIPs/LIP-83.md, Final 2022-09-28: "Change the value of the roundLength parameter from 5760 to 6377" so that rounds
   * keep their pre-Merge length of 13.29 s x 5760 = 76 525 s). In force on mainnet from about 8-12 October 2022 (the
   * daily rate of inflation steps falls from 1.25 to 1.125 rounds a day then; research/livepeer/timeline.md). The
   * deployment config (deploy/migrations.config.ts) still says 5760, the value before LIP-83.
   */
  roundLengthBlocks: 6377,
  /** Ethereum L1 slot time since the Merge (seconds); ignores missed slots. */
  l1BlockTimeS: 12,
  /** roundLengthBlocks * l1BlockTimeS = 76 524 s = 21.257 h (412.39 rounds a year). */
  roundLengthS: 6377 * 12,
  /** deploy/migrations.config.ts arbitrumMainnet.bondingManager.treasuryRewardCutRate (over 1e27 = 10 %). */
  treasuryRewardCutRate: 10n ** 26n,
  /** deploy/migrations.config.ts arbitrumMainnet.bondingManager.treasuryBalanceCeiling = parseEther("750000"). */
  treasuryBalanceCeiling: 750_000n * LPT,
  /** go-livepeer cmd/livepeer/starter/starter.go `defaultTicketEV = "8000000000"` (wei). */
  ticketEvWei: 8_000_000_000n,
  /** starter.go `defaultMaxTicketEV = "3000000000000"` (wei): the broadcaster's cap on an accepted ticket's EV. */
  maxTicketEvWei: 3_000_000_000_000n,
  /** starter.go `defaultMaxTotalEV = "20000000000000"` (wei): the broadcaster's cap on EV per payment. */
  maxTotalEvWei: 20_000_000_000_000n,
  /** starter.go `txCostMultiplier = 100`: ticket faceValue = txCost * this. */
  txCostMultiplier: 100n,
  /** starter.go `redeemGasL2 = 1200000`: gas to redeem a winning ticket on Arbitrum ("arbitrum-one-mainnet"). */
  redeemGas: 1_200_000n,
  /** pm/recipient.go `evMultiplier = 100`: faceValue = EV * this when txCost * multiplier < EV. */
  evMultiplier: 100n,
  /** pm/recipient.go `avgGasPrice` = 3 gwei, hard-coded fallback in the faceValue >= txCost check. */
  avgGasPriceWei: 3_000_000_000n,
  /** server/segment_rpc.go `pixelEstimateMultiplier = 1.02` (exact double value, see PIXEL_ESTIMATE_MULTIPLIER). */
  pixelEstimateMultiplier: PIXEL_ESTIMATE_MULTIPLIER,
  /** starter.go `defaultMaxSessions = strconv.Itoa(10)`: concurrent transcoding sessions per orchestrator. */
  maxSessions: 10,
  /** starter.go `defaultPixelsPerUnit = "1"`. */
  pixelsPerUnit: 1n,
  /** starter.go `defaultSelectStakeWeight = 0.7` (broadcaster's orchestrator selection). */
  selectStakeWeight: 0.7,
  /** starter.go `defaultSelectPriceWeight = 0.0`. */
  selectPriceWeight: 0.0,
  /** starter.go `defaultSelectRandWeight = 0.3`. */
  selectRandWeight: 0.3,
  /** starter.go `defaultSelectPriceExpFactor = 100.0`. */
  selectPriceExpFactor: 100.0,
});

// ---------------------------------------------------------------------------------------------------------------
// Rounds (contracts/rounds/RoundsManager.sol)
// ---------------------------------------------------------------------------------------------------------------

/** Rounds per Julian year (365.25 d), for annualising: 412.388 for the mainnet 76 524 s round. */
export function roundsPerYear(roundLengthS: number): number {
  if (!(roundLengthS > 0)) throw new RangeError(`roundLengthS: ${roundLengthS} must be > 0`);
  return (365.25 * 86_400) / roundLengthS;
}

// ---------------------------------------------------------------------------------------------------------------
// Minter (contracts/token/Minter.sol, divisor 1e9)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Minter.setInflation(): `currentBondingRate = percPoints(totalBonded, totalSupply)` over 1e9, 0 when supply is 0.
 * `totalBonded` is BondingManager.getTotalBonded() = currentRoundTotalActiveStake (active set only);
 * `globalSupply` is getGlobalTotalSupply() = L2 totalSupply + L1 circulating supply.
 */
export function bondingRate(totalActiveStake: bigint, globalSupply: bigint): bigint {
  requireNonNegative('totalActiveStake', totalActiveStake);
  requireNonNegative('globalSupply', globalSupply);
  if (globalSupply === 0n) return 0n;
  return percPoints(totalActiveStake, globalSupply, MINTER_PERC_DIVISOR);
}

/**
 * Minter.setInflation(): below target → `inflation + inflationChange`; above target → `inflation - inflationChange`,
 * or 0 if `inflationChange > inflation`; equal → unchanged. No ceiling.
 */
export function nextInflation(inflation: bigint, currentBondingRate: bigint, targetBondingRate: bigint, inflationChange: bigint): bigint {
  requireNonNegative('inflation', inflation);
  requireNonNegative('inflationChange', inflationChange);
  if (currentBondingRate < targetBondingRate) return inflation + inflationChange;
  if (currentBondingRate > targetBondingRate) return inflationChange > inflation ? 0n : inflation - inflationChange;
  return inflation;
}

/** Minter.setCurrentRewardTokens(): `currentMintableTokens = percOf(globalSupply, inflation)` = supply * inflation / 1e9. */
export function mintableTokens(globalSupply: bigint, inflation: bigint): bigint {
  requireNonNegative('globalSupply', globalSupply);
  requireNonNegative('inflation', inflation);
  return (globalSupply * inflation) / MINTER_PERC_DIVISOR;
}

/**
 * Minter.createReward(fracNum, fracDenom): `mint = percOf(currentMintableTokens, fracNum, fracDenom)` =
 * mintable * floor(fracNum * 1e9 / fracDenom) / 1e9, then
 * `require(currentMintedTokens + mint <= currentMintableTokens, "minted tokens cannot exceed mintable tokens")`.
 * BondingManager.rewardWithHint passes (orchestrator's pool stake this round, currentRoundTotalActiveStake).
 * Returns the amount minted; the caller adds it to currentMintedTokens (reset to 0 each round).
 * @throws ContractRevertError where the contract reverts.
 */
export function createReward(currentMintableTokens: bigint, currentMintedTokens: bigint, fracNum: bigint, fracDenom: bigint): bigint {
  requireNonNegative('fracNum', fracNum);
  const mint = percOf3(currentMintableTokens, fracNum, fracDenom, MINTER_PERC_DIVISOR);
  if (currentMintedTokens + mint > currentMintableTokens) {
    throw new ContractRevertError('minted tokens cannot exceed mintable tokens');
  }
  return mint;
}

// ---------------------------------------------------------------------------------------------------------------
// BondingManager: reward and fee splits (contracts/bonding/BondingManager.sol)
// ---------------------------------------------------------------------------------------------------------------

export interface RewardSplit {
  /** To the treasury: PreciseMathUtils.percOf(reward, treasuryRewardCutRate) = reward * rate / 1e27. */
  readonly treasury: bigint;
  /** Orchestrator's commission: MathUtils.percOf(reward - treasury, rewardCut) = remainder * rewardCut / 1e6. */
  readonly orchestratorCommission: bigint;
  /** Shared pro rata by all stake in the pool (orchestrator's self-stake included), via the cumulative reward factor. */
  readonly delegatorPool: bigint;
}

/**
 * BondingManager.rewardWithHint → updateTranscoderWithRewards: treasury cut first (1e27 precision), then the
 * orchestrator's rewardCut (1e6) on the remainder; delegators get the rest. The orchestrator's stake grows by
 * `orchestratorCommission + delegatorPool` (= reward - treasury).
 */
export function splitReward(reward: bigint, treasuryRewardCutRate: bigint, rewardCut: bigint): RewardSplit {
  requireNonNegative('reward', reward);
  requireNonNegative('treasuryRewardCutRate', treasuryRewardCutRate);
  requireNonNegative('rewardCut', rewardCut);
  if (treasuryRewardCutRate > PRECISE_PERC_DIVISOR) {
    throw new ContractRevertError('_cutRate is invalid precise percentage');
  }
  if (rewardCut > PERC_DIVISOR) throw new ContractRevertError('invalid rewardCut percentage');
  const treasury = (reward * treasuryRewardCutRate) / PRECISE_PERC_DIVISOR;
  const remainder = reward - treasury;
  const orchestratorCommission = (remainder * rewardCut) / PERC_DIVISOR;
  return { treasury, orchestratorCommission, delegatorPool: remainder - orchestratorCommission };
}

/**
 * BondingManager.rewardWithHint, treasury ceiling: if `treasuryBalanceCeiling > 0` and the treasury's LPT balance
 * `>= ceiling` and `nextRoundTreasuryRewardCutRate > 0`, the next-round rate is set to 0. The check runs at each
 * reward() call before minting; the current round's rate still applies to that call. The new rate becomes
 * `treasuryRewardCutRate` at the next initializeRound (setCurrentRoundTotalActiveStake) — applied by the caller.
 * Returns the (possibly zeroed) nextRoundTreasuryRewardCutRate.
 */
export function treasuryCutRateNextRound(treasuryBalance: bigint, ceiling: bigint, nextRoundRate: bigint): bigint {
  if (ceiling > 0n && treasuryBalance >= ceiling && nextRoundRate > 0n) return 0n;
  return nextRoundRate;
}

export interface FeeSplit {
  /** MathUtils.percOf(fees, feeShare) = fees * feeShare / 1e6: into the pool, shared pro rata via the fee factor. */
  readonly delegators: bigint;
  /** fees - delegators: the orchestrator's fee commission. */
  readonly orchestrator: bigint;
}

/** BondingManager.updateTranscoderWithFees: `delegatorsFees = percOf(fees, feeShare)`, commission = the rest. */
export function splitFees(fees: bigint, feeShare: bigint): FeeSplit {
  requireNonNegative('fees', fees);
  requireNonNegative('feeShare', feeShare);
  if (feeShare > PERC_DIVISOR) throw new ContractRevertError('invalid feeShare percentage');
  const delegators = (fees * feeShare) / PERC_DIVISOR;
  return { delegators, orchestrator: fees - delegators };
}

// ---------------------------------------------------------------------------------------------------------------
// Cumulative factors (contracts/bonding/libraries/EarningsPoolLIP36.sol, PreciseMathUtils 1e27)
// ---------------------------------------------------------------------------------------------------------------

/** EarningsPoolLIP36: an unset (0) cumulativeRewardFactor reads as `PreciseMathUtils.percPoints(1, 1)` = 1e27. */
export const INITIAL_CUMULATIVE_FACTOR = PRECISE_PERC_DIVISOR;

function crfOrDefault(crf: bigint): bigint {
  return crf === 0n ? INITIAL_CUMULATIVE_FACTOR : crf;
}

/**
 * EarningsPoolLIP36.updateCumulativeRewardFactor: `crf = prevCrf + percOf(prevCrf, delegatorsRewards, totalStake)`
 * (prevCrf 0 → 1e27). `prevCrf` is the factor of the orchestrator's last reward round; `totalStake` is its pool's
 * stake for this round.
 */
export function nextCumulativeRewardFactor(prevCrf: bigint, delegatorPool: bigint, totalStake: bigint): bigint {
  const base = crfOrDefault(prevCrf);
  return base + percOf3(base, delegatorPool, totalStake, PRECISE_PERC_DIVISOR);
}

/**
 * EarningsPoolLIP36.updateCumulativeFeeFactor: `cff = baseCff + percOf(prevCrf, delegatorsFees, totalStake)`.
 * `baseCff` is this round's cff if fees were already added this round (non-zero), else the previous pool's cff.
 * `prevCrf` is the previous round's cumulative reward factor (0 → 1e27), even when reward() was called this round.
 */
export function nextCumulativeFeeFactor(baseCff: bigint, prevCrf: bigint, delegatorsFees: bigint, totalStake: bigint): bigint {
  return baseCff + percOf3(crfOrDefault(prevCrf), delegatorsFees, totalStake, PRECISE_PERC_DIVISOR);
}

/**
 * EarningsPoolLIP36.delegatorCumulativeStake: `percOf(stake, crfEnd, crfStart)` = stake * floor(crfEnd*1e27/crfStart)
 * / 1e27, each factor 0 → 1e27. `stake` is the bonded amount at the start round (Delegator.lastClaimRound).
 */
export function delegatorCumulativeStake(stake: bigint, crfStart: bigint, crfEnd: bigint): bigint {
  return percOf3(stake, crfOrDefault(crfEnd), crfOrDefault(crfStart), PRECISE_PERC_DIVISOR);
}

/**
 * EarningsPoolLIP36.delegatorCumulativeFees: `fees + percOf(stake, cffEnd - cffStart, crfStart)` (crfStart 0 → 1e27;
 * the end pool's reward factor is not used). Reverts (SafeMath) if cffEnd < cffStart.
 */
export function delegatorCumulativeFees(stake: bigint, fees: bigint, crfStart: bigint, cffStart: bigint, cffEnd: bigint): bigint {
  if (cffEnd < cffStart) throw new ContractRevertError('SafeMath: subtraction overflow');
  return fees + percOf3(stake, cffEnd - cffStart, crfOrDefault(crfStart), PRECISE_PERC_DIVISOR);
}

// ---------------------------------------------------------------------------------------------------------------
// Active set (BondingManager.tryToJoinActiveSet over contracts/libraries/SortedDoublyLL.sol)
// ---------------------------------------------------------------------------------------------------------------

export interface PoolMember {
  readonly id: number;
  readonly stake: bigint;
}

export interface ActiveSetChange {
  /** The pool in list order (stake descending) after the call. */
  readonly pool: readonly PoolMember[];
  readonly joined: boolean;
  /** The member removed to make room (its deactivationRound = current + 1), or null. */
  readonly evicted: PoolMember | null;
}

/** SortedDoublyLL.insert without a hint: descends from the head; goes before the first member with key <= stake. */
function insertNoHint(pool: readonly PoolMember[], m: PoolMember): PoolMember[] {
  const at = pool.findIndex((p) => p.stake <= m.stake);
  const out = pool.slice();
  out.splice(at === -1 ? out.length : at, 0, m);
  return out;
}

/**
 * BondingManager.tryToJoinActiveSet (called from transcoder() for a registered orchestrator not in the pool, and
 * from increaseTotalStake when such an orchestrator's stake rises). `pool` is the transcoderPool in list order
 * (stake descending; `getLast()` is the last element).
 * - Pool not full: the candidate joins.
 * - Pool full: if `stake <= lastStake` nothing happens (a tie keeps the incumbent); otherwise the last member is
 *   evicted and the candidate joins.
 * Among equal stakes the list order decides who is last; this function inserts as SortedDoublyLL.insert does with
 * no valid hint (ahead of equal keys), so the longest-standing of the lowest-stake members is evicted first.
 * Membership changes take effect next round (activationRound/deactivationRound = current + 1); applying that delay,
 * and nextRoundTotalActiveStake (the sum of the returned pool's stakes), is the caller's job.
 * @throws ContractRevertError "key is zero" when the candidate would be inserted with stake 0.
 */
export function activeSetAfter(pool: readonly PoolMember[], candidate: PoolMember, maxSize: number): ActiveSetChange {
  if (pool.some((p) => p.id === candidate.id)) throw new ContractRevertError('node already in list');
  let rest: readonly PoolMember[] = pool;
  let evicted: PoolMember | null = null;
  if (pool.length >= maxSize) {
    const last = pool[pool.length - 1];
    if (last === undefined || candidate.stake <= last.stake) return { pool, joined: false, evicted: null };
    evicted = last;
    rest = pool.slice(0, -1);
  }
  if (candidate.stake <= 0n) throw new ContractRevertError('key is zero');
  return { pool: insertNoHint(rest, candidate), joined: true, evicted };
}

/**
 * BondingManager.increaseTotalStake / decreaseTotalStake for a member already in the pool: SortedDoublyLL.updateKey
 * removes it and re-inserts it with the new stake (no hint), or leaves it out if the new stake is 0. Nobody outside
 * the pool is pulled in when a member's stake falls: outsiders join only through activeSetAfter.
 */
export function poolAfterStakeChange(pool: readonly PoolMember[], id: number, newStake: bigint): PoolMember[] {
  const i = pool.findIndex((p) => p.id === id);
  if (i === -1) throw new ContractRevertError('node not in list');
  const rest = pool.filter((p) => p.id !== id);
  return newStake > 0n ? insertNoHint(rest, { id, stake: newStake }) : rest;
}

/**
 * A whole-set recomputation (for initial states and comparisons; the contract never does this): the `n` ids with
 * the largest stakes among those with stake > 0. Ties broken by ascending id, so the result does not depend on input
 * order. Returns ids in that order (stake descending, then id ascending).
 */
export function topNByStake(ids: readonly number[], stakes: readonly bigint[], n: number): number[] {
  if (ids.length !== stakes.length) throw new RangeError('topNByStake: ids and stakes differ in length');
  return ids
    .map((id, i) => ({ id, stake: stakes[i] as bigint }))
    .filter((m) => m.stake > 0n)
    .sort((a, b) => (a.stake === b.stake ? a.id - b.id : a.stake > b.stake ? -1 : 1))
    .slice(0, Math.max(0, n))
    .map((m) => m.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Probabilistic micropayments (contracts/pm/mixins/*, go-livepeer pm/*, core/accounting.go)
// ---------------------------------------------------------------------------------------------------------------

/**
 * go-livepeer pm/ticket.go `ticketEV`: faceValue * winProb / (2^256 - 1), exact — the EV the broadcaster credits per
 * ticket (pm/sender.go EV) and divides by in core/accounting.go StageUpdate.
 */
export function ticketEvRatio(faceValue: bigint, winProb: bigint): Ratio {
  return ratio(faceValue * winProb, MAX_WIN_PROB);
}

export interface TicketParamsInput {
  /** Recipient's required ticket EV (`-ticketEV`, default 8e9 wei). */
  readonly evWei: bigint;
  /** Current gas price from the gas price monitor (wei). */
  readonly gasPriceWei: bigint;
  /** Gas to redeem a ticket (1 200 000 on Arbitrum). */
  readonly redeemGas: bigint;
  /** faceValue = txCost * this (100). */
  readonly txCostMultiplier: bigint;
  /** The sender's max float as seen by the recipient (see senderMaxFloatWei); omitted = no cap. */
  readonly maxFloatWei?: bigint;
  /** Recipient's `-maxFaceValue` (0 or omitted = no cap). */
  readonly maxFaceValueWei?: bigint;
  /** Hard-coded average gas price of pm/recipient.go (3 gwei). */
  readonly avgGasPriceWei?: bigint;
}

export interface TicketParams {
  readonly faceValue: bigint;
  readonly winProb: bigint;
}

/**
 * go-livepeer pm/recipient.go `faceValue` and `winProb` (for an orchestrator price > 0; at price 0 go-livepeer
 * sends faceValue = winProb = 0):
 *   faceValue = redeemGas * gasPrice * txCostMultiplier; if < EV then EV * 100; capped at maxFloat, then at
 *   maxFaceValue (if > 0). Refused (null, `errInsufficientSenderReserve`) if faceValue < EV, or if faceValue is below
 *   both txCost and txCost at the 3 gwei average gas price.
 *   winProb = 0 if faceValue = 0; 2^256-1 if faceValue = EV; else EV * ceil((2^256-1) / faceValue).
 */
export function ticketParams(input: TicketParamsInput): TicketParams | null {
  const { evWei, gasPriceWei, redeemGas, txCostMultiplier } = input;
  const txCost = redeemGas * gasPriceWei;
  let faceValue = txCost * txCostMultiplier;
  if (faceValue < evWei) faceValue = evWei * LIVEPEER_MAINNET.evMultiplier;
  if (input.maxFloatWei !== undefined && faceValue > input.maxFloatWei) faceValue = input.maxFloatWei;
  const maxFaceValue = input.maxFaceValueWei ?? 0n;
  if (maxFaceValue > 0n && maxFaceValue < faceValue) faceValue = maxFaceValue;
  if (faceValue < evWei) return null;
  const avgTxCost = redeemGas * (input.avgGasPriceWei ?? LIVEPEER_MAINNET.avgGasPriceWei);
  if (faceValue < txCost && faceValue < avgTxCost) return null;
  return { faceValue, winProb: recipientWinProb(faceValue, evWei) };
}

/** pm/recipient.go `winProb(faceValue)`. */
function recipientWinProb(faceValue: bigint, evWei: bigint): bigint {
  if (faceValue === 0n) return 0n;
  if (faceValue === evWei) return MAX_WIN_PROB;
  const x = MAX_WIN_PROB / faceValue;
  const m = MAX_WIN_PROB % faceValue;
  // Go tests `m.Int64() != 0`, which reads only the low 64 bits of m; reproduced for faceValues above 2^64.
  return BigInt.asIntN(64, m) !== 0n ? evWei * (x + 1n) : evWei * x;
}

function ratioCmp(a: Ratio, b: Ratio): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l === r ? 0 : l < r ? -1 : 1;
}

/**
 * Tickets a broadcaster sends with one payment. server/segment_rpc.go newBalanceUpdate raises the required credit
 * to one ticket's EV (`safeMinCredit = max(fee, ev)`), then core/accounting.go StageUpdate returns
 * 0 if existingCredit >= minCredit (or ev = 0), else ceil((minCredit - existingCredit) / ev).
 */
export function ticketsForFee(feeWei: bigint | Ratio, evWei: bigint | Ratio, existingCreditWei: bigint | Ratio = 0n): number {
  const fee = toRatio(feeWei);
  const ev = toRatio(evWei);
  const existing = toRatio(existingCreditWei);
  if (ev.num === 0n) return 0;
  const minCredit = ratioCmp(ev, fee) > 0 ? ev : fee;
  if (ratioCmp(existing, minCredit) >= 0) return 0;
  // gap / ev = (mc.num*ex.den - ex.num*mc.den) * ev.den / (mc.den*ex.den*ev.num)
  const num = (minCredit.num * existing.den - existing.num * minCredit.den) * ev.den;
  const den = minCredit.den * existing.den * ev.num;
  return Number((num + den - 1n) / den);
}

/** A transcoding output rendition, as ffmpeg.VideoProfile's resolution and framerate. */
export interface OutputProfile {
  readonly width: number;
  readonly height: number;
  /** 0 = passthrough, estimated as 60 fps by go-livepeer. */
  readonly framerate: number;
  /** 0 = unset, read as 1. */
  readonly framerateDen?: number;
}

/**
 * server/segment_rpc.go estimateFee, pixel count: Σ over profiles of width * height * ceil(framerate / framerateDen)
 * * ceil(segmentDurationS), framerate 0 → 60.
 */
export function segmentOutPixels(profiles: readonly OutputProfile[], segmentDurationS: number): bigint {
  let total = 0n;
  for (const p of profiles) {
    const framerate = p.framerate === 0 ? 60 : p.framerate;
    const den = p.framerateDen === undefined || p.framerateDen === 0 ? 1 : p.framerateDen;
    const fps = Math.ceil(framerate / den);
    total += BigInt(p.width * p.height) * BigInt(fps) * BigInt(Math.ceil(segmentDurationS));
  }
  return total;
}

/**
 * server/segment_rpc.go estimateFee: fee = outPixels * pixelEstimateMultiplier * pricePerPixel, an exact rational
 * in wei (pricePerPixel = pricePerUnit / pixelsPerUnit is itself a big.Rat in go-livepeer).
 */
export function feePerSegmentWei(outPixels: bigint, pricePerPixelWei: bigint | Ratio): Ratio {
  const price = toRatio(pricePerPixelWei);
  // Not reduced to lowest terms: the value is exact either way, and a gcd per stream is the costliest step here.
  return { num: outPixels * PIXEL_ESTIMATE_MULTIPLIER.num * price.num, den: PIXEL_ESTIMATE_MULTIPLIER.den * price.den };
}

// ---------------------------------------------------------------------------------------------------------------
// Segments and rendition ladders (go-livepeer @ 176aa415ccea; profile sizes from livepeer/lpms
// ffmpeg/videoprofile.go @ 0edc8a1bb7f3, the default ladder from cmd/livepeer/starter/starter.go)
// ---------------------------------------------------------------------------------------------------------------

/** go-livepeer server/mediaserver.go `SegLen = 2 * time.Second`: the broadcaster's segment length. */
export const SEGMENT_LENGTH_S = 2;

/** go-livepeer common/util.go `HTTPTimeout = 8 * time.Second`. */
export const HTTP_TIMEOUT_S = 8;

/**
 * go-livepeer server/broadcast.go NewSessionManager: a broadcaster's session pool asks discovery for
 * `numOrchs = min(pool size, maxInflight * 2)` orchestrators, maxInflight = HTTPTimeout / SegLen: 8 when 8 or more are
 * active. A full orchestrator (ErrOrchCap) is suspended and removed (suspendAndRemoveOrch) and the segment retried on
 * another session (up to MaxAttempts = 3 a segment); the pool is refreshed from discovery, suspended ones last, when
 * fewer than min(8, ceil(numOrchs / 2)) sessions remain.
 */
export const SESSION_POOL_SIZE = (2 * HTTP_TIMEOUT_S) / SEGMENT_LENGTH_S;

/** LPMS ffmpeg/videoprofile.go `P240p30fps16x9`: 426x240 at 30 fps. */
export const P240P30FPS16X9: OutputProfile = Object.freeze({ width: 426, height: 240, framerate: 30 });
/** LPMS ffmpeg/videoprofile.go `P360p30fps16x9`: 640x360 at 30 fps. */
export const P360P30FPS16X9: OutputProfile = Object.freeze({ width: 640, height: 360, framerate: 30 });
/** LPMS ffmpeg/videoprofile.go `P720p30fps16x9`: 1280x720 at 30 fps. */
export const P720P30FPS16X9: OutputProfile = Object.freeze({ width: 1280, height: 720, framerate: 30 });

/** go-livepeer starter.go `defaultTranscodingOptions = "P240p30fps16x9,P360p30fps16x9"`. */
export const DEFAULT_LADDER: readonly OutputProfile[] = Object.freeze([P240P30FPS16X9, P360P30FPS16X9]);
/** The default ladder plus 720p (the ladder of go-livepeer's livepeer_bench default). */
export const HD_LADDER: readonly OutputProfile[] = Object.freeze([P240P30FPS16X9, P360P30FPS16X9, P720P30FPS16X9]);

/** Output pixels of one segment of a ladder (server/segment_rpc.go estimateFee, via protocol.segmentOutPixels). */
export function ladderPixelsPerSegment(ladder: readonly OutputProfile[]): number {
  return Number(segmentOutPixels(ladder, SEGMENT_LENGTH_S));
}

/** Segments a stream of `durationS` is cut into (the last one partial, and paid as a whole one). */
export function segmentsOf(durationS: number): number {
  return Math.max(1, Math.ceil(durationS / SEGMENT_LENGTH_S));
}
