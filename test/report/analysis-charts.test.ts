/** The charts of a sweep analysis, from hand-made results. */
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../src/experiments/index.js';
import { interactionSpec, prccSpec } from '../../src/report/index.js';

const interaction = (low: number, high: number, count: number): Interaction => ({
  metric: 'satisfaction.end',
  variant: 'co-production',
  factors: ['mode.participation', 'mode.integration'],
  levels: [
    [false, true],
    [false, true],
  ],
  cells: [
    [0.1, 0.2],
    [0.25, 0.4],
  ],
  mainEffects: [0.175, 0.125],
  interaction: { mean: 0.05, low, high, count },
});
const subtitle = (given: Interaction) => (interactionSpec(given) as unknown as { title: { subtitle: string } }).title.subtitle;

describe('the interaction chart', () => {
  it('gives the interaction with its interval and the replicates it rests on', () => {
    expect(subtitle(interaction(0.01, 0.09, 12))).toBe(
      'Interaction (difference in differences) 0.0500, 95% t interval [0.0100, 0.0900] over 12 replicates',
    );
  });

  it('says there is no interval with one replicate, rather than [NaN, NaN]', () => {
    expect(subtitle(interaction(Number.NaN, Number.NaN, 1))).toBe(
      'Interaction (difference in differences) 0.0500, no interval (1 replicate with all four cells defined; it takes two)',
    );
  });

  it('keeps the levels in the design order, so that 6 comes before 10', () => {
    const given = {
      ...interaction(0.01, 0.09, 12),
      levels: [
        [6, 10],
        [false, true],
      ] as Interaction['levels'],
    };
    const encoding = (interactionSpec(given) as unknown as { encoding: Record<string, { sort?: unknown }> }).encoding;
    expect(encoding.x?.sort).toEqual(['6', '10']);
    expect(encoding.color?.sort).toEqual(['false', 'true']);
  });
});

describe('the PRCC chart', () => {
  it('orders factors by the strength of their PRCC, marks those below p 0.05, and says which it left out', () => {
    const spec = prccSpec('load.staffMean', 'b − a', [
      { factor: 'weak', prcc: 0.1, pValue: 0.6, points: 20 },
      { factor: 'strong', prcc: -0.8, pValue: 0.0001, points: 20 },
      { factor: 'none', prcc: Number.NaN, pValue: Number.NaN, points: 20 },
    ]) as unknown as {
      title: { subtitle: string };
      data: { values: Array<{ factor: string; significance: string }> };
      encoding: { y: { sort: string[] } };
    };
    expect(spec.encoding.y.sort).toEqual(['strong', 'weak']);
    expect(spec.data.values.map((row) => [row.factor, row.significance])).toEqual([
      ['weak', 'p ≥ 0.05'],
      ['strong', 'p < 0.05'],
    ]);
    expect(spec.title.subtitle).toBe(
      'Outcome: b − a; partial rank correlation over 20 points, the other factors partialled out; 1 factor with none defined left out',
    );
  });
});
