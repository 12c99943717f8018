import { Float64List } from '../../engine/typed-list.ts';
import { fromFil, SECTORS_PER_TIB } from './fil.ts';
import { AVAILABLE, addToProvider, COLLATERAL, type Ledger, moveWithin } from './ledger.ts';
import { NOTICE_ACCEPTED, NOTICE_ACTIVE, NOTICE_CUT, NOTICE_REJECTED } from './messages.ts';

/**
 * The storage market (market actor): deals between clients and providers. A deal is a client's dataset stored with
 * one provider, as many 32 GiB pieces as it fills, each sealed in its own sector. Publishing it locks the client's
 * whole payment in escrow (price · pieces · days, in whole attoFIL per piece-day) and the provider's collateral
 * (`deal_provider_collateral_bounds`' minimum per piece). The deal starts on a fixed day, by which its pieces must be
 * sealed: pieces still unsealed are dropped and their collateral burnt (`collateral_penalty_for_deal_activation_missed`,
 * 100 %), their escrow refunded. From the start the provider is paid daily for its live pieces; a piece whose sector is
 * terminated is slashed (collateral burnt, the rest of its escrow back to the client); at the end the collateral of
 * the live pieces is returned.
 */
export const DEAL_PENDING = 1;
export const DEAL_ACTIVE = 2;
export const DEAL_DONE = 3;
export const DEAL_DROPPED = 4;

export interface Deals {
  shard: number[];
  client: number[];
  provider: number[];
  pieces: number[];
  /** Pieces sealed (before the start) and live (paying, after it). */
  sealed: number[];
  live: number[];
  verified: number[];
  state: number[];
  startDay: number[];
  endDay: number[];
  /** Sealing job of the deal's pieces (to cancel what is unsealed at the start). */
  job: number[];
  /** attoFIL per piece per day, and collateral per piece. */
  pay: bigint[];
  collateral: bigint[];
  priceFil: number[];
  /** Per provider: what its live deals pay a day (attoFIL), pieces taken and pieces cut short. */
  readonly providerDaily: bigint[];
  readonly piecesTaken: Float64Array;
  readonly piecesCut: Float64Array;
  /** Deals by the day they start and the day after they end. */
  readonly starting: Map<number, number[]>;
  readonly ending: Map<number, number[]>;
  /** Notices to each shard's clients this window, (client, kind, a, b) quadruples. */
  readonly notices: Float64List[];
  active: number;
}

export function createDeals(providers: number, shards: number): Deals {
  return {
    shard: [],
    client: [],
    provider: [],
    pieces: [],
    sealed: [],
    live: [],
    verified: [],
    state: [],
    startDay: [],
    endDay: [],
    job: [],
    pay: [],
    collateral: [],
    priceFil: [],
    providerDaily: new Array<bigint>(providers).fill(0n),
    piecesTaken: new Float64Array(providers),
    piecesCut: new Float64Array(providers),
    starting: new Map(),
    ending: new Map(),
    notices: Array.from({ length: shards }, () => new Float64List()),
    active: 0,
  };
}

export function notify(d: Deals, shard: number, client: number, kind: number, a = 0, b = 0): void {
  const n = d.notices[shard]!;
  n.push(client);
  n.push(kind);
  n.push(a);
  n.push(b);
}

function at(map: Map<number, number[]>, day: number, id: number): void {
  const list = map.get(day);
  if (list) list.push(id);
  else map.set(day, [id]);
}

/** Pieces (32 GiB sectors) a dataset of `sizeTib` fills. */
export function piecesFor(sizeTib: number): number {
  return Math.max(1, Math.ceil(sizeTib * SECTORS_PER_TIB - 1e-9));
}

/** attoFIL per piece per day at a price in FIL per TiB-year (whole micro-FIL per TiB-year, floored per piece-day). */
export function payPerPieceDay(priceFilPerTibYear: number): bigint {
  return fromFil(priceFilPerTibYear) / BigInt(365 * SECTORS_PER_TIB);
}

export interface NewDeal {
  readonly shard: number;
  readonly client: number;
  readonly provider: number;
  readonly pieces: number;
  readonly verified: boolean;
  readonly startDay: number;
  readonly days: number;
  readonly priceFil: number;
  readonly collateralPerPiece: bigint;
}

/**
 * Publishes a deal: the client's escrow from holders, the provider's collateral from its available balance (the
 * caller has funded it). Returns its id (the caller queues its sealing and records the job), or -1 when holders
 * cannot pay the escrow.
 */
export function publishDeal(d: Deals, l: Ledger, n: NewDeal): number {
  const id = d.shard.length;
  const pay = payPerPieceDay(n.priceFil);
  const escrow = pay * BigInt(n.pieces) * BigInt(n.days);
  if (escrow > l.holders) return -1;
  l.holders -= escrow;
  l.escrow += escrow;
  moveWithin(l, n.provider, AVAILABLE, COLLATERAL, n.collateralPerPiece * BigInt(n.pieces));
  d.shard.push(n.shard);
  d.client.push(n.client);
  d.provider.push(n.provider);
  d.pieces.push(n.pieces);
  d.sealed.push(0);
  d.live.push(0);
  d.verified.push(n.verified ? 1 : 0);
  d.state.push(DEAL_PENDING);
  d.startDay.push(n.startDay);
  d.endDay.push(n.startDay + n.days);
  d.job.push(-1);
  d.pay.push(pay);
  d.collateral.push(n.collateralPerPiece);
  d.priceFil.push(n.priceFil);
  d.piecesTaken[n.provider] = d.piecesTaken[n.provider]! + n.pieces;
  at(d.starting, n.startDay, id);
  notify(d, n.shard, n.client, NOTICE_ACCEPTED, n.provider);
  return id;
}

export function rejectRequest(d: Deals, shard: number, client: number): void {
  notify(d, shard, client, NOTICE_REJECTED);
}

/** Pieces of deal `id` were sealed (their sectors proven). */
export function piecesSealed(d: Deals, id: number, pieces: number): void {
  d.sealed[id] = d.sealed[id]! + pieces;
}

/** Unsealed pieces of a deal are dropped: collateral burnt, escrow refunded to holders. */
function dropPieces(d: Deals, l: Ledger, id: number, pieces: number, burn: (p: number, amount: bigint) => void): void {
  if (pieces <= 0) return;
  const k = BigInt(pieces);
  const refund = d.pay[id]! * k * BigInt(d.endDay[id]! - d.startDay[id]!);
  l.escrow -= refund;
  l.holders += refund;
  burn(d.provider[id]!, d.collateral[id]! * k);
  d.piecesCut[d.provider[id]!] = d.piecesCut[d.provider[id]!]! + pieces;
}

/** Deals starting on `day`: the unsealed part is dropped (its job cancelled by the caller), the rest starts paying. */
export function startDeals(d: Deals, l: Ledger, day: number, cancel: (job: number) => void, burn: (p: number, amount: bigint) => void): void {
  for (const id of d.starting.get(day) ?? []) {
    if (d.state[id] !== DEAL_PENDING) continue;
    if (d.job[id]! >= 0) cancel(d.job[id]!);
    dropPieces(d, l, id, d.pieces[id]! - d.sealed[id]!, burn);
    const live = d.sealed[id]!;
    if (live === 0) {
      d.state[id] = DEAL_DROPPED;
      notify(d, d.shard[id]!, d.client[id]!, NOTICE_CUT);
      continue;
    }
    d.state[id] = DEAL_ACTIVE;
    d.live[id] = live;
    d.active++;
    const p = d.provider[id]!;
    d.providerDaily[p] = d.providerDaily[p]! + d.pay[id]! * BigInt(live);
    at(d.ending, d.endDay[id]!, id);
    notify(d, d.shard[id]!, d.client[id]!, NOTICE_ACTIVE, p, d.endDay[id]!);
  }
  d.starting.delete(day);
}

/** A day's payments: each provider's live deals pay it from escrow. */
export function payDeals(d: Deals, l: Ledger, onPaid: (p: number, amount: bigint) => void): void {
  for (let p = 0; p < d.providerDaily.length; p++) {
    const amount = d.providerDaily[p]!;
    if (amount === 0n) continue;
    l.escrow -= amount;
    addToProvider(l, AVAILABLE, p, amount);
    onPaid(p, amount);
  }
}

/** Deals that end on `day` (their last paid day was the day before): live pieces' collateral returns. */
export function endDeals(d: Deals, l: Ledger, day: number): void {
  for (const id of d.ending.get(day) ?? []) {
    if (d.state[id] !== DEAL_ACTIVE) continue;
    const p = d.provider[id]!;
    const live = BigInt(d.live[id]!);
    d.providerDaily[p] = d.providerDaily[p]! - d.pay[id]! * live;
    moveWithin(l, p, COLLATERAL, AVAILABLE, d.collateral[id]! * live);
    d.state[id] = DEAL_DONE;
    d.active--;
  }
  d.ending.delete(day);
}

/**
 * `pieces` of deal `id` lost their sectors on `day` (after that day's payment): their collateral is burnt and the
 * escrow of their remaining days refunded; the client hears its deal was cut.
 */
export function cutPieces(d: Deals, l: Ledger, id: number, pieces: number, day: number, burn: (p: number, amount: bigint) => void): void {
  if (pieces <= 0 || d.state[id] === DEAL_DONE || d.state[id] === DEAL_DROPPED) return;
  const p = d.provider[id]!;
  const k = BigInt(pieces);
  if (d.state[id] === DEAL_PENDING) {
    // Sealed before the start: refund the whole term, and the piece will not start.
    d.sealed[id] = d.sealed[id]! - pieces;
    d.pieces[id] = d.pieces[id]! - pieces;
    dropPieces(d, l, id, pieces, burn);
  } else {
    const remaining = BigInt(Math.max(0, d.endDay[id]! - day - 1));
    const refund = d.pay[id]! * k * remaining;
    l.escrow -= refund;
    l.holders += refund;
    burn(p, d.collateral[id]! * k);
    d.piecesCut[p] = d.piecesCut[p]! + pieces;
    d.live[id] = d.live[id]! - pieces;
    d.providerDaily[p] = d.providerDaily[p]! - d.pay[id]! * k;
    if (d.live[id] === 0) {
      d.state[id] = DEAL_DONE;
      d.active--;
    }
  }
  notify(d, d.shard[id]!, d.client[id]!, NOTICE_CUT);
}

/** Takes the window's notices, one Float64Array per shard (undefined: none). */
export function takeNotices(d: Deals): (Float64Array | undefined)[] {
  return d.notices.map((n) => (n.length > 0 ? n.take() : undefined));
}
