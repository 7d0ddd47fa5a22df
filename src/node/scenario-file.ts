/**
 * Reading scenario files from disk. Every failure — missing file, not a
 * regular file, too large, not UTF-8, not JSON, invalid content — becomes a
 * {@link ScenarioError} naming the file, the field and what was expected.
 */
import { isCityInput } from '../generators/city-input.js';
import { parseScenario, type Scenario, ScenarioError } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { InputFileError, parseJsonText, readJsonInputOrShipped } from './input-file.js';
import { checkNotOtherKind } from './input-kind.js';
import { knownCases, resolveShippedScenario } from './shipped.js';

/** Parses JSON text, turning a syntax error (or nesting too deep) into a ScenarioError with its line and column. */
export function parseScenarioJson(text: string, source: string): unknown {
  return parseJsonText(text, source, 'scenario');
}

/**
 * Reads a scenario file as written (parsed JSON, not yet validated): what parameter overrides apply to.
 * @throws ScenarioError naming the file and what is wrong with it; with source "path" when `path` is not text
 */
export async function readScenarioInput(path: string): Promise<unknown> {
  checkArgumentWith('path', (check) => check.text(path, '(top level)'), 'scenario file or name');
  const input = await readJsonInputOrShipped(path, resolveShippedScenario(path), 'scenario').catch((error: unknown) => {
    // A case's name is no scenario's: its scenarios are named within it (z-street/case).
    if (!(error instanceof InputFileError && error.missing && Object.hasOwn(knownCases, path))) throw error;
    throw new InputFileError(
      path,
      `is a case, not a scenario: its scenarios are named ${path}/<scenario>, such as ${path}/case (govsim list shows them); govsim reproduce ${path} runs them all`,
      'scenario',
      true,
    );
  });
  // A city file given where a scenario is expected: say which command runs it, not every field it lacks.
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && isCityInput(input as Record<string, unknown>))
    throw new ScenarioError(
      path,
      [{ path: '', message: 'is a city file (it has districts), not a scenario: run it with govsim city' }],
      'scenario',
    );
  checkNotOtherKind(input, path, 'scenario', ['experiment', 'facts file']);
  return input;
}

/**
 * A scenario as written with its base seed replaced by `baseSeed` (the command line's `--base-seed`); the input as
 * it is when `baseSeed` is undefined or the input not an object (which parsing then refuses). Another base seed gives
 * another, independent set of replicates of the same scenario.
 */
export function withBaseSeed(input: unknown, baseSeed: number | undefined): unknown {
  if (baseSeed === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return { ...(input as Record<string, unknown>), seed: baseSeed };
}

/**
 * Reads and validates a scenario file, or a shipped scenario by name.
 * @throws ScenarioError naming the file and the field; with source "path" when `path` is not text
 * @example
 * const scenario = await loadScenarioFile('my-scenario.json'); // or 'y-community-co-production'
 * const { summary } = runScenario(scenario, { replicate: 0 });
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseScenario(await readScenarioInput(path), path);
}
