import { describe, expect, it } from 'vitest';
import {
  maximumCommunities,
  maximumHouseholds,
  parameterRows,
  parseScenario,
  ScenarioError,
  scenarioJsonSchema,
} from '../../src/scenario/index.js';
import { undescribedFields } from '../helpers.js';

const small = { name: 's', mode: 'co-production', weeks: 10, world: { communities: [{ name: 'c', households: 20, sites: 4 }] } };

function problemsOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}

describe('scenario limits', () => {
  it('gives every numeric parameter a finite valid maximum', () => {
    const numeric = parameterRows().filter((row) => typeof row.defaultValue === 'number');
    expect(numeric.length).toBeGreaterThan(80);
    for (const row of numeric) expect(row.valid, row.path).toMatch(/^-?[\d.]+–[\d.]+$/);
  });

  it('refuses amounts past their physical bound, such as 1e308 hours or 1e9 households', () => {
    expect(problemsOf({ ...small, world: { departmentHoursPerWeek: 1e308 } })).toEqual([
      'world.departmentHoursPerWeek: expected at most 10000, got 1e+308',
    ]);
    expect(problemsOf({ ...small, world: { communities: [{ name: 'c', households: 1e9 }] } })[0]).toMatch(
      /^world\.communities\[0\]\.households: expected at most 100000/,
    );
    expect(problemsOf({ ...small, parameters: { deliberation: { randomlySelected: 1e9 } } })).toEqual([
      'parameters.deliberation.randomlySelected: expected at most 10000, got 1000000000',
    ]);
    expect(problemsOf({ ...small, world: { communities: [{ name: 'c', sites: 1e9 }] } })).toContain(
      'world.communities[0].sites: expected at most 5000, got 1000000000',
    );
  });

  it('refuses more communities or households than a whole city has', () => {
    const many = Array.from({ length: maximumCommunities + 1 }, (_, index) => ({ name: `c${index}`, households: 1 }));
    expect(problemsOf({ ...small, world: { communities: many } })).toEqual([
      'world.communities: expected at most 10000 items, got 10001',
    ]);
    const crowded = Array.from({ length: 101 }, (_, index) => ({ name: `c${index}`, households: 100_000, residents: 300_000 }));
    const [problem] = problemsOf({ ...small, world: { communities: crowded } });
    expect(problem).toContain(`expected at most ${maximumHouseholds.toLocaleString('en')} households over all communities`);
  });

  it('refuses fewer residents than households', () => {
    expect(problemsOf({ ...small, world: { communities: [{ name: 'c', households: 2253, residents: 0 }] } })).toEqual([
      'world.communities[0].residents: expected at least one resident per household (2253 households), got 0; Y has 3.0 per household',
    ]);
    // A community larger than Y that leaves its residents at the default is told the number was not its own.
    expect(problemsOf({ ...small, world: { communities: [{ name: 'c', households: 10_000 }] } })).toEqual([
      'world.communities[0].residents: expected at least one resident per household (10000 households), got 6759, the default (Y’s residents) where a community gives none: give its residents; Y has 3.0 per household',
    ]);
  });

  it('refuses a name that is not one line of at most 200 characters', () => {
    expect(problemsOf({ ...small, name: 'a\u0000b' })[0]).toMatch(/^name: expected one line of text/);
    expect(problemsOf({ ...small, name: 'x'.repeat(300) })).toEqual(['name: expected at most 200 characters, got 300']);
    expect(problemsOf({ ...small, world: { communities: [{ name: 'two\nlines' }] } })[0]).toMatch(
      /^world\.communities\[0\]\.name: expected one line/,
    );
    // A line separator or a text-direction override is no more one line of text than a line break.
    for (const name of ['a\u2028b', 'a\u2029b', 'a\u202Eb', 'a\u2066b'])
      expect(problemsOf({ ...small, name })[0], JSON.stringify(name)).toMatch(/^name: expected one line/);
    // The labels of events go into the reports' lists as they are: one line, as a name.
    expect(problemsOf({ ...small, timeline: [{ week: 2, mode: 'pause', event: 'a\n## heading' }] })[0]).toMatch(
      /^timeline\[0\]\.event: expected one line/,
    );
    expect(
      problemsOf({ ...small, mode: 'administrative-led', switchRule: { event: 'x'.repeat(201), expertPresent: false } }),
    ).toEqual(['switchRule.event: expected at most 200 characters, got 201']);
  });

  it('refuses timeline changes at week 1 or beyond the horizon, an expert beyond it, and a switch to the starting mode', () => {
    expect(problemsOf({ ...small, timeline: [{ week: 11, mode: 'administrative-led' }] })).toEqual([
      "timeline[0].week: expected a week within the scenario's 10 weeks: a change at week 11 would never happen",
    ]);
    // At week 1 an entry would take the place of mode, which would then never apply (the schema's description says so).
    expect(problemsOf({ ...small, mode: 'co-production', timeline: [{ week: 1, mode: 'pause' }] })).toEqual([
      'timeline[0].week: expected at least 2, got 1',
    ]);
    expect(problemsOf({ ...small, mode: 'administrative-led', switchRule: { expertFromWeek: 50 } })).toEqual([
      "switchRule.expertFromWeek: expected a week within the scenario's 10 weeks (for no expert at all, set expertPresent to false)",
    ]);
    expect(
      problemsOf({ ...small, mode: 'administrative-led', switchRule: { expertFromWeek: 50, expertPresent: false } }),
    ).toEqual([]);
    expect(
      problemsOf({
        ...small,
        weeks: 20,
        mode: 'co-production',
        switchRule: { to: { participation: true, integration: true, pressure: 'low' } },
      }),
    ).toEqual(['switchRule.to: expected a mode other than the starting mode: switching to the same mechanisms changes nothing']);
  });

  it('refuses parameters of an extension without its model, naming every command that takes --model', () => {
    expect(problemsOf({ ...small, extensions: { 'notice-boards': { weeklyReach: 0.02 } } })).toEqual([
      'extensions.notice-boards: parameters of an extension "notice-boards" that this model does not have: run with the model that defines it (in code, parseExtendedScenario with its extensions or the model option of runScenario and the other runners; on the command line, --model of run, compare, validate, reproduce and robustness, or an experiment\'s model)',
    ]);
  });
});

describe('the JSON Schema of scenario files', () => {
  it('describes every field, the groups of parameters and the forms of a mode too, for editors', () => {
    expect(undescribedFields(scenarioJsonSchema())).toEqual([]);
  });
});
