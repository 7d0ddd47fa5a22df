/**
 * CSV as govsim writes and reads it: comma-separated, `\n` line ends, a
 * header row; numbers in JavaScript's shortest round-trip form, undefined
 * numbers (NaN, ±Infinity) as empty cells; booleans as `true` and `false`;
 * text quoted only when it holds a comma, a quote or a line break (`\n` or
 * `\r`) or starts with a byte-order mark, a quote doubled inside quotes; text
 * a spreadsheet would take for a formula (starting `=`, `+`, `-`, `@`, a tab or
 * a carriage return, after any apostrophes, and not a decimal number) written
 * after an apostrophe, which reading takes off again.
 *
 * Writing and reading go through csv-stringify and csv-parse, so that what
 * one writes the other reads back cell for cell, whatever the text holds.
 * The core runs in a browser too: it uses the libraries' browser builds,
 * which carry their own `Buffer` (their Node builds reach for Node's global
 * one). The Node layer reads large files with csv-parse's stream API and the
 * same {@link csvReadOptions}.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { type Options as StringifyOptions, stringify } from 'csv-stringify/browser/esm/sync';

/** One cell's value as govsim writes it. */
export type CsvValue = string | number | boolean;

/**
 * csv-stringify's options for govsim's format. Its defaults would write NaN
 * as `NaN` and booleans as `1` and empty; the casts keep the format above.
 */
const writeOptions: StringifyOptions = {
  delimiter: ',',
  record_delimiter: '\n',
  quote: '"',
  escape: '"',
  quoted: false,
  quoted_empty: false,
  // A carriage return is a line break to most readers: quote it too (csv-stringify quotes only the record delimiter);
  // and a leading byte-order mark, which a reader would take for the file's at the start of a file.
  quoted_match: /\r|^\uFEFF/,
  cast: {
    number: (value) => (Number.isFinite(value) ? String(value) : ''),
    boolean: (value) => String(value),
    string: (value) => writtenText(value),
  },
};

/**
 * Text as a cell holds it: after an apostrophe where a spreadsheet would take it for a formula (a name of `=cmd|…`
 * in a file someone opens would run it), as OWASP advises; a decimal number, negative or not, as it is.
 * @example writtenText('=1+2') // "'=1+2"
 * @example writtenText('-0.5') // '-0.5'
 */
export function writtenText(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) && !decimalPattern.test(value) ? `'${value}` : value;
}

/**
 * A cell's text as it was before {@link writtenText}: one apostrophe off where one was put on.
 * @example readText("'=1+2") // '=1+2'
 * @example readText("'quoted") // "'quoted"
 */
export function readText(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * csv-parse's options for reading what govsim writes: every cell as text,
 * every row as long as the first (a shorter or longer row is an error), a
 * byte-order mark ignored, `\n` or `\r\n` line ends. A blank line is a row
 * of one empty cell, as {@link csvLine} writes it, so that every table reads
 * back exactly as written.
 */
export const csvReadOptions = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  bom: true,
  skip_empty_lines: false,
  relax_column_count: false,
  cast: (cell: string) => readText(cell),
} as const;

/** One cell, quoted when it needs to be. */
export function csvCell(value: CsvValue): string {
  return stringify([[value]], writeOptions).slice(0, -1);
}

/** One line, with its line end. */
export function csvLine(cells: readonly CsvValue[]): string {
  return stringify([[...cells]], writeOptions);
}

/** A table: the header, then one line per row. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return stringify([[...header], ...rows.map((row) => [...row])], writeOptions);
}

/**
 * Parses CSV text into rows of cells (the header, if any, is the first row),
 * undoing the quoting of {@link csvLine}. Throws csv-parse's error on text
 * that is not CSV (an unclosed quote, rows of different lengths).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, csvReadOptions);
}

/** A decimal number as CSV files write one: an optional sign, digits with an optional point, an optional exponent. */
const decimalPattern = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * The number a CSV cell holds, written in decimal (`0.25`, `-3`, `1e-4`);
 * NaN for anything else — an empty cell, words, and the other literals that
 * `Number` would take (`0x1`, `0b1`, `Infinity`, blanks alone).
 * @example decimalCell('2.5e-1') // 0.25
 * @example decimalCell('0x1') // NaN
 */
export function decimalCell(text: string): number {
  const trimmed = text.trim();
  return decimalPattern.test(trimmed) ? Number(trimmed) : Number.NaN;
}
