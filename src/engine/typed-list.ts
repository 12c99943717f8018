/**
 * Growable lists of numbers backed by one typed array each, for what an agent kind posts per window (request times,
 * candidates): no object per item, amortised O(1) `push`, and `take` hands the items over as an exact-length copy
 * and empties the list for the next window. Two classes rather than one generic class keep every `push` site
 * monomorphic.
 */

/** A growable list of doubles. */
export class Float64List {
  private items = new Float64Array(64);
  private n = 0;

  /** Number of items pushed since the last `take`. */
  get length(): number {
    return this.n;
  }

  push(x: number): void {
    if (this.n === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.n++] = x;
  }

  /** The items in push order (a copy of exactly `length` items); the list is then empty. */
  take(): Float64Array {
    const out = this.items.slice(0, this.n);
    this.n = 0;
    return out;
  }
}

/** A growable list of 32-bit signed integers (indices, ids). */
export class Int32List {
  private items = new Int32Array(64);
  private n = 0;

  /** Number of items pushed since the last `take`. */
  get length(): number {
    return this.n;
  }

  push(x: number): void {
    if (this.n === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.n++] = x;
  }

  /** The items in push order (a copy of exactly `length` items); the list is then empty. */
  take(): Int32Array {
    const out = this.items.slice(0, this.n);
    this.n = 0;
    return out;
  }
}
