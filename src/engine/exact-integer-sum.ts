/**
 * Σ of non-negative integer-valued doubles (counts of a unit, such as micro-LPT), exact at any length: partial sums
 * stay below 2^52 and are flushed into a bigint before they could round; a term of 2^52 or more goes straight to the
 * bigint. O(1) per term, no BigInt work in the common case.
 */
export class ExactIntegerSum {
  private acc = 0;
  private big = 0n;

  add(x: number): void {
    if (x >= 2 ** 52) {
      this.big += BigInt(x);
      return;
    }
    this.acc += x;
    if (this.acc >= 2 ** 52) {
      this.big += BigInt(this.acc);
      this.acc = 0;
    }
  }

  /** The sum so far. */
  total(): bigint {
    return this.big + BigInt(this.acc);
  }
}
