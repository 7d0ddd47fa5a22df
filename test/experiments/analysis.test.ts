import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, pairedDifference } from '../../src/core/index.js';
import { pairedComparisons, type SweepValues } from '../../src/experiments/index.js';

/** One point, two variants, one metric: the values of each variant by replicate. */
function sweepValues(from: number[], to: number[]): SweepValues {
  return new Map([
    [
      0,
      new Map([
        ['a', new Map([['m', from]])],
        ['b', new Map([['m', to]])],
      ]),
    ],
  ]);
}

describe('pairedComparisons', () => {
  it('gives the paired difference with its 95% t interval, as compare does', () => {
    const from = [0.31, 0.28, 0.35, 0.3, 0.33];
    const to = [0.4, 0.41, 0.39, 0.45, 0.38];
    const [comparison] = pairedComparisons(sweepValues(from, to), ['a', 'b']);
    expect(comparison?.difference).toEqual(pairedDifference(from, to));
    // t(0.975, 4) = 2.776: wider than the percentile bootstrap of five values would be.
    const differences = to.map((value, index) => value - (from[index] as number));
    expect(comparison?.difference).toEqual(meanConfidenceInterval(differences));
  });

  it('leaves out pairs with an undefined side, and gives one pair no interval', () => {
    const [comparison] = pairedComparisons(sweepValues([1, Number.NaN, 3], [2, 5, Number.NaN]), ['a', 'b']);
    expect(comparison?.count).toBe(1);
    expect(comparison?.difference.mean).toBe(1);
    expect(comparison?.difference.low).toBeNaN();
    expect(comparison?.difference.high).toBeNaN();
  });

  it('gives the declared contrasts, each to − from, in place of the first variant against the others', () => {
    const values = sweepValues([1, 2, 4], [2, 4, 7]);
    const [reversed] = pairedComparisons(values, ['a', 'b'], [{ from: 'b', to: 'a' }]);
    expect([reversed?.from, reversed?.to, reversed?.difference.mean]).toEqual(['b', 'a', -2]);
    const [plain] = pairedComparisons(values, ['a', 'b']);
    expect([plain?.from, plain?.to, plain?.difference.mean]).toEqual(['a', 'b', 2]);
    expect(pairedComparisons(values, ['a', 'b'], [])).toEqual([]);
  });
});
