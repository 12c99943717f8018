import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { days } from '../../src/core/units.ts';
import type { AnyModel } from '../../src/engine/model.ts';
import { defineExperiment } from '../../src/experiment/define.ts';
import { checkRecordDeclaration, loadRecord, parseRecord, parseRecordDate } from '../../src/experiment/record.ts';
import { tempDir } from '../cli/cli-helpers.ts';

const opts = { label: 'rec.csv', startDate: '2024-01-01', metrics: ['inflation', 'bonding_rate'] };
const parseText = (lines: string[]) => parseRecord(`${lines.join('\n')}\n`, opts);
const errorOf = (lines: string[]) => {
  try {
    parseText(lines);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the record to be refused');
};

describe('a public record', () => {
  it('places each observation at its days since the start date, keeping the row numbers', () => {
    const r = parseText([
      'date,metric,value,source',
      '2024-01-01,inflation,500000,https://example.org/a',
      '2024-03-01,bonding_rate,0.48,"report, page 3"',
      '2024-01-02T12:00Z,inflation,500500,block 123',
    ]);
    expect(r.rows.map((x) => [x.row, x.tDays, x.metric, x.value, x.source])).toEqual([
      [2, 0, 'inflation', 500000, 'https://example.org/a'],
      [3, 60, 'bonding_rate', 0.48, 'report, page 3'], // 2024 is a leap year: 31 + 29 days
      [4, 1.5, 'inflation', 500500, 'block 123'],
    ]);
  });

  it('takes the columns in any order', () => {
    const r = parseText(['source,value,metric,date', 'x,0.5,bonding_rate,2024-01-05']);
    expect(r.rows[0]).toMatchObject({ date: '2024-01-05', tDays: 4, value: 0.5, metric: 'bonding_rate', source: 'x' });
  });

  it.each([
    [['date,metric,value,source', '2024-02-30,inflation,1,x'], 'rec.csv row 2, column "date": "2024-02-30" is not allowed; allowed: a date YYYY-MM-DD'],
    [['date,metric,value,source', '01/02/2024,inflation,1,x'], 'rec.csv row 2, column "date": "01/02/2024" is not allowed'],
    [
      ['date,metric,value,source', '2023-12-31,inflation,1,x'],
      'row 2, column "date": "2023-12-31" is not allowed; allowed: on or after the record\'s start date 2024-01-01',
    ],
    [
      ['date,metric,value,source', '2024-01-02,inflation,1,x', '2024-01-03,inflaton,1,x'],
      'rec.csv row 3, column "metric": "inflaton" is not allowed; allowed: one of the experiment\'s metrics (did you mean "inflation"?)',
    ],
    [['date,metric,value,source', '2024-01-02,inflation,abc,x'], 'rec.csv row 2, column "value": "abc" is not allowed; allowed: a finite number'],
    [['date,metric,value,source', '2024-01-02,inflation,,x'], 'rec.csv row 2, column "value": "" is not allowed'],
    [['date,metric,value,source', '2024-01-02,inflation,Infinity,x'], 'rec.csv row 2, column "value": "Infinity" is not allowed'],
    [['date,metric,value,source', '2024-01-02,inflation,1, '], 'rec.csv row 2, column "source": "" is not allowed; allowed: where the number comes from'],
    [
      ['date,metric,value,source', '2024-01-02,inflation,1,a', '2024-01-02,inflation,2,b'],
      'rec.csv row 3, column "date": "2024-01-02" is not allowed; row 2 already gives inflation on that date',
    ],
    [['date,metric,value', '2024-01-02,inflation,1'], 'rec.csv row 1: the header has no column "source"'],
    [
      ['date,metric,value,source,sorce', '2024-01-02,inflation,1,a,b'],
      'rec.csv row 1, column "sorce": "sorce" is not allowed; not a record column (did you mean "source"?)',
    ],
    [['date,metric,value,source', '2024-01-02,inflation,1'], 'rec.csv row 2: 3 cells, the header has 4'],
    [['date,metric,value,source'], 'rec.csv: the record has a header but no observations'],
  ])('refuses %j, naming the row and the column', (lines, message) => {
    const m = errorOf(lines);
    expect(m).toContain(message);
    expect(m.split('\n')).toHaveLength(1);
  });

  it('counts rows as a spreadsheet does, blank lines included', () => {
    expect(errorOf(['date,metric,value,source', '', '2024-01-02,inflation,x,a'])).toContain('row 3, column "value"');
  });

  it('checks the declaration in the experiment file', () => {
    expect(checkRecordDeclaration({ csv: 'r.csv', startDate: '2024-01-01' })).toEqual({ csv: 'r.csv', startDate: '2024-01-01' });
    expect(() => checkRecordDeclaration({ csv: 'r.txt', startDate: '2024-01-01' })).toThrow(
      'record.csv: "r.txt" is not allowed; allowed: a path ending in .csv',
    );
    expect(() => checkRecordDeclaration({ csv: 'r.csv', startDate: '2024-13-01' })).toThrow('record.startDate: "2024-13-01" is not allowed');
    expect(() => checkRecordDeclaration('r.csv')).toThrow('record: "r.csv" is not allowed');
    expect(() =>
      defineExperiment({
        name: 'x',
        description: '',
        params: {},
        horizon: days(1),
        sampleEvery: days(1),
        metrics: { m: 'm' },
        record: { csv: 'r.csv', startDate: 'yesterday' },
        build: (): AnyModel => {
          throw new Error('not built');
        },
      }),
    ).toThrow('record.startDate: "yesterday" is not allowed');
  });

  it('reads the file relative to the experiment file and records its sha256', () => {
    const dir = tempDir('record');
    mkdirSync(join(dir, 'records'));
    const text = 'date,metric,value,source\n2024-01-11,inflation,7,x\n';
    writeFileSync(join(dir, 'records', 'r.csv'), text);
    const r = loadRecord(join(dir, 'exp.ts'), { csv: 'records/r.csv', startDate: '2024-01-01' }, ['inflation']);
    expect(r.path).toBe(join(dir, 'records', 'r.csv'));
    // sha256 of the file's bytes, by coreutils: printf 'date,metric,value,source\n2024-01-11,inflation,7,x\n' | sha256sum
    expect(r.sha256).toBe('5e958e35933ae930a1b1116aff664ec4df44d271f3c3800183cfe46ad73d6518');
    expect(r.rows[0]!.tDays).toBe(10);
    expect(() => loadRecord(join(dir, 'exp.ts'), { csv: 'missing.csv', startDate: '2024-01-01' }, ['inflation'])).toThrow(
      /record.csv "missing.csv": cannot read/,
    );
  });

  it('parses only real dates', () => {
    expect(parseRecordDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseRecordDate('2023-02-29')).toBeUndefined();
    expect(parseRecordDate('2024-01-01T24:00Z')).toBeUndefined();
    expect(parseRecordDate('2024-01-01T10:30:15Z')).toBe(Date.UTC(2024, 0, 1, 10, 30, 15));
  });
});
