/**
 * Scenarios of an extended model. A model extension (see
 * simulation/definition.ts) may declare its own parameters with a zod schema;
 * they live in a scenario under `extensions.<extension name>`, are validated
 * by that schema (defaults filled) and documented and swept like the built-in
 * parameters. Without the extension that defines them they are refused, so a
 * scenario never runs with parameters silently ignored.
 */
import * as z from 'zod';
import { cutText, givenValue } from '../core/problems.js';
import { type Basis, basisTags } from './parameter.js';
import {
  checkSourceArgument,
  deepFreeze,
  describeIssues,
  keysIn,
  markParsed,
  parseScenario,
  refuseScenarioText,
  ScenarioError,
  type ScenarioProblem,
  unknownKeyMessage,
} from './parse.js';
import type { Scenario } from './schema.js';

/** What the scenario layer needs of an extension: its name and its parameter schema. */
export interface ParameterExtension {
  readonly name: string;
  readonly parameters?: z.ZodType;
}

/**
 * Checks `extensions` as the functions of a model's parameters take it — a list of extensions, such as a model
 * definition's `extensions` — each an object with its name and, when it has parameters, their zod schema; for callers
 * in plain JavaScript that pass the model itself, or nothing.
 * @throws ScenarioError (source "extensions") naming the argument or the entry that is not what it should be
 */
export function checkExtensionsArgument(extensions: unknown): void {
  const problems: ScenarioProblem[] = [];
  if (!Array.isArray(extensions)) {
    const model =
      extensions !== null && typeof extensions === 'object' && Array.isArray((extensions as { extensions?: unknown }).extensions);
    problems.push({
      path: '(top level)',
      message: `expected a list of extensions, e.g. model.extensions, got ${model ? 'a model definition: give its extensions' : givenValue(extensions)}`,
    });
  } else
    extensions.forEach((extension: unknown, index) => {
      const at = `[${index}]`;
      if (extension === null || typeof extension !== 'object' || Array.isArray(extension)) {
        problems.push({
          path: at,
          message: `expected an extension {name, parameters?} (defineExtension), got ${givenValue(extension)}`,
        });
        return;
      }
      const { name, parameters } = extension as { name?: unknown; parameters?: unknown };
      if (typeof name !== 'string') problems.push({ path: `${at}.name`, message: `expected text, got ${givenValue(name)}` });
      if (parameters !== undefined && typeof (parameters as { safeParse?: unknown } | null)?.safeParse !== 'function')
        problems.push({
          path: `${at}.parameters`,
          message: `expected a zod schema of its parameters, got ${givenValue(parameters)}`,
        });
    });
  if (problems.length > 0) throw new ScenarioError('extensions', problems, 'extensions');
}

/** The parameters of extension `name` in a parsed scenario (its defaults when the file sets none). */
export function extensionParameters<Parameters>(scenario: Scenario, name: string): Parameters {
  return scenario.extensions?.[name] as Parameters;
}

/**
 * Validates a scenario of a model with `extensions`: the built-in part by
 * the scenario schema, each `extensions.<name>` by its extension's schema.
 * The result holds every extension's parameters with defaults filled, and is
 * frozen like {@link parseScenario}'s.
 * @throws ScenarioError listing every problem, with paths such as `extensions.rumour.spreadChance`; with source
 *   "extensions" when `extensions` is not a list of extensions (a model given in their place included)
 * @example
 * const scenario = parseExtendedScenario(
 *   { name: 'y', mode: 'co-production', extensions: { 'wechat-rumour': { spreadChance: 0.02 } } },
 *   model.extensions,
 * );
 */
export function parseExtendedScenario(input: unknown, extensions: readonly ParameterExtension[], source = 'scenario'): Scenario {
  checkExtensionsArgument(extensions);
  checkSourceArgument(source);
  if (extensions.length === 0) return parseScenario(input, source);
  refuseScenarioText(input, source);
  const problems: ScenarioProblem[] = [];
  let builtIn: unknown = input;
  let written: Record<string, unknown> = {};
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && 'extensions' in input) {
    const { extensions: raw, ...rest } = input as Record<string, unknown>;
    builtIn = rest;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) written = raw as Record<string, unknown>;
    else if (raw !== undefined)
      problems.push({ path: 'extensions', message: 'expected an object: extension name → its parameters' });
  }
  let scenario: Scenario | undefined;
  try {
    scenario = parseScenario(builtIn, source);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems.push(...error.problems);
  }
  const known = new Map(extensions.map((extension) => [extension.name, extension]));
  for (const name of Object.keys(written)) {
    if (!known.has(name))
      problems.push({
        path: `extensions.${name}`,
        message: `no extension of this model is called "${name}" (it has ${[...known.keys()].join(', ')})`,
      });
  }
  const parameters: Record<string, unknown> = {};
  for (const extension of extensions) {
    // Own keys only: an extension may be called "constructor", which every object inherits.
    let given = Object.hasOwn(written, extension.name) ? written[extension.name] : undefined;
    if (extension.parameters === undefined) {
      if (given !== undefined)
        problems.push({ path: `extensions.${extension.name}`, message: 'this extension takes no parameters' });
      continue;
    }
    // Absent means the defaults; anything written must be the parameters' object (null is not "none").
    if (given === undefined) given = {};
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      problems.push({
        path: `extensions.${extension.name}`,
        message: `expected an object of its parameters, got ${given === null ? 'null' : Array.isArray(given) ? 'a list' : typeof given}`,
      });
      continue;
    }
    for (const { path, key, known } of keysStripped(extension.parameters, given))
      problems.push({ path: `extensions.${extension.name}.${path}`, message: unknownKeyMessage(key, known) });
    const parsed = extension.parameters.safeParse(given, { reportInput: true });
    if (parsed.success) parameters[extension.name] = parsed.data;
    else
      for (const problem of describeIssues(parsed.error.issues, keysIn(extension.parameters as z.core.$ZodType)))
        problems.push({
          path: `extensions.${extension.name}${problem.path === '' ? '' : `.${problem.path}`}`,
          message: problem.message,
        });
  }
  if (problems.length > 0 || scenario === undefined) throw new ScenarioError(source, problems);
  return markParsed(deepFreeze({ ...scenario, extensions: parameters }));
}

/**
 * The keys of `input` that an object schema in zod's default mode would
 * drop without a word (a `z.object` neither `.strict()` nor `.loose()`,
 * also under `.default()`, `.optional()`, `.nullable()` or a pipe), at any
 * depth: in the object's own fields, in objects nested in them and in the
 * elements of their lists, each as its path (`spread.chanse`,
 * `groups[1].sise`, each key cut for messages), each with the key itself and the keys its object does have.
 * Misspelt parameters, which a scenario must never silently ignore. None for any other schema, which says itself what
 * it accepts.
 */
function keysStripped(given: unknown, input: unknown, depth = 0): Array<{ path: string; key: string; known: string[] }> {
  if (depth > 32 || input === null || typeof input !== 'object') return [];
  const schema = unwrappedSchema(given);
  const { shape, def } = schema as { shape?: unknown; def?: { type?: unknown; catchall?: unknown; element?: unknown } };
  if (def?.type === 'array' && Array.isArray(input))
    return input.flatMap((item, index) =>
      keysStripped(def.element, item, depth + 1).map((stripped) => ({
        ...stripped,
        path: `[${index}]${stripped.path.startsWith('[') ? '' : '.'}${stripped.path}`,
      })),
    );
  if (def?.type !== 'object' || shape === null || typeof shape !== 'object' || Array.isArray(input)) return [];
  const fields = shape as Record<string, unknown>;
  return Object.keys(input).flatMap((key) => {
    if (!Object.hasOwn(fields, key))
      return def.catchall === undefined ? [{ path: cutText(key), key, known: Object.keys(fields) }] : [];
    return keysStripped(fields[key], (input as Record<string, unknown>)[key], depth + 1).map((inner) => ({
      ...inner,
      path: inner.path.startsWith('[') ? `${cutText(key)}${inner.path}` : `${cutText(key)}.${inner.path}`,
    }));
  });
}

/**
 * `given` through the wrappers a parameter object is commonly given in (a default, optional, nullable, readonly, the
 * input of a pipe), to the schema inside.
 */
function unwrappedSchema(given: unknown): unknown {
  let schema = given as { def?: { type?: unknown; innerType?: unknown; in?: unknown } };
  for (let depth = 0; depth < 8; depth++) {
    const type = schema.def?.type;
    const inner =
      type === 'default' || type === 'prefault' || type === 'optional' || type === 'nullable' || type === 'readonly'
        ? schema.def?.innerType
        : type === 'pipe'
          ? schema.def?.in
          : undefined;
    if (inner === undefined || inner === null || typeof inner !== 'object') break;
    schema = inner as typeof schema;
  }
  return schema;
}

/**
 * The kind of zod schema `given` is under the wrappers a parameter object may be given in (a default, optional,
 * nullable, readonly, a pipe): `object` for the `z.object` an extension's parameters must be.
 */
export function parameterSchemaType(given: unknown): string {
  const type = (unwrappedSchema(given) as { def?: { type?: unknown } } | null)?.def?.type;
  return typeof type === 'string' ? type : 'unknown';
}

/** What {@link parameterDeclarationProblems} reads of a parameter in its JSON Schema. */
interface DeclaredNode {
  type?: unknown;
  properties?: Record<string, DeclaredNode>;
  items?: DeclaredNode;
  default?: unknown;
  range?: unknown;
  basis?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/**
 * Why `value` is not within a number parameter's valid values (`expected at most 1, got 1.5`), or undefined when it is.
 */
function outsideBounds(node: DeclaredNode, value: number): string | undefined {
  if (node.type === 'integer' && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
  if (node.minimum !== undefined && value < node.minimum) return `expected at least ${node.minimum}, got ${value}`;
  if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum)
    return `expected more than ${node.exclusiveMinimum}, got ${value}`;
  if (node.maximum !== undefined && value > node.maximum) return `expected at most ${node.maximum}, got ${value}`;
  if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum)
    return `expected less than ${node.exclusiveMaximum}, got ${value}`;
  return undefined;
}

/**
 * The path of the first parameter under `schema` that JSON Schema cannot represent (a `z.date()`, say), found
 * through the fields of its objects; empty when it is `schema` itself or not within an object's fields.
 */
function unrepresentablePath(schema: z.ZodType, depth = 0): string {
  if (depth > 32 || !(schema instanceof z.ZodObject)) return '';
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    try {
      z.toJSONSchema(field, { io: 'input' });
    } catch {
      const below = unrepresentablePath(field, depth + 1);
      return below === '' ? cutText(key) : `${cutText(key)}.${below}`;
    }
  }
  return '';
}

/**
 * Problems with how an extension declares its parameters, each at the parameter's path (`spreadChance`,
 * `spread.chance`), which would otherwise show only later, or never: a schema a scenario file (JSON) cannot hold (a
 * date, say), a default the parameter's own valid values refuse (it would run unchecked wherever a scenario leaves the
 * parameter out), or a plausible range that is not two numbers, low not above high, within the valid values (sweeps
 * and robustness draws take their values from it). None for a sound declaration.
 * @example parameterDeclarationProblems(z.object({ p: probabilityParameter(1.5, { description: 'p', basis: 'A' }) }))
 *   // [{ path: 'p', message: 'its default: expected at most 1, got 1.5' }]
 */
export function parameterDeclarationProblems(parameters: z.ZodType): ScenarioProblem[] {
  let schema: DeclaredNode;
  try {
    schema = z.toJSONSchema(parameters, { io: 'input' }) as DeclaredNode;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path: unrepresentablePath(parameters), message: `expected parameters a scenario file (JSON) can hold: ${reason}` }];
  }
  const problems: ScenarioProblem[] = [];
  const visit = (node: DeclaredNode, path: string, depth: number): void => {
    if (depth > 32 || node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node.properties ?? {}))
      visit(child, path === '' ? cutText(key) : `${path}.${cutText(key)}`, depth + 1);
    if (node.items !== undefined) visit(node.items, `${path}[]`, depth + 1);
    const numeric = node.type === 'number' || node.type === 'integer';
    if (numeric && typeof node.default === 'number') {
      const wrong = outsideBounds(node, node.default);
      if (wrong !== undefined) problems.push({ path, message: `its default: ${wrong}` });
    }
    // A basis written by hand (`.meta({ basis })`) as no tag would leave the parameter out of screenings unsaid.
    if (node.basis !== undefined && !basisTags.includes(node.basis as Basis))
      problems.push({
        path,
        message: `its basis: expected one of ${basisTags.map((tag) => JSON.stringify(tag)).join(', ')}, got ${givenValue(node.basis)}`,
      });
    if (node.range === undefined) return;
    const range = node.range;
    const written = Array.isArray(range) ? `[${range.map((value) => givenValue(value)).join(', ')}]` : givenValue(range);
    const [low, high] = Array.isArray(range) ? (range as unknown[]) : [];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      typeof low !== 'number' ||
      typeof high !== 'number' ||
      !Number.isFinite(low) ||
      !Number.isFinite(high) ||
      low > high
    )
      problems.push({
        path,
        message: `its plausible range: expected [low, high], two numbers, low not above high, got ${written}`,
      });
    else if (numeric) {
      const bounds = { ...node, type: 'number' };
      const wrong = outsideBounds(bounds, low) ?? outsideBounds(bounds, high);
      if (wrong !== undefined) problems.push({ path, message: `its plausible range ${written}: ${wrong}` });
    }
  };
  visit(schema, '', 0);
  return problems;
}
