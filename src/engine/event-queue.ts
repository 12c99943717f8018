/**
 * A binary min-heap of events ordered by (time, priority, sequence). The sequence number is the order
 * of insertion, so ties in time and priority pop first-in first-out and the order is total.
 *
 * Events are tiny typed records held in parallel typed arrays (no object per event):
 * `kind` (what happens), `agent` (to whom, an index into a population) and `value` (one number of payload).
 * push and pop are O(log n). Pop copies the event into the public fields `time`, `priority`, `kind`,
 * `agent`, `value` of the queue, so the hot loop allocates nothing.
 */
/** Bytes an event slot takes: time and sequence (f64), priority, kind and agent (i32), value (f64). */
export const BYTES_PER_EVENT = 8 + 4 + 8 + 4 + 4 + 8;

export class EventQueue {
  private times: Float64Array;
  private priorities: Int32Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private agents: Int32Array;
  private values: Float64Array;
  private count = 0;
  private nextSeq = 0;

  /** The event last popped. */
  time = 0;
  priority = 0;
  kind = 0;
  agent = 0;
  value = 0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.times = new Float64Array(c);
    this.priorities = new Int32Array(c);
    this.seqs = new Float64Array(c);
    this.kinds = new Int32Array(c);
    this.agents = new Int32Array(c);
    this.values = new Float64Array(c);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or +Infinity when the queue is empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, priority: number, kind: number, agent: number, value = 0): void {
    if (Number.isNaN(time)) throw new RangeError('EventQueue.push: time is NaN');
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    // Sift up: move parents down until the slot fits.
    let i = this.count++;
    const times = this.times,
      prios = this.priorities,
      seqs = this.seqs;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && (prios[p]! < priority || (prios[p] === priority && seqs[p]! < seq)))) break;
      this.move(p, i);
      i = p;
    }
    times[i] = time;
    prios[i] = priority;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.agents[i] = agent;
    this.values[i] = value;
  }

  /** Pops the earliest event into the public fields; returns false when the queue is empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.time = this.times[0]!;
    this.priority = this.priorities[0]!;
    this.kind = this.kinds[0]!;
    this.agent = this.agents[0]!;
    this.value = this.values[0]!;
    const last = --this.count;
    if (last > 0) {
      const times = this.times,
        prios = this.priorities,
        seqs = this.seqs;
      const t = times[last]!,
        pr = prios[last]!,
        sq = seqs[last]!;
      const k = this.kinds[last]!,
        a = this.agents[last]!,
        v = this.values[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        let c = l;
        const r = l + 1;
        if (r < last && this.less(r, l)) c = r;
        const ct = times[c]!;
        if (t < ct || (t === ct && (pr < prios[c]! || (pr === prios[c] && sq < seqs[c]!)))) break;
        this.move(c, i);
        i = c;
      }
      times[i] = t;
      prios[i] = pr;
      seqs[i] = sq;
      this.kinds[i] = k;
      this.agents[i] = a;
      this.values[i] = v;
    }
    return true;
  }

  clear(): void {
    this.count = 0;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!,
      tb = this.times[b]!;
    if (ta !== tb) return ta < tb;
    const pa = this.priorities[a]!,
      pb = this.priorities[b]!;
    if (pa !== pb) return pa < pb;
    return this.seqs[a]! < this.seqs[b]!;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.priorities[to] = this.priorities[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.agents[to] = this.agents[from]!;
    this.values[to] = this.values[from]!;
  }

  private grow(): void {
    const c = this.times.length * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a);
      return b;
    };
    this.times = grow64(this.times);
    this.priorities = grow32(this.priorities);
    this.seqs = grow64(this.seqs);
    this.kinds = grow32(this.kinds);
    this.agents = grow32(this.agents);
    this.values = grow64(this.values);
  }
}

/**
 * Pops and handles every event with time < `until`, in order. Handlers may push new events, which are
 * processed in the same call if they fall before `until`.
 */
export function drainUntil(queue: EventQueue, until: number, handle: (q: EventQueue) => void): number {
  let n = 0;
  while (queue.size > 0 && queue.peekTime() < until) {
    queue.pop();
    handle(queue);
    n++;
  }
  return n;
}
