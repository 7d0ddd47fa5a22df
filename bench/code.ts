/**
 * The code a benchmark measures: this checkout's sources (through tsx), or
 * with a folder the compiled build in it (`folder/dist/src`, from `npm run
 * build`) — the package as installed, or an older commit's build to compare.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '../src/core/index.js';
import * as model from '../src/model/index.js';
import * as scenario from '../src/scenario/index.js';
import * as simulation from '../src/simulation/index.js';

export interface Code {
  core: typeof core;
  model: typeof model;
  scenario: typeof scenario;
  simulation: typeof simulation;
}

/** The sources without a folder; else the build in `folder/dist/src` (a message and exit 2 when there is none). */
export async function loadCode(folder: string | undefined): Promise<Code> {
  if (folder === undefined) return { core, model, scenario, simulation };
  if (!existsSync(resolve(folder, 'dist/src/simulation/index.js'))) {
    console.error(`--build: no compiled build in ${folder}/dist (run \`npm run build\` there first)`);
    process.exit(2);
  }
  const root = pathToFileURL(resolve(folder, 'dist/src')).href;
  const [coreBuild, modelBuild, scenarioBuild, simulationBuild] = await Promise.all([
    import(`${root}/core/index.js`),
    import(`${root}/model/index.js`),
    import(`${root}/scenario/index.js`),
    import(`${root}/simulation/index.js`),
  ]);
  return { core: coreBuild, model: modelBuild, scenario: scenarioBuild, simulation: simulationBuild };
}

/** What is measured, for a benchmark's heading. */
export function codeLine(folder: string | undefined): string {
  return folder === undefined ? 'the sources, through tsx' : `the compiled build in ${folder}/dist`;
}

/**
 * The value after `name` among `argumentsGiven` (`--build DIR`), and the arguments without the two; `name` without a
 * value after it is a message and exit 2 (else `--build` as the last argument would measure the sources unsaid).
 */
export function takeOption(argumentsGiven: readonly string[], name: string): { value: string | undefined; rest: string[] } {
  const index = argumentsGiven.indexOf(name);
  if (index < 0) return { value: undefined, rest: [...argumentsGiven] };
  const value = argumentsGiven[index + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`${name}: expected a value`);
    process.exit(2);
  }
  return {
    value,
    rest: argumentsGiven.filter((_, position) => position !== index && position !== index + 1),
  };
}
