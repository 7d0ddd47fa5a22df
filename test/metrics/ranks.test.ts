/** Rank correlation by sorting numbers: exactly Spearman's correlation by comparison sort. */
import { describe, expect, it } from 'vitest';
import { createRandomSource, spearmanCorrelation } from '../../src/core/index.js';
import { rankCorrelation } from '../../src/metrics/ranks.js';

describe('rankCorrelation', () => {
  it('gives the bytes of spearmanCorrelation, ties, −0 and infinities included', () => {
    const random = createRandomSource(12).stream('ranks');
    for (let round = 0; round < 200; round++) {
      const count = 2 + random.integer(60);
      const draw = () => {
        const kind = random.integer(10);
        if (kind === 0) return -0;
        if (kind === 1) return 0;
        if (kind === 2) return Number.POSITIVE_INFINITY;
        return random.integer(8) / (1 + random.integer(3));
      };
      const x = Array.from({ length: count }, draw);
      const y = Array.from({ length: count }, draw);
      expect(Object.is(rankCorrelation(x, y), spearmanCorrelation(x, y)), `${x} / ${y}`).toBe(true);
    }
  });

  it('leaves NaN, lengths that differ and fewer than two values to spearmanCorrelation', () => {
    expect(rankCorrelation([1, Number.NaN, 2], [3, 1, 2])).toEqual(spearmanCorrelation([1, Number.NaN, 2], [3, 1, 2]));
    expect(() => rankCorrelation([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(rankCorrelation([1], [2])).toBeNaN();
    expect(rankCorrelation([1, 2, 3], [10, 30, 20])).toBeCloseTo(0.5, 12);
  });
});
