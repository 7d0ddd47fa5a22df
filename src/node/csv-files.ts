/**
 * Reading CSV files on Node with csv-parse, in govsim's format
 * ({@link csvReadOptions}): a whole small text at once, or a file row by row
 * through csv-parse's stream API, so that memory stays bounded however long
 * the file.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { parse as parseText } from 'csv-parse/sync';
import { csvReadOptions } from '../core/index.js';

/**
 * Parses CSV text into rows of cells, with csv-parse's Node build (faster than
 * the browser build the core uses). Throws csv-parse's error on text that is
 * not CSV: an unclosed quote, rows of different lengths.
 */
export function parseCsvText(text: string): string[][] {
  return parseText(text, csvReadOptions);
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
