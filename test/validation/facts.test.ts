import { describe, expect, it } from 'vitest';
import { factSchema, factsFileSchema, factsJsonSchema, observedFacts, scenarioReferences } from '../../src/validation/index.js';

const base = {
  id: 1,
  title: 't',
  statement: 's',
  paper: 'p',
  checks: [{ says: 'a > 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } }],
};

describe('the fact schema', () => {
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
