import { describe, expect, it } from 'vitest';
import type { RecordRow } from '../../../src/experiment/record.ts';
import type { PointSeries } from '../../../src/output/report/aggregate.ts';
import { compareWithRecord, valueAt } from '../../../src/output/report/gap.ts';

const obs = (tDays: number, value: number, date = `d${tDays}`): RecordRow => ({ row: 2, date, tDays, metric: 'm', value, source: 's' });

const series: PointSeries = {
  pointId: 3,
  t: [0, 10, 20],
  metrics: [{ n: [4, 4, 4], mean: [100, 110, 130], lo: [95, 105, 120], hi: [105, 115, 140] }],
};

describe('the gap between model and public record', () => {
  it('reads the model linearly between samples, and not outside them', () => {
    expect(valueAt([0, 10, 20], [100, 110, 130], 15)).toBe(120);
    expect(valueAt([0, 10, 20], [100, 110, 130], 10)).toBe(110);
    expect(valueAt([0, 10, 20], [100, 110, 130], 21)).toBeUndefined();
    expect(valueAt([0, 10], [Number.NaN, 1], 5)).toBeUndefined();
  });

  it('states the mean absolute and relative gap, the largest gap, the band and what falls after the horizon', () => {
    const g = compareWithRecord(series, 0, [obs(0, 100), obs(5, 100), obs(15, 150), obs(30, 1)]);
    expect(g.pointId).toBe(3);
    // model 100, 105, 120 against 100, 100, 150: gaps 0, +5, −30.
    expect(g.compared.map((c) => c.gap)).toEqual([0, 5, -30]);
    expect(g.meanAbsGap).toBeCloseTo(35 / 3, 12);
    expect(g.meanAbsRelativeGap).toBeCloseTo((0 + 0.05 + 0.2) / 3, 12);
    expect(g.largest!.observation.tDays).toBe(15);
    // Bands at t = 0, 5, 15: [95, 105], [100, 110], [112.5, 127.5]; the record is inside the first two.
    expect([g.insideBand, g.withBand]).toEqual([2, 3]);
    expect(g.outside.map((o) => o.tDays)).toEqual([30]);
  });

  it('leaves a zero record out of the relative gap', () => {
    const g = compareWithRecord(series, 0, [obs(0, 0)]);
    expect(g.compared[0]!.relativeGap).toBeNaN();
    expect(g.meanAbsRelativeGap).toBeNaN();
    expect(g.meanAbsGap).toBe(100);
  });
});
