import { describe, expect, it } from 'vitest';
import { hashNormal, hashUniform } from '../../src/engine/hash-draws.ts';

const N = 100_000;

describe('hashUniform', () => {
  it('is a pure function of (seed, id, salt)', () => {
    expect(hashUniform(7, 123, 11)).toBe(hashUniform(7, 123, 11));
    expect(hashUniform(7, 123, 11)).not.toBe(hashUniform(8, 123, 11));
    expect(hashUniform(7, 123, 11)).not.toBe(hashUniform(7, 124, 11));
    expect(hashUniform(7, 123, 11)).not.toBe(hashUniform(7, 123, 12));
  });

  it('stays strictly inside (0, 1)', () => {
    let outside = 0;
    for (let id = 0; id < N; id++) {
      const u = hashUniform(1, id, 3);
      if (!(u > 0 && u < 1)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('passes a Kolmogorov–Smirnov test for uniformity over 10^5 consecutive ids (D below the 1 % critical value)', () => {
    const u = new Float64Array(N);
    for (let id = 0; id < N; id++) u[id] = hashUniform(2024, id, 11);
    u.sort();
    let d = 0;
    for (let k = 0; k < N; k++) d = Math.max(d, (k + 1) / N - u[k]!, u[k]! - k / N);
    // Critical value of D at α = 0.01 for large n: 1.628 / √n (Massey 1951, Table 1).
    expect(d).toBeLessThan(1.628 / Math.sqrt(N));
  });

  it('gives uncorrelated draws for different salts of the same agent', () => {
    let sx = 0,
      sy = 0,
      sxy = 0,
      sxx = 0,
      syy = 0;
    for (let id = 0; id < N; id++) {
      const x = hashUniform(9, id, 12);
      const y = hashUniform(9, id, 13);
      sx += x;
      sy += y;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    const r = (sxy - (sx * sy) / N) / Math.sqrt((sxx - (sx * sx) / N) * (syy - (sy * sy) / N));
    // Under independence r has sd 1/√n ≈ 0.0032: four sd.
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(N));
  });

  it('keeps its values (any change here moves every hashed initial state, and the golden CSVs)', () => {
    expect(hashUniform(0, 0, 0)).toBe(0.00018597499001771212);
    expect(hashUniform(2024, 17, 11)).toBe(0.2471456319326535);
  });
});

describe('hashNormal', () => {
  it('has mean 0, variance 1 and 95 % of its mass within ±1.96 over 10^5 ids', () => {
    let s = 0,
      ss = 0,
      inside = 0;
    for (let id = 0; id < N; id++) {
      const z = hashNormal(5, id, 11);
      s += z;
      ss += z * z;
      if (Math.abs(z) < 1.959963984540054) inside++;
    }
    const mean = s / N;
    const variance = ss / N - mean * mean;
    // sd of the mean 1/√n ≈ 0.0032, of the variance √(2/n) ≈ 0.0045, of the share √(0.95·0.05/n) ≈ 0.0007: four sd.
    expect(Math.abs(mean)).toBeLessThan(0.013);
    expect(Math.abs(variance - 1)).toBeLessThan(0.018);
    expect(Math.abs(inside / N - 0.95)).toBeLessThan(0.0028);
  });
});
