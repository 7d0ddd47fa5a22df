/**
 * Running a robustness analysis of a case folder on every core, and writing
 * it to a folder:
 *
 *   draws.csv      one row per draw: the parameter values, each fact's score and status
 *   facts.csv      one row per fact: draws holding, falling short, not applicable; top breakers
 *   pairs.csv      one row per pair of facts: draws holding together and apart, and their φ
 *   contrasts.csv  one row per metric of the headline contrast: its difference at the defaults, draws keeping its sign
 *   index.html     a self-contained page with the robustness table
 *   manifest.json  version, case, seed, samples, replicates, parameters, the facts about the case path, a hash of
 *                  the facts and scenarios checked (and the model module's, with one)
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

import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decimalCell, finishStepsPausing, isRecord } from '../core/index.js';
import { experimentLimits } from '../experiments/index.js';
import {
  robustnessContrastsCsv,
  robustnessDrawsCsv,
  robustnessFactsCsv,
  robustnessHtml,
  robustnessPairsCsv,
} from '../report/index.js';
import {
  nearestName,
  type ParameterExtension,
  parameterRows,
  parseExtendedScenario,
  type Scenario,
  ScenarioError,
  type ScenarioProblem,
} from '../scenario/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { type ModelDefinition, namingRun, toJson } from '../simulation/index.js';
import {
  type Draw,
  type DrawOutcome,
  evaluateDrawSteps,
  parametersThatApply,
  type RobustnessParameter,
  type RobustnessRun,
  robustnessDraws,
  robustnessParameters,
  robustnessSampleLimits,
  scenariosOfFacts,
  scenariosWithOverrides,
  summariseRobustness,
} from '../validation/index.js';
import { checkFactsFile } from '../validation/validate.js';
import type { CaseFolder } from './case-folder.js';
import { type CsvLine, parseCsvLines } from './csv-files.js';
import { readInputText } from './input-file.js';
import { isTypeScriptFile } from './model-module.js';
import { writeFilesAtomically } from './output.js';
import { realFolder, robustnessProgressFile } from './output-folder.js';
import {
  caseContentHash,
  holdsKeptOutcomes,
  openRobustnessProgress,
  type ProgressIdentity,
  type RobustnessProgress,
  readRobustnessProgress,
  robustnessRunKey,
} from './robustness-progress.js';
import type { Shard } from './shard.js';
import { govsimVersion } from './version.js';
import { runInLanes, WorkerPool, workerCount } from './worker-pool.js';

/** Options of {@link runRobustness}. */
export interface RobustnessOptions {
  /** Latin-hypercube draws; unused with `drawsFile`. */
  samples: number;
  /** Paired replicates of every scenario at each draw (and at the defaults). */
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
  /**
   * The folders of the shards of this analysis ({@link runRobustnessShard}), whose outcomes are taken; every unit
   * must be in one of them (nothing is run).
   */
  mergeFrom?: readonly string[];
  /** Told how many units were taken from kept outcomes (an interrupted run's, or the shards'), before any is run. */
  onKept?: (units: number) => void;
  /** Notes on what was found (lines of a progress file that could not be used); default: stderr. */
  onNote?: (text: string) => void;
  /**
   * The model module of an extended model, as `loadModelModuleWithHash` returns it (its definition, absolute
   * path and a hash of its text): the [A] parameters of its extensions with a plausible range are drawn too, every draw
   * is applied with its extensions and the facts are evaluated under it; each worker thread loads the module again
   * from its file (refusing it if its text changed). Its hash is part of the analysis's key, so that a progress file,
   * shard or finished folder of another model (or of none) is not taken for this analysis.
   */
  model?: RobustnessModel;
}

/** A model module as a robustness analysis takes it: what `loadModelModuleWithHash` returns. */
export interface RobustnessModel {
  definition: ModelDefinition;
  /** The module's absolute path, loaded again in each worker thread. */
  file: string;
  /** A hash of the module's text. */
  hash: string;
}

/** The options {@link runRobustness} takes. */
const robustnessOptionNames: ReadonlyArray<keyof RobustnessOptions> = [
  'samples',
  'replicates',
  'seed',
  'given',
  'workers',
  'onProgress',
  'progress',
  'mergeFrom',
  'onKept',
  'onNote',
  'model',
];

/**
 * Checks the arguments of an analysis, for callers in plain JavaScript: the case folder what `loadCaseFolder`
 * returns (its facts file against the schema, its scenarios as written a Map); the options none but those of
 * {@link RobustnessOptions}, replicates a whole number from 1 to 100,000, samples from 2 to 100,000 and seed from 0
 * (unless `given`) — what `govsim robustness` takes —, `given` as {@link readRobustnessDraws} returns it, `progress`
 * a folder and a flag (required when `progressRequired`), `mergeFrom` a list of folders, the callbacks functions.
 * Each problem is listed once. Returns the folder with its facts file parsed (a file as written has its defaults
 * filled, as `loadCaseFolder` reads it).
 * @throws ScenarioError naming the argument (`case folder`, `facts file`, `robustness options`) and the field
 */
function checkRobustnessArguments(folder: CaseFolder, options: unknown, progressRequired = false): CaseFolder {
  let facts: unknown;
  checkArgumentWith('case folder', (check) => {
    if (!check.object(folder, '(top level)', 'a case folder (what loadCaseFolder returns)')) return;
    check.map(folder.inputs, 'inputs', 'a Map of the scenarios as written, by key');
    if (check.object(folder.facts, 'facts', 'the facts file')) facts = folder.facts;
  });
  const parsedFacts = checkFactsFile(facts);
  checkArgumentWith('robustness options', (check: ArgumentCheck) => {
    if (!isRecord(options)) {
      check.options(options, robustnessOptionNames);
      return;
    }
    // The numbers are checked here, with their limits, and not again among the options.
    // The model module too: `model` among the options of a run is a definition, here the module it came from.
    const { replicates, samples, seed, model, ...others } = options;
    const given = check.options(others, robustnessOptionNames);
    check.wholeNumberUpTo(replicates, 'replicates', 1, experimentLimits.replicates);
    check.wholeNumber(seed, 'seed', 0, given.given !== undefined);
    if (given.given === undefined)
      check.wholeNumberUpTo(samples, 'samples', robustnessSampleLimits.minimum, robustnessSampleLimits.maximum);
    else if (check.object(given.given, 'given', 'draws {source, draws, parameters} (what readRobustnessDraws returns)')) {
      check.text(given.given.source, 'given.source');
      if (!Array.isArray(given.given.draws)) check.add('given.draws', 'expected a list of draws');
      if (!Array.isArray(given.given.parameters)) check.add('given.parameters', 'expected a list of parameters');
    }
    check.wholeNumber(given.workers, 'workers', 1, true);
    if (given.progress !== undefined || progressRequired)
      if (check.object(given.progress, 'progress', 'a progress folder {directory, resume}')) {
        check.text(given.progress.directory, 'progress.directory');
        check.flag(given.progress.resume, 'progress.resume');
      }
    if (given.mergeFrom !== undefined) check.textList(given.mergeFrom, 'mergeFrom', 'a list of shard folders');
    check.callback(given.onKept, 'onKept');
    check.callback(given.onNote, 'onNote');
    if (
      model !== undefined &&
      check.object(model, 'model', 'the model module {definition, file, hash} (what loadModelModuleWithHash returns)')
    ) {
      check.object(model.definition, 'model.definition', 'a model definition (defineModel)');
      check.text(model.file, 'model.file');
      check.text(model.hash, 'model.hash');
    }
  });
  return { ...folder, facts: parsedFacts };
}

/** What a robustness analysis is made of, before any unit of work is run. */
interface RobustnessPlan {
  parameters: RobustnessParameter[];
  draws: Draw[];
  /** The scenarios the facts need, as written. */
  inputs: Map<string, unknown>;
  /** The draws, then the defaults (no parameter drawn): the reference for the contrast's sign. */
  units: Draw[];
  /** What names the analysis, and the shape of its outcomes, for the progress files kept of it. */
  identity: ProgressIdentity;
}

/** One unit of a robustness analysis as a worker thread takes it: the draw, and its name for messages. */
export interface RobustnessTask {
  draw: Draw;
  /** {@link unitRunName}: said by an error of a model module's code met while evaluating the draw. */
  name: string;
}

/** Unit `index` of `units` in words: `robustness draw 4` (the `draw` column of draws.csv), or the defaults, last. */
export function unitRunName(index: number, units: number): string {
  return index === units - 1 ? 'robustness defaults (no parameter drawn)' : `robustness draw ${index}`;
}

/** The draws and scenarios of an analysis, every draw applied to every scenario first: a value a scenario rejects stops it before any work. */
function planRobustness(folder: CaseFolder, options: RobustnessOptions): RobustnessPlan {
  const { given } = options;
  const { parameters, draws, inputs, identity } = robustnessIdentity(folder, options);
  // A value the schema accepts in general but a scenario of the case rejects: every such row is named, as the file's
  // other problems are.
  const rejected: ScenarioProblem[] = [];
  draws.forEach((draw, index) => {
    try {
      scenariosWithOverrides(inputs, draw, options.model?.definition);
    } catch (error) {
      if (given === undefined || !(error instanceof ScenarioError)) throw error;
      const row = drawsRowName(index, given.lines?.[index]);
      for (const problem of error.problems)
        rejected.push({ path: problem.path === '' ? row : `${row}: ${problem.path}`, message: problem.message });
    }
  });
  if (given !== undefined && rejected.length > 0) throw new ScenarioError(given.source, rejected, drawsFileKind);
  return { parameters, draws, inputs, units: [...draws, {}], identity };
}

/** An analysis's parameters, draws and the scenarios its facts need, and what names it (its key), unchecked. */
function robustnessIdentity(
  folder: CaseFolder,
  options: Pick<RobustnessOptions, 'given' | 'samples' | 'seed' | 'replicates' | 'model'>,
): Pick<RobustnessPlan, 'parameters' | 'draws' | 'inputs' | 'identity'> {
  const { given, model } = options;
  const inputs = scenariosTheFactsName(folder);
  // Drawn: the assumptions that can change a run of the scenarios the facts name (no switch rule's in a case without one).
  const parameters =
    given?.parameters ??
    parametersThatApply(
      robustnessParameters(model?.definition.extensions),
      [...inputs].map(([key, input]) => parseExtendedScenario(input, model?.definition.extensions ?? [], key)),
    );
  const draws = given?.draws ?? robustnessDraws(parameters, options.samples, options.seed);
  const version = govsimVersion();
  const identity: ProgressIdentity = {
    key: robustnessRunKey(version, folder.facts, inputs, draws, options.replicates, model?.hash),
    version,
    units: draws.length + 1,
    shape: { factIds: folder.facts.facts.map((fact) => fact.id), contrasts: folder.facts.contrast?.metrics.length ?? 0 },
    settings:
      given === undefined
        ? `--samples ${options.samples} --replicates ${options.replicates} --seed ${options.seed}`
        : `--draws ${given.source} --replicates ${options.replicates}`,
  };
  return { parameters, draws, inputs, identity };
}

/** The inputs of the scenarios the case's facts name, by key: the only scenarios an analysis of them runs. */
function scenariosTheFactsName(folder: CaseFolder): Map<string, unknown> {
  const needed = new Set(scenariosOfFacts(folder.facts));
  return new Map([...folder.inputs].filter(([key]) => needed.has(key)));
}

/**
 * A hash of what a robustness analysis checks: the case's facts (their checks and thresholds, parsed: a file as written
 * hashes as its parsed form, as the analysis keys it) and the scenarios they name, as given. Its manifest.json records
 * it, so that a report taking the analysis's table knows whether the table was made from the facts it reports
 * (`govsim reproduce --robustness`).
 * @throws ScenarioError with source "facts file" when the folder's facts are not a facts file
 */
export function robustnessCaseHash(folder: CaseFolder): string {
  return caseContentHash(checkFactsFile(folder.facts), scenariosTheFactsName(folder));
}

/**
 * The key that names an analysis (a hash of the govsim version, the case's facts and scenarios, the draws, the
 * replicates and, with `model`, the hash of the model module's text): what its progress file's lines and its manifest.json carry, so that a finished analysis is known again.
 * @throws ScenarioError naming the argument (`case folder`, `facts file`, `robustness options`) and the field, as
 *   {@link runRobustness} checks them
 */
export function robustnessAnalysisKey(
  given: CaseFolder,
  options: Pick<RobustnessOptions, 'given' | 'samples' | 'seed' | 'replicates' | 'model'>,
): string {
  const folder = checkRobustnessArguments(given, options);
  return robustnessIdentity(folder, options).identity.key;
}

/**
 * Whether `directory` holds the finished analysis named `key`: its manifest.json records that key and no progress
 * file is left (a run removes it once its files are written). `--resume` there has nothing to run.
 */
export async function holdsFinishedRobustness(directory: string, key: string): Promise<boolean> {
  return (await finishedRobustness(directory))?.analysis === key;
}

/**
 * What the finished robustness run `directory` holds says of itself — its analysis's key (none from a version that
 * did not record it), the govsim version and the command that made it — or undefined when the folder holds none: no
 * robustness manifest.json, or a run still under way beside it (its progress file left).
 */
async function finishedRobustness(
  directory: string,
): Promise<{ analysis?: string; govsim?: string; command?: string } | undefined> {
  if (existsSync(join(directory, robustnessProgressFile))) return undefined;
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (manifest === null || typeof manifest !== 'object' || !('observedFacts' in manifest)) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const [analysis, govsim, command] = [text(manifest.analysis), text(manifest.govsim), text(manifest.command)];
  return {
    ...(analysis === undefined ? {} : { analysis }),
    ...(govsim === undefined ? {} : { govsim }),
    ...(command === undefined ? {} : { command }),
  };
}

/**
 * Refuses, as `govsim sweep` refuses a sweep folder, an output folder that holds a finished robustness run this one
 * would write over: one of another analysis (other facts, scenarios, draws, replicates or govsim version) whatever
 * the options; this analysis, finished, as the folder of a shard, or without `resume`. Resolves to true when the
 * folder holds this analysis finished and `resume` asks for nothing more there, false when the run may go on (nothing
 * finished there, or a merge writing this analysis's own bytes again).
 *
 * @param key the analysis's key ({@link robustnessAnalysisKey})
 * @throws ScenarioError naming the folder and what it holds, before anything is computed
 */
export async function checkFinishedRobustness(
  directory: string,
  key: string,
  options: { resume: boolean; shard: boolean; merge: boolean },
): Promise<boolean> {
  const finished = await finishedRobustness(directory);
  if (finished === undefined) return false;
  const refuse = (message: string): never => {
    throw new ScenarioError(directory, [{ path: '', message }], 'output folder');
  };
  const version = govsimVersion();
  const madeBy = finished.command === undefined ? '' : ` (${finished.command})`;
  if (finished.analysis !== key)
    refuse(
      finished.govsim !== undefined && finished.govsim !== version
        ? `holds a finished robustness run of govsim ${finished.govsim}${madeBy}, and this is govsim ${version}; results of two versions are not mixed: choose another --out`
        : `holds a finished robustness run of another analysis${madeBy}: other facts, scenarios, draws, replicates or model module; choose another --out`,
    );
  if (options.merge) return false;
  if (options.shard)
    refuse('already holds this analysis, finished: a shard of it has nothing to add there; choose another --out for the shard');
  if (!options.resume)
    refuse(
      'already holds results of this analysis, finished (its manifest.json names it); pass --resume to leave them as they are, or choose another --out to run it again',
    );
  return true;
}

/**
 * Runs the units of `plan` that `chosen` picks and `results` lacks, on a pool of worker threads, filling `results`
 * and recording each in `kept`; `done` is how many units count as done before (for progress).
 */
async function runUnits(
  folder: CaseFolder,
  plan: RobustnessPlan,
  options: RobustnessOptions,
  results: DrawOutcome[],
  chosen: (index: number) => boolean,
  kept: RobustnessProgress | undefined,
  done: number,
  total: number,
): Promise<number> {
  const { units, inputs } = plan;
  const waiting = units.flatMap((_, index) => (results[index] === undefined && chosen(index) ? [index] : []));
  if (waiting.length === 0) return 0;
  const workers = Math.min(waiting.length, workerCount(options.workers));
  const { model } = options;
  const pool = new WorkerPool<RobustnessTask, DrawOutcome>({
    module: 'robustness-worker',
    ...(model !== undefined && isTypeScriptFile(model.file) ? { typeScriptModule: model.file } : {}),
    workerData: {
      facts: folder.facts,
      inputs,
      replicates: options.replicates,
      ...(model === undefined ? {} : { modelFile: model.file, modelHash: model.hash }),
    },
    size: workers,
    // Without workers the draws run in this thread, pausing now and then so that Ctrl-C is answered within one.
    runHere: ({ draw, name }) =>
      finishStepsPausing(
        namingRun(evaluateDrawSteps(folder.facts, inputs, draw, options.replicates, model?.definition), () => name),
      ),
  });
  // One unit of work at a time per worker, each recorded before the worker takes the next: progress is told, and a
  // stop asked for (Ctrl-C) is heard, between units. Once one unit fails, the others take no more; those under way
  // are recorded (a resumed run keeps them), and the failure reported is that of the first unit to fail, whatever -j.
  let count = done;
  try {
    await runInLanes(waiting.length, workers, async (position) => {
      const index = waiting[position] as number;
      const outcome = await pool.run({ draw: units[index] as Draw, name: unitRunName(index, units.length) });
      results[index] = outcome;
      await kept?.record(index, outcome);
      count++;
      options.onProgress?.(count, total);
    });
  } finally {
    await pool.close();
    await kept?.flush();
  }
  return waiting.length;
}

/** Says, on `options.onNote` (default stderr), how many lines of a progress file could not be used. */
function noteSkipped(options: RobustnessOptions, directory: string, skipped: number): void {
  if (skipped === 0) return;
  const note = options.onNote ?? ((text: string) => process.stderr.write(text));
  note(
    `govsim: ${skipped} line${skipped === 1 ? '' : 's'} of ${join(directory, robustnessProgressFile)} could not be used (cut short, of another analysis, or not an outcome of this one's facts); ${skipped === 1 ? 'its unit is' : 'their units are'} not taken from it\n`,
  );
}

/** Opens the progress `options` asks for, and puts the outcomes it holds into `results`; returns how many. */
async function takeKept(
  plan: RobustnessPlan,
  options: RobustnessOptions,
  results: DrawOutcome[],
  shard?: Shard,
): Promise<{ kept: RobustnessProgress | undefined; taken: number }> {
  if (options.progress === undefined) return { kept: undefined, taken: 0 };
  const kept = await openRobustnessProgress(
    options.progress.directory,
    { ...plan.identity, ...(shard === undefined ? {} : { shard }) },
    options.progress.resume,
  );
  noteSkipped(options, options.progress.directory, kept.skipped);
  for (const [index, outcome] of kept.finished) results[index] = outcome;
  return { kept, taken: kept.finished.size };
}

/**
 * Which shards of `count` hold the units `missing` (unit u is shard u mod count's), each named as not given or,
 * when its folder was given, unfinished.
 * @example missingShardWords([2, 6], 4, new Map([[2, 'out/shard-2']])) // 'they are shard 2/4's, whose folder out/shard-2 is unfinished'
 * @example missingShardWords([2], 4, new Map()) // 'it is shard 2/4's, whose folder was not given'
 */
function missingShardWords(missing: readonly number[], count: number, given: ReadonlyMap<number, string>): string {
  const shards = [...new Set(missing.map((unit) => unit % count))].sort((left, right) => left - right);
  const words = shards.map((index) => {
    const folder = given.get(index);
    return folder === undefined
      ? `shard ${index}/${count}'s, whose folder was not given`
      : `shard ${index}/${count}'s, whose folder ${folder} is unfinished`;
  });
  return `${missing.length === 1 ? 'it is' : 'they are'} ${words.slice(0, 5).join('; ')}${words.length > 5 ? '; …' : ''}`;
}

/**
 * Draws the parameters (or takes `options.given`), evaluates the case's
 * facts at every draw, and summarises. Every draw is applied to every scenario first, so a value a
 * scenario rejects stops the analysis before any work. With `mergeFrom`, the
 * outcomes are those the shards' folders hold, and nothing is run.
 *
 * @throws ScenarioError when a draw makes a scenario invalid, or a shard folder is of another analysis or the
 *   shards leave a unit out
 * @throws ScenarioError naming the argument (`case folder`, `facts file`, `robustness options`) and the field, when
 *   `folder` is not what `loadCaseFolder` returns or an option is missing, unknown or not of its type, before any work
 * @example
 * const run = await runRobustness(await loadCaseFolder('z-street'), { samples: 60, replicates: 20, seed: 1 });
 * for (const fact of run.summary.facts) console.log(fact.title, fact.holding, fact.fallingShort);
 */
export async function runRobustness(given: CaseFolder, options: RobustnessOptions): Promise<RobustnessRun> {
  const folder = checkRobustnessArguments(given, options);
  const plan = planRobustness(folder, options);
  const { units, draws, parameters } = plan;
  const results: DrawOutcome[] = new Array(units.length);
  let taken = 0;
  let kept: RobustnessProgress | undefined;
  if (options.mergeFrom !== undefined) {
    // The same folder however it is named (through a link, with a trailing slash): once only.
    const realFolders = await Promise.all(options.mergeFrom.map(realFolder));
    realFolders.forEach((real, index) => {
      const earlier = realFolders.indexOf(real);
      if (earlier < index)
        throw new ScenarioError(
          options.mergeFrom?.[index] as string,
          [{ path: '', message: `is ${options.mergeFrom?.[earlier]} again: give each shard's folder once` }],
          'robustness shard folder',
        );
    });
    const shardFolders = new Map<number, string>();
    const counts = new Set<number | null>();
    for (const directory of options.mergeFrom) {
      const { finished, skipped, shard } = await readRobustnessProgress(directory, plan.identity);
      noteSkipped(options, directory, skipped);
      counts.add(shard?.count ?? null);
      if (shard !== null) shardFolders.set(shard.index, directory);
      for (const [index, outcome] of finished) {
        if (results[index] === undefined) taken++;
        results[index] = outcome;
      }
    }
    const missing = units.flatMap((_, index) => (results[index] === undefined ? [index] : []));
    if (missing.length > 0) {
      const [count] = counts;
      const known = counts.size === 1 && typeof count === 'number';
      // One shard to finish, or several (each with its own --shard).
      const one = known && new Set(missing.map((unit) => unit % count)).size === 1;
      throw new ScenarioError(
        'merge',
        [
          {
            path: '',
            message: `${missing.length} of the ${units.length} units of work (the draws, then the defaults) ${missing.length === 1 ? 'is' : 'are'} in none of the ${options.mergeFrom.length} folder${options.mergeFrom.length === 1 ? '' : 's'} given (unit ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): ${known ? missingShardWords(missing, count, shardFolders) : 'a shard is missing or unfinished'}; ${one ? 'finish it (the same command with its --shard and --resume, once it no longer runs)' : 'finish each (the same command with its own --shard and --resume, once none runs any more)'}, then merge again; nothing was written`,
          },
        ],
        'robustness merge',
      );
    }
  } else ({ kept, taken } = await takeKept(plan, options, results));
  if (taken > 0) {
    options.onKept?.(taken);
    options.onProgress?.(taken, units.length);
  }
  await runUnits(folder, plan, options, results, () => true, kept, taken, units.length);
  const outcomes = results.slice(0, draws.length);
  const atDefaults = results[draws.length] as DrawOutcome;
  // The case scenario as the folder parsed it, for its model: parsed again here for the built-in model, one that sets
  // an extension's parameters would be refused after every draw had run.
  const caseScenario = folder.scenarios.get(folder.facts.case) as Scenario;
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
    ...(options.given === undefined ? {} : { drawsFile: options.given.source }),
    summary: summariseRobustness(folder.facts, parameters, draws, outcomes, atDefaults),
  };
}

/** What a shard of a robustness analysis did. */
export interface RobustnessShardOutcome {
  /** Units of work of the whole analysis (the draws, then the defaults), and of this shard. */
  units: number;
  shardUnits: number;
  /** Of the shard's units, those run now and those found finished in its folder before. */
  run: number;
  kept: number;
}

/**
 * Runs one shard of a robustness analysis — units `shard.index`, `shard.index + shard.count`, … of the draws, then
 * the defaults — keeping each outcome in `options.progress.directory` as it comes (see {@link runRobustness}'s
 * `progress`), for {@link runRobustness} with `mergeFrom` to combine with the other shards' into the very files one
 * machine would write.
 * @throws ScenarioError naming the argument (`case folder`, `facts file`, `robustness options`, `shard`) and the
 *   field, as {@link runRobustness} checks them (`progress` required) and the shard `{index, count}`, before any work
 */
export async function runRobustnessShard(
  given: CaseFolder,
  options: RobustnessOptions & { progress: { directory: string; resume: boolean } },
  shard: Shard,
): Promise<RobustnessShardOutcome> {
  const folder = checkRobustnessArguments(given, options, true);
  checkArgumentWith('shard', (check) => check.shard(shard, '(top level)', false));
  const plan = planRobustness(folder, options);
  const inShard = (index: number) => index % shard.count === shard.index;
  const shardUnits = plan.units.filter((_, index) => inShard(index)).length;
  const results: DrawOutcome[] = new Array(plan.units.length);
  const { kept } = await takeKept(plan, options, results, shard);
  const taken = plan.units.filter((_, index) => inShard(index) && results[index] !== undefined).length;
  if (taken > 0) {
    options.onKept?.(taken);
    options.onProgress?.(taken, shardUnits);
  }
  const run = await runUnits(folder, plan, options, results, inShard, kept, taken, shardUnits);
  await kept?.begin();
  return { units: plan.units.length, shardUnits, run, kept: taken };
}

/**
 * Refuses, as bad input (exit 2), an `--out` for a merge of robustness shards that is one of the shard folders it
 * reads, or that holds the outcomes of an unfinished run: the merge's files, written there, would replace them.
 */
export async function checkRobustnessMergeOutput(directory: string, shards: readonly string[]): Promise<void> {
  const refuse = (path: string, message: string): never => {
    throw new ScenarioError(directory, [{ path, message }], 'output folder');
  };
  const out = await realFolder(directory);
  for (const shard of shards)
    if ((await realFolder(shard)) === out) refuse('', 'is one of the shard folders; choose another --out');
  if (await holdsKeptOutcomes(directory))
    refuse(
      robustnessProgressFile,
      'holds the outcomes of an unfinished run, which a merge would write over; choose another --out',
    );
}

/** What a robustness output folder's manifest.json records: how the draws were made, the parameters drawn, the files. */
export interface RobustnessManifest {
  /** The govsim version that ran the analysis. */
  govsim: string;
  /** The command line that made it. */
  command: string;
  /** Scenario key of the case. */
  case: string;
  /** Seed of the Latin hypercube; null when the draws were read from a file. */
  seed: number | null;
  /** The file the draws were read from, when they were. */
  drawsFile?: string;
  /** Parameter draws evaluated. */
  samples: number;
  /** Paired replicates per draw. */
  replicates: number;
  /** The parameters drawn: each path, plausible range and whether it is a whole number. */
  parameters: RobustnessRun['parameters'];
  /** Ids of the facts about the case path itself, those the "given what the case showed" view filters by. */
  observedFacts: number[];
  /** The analysis's key (see {@link robustnessAnalysisKey}), when the writer gave it: `--resume` knows the analysis finished. */
  analysis?: string;
  /** A hash of the case's facts and the scenarios they name (see {@link robustnessCaseHash}), when the writer gave it. */
  caseHash?: string;
  /** The model module the analysis ran under (absolute path and a hash of its text), when it extends the model. */
  model?: { file: string; hash: string };
  /** The files of the folder, manifest.json included. */
  files: string[];
}

/**
 * Writes draws.csv, facts.csv, index.html and manifest.json into `directory`; returns their names.
 * @throws ScenarioError naming the argument (`directory`, `run`, `robustness context`) and the field, when `run` is
 *   not what {@link runRobustness} returns or the context's version and command are not text, before anything is written
 */
export async function writeRobustness(
  directory: string,
  run: RobustnessRun,
  context: { version: string; command: string; analysis?: string; caseHash?: string; model?: { file: string; hash: string } },
): Promise<string[]> {
  checkArgumentWith('directory', (check) => check.text(directory, '(top level)'), 'output folder');
  checkArgumentWith(
    'run',
    (check) => {
      if (!check.object(run, '(top level)', 'a robustness run (what runRobustness returns)')) return;
      for (const name of ['parameters', 'draws', 'outcomes'])
        if (!Array.isArray(run[name])) check.add(name, `expected a list, got ${typeof run[name]}`);
      check.object(run.atDefaults, 'atDefaults', 'the outcome at the defaults');
      check.object(run.summary, 'summary', 'the summary (summariseRobustness)');
      check.text(run.caseKey, 'caseKey');
    },
    'robustness run',
  );
  checkArgumentWith('robustness context', (check) => {
    if (!isRecord(context)) {
      check.options(context, ['version', 'command', 'analysis', 'caseHash', 'model']);
      return;
    }
    // `model` is the module's {file, hash} here, not a definition as among a run's options: checked below.
    const { model: _model, ...others } = context;
    const given = check.options(others, ['version', 'command', 'analysis', 'caseHash', 'model']);
    check.text(given.version, 'version');
    check.text(given.command, 'command');
    check.text(given.analysis, 'analysis', true);
    check.text(given.caseHash, 'caseHash', true);
    check.modelModule(context.model, 'model');
  });
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
    ...(context.analysis === undefined ? {} : { analysis: context.analysis }),
    ...(context.caseHash === undefined ? {} : { caseHash: context.caseHash }),
    ...(context.model === undefined ? {} : { model: { file: context.model.file, hash: context.model.hash } }),
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
  /** Each draw's line in the file, for messages (absent for draws not read from a file). */
  lines?: number[];
}

/**
 * Reads parameter draws from a CSV file: a header naming scenario parameter
 * paths as `govsim parameters` lists them (`parameters.staff.routineLoad`,
 * `world.communities[].sites`), then one row of decimal numbers per draw. Parameters
 * the file leaves out keep the values the case’s scenarios give them; spaces around a name and blank
 * lines are ignored; row numbers in messages count the rows of numbers. A
 * `draw` column and the outcome
 * columns of a `govsim robustness` draws.csv are skipped, so that file can be
 * evaluated again (with more replicates, say). With `extensions` (a model's), their parameters may be columns too.
 * Each parameter's range is its
 * plausible range where the schema gives one, else the span of its column.
 *
 * @throws ScenarioError naming the file, and the row and column, when a column is not a
 *   parameter, a column repeats, a row has more or fewer values than the header has columns (its line named too), a
 *   cell is not a finite number, or there is no draw
 */
export async function readRobustnessDraws(file: string, extensions: readonly ParameterExtension[] = []): Promise<GivenDraws> {
  const text = await readInputText(file, drawsFileKind, 'CSV');
  let lines: CsvLine[];
  try {
    // Blank lines (empty, or spaces and tabs only) are skipped, as a hand-written file may have them.
    lines = parseCsvLines(text).filter(({ cells }) => !(cells.length === 1 && /^[ \t]*$/.test(cells[0] ?? '')));
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `not readable as CSV: ${(error as Error).message}` }], drawsFileKind);
  }
  // Names are read without the spaces a hand-written header may put around them.
  const [first, ...bodyLines] = lines;
  const header = (first?.cells ?? []).map((column) => column.trim());
  const body = bodyLines.map((row) => row.cells);
  const known = new Map(parameterRows(extensions).map((row) => [row.path, row]));
  const problems: ScenarioProblem[] = [];
  const columns: Array<{ index: number; path: string }> = [];
  header.forEach((column, index) => {
    if (isOutcomeColumn(column)) return;
    if (!known.has(column)) {
      // The nearest parameter for a misspelling; for an extension's, the model module it needs, where none was given.
      const meant = nearestName(column, [...known.keys()]);
      const hint =
        meant !== undefined
          ? ` (did you mean ${JSON.stringify(meant)}?)`
          : column.startsWith('extensions.') && extensions.length === 0
            ? ' (an extension’s parameter: give the model module with --model)'
            : '';
      problems.push({
        path: `column ${index + 1} (${column})`,
        // An extension's parameters are listed with the module that declares them.
        message: `not a scenario parameter${hint} (see \`govsim parameters${extensions.length > 0 || column.startsWith('extensions.') ? ' --model M' : ''}\`)`,
      });
    } else if (columns.some((kept) => kept.path === column)) {
      problems.push({ path: `column ${index + 1} (${column})`, message: 'repeats an earlier column' });
    } else columns.push({ index, path: column });
  });
  if (header.length > 0 && columns.length === 0 && problems.length === 0)
    problems.push({ path: 'header', message: 'names no parameter' });
  if (body.length === 0) problems.push({ path: '', message: 'holds no draw: expected a header and at least one row' });
  if (body.length > maximumDrawsInFile)
    problems.push({ path: '', message: `holds ${body.length} draws; at most ${maximumDrawsInFile} are allowed` });
  // Once the header is sound, every row is checked in one pass: a row of more or fewer values than the header has
  // columns is named as such, and each cell of the others that is not a number; each by its row and its line.
  const draws: Draw[] = [];
  if (problems.length === 0)
    bodyLines.forEach(({ cells, line }, rowIndex) => {
      const row = drawsRowName(rowIndex, line);
      if (cells.length !== header.length) {
        problems.push({
          path: row,
          message: `expected ${header.length} value${header.length === 1 ? '' : 's'}, one for each column of the header; got ${cells.length}`,
        });
        return;
      }
      const draw: Draw = {};
      for (const { index, path } of columns) {
        const cell = (cells[index] ?? '').trim();
        const value = decimalCell(cell);
        if (!Number.isFinite(value)) {
          problems.push({ path: `${row}, column ${path}`, message: `expected a decimal number, got ${JSON.stringify(cell)}` });
        } else draw[path] = value;
      }
      draws.push(draw);
    });
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
  return { source: file, draws, parameters, lines: bodyLines.map(({ line }) => line) };
}

/** A row of a draws file in messages: its number among the rows of numbers, and its line in the file. */
function drawsRowName(rowIndex: number, line: number | undefined): string {
  return line === undefined ? `row ${rowIndex + 1}` : `row ${rowIndex + 1} (line ${line})`;
}
