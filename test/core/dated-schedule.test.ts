import { describe, expect, it } from 'vitest';
import { daysBetween, parameterSchedule, parseScheduleCsv, valueAt } from '../../src/core/dated-schedule.ts';
import { parseUtcDate } from '../../src/core/dates.ts';

describe('a parameter schedule in dates', () => {
  const text = [
    'date,parameter,value,source',
    '2023-10-12,treasuryRewardCut,0.1,"LIP-92, Delta"',
    '2022-12-01,treasuryRewardCut,0,before the window',
    '2025-03-31T12:00Z,treasuryRewardCut,0,forum',
  ].join('\n');

  it('reads the CSV with quoted sources and places each date in seconds from the start date, in time order', () => {
    const s = parameterSchedule('2023-01-01', parseScheduleCsv(text, 'schedule.csv'));
    expect(s.changes.map((c) => c.atS / 86_400)).toEqual([-31, 284, 820.5]);
    expect(s.changes[1]!.source).toBe('LIP-92, Delta');
  });

  it('gives the value in force: the fallback before any change, a change dated before the start from t = 0, each change from its instant', () => {
    const s = parameterSchedule('2023-01-01', parseScheduleCsv(text, 'schedule.csv'));
    expect(valueAt(s, 'treasuryRewardCut', 0, 0.5)).toBe(0);
    expect(valueAt(s, 'treasuryRewardCut', 284 * 86_400 - 1, 0.5)).toBe(0);
    expect(valueAt(s, 'treasuryRewardCut', 284 * 86_400, 0.5)).toBe(0.1);
    expect(valueAt(s, 'treasuryRewardCut', 900 * 86_400, 0.5)).toBe(0);
    expect(valueAt(s, 'other', 900 * 86_400, 0.5)).toBe(0.5);
    expect(valueAt(parameterSchedule('2020-01-01', parseScheduleCsv(text, 'x')), 'treasuryRewardCut', 0, 0.5)).toBe(0.5);
  });

  it('refuses a parameter the reader does not accept, naming the closest one', () => {
    expect(() => parameterSchedule('2023-01-01', [{ date: '2023-02-01', name: 'treasuryRewardCutt', value: 0, source: 's' }], ['treasuryRewardCut'])).toThrow(
      /schedule\[0\]\.parameter.*did you mean "treasuryRewardCut"/,
    );
  });

  it('names the row and column of a bad cell', () => {
    expect(() => parseScheduleCsv('date,parameter,value,source\n2023-02-30,x,1,s', 'f.csv')).toThrow(/f\.csv row 2 column date/);
    expect(() => parseScheduleCsv('date,parameter,value,source\n2023-02-01,x,ten,s', 'f.csv')).toThrow(/f\.csv row 2 column value/);
    expect(() => parseScheduleCsv('date,parameter,value,source\n2023-02-01,x,1,', 'f.csv')).toThrow(/f\.csv row 2 column source/);
    expect(() => parseScheduleCsv('date,value,source\n', 'f.csv')).toThrow(/missing "parameter"/);
  });

  it('reads dates as UTC and counts days between them', () => {
    expect(parseUtcDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcDate('2023-02-29')).toBeUndefined();
    expect(daysBetween('2023-01-01', '2025-07-01')).toBe(912);
  });
});
