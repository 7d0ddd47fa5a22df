/**
 * Writing results to a folder so that a reader never sees a half-written
 * file: each file is written under a temporary name and renamed into place
 * (atomic on one file system), and nothing is written before all the work
 * that produces it has succeeded.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Scenario } from '../scenario/index.js';
import { type RunResult, scenarioHash, toJson, weeksToCsv } from '../simulation/index.js';
import { govsimVersion } from './version.js';

/** What a run's manifest records: enough to reproduce it. */
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

/** Writes `files` (relative path → text or bytes) into `directory`, each atomically; folders are made as needed. */
export async function writeFilesAtomically(directory: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const temporary = `.tmp-${process.pid}`;
  for (const [name, content] of files) {
    const path = join(directory, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}${temporary}`, content);
  }
  for (const name of files.keys()) await rename(join(directory, `${name}${temporary}`), join(directory, name));
}

/** Writes weeks.csv, summary.json and manifest.json for one run. */
export async function writeRunOutputs(
  directory: string,
  scenario: Scenario,
  result: RunResult,
  scenarioFile: string | null,
): Promise<string[]> {
  const names = ['weeks.csv', 'summary.json', 'manifest.json'];
  const files = new Map<string, string>([
    ['weeks.csv', weeksToCsv(result.weeks)],
    ['summary.json', toJson({ scenario: scenario.name, seed: result.seed, summary: result.summary })],
    ['manifest.json', toJson(runManifest(scenario, result, scenarioFile, names))],
  ]);
  await writeFilesAtomically(directory, files);
  return names.map((name) => join(directory, name));
}
