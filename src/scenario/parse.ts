/**
 * Validating scenarios at the boundary. Whatever comes in (a parsed JSON
 * file, an object built in code) goes through {@link parseScenario}; what
 * comes out is complete (defaults filled) and frozen.
 */
import type * as z from 'zod';
import { prototypeKeyPath } from '../core/json-keys.js';
import { cutText, givenValue, ScenarioError, type ScenarioProblem } from '../core/problems.js';
import { presetNames, type Scenario, scenarioSchema } from './schema.js';

export {
  cutText,
  maximumEchoedLength,
  maximumListedProblems,
  maximumProblemLength,
  problemsMessage,
  ScenarioError,
  type ScenarioProblem,
} from '../core/problems.js';

/**
 * Checks an argument a library function was given against the schema of what
 * it takes (an experiment, a design, a fact), for callers in plain JavaScript that
 * pass the wrong object, and returns it parsed: the value given is not changed, and what it leaves out the
 * schema's defaults fill in the returned copy (an experiment written in code without `replicates`, a Morris design
 * without `levels`), as parsing a file would.
 * @throws ScenarioError with `argument` as its source, listing each field that does not fit and what was expected
 * @example checkArgument(experimentSchema, {}, 'experiment', 'experiment') // throws "experiment: invalid experiment\n  - name: expected string; missing (a required field)\n  - base: …"
 */
export function checkArgument<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  argument: string,
  expected: string,
): z.output<Schema> {
  // What was given is kept in each issue: a misspelt name is told the name meant, as in a file.
  const result = schema.safeParse(value, { reportInput: true });
  const problems = inputProblems(result, value, schema);
  if (problems.length > 0 || !result.success) throw new ScenarioError(argument, problems, expected);
  return result.data;
}

/**
 * The problems of an input that a schema checked (`result`, parsed with `reportInput`): the schema's issues, then a
 * key named `__proto__` (as `JSON.parse` makes one), which the schema's output would drop without a word. Given the
 * `schema`, an unknown key is told the known key nearest its spelling.
 * @example inputProblems(scenarioSchema.safeParse(input, { reportInput: true }), input, scenarioSchema) // [] for a sound scenario
 */
export function inputProblems(
  result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } },
  input: unknown,
  schema?: z.core.$ZodType,
): ScenarioProblem[] {
  const problems = result.success ? [] : describeIssues(result.error.issues, schema === undefined ? undefined : keysIn(schema));
  const path = prototypeKeyPath(input);
  if (path !== undefined)
    problems.push({ path, message: 'a key named "__proto__" would be dropped without a word: no field has that name' });
  return problems;
}

/** Formats a zod issue path as `a.b[2].c`, each key cut to {@link maximumEchoedLength} characters. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? cutText(String(key)) : `.${cutText(String(key))}`;
  }
  return text;
}

/** The keys an object of a schema has at an issue's path, given the object found there: for telling a misspelt key. */
export type KeysAt = (path: readonly PropertyKey[], input?: unknown) => readonly string[];

/** {@link objectKeysAt} of `schema`, as {@link describeIssues} takes it. */
export function keysIn(schema: z.core.$ZodType): KeysAt {
  return (path, input) => objectKeysAt(schema, path, input);
}

/**
 * Turns zod issues into problems with paths and plain messages. Given `keysAt` (the keys an object of the schema has
 * at an issue's path), an unknown key is told the known key nearest its spelling.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], keysAt?: KeysAt): ScenarioProblem[] {
  return issues.flatMap((issue) => describeIssue(issue, keysAt));
}

function describeIssue(issue: z.core.$ZodIssue, keysAt?: KeysAt): ScenarioProblem[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt?.(issue.path, (issue as { input?: unknown }).input) ?? [];
      return issue.keys.map((key) => ({
        path: path === '' ? cutText(key) : `${path}.${cutText(key)}`,
        message: unknownKeyMessage(key, known),
      }));
    }
    case 'too_big':
      return [
        {
          path,
          message: `expected ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}${sizeUnit(issue.origin, issue.maximum)}${givenSize(issue)}`,
        },
      ];
    case 'too_small':
      return [
        {
          path,
          message: `expected ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}${sizeUnit(issue.origin, issue.minimum)}${givenSize(issue)}`,
        },
      ];
    case 'invalid_type':
      // A number refused as a whole number has a fractional part (one past 2^53 − 1 is "too big", NaN no number).
      if (issue.expected === 'int' && issue.message.endsWith('received number'))
        return [{ path, message: 'expected a whole number, got a number with a fractional part' }];
      // JSON has no undefined: a field read as undefined is one the file leaves out.
      if (isMissing(issue)) return [{ path, message: `expected ${typeWords(issue.expected)}; ${missingText}` }];
      return [{ path, message: `expected ${typeWords(issue.expected)}, got ${receivedWords(issue)}` }];
    case 'invalid_value': {
      if (isMissing(issue)) {
        const expected =
          issue.values.length === 1
            ? JSON.stringify(issue.values[0])
            : `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
        return [{ path, message: `expected ${expected}; ${missingText}` }];
      }
      if (issue.values.length === 1) return [{ path, message: `expected ${JSON.stringify(issue.values[0])}` }];
      const listed = `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
      // A long list is cut in the message (a facts file's series): a name close to the one given, when the issue
      // carries what was given (parsed with reportInput), comes first.
      const given = (issue as { input?: unknown }).input;
      const meant = typeof given === 'string' ? nearestName(given, issue.values) : undefined;
      return [
        {
          path,
          message:
            meant === undefined
              ? listed
              : `${JSON.stringify(given)} is not one of the names expected here; did you mean ${JSON.stringify(meant)}? ${listed}`,
        },
      ];
    }
    case 'invalid_union':
      return describeModeUnion(issue, path, keysAt) ?? describeUnion(issue, path, keysAt);
    default:
      return [{ path, message: issue.message }];
  }
}

/** The types zod expects, in the words of govsim's other messages. */
const typeWordsByType: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
};

/** A type zod expects, in the words of govsim's other messages: `int` is "a whole number", `string` "text". */
function typeWords(expected: string): string {
  return typeWordsByType[expected] ?? expected;
}

/** The types zod says it received, as `givenValue` words a value of each. */
const receivedWordsByType: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  object: 'an object',
  array: 'a list',
};

/**
 * What a value of the wrong type was, as other messages give it (`the string "52"`, `a list`, `true`): from the
 * value itself where the issue carries it (parsed with reportInput), else from zod's "received …".
 */
function receivedWords(issue: z.core.$ZodIssue): string {
  if ('input' in issue) return givenValue(issue.input);
  const received = /received (\w+)$/.exec(issue.message)?.[1];
  if (received === undefined) return 'something else';
  return receivedWordsByType[received] ?? received;
}

/** What a message adds for a required field the file leaves out. */
const missingText = 'missing (a required field)';

/**
 * Whether `issue` is about a field left out: zod reads it as undefined, which no JSON value is. Its message says
 * "received undefined"; an issue that carries its input (parsed with reportInput) carries undefined.
 * @example isMissing({ code: 'invalid_type', expected: 'string', path: ['name'], message: 'Invalid input: expected string, received undefined' }) // true
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  // The whole value undefined (a library caller's missing argument) is no field of a file.
  if (issue.path.length === 0) return false;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return true;
  return 'input' in issue && issue.input === undefined;
}

/** Edits (a character added, removed or changed) that turn `from` into `to`, letter case aside. */
function editDistance(from: string, to: string): number {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let row = 1; row <= a.length; row++) {
    const current = [row];
    for (let column = 1; column <= b.length; column++)
      current[column] = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + (a[row - 1] === b[column - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * What a key no object of the schema has at its place is told: the known key nearest its spelling (at most one edit
 * in three characters, one at least allowed, so that a short key is not told an unrelated one), or to check its
 * spelling. A key that is itself known (to another form of a union: `samples` in a factorial design) is told nothing
 * nearer.
 * @example unknownKeyMessage('routineLod', ['routineLoad']) // 'unknown key (did you mean "routineLoad"?)'
 */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const meant = known.includes(key) ? undefined : nearestName(key, known, 1);
  return meant === undefined
    ? 'unknown key (check its spelling against the schema)'
    : `unknown key (did you mean ${JSON.stringify(meant)}?)`;
}

/**
 * The name among `values` closest to `given` when one is a likely misspelling of it (at most one edit in three
 * characters, `leastAllowed` at least), the first of the closest; undefined otherwise.
 * @example nearestName('staffLoud', ['staffLoad', 'trust']) // 'staffLoad'
 */
export function nearestName(given: string, values: readonly unknown[], leastAllowed = 2): string | undefined {
  const allowed = Math.max(leastAllowed, Math.floor(given.length / 3));
  let nearest: string | undefined;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const distance = editDistance(given, value);
    if (distance <= allowed && distance < nearestDistance) {
      nearest = value;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/** Wrappers whose inner schema holds the value's shape. */
const wrapperTypes = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schemas a value checked by `schema` may be checked by in the end: wrappers, pipes and unions opened. */
function shapesOf(schema: z.core.$ZodType, depth = 0): z.core.$ZodType[] {
  if (depth > 16) return [];
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (wrapperTypes.has(def.type)) return shapesOf(def.innerType as z.core.$ZodType, depth + 1);
  if (def.type === 'pipe')
    return [...shapesOf(def.in as z.core.$ZodType, depth + 1), ...shapesOf(def.out as z.core.$ZodType, depth + 1)];
  if (def.type === 'union') return (def.options as z.core.$ZodType[]).flatMap((option) => shapesOf(option, depth + 1));
  if (def.type === 'intersection')
    return [...shapesOf(def.left as z.core.$ZodType, depth + 1), ...shapesOf(def.right as z.core.$ZodType, depth + 1)];
  if (def.type === 'lazy') return shapesOf((def.getter as () => z.core.$ZodType)(), depth + 1);
  return [schema];
}

/**
 * The keys of the objects `schema` has at `path` (an issue's path: keys and list indices), for telling a misspelt key
 * the one meant; none where the path leads to no object of the schema. Given the object found there (`input`), the
 * forms of a union whose tag it does not have (a field of one fixed value, as a design's `type`) are left out.
 * @example objectKeysAt(scenarioSchema, ['parameters', 'staff']) // ['routineLoad', …]
 */
export function objectKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], input?: unknown): string[] {
  let nodes = shapesOf(schema);
  for (const key of path) {
    nodes = nodes.flatMap((node) => {
      const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object' && typeof key === 'string') {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        return Object.hasOwn(shape, key) ? shapesOf(shape[key] as z.core.$ZodType) : [];
      }
      if (def.type === 'array' && typeof key === 'number') return shapesOf(def.element as z.core.$ZodType);
      if (def.type === 'record') return shapesOf(def.valueType as z.core.$ZodType);
      return [];
    });
  }
  const objects = nodes.flatMap((node) => {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    return def.type === 'object' ? [def.shape as Record<string, z.core.$ZodType>] : [];
  });
  const tagged = objects.filter((shape) => hasTagsOf(shape, input));
  return [...new Set((tagged.length > 0 ? tagged : objects).flatMap((shape) => Object.keys(shape)))];
}

/** Whether `input` has every fixed-value field (a literal, such as a design's `type`) of `shape` that it gives. */
function hasTagsOf(shape: Record<string, z.core.$ZodType>, input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return true;
  return Object.entries(shape).every(([key, field]) => {
    const def = field._zod.def as unknown as { type: string; values?: unknown[] };
    const given = (input as Record<string, unknown>)[key];
    return def.type !== 'literal' || given === undefined || (def.values ?? []).includes(given);
  });
}

/**
 * What a value out of range was, for its message: `, got 1.5` for a number, `, got 300` for a text's characters or a
 * list's items; nothing where the issue does not carry its input (parsed without reportInput).
 * @example givenSize({ code: 'too_big', origin: 'number', maximum: 1, inclusive: true, input: 1.5, path: [], message: '' }) // ', got 1.5'
 */
function givenSize(issue: z.core.$ZodIssue & { code: 'too_big' | 'too_small' }): string {
  const given = (issue as { input?: unknown }).input;
  if (typeof given === 'number' || typeof given === 'bigint') return `, got ${String(given)}`;
  if ((typeof given === 'string' || Array.isArray(given)) && (issue.origin === 'string' || issue.origin === 'array'))
    return `, got ${given.length}`;
  return '';
}

/** The unit of a size limit of `size`: characters of a string, items of a list (none for a number). */
function sizeUnit(origin: string, size: number | bigint): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : '';
  return unit === '' ? '' : ` ${unit}${Number(size) === 1 ? '' : 's'}`;
}

/** The preset names of a governance mode, as the mode union's first form lists them. */
const modeForms = `a preset name (${presetNames.join(', ')}) or {participation, integration, pressure, renewal?}`;

/**
 * A governance mode (a preset name or the mechanisms' settings) that is
 * neither: an object is held to the settings' form, field by field
 * (`mode.pressure: expected one of "high", "low"`); anything else is told
 * both forms. Undefined for a union that is not a mode.
 */
function describeModeUnion(
  issue: z.core.$ZodIssue & { code: 'invalid_union' },
  path: string,
  keysAt?: KeysAt,
): ScenarioProblem[] | undefined {
  const [presetForm, settingsForm] = issue.errors ?? [];
  const [presetIssue] = presetForm ?? [];
  const isMode =
    issue.errors?.length === 2 &&
    presetIssue?.code === 'invalid_value' &&
    presetIssue.values.length === presetNames.length &&
    presetNames.every((name) => presetIssue.values.includes(name));
  if (!isMode || settingsForm === undefined) return undefined;
  const [settingsIssue] = settingsForm;
  const notAnObject = settingsForm.length === 1 && settingsIssue?.code === 'invalid_type' && settingsIssue.path.length === 0;
  const missing = notAnObject && isMissing({ ...settingsIssue, path: issue.path } as z.core.$ZodIssue);
  if (notAnObject) {
    // A name that is no preset is echoed, with the preset nearest its spelling.
    const given = (presetIssue as { input?: unknown }).input;
    const meant = typeof given === 'string' ? nearestName(given, presetNames) : undefined;
    const named =
      typeof given === 'string'
        ? `${JSON.stringify(cutText(given))} is not a preset name${meant === undefined ? ':' : `; did you mean ${JSON.stringify(meant)}?`} `
        : '';
    return [{ path, message: `${named}expected ${modeForms}${missing ? `; ${missingText}` : ''}` }];
  }
  return settingsForm.flatMap((inner) =>
    describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, keysAt),
  );
}

/**
 * A value that matched none of a union's forms. When one form comes closest
 * (fewest problems), its problems are what the user meant to fix: a range
 * factor with `steps: 2.5` says `steps: expected a whole number`, not "Invalid input".
 * When every form fails only on its type (or its required fields) equally,
 * the forms are listed: "expected text or an object, got null".
 */
function describeUnion(issue: z.core.$ZodIssue & { code: 'invalid_union' }, path: string, keysAt?: KeysAt): ScenarioProblem[] {
  const forms = (issue.errors ?? []).map((errors) =>
    errors.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, keysAt)),
  );
  // A discriminated union (an experiment's design type) given a value none of its forms has: the values it takes.
  const options = (issue as { options?: unknown }).options;
  if (forms.length === 0 && Array.isArray(options) && options.length > 0)
    return describeIssue({
      code: 'invalid_value',
      values: options,
      path: issue.path,
      message: issue.message,
    } as z.core.$ZodIssue);
  if (forms.length === 0) return [{ path, message: issue.message }];
  // A form whose own tag (a field of one fixed value, such as a fact's `kind: "probability"`) the input does not
  // have is not what the input meant, however few its other problems: a fact with five misspelt series is a
  // replicate fact with five problems, not a probability fact with a wrong kind. Such forms are set aside while
  // another form remains.
  const tagged = (issue.errors ?? []).map(
    (errors) =>
      !errors.some(
        (inner) =>
          inner.code === 'invalid_value' &&
          inner.path.length === 1 &&
          Array.isArray((inner as { values?: unknown }).values) &&
          (inner as { values: unknown[] }).values.length === 1,
      ),
  );
  const meant = tagged.some((fits) => fits) ? forms.filter((_, index) => tagged[index]) : forms;
  const fewest = Math.min(...meant.map((problems) => problems.length));
  const closest = meant.filter((problems) => problems.length === fewest);
  if (closest.length === 1) return closest[0] as ScenarioProblem[];
  const types = (issue.errors ?? []).map((errors) => {
    const [only] = errors;
    return errors.length === 1 && only?.code === 'invalid_type' && only.path.length === 0 ? only.expected : undefined;
  });
  if (types.every((type) => type !== undefined)) {
    const first = issue.errors?.[0]?.[0];
    const received = /received (\S+)/.exec(first?.message ?? '')?.[1];
    // A number that is not whole, where a whole number is one form: that form's own word ("a whole number, got …").
    const whole = types.indexOf('int');
    if (received === 'number' && whole >= 0 && forms[whole] !== undefined) return forms[whole];
    const expected = [...new Set(types.map(typeWords))].join(' or ');
    if (received === 'undefined') return [{ path, message: `expected ${expected}; ${missingText}` }];
    return [{ path, message: `expected ${expected}${first === undefined ? '' : `, got ${receivedWords(first)}`}` }];
  }
  const alternatives = closest.map((problems) =>
    problems
      .map(
        (problem) =>
          `${problem.path === path ? '' : `${problem.path.slice(path === '' ? 0 : path.length + 1)}: `}${problem.message}`,
      )
      .join('; '),
  );
  return [
    {
      path,
      message: `expected one of these forms, each with a problem here: ${alternatives.map((text) => `(${text})`).join(' or ')}`,
    },
  ];
}

/**
 * Validates `input` against the scenario schema and returns the complete,
 * frozen scenario (deeply: an assignment to it throws in strict code, ES
 * modules and TypeScript's output, and is ignored in a sloppy-mode script; to
 * change a value, parse a changed input, or use `applyOverrides`). Throws
 * {@link ScenarioError} listing every problem.
 * @example
 * const scenario = parseScenario({ name: 'y', mode: 'co-production', weeks: 52 });
 * scenario.parameters.docking.confirmationChance; // 0.6, the default
 */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  checkSourceArgument(source);
  refuseScenarioText(input, source);
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  const problems = inputProblems(result, input, scenarioSchema);
  if (!result.success || problems.length > 0) throw new ScenarioError(source, problems);
  return markParsed(deepFreeze(result.data));
}

/**
 * Refuses text given as a scenario — a file's path or a shipped scenario's name, which only the file-reading side
 * reads — saying what reads it, rather than only that an object was expected.
 * @throws ScenarioError (source `source`) when `input` is text
 */
export function refuseScenarioText(input: unknown, source: string): void {
  if (typeof input === 'string')
    throw new ScenarioError(source, [
      {
        path: '(top level)',
        message: `expected a scenario (an object), got ${givenValue(input)}: a scenario file, or a shipped scenario by name, is read by loadScenarioFile (govsim/node)`,
      },
    ]);
}

/**
 * Refuses a `source` that is not text (it names the input in every problem): `parseScenario(input, null)` would fail
 * as it reported the input's own problems.
 * @throws ScenarioError (source "source") saying what was given
 */
export function checkSourceArgument(source: unknown): void {
  if (typeof source !== 'string')
    throw new ScenarioError(
      'source',
      [{ path: '(top level)', message: `expected text naming the input, got ${givenValue(source)}` }],
      'argument',
    );
}

/** What {@link parseScenario} and `parseExtendedScenario` returned: valid as it is, so a run need not parse it again. */
const parsedScenarios = new WeakSet<object>();

/** Records a scenario as parsed (for the parsers only); returns it. */
export function markParsed<T extends object>(scenario: T): T {
  parsedScenarios.add(scenario);
  return scenario;
}

/**
 * Whether `value` is a scenario {@link parseScenario} or
 * `parseExtendedScenario` returned. Being frozen is not enough: a frozen
 * object built by hand is validated like any other input.
 */
export function isParsedScenario(value: unknown): value is Scenario {
  return value !== null && typeof value === 'object' && parsedScenarios.has(value);
}

/** Freezes `value` and everything it holds, as parsed scenarios are. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
  }
  return value;
}
