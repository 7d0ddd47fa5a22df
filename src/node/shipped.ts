/**
 * The scenarios and cases shipped in govsim's own `scenarios/` folder, and the
 * experiments in its `experiments/` folder, found by name from any working folder: the folder is located from this module's
 * own file (`import.meta.url`, through {@link packageRoot}), so it is the same
 * in a checkout, in `dist/` and inside an installed package's node_modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseJsonText } from './input-file.js';
import { packageRoot } from './version.js';

/** Named case folders shipped with govsim. */
export const knownCases: Readonly<Record<string, string>> = { 'z-street': 'scenarios/z-street-2018-2019' };

/** A scenario file shipped with govsim. */
export interface ShippedScenario {
  /** What `govsim run` accepts: the file name without `.json`. */
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** The scenario's own `description`. */
  description: string;
}

/** A case folder shipped with govsim. */
export interface ShippedCase {
  /** What `govsim validate`, `reproduce` and `robustness` accept. */
  name: string;
  /** Absolute path of the folder. */
  directory: string;
  /** The `description` of the case's own scenario. */
  description: string;
  /** Keys of its scenarios (file names without `.json`), the case first; each runs as `<case name>/<key>`. */
  scenarios: string[];
}

/** An experiment file shipped with govsim. */
export interface ShippedExperiment {
  /** What `govsim sweep` accepts: the file name without `.json`. */
  name: string;
  /** Absolute path of the file. */
  file: string;
  /** The experiment's own `description`. */
  description: string;
}

/** Absolute path of the `scenarios/` folder shipped with govsim. */
export function shippedScenariosDirectory(): string {
  return join(packageRoot(), 'scenarios');
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Scenario files of a folder (not schemas), by name without `.json`, sorted. */
function scenarioNamesIn(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json') && name !== 'facts.json')
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * A shipped file's JSON: a file dropped into a shipped folder that is not JSON (a scenario half written in a checkout's
 * `scenarios/`) is bad input naming the file, its line and column, as any input file is, not a failure of govsim.
 *
 * @param kind what the file should be, for the message (e.g. "scenario", "facts file")
 * @throws ScenarioError naming the file when it is not JSON
 */
function readShippedJson(file: string, kind: string): unknown {
  return parseJsonText(readFileSync(file, 'utf8'), file, kind);
}

/** The `description` of a shipped file's JSON object ('' when it has none). */
function descriptionOf(file: string, kind: string): string {
  const parsed = readShippedJson(file, kind);
  if (parsed === null || typeof parsed !== 'object') return '';
  const { description } = parsed as { description?: unknown };
  return typeof description === 'string' ? description : '';
}

/** Absolute path of the `experiments/` folder shipped with govsim. */
export function shippedExperimentsDirectory(): string {
  return join(packageRoot(), 'experiments');
}

/** The experiments shipped with govsim (`experiments/*.json`), with their files and descriptions, sorted by name. */
export function shippedExperiments(): ShippedExperiment[] {
  return shippedFilesIn(shippedExperimentsDirectory(), 'experiment');
}

/** The `.json` files of a shipped folder (not schemas), by name, with their descriptions, sorted by name. */
function shippedFilesIn(directory: string, kind: string): ShippedExperiment[] {
  return scenarioNamesIn(directory).map((name) => {
    const file = join(directory, `${name}.json`);
    return { name, file, description: descriptionOf(file, kind) };
  });
}

/** `nameOrPath` when it is an existing file; else the file of that name (with or without `.json`) in `directory`. */
function resolveShippedIn(nameOrPath: string, directory: string): string {
  if (isFile(nameOrPath)) return nameOrPath;
  return shippedFileIn(withoutJson(nameOrPath), directory) ?? nameOrPath;
}

/** The file `directory` holds for `name` (`<name>.json`), or undefined. */
function shippedFileIn(name: string, directory: string): string | undefined {
  return scenarioNamesIn(directory).includes(name) ? join(directory, `${name}.json`) : undefined;
}

/** `name` without a `.json` ending. */
function withoutJson(name: string): string {
  return name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
}

/**
 * The file an experiment argument names: the argument itself when it is an
 * existing file; else the shipped experiment of that name (`two-halves`, with
 * or without `.json`); else the argument unchanged, for the caller to report
 * as not found.
 * @example
 * resolveShippedExperiment('two-halves'); // …/node_modules/govsim/experiments/two-halves.json
 */
export function resolveShippedExperiment(nameOrPath: string): string {
  return resolveShippedIn(nameOrPath, shippedExperimentsDirectory());
}

/** Absolute path of the folder of cities shipped with govsim (`scenarios/cities/`). */
export function shippedCitiesDirectory(): string {
  return join(shippedScenariosDirectory(), 'cities');
}

/** The cities shipped with govsim (`scenarios/cities/*.json`), with their files and descriptions, sorted by name. */
export function shippedCities(): ShippedExperiment[] {
  return shippedFilesIn(shippedCitiesDirectory(), 'city');
}

/**
 * The file a city argument names: the argument itself when it is an existing file; else the shipped city of that name
 * (`small-city`, with or without `.json`); else the argument unchanged, for the caller to report as not found.
 * @example
 * resolveShippedCity('small-city'); // …/node_modules/govsim/scenarios/cities/small-city.json
 */
export function resolveShippedCity(nameOrPath: string): string {
  return resolveShippedIn(nameOrPath, shippedCitiesDirectory());
}

/**
 * The file of the scenario or city shipped with govsim that `name` names (`y-community-co-production`, `z-street/case`,
 * `small-city`), or undefined. Names only, never a path: a name ending in `.json`, a file's, is none, so that a file
 * of one's own that is missing is never taken for a shipped one.
 * @example
 * shippedScenarioOrCityFile('small-city'); // …/node_modules/govsim/scenarios/cities/small-city.json
 */
export function shippedScenarioOrCityFile(name: string): string | undefined {
  if (name.endsWith('.json')) return undefined;
  return shippedScenarioFile(name) ?? shippedFileIn(name, shippedCitiesDirectory());
}

/**
 * The name of the shipped scenario or city a path to it ends with (`../scenarios/y-community-pause.json`,
 * `../scenarios/z-street-2018-2019/case.json`), as an experiment copied out of govsim's folders names its base; or
 * undefined.
 * @example shippedNameOfPath('../scenarios/z-street-2018-2019/case.json') // 'z-street/case'
 */
export function shippedNameOfPath(path: string): string | undefined {
  const key = basename(path, '.json');
  const folder = basename(dirname(path));
  for (const [caseName, caseFolder] of Object.entries(knownCases))
    if (basename(caseFolder) === folder && shippedScenarioFile(`${caseName}/${key}`) !== undefined) return `${caseName}/${key}`;
  return shippedScenarioOrCityFile(key) === undefined ? undefined : key;
}

/** The file of the shipped scenario a name without `.json` gives (`y-community-co-production`, `z-street/case`), or undefined. */
function shippedScenarioFile(name: string): string | undefined {
  const own = shippedFileIn(name, shippedScenariosDirectory());
  if (own !== undefined) return own;
  const [caseName, key, ...rest] = name.split('/');
  if (caseName !== undefined && Object.hasOwn(knownCases, caseName) && key !== undefined && rest.length === 0)
    return shippedFileIn(key, join(packageRoot(), knownCases[caseName] as string));
  return undefined;
}

/** Names of the scenarios shipped with govsim (`scenarios/*.json`), sorted. */
export function shippedScenarioNames(): string[] {
  return scenarioNamesIn(shippedScenariosDirectory());
}

/** The scenarios shipped with govsim, with their files and descriptions, sorted by name. */
export function shippedScenarios(): ShippedScenario[] {
  return shippedFilesIn(shippedScenariosDirectory(), 'scenario');
}

/** The case folders shipped with govsim (see `knownCases`), with their scenarios and descriptions. */
export function shippedCases(): ShippedCase[] {
  return Object.entries(knownCases).map(([name, folder]) => {
    const directory = join(packageRoot(), folder);
    const facts = readShippedJson(join(directory, 'facts.json'), 'facts file') as { case: string };
    const keys = scenarioNamesIn(directory);
    return {
      name,
      directory,
      description: descriptionOf(join(directory, `${facts.case}.json`), 'scenario'),
      scenarios: [facts.case, ...keys.filter((key) => key !== facts.case)],
    };
  });
}

/**
 * The file a scenario argument names: the argument itself when it is an
 * existing file; else the shipped scenario of that name (`y-community-co-production`,
 * with or without `.json`) or a scenario of a shipped case (`z-street/case`);
 * else the argument unchanged, for the caller to report as not found.
 * @example
 * resolveShippedScenario('y-community-co-production'); // …/node_modules/govsim/scenarios/y-community-co-production.json
 */
export function resolveShippedScenario(nameOrPath: string): string {
  if (isFile(nameOrPath)) return nameOrPath;
  return shippedScenarioFile(withoutJson(nameOrPath)) ?? nameOrPath;
}
