import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/metrics/index.js';
import {
  checkSchema,
  checkUnit,
  factSchema,
  factsFileSchema,
  factsJsonSchema,
  factsProblems,
  measureSchema,
  measureUnit,
  observedFacts,
  scenarioReferences,
  withFactNames,
} from '../../src/validation/index.js';
import { checkFactsFile } from '../../src/validation/validate.js';

const base = {
  id: 1,
  title: 't',
  statement: 's',
  paper: 'p',
  checks: [{ says: 'a > 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } }],
};

describe('the facts file schema', () => {
  it('refuses a headline contrast of a scenario with itself, and takes what the case is about', () => {
    const file = { case: 'a', facts: [base] };
    const itself = factsFileSchema.safeParse({ ...file, contrast: { from: 'a', to: 'a', metrics: ['satisfaction.end'] } });
    expect(itself.success).toBe(false);
    expect(itself.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['contrast.to', 'expected another scenario than from: a scenario contrasted with itself differs in nothing'],
    ]);
    const about = { title: 'T', paper: 'P', limits: 'L' };
    expect(factsFileSchema.parse({ ...file, about }).about).toEqual(about);
    expect(factsFileSchema.safeParse({ ...file, about: { title: 'T', source: 'S' } }).success).toBe(false);
  });
});

describe('the fact schema', () => {
  it('reports a replicate fact with many misspellings as such, not as a probability fact of the wrong kind', () => {
    const misspelt = { scenario: 'a', series: 'staffLoadd', aggregate: 'max' };
    const checks = Array.from({ length: 3 }, (_, index) => ({ says: `c${index}`, left: misspelt, is: '>', right: misspelt }));
    let message = '';
    try {
      checkFactsFile({ case: 'a', facts: [{ ...base, checks }] });
    } catch (error) {
      message = (error as Error).message;
    }
    // Each misspelt measure is named where it is; the fact is not said to be of the wrong kind.
    for (const at of ['checks[0].left', 'checks[1].right', 'checks[2].left']) expect(message).toContain(`facts[0].${at}`);
    expect(message).not.toContain('facts[0].kind');
  });

  it('takes a title of one line, which tables show as it is', () => {
    const refused = factSchema.safeParse({ ...base, title: 'Two\nlines' });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['title', 'expected one line of text without control characters (no line breaks, tabs or text-direction overrides)'],
    ]);
  });

  it('fills the defaults: threshold, minimum applicable share, and not applicable when a measure is undefined', () => {
    const fact = factSchema.parse(base);
    expect(fact).toMatchObject({ kind: 'replicates', threshold: 0.9, minimumApplicableShare: 0.5 });
    if (fact.kind !== 'replicates') throw new Error('expected a replicate fact');
    expect(fact.checks[0]?.ifUndefined).toBe('not applicable');
  });

  it('takes the mechanism and the alternative setting under which the fact should fail', () => {
    const fact = factSchema.parse({
      ...base,
      mechanism: 'docking',
      failsWhen: {
        says: 'docking costs nothing',
        parameters: {
          'parameters.docking.staffHoursPerThreadWeek': 0,
          'world.communities[].sites': 30,
          'switchRule.expertPresent': false,
        },
      },
    });
    expect(fact.mechanism).toBe('docking');
    expect(fact.failsWhen?.parameters['world.communities[].sites']).toBe(30);
  });

  it('rejects an alternative setting with a path that is not in the scenario schema', () => {
    const result = factSchema.safeParse({ ...base, failsWhen: { says: 'x', parameters: { 'parameters.docking.nothing': 1 } } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('unknown scenario path \\"parameters.docking.nothing\\"');
  });

  it('rejects two facts with one id, naming the second: facts are reported and tallied by id', () => {
    const result = factsFileSchema.safeParse({ case: 'a', facts: [base, { ...base, title: 'u' }, { ...base, id: 1 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['facts.1.id', 'expected an id no other fact has: 1 is also the id of facts[0]'],
      ['facts.2.id', 'expected an id no other fact has: 1 is also the id of facts[0]'],
    ]);
    expect(factsFileSchema.safeParse({ case: 'a', facts: [base, { ...base, id: 2 }] }).success).toBe(true);
  });

  it('rejects a probability claim that names an event its fact does not define', () => {
    const event = { says: 'e', left: { scenario: 'a', summary: 'governance.switchWeek' }, is: '>', right: { value: 0 } };
    const { checks: _checks, ...common } = base;
    const fact = { ...common, kind: 'probability', events: { seen: event, other: event } };
    const result = factSchema.safeParse({ ...fact, claims: [{ never: 'seen' }, { more: 'seen', than: 'unseen' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['claims.1.than', 'expected the name of one of this fact\'s events (seen, other), got "unseen"'],
    ]);
    expect(factSchema.safeParse({ ...fact, claims: [{ more: 'seen', than: 'other' }] }).success).toBe(true);
  });

  it('is exported as JSON Schema', () => {
    const text = JSON.stringify(factsJsonSchema());
    for (const word of ['failsWhen', 'mechanism', 'minimumApplicableShare', 'ifUndefined', 'implementationStart'])
      expect(text).toContain(word);
  });
});

describe('observedFacts', () => {
  it('takes the facts whose every measure reads the case scenario alone: what the case itself showed', () => {
    const check = (scenario: string, right: object = { value: 1 }) => ({
      says: 'x',
      left: { scenario, summary: 'load.staffMean' },
      is: '>',
      right,
    });
    const file = factsFileSchema.parse({
      case: 'case',
      facts: [
        { ...base, id: 1, checks: [check('case'), check('case', { scenario: 'case', summary: 'load.staffPeak' })] },
        { ...base, id: 2, checks: [check('case', { scenario: 'other', summary: 'load.staffMean' })] },
        { ...base, id: 3, checks: [check('other')] },
        {
          id: 4,
          title: 't',
          statement: 's',
          paper: 'p',
          kind: 'probability',
          events: { a: check('case'), b: check('case') },
          claims: [{ more: 'a', than: 'b' }],
        },
      ],
    });
    // 1 reads the case only; 2 compares it with another scenario; 3 reads another; 4 is an event of the case path.
    expect(observedFacts(file)).toEqual([1, 4]);
  });
});

describe('scenarioReferences', () => {
  it('gives every place the file names a scenario, with the path to the field, in file order', () => {
    const file = factsFileSchema.parse({
      case: 'a',
      contrast: { from: 'b', to: 'c', metrics: ['satisfaction.end'] },
      facts: [
        {
          ...base,
          checks: [
            {
              says: 'x',
              left: { scenario: 'd', summary: 'load.staffMean' },
              is: '>',
              right: { scenario: 'a', summary: 'load.staffMean' },
            },
          ],
        },
      ],
    });
    expect(scenarioReferences(file)).toEqual([
      { path: 'case', scenario: 'a' },
      { path: 'contrast.from', scenario: 'b' },
      { path: 'contrast.to', scenario: 'c' },
      { path: 'facts[0].checks[0].left.scenario', scenario: 'd' },
      { path: 'facts[0].checks[0].right.scenario', scenario: 'a' },
    ]);
  });
});

describe('withFactNames', () => {
  const problem = (path: string) => ({ path, message: 'expected string' });

  it('tells a problem under facts[i] the number and title the file gives that fact', () => {
    const input = { facts: [{ id: 7, title: 'Latency' }, { id: 9 }, { title: 'Untitled' }, 'not a fact'] };
    expect(
      withFactNames(
        [problem('facts[0].checks[2].is'), problem('facts[1].title'), problem('facts[2].id'), problem('facts[3]')],
        input,
      ).map((named) => named.message),
    ).toEqual([
      'in fact 7 ("Latency"): expected string',
      'in fact 9: expected string',
      'in the fact ("Untitled"): expected string',
      'expected string',
    ]);
  });

  it('leaves problems outside the facts, and files without a list of facts, as they are', () => {
    const problems = [problem('case'), problem('facts'), problem('headlineContrast.from'), problem('facts[0].id')];
    expect(withFactNames(problems, { facts: [{ id: 1, title: 't' }] }).slice(0, 3)).toEqual(problems.slice(0, 3));
    expect(withFactNames(problems, { facts: 'none' })).toEqual(problems);
    expect(withFactNames(problems, null)).toEqual(problems);
  });
});

describe('factsProblems', () => {
  // Only the summary's shape is read.
  const summary = { load: { staffPeak: 1, staffMean: 1 }, satisfaction: { end: 1 } } as unknown as RunSummary;

  it('names the path a renamed summary number has now', () => {
    const input = {
      case: 'a',
      contrast: { from: 'a', to: 'a', metrics: ['completion.projectsListed'] },
      facts: [{ ...base, checks: [{ ...base.checks[0], left: { scenario: 'a', summary: 'completion.projectsListed' } }] }],
    };
    const shape = { ...summary, completion: { projectsTakenOn: 1 } } as unknown as RunSummary;
    expect(factsProblems(input, () => 20, shape).map((problem) => problem.message)).toEqual([
      'expected a number of the run summary, such as load.staffPeak: "completion.projectsListed" is none (renamed completion.projectsTakenOn in 0.3.0)',
      'expected a number of the run summary: "completion.projectsListed" is none (renamed completion.projectsTakenOn in 0.3.0)',
    ]);
  });

  it('names the summary number a misspelt path most likely means', () => {
    const input = {
      case: 'a',
      contrast: { from: 'a', to: 'a', metrics: ['satisfaction.ned'] },
      facts: [{ ...base, checks: [{ ...base.checks[0], left: { scenario: 'a', summary: 'load.staffPaek' } }] }],
    };
    expect(factsProblems(input, () => 20, summary).map((problem) => problem.message)).toEqual([
      'expected a number of the run summary, such as load.staffPeak: "load.staffPaek" is none (did you mean "load.staffPeak"?)',
      'expected a number of the run summary: "satisfaction.ned" is none (did you mean "satisfaction.end"?)',
    ]);
  });

  it('checks what passes the schema in a file the schema refused, and leaves the rest to the schema', () => {
    const window = (from: unknown, to: unknown) => ({ scenario: 'a', series: 'staffLoad', from, to, aggregate: 'max' });
    const input = {
      case: 'a',
      contrast: { from: 'a', to: 'a', metrics: [3, 'satisfaction.ending', ''] },
      facts: [
        { ...base, id: 'one' },
        {
          ...base,
          id: 2,
          checks: [
            { says: 'x', left: { scenario: 'a', summary: 'load.staffPeek' }, is: '>', right: { scenario: 'a', summary: '' } },
            { says: 'y', left: window(30, 20), is: '>', right: window(1, 25) },
            { says: 'z', left: window(1, { milestone: 'end', offset: 1 }), is: 'nope', right: window(1, { milestone: 'never' }) },
          ],
        },
        null,
        { ...base, id: 4, checks: 'none' },
      ],
    };
    expect(factsFileSchema.safeParse(input).success).toBe(false);
    expect(factsProblems(input, () => 20, summary)).toEqual([
      {
        path: 'facts[1].checks[0].left.summary',
        message:
          'expected a number of the run summary, such as load.staffPeak: "load.staffPeek" is none (did you mean "load.staffPeak"?)',
      },
      { path: 'facts[1].checks[1].right.to', message: 'expected a week within the 20 weeks of "a", got 25' },
      {
        path: 'facts[1].checks[2].left.to.offset',
        message: 'expected an offset of at most 0 from the end (the last week), got 1',
      },
      {
        path: 'contrast.metrics[1]',
        message: 'expected a number of the run summary: "satisfaction.ending" is none (did you mean "satisfaction.end"?)',
      },
    ]);
    // Without a summary's shape, only the windows are checked.
    expect(factsProblems(input, () => 20, undefined).map((problem) => problem.path)).toEqual([
      'facts[1].checks[1].right.to',
      'facts[1].checks[2].left.to.offset',
    ]);
    for (const shapeless of [null, undefined, 'facts', { facts: 'none', contrast: null }]) {
      expect(factsProblems(shapeless, () => 20, summary)).toEqual([]);
    }
  });
});

describe('measureUnit and checkUnit', () => {
  const series = (column: string, aggregate: string) => ({ scenario: 'case', series: column, from: 1, to: 17, aggregate });
  const check = (left: object, right: object) => checkSchema.parse({ says: 's', left, is: '>', right });

  it('gives a measure the unit docs/metrics.md gives what it reads, and a share of weeks for weeks counted above 1', () => {
    expect(measureUnit({ scenario: 'a', summary: 'completion.projectsDone' })).toBe('projects');
    expect(measureUnit(measureSchema.parse(series('staffLoad', 'max')))).toBe('ratio (1 = at capacity)');
    expect(measureUnit(measureSchema.parse(series('staffLoad', 'shareAbove1')))).toBe('share of weeks');
    // A yes/no column: its mean is the share of weeks it was 1, its sum their number, its maximum still yes or no.
    expect(measureUnit(measureSchema.parse(series('jointMeeting', 'mean')))).toBe('share of weeks');
    expect(measureUnit(measureSchema.parse(series('jointMeeting', 'sum')))).toBe('weeks');
    expect(measureUnit(measureSchema.parse(series('jointMeeting', 'max')))).toBe('flag');
    expect(measureUnit({ value: 1 })).toBe('');
    // A path the tables do not list (an extension's) has no unit to give.
    expect(measureUnit({ scenario: 'a', summary: 'extensions.mine' })).toBe('');
  });

  it('gives a check its left side’s unit, or its right side’s when the left is a constant', () => {
    expect(checkUnit(check({ scenario: 'a', summary: 'fragmentation.crossDepartmentSettleWeeks' }, { value: 3 }))).toBe('weeks');
    expect(checkUnit(check({ value: 0.5 }, series('weeklyIdleShare', 'mean')))).toBe('share');
    expect(checkUnit(check({ value: 0.5 }, { value: 1 }))).toBe('');
  });
});
