import { describe, expect, it } from 'vitest';
import {
  cutText,
  formatPath,
  maximumEchoedLength,
  maximumListedProblems,
  parseExtendedScenario,
  parseScenario,
  ScenarioError,
  scenarioJsonSchema,
} from '../../src/scenario/index.js';

/** An extension with no parameters: enough for parseExtendedScenario to take its own path. */
const noticeBoardsForText = { name: 'notice-boards' };

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseScenario(input, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return [...(error as ScenarioError).problems];
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parseScenario', () => {
  it('says what reads a scenario given by its file or name, which is text', () => {
    for (const parse of [parseScenario, (input: unknown) => parseExtendedScenario(input, [noticeBoardsForText])])
      expect(() => parse('y-community-co-production')).toThrow(
        'scenario: invalid scenario\n  - (top level): expected a scenario (an object), got the string "y-community-co-production": a scenario file, or a shipped scenario by name, is read by loadScenarioFile (govsim/node)',
      );
  });

  it('fills every default and freezes the result', () => {
    const scenario = parseScenario({ name: 'y', mode: 'co-production' });
    expect(scenario.weeks).toBe(104);
    expect(scenario.world.communities).toEqual([
      { name: 'Y', households: 2253, residents: 6759, buildings: 40, sites: 60, communityStaff: 8 },
    ]);
    expect(scenario.parameters.docking.officeLoopWeeksPerRound).toBe(3);
    expect(scenario.parameters.jointMeetings.intervalWeeks).toBe(2);
    expect(
      scenario.parameters.deliberation.nominated +
        scenario.parameters.deliberation.selfRecommended +
        scenario.parameters.deliberation.randomlySelected,
    ).toBe(42);
    expect(Object.isFrozen(scenario)).toBe(true);
    expect(Object.isFrozen(scenario.parameters.docking)).toBe(true);
    // Its type says so too: an assignment is a compile error (npm run typecheck), not only a TypeError at run time.
    const assignments = [
      // @ts-expect-error a parsed scenario is read-only
      () => (scenario.name = 'x'),
      // @ts-expect-error all the way down
      () => (scenario.parameters.docking.confirmationChance = 0.9),
      // @ts-expect-error its lists too
      () => scenario.world.communities.push(scenario.world.communities[0] as never),
    ];
    for (const assign of assignments) expect(assign).toThrow(TypeError);
  });

  it('names the field and what was expected for a wrong type', () => {
    expect(problemsOf({ name: 'y', mode: 'co-production', world: { departments: 'eight' } })).toEqual([
      { path: 'world.departments', message: 'expected a number, got the string "eight"' },
    ]);
  });

  it('says a required field the file leaves out is missing, not "received undefined"', () => {
    expect(problemsOf({ mode: 'co-production' })).toEqual([
      { path: 'name', message: 'expected text; missing (a required field)' },
    ]);
    expect(problemsOf({ name: 'y' })).toEqual([
      {
        path: 'mode',
        message:
          'expected a preset name (administrative-led, co-production, pause, participation-only, integration-only) or {participation, integration, pressure, renewal?}; missing (a required field)',
      },
    ]);
    expect(problemsOf({ name: 'y', mode: { participation: true } })).toEqual([
      { path: 'mode.integration', message: 'expected true or false; missing (a required field)' },
      { path: 'mode.pressure', message: 'expected one of "high", "low"; missing (a required field)' },
    ]);
    // A value given but of another kind is still told by what it is.
    expect(problemsOf({ name: 'y', mode: { participation: true, integration: 1, pressure: 'hgh' } })).toEqual([
      { path: 'mode.integration', message: 'expected true or false, got 1' },
      {
        path: 'mode.pressure',
        message: '"hgh" is not one of the names expected here; did you mean "high"? expected one of "high", "low"',
      },
    ]);
  });

  it('names the field and the bound for a value out of range', () => {
    expect(problemsOf({ name: 'y', mode: 'co-production', parameters: { docking: { confirmationChance: 1.5 } } })).toEqual([
      { path: 'parameters.docking.confirmationChance', message: 'expected at most 1, got 1.5' },
    ]);
    expect(problemsOf({ name: 'y', mode: 'co-production', world: { communities: [{ name: 'Y', sites: 0 }] } })).toEqual([
      { path: 'world.communities[0].sites', message: 'expected at least 1, got 0' },
    ]);
  });

  it('rejects unknown keys at any depth', () => {
    expect(problemsOf({ name: 'y', mode: 'co-production', parameters: { docking: { onSiteResolveChanse: 0.9 } } })).toEqual([
      { path: 'parameters.docking.onSiteResolveChanse', message: 'unknown key (check its spelling against the schema)' },
    ]);
    // A key a letter or two from a known one is told that one, at any depth, in a list too.
    expect(
      problemsOf({
        name: 'y',
        mode: 'co-production',
        parameters: { staff: { routineLod: 0.7 } },
        world: { communities: [{ name: 'Y', site: 3 }] },
        switchRulee: {},
      }).sort((a, b) => a.path.localeCompare(b.path)),
    ).toEqual([
      { path: 'parameters.staff.routineLod', message: 'unknown key (did you mean "routineLoad"?)' },
      { path: 'switchRulee', message: 'unknown key (did you mean "switchRule"?)' },
      { path: 'world.communities[0].site', message: 'unknown key (did you mean "sites"?)' },
    ]);
    // A short key is not told a short key two letters away: "note" is no misspelt "name".
    expect(problemsOf({ name: 'y', mode: 'co-production', note: 'x' })).toEqual([
      { path: 'note', message: 'unknown key (check its spelling against the schema)' },
    ]);
  });

  it('explains what a mode may be', () => {
    const [problem] = problemsOf({ name: 'y', mode: 'co-prod' });
    expect(problem?.path).toBe('mode');
    expect(problem?.message).toContain('administrative-led');
    const forms =
      'expected a preset name (administrative-led, co-production, pause, participation-only, integration-only) or {participation, integration, pressure, renewal?}';
    expect(problem?.message).toBe(`"co-prod" is not a preset name: ${forms}`);
    // Wherever a mode is given: a value that is no object is told both forms, and a name is echoed.
    expect(problemsOf({ name: 'y', mode: 'co-production', timeline: [{ week: 3, mode: 'nope' }] })).toEqual([
      { path: 'timeline[0].mode', message: `"nope" is not a preset name: ${forms}` },
    ]);
    // A name near a preset's is told the preset; a value that is no name, the forms alone.
    expect(problemsOf({ name: 'y', mode: 'co-prodution' })[0]?.message).toBe(
      `"co-prodution" is not a preset name; did you mean "co-production"? ${forms}`,
    );
    expect(problemsOf({ name: 'y', mode: 5 })[0]?.message).toBe(forms);
  });

  it("holds a mode given as an object to the mechanisms' settings, field by field", () => {
    expect(problemsOf({ name: 'y', mode: { participation: 'yes', integration: true, pressure: 'medium' } })).toEqual([
      { path: 'mode.participation', message: 'expected true or false, got the string "yes"' },
      { path: 'mode.pressure', message: 'expected one of "high", "low"' },
    ]);
    expect(
      problemsOf({
        name: 'y',
        mode: 'administrative-led',
        switchRule: { to: { participation: true, integration: 1, pressure: 'low' } },
      }),
    ).toEqual([{ path: 'switchRule.to.integration', message: 'expected true or false, got 1' }]);
  });

  it('says a whole number, and the unit of a length', () => {
    expect(problemsOf({ name: 'y', mode: 'co-production', weeks: 1.5 })).toEqual([
      { path: 'weeks', message: 'expected a whole number, got a number with a fractional part' },
    ]);
    // The seed, a whole number or text, says the same (it said "expected int or string, received number").
    expect(problemsOf({ name: 'y', mode: 'co-production', seed: 1.5 })).toEqual([
      { path: 'seed', message: 'expected a whole number, got a number with a fractional part' },
    ]);
    expect(problemsOf({ name: 'y'.repeat(300), mode: 'co-production' })).toEqual([
      { path: 'name', message: 'expected at most 200 characters, got 300' },
    ]);
    expect(problemsOf({ name: 'y', mode: 'co-production', world: { communities: [] } })).toEqual([
      { path: 'world.communities', message: 'expected at least 1 item, got 0' },
    ]);
  });

  it('reports every problem at once, and the source in the message', () => {
    try {
      parseScenario({ mode: 'x', weeks: -1 }, 'scenarios/broken.json');
      expect.unreachable();
    } catch (error) {
      const scenarioError = error as ScenarioError;
      expect(scenarioError.problems.map((problem) => problem.path).sort()).toEqual(['mode', 'name', 'weeks']);
      expect(scenarioError.message.startsWith('scenarios/broken.json: invalid scenario')).toBe(true);
    }
  });

  it('refuses a source that is not text as the argument it is, not with a TypeError while reporting the input', () => {
    for (const source of [null, {}, 5])
      expect(() => parseScenario({ mode: 'x' }, source as never)).toThrow(
        `source: invalid argument\n  - (top level): expected text naming the input, got`,
      );
    expect(() => parseScenario({ mode: 'x' }, null as never)).toThrow(ScenarioError);
  });

  it('refuses a community named as another of the street, naming both', () => {
    const communities = [{ name: 'A' }, { name: 'B' }, { name: 'A' }, { name: 'A' }];
    expect(() => parseScenario({ name: 's', mode: 'co-production', world: { communities } }, 's.json')).toThrow(
      's.json: invalid scenario\n  - world.communities[2].name: "A" is also the name of world.communities[0]: give each community of a street a name of its own\n  - world.communities[3].name: "A" is also the name of world.communities[0]: give each community of a street a name of its own',
    );
  });

  it('accepts an explicit mechanism setting as a mode', () => {
    const scenario = parseScenario({ name: 'y', mode: { participation: true, integration: false, pressure: 'high' } });
    expect(scenario.mode).toEqual({ participation: true, integration: false, pressure: 'high', renewal: 'active' });
  });
});

describe('a key named __proto__ in an input (as JSON.parse makes one)', () => {
  const dropped = 'a key named "__proto__" would be dropped without a word: no field has that name';

  it('is refused wherever it is, rather than dropped: scenarios, experiments, facts files and cities', async () => {
    expect(problemsOf(JSON.parse('{"name": "a", "mode": "co-production", "extensions": {"__proto__": {"x": 1}}}'))).toEqual([
      { path: 'extensions.__proto__', message: dropped },
    ]);
    const { parseExperiment } = await import('../../src/experiments/index.js');
    const experiment = JSON.parse(
      '{"name": "e", "base": {"name": "b", "mode": "co-production"}, "design": {"type": "factorial", "factors": [{"path": "weeks", "values": [4]}]}, "variants": [{"label": "a", "set": {}}, {"label": "b", "set": {"__proto__": {"x": 1}}}], "metrics": ["trust.end"]}',
    );
    expect(() => parseExperiment(experiment, 'e.json')).toThrow(`- variants[1].set.__proto__: ${dropped}`);
    const { checkFactsFile } = await import('../../src/validation/validate.js');
    const facts = JSON.parse(
      '{"case": "a", "facts": [{"id": 1, "title": "t", "statement": "s", "paper": "p", "checks": [{"says": "x", "left": {"scenario": "a", "summary": "trust.end"}, "is": ">", "right": {"value": 0}}], "failsWhen": {"says": "w", "parameters": {"parameters.staff.routineLoad": 0.7, "__proto__": {"y": 1}}}}]}',
    );
    expect(() => checkFactsFile(facts)).toThrow(`- facts[0].failsWhen.parameters.__proto__: in fact 1 ("t"): ${dropped}`);
    // Nothing leaked into every object.
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('ScenarioError messages', () => {
  it(`list at most ${maximumListedProblems} problems and count the rest`, () => {
    const timeline = new Array(200_000).fill(0);
    const problems = problemsOf({ name: 'x', mode: 'co-production', timeline });
    expect(problems).toHaveLength(200_000);
    const error = new ScenarioError('bad.json', problems);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + maximumListedProblems + 1);
    expect(lines[1]).toBe('  - timeline[0]: expected an object, got 0');
    expect(lines.at(-1)).toBe('  … and 199980 more problems');
    expect(error.message.length).toBeLessThan(2000);
    expect(new ScenarioError('x', problems.slice(0, 21)).message.split('\n').at(-1)).toBe('  … and 1 more problem');
    expect(new ScenarioError('x', problems.slice(0, 20)).message).not.toContain('more');
  });

  it(`cut echoed keys, path segments and quoted values to ${maximumEchoedLength} characters`, () => {
    const huge = 'k'.repeat(10 * 1024 * 1024);
    const unknown = problemsOf({ name: 'x', mode: 'co-production', [huge]: 1, parameters: { docking: { [huge]: 1 } } });
    const cut = `${'k'.repeat(maximumEchoedLength - 1)}…`;
    expect(unknown.map((problem) => problem.path).sort()).toEqual([cut, `parameters.docking.${cut}`]);
    const error = new ScenarioError('bad.json', [
      { path: `a.${huge}`, message: `Unrecognized key: "${huge}"` },
      { path: '', message: `unknown variant "${huge}" (expected one of ${huge})` },
    ]);
    expect(error.message.length).toBeLessThan(1500);
    expect(error.message).toContain(`Unrecognized key: "${cut}"`);
    expect(error.message).toContain(`unknown variant "${cut}" (expected one of kkk`);
    expect(formatPath(['world', huge, 3])).toBe(`world.${cut}[3]`);
    expect(cutText('abcdef', 4)).toBe('abc…');
    expect(cutText('abcd', 4)).toBe('abcd');
    expect(cutText('ab😀cd', 4)).toBe('ab…');
  });
});

describe('scenarioJsonSchema', () => {
  it('documents each parameter with its default, basis and plausible range', () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, { properties: Record<string, { properties: Record<string, unknown> }> }>;
    };
    const docking = schema.properties.parameters?.properties.docking?.properties ?? {};
    expect(docking.confirmationChance).toMatchObject({ default: 0.6, basis: 'A', range: [0.4, 0.8], minimum: 0, maximum: 1 });
    expect((schema as unknown as { additionalProperties: boolean }).additionalProperties).toBe(false);
  });
});
