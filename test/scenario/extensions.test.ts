/** The parameters of a model's extensions: given as the model's `extensions`, refused as anything else. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parameterDeclarationProblems } from '../../src/scenario/extensions.js';
import {
  amountParameter,
  parameterRows,
  parameterTableMarkdown,
  parseExtendedScenario,
  probabilityParameter,
  ScenarioError,
} from '../../src/scenario/index.js';
import { defineExtension, defineModel } from '../../src/simulation/index.js';

const model = defineModel({
  name: 'with-boards',
  extensions: [
    defineExtension({
      name: 'boards',
      description: 'Notice boards.',
      parameters: z.object({ reach: probabilityParameter(0.01, { description: 'Weekly reach.', basis: 'A', range: [0, 0.05] }) }),
    }),
  ],
});
const input = { name: 'y', mode: 'co-production' };

/** The problems of the ScenarioError `call` throws, as `path: message`, after checking it names `extensions`. */
function refusal(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).source).toBe('extensions');
    return (error as ScenarioError).problems.map((problem) => `${problem.path || '(top level)'}: ${problem.message}`);
  }
  throw new Error('not refused');
}

describe('the extensions argument', () => {
  it('takes a model’s extensions', () => {
    expect(parseExtendedScenario(input, model.extensions).extensions).toEqual({ boards: { reach: 0.01 } });
    expect(parameterRows(model.extensions).at(-1)?.path).toBe('extensions.boards.reach');
  });

  it('writes a parameter without a default as one a scenario must set, not as undefined', () => {
    const required = defineModel({
      name: 'required',
      extensions: [
        defineExtension({
          name: 'nd',
          description: 'A parameter with a range and no default.',
          parameters: z.object({
            p: z
              .number()
              .min(0)
              .max(1)
              .meta({ description: 'p', basis: 'A', range: [0, 0.5] }),
          }),
        }),
      ],
    });
    expect(parameterRows(required.extensions).at(-1)).toMatchObject({ path: 'extensions.nd.p', defaultValue: undefined });
    expect(parameterTableMarkdown(required.extensions).trimEnd().split('\n').at(-1)).toBe(
      '| `extensions.nd.p` | none (to be set) | 0–0.5 | 0–1 |  | A | p |',
    );
  });

  it('lists a parameter declared in plain zod, without a basis, as a parameter of its extension', () => {
    const plain = defineModel({
      name: 'plain',
      extensions: [
        defineExtension({
          name: 'boards',
          description: 'Notice boards.',
          parameters: z.object({
            reach: probabilityParameter(0.01, { description: 'Weekly reach.', basis: 'A', range: [0, 0.05] }),
            boards: z.number().int().min(1).default(3),
            shape: z.object({ width: z.number().default(2) }),
          }),
        }),
      ],
    });
    expect(parameterRows(plain.extensions).slice(-3)).toMatchObject([
      { path: 'extensions.boards.reach', basis: 'A' },
      { path: 'extensions.boards.boards', defaultValue: 3, basis: '', integer: true, valid: '≥ 1', plausibleRange: null },
      { path: 'extensions.boards.shape.width', defaultValue: 2, basis: '' },
    ]);
    expect(parameterTableMarkdown(plain.extensions).trimEnd().split('\n').at(-2)).toBe(
      '| `extensions.boards.boards` | 3 |  | ≥ 1 |  |  |  |',
    );
  });

  it('refuses the model itself, nothing or text, naming extensions and what was expected', () => {
    const givenModel =
      '(top level): expected a list of extensions, e.g. model.extensions, got a model definition: give its extensions';
    expect(refusal(() => parseExtendedScenario(input, model as never))).toEqual([givenModel]);
    expect(refusal(() => parseExtendedScenario(input, null as never))).toEqual([
      '(top level): expected a list of extensions, e.g. model.extensions, got null',
    ]);
    expect(refusal(() => parseExtendedScenario(input, undefined as never))).toEqual([
      '(top level): expected a list of extensions, e.g. model.extensions, got undefined',
    ]);
    expect(refusal(() => parameterRows(model as never))).toEqual([givenModel]);
    expect(refusal(() => parameterTableMarkdown(model as never))).toEqual([givenModel]);
    expect(refusal(() => parameterRows('x' as never))).toEqual([
      '(top level): expected a list of extensions, e.g. model.extensions, got the string "x"',
    ]);
    expect(refusal(() => parameterRows([null, { name: 5, parameters: 'p' }] as never))).toEqual([
      '[0]: expected an extension {name, parameters?} (defineExtension), got null',
      '[1].name: expected text, got 5',
      '[1].parameters: expected a zod schema of its parameters, got the string "p"',
    ]);
    expect(parameterRows()).toEqual(parameterRows([]));
  });
});

describe('misspelt extension parameters', () => {
  it('are refused at any depth: in a nested object and in the objects of a list, not only at the top', () => {
    const chance = probabilityParameter(0.1, { description: 'Chance.', basis: 'A', range: [0, 0.2] });
    const spread = defineExtension({
      name: 'spread',
      description: 'Nested parameters.',
      parameters: z.object({
        spread: z.object({ chance }).default({ chance: 0.1 }),
        groups: z.array(z.object({ size: z.number().default(5) })).default([]),
        open: z.object({ chance }).loose().default({ chance: 0.1 }),
      }),
    });
    const written = {
      spread: { chanse: 0.2 },
      groups: [{ size: 3 }, { sise: 4 }],
      open: { chance: 0.1, note: 'kept' },
    };
    expect(() => parseExtendedScenario({ ...input, extensions: { spread: written } }, [spread])).toThrow(
      'scenario: invalid scenario\n  - extensions.spread.spread.chanse: unknown key (did you mean "chance"?)\n  - extensions.spread.groups[1].sise: unknown key (did you mean "size"?)',
    );
    // Spelt right, the nested values are taken; a loose object keeps its other keys, as it says.
    const right = { ...written, spread: { chance: 0.2 }, groups: [{ size: 3 }, { size: 4 }] };
    expect(parseExtendedScenario({ ...input, extensions: { spread: right } }, [spread]).extensions).toEqual({ spread: right });
  });
});

describe('how an extension declares its parameters', () => {
  it('is sound when each default is among its valid values and each plausible range within them, low not above high', () => {
    const sound = z.object({
      reach: probabilityParameter(0.01, { description: 'Reach.', basis: 'A', range: [0, 0.05] }),
      hours: amountParameter(4, { description: 'Hours.', basis: 'A', range: [1, 8], hardMaximum: 168 }),
      nested: z.object({ share: probabilityParameter(0.5, { description: 'Share.', basis: 'A' }) }).default({ share: 0.5 }),
    });
    expect(parameterDeclarationProblems(sound)).toEqual([]);
  });

  it('names each parameter whose default or plausible range its valid values refuse, and what cannot be written in JSON', () => {
    const declared = z.object({
      reach: probabilityParameter(1.5, { description: 'Reach.', basis: 'A', range: [0.5, 2] }),
      backwards: probabilityParameter(0.2, { description: 'Backwards.', basis: 'A', range: [0.3, 0.1] }),
      nested: z.object({ weeks: z.number().int().min(1).max(52).default(2.5) }).default({ weeks: 2.5 }),
    });
    expect(parameterDeclarationProblems(declared)).toEqual([
      { path: 'reach', message: 'its default: expected at most 1, got 1.5' },
      { path: 'reach', message: 'its plausible range [0.5, 2]: expected at most 1, got 2' },
      {
        path: 'backwards',
        message: 'its plausible range: expected [low, high], two numbers, low not above high, got [0.3, 0.1]',
      },
      { path: 'nested.weeks', message: 'its default: expected a whole number, got 2.5' },
    ]);
    // The parameter JSON cannot hold is named, within objects too; a schema that is itself one has no path.
    const unrepresentable = 'expected parameters a scenario file (JSON) can hold: Date cannot be represented in JSON Schema';
    expect(parameterDeclarationProblems(z.object({ start: z.date().default(new Date(0)) }))).toEqual([
      { path: 'start', message: unrepresentable },
    ]);
    expect(
      parameterDeclarationProblems(z.object({ reach: z.number().default(1), timing: z.object({ start: z.date().optional() }) })),
    ).toEqual([{ path: 'timing.start', message: unrepresentable }]);
    expect(parameterDeclarationProblems(z.date())).toEqual([{ path: '', message: unrepresentable }]);
    // A basis written by hand that is no tag would leave the parameter out of screenings and robustness draws.
    expect(parameterDeclarationProblems(z.object({ hand: z.number().max(2).default(1).meta({ basis: 'a' }) }))).toEqual([
      { path: 'hand', message: 'its basis: expected one of "P", "D", "I", "A", "L", got the string "a"' },
    ]);
  });
});
