import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, pairedDifference } from '../../src/core/index.js';
import {
  experimentSchema,
  factorialInteractions,
  pairedComparisons,
  planSweep,
  type SweepValues,
} from '../../src/experiments/index.js';

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

describe('factorialInteractions', () => {
  const tiny = JSON.parse(readFileSync('test/fixtures/tiny-sweep.json', 'utf8')) as Record<string, unknown> & {
    base: Record<string, unknown>;
  };
  /** A factorial of the given factors, with every run's value of a metric set by `value(point, replicate)`. */
  function interactionsOf(factors: { path: string; values: unknown[] }[], value: (point: number, replicate: number) => number) {
    const experiment = experimentSchema.parse({
      ...tiny,
      design: { type: 'factorial', factors },
      replicates: 3,
      metrics: ['load.staffMean'],
    });
    const plan = planSweep(experiment, experiment.base as Record<string, unknown>, 'tiny.json');
    const values: SweepValues = new Map(
      plan.design.points.map((_, point) => [
        point,
        new Map([['v', new Map([['load.staffMean', [0, 1, 2].map((r) => value(point, r))]])]]),
      ]),
    );
    return { plan, interactions: factorialInteractions(plan, values, 'v') };
  }
  const chance = { path: 'parameters.docking.confirmationChance', values: [0.4, 0.8] };
  const departments = { path: 'world.departments', values: [3, 5] };

  it('gives the difference in differences of a 2 × 2, paired by replicate', () => {
    // Points in design order: (0.4, 3), (0.4, 5), (0.8, 3), (0.8, 5); the last cell gains 2 more than the others add.
    const { interactions } = interactionsOf([chance, departments], (point, r) => ([0, 1, 10, 13][point] as number) + r);
    expect(interactions.map((row) => [row.factors, row.interaction.mean])).toEqual([[[chance.path, departments.path], 2]]);
  });

  it('reads a factor held at one level as a setting: 2 × 2 × 1 is a 2 × 2', () => {
    const held = { path: 'world.needCategories', values: [6] };
    const { interactions } = interactionsOf([chance, held, departments], (point, r) => ([0, 1, 10, 13][point] as number) + r);
    expect(interactions.map((row) => [row.factors, row.interaction.mean])).toEqual([[[chance.path, departments.path], 2]]);
  });

  it('gives none where more or fewer than two factors vary, or one has three levels', () => {
    const sites = { path: 'world.needCategories', values: [5, 6] };
    expect(interactionsOf([chance, sites, departments], () => 1).interactions).toEqual([]);
    expect(interactionsOf([chance], () => 1).interactions).toEqual([]);
    expect(interactionsOf([chance, { ...departments, values: [3, 4, 5] }], () => 1).interactions).toEqual([]);
  });
});
