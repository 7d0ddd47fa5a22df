import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvValue, csvCell, csvLine, csvTable, parseCsv } from '../../src/core/index.js';

describe('CSV writing', () => {
  it('keeps govsim’s format: shortest numbers, NaN and infinities empty, booleans as words, quoting only when needed', () => {
    expect(csvLine([1, 0.1 + 0.2, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY, true, false])).toBe(
      '1,0.30000000000000004,0,1e+21,,,true,false\n',
    );
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'carriage\rreturn', '', ' spaced ', '#hash'])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","carriage\rreturn",, spaced ,#hash\n',
    );
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvTable(['a', 'b'], [])).toBe('a,b\n');
    expect(csvTable(['a', 'b'], [[1, 'x']])).toBe('a,b\n1,x\n');
  });

  it('writes text a spreadsheet would run as a formula after an apostrophe, and decimal numbers as they are', () => {
    expect(csvLine(["=cmd|' /C calc'!A0", '+cmd', '@SUM(1)', '-x', '\tx', "'=x", "'quoted", '-0.5', '+3', '-1e-4', 'a=b'])).toBe(
      "'=cmd|' /C calc'!A0,'+cmd,'@SUM(1),'-x,'\tx,''=x,'quoted,-0.5,+3,-1e-4,a=b\n",
    );
    // Read back as written.
    expect(parseCsv("a,b,c\n'=1+2,''=x,'quoted\n")).toEqual([
      ['a', 'b', 'c'],
      ['=1+2', "'=x", "'quoted"],
    ]);
  });
});

describe('CSV reading', () => {
  it('reads back what it writes, cell for cell, whatever the text holds', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', '#', '\uFEFF', '=', '+', '-', '@', "'", '\t', '1', '.'),
        fc.string({ unit: 'grapheme' }),
      ),
    });
    const value: fc.Arbitrary<CsvValue> = fc.oneof(text, fc.double(), fc.boolean(), fc.integer());
    const asRead = (cell: CsvValue) => (typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : String(cell));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((columns) =>
            fc.tuple(
              fc.array(text, { minLength: columns, maxLength: columns }),
              fc.array(fc.array(value, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
            ),
          ),
        ([header, rows]) => {
          expect(parseCsv(csvTable(header, rows))).toEqual([header, ...rows.map((row) => row.map(asRead))]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips commas, quotes and line breaks in text cells', () => {
    const rows = [
      ['Y, east', 'the "old" block', 'line one\nline two'],
      ['"', ',', '\n'],
      ['', 'co-production, full', '钱坤'],
    ];
    expect(parseCsv(csvTable(['a', 'b', 'c'], rows))).toEqual([['a', 'b', 'c'], ...rows]);
  });

  it('refuses text that is not CSV: an unclosed quote, rows of different lengths', () => {
    expect(() => parseCsv('a,b\n"x,y\n')).toThrow(/quote/i);
    expect(() => parseCsv('a,b\n1\n')).toThrow(/record length/i);
  });
});
