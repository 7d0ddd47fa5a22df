import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/core/index.js';
import { loadCaseFolder } from '../../src/node/index.js';
import {
  evaluateFacts,
  factRows,
  factsMarkdown,
  factsTable,
  fewReplicatesNote,
  marginWords,
  type ProbabilityFactResult,
  type ReplicateFactResult,
} from '../../src/validation/index.js';

describe('marginWords', () => {
  it('gives a margin with its interval, and one that is 0 in every replicate as met exactly at the bound', () => {
    expect(marginWords({ mean: 0.061, low: 0.056, high: 0.066, count: 200 }, String)).toBe('mean margin 0.061 [0.056, 0.066]');
    // A yes/no check (a meeting in the window, at least 1) met in every replicate by exactly 1.
    expect(marginWords({ mean: 0, low: 0, high: 0, count: 200 }, String)).toBe(
      'margin 0 in every replicate: met exactly each time, as a yes/no measure that is 1 meets a bound of 1',
    );
    // A mean of 0 with spread is not the same thing.
    expect(marginWords({ mean: 0, low: -0.1, high: 0.1, count: 200 }, String)).toBe('mean margin 0 [-0.1, 0.1]');
  });

  it('writes a margin that is not there as "—", not NaN: none on no replicate, no interval on one', () => {
    expect(marginWords({ mean: Number.NaN, low: Number.NaN, high: Number.NaN, count: 0 }, (value) => value.toPrecision(3))).toBe(
      'mean margin — [—, —]',
    );
    expect(
      marginWords({ mean: 0.5, low: Number.NaN, high: Number.NaN, count: 1 }, (value) => value.toPrecision(3), 'projects'),
    ).toBe('mean margin 0.500 [—, —] projects');
  });

  it('says what the margin is counted in, when it is known', () => {
    expect(marginWords({ mean: 20.7, low: 20.4, high: 20.9, count: 200 }, String, 'projects')).toBe(
      'mean margin 20.7 [20.4, 20.9] projects',
    );
    expect(marginWords({ mean: 0.17, low: 0.16, high: 0.18, count: 200 }, String, 'ratio (1 = at capacity)')).toBe(
      'mean margin 0.17 [0.16, 0.18], as a ratio (1 = at capacity)',
    );
    expect(marginWords({ mean: 0.6, low: 0.5, high: 0.7, count: 200 }, String, 'share of weeks')).toBe(
      'mean margin 0.6 [0.5, 0.7], as a share of weeks',
    );
    expect(marginWords({ mean: 0, low: 0, high: 0, count: 200 }, String, 'flag')).toBe(
      'margin 0 in every replicate: met exactly each time, as a yes/no measure that is 1 meets a bound of 1',
    );
  });
});

describe('factRows', () => {
  it('shows a probability fact by its Δp, with no effect size, and needs its interval above zero, not Δp alone', () => {
    const result = {
      kind: 'probability',
      id: 13,
      title: 'The switch',
      status: 'holds',
      replicates: 200,
      notApplicable: 0,
      effectSize: Number.NaN,
      claims: [{ says: 'P(a) > P(b)', holds: true, status: 'holds', difference: 0.1, low: 0.04, high: 0.16 }],
    } as unknown as ProbabilityFactResult;
    // Cohen’s d belongs to a mean margin; a claim holds when the whole interval of Δp lies above zero (Δp +0.13 with
    // [−0.01, 0.30] falls short), so "needed" must not read "Δp > 0".
    expect(factRows([result])[0]).toMatchObject({
      holds: 'Δp +0.10',
      interval: '[0.04, 0.16]',
      effect: '—',
      threshold: 'interval > 0',
    });
    // An end just above zero keeps its sign: two decimals would print [0.00, 0.21] beside "holds".
    const near = { ...result, claims: [{ ...result.claims[0], low: 0.0049, high: 0.2061 }] } as ProbabilityFactResult;
    expect(factRows([near])[0]?.interval).toBe('[0.0049, 0.21]');
    const below = { ...result, claims: [{ ...result.claims[0], low: -0.0012, high: 0.2 }] } as ProbabilityFactResult;
    expect(factRows([below])[0]?.interval).toBe('[-0.0012, 0.20]');
  });
});

describe('factsTable of a fact that falls short', () => {
  it('right-aligns its checks’ shares in one column, "99.7%" beside "100%" and "83%"', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const [evaluated] = evaluateFacts(folder.facts, folder.scenarios, 2).results.filter(
      (result): result is ReplicateFactResult => result.kind === 'replicates',
    );
    if (evaluated === undefined) throw new Error('the tiny case has no replicate fact');
    const [first] = evaluated.checks;
    if (first === undefined) throw new Error('the fact has no check');
    const checks = [0.997, 0.83, 1].map((share, index) => ({ ...first, share, says: `check ${index + 1}` }));
    const table = factsTable([{ ...evaluated, status: 'falls short', checks }], 2);
    const shares = checks.map(
      (check) =>
        table
          .split('\n')
          .find((line) => line.includes(`  ${check.says} (`))
          ?.split(check.says)[0],
    );
    expect(shares).toEqual(['  99.7%  ', '    83%  ', '   100%  ']);
  });
});

describe('factRows of a probability fact that is not applicable', () => {
  it('shows no Δp and no interval where its events never apply together, not "Δp NaN [NaN, NaN]"', () => {
    const result = {
      kind: 'probability',
      id: 4,
      title: 'Never together',
      status: 'not applicable',
      replicates: 3,
      notApplicable: 3,
      effectSize: Number.NaN,
      claims: [
        {
          says: 'P(a) > P(b)',
          holds: false,
          status: 'not applicable',
          difference: Number.NaN,
          low: Number.NaN,
          high: Number.NaN,
        },
      ],
    } as unknown as ProbabilityFactResult;
    const row = factRows([result])[0];
    expect(row).toMatchObject({ holds: '—', interval: '[—, —]', notApplicable: '3/3', verdict: 'not applicable' });
    expect(factsMarkdown([result])).not.toContain('NaN');
  });
});

describe('factsTable and factsMarkdown of what is not fact results', () => {
  it('refuse them, and a number of replicates that is not a whole number from 1, naming each', () => {
    expect(() => factsTable(null as never, 2)).toThrow(
      'facts table arguments: invalid arguments\n  - results: expected a list of fact results (evaluateFacts(…).results), got null',
    );
    // "share of NaN paired replicates" would be printed otherwise.
    expect(() => factsTable([], Number.NaN)).toThrow('  - replicates: expected a whole number ≥ 1, got NaN');
    expect(() => factsTable([{ kind: 'replicates' }] as never, 2)).toThrow(
      '  - results[0].holds: expected the share of replicates in which it holds, got undefined\n  - results[0].checks: expected a list of checks, got undefined',
    );
    expect(() => factsMarkdown([{ kind: 'other' }] as never)).toThrow(
      '  - results[0].kind: expected "replicates" or "probability", got the string "other"',
    );
    expect(factsTable([], 2)).toContain('share of 2 paired replicates');
    expect(factsTable([], 1)).toContain('share of 1 paired replicate in which');
  });
});

describe('fewReplicatesNote', () => {
  it('notes replicates too few for a share that holds in all of them to clear the highest threshold, and how many would', async () => {
    const { facts } = await loadCaseFolder('z-street');
    const highest = Math.max(...facts.facts.flatMap((fact) => (fact.kind === 'probability' ? [] : [fact.threshold])));
    expect(highest).toBe(0.9);
    // 35 is the fewest replicates whose all-holding share has a Wilson interval from 90% up.
    expect(wilsonInterval(34, 34).low).toBeLessThan(0.9);
    expect(wilsonInterval(35, 35).low).toBeGreaterThanOrEqual(0.9);
    expect(fewReplicatesNote(facts, 1)).toBe(
      'with 1 replicate, a fact that holds in every one still has a 95% interval (Wilson) reaching below its threshold of 90%: a verdict of holds or falls short is the share on these replicates, not told apart from the threshold; 35 replicates or more can tell them apart',
    );
    expect(fewReplicatesNote(facts, 34)).toContain('with 34 replicates');
    expect(fewReplicatesNote(facts, 35)).toBeUndefined();
    expect(fewReplicatesNote(facts, 200)).toBeUndefined();
    // Probability facts, judged on their own intervals, and thresholds of 1 draw no note.
    const probabilityOnly = { ...facts, facts: facts.facts.filter((fact) => fact.kind === 'probability') };
    expect(probabilityOnly.facts.length).toBeGreaterThan(0);
    expect(fewReplicatesNote(probabilityOnly, 1)).toBeUndefined();
  });
});
