/**
 * Running a robustness analysis of a case folder on every core, and writing
 * it to a folder:
 *
 *   draws.csv      one row per draw: the parameter values, each fact's score and status
 *   facts.csv      one row per fact: draws holding, falling short, not applicable; top breakers
 *   pairs.csv      one row per pair of facts: draws holding together and apart, and their φ
 *   contrasts.csv  one row per metric of the headline contrast: its difference at the defaults, draws keeping its sign
 *   index.html     a self-contained page with the robustness table
 *   manifest.json  version, case, seed, samples, replicates, parameters, the facts about the case path
 *
 * The draws are a Latin hypercube over every assumption with a plausible
 * range, or read from a CSV file (`--draws`): one row per draw, one column per
 * parameter path; parameters it leaves out keep the values the case’s scenarios give them.
 *
 * Draws are units of work for a pool of worker threads; a draw's outcome
 * depends only on its values, and outcomes are gathered in draw order, so
 * the files are byte-identical whatever the number of workers — and whether
 * or not the run was interrupted and finished with `--resume`, from the
 * outcomes it kept as it went (see robustness-progress.ts).
 */

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decimalCell } from '../core/index.js';
import {
  robustnessContrastsCsv,
  robustnessDrawsCsv,
  robustnessFactsCsv,
  robustnessHtml,
  robustnessPairsCsv,
} from '../report/index.js';
import { parameterRows, parseScenario, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { toJson } from '../simulation/index.js';
import {
  type Draw,
  type DrawOutcome,
  evaluateDraw,
  type RobustnessParameter,
  type RobustnessRun,
  robustnessDraws,
  robustnessParameters,
  scenariosOfFacts,
  scenariosWithOverrides,
  summariseRobustness,
} from '../validation/index.js';
import type { CaseFolder } from './case-folder.js';
import { parseCsvText } from './csv-files.js';
import { readInputText } from './input-file.js';
import { writeFilesAtomically } from './output.js';
import { openRobustnessProgress, robustnessProgressFile, robustnessRunKey } from './robustness-progress.js';
import { workerCount } from './sweep.js';
import { govsimVersion } from './version.js';
import { WorkerPool } from './worker-pool.js';

export interface RobustnessOptions {
  /** Latin-hypercube draws; unused with `drawsFile`. */
  samples: number;
  replicates: number;
  /** Seed of the Latin hypercube; unused with `drawsFile`. */
  seed: number;
  /** Draws to evaluate instead of a Latin hypercube, such as those of a file ({@link readRobustnessDraws}). */
  given?: GivenDraws;
  /** Worker threads (default: every core); 1 runs in this thread. */
  workers?: number;
  /** Called as units of work finish; `done` counts those taken from an interrupted run's progress too. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A folder to keep each finished unit's outcome in as it comes ({@link robustnessProgressFile}), so that a run
   * stopped part way can be finished; with `resume`, the outcomes an interrupted run of the same analysis left there
   * are taken and only the rest is run. {@link writeRobustness} removes the file.
   */
  progress?: { directory: string; resume: boolean };
}

/**
 * Draws the parameters (or takes `options.given`), evaluates the case's
 * facts at every draw, and summarises. Every draw is applied to every scenario first, so a value a
 * scenario rejects stops the analysis before any work.
 *
 * @throws ScenarioError when a draw makes a scenario invalid
 * @example
 * const run = await runRobustness(await loadCaseFolder('z-street'), { samples: 60, replicates: 20, seed: 1 });
 * for (const fact of run.summary.facts) console.log(fact.title, fact.holding, fact.fallingShort);
 */
export async function runRobustness(folder: CaseFolder, options: RobustnessOptions): Promise<RobustnessRun> {
  const { given } = options;
  const parameters = given?.parameters ?? robustnessParameters();
  const draws = given?.draws ?? robustnessDraws(parameters, options.samples, options.seed);
  const needed = new Set(scenariosOfFacts(folder.facts));
  const inputs = new Map([...folder.inputs].filter(([key]) => needed.has(key)));
  draws.forEach((draw, index) => {
    try {
      scenariosWithOverrides(inputs, draw);
    } catch (error) {
      if (given === undefined || !(error instanceof ScenarioError)) throw error;
      // A value the schema accepts in general but a scenario of the case rejects: name the row as well.
      throw new ScenarioError(
        given.source,
        error.problems.map((problem) => ({ path: `row ${index + 1}: ${problem.path}`, message: problem.message })),
        drawsFileKind,
      );
    }
  });

  const workers = Math.min(draws.length + 1, workerCount(options.workers));
  const pool = new WorkerPool<Draw, DrawOutcome>({
    module: 'robustness-worker',
    workerData: { facts: folder.facts, inputs, replicates: options.replicates },
    size: workers,
    runHere: (draw) => evaluateDraw(folder.facts, inputs, draw, options.replicates),
  });
  // The defaults are one more unit of work, after the draws: the reference for the contrast's sign.
  const units: Draw[] = [...draws, {}];
  const kept =
    options.progress === undefined
      ? undefined
      : await openRobustnessProgress(
          options.progress.directory,
          robustnessRunKey(govsimVersion(), folder.facts, inputs, draws, options.replicates),
          govsimVersion(),
          units.length,
          options.progress.resume,
        );
  const results: DrawOutcome[] = new Array(units.length);
  let done = 0;
  for (const [index, outcome] of kept?.finished ?? []) {
    results[index] = outcome;
    done++;
  }
  if (done > 0) options.onProgress?.(done, units.length);
  // One unit of work at a time per worker, each recorded before the worker takes the next: progress is told, and a
  // stop asked for (Ctrl-C) is heard, between units. Once one unit fails, the others record nothing more.
  let stopped = false;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!stopped && next < units.length) {
      const index = next++;
      if (results[index] !== undefined) continue;
      const outcome = await pool.run(units[index] as Draw);
      if (stopped) return;
      results[index] = outcome;
      await kept?.record(index, outcome);
      done++;
      options.onProgress?.(done, units.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } catch (error) {
    stopped = true;
    throw error;
  } finally {
    await pool.close();
    await kept?.flush();
  }
  const outcomes = results.slice(0, draws.length);
  const atDefaults = results[draws.length] as DrawOutcome;
  const caseScenario = parseScenario(folder.inputs.get(folder.facts.case), folder.facts.case);
  return {
    caseKey: folder.facts.case,
    caseName: caseScenario.name,
    seed: options.seed,
    samples: draws.length,
    replicates: options.replicates,
    parameters,
    draws,
    outcomes,
    atDefaults,
    ...(given === undefined ? {} : { drawsFile: given.source }),
    summary: summariseRobustness(folder.facts, parameters, draws, outcomes, atDefaults),
  };
}

export interface RobustnessManifest {
  govsim: string;
  command: string;
  case: string;
  /** Seed of the Latin hypercube; null when the draws were read from a file. */
  seed: number | null;
  /** The file the draws were read from, when they were. */
  drawsFile?: string;
  samples: number;
  replicates: number;
  parameters: RobustnessRun['parameters'];
  /** Ids of the facts about the case path itself, those the "given what the case showed" view filters by. */
  observedFacts: number[];
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
    ['pairs.csv', robustnessPairsCsv(run)],
    ['index.html', robustnessHtml(run, context)],
  ]);
  const names = [...files.keys(), 'manifest.json'];
  const manifest: RobustnessManifest = {
    govsim: context.version,
    command: context.command,
    case: run.caseKey,
    seed: run.drawsFile === undefined ? run.seed : null,
    ...(run.drawsFile === undefined ? {} : { drawsFile: run.drawsFile }),
    samples: run.samples,
    replicates: run.replicates,
    parameters: run.parameters,
    observedFacts: run.summary.givenObserved?.observed ?? [],
    files: names,
  };
  files.set('manifest.json', toJson(manifest));
  await writeFilesAtomically(directory, files);
  // The run is written whole: what it kept to finish it after an interruption has served.
  await rm(join(directory, robustnessProgressFile), { force: true });
  return names;
}

const drawsFileKind = 'parameter draws (CSV: a header of parameter paths, then one row of decimal numbers per draw)';

/** The most draws a file may hold, as for `--samples`. */
export const maximumDrawsInFile = 100_000;

/** Columns of a `govsim robustness` draws.csv that are outcomes, not parameters: skipped, so such a file can be given back. */
function isOutcomeColumn(column: string): boolean {
  return column === 'draw' || /^fact\d+\.(share|status)$/.test(column) || column.startsWith('contrast.');
}

/** Draws given rather than drawn: where they came from, the values, and the parameters they set. */
export interface GivenDraws {
  /** Where the draws came from (a file's path), for messages and the report. */
  source: string;
  draws: Draw[];
  /** The parameters the draws set, each with a range (for the report) and whether it is whole. */
  parameters: RobustnessParameter[];
}

/**
 * Reads parameter draws from a CSV file: a header naming scenario parameter
 * paths as `govsim schema` lists them (`parameters.staff.routineLoad`,
 * `world.communities[].sites`), then one row of decimal numbers per draw. Parameters
 * the file leaves out keep the values the case’s scenarios give them; spaces around a name and blank
 * lines are ignored; row numbers in messages count the rows of numbers. A
 * `draw` column and the outcome
 * columns of a `govsim robustness` draws.csv are skipped, so that file can be
 * evaluated again (with more replicates, say). Each parameter's range is its
 * plausible range where the schema gives one, else the span of its column.
 *
 * @throws ScenarioError naming the file, and the row and column, when a column is not a
 *   parameter, a column repeats, a cell is not a finite number, or there is no draw
 */
export async function readRobustnessDraws(file: string): Promise<GivenDraws> {
  const text = await readInputText(file, drawsFileKind, 'CSV');
  let rows: string[][];
  try {
    // Blank lines are skipped, as a hand-written file may have them (no cell of a draws file spans lines).
    rows = parseCsvText(text.replace(/^[ \t]*\r?\n/gm, ''));
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `not readable as CSV: ${(error as Error).message}` }], drawsFileKind);
  }
  // Names are read without the spaces a hand-written header may put around them.
  const [first = [], ...body] = rows;
  const header = first.map((column) => column.trim());
  const known = new Map(parameterRows().map((row) => [row.path, row]));
  const problems: ScenarioProblem[] = [];
  const columns: Array<{ index: number; path: string }> = [];
  header.forEach((column, index) => {
    if (isOutcomeColumn(column)) return;
    if (!known.has(column)) {
      problems.push({ path: `column ${index + 1} (${column})`, message: 'not a scenario parameter (see `govsim schema`)' });
    } else if (columns.some((kept) => kept.path === column)) {
      problems.push({ path: `column ${index + 1} (${column})`, message: 'repeats an earlier column' });
    } else columns.push({ index, path: column });
  });
  if (header.length > 0 && columns.length === 0 && problems.length === 0)
    problems.push({ path: 'header', message: 'names no parameter' });
  if (body.length === 0) problems.push({ path: '', message: 'holds no draw: expected a header and at least one row' });
  if (body.length > maximumDrawsInFile)
    problems.push({ path: '', message: `holds ${body.length} draws; at most ${maximumDrawsInFile} are allowed` });
  const draws: Draw[] = [];
  if (problems.length === 0) {
    body.forEach((cells, rowIndex) => {
      const draw: Draw = {};
      for (const { index, path } of columns) {
        const cell = (cells[index] ?? '').trim();
        const value = decimalCell(cell);
        if (!Number.isFinite(value)) {
          problems.push({
            path: `row ${rowIndex + 1}, column ${path}`,
            message: `expected a decimal number, got ${JSON.stringify(cell)}`,
          });
        } else draw[path] = value;
      }
      draws.push(draw);
    });
  }
  if (problems.length > 0) throw new ScenarioError(file, problems, drawsFileKind);
  const parameters = columns.map(({ path }): RobustnessParameter => {
    const row = known.get(path);
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const draw of draws) {
      low = Math.min(low, draw[path] as number);
      high = Math.max(high, draw[path] as number);
    }
    return { path, range: row?.plausibleRange ?? [low, high], integer: row?.integer ?? false };
  });
  return { source: file, draws, parameters };
}
