/**
 * DS-Math fixed point in `bigint`, as MakerDAO's contracts compute it (dapphub ds-math `math.sol`; makerdao/dss
 * `src/jug.sol`, `src/pot.sol`, `src/clip.sol`, `src/abaci.sol` each carry their own copies of these helpers):
 * WAD = 10^18 (token amounts), RAY = 10^27 (rates and prices), RAD = 10^45 (= WAD · RAY, internal Dai in the Vat).
 * Every division floors, as Solidity's `/` on uint256 does; `rpow` rounds half up at every step. All functions
 * refuse negative inputs (the contracts work in uint256), so a sign error upstream throws instead of rounding the
 * wrong way.
 */

export const WAD = 10n ** 18n;
export const RAY = 10n ** 27n;
export const RAD = 10n ** 45n;
/** 10^9: a WAD price times BLN is a RAY price (dss `clip.sol` `getFeedPrice`, `spot.sol` `poke`). */
export const BLN = 10n ** 9n;

function nonNegative(name: string, ...xs: bigint[]): void {
  for (const x of xs) if (x < 0n) throw new RangeError(`${name}: negative operand ${x} (the contracts work in uint256)`);
}

/** x · y / WAD, floored (ds-math / dss `wmul`). */
export function wmul(x: bigint, y: bigint): bigint {
  nonNegative('wmul', x, y);
  return (x * y) / WAD;
}

/** x · y / RAY, floored (dss `jug.sol`, `clip.sol`, `abaci.sol` `rmul`). */
export function rmul(x: bigint, y: bigint): bigint {
  nonNegative('rmul', x, y);
  return (x * y) / RAY;
}

/** x · RAY / y, floored (dss `spot.sol`, `clip.sol` `rdiv`). @throws {RangeError} when y is 0 */
export function rdiv(x: bigint, y: bigint): bigint {
  nonNegative('rdiv', x, y);
  if (y === 0n) throw new RangeError('rdiv: division by zero');
  return (x * RAY) / y;
}

/** x · WAD / y, floored (ds-math `wdiv` rounds half up; dss-psm and the Vat never divide by a wad, so this floors). */
export function wdivDown(x: bigint, y: bigint): bigint {
  nonNegative('wdivDown', x, y);
  if (y === 0n) throw new RangeError('wdivDown: division by zero');
  return (x * WAD) / y;
}

/**
 * x^n in base b, by squaring, rounding half up at each step: dss `jug.sol` / `pot.sol` / `abaci.sol` `rpow`
 * (assembly), which the contract tests pin to the last unit. `rpow(x, 0, b) = b`; `rpow(0, n, b) = 0` for n > 0.
 * O(log n) bigint multiplications.
 */
export function rpow(x: bigint, n: bigint, b: bigint): bigint {
  nonNegative('rpow', x, n, b);
  if (n === 0n) return b;
  if (x === 0n) return 0n;
  const half = b / 2n;
  let z = n % 2n === 0n ? b : x;
  for (n /= 2n; n > 0n; n /= 2n) {
    x = (x * x + half) / b;
    if (n % 2n === 1n) z = (z * x + half) / b;
  }
  return z;
}

/** The smaller of two bigints. */
export function minBig(a: bigint, b: bigint): bigint {
  return a <= b ? a : b;
}

/** A decimal amount (a double, such as 1.13 or 250000) as an exact fixed-point integer in `unit`, rounded to the nearest. */
export function toFixed(x: number, unit: bigint): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`toFixed: ${x} is not finite`);
  // Through the shortest decimal text of x, so that 1.13 becomes exactly 1130000000000000000 in WAD.
  const text = x.toExponential();
  const [mant, expText] = text.split('e') as [string, string];
  const negative = mant.startsWith('-');
  const [intPart, frac = ''] = mant.replace('-', '').split('.') as [string, string?];
  const digits = BigInt(intPart + frac);
  const exp = Number(expText) - frac.length;
  const scale = unit.toString().length - 1;
  if (10n ** BigInt(scale) !== unit) throw new RangeError(`toFixed: unit ${unit} is not a power of ten`);
  const shift = exp + scale;
  let v: bigint;
  if (shift >= 0) v = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    v = (digits + d / 2n) / d;
  }
  return negative ? -v : v;
}

/** A fixed-point integer in `unit` as a double (for metrics and decisions; exact accounting stays in bigint). */
export function fromFixed(v: bigint, unit: bigint): number {
  const whole = v / unit;
  return Number(whole) + Number(v - whole * unit) / Number(unit);
}
