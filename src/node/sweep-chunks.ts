/**
 * The chunk files of a sweep folder: one CSV file per unit of work, its rows
 * without a header, after one first comment line that says who wrote it and
 * how many rows it holds:
 *
 *   # govsim 0.1.0 experiment 3f2a9c01d4e5b6 rows 12
 *
 * so that a chunk that is empty, truncated, of another experiment or of
 * another govsim version is recognised before its rows are used.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unitName, type WorkUnit } from '../experiments/index.js';
import { isMetricCell, parseCsvText } from './csv-files.js';

const headerPattern = /^# govsim (\S+) experiment (\S+) rows (\d+)\n/;

/** A chunk file's first line: the govsim version, the experiment's hash and the number of rows. */
export function chunkHeader(version: string, hash: string, rows: number): string {
  return `# govsim ${version} experiment ${hash} rows ${rows}\n`;
}

/** A chunk file's name in `chunks/`. */
export function chunkFileName(unit: WorkUnit): string {
  return `${unitName(unit)}.csv`;
}

/** A chunk file's name, its point and block captured ({@link chunkFileName}); temporary files do not match. */
export const chunkFilePattern = /^p(\d+)-b(\d+)\.csv$/;

/** Whether the sweep folder `directory` holds a chunk file: a unit of work that finished. Synchronous, for a signal's handler. */
export function holdsChunkFiles(directory: string): boolean {
  const chunks = join(directory, 'chunks');
  return existsSync(chunks) && readdirSync(chunks).some((name) => chunkFilePattern.test(name));
}

/**
 * What a chunk must be: written by this version for this experiment, with this many rows of this many cells, of this
 * point, its last cells the experiment's metrics, each a number or empty ({@link isMetricCell}).
 */
export interface ChunkExpectation {
  version: string;
  hash: string;
  rows: number;
  columns: number;
  point: number;
  /** The experiment's metrics, the last columns of a row, in order. */
  metrics: readonly string[];
}

/** A chunk's rows and the text that follows its header (copied as is into runs.csv). */
export interface GoodChunk {
  good: true;
  rows: string[][];
  body: string;
}

/** Why a chunk cannot be used: written by another govsim version, or damaged (empty, truncated, of another experiment). */
export interface BadChunk {
  good: false;
  reason: 'version' | 'damaged';
  /** The version that wrote it, when its header says. */
  version?: string;
  problem: string;
}

/** Checks a chunk file's text against what its unit of work must hold. */
export function checkChunk(text: string, expected: ChunkExpectation): GoodChunk | BadChunk {
  const damaged = (problem: string): BadChunk => ({ good: false, reason: 'damaged', problem });
  if (text === '') return damaged('is empty');
  const header = headerPattern.exec(text);
  if (header === null) return damaged('has no "# govsim <version> experiment <hash> rows <n>" first line');
  const [, version, hash, declared] = header as unknown as [string, string, string, string];
  if (version !== expected.version)
    return { good: false, reason: 'version', version, problem: `was written by govsim ${version}, not ${expected.version}` };
  if (hash !== expected.hash) return damaged(`belongs to the experiment with hash ${hash}, not ${expected.hash}`);
  const body = text.slice(header[0].length);
  if (body !== '' && !body.endsWith('\n')) return damaged('is truncated: its last line has no line end');
  let rows: string[][];
  try {
    rows = parseCsvText(body);
  } catch (error) {
    return damaged(`is truncated or corrupt: ${(error as Error).message}`);
  }
  if (rows.length !== Number(declared)) return damaged(`holds ${rows.length} rows where its first line says ${declared}`);
  if (rows.length !== expected.rows) return damaged(`holds ${rows.length} rows where its unit of work has ${expected.rows} runs`);
  const wrongRow = rows.find((row) => row.length !== expected.columns || row[0] !== String(expected.point));
  if (wrongRow !== undefined)
    return damaged(
      wrongRow.length !== expected.columns
        ? `has rows of ${wrongRow.length} cells where the sweep has ${expected.columns} columns`
        : `holds rows of point ${wrongRow[0]}, not ${expected.point}`,
    );
  const metricStart = expected.columns - expected.metrics.length;
  for (const [index, row] of rows.entries())
    for (const [offset, metric] of expected.metrics.entries()) {
      const cell = row[metricStart + offset] as string;
      if (!isMetricCell(cell))
        return damaged(`holds "${cell}" for ${metric} in its row ${index + 1}, where a number or an empty cell belongs`);
    }
  return { good: true, rows, body };
}
