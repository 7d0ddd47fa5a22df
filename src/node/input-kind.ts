/**
 * Telling govsim's kinds of input file apart by the keys only each kind has, so that a file given to the command of
 * another kind (an experiment to `govsim run`, a scenario to `govsim sweep`) is named for what it is, with the
 * command that takes it, rather than refused for every field it lacks.
 */
import { isCityInput } from '../generators/city-input.js';
import { ScenarioError } from '../scenario/index.js';

/** The kinds of input file govsim reads as JSON objects. */
export type InputKind = 'scenario' | 'city' | 'experiment' | 'facts file';

/**
 * What kind of govsim file a parsed JSON value is meant as, by keys only that kind has: a city its `districts`, an
 * experiment its `base` and `design`, a facts file its `case` and `facts`, a scenario its `mode` or `world` (and none
 * of the others'); undefined for anything else.
 */
export function inputKind(input: unknown): InputKind | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const fields = input as Record<string, unknown>;
  if (isCityInput(fields)) return 'city';
  if (Object.hasOwn(fields, 'base') && Object.hasOwn(fields, 'design')) return 'experiment';
  if (Object.hasOwn(fields, 'case') && Object.hasOwn(fields, 'facts')) return 'facts file';
  if (Object.hasOwn(fields, 'mode') || Object.hasOwn(fields, 'world')) return 'scenario';
  return undefined;
}

/** Each kind in words, with the keys that tell it. */
const kindWords: Readonly<Record<InputKind, string>> = {
  scenario: 'a scenario file (it has a mode or a world, and no design)',
  city: 'a city file (it has districts)',
  experiment: 'an experiment file (it has a base and a design)',
  'facts file': 'a facts file (it has a case and facts)',
};

/** The command that takes each kind. */
const kindCommands: Readonly<Record<InputKind, string>> = {
  scenario: 'run it with govsim run, or name it as the base of an experiment file',
  city: 'run it with govsim city, or name it as the base of an experiment file',
  experiment: 'run it with govsim sweep',
  'facts file': 'check its case folder with govsim validate <folder>',
};

/**
 * Refuses an input meant as one of `others` where `expected` is read, saying what it is and which command takes it.
 *
 * @param input the parsed JSON of the file
 * @param path the file, for the message
 * @param expected what the command reads, for the message (e.g. "scenario", "experiment")
 * @param others the kinds to tell apart from it
 * @throws ScenarioError naming the file when it is one of `others`
 * @example
 * checkNotOtherKind(input, 'two-halves.json', 'scenario', ['experiment', 'facts file']);
 * // two-halves.json: invalid scenario
 * //   - (top level): is an experiment file (it has a base and a design), not a scenario: run it with govsim sweep
 */
export function checkNotOtherKind(input: unknown, path: string, expected: string, others: readonly InputKind[]): void {
  const kind = inputKind(input);
  if (kind === undefined || !others.includes(kind)) return;
  throw new ScenarioError(
    path,
    [
      {
        path: '',
        message: `is ${kindWords[kind]}, not ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}: ${kindCommands[kind]}`,
      },
    ],
    expected,
  );
}
