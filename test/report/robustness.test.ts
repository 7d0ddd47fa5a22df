import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import { robustnessHtml, robustnessPairsCsv, supplementsMarkdown } from '../../src/report/index.js';
import { type DrawOutcome, factsFileSchema, type RobustnessRun, summariseRobustness } from '../../src/validation/index.js';

const file = factsFileSchema.parse({
  case: 'a',
  facts: [1, 2].map((id) => ({
    id,
    title: `Fact ${id}`,
    statement: 's',
    paper: 'p',
    checks: [{ says: 'a > 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } }],
  })),
});

/** Draws in which fact 1 holds exactly where fact 2 falls short. */
function run(drawsFile?: string): RobustnessRun {
  const outcome = (first: boolean): DrawOutcome => ({
    facts: [
      { id: 1, status: first ? 'holds' : 'falls short', share: first ? 1 : 0, applicable: 1, notApplicable: 0 },
      { id: 2, status: first ? 'falls short' : 'holds', share: first ? 0 : 1, applicable: 1, notApplicable: 0 },
    ],
    contrasts: [],
  });
  const parameters = [{ path: 'parameters.staff.routineLoad', range: [0.6, 0.95] as const, integer: false }];
  const draws = [0.6, 0.7, 0.8, 0.9].map((value) => ({ 'parameters.staff.routineLoad': value }));
  const outcomes = [true, false, true, false].map(outcome);
  return {
    caseKey: 'a',
    caseName: 'A case',
    seed: 3,
    samples: draws.length,
    replicates: 2,
    parameters,
    draws,
    outcomes,
    atDefaults: outcome(true),
    summary: summariseRobustness(file, parameters, draws, outcomes),
    ...(drawsFile === undefined ? {} : { drawsFile }),
  };
}

describe('the robustness page and pairs.csv', () => {
  it('says how often every fact holds at once, and which facts pull against each other', () => {
    const page = robustnessHtml(run(), { version: 'test', command: 'govsim robustness a' });
    expect(page).toContain('4 draws from a Latin hypercube (seed 3)');
    expect(page).toContain('Every fact holds in 0 of the 4 draws in which every fact applies (0%');
    expect(page).toContain(
      '<tr><td>1 Fact 1 and 2 Fact 2</td><td>0 of 4</td><td>1.0</td><td>2</td><td>2</td><td>0</td><td>−1</td></tr>',
    );
  });

  it('names the parameters that go with fewer facts holding at once, and their values where every fact holds', () => {
    const together = run();
    // No fact holds at 0.6, one at 0.7, both at 0.8 and 0.9.
    const holding = [0, 1, 2, 2];
    together.outcomes = holding.map((count) => ({
      facts: [1, 2].map((id) => {
        const holds = id <= count;
        return { id, status: holds ? 'holds' : 'falls short', share: holds ? 1 : 0, applicable: 1, notApplicable: 0 };
      }),
      contrasts: [],
    }));
    together.summary = summariseRobustness(file, together.parameters, together.draws, together.outcomes);
    const page = robustnessHtml(together, { version: 'test', command: 'govsim robustness a' });
    expect(page).toContain('Every fact holds in 2 of the 4 draws');
    // Ranks 1–4 against 1, 2, 3.5, 3.5: ρ = 3 ÷ √10 ≈ 0.949. The counts have 4! ÷ 2! = 12 orders, fewer than the 40 a
    // parameter would need to stand out at 5%: within chance, whatever ρ.
    expect(page).toContain(
      '<li>parameters.staff.routineLoad (fewer facts hold at low values, ρ = 0.95, within chance; 0.8–0.9 where every fact holds, of 0.6–0.95)</li>',
    );
    expect(page).toContain('these draws differ too little to tell any of them from chance');
    // Where the count of facts holding never varies there is nothing to name.
    expect(robustnessHtml(run(), { version: 'test', command: 'govsim robustness a' })).not.toContain(
      'go with fewer of the facts',
    );
  });

  it('counts the other facts over the draws consistent with what the case showed', () => {
    // Fact 1 reads the case alone; fact 2 compares it with scenario b, a counterfactual.
    const counterfactual = factsFileSchema.parse({
      ...file,
      facts: [
        file.facts[0],
        {
          ...file.facts[1],
          checks: [
            {
              says: 'a > b',
              left: { scenario: 'a', summary: 'load.staffMean' },
              is: '>',
              right: { scenario: 'b', summary: 'load.staffMean' },
            },
          ],
        },
      ],
    });
    const given = run();
    // Fact 1 holds in draws 0 and 2, fact 2 in draws 1 and 3: over the draws fact 1 allows, fact 2 never holds.
    given.summary = summariseRobustness(counterfactual, given.parameters, given.draws, given.outcomes);
    const page = robustnessHtml(given, { version: 'test', command: 'govsim robustness a' });
    expect(page).toContain('<h2>Given what the case showed</h2>');
    expect(page).toContain('Fact 1 is about the case path itself');
    expect(page).toContain('every observed fact holds in 2 of the 4 draws in which they all apply');
    expect(page).toContain('<tr><td>2 Fact 2</td><td>0 of 2</td><td>0% [0%, 66%]</td><td>50%</td></tr>');
    // With every fact about the case path there is nothing else to count, and no section to show.
    const none = run();
    none.summary = summariseRobustness(
      factsFileSchema.parse({ ...file, facts: [counterfactual.facts[1]] }),
      none.parameters,
      none.draws,
      none.outcomes.map((outcome) => ({ ...outcome, facts: outcome.facts.slice(1) })),
    );
    expect(robustnessHtml(none, { version: 'test', command: 'govsim robustness a' })).not.toContain('Given what the case');
  });

  it('says what the Wilson interval of a share of draws covers, and what taking the draws as independent does', () => {
    const page = robustnessHtml(run(), { version: 'test', command: 'govsim robustness a' });
    expect(page).toContain(
      'Wilson 95% interval: the range in which its share over many more draws from the same ranges would likely lie.',
    );
    // Owen (1997) bounds a Latin hypercube's variance by n/(n − 1) times that of independent draws, not by it alone.
    expect(page).toContain('or at most n/(n − 1) times as much in variance, Owen 1997');
    expect(page).not.toContain('errs, if at all, on the wide side');
    // Draws read from a file are not a Latin hypercube, and may not be independent.
    const fromFile = robustnessHtml(run('draws.csv'), { version: 'test', command: 'govsim robustness a --draws draws.csv' });
    expect(fromFile).not.toContain('Latin hypercube spreads');
    expect(fromFile).toContain('may not be, and the interval is then a guide only');
    // The report's robustness section says the same.
    const section = supplementsMarkdown({ robustness: { source: 'x', samples: 4, replicates: 2, rows: [], contrasts: [] } });
    expect(section.join('\n')).toContain('or at most n/(n − 1) times as much in variance, Owen 1997');
    expect(section.join('\n')).not.toContain('errs, if at all, on the wide side');
  });

  it('says a contrast with no sign at the defaults has none to keep, rather than counting its draws as no difference', () => {
    const base = run();
    const withContrast = factsFileSchema.parse({
      ...file,
      contrast: { from: 'a', to: 'b', metrics: ['satisfaction.end', 'duplication.wasteShare'] },
    });
    const outcomes = base.outcomes.map((outcome, index) => ({ ...outcome, contrasts: [0.1 * (index + 1), 0.02] }));
    const atDefaults = { ...base.outcomes[0], contrasts: [0.2, 0] } as DrawOutcome;
    const page = robustnessHtml(
      {
        ...base,
        outcomes,
        atDefaults,
        summary: summariseRobustness(withContrast, base.parameters, base.draws, outcomes, atDefaults),
      },
      { version: 'test', command: 'govsim robustness a' },
    );
    expect(page).toContain('<tr><td><code>satisfaction.end</code></td><td>0.2</td><td>4 of 4</td>');
    expect(page).toContain(
      '<tr><td><code>duplication.wasteShare</code></td><td>0</td><td>no sign at the defaults</td><td>—</td><td>0</td><td>0</td></tr>',
    );
  });

  it('names the file the draws were read from, and no seed', () => {
    const page = robustnessHtml(run('mine.csv'), { version: 'test', command: 'govsim robustness a --draws mine.csv' });
    expect(page).toContain('4 draws read from mine.csv over 1 parameter (the others as the case’s scenarios set them)');
    expect(page).not.toContain('seed 3');
  });

  it('writes one row per pair of facts', () => {
    const [header, ...rows] = parseCsv(robustnessPairsCsv(run()));
    expect(header).toEqual([
      'first',
      'second',
      'draws',
      'bothHold',
      'firstOnly',
      'secondOnly',
      'neitherHolds',
      'expectedBothHold',
      'phi',
    ]);
    expect(rows).toEqual([['1', '2', '4', '0', '2', '2', '0', '1', '-1']]);
  });
});
