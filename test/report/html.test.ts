import { describe, expect, it } from 'vitest';
import { alignedNumber, inlineHtml, number } from '../../src/report/html.js';

describe('numbers in reports', () => {
  it('drops trailing zeros from a number on its own, and keeps them among others of its kind', () => {
    expect([1.1, 0.8, 0.816, 0].map((value) => number(value))).toEqual(['1.1', '0.8', '0.816', '0']);
    expect([1.1, 0.8, 0.816, 0, 0.00396, -0.0479, 123.456, Number.NaN].map(alignedNumber)).toEqual([
      '1.10',
      '0.800',
      '0.816',
      '0',
      '0.00396',
      '−0.0479',
      '123.5',
      '—',
    ]);
  });
});

describe('inlineHtml', () => {
  it('escapes text and sets its Markdown code spans as code', () => {
    expect(inlineHtml('run `govsim validate <case>` & see')).toBe('run <code>govsim validate &lt;case&gt;</code> &amp; see');
  });
});
