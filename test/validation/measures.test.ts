import { describe, expect, it } from 'vitest';
import type { RunSummary, WeekRecord } from '../../src/metrics/index.js';
import type { RunResult } from '../../src/simulation/index.js';
import { aggregateSeries, compare, type Measure, measureSchema, measureValue, windowWeek } from '../../src/validation/index.js';

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
  it('decides each comparison, and leaves it undecided (not applicable) when a side is undefined', () => {
    expect(compare(2, '>', 1)).toBe(true);
    expect(compare(1, '>', 1)).toBe(false);
    expect(compare(1, '>=', 1)).toBe(true);
    expect(compare(1, '<', 2)).toBe(true);
    expect(compare(2, '<=', 1)).toBe(false);
    expect(compare(1, '==', 1 + 1e-12)).toBe(true);
    expect(compare(1, '==', 1.1, 0.05)).toBe(false);
    expect(compare(-0.1, 'abs<', 0.15)).toBe(true);
    expect(compare(-0.2, 'abs<', 0.15)).toBe(false);
    expect(compare(Number.NaN, '<', 1)).toBeUndefined();
    expect(compare(1, '<', Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

/** A run of weeks 1–10 with staff load equal to the week number, and the given milestones. */
function runOf(milestones: RunResult['milestones']): RunResult {
  const weeks = Array.from({ length: 10 }, (_, index) => ({ week: index + 1, staffLoad: index + 1 }) as unknown as WeekRecord);
  return { scenarioName: 'r', seed: 0, weeks, summary: {} as RunSummary, events: [], milestones };
}

describe('windows placed by milestones', () => {
  const run = runOf({ modeChange: 3, planAdopted: 6 });
  const runs = new Map([['r', run]]);
  const measure = (from: unknown, to: unknown, aggregate = 'sum'): Measure =>
    measureSchema.parse({ scenario: 'r', series: 'staffLoad', from, to, aggregate });

  it('resolves a window end to a week number, a milestone week plus its offset, or the run’s last week', () => {
    expect(windowWeek(4, run)).toBe(4);
    expect(windowWeek({ milestone: 'modeChange', offset: 0 }, run)).toBe(3);
    expect(windowWeek({ milestone: 'planAdopted', offset: -2 }, run)).toBe(4);
    expect(windowWeek({ milestone: 'end', offset: 0 }, run)).toBe(10);
    expect(windowWeek({ milestone: 'implementationStart', offset: 0 }, run)).toBeNaN();
  });

  it('aggregates over the resolved window, per run', () => {
    // Weeks 3..6 → 3 + 4 + 5 + 6 = 18.
    expect(measureValue(measure({ milestone: 'modeChange' }, { milestone: 'planAdopted' }), runs)).toBe(18);
    // The offset defaults to 0; weeks 7..10 → 34.
    expect(measureValue(measure({ milestone: 'planAdopted', offset: 1 }, { milestone: 'end' }), runs)).toBe(34);
    // Mixed: week 1 to the week before the mode change → 1 + 2.
    expect(measureValue(measure(1, { milestone: 'modeChange', offset: -1 }), runs)).toBe(3);
    // Another run of the same measure places it by that run's own milestones.
    const other = new Map([['r', runOf({ modeChange: 8, planAdopted: 9 })]]);
    expect(measureValue(measure({ milestone: 'modeChange' }, { milestone: 'planAdopted' }), other)).toBe(17);
  });

  it('is undefined when a milestone is missing or the window is empty or inverted', () => {
    expect(measureValue(measure({ milestone: 'implementationStart' }, { milestone: 'end' }), runs)).toBeNaN();
    expect(measureValue(measure({ milestone: 'planAdopted' }, { milestone: 'modeChange' }), runs)).toBeNaN();
    expect(measureValue(measure({ milestone: 'end', offset: 1 }, { milestone: 'end', offset: 5 }), runs)).toBeNaN();
  });

  it('is undefined when an offset places a window end outside the run’s weeks, rather than cutting the window short', () => {
    // Weeks 3 − 5 = −2 … 2 and 6 + 5 = 11 … 12 lie partly before week 1 and after week 10: summing weeks 1–2 or 11–10
    // alone would read a window other than the one named.
    expect(windowWeek({ milestone: 'modeChange', offset: -5 }, run)).toBeNaN();
    expect(windowWeek({ milestone: 'planAdopted', offset: 5 }, run)).toBeNaN();
    expect(windowWeek({ milestone: 'end', offset: -10 }, run)).toBeNaN();
    expect(windowWeek({ milestone: 'end', offset: -9 }, run)).toBe(1);
    expect(windowWeek({ milestone: 'planAdopted', offset: 4 }, run)).toBe(10);
    expect(
      measureValue(measure({ milestone: 'modeChange', offset: -5 }, { milestone: 'modeChange', offset: -1 }, 'first'), runs),
    ).toBeNaN();
    expect(measureValue(measure({ milestone: 'planAdopted' }, { milestone: 'planAdopted', offset: 5 }, 'last'), runs)).toBeNaN();
    expect(measureValue(measure({ milestone: 'planAdopted' }, { milestone: 'planAdopted', offset: 4 }), runs)).toBe(
      6 + 7 + 8 + 9 + 10,
    );
    // A run with no weeks places no milestone week.
    expect(windowWeek({ milestone: 'modeChange', offset: 0 }, { weeks: [], milestones: { modeChange: 3 } })).toBeNaN();
  });

  it('rejects an unknown milestone and an inverted window of week numbers, or of offsets from one milestone', () => {
    expect(() => measure({ milestone: 'lunch' }, 5)).toThrow();
    expect(() => measure(6, 5)).toThrow('expected to ≥ from');
    expect(() => measure({ milestone: 'end' }, { milestone: 'end', offset: -5 })).toThrow(
      'expected to ≥ from: both are placed by one milestone',
    );
    expect(() => measure({ milestone: 'modeChange', offset: 3 }, { milestone: 'modeChange' })).toThrow('expected to ≥ from');
    // Placed by two milestones, the order depends on the run: a window empty in a run is undefined there, not refused.
    expect(() => measure({ milestone: 'end', offset: -5 }, { milestone: 'modeChange' })).not.toThrow();
    expect(() => measure({ milestone: 'end', offset: 0.5 }, 5)).toThrow();
  });
});
