/** Throws a RangeError naming `fn` and the position of the first value that is negative, NaN or infinite. */
export function checkNonNegative(fn: string, values: ArrayLike<number>): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!(x >= 0 && x < Infinity)) throw new RangeError(`${fn}: values must be non-negative finite numbers; value ${i} is ${x}`);
  }
}

/** Throws a RangeError naming `fn` and the position of the first value that is NaN or infinite. */
export function checkFinite(fn: string, values: ArrayLike<number>): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: values must be finite numbers; value ${i} is ${x}`);
  }
}
