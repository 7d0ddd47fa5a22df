/**
 * Running a robustness analysis of a case folder on every core, and writing
 * it to a folder:
 *
 *   draws.csv      one row per draw: the parameter values, each fact's score and status
 *   facts.csv      one row per fact: draws holding, falling short, not applicable; top breakers
 *   contrasts.csv  one row per metric of the headline contrast: its difference at the defaults, draws keeping its sign
 *   index.html     a self-contained page with the robustness table
 *   manifest.json  version, case, seed, samples, replicates, parameters
 *
 * Draws are units of work for a pool of worker threads; a draw's outcome
 * depends only on its values, and outcomes are gathered in draw order, so
 * the files are byte-identical whatever the number of workers.
 */
import { robustnessContrastsCsv, robustnessDrawsCsv, robustnessFactsCsv, robustnessHtml } from '../report/index.js';
import { parseScenario } from '../scenario/index.js';
import { toJson } from '../simulation/index.js';
import {
  type Draw,
  type DrawOutcome,
  evaluateDraw,
  type RobustnessRun,
  robustnessDraws,
  robustnessParameters,
  scenariosOfFacts,
  scenariosWithOverrides,
  summariseRobustness,
} from '../validation/index.js';
import type { CaseFolder } from './case-folder.js';
import { writeFilesAtomically } from './output.js';
import { workerCount } from './sweep.js';
import { WorkerPool } from './worker-pool.js';

export interface RobustnessOptions {
  samples: number;
  replicates: number;
  seed: number;
  /** Worker threads (default: every core); 1 runs in this thread. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Draws the parameters, evaluates the case's facts at every draw, and
 * summarises. Every draw is applied to every scenario first, so a value a
 * scenario rejects stops the analysis before any work.
 *
 * @throws ScenarioError when a draw makes a scenario invalid
 * @example
 * const run = await runRobustness(await loadCaseFolder('z-street'), { samples: 60, replicates: 20, seed: 1 });
 * for (const fact of run.summary.facts) console.log(fact.title, fact.holding, fact.fallingShort);
 */
export async function runRobustness(folder: CaseFolder, options: RobustnessOptions): Promise<RobustnessRun> {
  const parameters = robustnessParameters();
  const draws = robustnessDraws(parameters, options.samples, options.seed);
  const needed = new Set(scenariosOfFacts(folder.facts));
  const inputs = new Map([...folder.inputs].filter(([key]) => needed.has(key)));
  for (const draw of draws) scenariosWithOverrides(inputs, draw);

  const pool = new WorkerPool<Draw, DrawOutcome>({
    module: 'robustness-worker',
    workerData: { facts: folder.facts, inputs, replicates: options.replicates },
    size: Math.min(draws.length + 1, workerCount(options.workers)),
    runHere: (draw) => evaluateDraw(folder.facts, inputs, draw, options.replicates),
  });
  // The defaults are one more unit of work, after the draws: the reference for the contrast's sign.
  const units: Draw[] = [...draws, {}];
  const results: DrawOutcome[] = new Array(units.length);
  let done = 0;
  try {
    await Promise.all(
      units.map(async (draw, index) => {
        results[index] = await pool.run(draw);
        done++;
        options.onProgress?.(done, units.length);
      }),
    );
  } finally {
    await pool.close();
  }
  const outcomes = results.slice(0, draws.length);
  const atDefaults = results[draws.length] as DrawOutcome;
  const caseScenario = parseScenario(folder.inputs.get(folder.facts.case), folder.facts.case);
  return {
    caseKey: folder.facts.case,
    caseName: caseScenario.name,
    seed: options.seed,
    samples: options.samples,
    replicates: options.replicates,
    parameters,
    draws,
    outcomes,
    atDefaults,
    summary: summariseRobustness(folder.facts, parameters, draws, outcomes, atDefaults),
  };
}

export interface RobustnessManifest {
  govsim: string;
  command: string;
  case: string;
  seed: number;
  samples: number;
  replicates: number;
  parameters: RobustnessRun['parameters'];
  files: string[];
}

/** Writes draws.csv, facts.csv, index.html and manifest.json into `directory`; returns their names. */
export async function writeRobustness(
  directory: string,
  run: RobustnessRun,
  context: { version: string; command: string },
): Promise<string[]> {
  const files = new Map<string, string>([
    ['draws.csv', robustnessDrawsCsv(run)],
    ['facts.csv', robustnessFactsCsv(run)],
    ['contrasts.csv', robustnessContrastsCsv(run)],
    ['index.html', robustnessHtml(run, context)],
  ]);
  const names = [...files.keys(), 'manifest.json'];
  const manifest: RobustnessManifest = {
    govsim: context.version,
    command: context.command,
    case: run.caseKey,
    seed: run.seed,
    samples: run.samples,
    replicates: run.replicates,
    parameters: run.parameters,
    files: names,
  };
  files.set('manifest.json', toJson(manifest));
  await writeFilesAtomically(directory, files);
  return names;
}
