import { DEFAULT_LADDER, HD_LADDER, ladderPixelsPerSegment, PIXEL_ESTIMATE_MULTIPLIER, SEGMENT_LENGTH_S } from '../../src/networks/livepeer/protocol.ts';
import { livepeerWorldParams as lp } from './livepeer-world.ts';

/**
 * Livepeer as it stood on chain on 2023-01-01, with the demand fitted on 2023: the state the backtest starts from
 * (experiments/livepeer-backtest.ts; each value cited, research in experiments/data/livepeer/README.md) and that the
 * pan-mining world reuses. Spread into an experiment's `params` after the Livepeer world's parameters.
 */

/** Q4 2022 price per transcoded minute: $115,820 of fees for 42.47 M minutes (Explorer day data; pre-window). */
const USD_PER_MINUTE_Q4_2022 = 115_820 / 42_472_699;
/** Broadcasters whose ladder adds 720p to go-livepeer's default (assumption: half; Livepeer Studio's default ladder has 720p). */
const HD_SHARE = 0.5;
/** Output pixels of a minute of the ladder mix, as go-livepeer's estimateFee counts them (x 1.02). */
const PIXELS_PER_MINUTE =
  (60 / SEGMENT_LENGTH_S) *
  ((1 - HD_SHARE) * ladderPixelsPerSegment(DEFAULT_LADDER) + HD_SHARE * ladderPixelsPerSegment(HD_LADDER)) *
  (Number(PIXEL_ESTIMATE_MULTIPLIER.num) / Number(PIXEL_ESTIMATE_MULTIPLIER.den));

export const livepeerState2023 = {
  // ---- the state of 2023-01-01 (research/livepeer/initial-state.md) ----
  livepeer_initialSupplyLpt: lp.livepeer_initialSupplyLpt.set(26_978_132.78), // Minter.getGlobalTotalSupply(), on chain
  livepeer_initialBondingRate: lp.livepeer_initialBondingRate.set(0.4996), // getTotalBonded / supply = 13,478,888.90 / 26,978,132.78
  livepeer_initialInflation: lp.livepeer_initialInflation.set(201_000), // Minter.inflation() at 00:00 UTC
  livepeer_orchestrators: lp.livepeer_orchestrators.set(100), // the active set was full (Explorer: 100)
  livepeer_orchestratorCandidates: lp.livepeer_orchestratorCandidates.set(52), // 152 delegates held stake (its-DeFine)
  livepeer_stakeZipf: lp.livepeer_stakeZipf.set(1.05), // top 10 hold 60 %, Nakamoto 3 (record: 61.3 %, 3)
  livepeer_treasuryRewardCut: lp.livepeer_treasuryRewardCut.set(0), // no treasury before Delta (schedule.csv)
  livepeer_initialTreasuryLpt: lp.livepeer_initialTreasuryLpt.set(0),
  livepeer_roundLengthHours: lp.livepeer_roundLengthHours.set(24 / 1.125), // 1.125 rounds a day, Oct-Dec 2022 (missed L1 slots)
  livepeer_windowHours: lp.livepeer_windowHours.set(24 / 1.125),
  livepeer_delegators: lp.livepeer_delegators.set(1_000), // full size: 5,000 (4,245 delegators on the subgraph, and liquid holders)
  livepeer_passiveHolderFraction: lp.livepeer_passiveHolderFraction.set(0.3),
  livepeer_initialBondedFraction: lp.livepeer_initialBondedFraction.set(0.64), // 2,250 of 5,000 wallets bonded (its-DeFine: 2,247)
  livepeer_exchangeFloatLpt: lp.livepeer_exchangeFloatLpt.set(6_000_000), // assumption: about half the liquid supply on exchanges
  livepeer_initialPriceUsdPerTpx: lp.livepeer_initialPriceUsdPerTpx.set((USD_PER_MINUTE_Q4_2022 / PIXELS_PER_MINUTE) * 1e12),
  livepeer_hdFraction: lp.livepeer_hdFraction.set(HD_SHARE),
  // ---- demand (fitted on 2023: 28.7 M minutes a quarter on average) ----
  livepeer_streamsPerHour: lp.livepeer_streamsPerHour.set(461),
  livepeer_meanStreamMinutes: lp.livepeer_meanStreamMinutes.set(30),
  livepeer_broadcasters: lp.livepeer_broadcasters.set(500),
  livepeer_maxSessions: lp.livepeer_maxSessions.set(20),
  livepeer_demandScale: lp.livepeer_demandScale.set(10),
};
