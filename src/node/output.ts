/**
 * Writing results to a folder so that a reader never sees a half-written
 * file: each file is written under a temporary name, flushed and renamed into
 * place ({@link writeFilesAtomically}), and nothing is written before all the
 * work that produces it has succeeded.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cutText } from '../core/problems.js';
import type { Scenario } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import {
  type CommunityRun,
  communitiesToCsv,
  type RunResult,
  rolloutToCsv,
  scenarioHash,
  toJson,
  weeksToCsv,
} from '../simulation/index.js';
import { writeFilesAtomically } from './atomic-files.js';
import { checkOutputFolder } from './output-folder.js';
import { govsimVersion } from './version.js';

export { writeFilesAtomically };

/**
 * A name made safe as one folder under `out/`: runs of characters other than
 * letters, digits, '.', '_' and '-' become '-', leading dots and dashes are
 * dropped (no '..', no hidden folder), and trailing ones (`my-case/` names what `my-case` does), at most
 * 100 characters; `fallback`
 * when nothing is left.
 * @example outputFolderName('../../x') // 'x'
 */
export function outputFolderName(name: string, fallback = 'run'): string {
  const safe = name
    .replaceAll(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100)
    .replace(/[.-]+$/, '');
  return safe === '' ? fallback : safe;
}

/** What a run's manifest records: enough to reproduce it. */
export interface RunManifest {
  govsim: string;
  scenario: string;
  scenarioFile: string | null;
  scenarioHash: string;
  seed: number;
  weeks: number;
  node: string;
  files: string[];
  /** The model module the run extended the model with (absolute path and a hash of its text), when it did. */
  model?: { file: string; hash: string };
}

/** The manifest of one run: govsim and Node versions, scenario, its hash, seed, weeks and the files written. */
export function runManifest(
  scenario: Scenario,
  result: RunResult,
  scenarioFile: string | null,
  files: string[],
  model?: { file: string; hash: string },
): RunManifest {
  return {
    govsim: govsimVersion(),
    scenario: scenario.name,
    scenarioFile,
    scenarioHash: scenarioHash(scenario),
    seed: result.seed,
    weeks: result.weeks.length,
    node: process.version,
    files,
    ...(model === undefined ? {} : { model: { file: model.file, hash: model.hash } }),
  };
}

/**
 * Writes weeks.csv, summary.json and manifest.json for one run; given the
 * run's communities (`runWithCommunities`), also communities.csv (one row per
 * community) and rollout.csv (the street week by week as communities join).
 * An earlier run in `directory` is replaced: the files its manifest lists
 * that this run does not write are removed; other files are left alone. A
 * run of an extended model names its model module (`model`: its path and the
 * hash of its text, as {@link loadModelModuleWithHash} gives them) in the
 * manifest.
 * @returns the paths of the files written, each `directory` joined with its name (`out/my-run/weeks.csv`), as
 *   `govsim run` prints them; the writers of folders of many files (`writeReport`, `runSweep`) give names relative
 *   to their folder instead
 * @example
 * await writeRunOutputs('out/my-run', scenario, runScenario(scenario, { replicate: 0 }), 'my-scenario.json');
 * @throws ScenarioError naming the argument (`directory`, `scenario`, `result`, `scenarioFile`, `communities`, `model`)
 *   and the field, when one is not what it should be, before anything is written; or naming `directory` (an output
 *   folder) when `govsim run --out` would refuse it (see {@link checkOutputFolder})
 */
export async function writeRunOutputs(
  directory: string,
  scenario: Scenario,
  result: RunResult,
  scenarioFile: string | null,
  communities?: Omit<CommunityRun, 'result'>,
  model?: { file: string; hash: string },
): Promise<string[]> {
  checkArgumentWith('directory', (check) => check.text(directory, '(top level)'), 'output folder');
  checkArgumentWith('scenario', (check) => {
    if (check.object(scenario, '(top level)', 'a scenario (what parseScenario returns)')) check.text(scenario.name, 'name');
  });
  checkArgumentWith(
    'result',
    (check) => {
      if (!check.object(result, '(top level)', 'a run result (what runScenario returns)')) return;
      if (!Array.isArray(result.weeks)) check.add('weeks', 'expected the list of weeks (as runScenario gives it)');
      check.object(result.summary, 'summary', 'the run summary');
      check.wholeNumber(result.seed, 'seed', 0);
      // The manifest names the scenario given: a run of another would be filed under its name and hash.
      if (typeof result.scenarioName === 'string' && result.scenarioName !== scenario.name)
        check.add(
          'scenarioName',
          `expected a run of the scenario given (${JSON.stringify(cutText(scenario.name))}), got a run of ${JSON.stringify(cutText(result.scenarioName))}`,
        );
    },
    'run result',
  );
  if (scenarioFile !== null)
    checkArgumentWith('scenarioFile', (check) => check.text(scenarioFile, '(top level)'), 'scenario file (or null)');
  if (communities !== undefined)
    checkArgumentWith('communities', (check) => {
      if (!check.object(communities, '(top level)', 'the communities of runWithCommunities')) return;
      for (const name of ['communities', 'rollout'])
        if (!Array.isArray((communities as Record<string, unknown>)[name]))
          check.add(name, 'expected a list (as runWithCommunities gives it)');
    });
  checkArgumentWith('model', (check) => check.modelModule(model, '(top level)'), 'model module');
  // The command line's checks of its --out: not a file, a case folder, a shipped folder or one of another output.
  await checkOutputFolder(directory, 'run', 'directory');
  const names = [
    'weeks.csv',
    'summary.json',
    ...(communities === undefined ? [] : ['communities.csv', 'rollout.csv']),
    'manifest.json',
  ];
  const files = new Map<string, string>([
    ['weeks.csv', weeksToCsv(result.weeks)],
    ['summary.json', toJson({ scenario: scenario.name, seed: result.seed, summary: result.summary })],
  ]);
  if (communities !== undefined) {
    files.set('communities.csv', communitiesToCsv(communities.communities));
    files.set('rollout.csv', rolloutToCsv(communities.rollout));
  }
  files.set('manifest.json', toJson(runManifest(scenario, result, scenarioFile, names, model)));
  // An earlier run's output in the folder is replaced, not mixed with this one: its manifest goes first (a folder
  // without a manifest holds no finished run, should writing stop part way), then the new files, the manifest last,
  // then what the earlier run wrote and this one does not (a street's communities.csv after a community's run).
  const earlier = await earlierRunFiles(directory);
  if (earlier.length > 0) await rm(join(directory, 'manifest.json'), { force: true });
  await writeFilesAtomically(directory, files);
  for (const name of earlier) if (!files.has(name)) await rm(join(directory, name), { force: true });
  return names.map((name) => join(directory, name));
}

/** The files an earlier run's manifest in `directory` lists (plain names only), or none when there is no such manifest. */
async function earlierRunFiles(directory: string): Promise<string[]> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
  } catch {
    return [];
  }
  const listed = (manifest as Partial<RunManifest> | null)?.files;
  if (typeof (manifest as Partial<RunManifest> | null)?.scenarioHash !== 'string' || !Array.isArray(listed)) return [];
  // What was written is named without a folder: a manifest naming anything else was not written by a run.
  return listed.filter((name): name is string => typeof name === 'string' && name === basename(name) && !name.startsWith('.'));
}
