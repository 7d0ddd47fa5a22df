import { describe, expect, it } from 'vitest';
import type { WeekRecord } from '../../src/metrics/index.js';
import { aggregateSeries, compare } from '../../src/validation/index.js';

const weeks = [0.5, 1.5, 2, Number.NaN, 1].map((staffLoad, index) => ({ week: index + 1, staffLoad }) as unknown as WeekRecord);

describe('aggregateSeries', () => {
  it('aggregates a column over a window of weeks, skipping undefined weeks', () => {
    expect(aggregateSeries(weeks, 'staffLoad', 1, 3, 'mean')).toBeCloseTo(4 / 3, 12);
    expect(aggregateSeries(weeks, 'staffLoad', 1, 5, 'max')).toBe(2);
    expect(aggregateSeries(weeks, 'staffLoad', 2, 5, 'min')).toBe(1);
    expect(aggregateSeries(weeks, 'staffLoad', 2, 5, 'first')).toBe(1.5);
    expect(aggregateSeries(weeks, 'staffLoad', 1, 5, 'last')).toBe(1);
    expect(aggregateSeries(weeks, 'staffLoad', 1, 5, 'sum')).toBe(5);
    // Weeks 1, 2, 3, 5 are defined; 1.5 and 2 exceed 1.
    expect(aggregateSeries(weeks, 'staffLoad', 1, 5, 'shareAbove1')).toBe(0.5);
    expect(aggregateSeries(weeks, 'staffLoad', 4, 4, 'mean')).toBeNaN();
  });
});

describe('compare', () => {
  it('decides each comparison and treats undefined values as not holding', () => {
    expect(compare(2, '>', 1)).toBe(true);
    expect(compare(1, '>', 1)).toBe(false);
    expect(compare(1, '>=', 1)).toBe(true);
    expect(compare(1, '<', 2)).toBe(true);
    expect(compare(2, '<=', 1)).toBe(false);
    expect(compare(1, '==', 1 + 1e-12)).toBe(true);
    expect(compare(1, '==', 1.1, 0.05)).toBe(false);
    expect(compare(-0.1, 'abs<', 0.15)).toBe(true);
    expect(compare(-0.2, 'abs<', 0.15)).toBe(false);
    expect(compare(Number.NaN, '<', 1)).toBe(false);
  });
});
