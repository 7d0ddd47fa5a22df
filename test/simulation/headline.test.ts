import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import {
  comparedMetrics,
  defineModel,
  headlineMetrics,
  isSummaryPath,
  runScenario,
  summaryValue,
} from '../../src/simulation/index.js';

describe('comparedMetrics', () => {
  it('is the headline metrics for the built-in model and a model without run measures', () => {
    expect(comparedMetrics()).toBe(headlineMetrics);
    const quiet = defineModel({ name: 'quiet', extensions: [{ name: 'quiet', description: 'no measures' }] });
    expect(comparedMetrics(quiet)).toBe(headlineMetrics);
  });

  it('adds each extension’s run measures after them, in the order the model declares them', () => {
    const model = defineModel({
      name: 'two',
      extensions: [
        {
          name: 'first-one',
          description: 'two run measures',
          runMeasures: {
            b: { description: 'b', value: () => 2 },
            a: { description: 'a', value: () => 1 },
          },
          weeklyMeasures: { weekly: { description: 'not a run measure', value: () => 0 } },
        },
        { name: 'second', description: 'one', runMeasures: { c: { description: 'c', value: () => 3 } } },
      ],
    });
    const metrics = comparedMetrics(model);
    expect(metrics.slice(0, headlineMetrics.length)).toEqual(headlineMetrics);
    expect(metrics.slice(headlineMetrics.length)).toEqual([
      { key: 'extensions.first-one.b', label: 'first-one.b', unit: 'number' },
      { key: 'extensions.first-one.a', label: 'first-one.a', unit: 'number' },
      { key: 'extensions.second.c', label: 'second.c', unit: 'number' },
    ]);
  });
});

describe('summaryValue and isSummaryPath', () => {
  const result = runScenario(parseScenario({ name: 'y', mode: 'co-production', weeks: 5 }), { replicate: 0 });

  it('read a number of a run summary by its dotted path, NaN or false where there is none', () => {
    expect(summaryValue(result.summary, 'trust.end')).toBe(result.summary.trust.end);
    expect(isSummaryPath(result.summary, 'trust.end')).toBe(true);
    expect(summaryValue(result.summary, 'trust.nothing')).toBeNaN();
    expect(isSummaryPath(result.summary, 'trust')).toBe(false);
  });

  it('refuse a run’s whole result given for its summary, which would read NaN at every path, and a path not text', () => {
    expect(() => summaryValue(result as never, 'trust.end')).toThrow(
      "summaryValue: invalid arguments\n  - summary: expected a run summary, got a run's whole result: give its summary (result.summary)",
    );
    expect(() => isSummaryPath(result.summary, 5 as never)).toThrow(
      'isSummaryPath: invalid arguments\n  - key: expected a dotted path such as "satisfaction.end", got 5',
    );
    expect(() => summaryValue('trust.end' as never, undefined as never)).toThrow(
      'summary: expected a run summary (a run\'s result.summary), got the string "trust.end"',
    );
  });
});
