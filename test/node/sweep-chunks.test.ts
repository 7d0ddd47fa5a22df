import { describe, expect, it } from 'vitest';
import { type ChunkExpectation, checkChunk, chunkHeader } from '../../src/node/sweep-chunks.js';

const expected: ChunkExpectation = {
  version: '1.2.3',
  hash: 'abc123',
  rows: 2,
  columns: 3,
  point: 4,
  metrics: ['load.staffMean'],
};
const rows = '4,a,0.5\n4,"b,c",\n';

describe('checkChunk', () => {
  it('accepts a chunk whose first line, rows and cells are what its unit must hold', () => {
    const check = checkChunk(chunkHeader('1.2.3', 'abc123', 2) + rows, expected);
    expect(check).toEqual({
      good: true,
      rows: [
        ['4', 'a', '0.5'],
        ['4', 'b,c', ''],
      ],
      body: rows,
    });
  });

  it('tells another version’s chunk from a damaged one', () => {
    expect(checkChunk(chunkHeader('1.0.0', 'abc123', 2) + rows, expected)).toMatchObject({
      good: false,
      reason: 'version',
      version: '1.0.0',
      problem: 'was written by govsim 1.0.0, not 1.2.3',
    });
    const damaged = (text: string) => {
      const check = checkChunk(text, expected);
      expect(check.good).toBe(false);
      return check.good ? '' : `${check.reason}: ${check.problem}`;
    };
    expect(damaged('')).toBe('damaged: is empty');
    expect(damaged(rows)).toMatch(/^damaged: has no "# govsim/);
    expect(damaged(chunkHeader('1.2.3', 'other', 2) + rows)).toBe(
      'damaged: belongs to the experiment with hash other, not abc123',
    );
    expect(damaged(chunkHeader('1.2.3', 'abc123', 2) + rows.slice(0, -3))).toBe(
      'damaged: is truncated: its last line has no line end',
    );
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}4,a,0.5\n`)).toBe('damaged: holds 1 rows where its first line says 2');
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 1)}4,a,0.5\n`)).toBe(
      'damaged: holds 1 rows where its unit of work has 2 runs',
    );
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}4,a\n4,b\n`)).toBe(
      'damaged: has rows of 2 cells where the sweep has 3 columns',
    );
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}5,a,1\n5,b,2\n`)).toBe('damaged: holds rows of point 5, not 4');
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}4,"a,0.5\n4,b,1\n`)).toMatch(/^damaged: is truncated or corrupt: /);
    // A metric's cell that is not a number, such as one edited by hand: merged, it would stop `analyze` only later.
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}4,a,0.5\n4,b,abc\n`)).toBe(
      'damaged: holds "abc" for load.staffMean in its row 2, where a number or an empty cell belongs',
    );
    expect(damaged(`${chunkHeader('1.2.3', 'abc123', 2)}4,a, 0.5\n4,b,1\n`)).toMatch(
      /holds " 0.5" for load.staffMean in its row 1/,
    );
  });
});
