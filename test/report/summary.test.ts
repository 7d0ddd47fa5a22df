/** The summary's words for a difference: called by its Holm-adjusted p-value, and saying so where its interval alone excludes zero. */
import { describe, expect, it } from 'vitest';
import type { CounterfactualRow } from '../../src/report/index.js';
import { contrastText } from '../../src/report/summary.js';

const row = (mean: number, low: number, high: number, holmPValue: number): CounterfactualRow => ({
  scenario: 'other',
  metric: 'load.staffMean',
  label: 'Staff load, mean',
  caseMean: 0.9,
  otherMean: 0.9 + mean,
  difference: { mean, low, high, count: 10 },
  pValue: holmPValue / 4,
  holmPValue,
});

describe('contrastText', () => {
  it('gives the case − counterfactual difference with its interval where the adjusted p-value is below 0.05', () => {
    // The row holds counterfactual − case: −0.1 there is the case 0.1 higher.
    expect(contrastText(row(-0.1, -0.15, -0.05, 0.01), 'mean staff load')).toBe('mean staff load 0.100 higher [0.050, 0.150]');
  });

  it('says no clear difference otherwise, and why where the interval alone excludes zero', () => {
    expect(contrastText(row(-0.1, -0.2, 0.01, 0.4), 'mean staff load')).toBe('no clear difference in mean staff load');
    expect(contrastText(row(-0.0955, -0.166, -0.0252, 0.093), 'mean staff load')).toBe(
      "no clear difference in mean staff load once adjusted for the report's many comparisons (alone, 0.096 higher [0.025, 0.166])",
    );
    expect(contrastText(row(Number.NaN, Number.NaN, Number.NaN, Number.NaN), 'waste share')).toBe(
      'no clear difference in waste share',
    );
  });
});
