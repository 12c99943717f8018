import type { Deals } from './deal-market.ts';
import { TIB, toFil } from './fil.ts';
import type { FilecoinPublic, PortEvent } from './messages.ts';
import { freeTib } from './provider-decisions.ts';
import type { Providers } from './providers.ts';
import type { Sealing } from './sealing.ts';
import type { Sectors } from './sectors.ts';

/** What every shard reads after a clear: the economics, each provider's terms and standing, and the shards' notices. */
export interface PublicInputs {
  readonly day: number;
  readonly filUsd: number;
  readonly rewardPerEpochAtto: bigint;
  readonly networkQaBytes: bigint;
  readonly pledgePerSectorAtto: bigint;
  readonly pr: Providers;
  readonly s: Sectors;
  readonly sealing: Sealing;
  readonly deals: Deals;
  readonly notices: readonly (Float64Array | undefined)[];
  readonly portEvents: readonly (readonly PortEvent[] | undefined)[];
  readonly firstInvestorSlot: number;
  readonly investorSlotFil: Float64Array;
  readonly investorSlotOpexUsd: Float64Array;
  readonly poolLentFil: number;
  readonly poolUnlentFil: number;
  readonly poolShares: number;
}

export function publishState(x: PublicInputs): FilecoinPublic {
  const { pr, deals } = x;
  const n = pr.n;
  const reliability = new Float32Array(n);
  const reputation = new Float32Array(n);
  const free = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    reliability[p] = pr.reliability[p]!;
    const taken = deals.piecesTaken[p]!;
    reputation[p] = taken > 0 ? 1 - deals.piecesCut[p]! / taken : 1;
    free[p] = freeTib(x, p);
  }
  return {
    day: x.day,
    filUsd: x.filUsd,
    rewardPerEpochFil: toFil(x.rewardPerEpochAtto),
    networkQaTib: Number(x.networkQaBytes / TIB),
    pledgePerQaTibFil: toFil(x.pledgePerSectorAtto) * 32,
    providerStatus: pr.status.slice(),
    providerAsk: pr.ask.slice(),
    providerAskVerified: pr.askVerified.slice(),
    providerReliability: reliability,
    providerReputation: reputation,
    providerFreeTib: free,
    notices: x.notices,
    portEvents: x.portEvents,
    firstInvestorSlot: x.firstInvestorSlot,
    investorSlotFil: x.investorSlotFil,
    investorSlotOpexUsd: x.investorSlotOpexUsd,
    poolLentFil: x.poolLentFil,
    poolUnlentFil: x.poolUnlentFil,
    poolShares: x.poolShares,
  };
}
