/** Largest and smallest values by loop: what Math.max and Math.min give, for any number of values. */
import { describe, expect, it } from 'vitest';
import { largestOf, smallestOf } from '../../src/core/extremes.js';
import { weeksToShareDone } from '../../src/metrics/index.js';

describe('largestOf and smallestOf', () => {
  const cases: number[][] = [
    [],
    [1],
    [3, 1, 2],
    [-0, 0],
    [0, -0],
    [-0],
    [1, Number.NaN, 3],
    [Number.POSITIVE_INFINITY, 2],
    [Number.NEGATIVE_INFINITY, -5],
    [-1e308, 5e-324, -5e-324],
  ];
  it('give exactly what Math.max(...values) and Math.min(...values) give, −0 and NaN included', () => {
    for (const values of cases) {
      expect(Object.is(largestOf(values), Math.max(...values)), `max of ${values}`).toBe(true);
      expect(Object.is(smallestOf(values), Math.min(...values)), `min of ${values}`).toBe(true);
      expect(Object.is(largestOf(Float64Array.from(values)), Math.max(...values))).toBe(true);
    }
  });

  it('take more values than a spread could pass on the call stack', () => {
    const values = Array.from({ length: 2_000_000 }, (_, index) => (index * 7919) % 1_000_003);
    expect(largestOf(values)).toBe(1_000_002);
    expect(smallestOf(values)).toBe(0);
  });
});

describe('metrics over many projects', () => {
  it('weeksToShareDone takes hundreds of thousands of projects (a city) without overflowing the stack', () => {
    const projects = Array.from({ length: 300_000 }, (_, index) => ({
      listedWeek: 2 + (index % 5),
      doneWeek: index % 3 === 0 ? 50 : -1,
    }));
    expect(weeksToShareDone(projects, 0.3)).toBe(48);
  });
});
