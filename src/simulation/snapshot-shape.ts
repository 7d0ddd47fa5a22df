/**
 * Whether a model snapshot's state has the shape of the world it claims: the
 * state of a run, whatever week it has reached, keeps the keys of the world
 * its scenario and seed build, each of the same kind, and each typed array
 * (households', items', sites') of the same type and length. A snapshot cut,
 * edited or taken of another world would otherwise restore without a word and
 * go on to wrong numbers, or fail deep inside a mechanism.
 */
import { givenValue } from '../core/problems.js';
import type { ScenarioProblem } from '../scenario/index.js';

/** Bookkeeping a state restored from an older snapshot may lack: counted again from the state when it does. */
const recountedWhenMissing = new Set(['householdLedger', 'projectIndex']);

/** What kind of value `value` is, in the words a problem uses. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a map';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Problems, each at its path under `path` (`state.households.trust`), where `given` differs in shape from
 * `expected`, a state freshly built for the same scenario and seed: a key missing, a value of another kind, or a
 * typed array of another type or length. Lists and maps may grow as a run goes on (its projects, say) and are
 * compared by kind alone; a value null in either is taken as it is.
 */
export function stateShapeProblems(expected: unknown, given: unknown, path = 'state', depth = 0): ScenarioProblem[] {
  const expectedKind = kindOf(expected);
  const givenKind = kindOf(given);
  // A value that is null until something happens (a plan adopted, a milestone reached) may be either.
  if (expected === null || given === null) return [];
  if (expectedKind !== givenKind)
    return [
      { path, message: `damaged: expected ${expectedKind}, got ${givenKind === 'a string' ? givenValue(given) : givenKind}` },
    ];
  if (ArrayBuffer.isView(expected)) {
    const expectedLength = (expected as unknown as ArrayLike<number>).length;
    const givenLength = (given as ArrayLike<number>).length;
    return expectedLength === givenLength
      ? []
      : [
          {
            path,
            message: `damaged: expected ${expectedLength} values, as the world of its scenario and seed has, got ${givenLength}`,
          },
        ];
  }
  if (expectedKind !== 'an object' || depth > 16) return [];
  const problems: ScenarioProblem[] = [];
  const givenRecord = given as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(givenRecord, key)) {
      if (!(depth === 0 && recountedWhenMissing.has(key))) problems.push({ path: `${path}.${key}`, message: 'damaged: missing' });
      continue;
    }
    problems.push(...stateShapeProblems(value, givenRecord[key], `${path}.${key}`, depth + 1));
  }
  return problems;
}
