/**
 * A case folder: scenario files (the case and its counterfactuals, keyed by
 * file name without `.json`) and a `facts.json` declaring the stylized facts
 * checked on them.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import {
  applyOverrides,
  describeIssues,
  parseExtendedScenario,
  type Scenario,
  ScenarioError,
  sameWorld,
} from '../scenario/index.js';
import { keysIn } from '../scenario/parse.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { type ModelDefinition, runScenario, scenarioHash } from '../simulation/index.js';
import {
  type FactsFile,
  factsFileSchema,
  factsProblems,
  failsWhenSchema,
  scenarioReferences,
  weeklyMeasureNames,
  withFactNames,
} from '../validation/index.js';
import { InputFileError, readJsonInput } from './input-file.js';
import { readScenarioInput, withBaseSeed } from './scenario-file.js';
import { knownCases } from './shipped.js';
import { packageRoot } from './version.js';

/** A case folder read and validated: its facts file and the scenarios of the case and its counterfactuals. */
export interface CaseFolder {
  /** The folder's path: as given, or for a known case relative to the working directory. */
  directory: string;
  /** Its parsed `facts.json`. */
  facts: FactsFile;
  /** Scenarios by key, the case first. */
  scenarios: Map<string, Scenario>;
  /** Each scenario as written (parsed JSON before validation), by key: what parameter overrides apply to. */
  inputs: Map<string, unknown>;
  /** Source file of each scenario key. */
  files: Map<string, string>;
  /** The model definition the scenarios were parsed for, when the model is extended. */
  model?: ModelDefinition;
  /**
   * What is worth saying of the folder without refusing it: each scenario whose world differs from the case
   * scenario's (paired replicates share seeds, but on another world they draw other households, needs and
   * projects, so the pairs compare more than the mode). Empty when there is nothing to say.
   */
  notes: string[];
}

/**
 * Reads and validates a case folder (a known case name or a path); with `model`, its scenarios may set that model's
 * extension parameters; with `baseSeed`, every scenario of the case runs on that base seed instead of its own `seed`
 * (another base seed, another independent set of paired replicates).
 * @throws ScenarioError naming the argument (`case`, `case folder options`) when `nameOrPath` is not text or an
 *   option is unknown, `model` not a sound definition or `baseSeed` not a whole number from 0; or the folder's own
 *   problems
 * @example
 * const folder = await loadCaseFolder('z-street');
 * const { results } = evaluateFacts(folder.facts, folder.scenarios, 200);
 */
export async function loadCaseFolder(
  nameOrPath: string,
  options: { model?: ModelDefinition; baseSeed?: number } = {},
): Promise<CaseFolder> {
  checkArgumentWith('case', (check) => check.text(nameOrPath, '(top level)'), 'case name or folder');
  checkArgumentWith('case folder options', (check) =>
    check.wholeNumber(check.options(options, ['model', 'baseSeed']).baseSeed, 'baseSeed', 0, true),
  );
  const known = Object.hasOwn(knownCases, nameOrPath) ? knownCases[nameOrPath] : undefined;
  // A known case's name that is also a folder here is taken for neither: which one was meant cannot be told.
  if (
    known !== undefined &&
    (await stat(nameOrPath).then(
      (found) => found.isDirectory(),
      () => false,
    ))
  )
    throw new ScenarioError(
      nameOrPath,
      [
        {
          path: '',
          message: `names both the shipped case ${nameOrPath} and the folder ./${nameOrPath} here: give ./${nameOrPath} for the folder, or run from another folder for the shipped case`,
        },
      ],
      'case folder',
    );
  // A known case is found in govsim's own folder, wherever the command runs.
  const directory = known === undefined ? nameOrPath : relative(process.cwd(), join(packageRoot(), known)) || '.';
  const factsPath = join(directory, 'facts.json');
  let input: unknown;
  try {
    input = await readJsonInput(factsPath, 'facts file');
  } catch (error) {
    if (!(error instanceof InputFileError && error.missing)) throw error;
    const found = await stat(directory).catch(() => undefined);
    if (found === undefined)
      throw new ScenarioError(
        directory,
        [
          {
            path: '',
            message: `not found: no such folder, nor a known case of that name (known cases: ${Object.keys(knownCases).join(', ')})`,
          },
        ],
        'case folder',
      );
    if (found.isFile())
      throw new ScenarioError(
        directory,
        [
          {
            path: '',
            message: `is a file, expected a case folder (facts.json beside its scenarios) or a known case: ${Object.keys(knownCases).join(', ')}`,
          },
        ],
        'case folder',
      );
    throw new ScenarioError(
      factsPath,
      [
        {
          path: '',
          message: `file not found (a case folder holds facts.json beside its scenarios; known cases: ${Object.keys(knownCases).join(', ')})`,
        },
      ],
      'case folder',
    );
  }
  // What was given is kept in each issue: a misspelt series or milestone is told the name meant.
  const parsed = factsFileSchema.safeParse(input, { reportInput: true });
  // A file the schema refused is read on as far as its shape allows: every problem is reported at once.
  const given: FactsFile | unknown = parsed.success ? parsed.data : input;
  const names = (await readdir(directory)).filter((name) => name.endsWith('.json') && name !== 'facts.json').sort();
  const available = new Map(names.map((name) => [basename(name, '.json'), join(directory, name)]));
  const missing = scenarioReferences(given)
    .filter((reference) => !available.has(reference.scenario))
    .map(({ path, scenario }) => ({
      path,
      message: `expected a scenario of the case folder: "${scenario}" has no file ${join(directory, `${scenario}.json`)}`,
    }));
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error.issues, keysIn(factsFileSchema))), ...missing];
  const caseKey = parsed.success ? parsed.data.case : (input as { case?: unknown } | null)?.case;
  const ordered = [
    ...(typeof caseKey === 'string' && available.has(caseKey) ? [caseKey] : []),
    ...[...available.keys()].filter((key) => key !== caseKey),
  ];
  const scenarios = new Map<string, Scenario>();
  const inputs = new Map<string, unknown>();
  const files = new Map<string, string>();
  for (const key of ordered) {
    const file = available.get(key) as string;
    try {
      const input = withBaseSeed(await readScenarioInput(file), options.baseSeed);
      const scenario = parseExtendedScenario(input, options.model?.extensions ?? [], file);
      inputs.set(key, input);
      scenarios.set(key, scenario);
      files.set(key, file);
    } catch (error) {
      // Beside a facts file already refused, a scenario that does not load is reported with it and left out of the
      // checks that read it.
      if (problems.length === 0 || !(error instanceof ScenarioError || error instanceof InputFileError)) throw error;
      const own = error instanceof ScenarioError ? error.problems : [{ path: '', message: (error as Error).message }];
      for (const problem of own)
        problems.push({
          path: '',
          message: `the scenario file ${file} is invalid too${problem.path === '' ? '' : ` at ${problem.path}`}: ${problem.message}`,
        });
    }
  }
  // A fact's alternative setting must make valid scenarios of the case: found now, not first when it is run.
  const settingProblems = new Map<string, { path: string; message: string }>();
  const facts = (given as { facts?: unknown } | null)?.facts;
  if (Array.isArray(facts)) {
    facts.forEach((fact: unknown, index) => {
      const failsWhen = failsWhenSchema.safeParse((fact as { failsWhen?: unknown } | null)?.failsWhen);
      if (!failsWhen.success) return;
      const path = `facts[${index}].failsWhen.parameters`;
      const settings = failsWhen.data.parameters;
      // Each scenario under the whole alternative, by the hash of what it becomes.
      const withAll = new Map<string, string>();
      for (const [key, scenarioInput] of inputs) {
        try {
          withAll.set(key, scenarioHash(applyOverrides(scenarioInput, settings, key, options.model?.extensions)));
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          for (const problem of error.problems) {
            const message = `${problem.path}: ${problem.message} (in the case's scenarios)`;
            settingProblems.set(`${path}\u0000${message}`, { path, message });
          }
        }
      }
      if (withAll.size < inputs.size) return;
      // A setting that changes no scenario would let the fact "still hold" under an alternative that is the case itself:
      // the alternative with it must differ from the alternative without it (settings may need each other to be valid).
      for (const [setting, value] of Object.entries(settings)) {
        const others = Object.fromEntries(Object.entries(settings).filter(([path]) => path !== setting));
        let changes = false;
        for (const [key, scenarioInput] of inputs) {
          try {
            const without = applyOverrides(scenarioInput, others, key, options.model?.extensions);
            if (scenarioHash(without) !== withAll.get(key)) changes = true;
          } catch (error) {
            if (!(error instanceof ScenarioError)) throw error;
            // Without it the alternative is no valid scenario: the setting is needed.
            changes = true;
          }
          if (changes) break;
        }
        if (!changes)
          settingProblems.set(`${path}.${setting}`, {
            path: `${path}.${setting}`,
            message: `changes no scenario of the case beyond what the other settings do: each already has ${JSON.stringify(value)} there, or has no such field (a list element past the list's end, a switch rule or timeline entry it lacks)`,
          });
      }
    });
  }
  // What the schema cannot see: summary paths that name nothing, windows beyond a scenario's horizon.
  // Any run's summary has the shape: the case's, or another scenario's when the case's is missing.
  const shapeScenario = scenarios.values().next().value;
  const shape =
    shapeScenario === undefined
      ? undefined
      : runScenario(shapeScenario, options.model === undefined ? { weeks: 1 } : { weeks: 1, model: options.model });
  problems.push(
    ...settingProblems.values(),
    ...factsProblems(given, (key) => scenarios.get(key)?.weeks, shape?.summary, weeklyMeasureNames(options.model)),
  );
  if (!parsed.success || problems.length > 0) throw new ScenarioError(factsPath, withFactNames(problems, input), 'facts file');
  return {
    directory,
    facts: parsed.data,
    scenarios,
    inputs,
    files,
    ...(options.model === undefined ? {} : { model: options.model }),
    notes: worldNotes(parsed.data.case, scenarios, files),
  };
}

/**
 * A note for each scenario whose world is not the case scenario's (the parsed worlds, defaults filled in, compared
 * whole), naming both files.
 */
function worldNotes(caseKey: string, scenarios: ReadonlyMap<string, Scenario>, files: ReadonlyMap<string, string>): string[] {
  const caseScenario = scenarios.get(caseKey);
  if (caseScenario === undefined) return [];
  const differing = [...scenarios].filter(([key, scenario]) => key !== caseKey && !sameWorld(scenario, caseScenario));
  return differing.map(
    ([key]) =>
      `${files.get(key)}: its world differs from that of the case scenario ${files.get(caseKey)}; paired replicates share seeds, but on another world they draw other households, needs and projects, so its comparisons with the case measure more than the mode`,
  );
}
