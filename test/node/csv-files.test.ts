import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvTable } from '../../src/core/index.js';
import { parseCsvText, readCsvRows } from '../../src/node/csv-files.js';

describe('reading CSV files', () => {
  it('streams a file row by row, undoing the quoting of line breaks, commas and quotes', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'govsim-csv-')), 'runs.csv');
    const rows = [
      ['0', 'Y, east', 'co-production, full'],
      ['1', 'the "old" block', 'two\nlines'],
    ];
    await writeFile(path, csvTable(['point', 'name', 'variant'], rows));
    const read: string[][] = [];
    for await (const row of readCsvRows(path)) read.push(row);
    expect(read).toEqual([['point', 'name', 'variant'], ...rows]);
    expect(parseCsvText(csvTable(['point', 'name', 'variant'], rows))).toEqual(read);
  });

  it('rejects with the system error for a missing file, and csv-parse’s for a damaged one', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-csv-'));
    const consume = async (path: string) => {
      for await (const _row of readCsvRows(path)) {
        // Read to the end.
      }
    };
    await expect(consume(join(directory, 'missing.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(join(directory, 'cut.csv'), 'a,b\n1,"unfinished\n');
    await expect(consume(join(directory, 'cut.csv'))).rejects.toThrow(/quote/i);
  });
});
