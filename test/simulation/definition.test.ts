import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { weeklyPhaseNames } from '../../src/model/index.js';
import { parseExtendedScenario, parseScenario, probabilityParameter, ScenarioError } from '../../src/scenario/index.js';
import {
  createModel,
  defineExtension,
  defineModel,
  ExtensionError,
  restoreModel,
  runScenario,
  weeksToCsv,
} from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

/** An extension that records the order its phases run in, draws from its own stream, and measures. */
function recorder(order: string[]) {
  return defineExtension({
    name: 'recorder',
    description: 'Records phase order; draws from its own stream.',
    parameters: z.object({ drawChance: probabilityParameter(0.5, { description: 'd', basis: 'A', range: [0, 1] }) }).strict(),
    createState: () => ({ draws: 0, hits: 0 }),
    phases: [
      { name: 'first', before: 'stage-target audits', run: () => order.push('first') },
      {
        name: 'after works',
        after: 'works',
        run: ({ own, parameters, random }) => {
          order.push('after works');
          own.draws++;
          if (random.stream('coin').chance(parameters.drawChance)) own.hits++;
        },
      },
    ],
    weeklyMeasures: { hits: { description: 'h', value: ({ own }) => own.hits } },
    runMeasures: { hitShare: { description: 'hs', value: ({ own, records }) => own.hits / records.length } },
    agentMeasures: {
      trustNow: { description: 't', agent: 'household', value: ({ state }, h) => state.households.trust[h] as number },
    },
  });
}

describe('model definitions', () => {
  it('refuse a phase placed by an unknown phase, or by two places, and duplicate names', () => {
    const phase = { name: 'p', run: () => {} };
    const attempt = (extensions: unknown[]) => () => defineModel({ name: 'm', extensions: extensions as never });
    expect(attempt([{ name: 'a', description: '', phases: [{ ...phase, after: 'nowhere' }] }])).toThrow(
      `extensions[0].phases[0].after: expected a built-in phase (${weeklyPhaseNames.join(', ')}), got "nowhere"`,
    );
    expect(attempt([{ name: 'a', description: '', phases: [{ ...phase, after: 'works', before: 'works' }] }])).toThrow(
      'expected exactly one of before, after or replaces',
    );
    expect(
      attempt([
        { name: 'a', description: '' },
        { name: 'a', description: '' },
      ]),
    ).toThrow('"a" is used twice');
    expect(attempt([{ name: 'Bad Name', description: '' }])).toThrow('expected lower-case letters');
    // A name left out is refused as such (it is no "undefined").
    expect(attempt([{ description: 'd' }])).toThrow(
      'extensions[0].name: expected lower-case letters, digits and dashes, starting with a letter, got undefined',
    );
    expect(attempt([{}])).toThrow('extensions[0].name');
    // A zod 3 schema has the methods but not zod 4's internals: refused when the model is defined, not at parsing.
    const zod3Like = { safeParse: () => ({ success: true, data: {} }), _def: { typeName: 'ZodObject' } };
    expect(attempt([{ name: 'a', description: '', parameters: zod3Like }])).toThrow(
      'extensions[0].parameters: expected a zod 4 schema (install zod beside govsim at the range it depends on: npm install zod@^4.6.7)',
    );
    // The range named is the one govsim depends on.
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(dependencies.zod).toBe('^4.6.7');
    expect(attempt([{ name: 'a', description: '', parameters: z.object({}) }])).not.toThrow();
  });

  it('refuse what would otherwise fail only as the model runs: no extension, a phase name twice, measures that cannot measure', () => {
    const attempt = (extensions: unknown[]) => () => defineModel({ name: 'm', extensions: extensions as never });
    expect(attempt([null])).toThrow('extensions[0]: expected an extension');
    const phase = { after: 'works', run: () => {} };
    expect(
      attempt([
        {
          name: 'a',
          description: '',
          phases: [
            { ...phase, name: 'p' },
            { ...phase, name: 'p' },
          ],
        },
      ]),
    ).toThrow('extensions[0].phases[1].name: expected a name of its own in the extension: "p" is used twice');
    expect(attempt([{ name: 'a', description: '', phases: [null] }])).toThrow('extensions[0].phases[0]: expected a phase');
    expect(attempt([{ name: 'a', description: '', weeklyMeasures: { x: { description: '', value: 3 } } }])).toThrow(
      'extensions[0].weeklyMeasures.x.value: expected a function',
    );
    expect(
      attempt([{ name: 'a', description: '', agentMeasures: { x: { description: '', agent: 'project', value: () => 0 } } }]),
    ).toThrow('extensions[0].agentMeasures.x.agent: expected one of "household", "department", "communityStaff", got "project"');
    expect(attempt([{ name: 'a', description: '', phases: { p: phase } }])).toThrow(
      'extensions[0].phases: expected a list of phases',
    );
    expect(attempt([{ name: 'a', description: '', runMeasures: [] }])).toThrow(
      'extensions[0].runMeasures: expected an object: measure name → measure',
    );
    expect(attempt([{ name: 'a', description: '', createState: {} }])).toThrow('extensions[0].createState: expected a function');
  });

  it('refuse a misspelt key, which plain JavaScript would have ignored without a word, and an extension given for its model', () => {
    const measure = { description: 'd', value: () => 0 };
    const attempt = (definition: unknown) => () => defineModel(definition as never);
    expect(attempt({ name: 'm', extensions: [{ name: 'a', description: '', runMeasure: { visits: measure } }] })).toThrow(
      '- extensions[0].runMeasure: unknown key (did you mean "runMeasures"?)',
    );
    expect(
      attempt({
        name: 'm',
        extensions: [{ name: 'a', description: '', phases: [{ name: 'p', after: 'works', runs: 1, run() {} }] }],
      }),
    ).toThrow('- extensions[0].phases[0].runs: unknown key (did you mean "run"?)');
    expect(
      attempt({
        name: 'm',
        extensions: [{ name: 'a', description: '', weeklyMeasures: { v: { ...measure, descripton: 'x' } } }],
      }),
    ).toThrow('- extensions[0].weeklyMeasures.v.descripton: unknown key (did you mean "description"?)');
    expect(attempt({ name: 'm', extensions: [], descripton: 'x' })).toThrow(
      '- descripton: unknown key (did you mean "description"?)',
    );
    // An agent measure has an agent; another measure has none.
    expect(
      attempt({
        name: 'm',
        extensions: [{ name: 'a', description: '', runMeasures: { v: { ...measure, agent: 'household' } } }],
      }),
    ).toThrow('- extensions[0].runMeasures.v.agent: unknown key');
    expect(attempt({ name: 'a', description: 'an extension', phases: [{ name: 'p', after: 'works', run() {} }] })).toThrow(
      'expected a model { name, extensions }, got an extension: give the model that holds it, defineModel({ name, extensions: [extension] })',
    );
  });

  it('refuse parameters that are not a z.object, which would refuse every scenario, and take one under a default or a pipe', () => {
    const attempt = (parameters: unknown) => () =>
      defineModel({ name: 'm', extensions: [{ name: 'a', description: '', parameters }] as never });
    const reach = probabilityParameter(0.1, { description: 'Reach.', basis: 'A', range: [0, 0.2] });
    expect(attempt(reach)).toThrow(
      'model m: invalid model definition\n  - extensions[0].parameters: expected a z.object of its parameters (z.object({ name: probabilityParameter(…), … })), got a z.number schema',
    );
    expect(attempt(z.record(z.string(), reach))).toThrow('extensions[0].parameters: expected a z.object of its parameters');
    for (const parameters of [
      z.object({ reach }),
      z.object({ reach }).default({ reach: 0.1 }),
      z.object({ reach }).transform((x) => x),
    ]) {
      const model = attempt(parameters)();
      expect(parseExtendedScenario({ name: 'y', mode: 'co-production' }, model.extensions).extensions).toEqual({
        a: { reach: 0.1 },
      });
    }
  });

  it('refuse a parameter whose default or plausible range its valid values refuse, and parameters JSON cannot hold', () => {
    const attempt = (parameters: z.ZodType) => () =>
      defineModel({ name: 'm', extensions: [{ name: 'a', description: '', parameters }] });
    expect(
      attempt(z.object({ reach: probabilityParameter(1.5, { description: 'Reach.', basis: 'A', range: [0, 0.2] }) })),
    ).toThrow('model m: invalid model definition\n  - extensions[0].parameters.reach: its default: expected at most 1, got 1.5');
    expect(
      attempt(z.object({ reach: probabilityParameter(0.1, { description: 'Reach.', basis: 'A', range: [0.2, 0] }) })),
    ).toThrow(
      'extensions[0].parameters.reach: its plausible range: expected [low, high], two numbers, low not above high, got [0.2, 0]',
    );
    expect(attempt(z.object({ start: z.date().default(new Date(0)) }))).toThrow(
      'extensions[0].parameters.start: expected parameters a scenario file (JSON) can hold: Date cannot be represented in JSON Schema',
    );
  });

  it('run a scenario parsed without the model’s extensions on their defaults, and name a parameter that has none', () => {
    const measured = (parameters: z.ZodType) =>
      defineModel({
        name: 'm',
        extensions: [
          {
            name: 'a',
            description: '',
            parameters,
            runMeasures: { k: { description: '', value: ({ parameters }) => parameters.k } },
          },
        ],
      });
    const scenario = tinyScenario('co-production');
    expect(
      runScenario(scenario, { seed: 1, model: measured(z.object({ k: z.number().default(3) })) }).summary.extensions,
    ).toEqual({
      a: { k: 3 },
    });
    const run = () => runScenario(scenario, { seed: 1, model: measured(z.object({ k: z.number() })) });
    expect(run).toThrow(ScenarioError);
    expect(run).toThrow(
      `${scenario.name}: invalid scenario\n  - extensions.a.k: expected a number; missing (a required field): it has no default, so a scenario run with this model must set it (under extensions.a in the scenario, parsed with parseExtendedScenario(input, model.extensions))`,
    );
  });

  it('take an extension called "constructor", a name every object inherits, like any other', () => {
    const model = defineModel({
      name: 'm',
      extensions: [
        defineExtension({
          name: 'constructor',
          description: '',
          parameters: z.object({ reach: probabilityParameter(0.1, { description: 'Reach.', basis: 'A' }) }),
          createState: () => ({ built: 1 }),
          runMeasures: { built: { description: '', value: ({ own, parameters }) => own.built + parameters.reach } },
        }),
      ],
    });
    const input = { ...tinyScenario('co-production'), extensions: undefined };
    const scenario = parseExtendedScenario(input, model.extensions);
    expect(scenario.extensions).toEqual({ constructor: { reach: 0.1 } });
    expect(runScenario(scenario, { seed: 1, model }).summary.extensions).toEqual({ constructor: { built: 1.1 } });
    // A scenario parsed without the extension takes its defaults, not what every object inherits.
    expect(runScenario(tinyScenario('co-production'), { seed: 1, model }).summary.extensions).toEqual({
      constructor: { built: 1.1 },
    });
  });

  it('name a definition without a name as a model definition, not "model undefined"', () => {
    for (const definition of [{}, null, { name: '', extensions: [] }])
      expect(() => defineModel(definition as never)).toThrow(/^model definition: invalid model definition\n/);
    expect(() => defineModel({ name: 'm', extensions: 3 } as never)).toThrow(/^model m: invalid model definition\n/);
  });

  it('say which run of several met the failure, keeping the original error as the cause', () => {
    const original = new RangeError('no such household');
    const error = new ExtensionError('faulty', 'phase gossip', 5, 'RangeError: no such household', { cause: original });
    const located = error.inRun('sweep point 2 (x = 0.5), variant b, replicate 7 (seed 12)');
    expect(located).toBeInstanceOf(ExtensionError);
    expect(located.message).toBe(
      'model extension faulty, phase gossip, week 5 of sweep point 2 (x = 0.5), variant b, replicate 7 (seed 12): RangeError: no such household',
    );
    expect(located.cause).toBe(original);
    // A run named already is kept, within the larger one.
    expect(located.inRun('robustness draw 4').message).toBe(
      'model extension faulty, phase gossip, week 5 of sweep point 2 (x = 0.5), variant b, replicate 7 (seed 12) in robustness draw 4: RangeError: no such household',
    );
    expect([located.extension, located.part, located.week, located.reason]).toEqual([
      'faulty',
      'phase gossip',
      5,
      'RangeError: no such household',
    ]);
  });

  it('name the extension, its phase or measure and the week when its own code fails, or a measure gives no number', () => {
    const failing = (extension: Record<string, unknown>) => {
      const model = defineModel({ name: 'm', extensions: [{ name: 'faulty', description: '', ...extension }] as never });
      return () =>
        runScenario(parseExtendedScenario({ ...tinyScenario('co-production'), extensions: undefined }, []), { seed: 1, model });
    };
    const throwing = failing({
      phases: [
        {
          name: 'gossip',
          after: 'residents',
          run: ({ state }: { state: { week: number } }) => {
            if (state.week === 5) throw new RangeError('no such household');
          },
        },
      ],
    });
    expect(throwing).toThrow(ExtensionError);
    expect(throwing).toThrow('model extension faulty, phase gossip, week 5: RangeError: no such household');
    expect(failing({ weeklyMeasures: { told: { description: '', value: () => 'many' } } })).toThrow(
      'model extension faulty, weekly measure told, week 1: gave string, expected a number (NaN where it is undefined)',
    );
    expect(failing({ runMeasures: { told: { description: '', value: () => undefined } } })).toThrow(
      /^model extension faulty, run measure told, week \d+: gave undefined, expected a number/,
    );
    expect(
      failing({
        createState: () => {
          throw new Error('state failed');
        },
      }),
    ).toThrow('model extension faulty, createState, week 0: Error: state failed');
    // NaN is the number for "undefined": it passes.
    expect(failing({ runMeasures: { told: { description: '', value: () => Number.NaN } } })).not.toThrow();
  });

  it('run extension phases where they are placed, and leave every built-in output unchanged when they change nothing built in', () => {
    const order: string[] = [];
    const model = defineModel({ name: 'recording', extensions: [recorder(order)] });
    const scenario = tinyScenario('co-production');
    const extended = runScenario(parseExtendedScenario({ ...scenario, extensions: undefined }, model.extensions), {
      seed: 4,
      model,
    });
    expect(order.slice(0, 2)).toEqual(['first', 'after works']);
    expect(order).toHaveLength(2 * scenario.weeks);
    const builtIn = runScenario(scenario, { seed: 4 });
    const builtInColumns = (csv: string) =>
      csv
        .split('\n')
        .map((line) => line.split(',').slice(0, weeksToCsv(builtIn.weeks).split('\n')[0]?.split(',').length).join(','))
        .join('\n');
    expect(builtInColumns(weeksToCsv(extended.weeks))).toBe(weeksToCsv(builtIn.weeks));
    const { extensions, ...summary } = extended.summary;
    expect(summary).toEqual(builtIn.summary);
    expect(weeksToCsv(extended.weeks).split('\n')[0]?.endsWith(',recorder.hits')).toBe(true);
    expect(extensions?.recorder?.hitShare).toBeGreaterThan(0.3);
    expect(extensions?.recorder?.hitShare).toBeLessThan(0.7);
  });

  it('validate extension parameters by their own schema, with defaults and paths', () => {
    const model = defineModel({ name: 'recording', extensions: [recorder([])] });
    const input = { name: 'x', mode: 'co-production', weeks: 4 };
    expect(parseExtendedScenario(input, model.extensions).extensions).toEqual({ recorder: { drawChance: 0.5 } });
    expect(() => parseExtendedScenario({ ...input, extensions: { recorder: { drawChance: 2 } } }, model.extensions)).toThrow(
      'extensions.recorder.drawChance: expected at most 1',
    );
    // Absent parameters are the defaults; null is not an object of parameters.
    expect(() => parseExtendedScenario({ ...input, extensions: { recorder: null } }, model.extensions)).toThrow(
      'extensions.recorder: expected an object of its parameters, got null',
    );
    expect(() => parseExtendedScenario({ ...input, extensions: { other: {} } }, model.extensions)).toThrow(
      'extensions.other: no extension of this model is called "other" (it has recorder)',
    );
    expect(() => parseScenario({ ...input, extensions: { recorder: {} } })).toThrow(ScenarioError);
    expect(() => parseScenario({ ...input, extensions: { recorder: {} } })).toThrow(
      "run with the model that defines it (in code, parseExtendedScenario with its extensions or the model option of runScenario and the other runners; on the command line, --model of run, compare, validate, reproduce and robustness, or an experiment's model)",
    );
    const parsed = parseExtendedScenario(input, model.extensions);
    expect(() => runScenario(parsed)).toThrow('extensions.recorder: parameters of an extension "recorder"');
  });

  it('refuse a misspelt extension parameter even when the schema is a plain z.object, which would drop it', () => {
    const boards = (parameters: z.ZodType) => [{ name: 'notice-boards', parameters }];
    const shape = { weeklyReach: z.number().default(0.01) };
    const input = { name: 'x', mode: 'co-production', extensions: { 'notice-boards': { weeklyReech: 0.05 } } };
    const schemas: z.ZodType[] = [
      z.object(shape),
      z.object(shape).strict(),
      z.object(shape).default({ weeklyReach: 0.01 }),
      z.object(shape).optional(),
      z.object(shape).pipe(z.object({ weeklyReach: z.number() })),
    ];
    for (const schema of schemas)
      expect(() => parseExtendedScenario(input, boards(schema))).toThrow(
        'extensions.notice-boards.weeklyReech: unknown key (did you mean "weeklyReach"?)',
      );
    // A schema that says it takes other keys keeps them.
    expect(parseExtendedScenario(input, boards(z.object(shape).loose())).extensions).toEqual({
      'notice-boards': { weeklyReach: 0.01, weeklyReech: 0.05 },
    });
    expect(
      parseExtendedScenario({ ...input, extensions: { 'notice-boards': { weeklyReach: 0.2 } } }, boards(z.object(shape)))
        .extensions,
    ).toEqual({
      'notice-boards': { weeklyReach: 0.2 },
    });
  });

  it('give agent measures for every agent, and snapshots that carry the extension state', () => {
    const model = defineModel({ name: 'recording', extensions: [recorder([])] });
    const scenario = parseExtendedScenario({ ...tinyScenario('administrative-led'), extensions: undefined }, model.extensions);
    const running = createModel(scenario, { seed: 9, model });
    running.run(25);
    const trust = running.agentMeasures()['recorder.trustNow'];
    expect(trust?.agent).toBe('household');
    expect(trust?.values).toEqual(running.state.households.trust);
    const snapshot = JSON.parse(JSON.stringify(running.snapshot()));
    expect(() => restoreModel(snapshot)).toThrow('restore it with the same model');
    const resumed = restoreModel(snapshot, { model });
    resumed.run();
    const whole = runScenario(scenario, { seed: 9, model });
    expect(weeksToCsv(resumed.records)).toBe(weeksToCsv(whole.weeks));
    expect(resumed.summary()).toEqual(whole.summary);
  });
});
