import seedrandom from 'seedrandom';

/**
 * A seeded random stream: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c),
 * 128-bit state, period 2^128 − 1. Streams are keyed by strings; seedrandom's ARC4 key schedule mixes the
 * key into the initial state, so distinct keys give statistically independent streams.
 *
 * Like pure-rand's generators it is serialisable (`getState`/`fromState`), so a stream can cross a
 * worker boundary. It is mutable and never shared between shards.
 */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A stream seeded from a key string (any key; equal keys give equal streams). */
  static fromKey(key: string): RandomStream {
    const arc4 = seedrandom(key);
    return new RandomStream(arc4.int32(), arc4.int32(), arc4.int32(), arc4.int32());
  }

  static fromState(state: readonly number[]): RandomStream {
    if (state.length !== 4) throw new RangeError(`RandomStream state must have 4 words, got ${state.length}`);
    return new RandomStream(state[0]!, state[1]!, state[2]!, state[3]!);
  }

  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  clone(): RandomStream {
    return new RandomStream(this.s0, this.s1, this.s2, this.s3);
  }

  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  nextU32(): number {
    const s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * 1.1102230246251565e-16; // / 2^53
  }

  /**
   * Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, from one 32-bit draw (multiply-shift, Lemire 2019).
   * Bias is below n / 2^32: negligible for the population sizes simulated here.
   */
  int(n: number): number {
    return Math.floor(this.nextU32() * 2.3283064365386963e-10 * n);
  }

  /** Exponential variate with the given mean (inverse transform; never returns Infinity). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal variate (Box–Muller, one of the pair). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal variate whose logarithm has the given mean and sd. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Poisson variate (Knuth for small means, normal approximation with continuity correction above 500). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /**
   * Binomial variate: inversion on the pmf when n·p·(1−p) ≤ 100 (after reflecting p > 1/2), otherwise the
   * normal approximation with continuity correction (error in the cdf below ~1e-3 there).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const variance = n * p * (1 - p);
    if (variance > 100) {
      const x = Math.round(this.normal(n * p, Math.sqrt(variance)));
      return Math.min(n, Math.max(0, x));
    }
    const q = 1 - p;
    const ratio = p / q;
    let pmf = q ** n;
    let cdf = pmf;
    const u = this.next();
    let k = 0;
    while (u > cdf && k < n) {
      pmf *= (ratio * (n - k)) / (k + 1);
      cdf += pmf;
      k++;
    }
    return k;
  }

  /** In-place Fisher–Yates shuffle of the first `length` entries. */
  shuffle(a: { length: number; [i: number]: number }, length = a.length): void {
    for (let i = length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
  }
}

/**
 * The seed of one run, derived only from (experiment seed, point id, replicate): a 32-bit unsigned
 * integer, written to runs.csv so a single run can be reproduced on its own.
 */
export function runSeed(experimentSeed: number, pointId: number, replicate: number): number {
  return RandomStream.fromKey(`panmine/run/${experimentSeed}/${pointId}/${replicate}`).nextU32();
}

/** A named stream of a run, e.g. `streamOf(seed, 'shard/3')` or `streamOf(seed, 'livepeer/market')`. */
export function streamOf(seedOfRun: number, name: string): RandomStream {
  return RandomStream.fromKey(`panmine/stream/${seedOfRun}/${name}`);
}
