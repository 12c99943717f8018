/**
 * Running tallies since t = 0 that the metrics read, booked by the market's mechanisms as they act. `interval*`
 * fields cover the time since the previous sample.
 */
export interface FilecoinCounters {
  /** Data of new datasets stored, and given up on (TiB). */
  servedTib: number;
  abandonedTib: number;
  /** Deals published since the last sample: TiB and TiB-weighted price sum (FIL per TiB-year). */
  intervalDealTib: number;
  intervalPriceTib: number;
  /** Penalties by kind (attoFIL, since t = 0). */
  faultFees: bigint;
  terminationFees: bigint;
  slashedCollateral: bigint;
  depositsLost: bigint;
  gasBurnt: bigint;
  /** Sectors committed (all, and verified) and terminated early, since t = 0. */
  sectorsCommitted: number;
  verifiedCommitted: number;
  sectorsTerminated: number;
  sectorsExtended: number;
  deadlinesDue: number;
  deadlinesMissed: number;
  growths: number;
  entries: number;
  exits: number;
  hardwareLossUsd: number;
}

export function createCounters(): FilecoinCounters {
  return {
    servedTib: 0,
    abandonedTib: 0,
    intervalDealTib: 0,
    intervalPriceTib: 0,
    faultFees: 0n,
    terminationFees: 0n,
    slashedCollateral: 0n,
    depositsLost: 0n,
    gasBurnt: 0n,
    sectorsCommitted: 0,
    verifiedCommitted: 0,
    sectorsTerminated: 0,
    sectorsExtended: 0,
    deadlinesDue: 0,
    deadlinesMissed: 0,
    growths: 0,
    entries: 0,
    exits: 0,
    hardwareLossUsd: 0,
  };
}

/** Starts the next sampling interval. */
export function startSampleInterval(c: FilecoinCounters): void {
  c.intervalDealTib = 0;
  c.intervalPriceTib = 0;
}
