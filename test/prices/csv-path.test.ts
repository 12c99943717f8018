import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/engine/model.ts';
import { streamOf } from '../../src/engine/rng.ts';
import { parsePricePath, pathPrice, valueOnPath } from '../../src/prices/csv-path.ts';
import { prices } from '../../src/prices/price-model.ts';

const DAY = 86_400;
const ctx: RunContext = { seed: 1, shards: 1, stream: (name) => streamOf(1, name) };
const CSV = 'date,lpt_usd,eth_usd\n2024-01-01,10,2000\n2024-01-02,12,2100\n2024-01-04,9,1900\n2024-01-05,9.5,2000\n';

describe('a dated price path from CSV', () => {
  it('is reproduced exactly at its dates, when the world steps once a day', () => {
    const path = parsePricePath(CSV, 'p.csv', { column: 'lpt_usd' });
    const model = prices({ assets: { lpt_usd: pathPrice(path) }, stepS: DAY }).start(ctx);
    expect([0, 1, 3, 4].map((d) => model.at(d * DAY)[0])).toEqual([10, 12, 9, 9.5]);
  });

  it('interpolates linearly between dates, or holds the last value with step', () => {
    const linear = parsePricePath(CSV, 'p.csv', { column: 'lpt_usd' });
    expect(valueOnPath(linear, 2 * DAY)).toBe(10.5); // halfway from 12 (day 1) to 9 (day 3)
    const step = parsePricePath(CSV, 'p.csv', { column: 'eth_usd', interpolation: 'step' });
    expect(valueOnPath(step, 2.5 * DAY)).toBe(2100);
    expect(() => valueOnPath(linear, 5 * DAY)).toThrow(/past the path's last date/);
  });

  it('reads an intraday path at UTC times, exact at its times and linear between them', () => {
    const text = 'date,eth_usd\n2020-03-12T00:00Z,194\n2020-03-12T06:00Z,170\n2020-03-12T06:30:00Z,160\n';
    const path = parsePricePath(text, 'bt.csv', { column: 'eth_usd' });
    expect(path.firstDate).toBe('2020-03-12T00:00Z');
    expect(Array.from(path.times)).toEqual([0, 6 * 3600, 6.5 * 3600]);
    expect(valueOnPath(path, 3 * 3600)).toBe(182);
    expect(valueOnPath(path, 6.25 * 3600)).toBe(165);
    expect(() => parsePricePath('date,eth_usd\n2020-03-12T24:00Z,1\n', 'bt.csv', { column: 'eth_usd' })).toThrow(
      'bt.csv row 2 column date: "2020-03-12T24:00Z" is not allowed; allowed: a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM[:SS]Z',
    );
  });

  it('refuses bad rows, naming the file, the row and the column', () => {
    const bad =
      (text: string, opts = {}) =>
      () =>
        parsePricePath(text, 'p.csv', { column: 'lpt_usd', ...opts });
    expect(bad('day,lpt_usd\n2024-01-01,1\n')).toThrow('p.csv row 1 column 1: "day" is not allowed');
    expect(bad('date,eth_usd\n2024-01-01,1\n')).toThrow('p.csv row 1: "lpt_usd" is not allowed; allowed: one of the columns eth_usd');
    expect(bad('date,lpt_usd\n2024-01-02,1\n2024-01-01,2\n')).toThrow(
      'p.csv row 3 column date: "2024-01-01" is not allowed; allowed: a date after the previous row',
    );
    expect(bad('date,lpt_usd\n2024-01-01,1\n2024-02-01,2\n')).toThrow(
      'p.csv row 3 column date: "2024-02-01" is not allowed; allowed: at most 7 days after the previous date (a gap of 31 days',
    );
    expect(bad('date,lpt_usd\n2024-01-01,1\n2024-02-01,2\n', { maxGapDays: 31 })).not.toThrow();
    expect(bad('date,lpt_usd\n2024-01-01,1\n2024-01-02,abc\n')).toThrow('p.csv row 3 column lpt_usd: "abc" is not allowed; allowed: a positive decimal number');
    expect(bad('date,lpt_usd\n2024-01-01,0x10\n')).toThrow('p.csv row 2 column lpt_usd: "0x10" is not allowed');
    expect(bad('date,lpt_usd\n2024-02-30,1\n')).toThrow('p.csv row 2 column date: "2024-02-30" is not allowed; allowed: a date YYYY-MM-DD');
  });

  it("starts at a dated run's start date when given one, and refuses a start before the path", () => {
    const path = parsePricePath(CSV, 'p.csv', { column: 'lpt_usd' });
    const model = prices({ assets: { lpt_usd: pathPrice(path, '2024-01-02') }, stepS: DAY }).start(ctx);
    // t = 0 is 2024-01-02 (12), t = 1 day is 2024-01-03 (halfway to 9), t = 2 days 2024-01-04 (9).
    expect([0, 1, 2].map((d) => model.at(d * DAY)[0])).toEqual([12, 10.5, 9]);
    expect(() => pathPrice(path, '2023-12-31')).toThrow(
      'p.csv start date: "2023-12-31" is not allowed; allowed: a date on or after the path\'s first date 2024-01-01',
    );
  });
});
