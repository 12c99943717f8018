import { ConfigError } from '../core/errors.ts';

/**
 * Checks a correlation matrix (square, symmetric, unit diagonal, entries in [−1, 1], positive definite) and
 * returns its lower Cholesky factor L (LLᵀ = C), row-major. Errors name the entry (`correlation[1][0]`).
 * Cholesky–Banachiewicz, O(n³) once per run; n is the number of assets.
 */
export function choleskyOfCorrelation(c: readonly (readonly number[])[], field = 'correlation'): Float64Array {
  const n = c.length;
  for (let i = 0; i < n; i++) {
    const row = c[i];
    if (!Array.isArray(row) || row.length !== n)
      throw new ConfigError(`${field}[${i}]`, row?.length ?? row, `allowed: a row of ${n} numbers (the matrix is ${n} × ${n})`);
    for (let j = 0; j < n; j++) {
      const v = row[j]!;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < -1 || v > 1) throw new ConfigError(`${field}[${i}][${j}]`, v, 'allowed: a number from -1 to 1');
      if (i === j && v !== 1) throw new ConfigError(`${field}[${i}][${j}]`, v, 'allowed: 1 on the diagonal');
      if (Math.abs(v - c[j]![i]!) > 1e-12)
        throw new ConfigError(`${field}[${i}][${j}]`, v, `allowed: equal to ${field}[${j}][${i}] (${c[j]![i]}): a correlation matrix is symmetric`);
    }
  }
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = c[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 1e-12))
          throw new ConfigError(
            field,
            `leading minor ${i + 1}`,
            'allowed: a positive definite matrix (some assets are implied perfectly or inconsistently correlated)',
          );
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return l;
}
