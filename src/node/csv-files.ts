/**
 * Reading CSV files on Node with csv-parse, in govsim's format
 * ({@link csvReadOptions}): a whole small text at once, or a file row by row
 * through csv-parse's stream API, so that memory stays bounded however long
 * the file.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { type Info, parse as parseText } from 'csv-parse/sync';
import { csvReadOptions } from '../core/index.js';

/**
 * Parses CSV text into rows of cells, with csv-parse's Node build (faster than
 * the browser build the core uses). Throws csv-parse's error on text that is
 * not CSV: an unclosed quote, rows of different lengths.
 */
export function parseCsvText(text: string): string[][] {
  return parseText(text, csvReadOptions);
}

/** A row of CSV text with the line of the text it ends on (1-based), as {@link parseCsvLines} gives it. */
export interface CsvLine {
  cells: string[];
  line: number;
}

/**
 * Parses CSV text into rows of cells, each with the line it ends on, skipping
 * empty lines. Unlike {@link parseCsvText}, rows of any length are kept, so
 * that a reader can say in its own words which row is short or long, and where.
 * Throws csv-parse's error on text that is not CSV (an unclosed quote).
 */
export function parseCsvLines(text: string): CsvLine[] {
  // With `info`, csv-parse gives each row with where it was read; its types do not say so.
  const records = parseText(text, {
    ...csvReadOptions,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: Info }>;
  return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
}

/**
 * Streams the rows of a CSV file (its header first), one at a time. A file
 * that cannot be read rejects with its system error (e.g. code ENOENT); text
 * that is not CSV, with csv-parse's error.
 */
export async function* readCsvRows(path: string): AsyncGenerator<string[]> {
  const input = createReadStream(path);
  const parser = parse(csvReadOptions);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const row of parser) yield row as string[];
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/**
 * Whether a metric's cell holds what a sweep or a city run writes there: a number, or nothing (the metric undefined in that run).
 * @example isMetricCell('0.25') // true
 * @example isMetricCell('abc') // false
 */
export function isMetricCell(text: string): boolean {
  return text === '' || (Number.isFinite(Number(text)) && text.trim() === text);
}

/**
 * Whether an error is csv-parse's refusal of text that is not CSV: its codes start with `CSV_` (an unclosed quote,
 * rows of different lengths), but for two that do not (a quote opening inside a field, a buffer left half read).
 */
export function isCsvParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE' || code === 'INVALID_BUFFER_STATE')
  );
}
