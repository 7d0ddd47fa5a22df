import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCaseFolder, loadModelModule } from '../../src/node/index.js';
import { describeIssues, ScenarioError } from '../../src/scenario/index.js';
import { evaluateFacts, factsFileSchema, withFactNames } from '../../src/validation/index.js';

const check = (scenario: string) => ({
  says: 'x',
  left: { scenario, summary: 'load.staffMean' },
  is: '>',
  right: { value: 0 },
});

/** A fresh folder holding a 4-week co-production scenario as case.json, for a facts file to be written beside. */
async function caseFolder(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-case-'));
  await writeFile(join(directory, 'case.json'), JSON.stringify({ name: 'case', mode: 'co-production', weeks: 4 }));
  return directory;
}

describe('loadCaseFolder', () => {
  it('runs every scenario of the case on a base seed given in place of its own, in its parsed and written forms', async () => {
    const own = await loadCaseFolder('test/fixtures/tiny-case');
    const seeded = await loadCaseFolder('test/fixtures/tiny-case', { baseSeed: 7 });
    expect([...seeded.scenarios.keys()]).toEqual([...own.scenarios.keys()]);
    for (const [key, scenario] of seeded.scenarios) {
      expect(scenario.seed).toBe(7);
      expect((seeded.inputs.get(key) as { seed: number }).seed).toBe(7);
      // Nothing but the seed differs.
      expect({ ...scenario, seed: 0 }).toEqual({ ...(own.scenarios.get(key) as object), seed: 0 });
    }
  });

  it('says a case that is no folder and no known case is not found, and a folder without facts.json lacks it', async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'govsim-case-')), 'no-such-case');
    await expect(loadCaseFolder(missing)).rejects.toThrow(
      `${missing}: invalid case folder\n  - (top level): not found: no such folder, nor a known case of that name (known cases: z-street)`,
    );
    const empty = await mkdtemp(join(tmpdir(), 'govsim-case-'));
    await expect(loadCaseFolder(empty)).rejects.toThrow(
      `${join(empty, 'facts.json')}: invalid case folder\n  - (top level): file not found (a case folder holds facts.json beside its scenarios; known cases: z-street)`,
    );
  });

  it('names each field that refers to a scenario the folder lacks, with the file it looked for', async () => {
    const directory = await caseFolder();
    const facts = {
      case: 'case',
      facts: [
        { id: 1, title: 't', statement: 's', paper: 'p', checks: [check('case'), check('missing')] },
        { id: 2, title: 't', statement: 's', paper: 'p', checks: [check('absent')] },
      ],
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = await loadCaseFolder(directory).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).source).toBe(join(directory, 'facts.json'));
    expect((error as ScenarioError).problems).toEqual([
      {
        path: 'facts[0].checks[1].left.scenario',
        message: `in fact 1 ("t"): expected a scenario of the case folder: "missing" has no file ${join(directory, 'missing.json')}`,
      },
      {
        path: 'facts[1].checks[0].left.scenario',
        message: `in fact 2 ("t"): expected a scenario of the case folder: "absent" has no file ${join(directory, 'absent.json')}`,
      },
    ]);

    facts.facts = facts.facts.slice(0, 1).map((fact) => ({ ...fact, checks: [check('case')] }));
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    expect((await loadCaseFolder(directory)).scenarios.has('case')).toBe(true);
  });

  it('reports the scenarios a refused facts file lacks together with its other problems', async () => {
    const directory = await caseFolder();
    const facts = {
      case: 'case',
      facts: [{ id: 'one', title: 't', statement: 's', paper: 'p', checks: [check('case'), check('missing')] }],
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.problems.map((problem) => problem.path)).toEqual(['facts[0].id', 'facts[0].checks[1].left.scenario']);
  });

  it("reports a refused file's summary paths and windows with its schema problems, each once", async () => {
    const directory = await caseFolder();
    const fact = (id: number, checks: unknown[]) => ({ id, title: 't', statement: 's', paper: 'p', checks });
    const window = (from: unknown, to: unknown) => ({ scenario: 'case', series: 'staffLoad', from, to, aggregate: 'max' });
    const facts = {
      case: 'case',
      facts: [
        // A: the schema refuses it (a window that ends before it starts); its measure is not checked again.
        fact(1, [{ says: 'a', left: window(3, 2), is: '>', right: { value: 0 } }]),
        // B: passes the schema, but names no summary number.
        fact(2, [{ says: 'b', left: { scenario: 'case', summary: 'completion.nonsense' }, is: '>', right: { value: 0 } }]),
        // C: passes the schema, but its window runs past the end.
        fact(3, [check('case'), { says: 'c', left: window(1, { milestone: 'end', offset: 2 }), is: '>', right: { value: 0 } }]),
      ],
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.source).toBe(join(directory, 'facts.json'));
    expect(error.problems).toEqual([
      { path: 'facts[0].checks[0].left.to', message: 'in fact 1 ("t"): expected to ≥ from' },
      {
        path: 'facts[1].checks[0].left.summary',
        message: 'in fact 2 ("t"): expected a number of the run summary, such as load.staffPeak: "completion.nonsense" is none',
      },
      {
        path: 'facts[2].checks[1].left.to.offset',
        message: 'in fact 3 ("t"): expected an offset of at most 0 from the end (the last week), got 2',
      },
    ]);
  });

  it('reports a scenario file that does not load beside a refused facts file', async () => {
    const directory = await caseFolder();
    await writeFile(join(directory, 'other.json'), JSON.stringify({ name: 'other', mode: 'no-such-mode' }));
    const facts = { case: 'case', facts: [{ id: 1, title: '', statement: 's', paper: 'p', checks: [check('case')] }] };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.problems[0]?.path).toBe('facts[0].title');
    expect(error.problems.slice(1).map((problem) => problem.message)).toEqual([
      expect.stringMatching(new RegExp(`^the scenario file ${join(directory, 'other.json')} is invalid too at mode: `)),
    ]);
  });

  it('reports a file with schema problems alone as the schema describes them', async () => {
    const directory = await caseFolder();
    const facts = {
      case: 'case',
      facts: [
        { id: 1, title: '', statement: 's', paper: 'p', checks: [check('case')] },
        { id: 2, title: 't', statement: 's', paper: 'p', checks: [{ ...check('case'), is: '>>' }] },
      ],
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    const refused = factsFileSchema.safeParse(facts, { reportInput: true });
    expect(refused.success).toBe(false);
    // Each problem as the schema describes it, told which fact it is in.
    expect(error.problems).toEqual(withFactNames(describeIssues(refused.error?.issues ?? []), facts));
    expect(error.problems[0]?.message).toMatch(/^in fact 1: /);
    expect(error.problems.map((problem) => problem.path)).toEqual(['facts[0].title', 'facts[1].checks[0].is']);
  });

  it('tells a misspelt key of a fact the key meant, inside the union of fact kinds too', async () => {
    const directory = await caseFolder();
    const { says, ...rest } = check('case');
    await writeFile(
      join(directory, 'facts.json'),
      JSON.stringify({
        case: 'case',
        facts: [{ id: 1, title: 't', statement: 's', paper: 'p', mechansim: 'm', checks: [{ ...rest, sais: says }] }],
      }),
    );
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual(
      expect.arrayContaining([
        'facts[0].mechansim: in fact 1 ("t"): unknown key (did you mean "mechanism"?)',
        'facts[0].checks[0].sais: in fact 1 ("t"): unknown key (did you mean "says"?)',
      ]),
    );
  });

  it('says a required field the facts file leaves out is missing, naming it', async () => {
    const directory = await caseFolder();
    const { says: _says, ...unsaid } = check('case');
    await writeFile(
      join(directory, 'facts.json'),
      JSON.stringify({ facts: [{ id: 1, title: 't', statement: 's', paper: 'p', checks: [unsaid] }] }),
    );
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.problems).toEqual([
      { path: 'case', message: 'expected text; missing (a required field)' },
      { path: 'facts[0].checks[0].says', message: 'in fact 1 ("t"): expected text; missing (a required field)' },
    ]);
  });

  it('names the series or milestone meant where a check misspells one, first, before the list the message cuts', async () => {
    const directory = await caseFolder();
    const window = (milestone: string) => ({
      scenario: 'case',
      series: 'staffLoad',
      from: 1,
      to: { milestone },
      aggregate: 'mean',
    });
    const facts = {
      case: 'case',
      facts: [
        {
          id: 1,
          title: 't',
          statement: 's',
          paper: 'p',
          checks: [
            { says: 'x', left: { ...window('end'), series: 'trsut' }, is: '>', right: { value: 0 } },
            { says: 'y', left: window('modeChnage'), is: '>', right: { value: 0 } },
            { says: 'z', left: { ...window('end'), series: 'nothingLikeAnySeries' }, is: '>', right: { value: 0 } },
          ],
        },
      ],
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    const [series, milestone, unlike] = error.problems;
    expect(series?.path).toBe('facts[0].checks[0].left.series');
    expect(series?.message).toMatch(
      /^in fact 1 \("t"\): "trsut" is not one of the names expected here; did you mean "trust"\? expected one of "week", /,
    );
    expect(error.message).toContain('did you mean "trust"?');
    expect(milestone?.path).toBe('facts[0].checks[1].left.to');
    expect(milestone?.message).toContain(
      '(milestone: "modeChnage" is not one of the names expected here; did you mean "modeChange"?',
    );
    // Nothing close: the list alone, as before.
    expect(unlike?.message).toMatch(/^in fact 1 \("t"\): expected one of "week", /);
  });

  it("checks a fact on an extension's weekly measure under the model that has it, and names one it lacks", async () => {
    const directory = await caseFolder();
    const told = (series: string) => ({
      says: 'some households heard from their group',
      left: { scenario: 'case', series, from: 1, to: { milestone: 'end' }, aggregate: 'max' },
      is: '>=',
      right: { value: 0 },
    });
    const factsWith = (series: string) => ({
      case: 'case',
      facts: [{ id: 1, title: 'Told', statement: 's', paper: 'p', checks: [told(series)] }],
    });
    const model = await loadModelModule('examples/wechat-rumour/model.ts');
    await writeFile(join(directory, 'facts.json'), JSON.stringify(factsWith('extensions.wechat-rumour.toldByGroupShare')));
    const folder = await loadCaseFolder(directory, { model });
    const { results } = evaluateFacts(folder.facts, folder.scenarios, 2, undefined, undefined, model);
    expect(results[0]?.status).toBe('holds');
    const [check] = results[0]?.kind === 'replicates' ? results[0].checks : [];
    expect(check?.applicable).toBe(2);
    // Without the model the measure is not there; misspelt, the one meant is named.
    const without = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(without.problems[0]?.message).toContain(
      "expected a weekly measure of the model's extensions: the case runs under a model with none (give the model that defines it: --model, or the model argument in code)",
    );
    await writeFile(join(directory, 'facts.json'), JSON.stringify(factsWith('extensions.wechat-rumour.toldByGroupShar')));
    const misspelt = (await loadCaseFolder(directory, { model }).catch((caught: unknown) => caught)) as ScenarioError;
    expect(misspelt.problems[0]?.path).toBe('facts[0].checks[0].left.series');
    expect(misspelt.problems[0]?.message).toContain('(did you mean "extensions.wechat-rumour.toldByGroupShare"?)');
    // Evaluated in code, without a case folder, the same is refused before anything runs.
    const facts = folder.facts;
    expect(() => evaluateFacts(facts, folder.scenarios, 2)).toThrow(
      'facts file: invalid facts file\n  - facts[0].checks[0].left.series: expected a weekly measure',
    );
    // A name of neither form is told its form.
    await writeFile(join(directory, 'facts.json'), JSON.stringify(factsWith('extensions.toldByGroupShare')));
    const malformed = (await loadCaseFolder(directory, { model }).catch((caught: unknown) => caught)) as ScenarioError;
    expect(malformed.problems[0]?.message).toContain('expected extensions.<extension>.<weekly measure>');
  });

  it('refuses a fact whose alternative setting makes no valid scenario of the case, naming the field', async () => {
    const directory = await caseFolder();
    const fact = {
      id: 1,
      title: 't',
      statement: 's',
      paper: 'p',
      checks: [check('case')],
      failsWhen: { says: 'routine work fills five times the hours', parameters: { 'parameters.staff.routineLoad': 5 } },
    };
    await writeFile(join(directory, 'facts.json'), JSON.stringify({ case: 'case', facts: [fact] }));
    const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.problems).toEqual([
      {
        path: 'facts[0].failsWhen.parameters',
        message: 'in fact 1 ("t"): parameters.staff.routineLoad: expected at most 1, got 5 (in the case\'s scenarios)',
      },
    ]);
    fact.failsWhen.parameters['parameters.staff.routineLoad'] = 0.6;
    await writeFile(join(directory, 'facts.json'), JSON.stringify({ case: 'case', facts: [fact] }));
    expect((await loadCaseFolder(directory)).facts.facts).toHaveLength(1);
  });

  it('refuses an alternative setting that changes no scenario of the case, or sets nothing, naming the setting', async () => {
    const directory = await caseFolder();
    const fact = (parameters: Record<string, unknown>) => ({
      id: 1,
      title: 't',
      statement: 's',
      paper: 'p',
      checks: [check('case')],
      failsWhen: { says: 'an alternative', parameters },
    });
    const refusal = async (parameters: Record<string, unknown>) => {
      await writeFile(join(directory, 'facts.json'), JSON.stringify({ case: 'case', facts: [fact(parameters)] }));
      const error = (await loadCaseFolder(directory).catch((caught: unknown) => caught)) as ScenarioError;
      expect(error).toBeInstanceOf(ScenarioError);
      return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    };
    const none = 'in fact 1 \\("t"\\): changes no scenario of the case';
    // A community the case does not have, a switch rule it lacks, a value it already has: the fact would "still hold".
    expect(
      await refusal({
        'world.communities[5].sites': 3,
        'switchRule.expertFromWeek': 5,
        'parameters.staff.routineLoad': 0.8,
        'parameters.staff.fatigueMemory': 0.9,
      }),
    ).toEqual([
      expect.stringMatching(new RegExp(`^facts\\[0\\]\\.failsWhen\\.parameters\\.world\\.communities\\[5\\]\\.sites: ${none}`)),
      expect.stringMatching(new RegExp(`^facts\\[0\\]\\.failsWhen\\.parameters\\.switchRule\\.expertFromWeek: ${none}`)),
      expect.stringMatching(new RegExp(`^facts\\[0\\]\\.failsWhen\\.parameters\\.parameters\\.staff\\.routineLoad: ${none}`)),
    ]);
    expect(await refusal({})).toEqual([
      'facts[0].failsWhen.parameters: in fact 1 ("t"): expected at least one setting: an alternative that sets nothing is the case itself',
    ]);
    // Settings valid only together (fewer weeks, and the timeline's change within them) are accepted.
    await writeFile(
      join(directory, 'case.json'),
      JSON.stringify({ name: 'case', mode: 'co-production', weeks: 4, timeline: [{ week: 3, mode: 'pause' }] }),
    );
    await writeFile(
      join(directory, 'facts.json'),
      JSON.stringify({ case: 'case', facts: [fact({ weeks: 2, 'timeline[0].week': 2 })] }),
    );
    expect((await loadCaseFolder(directory)).facts.facts).toHaveLength(1);
  });

  it('says so when it is given a file rather than a folder', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-case-'));
    const file = join(directory, 'case.json');
    await writeFile(file, JSON.stringify({ name: 'case', mode: 'co-production' }));
    const error = (await loadCaseFolder(file).catch((caught: unknown) => caught)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toBe(
      `${file}: invalid case folder\n  - (top level): is a file, expected a case folder (facts.json beside its scenarios) or a known case: z-street`,
    );
  });

  it("notes each scenario whose world is not the case scenario's, naming both files, and nothing for the shipped case", async () => {
    const directory = await caseFolder();
    await writeFile(join(directory, 'same.json'), JSON.stringify({ name: 'same', mode: 'administrative-led', weeks: 4 }));
    const other = { name: 'other', mode: 'administrative-led', weeks: 4, world: { departments: 4 } };
    await writeFile(join(directory, 'other.json'), JSON.stringify(other));
    await writeFile(
      join(directory, 'facts.json'),
      JSON.stringify({ case: 'case', facts: [{ id: 1, title: 't', statement: 's', paper: 'p', checks: [check('other')] }] }),
    );
    const folder = await loadCaseFolder(directory);
    expect(folder.notes).toEqual([
      `${join(directory, 'other.json')}: its world differs from that of the case scenario ${join(directory, 'case.json')}; paired replicates share seeds, but on another world they draw other households, needs and projects, so its comparisons with the case measure more than the mode`,
    ]);
    expect((await loadCaseFolder('z-street')).notes).toEqual([]);
  });
});
