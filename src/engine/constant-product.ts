/**
 * A constant-product pool (x · y = k) of two tokens with a fee on the input, as Uniswap V2 computes a swap
 * (Uniswap/v2-periphery `contracts/libraries/UniswapV2Library.sol` `getAmountOut` / `getAmountIn`, with the fee as
 * parts per million instead of V2's fixed 3/1000): amounts are integers in each token's base unit (wei), every
 * division floors in the pool's favour, and the fee stays in the reserves. Generic: any network with an AMM venue
 * uses it (Maker's DAI/USDC and ETH/DAI pools).
 */
export interface ConstantProductPool {
  /** Reserve of token 0 and token 1, in their base units. */
  reserve0: bigint;
  reserve1: bigint;
  /** Fee on the input amount, parts per million (3000 = 0.3 %, Uniswap V2). */
  readonly feePpm: bigint;
}

const PPM = 1_000_000n;

export function createPool(reserve0: bigint, reserve1: bigint, feePpm: number): ConstantProductPool {
  if (reserve0 <= 0n || reserve1 <= 0n) throw new RangeError(`constant-product pool: reserves must be positive, got ${reserve0} and ${reserve1}`);
  if (!Number.isInteger(feePpm) || feePpm < 0 || feePpm >= 1_000_000) throw new RangeError(`constant-product pool: fee must be 0 … 999999 ppm, got ${feePpm}`);
  return { reserve0, reserve1, feePpm: BigInt(feePpm) };
}

/** Output for `amountIn` into a pool with reserves (rIn, rOut): floor(in·(1−f)·rOut / (rIn + in·(1−f))). */
export function amountOut(amountIn: bigint, rIn: bigint, rOut: bigint, feePpm: bigint): bigint {
  if (amountIn < 0n) throw new RangeError(`constant-product: negative input ${amountIn}`);
  const inWithFee = amountIn * (PPM - feePpm);
  return (inWithFee * rOut) / (rIn * PPM + inWithFee);
}

/** Smallest input that buys `amountOut` (< rOut): floor(rIn·out / ((rOut − out)·(1−f))) + 1, as V2's getAmountIn. */
export function amountIn(amountOutWanted: bigint, rIn: bigint, rOut: bigint, feePpm: bigint): bigint {
  if (amountOutWanted < 0n || amountOutWanted >= rOut) throw new RangeError(`constant-product: cannot buy ${amountOutWanted} of a reserve of ${rOut}`);
  return (rIn * amountOutWanted * PPM) / ((rOut - amountOutWanted) * (PPM - feePpm)) + 1n;
}

/** Sells `amountIn` of token 0 for token 1 (or token 1 for token 0 when `zeroForOne` is false); returns the output. */
export function swap(p: ConstantProductPool, amount: bigint, zeroForOne: boolean): bigint {
  if (zeroForOne) {
    const out = amountOut(amount, p.reserve0, p.reserve1, p.feePpm);
    p.reserve0 += amount;
    p.reserve1 -= out;
    return out;
  }
  const out = amountOut(amount, p.reserve1, p.reserve0, p.feePpm);
  p.reserve1 += amount;
  p.reserve0 -= out;
  return out;
}

/** Mid price of token 0 in units of token 1 (reserve1 / reserve0), as a double; scale by the tokens' decimals yourself. */
export function midPrice(p: ConstantProductPool): number {
  return Number((p.reserve1 * 10n ** 18n) / p.reserve0) / 1e18;
}

/**
 * The input a that moves the mid price (reserve_out / reserve_in after the swap) to `target`, fee included: the whole
 * input stays in the reserves but only a·(1 − f) reaches the curve, so (r + a(1 − f))·(r + a) = k / target, a
 * quadratic in a. A double estimate for sizing trades; the swap itself is exact.
 */
function inputToPrice(rIn: number, k: number, target: number, fee: number): number {
  const g = 1 - fee;
  const c = rIn * rIn - k / target;
  const b = rIn * (1 + g);
  return (-b + Math.sqrt(b * b - 4 * g * c)) / (2 * g);
}

/** The input of token 0 that moves the mid price (reserve1/reserve0) down to `target`; 0 when it is already there. */
export function inputToPrice0(p: ConstantProductPool, target: number): number {
  const r0 = Number(p.reserve0);
  const r1 = Number(p.reserve1);
  if (!(target > 0) || target >= r1 / r0) return 0;
  return inputToPrice(r0, r0 * r1, target, Number(p.feePpm) / 1e6);
}

/** The input of token 1 that moves the mid price (reserve1/reserve0) up to `target`; 0 when it is already there. */
export function inputToPrice1(p: ConstantProductPool, target: number): number {
  const r0 = Number(p.reserve0);
  const r1 = Number(p.reserve1);
  if (!(target > r1 / r0) || !Number.isFinite(target)) return 0;
  // Token 1 in: the price of token 1 in token 0 (r0/r1) falls to 1/target.
  return inputToPrice(r1, r0 * r1, 1 / target, Number(p.feePpm) / 1e6);
}
