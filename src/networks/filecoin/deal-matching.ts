import type { FilecoinCounters } from './counters.ts';
import { type Deals, piecesFor, publishDeal, rejectRequest } from './deal-market.ts';
import type { Ledger } from './ledger.ts';
import { type FilecoinOrders, PROVIDER_ACTIVE } from './messages.ts';
import { freeTib } from './provider-decisions.ts';
import { fundProvider, type Providers } from './providers.ts';
import { enqueue, type Sealing } from './sealing.ts';
import { KIND_DEAL, KIND_VERIFIED, type Sectors } from './sectors.ts';

/**
 * Deal matching: every shard's requests, in shard order then posting order, go to the client's candidates in its
 * order of preference; the first provider that takes it gets the deal. A provider takes a request when it is taking
 * deals, its ask (verified or not) is within the client's limit, it has room for the data, its sealing backlog
 * would still meet the deal's start, and it can fund the collateral. A refusal for lack of room or backlog is what
 * later makes it grow and raise its asks.
 */
export interface MatchContext {
  readonly day: number;
  readonly dealStartDays: number;
  readonly filUsd: number;
  /** Provider collateral per 32 GiB piece now (attoFIL). */
  readonly collateralPerPiece: bigint;
  readonly l: Ledger;
  readonly pr: Providers;
  readonly s: Sectors;
  readonly sealing: Sealing;
  readonly deals: Deals;
  readonly counters: FilecoinCounters;
}

export function matchRequests(x: MatchContext, orders: readonly FilecoinOrders[], candidatesPerRequest: number): void {
  const { pr, sealing, deals, counters } = x;
  for (const o of orders) {
    counters.abandonedTib += o.abandonedTib;
    for (let r = 0; r < o.reqClient.length; r++) {
      const size = o.reqSizeTib[r]!;
      const verified = o.reqVerified[r] === 1;
      const pieces = piecesFor(size);
      let taken = false;
      for (let k = 0; k < candidatesPerRequest && !taken; k++) {
        const p = o.reqCandidates[r * candidatesPerRequest + k]!;
        if (p < 0 || pr.status[p] !== PROVIDER_ACTIVE) continue;
        const ask = verified ? pr.askVerified[p]! : pr.ask[p]!;
        if (ask > o.reqMaxPriceFil[r]!) continue;
        const backlogDays = (sealing.queued[p]! + pieces) / pr.sealPerDay[p]!;
        if (freeTib(x, p) < size || backlogDays > x.dealStartDays) {
          pr.refusedTib[p] = pr.refusedTib[p]! + size;
          continue;
        }
        const collateral = x.collateralPerPiece * BigInt(pieces);
        if (!fundProvider(x.l, pr, p, collateral, x.filUsd)) continue;
        const startDay = x.day + 1 + x.dealStartDays;
        const id = publishDeal(deals, x.l, {
          shard: o.shard,
          client: o.reqClient[r]!,
          provider: p,
          pieces,
          verified,
          startDay,
          days: o.reqDays[r]!,
          priceFil: ask,
          collateralPerPiece: x.collateralPerPiece,
        });
        if (id < 0) continue;
        deals.job[id] = enqueue(sealing, p, verified ? KIND_VERIFIED : KIND_DEAL, id, pieces, startDay + o.reqDays[r]!);
        pr.takenTib[p] = pr.takenTib[p]! + size;
        counters.intervalDealTib += size;
        counters.intervalPriceTib += size * ask;
        if (o.reqFirst[r]) counters.servedTib += size;
        taken = true;
      }
      if (!taken) rejectRequest(deals, o.shard, o.reqClient[r]!);
    }
  }
}
