/**
 * Overriding parameters of a scenario as written: set values at dotted paths
 * of the raw scenario JSON, then validate the result like any scenario file,
 * so defaults fill in and bad values are caught at the boundary.
 *
 * A path names fields by key (`parameters.docking.staffHoursPerThreadWeek`),
 * with `[]` for every element of a list (`world.communities[].sites`) or
 * `[n]` for one (`world.communities[0].sites`). A path must exist in the
 * scenario schema; a path whose parent object is absent from a scenario
 * (`switchRule.weeklyRate` in a scenario without a switch rule) is
 * skipped for that scenario.
 */

import { givenValue } from '../core/problems.js';
import { type ParameterExtension, parseExtendedScenario } from './extensions.js';
import { scenarioJsonSchema } from './json-schema.js';
import { modePresets } from './modes.js';
import { ScenarioError, type ScenarioProblem } from './parse.js';
import type { PresetName, Scenario } from './schema.js';

/** A scenario path and the value to set there. */
export type Overrides = Readonly<Record<string, unknown>>;

type Segment = { key: string } | { every: true } | { index: number };

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/** Splits `a.b[].c[2]` into keys and element selectors; null when the text is not a path. */
function parsePath(path: string): Segment[] | null {
  if (!/^[A-Za-z$][\w$]*(\[\d*\])*(\.[A-Za-z$][\w$]*(\[\d*\])*)*$/.test(path)) return null;
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const [key, ...selectors] = part.split('[');
    segments.push({ key: key as string });
    for (const selector of selectors) {
      const inside = selector.slice(0, -1);
      segments.push(inside === '' ? { every: true } : { index: Number(inside) });
    }
  }
  return segments;
}

let cachedSchema: SchemaNode | undefined;

/** The schema node at `segments`, looking into every alternative of a union; undefined when there is none. */
function schemaNodeAt(segments: readonly Segment[]): SchemaNode | undefined {
  cachedSchema ??= scenarioJsonSchema() as SchemaNode;
  let nodes: SchemaNode[] = [cachedSchema];
  for (const segment of segments) {
    const expanded = nodes.flatMap((node) => [node, ...(node.anyOf ?? [])]);
    nodes = expanded.flatMap((node) => {
      // Own properties only: `constructor` or `toString` is no field of the schema.
      const child =
        'key' in segment
          ? node.properties !== undefined && Object.hasOwn(node.properties, segment.key)
            ? node.properties[segment.key]
            : undefined
          : node.items;
      return child === undefined ? [] : [child];
    });
    if (nodes.length === 0) return undefined;
  }
  return nodes[0];
}

/**
 * Whether `path` names a field of the scenario schema.
 *
 * @example isScenarioPath('world.communities[].sites') // true
 * @example isScenarioPath('parameters.docking.staffHours') // false
 */
export function isScenarioPath(path: string): boolean {
  const segments = parsePath(path);
  return segments !== null && schemaNodeAt(segments) !== undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A preset mode name stands for its mechanism settings when a path goes into it. */
function expandPreset(value: unknown): unknown {
  return typeof value === 'string' && value in modePresets ? { ...modePresets[value as PresetName] } : value;
}

/**
 * Sets `value` at `segments` below `raw` (the scenario as written, changed in
 * place), following `parsed` (the same scenario with defaults filled) to know
 * which parents exist: a parent absent from `raw` but filled by a default is
 * copied from `parsed`; a parent absent from both skips the path.
 */
function setBelow(raw: Json | unknown[], parsed: unknown, segments: readonly Segment[], value: unknown): void {
  const [segment, ...rest] = segments as [Segment, ...Segment[]];
  if ('key' in segment) {
    const node = raw as Json;
    if (rest.length === 0) {
      node[segment.key] = value;
      return;
    }
    const parsedChild = expandPreset((parsed as Json)[segment.key]);
    if (parsedChild === undefined || parsedChild === null || typeof parsedChild !== 'object') return;
    let rawChild = expandPreset(node[segment.key]);
    if (rawChild === undefined || rawChild === null || typeof rawChild !== 'object') rawChild = structuredClone(parsedChild);
    node[segment.key] = rawChild;
    setBelow(rawChild as Json, parsedChild, rest, value);
    return;
  }
  const list = raw as unknown[];
  const parsedList = parsed as unknown[];
  const indices = 'every' in segment ? list.map((_, index) => index) : [segment.index];
  for (const index of indices) {
    if (index >= list.length) continue;
    if (rest.length === 0) {
      list[index] = value;
      continue;
    }
    const parsedChild = expandPreset(parsedList[index]);
    if (!isObject(parsedChild) && !Array.isArray(parsedChild)) continue;
    const rawChild = expandPreset(list[index]);
    list[index] = isObject(rawChild) || Array.isArray(rawChild) ? rawChild : structuredClone(parsedChild);
    setBelow(list[index] as Json, parsedChild, rest, value);
  }
}

/**
 * The segments of `extensions.<name>.<parameter>`, a parameter of one of `extensions` (whose names may hold hyphens,
 * which other paths do not); null for any other path. The parameter is checked by the extension's schema.
 * @example extensionPath('extensions.wechat-rumour.spreadChance', model.extensions) // [{ key: 'extensions' }, { key: 'wechat-rumour' }, { key: 'spreadChance' }]
 */
function extensionPath(path: string, extensions: readonly ParameterExtension[]): Segment[] | null {
  const match = /^extensions\.([^.[\]]+)\.([A-Za-z$][\w$]*)$/.exec(path);
  if (match === null || !extensions.some((extension) => extension.name === match[1])) return null;
  return [{ key: 'extensions' }, { key: match[1] as string }, { key: match[2] as string }];
}

/** The problem of an override path the scenario schema does not have. */
const unknownPathMessage =
  'unknown scenario path (expected a field of the scenario schema, such as parameters.docking.staffHoursPerThreadWeek or world.communities[].sites)';

/**
 * Applies `overrides` (scenario path → value) to a scenario as written and
 * returns the parsed, validated scenario. `input` is not changed.
 *
 * A path whose parent object is absent from this scenario (after defaults)
 * is skipped: `switchRule.weeklyRate` changes only scenarios with a
 * switch rule. A list left empty by its default is not extended.
 *
 * @param input the scenario as written (parsed JSON)
 * @param overrides scenario paths and their values, applied in order
 * @param source where the scenario came from, for error messages
 * @param extensions the extensions of the model the scenario is for: its `extensions` part is validated by theirs,
 *   and their parameters may be set too (`extensions.<name>.<parameter>`)
 * @returns the scenario with the overrides applied, defaults filled, frozen
 * @throws ScenarioError (`expected` "overrides") when `overrides` is not an object, or naming every path that is not
 *   in the scenario schema, before anything else is checked
 * @throws ScenarioError when the scenario, before or after the overrides, is invalid
 * @example
 * applyOverrides({ name: 'x', mode: 'co-production' }, { 'world.communities[].sites': 30 }).world.communities[0].sites // 30
 */
export function applyOverrides(
  input: unknown,
  overrides: Overrides,
  source = 'scenario',
  extensions: readonly ParameterExtension[] = [],
): Scenario {
  // Text (`'weeks=3'`, as the command line takes it) would be read a character at a time, each an unknown path.
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides))
    throw new ScenarioError(
      source,
      [
        {
          path: '(top level)',
          message: `expected an object of scenario path → value ({ 'parameters.staff.routineLoad': 0.8 }), got ${givenValue(overrides)}`,
        },
      ],
      'overrides',
    );
  const unknown: ScenarioProblem[] = [];
  const paths = Object.entries(overrides).flatMap(([path, value]) => {
    const ofExtension = extensionPath(path, extensions);
    const segments = ofExtension ?? parsePath(path);
    if (segments === null || (ofExtension === null && schemaNodeAt(segments) === undefined)) {
      unknown.push({ path, message: unknownPathMessage });
      return [];
    }
    return [{ path, segments, value }];
  });
  if (unknown.length > 0) throw new ScenarioError(source, unknown, 'overrides');
  const parsed = parseExtendedScenario(input, extensions, source);
  if (paths.length === 0) return parsed;
  const raw = structuredClone(input) as Json;
  for (const { segments, value } of paths) setBelow(raw, parsed, segments, value);
  // A number JSON cannot write (NaN, ±Infinity) is named as it is, not as the null JSON.stringify makes of it.
  const written = (value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  const overridden = paths.map(({ path, value }) => `${path}=${written(value)}`).join(', ');
  return parseExtendedScenario(raw, extensions, `${source} with ${overridden}`);
}
