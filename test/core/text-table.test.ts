import { describe, expect, it } from 'vitest';
import { textTableLines } from '../../src/core/index.js';

describe('textTableLines', () => {
  it('pads each column to its widest cell, the left-aligned ones on the right, and trims the line ends', () => {
    expect(
      textTableLines(
        ['name', 'n'],
        [
          ['a', '10'],
          ['bcdef', '7'],
        ],
        [0],
      ),
    ).toEqual(['name    n', '-----  --', 'a      10', 'bcdef   7']);
    expect(textTableLines(['#', 'what', 'ok'], [['1', 'x', '']], [1, 2])).toEqual(['#  what  ok', '-  ----  --', '1  x']);
  });
});
