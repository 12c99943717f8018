import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRow, formatNumber, formatScalar } from '../../src/output/format.ts';

describe('formatNumber', () => {
  it('writes NaN as an empty cell and infinities as inf and -inf (what pandas writes and reads back)', () => {
    expect([NaN, Infinity, -Infinity].map(formatNumber)).toEqual(['', 'inf', '-inf']);
  });

  it('reads back to the same double for every finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Number(formatNumber(x)) === x || (x === 0 && Number(formatNumber(x)) === 0)),
    );
  });
});

describe('csvRow', () => {
  it('quotes cells holding commas and quotes and ends the record with a newline', () => {
    expect(csvRow(['a', 'with,comma', 'with "quote"', formatScalar(true), formatScalar(2.5)])).toBe('a,"with,comma","with ""quote""",true,2.5\n');
  });
});
