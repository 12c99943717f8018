/**
 * Each provider's sealing pipeline: a FIFO of jobs (a client's deal, or committed capacity the provider decided to
 * add), sealed at the provider's throughput. A day's sealed sectors are pre-committed that day (the deposit is
 * locked) and prove-committed at the next clear (the deposit is released, the pledge locked and the sectors become
 * power): the pre-commit → prove-commit delay is one window here (the actor allows up to 30 days + 150 epochs).
 */
export interface Sealing {
  /** Jobs, by id. */
  readonly jobProvider: number[];
  readonly jobKind: number[];
  readonly jobDeal: number[];
  readonly jobLeft: number[];
  /** Expiration day of the sectors: a deal's end, or -1 for committed capacity (set when committed). */
  readonly jobExpiry: number[];
  readonly jobNext: number[];
  /** Per provider: first and last job of its queue (-1: empty), sectors queued, and the fraction of a sector carried. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly queued: Float64Array;
  readonly carry: Float64Array;
  /** Today's pre-commits, proven at the next clear. */
  batches: Batches;
}

/** Pre-committed sectors awaiting their prove-commit: one entry per (provider, job) sealed in a day. */
export interface Batches {
  readonly provider: number[];
  readonly kind: number[];
  readonly deal: number[];
  readonly sectors: number[];
  readonly expiry: number[];
  /** Pre-commit deposit per sector (attoFIL), set when the deposit is locked. */
  readonly deposit: bigint[];
}

export const emptyBatches = (): Batches => ({ provider: [], kind: [], deal: [], sectors: [], expiry: [], deposit: [] });

export function createSealing(providers: number): Sealing {
  return {
    jobProvider: [],
    jobKind: [],
    jobDeal: [],
    jobLeft: [],
    jobExpiry: [],
    jobNext: [],
    head: new Int32Array(providers).fill(-1),
    tail: new Int32Array(providers).fill(-1),
    queued: new Float64Array(providers),
    carry: new Float64Array(providers),
    batches: emptyBatches(),
  };
}

/** Queues `sectors` of a job at the end of provider p's pipeline; returns the job's id. */
export function enqueue(s: Sealing, p: number, kind: number, deal: number, sectors: number, expiry: number): number {
  const id = s.jobProvider.length;
  s.jobProvider.push(p);
  s.jobKind.push(kind);
  s.jobDeal.push(deal);
  s.jobLeft.push(sectors);
  s.jobExpiry.push(expiry);
  s.jobNext.push(-1);
  if (s.tail[p]! >= 0) s.jobNext[s.tail[p]!] = id;
  else s.head[p] = id;
  s.tail[p] = id;
  s.queued[p] = s.queued[p]! + sectors;
  return id;
}

/** Cancels what is left of a job (a deal that reached its start unsealed); returns the sectors cancelled. */
export function cancelJob(s: Sealing, job: number): number {
  const left = s.jobLeft[job]!;
  s.jobLeft[job] = 0;
  const p = s.jobProvider[job]!;
  s.queued[p] = s.queued[p]! - left;
  return left;
}

/** Cancels every job of provider p (it exits); returns the sectors cancelled. */
export function cancelAll(s: Sealing, p: number): number {
  let n = 0;
  for (let j = s.head[p]!; j >= 0; j = s.jobNext[j]!) n += cancelJob(s, j);
  s.head[p] = -1;
  s.tail[p] = -1;
  return n;
}

/**
 * Provider p seals up to `sectorsPerDay` (plus its carried fraction) from the front of its queue: each job it
 * touches becomes a batch pre-committed today. Returns the sectors sealed.
 */
export function sealDay(s: Sealing, p: number, sectorsPerDay: number): number {
  let budget = s.carry[p]! + sectorsPerDay;
  let sealed = 0;
  let j = s.head[p]!;
  while (j >= 0 && budget >= 1) {
    const take = Math.min(s.jobLeft[j]!, Math.floor(budget));
    if (take > 0) {
      const b = s.batches;
      b.provider.push(p);
      b.kind.push(s.jobKind[j]!);
      b.deal.push(s.jobDeal[j]!);
      b.sectors.push(take);
      b.expiry.push(s.jobExpiry[j]!);
      b.deposit.push(0n);
      s.jobLeft[j] = s.jobLeft[j]! - take;
      budget -= take;
      sealed += take;
    }
    if (s.jobLeft[j]! > 0) break;
    j = s.jobNext[j]!;
  }
  s.head[p] = j;
  if (j < 0) s.tail[p] = -1;
  s.queued[p] = s.queued[p]! - sealed;
  // An idle pipeline carries nothing; a busy one carries the fraction of a sector it did not use.
  s.carry[p] = j >= 0 ? Math.min(budget, 1) : 0;
  return sealed;
}

/** Takes today's pre-commits (to prove at the next clear) and starts an empty list. */
export function takeBatches(s: Sealing): Batches {
  const out = s.batches;
  s.batches = emptyBatches();
  return out;
}
