import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/metrics/index.js';
import { loadCaseFolder } from '../../src/node/index.js';
import type { RunResult } from '../../src/simulation/index.js';
import {
  FactEvaluator,
  type FactsFile,
  factsFileSchema,
  factsTable,
  runPairedReplicates,
  scenariosOfFacts,
} from '../../src/validation/index.js';

function runWith(summary: Record<string, Record<string, number>>): RunResult {
  return { scenarioName: 'x', seed: 0, weeks: [], summary: summary as unknown as RunSummary, events: [], milestones: {} };
}

describe('FactEvaluator on hand-made replicates', () => {
  const file: FactsFile = factsFileSchema.parse({
    case: 'a',
    facts: [
      {
        id: 1,
        title: 'a above b',
        statement: 's',
        paper: 'p',
        ifNotReproduced: 'because',
        checks: [
          {
            says: 'a > b',
            left: { scenario: 'a', summary: 'load.staffMean' },
            is: '>',
            right: { scenario: 'b', summary: 'load.staffMean' },
          },
        ],
      },
      {
        id: 2,
        title: 'events',
        statement: 's',
        paper: 'p',
        kind: 'probability',
        events: {
          often: { says: 'a above 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } },
          never: { says: 'b above 10', left: { scenario: 'b', summary: 'load.staffMean' }, is: '>', right: { value: 10 } },
        },
        claims: [{ more: 'often', than: 'never' }, { never: 'never' }],
      },
    ],
  });

  it('counts the share of replicates, the margins and the effect size', () => {
    const evaluator = new FactEvaluator(file);
    // Margins a − b: 1, 2, 3, −1 → holds in 3 of 4; mean 1.25, SD √(8.75/3).
    for (const [a, b] of [
      [3, 2],
      [4, 2],
      [5, 2],
      [1, 2],
    ] as const) {
      evaluator.add(
        new Map([
          ['a', runWith({ load: { staffMean: a } })],
          ['b', runWith({ load: { staffMean: b } })],
        ]),
      );
    }
    const [first, second] = evaluator.results();
    expect(first?.kind).toBe('replicates');
    if (first?.kind !== 'replicates') return;
    expect(first.holds.share).toBe(0.75);
    expect(first.passed).toBe(false);
    expect(first.effectSize).toBeCloseTo(1.25 / Math.sqrt(8.75 / 3), 12);
    expect(first.checks[0]?.margin.mean).toBe(1.25);
    expect(first.ifNotReproduced).toBe('because');
    expect(second?.kind).toBe('probability');
    if (second?.kind !== 'probability') return;
    // 'often' is a > 1: a = 3, 4, 5, 1 → 3 of 4.
    expect(second.events.often?.share).toBe(0.75);
    expect(second.events.never?.share).toBe(0);
    expect(second.claims.map((claim) => claim.holds)).toEqual([true, true]);
    expect(second.passed).toBe(true);
    expect(factsTable(evaluator.results(), 4)).toContain('1 of 2 facts reproduced');
  });

  it('finds the scenarios a facts file needs', () => {
    expect(scenariosOfFacts(file).sort()).toEqual(['a', 'b']);
  });
});

describe('the Z Street facts', () => {
  it('are all evaluated on paired replicates: each reproduced, or falling short with a stated reason', async () => {
    const folder = await loadCaseFolder('z-street');
    expect(folder.facts.facts.map((fact) => fact.id)).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
    const evaluator = new FactEvaluator(folder.facts);
    runPairedReplicates(folder.scenarios.get('case') as never, folder.scenarios, 40, (_replicate, runs) => evaluator.add(runs));
    const results = evaluator.results();
    for (const result of results) {
      const declared = folder.facts.facts.find((fact) => fact.id === result.id);
      if (declared?.ifNotReproduced === undefined) expect(result.passed, `fact ${result.id} ${result.title}`).toBe(true);
      if (!result.passed) expect(result.kind === 'replicates' && result.ifNotReproduced).toBeTruthy();
    }
    // Most of the paper's facts come out of the mechanisms at their thresholds.
    expect(results.filter((result) => result.passed).length).toBeGreaterThanOrEqual(12);
  });
});
