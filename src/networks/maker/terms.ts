import { pairUnit } from '../../engine/fixed-point-pairs.ts';
import { toFixed } from '../../engine/wad-ray.ts';
import type { MakerConfig } from './params.ts';
import { type LiquidationKind, MAKER_SCENARIOS, type MakerScenario, perSecondRate, RAY, WAD } from './protocol.ts';

/** WAD amounts (ink, art, Dai) as pairs of doubles: hi counts 10^-6 of a token, lo the wei below (src/engine/fixed-point-pairs.ts). */
export const WAD_PAIR = pairUnit(10n ** 12n);

/** The protocol terms of a run: the scenario with the experiment's overrides, in the contracts' units. */
export interface MakerTerms extends MakerScenario {
  readonly liquidation: LiquidationKind;
  readonly duty: bigint;
  readonly dsr: bigint;
  readonly chost: bigint;
}

/** The scenario named in the configuration, with every override that is set (≥ 0) applied. */
export function makerTerms(cfg: MakerConfig): MakerTerms {
  const s = MAKER_SCENARIOS[cfg.scenario];
  const set = (v: number) => v >= 0;
  const liquidation = cfg.liquidation === 'scenario' ? s.liquidation : (cfg.liquidation as LiquidationKind);
  const t: MakerScenario = {
    ...s,
    mat: set(cfg.liquidationRatio) ? toFixed(cfg.liquidationRatio, RAY) : s.mat,
    stabilityFeeAnnual: set(cfg.stabilityFee) ? cfg.stabilityFee : s.stabilityFeeAnnual,
    dsrAnnual: set(cfg.dsr) ? cfg.dsr : s.dsrAnnual,
    buf: set(cfg.buf) ? toFixed(cfg.buf, RAY) : s.buf,
    tail: set(cfg.tail) ? BigInt(Math.round(cfg.tail)) : s.tail,
    cusp: set(cfg.cusp) ? toFixed(cfg.cusp, RAY) : s.cusp,
    psm: cfg.psm === 'scenario' ? s.psm : cfg.psm === 'on',
    tin: set(cfg.psmTin) ? toFixed(cfg.psmTin, WAD) : s.tin,
    tout: set(cfg.psmTout) ? toFixed(cfg.psmTout, WAD) : s.tout,
  };
  // A scenario run under another mechanism borrows that mechanism's values from the scenario that has them.
  const d = MAKER_SCENARIOS['2022-01'];
  const dogFrom =
    s.liquidation === 'dog' ? t : { ...d, buf: set(cfg.buf) ? t.buf : d.buf, tail: set(cfg.tail) ? t.tail : d.tail, cusp: set(cfg.cusp) ? t.cusp : d.cusp };
  const catFrom = s.liquidation === 'dog' ? MAKER_SCENARIOS['2020-03'] : t;
  const merged: MakerScenario =
    liquidation === 'dog'
      ? {
          ...t,
          Hole: dogFrom.Hole,
          hole: dogFrom.hole,
          buf: dogFrom.buf,
          tail: dogFrom.tail,
          cusp: dogFrom.cusp,
          chip: dogFrom.chip,
          tip: dogFrom.tip,
          calc: dogFrom.calc,
        }
      : {
          ...t,
          lump: catFrom.lump,
          beg: catFrom.beg,
          ttl: catFrom.ttl,
          tau: catFrom.tau,
          // Liquidation 1.2's Cat as first set: box 30 M, dunk 50 k per ilk (spells-mainnet archive/2020-08-28-DssSpell).
          box: liquidation === 'cat-1.2' ? 30_000_000n * 10n ** 45n : 0n,
          dunk: liquidation === 'cat-1.2' ? 50_000n * 10n ** 45n : 0n,
        };
  return {
    ...merged,
    liquidation,
    duty: perSecondRate(t.stabilityFeeAnnual),
    dsr: perSecondRate(t.dsrAnnual),
    chost: (merged.dust * merged.chop) / WAD,
  };
}
