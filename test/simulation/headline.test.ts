import { describe, expect, it } from 'vitest';
import { comparedMetrics, defineModel, headlineMetrics } from '../../src/simulation/index.js';

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
