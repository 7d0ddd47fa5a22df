/**
 * Writing results to a folder so that a reader never sees a half-written
 * file: each file is written under a temporary name, flushed and renamed into
 * place ({@link writeFilesAtomically}), and nothing is written before all the
 * work that produces it has succeeded.
 */
import { join } from 'node:path';
import type { Scenario } from '../scenario/index.js';
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
import { govsimVersion } from './version.js';

export { writeFilesAtomically };

/**
 * A name made safe as one folder under `out/`: runs of characters other than
 * letters, digits, '.', '_' and '-' become '-', leading dots and dashes are
 * dropped (no '..', no hidden folder), at most 100 characters; `fallback`
 * when nothing is left.
 * @example outputFolderName('../../x') // 'x'
 */
export function outputFolderName(name: string, fallback = 'run'): string {
  const safe = name
    .replaceAll(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 100);
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
}

/** The manifest of one run: govsim and Node versions, scenario, its hash, seed, weeks and the files written. */
export function runManifest(scenario: Scenario, result: RunResult, scenarioFile: string | null, files: string[]): RunManifest {
  return {
    govsim: govsimVersion(),
    scenario: scenario.name,
    scenarioFile,
    scenarioHash: scenarioHash(scenario),
    seed: result.seed,
    weeks: result.weeks.length,
    node: process.version,
    files,
  };
}

/**
 * Writes weeks.csv, summary.json and manifest.json for one run; given the
 * run's communities (`runWithCommunities`), also communities.csv (one row per
 * community) and rollout.csv (the street week by week as communities join).
 * @example
 * await writeRunOutputs('out/my-run', scenario, runScenario(scenario, { replicate: 0 }), 'my-scenario.json');
 */
export async function writeRunOutputs(
  directory: string,
  scenario: Scenario,
  result: RunResult,
  scenarioFile: string | null,
  communities?: Omit<CommunityRun, 'result'>,
): Promise<string[]> {
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
  files.set('manifest.json', toJson(runManifest(scenario, result, scenarioFile, names)));
  await writeFilesAtomically(directory, files);
  return names.map((name) => join(directory, name));
}
