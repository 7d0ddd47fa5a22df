/**
 * Running sweeps on every core, streaming each finished unit of work to disk,
 * resuming after any interruption, and merging shards.
 *
 * A sweep folder holds:
 *   sweep.json     what was run: the govsim version, the experiment, its base scenario, its hash, the columns
 *   points.csv     the design's points
 *   chunks/        one CSV file per unit of work (a point and a block of replicates), its rows after a
 *                  first comment line `# govsim <version> experiment <hash> rows <n>` (see sweep-chunks.ts);
 *                  written under a temporary name, flushed and renamed into place when complete
 *   shard.json     only in a shard's folder: which shard it is
 *   runs.csv       when the sweep is complete: every run, in point and replicate order
 *   runs.parquet   the same table as Parquet
 *   govsim.lock    while a sweep or merge writes into the folder: who does (see folder-lock.ts)
 *
 * Killed at any moment (kill -9 included), a sweep loses only the units in
 * progress; `--resume` runs what is missing. Because a unit's rows depend on
 * nothing but the unit, the files are byte-identical whatever the number of
 * workers, the shard split or the number of interruptions.
 *
 * Every chunk is checked before its rows are used, against its first line and
 * against what its unit must hold (rows, columns, point). On `--resume` a
 * chunk that is empty, truncated or miscounted is discarded, with a note, and
 * run again; when finalising or merging, such a chunk is an error naming the
 * file (a ScenarioError: exit code 2). Results of two govsim versions are
 * never mixed: a folder whose sweep.json or chunks another version wrote
 * refuses to resume unless `allowVersionChange` (`--allow-version-change`) is
 * given, and then every chunk of the other version is discarded and run again
 * and sweep.json records this version, so the folder holds one version's
 * results only. `merge` refuses shards written by another govsim version.
 *
 * Temporary files are named `<name>.govsim-tmp-<pid>-<n>`; a sweep or merge
 * removes those a killed process left in the folder and in chunks/ when it
 * starts (it holds the folder's lock, so they are nobody's), and its own when
 * it fails.
 */
import { existsSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { canonicalJson, csvLine, csvTable, finishStepsPausing, isRecord } from '../core/index.js';
import {
  checkExperimentMetrics,
  compareUnits,
  type Experiment,
  experimentSchema,
  initialUnits,
  needsMoreReplicates,
  parseExperiment,
  planSweep,
  rowsToCsv,
  runColumns,
  runUnitSteps,
  type SweepPlan,
  unitName,
  unitReplicates,
  type WorkUnit,
} from '../experiments/index.js';
import { isCityInput, parseCity } from '../generators/index.js';
import { describeIssues, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { toJson } from '../simulation/index.js';
import {
  makeFolder,
  removeStaleTemporaryFiles,
  syncDirectory,
  syncFile,
  temporaryPath,
  writeFileAtomically,
  writeFilesAtomically,
} from './atomic-files.js';
import { readCsvRows } from './csv-files.js';
import { folderHolder, lockFileName, lockShardFolder, writeInLockedFolder } from './folder-lock.js';
import { checkInputFolder, InputFileError, readJsonInput, readJsonInputOrShipped } from './input-file.js';
import { checkNotOtherKind } from './input-kind.js';
import { isTypeScriptFile, loadModelModuleWithHash } from './model-module.js';
import { checkOutputFolder, folderContents, outputKindWords, realFolder } from './output-folder.js';
import { parseScenarioJson } from './scenario-file.js';
import { checkMergeArguments, missingShardsText, type Shard } from './shard.js';
import { resolveShippedExperiment, shippedNameOfPath, shippedScenarioOrCityFile } from './shipped.js';
import {
  type ChunkExpectation,
  checkChunk,
  chunkFileName,
  chunkFilePattern,
  chunkHeader,
  type GoodChunk,
} from './sweep-chunks.js';
import { namingPath } from './system-error.js';
import { govsimVersion } from './version.js';
import { runInLanes, WorkerPool, workerCount } from './worker-pool.js';

/** An experiment read and planned: the parsed file, its base as written, and the sweep plan (every point validated). */
export interface LoadedExperiment {
  /** The parsed experiment file. */
  experiment: Experiment;
  /** The base scenario or city as written (read from its file when the experiment names one), without `$schema`. */
  base: Record<string, unknown>;
  /** Where the experiment was read from, for messages: its file, a sweep folder, or `merge` for merged shards. */
  source: string;
  /** The sweep's plan. */
  plan: SweepPlan;
  /** The model module of the experiment (absolute path) and a hash of its text, when it extends the model. */
  model?: { file: string; hash: string };
}

/** Options of {@link loadExperiment}. */
export interface LoadExperimentOptions {
  /** Plan the sweep even when its estimated cost passes the budget (`--force`); hard limits still apply. */
  force?: boolean;
}

/**
 * Reads an experiment file (or the experiment shipped with govsim of that
 * name, see {@link resolveShippedExperiment}), its base scenario or city and
 * its model module (if any), checks the design's size and estimated cost
 * against the budget (unless `force`), and validates every point as a
 * scenario (as a city, for a city base).
 * @throws ScenarioError naming the argument (`experiment file`, `load options`) and the field, when `fileOrName` is
 *   not text or an option is unknown or not of its type; or the experiment's own problems
 * @example
 * const loaded = await loadExperiment('two-halves');
 * console.log(loaded.plan.estimate.runs, loaded.plan.estimate.cpuSeconds);
 */
export async function loadExperiment(fileOrName: string, options: LoadExperimentOptions = {}): Promise<LoadedExperiment> {
  checkArgumentWith('experiment file', (check) => check.text(fileOrName, '(top level)'), 'experiment file or name');
  checkArgumentWith('load options', (check) => check.flag(check.options(options, ['force']).force, 'force'));
  const file = resolveShippedExperiment(fileOrName);
  const input = await readJsonInputOrShipped(fileOrName, file, 'experiment');
  checkNotOtherKind(input, file, 'experiment', ['scenario', 'city', 'facts file']);
  const experiment = parseExperiment(input, file);
  const model = experiment.model === undefined ? undefined : await loadExperimentModel(file, experiment.model);
  checkExperimentMetrics(experiment, file, model?.definition);
  let base: Record<string, unknown>;
  let baseSource = `${file} (its base)`;
  if (typeof experiment.base === 'string') {
    // Named in messages as the experiment names it, from where the command runs (absolute when outside it).
    const resolvedBase = resolve(dirname(file), experiment.base);
    const fromHere = relative(process.cwd(), resolvedBase);
    let basePath = fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere) ? resolvedBase : fromHere;
    let baseInput: unknown;
    try {
      baseInput = await readJsonInput(basePath, 'base scenario or city');
    } catch (error) {
      if (!(error instanceof InputFileError && error.missing)) throw error;
      // No such file beside the experiment: a scenario or city shipped with govsim, by its name, as `run` takes one.
      const shipped = shippedScenarioOrCityFile(experiment.base);
      if (shipped === undefined) {
        // A shipped experiment copied elsewhere names its base by a path that only holds beside govsim's own files.
        const named = shippedNameOfPath(experiment.base);
        const hint = named === undefined ? '' : ` (govsim ships a scenario or city named ${named}: "base": "${named}" uses it)`;
        throw new ScenarioError(
          file,
          [{ path: 'base', message: `base scenario or city ${basePath} not found${hint}` }],
          'experiment',
        );
      }
      basePath = shipped;
      baseInput = await readJsonInput(basePath, 'base scenario or city');
    }
    // Its problems name it, and the experiment that names it as its base.
    const baseName = `${basePath} (the base of ${file})`;
    if (typeof baseInput !== 'object' || baseInput === null || Array.isArray(baseInput))
      throw new ScenarioError(
        baseName,
        [{ path: '', message: 'expected a JSON object (a scenario or a city)' }],
        'base scenario or city',
      );
    // An experiment or a facts file named as the base: said to be one, not refused for every field it lacks.
    checkNotOtherKind(baseInput, baseName, 'base scenario or city', ['experiment', 'facts file']);
    base = baseInput as Record<string, unknown>;
    baseSource = baseName;
    // A city file is checked as written first, so that its problems name it and its own fields.
    if (isCityInput(base)) parseCity(base, baseName);
  } else {
    base = experiment.base;
  }
  const { $schema: _ignored, ...baseWithoutSchema } = base;
  const plan = planSweep(experiment, baseWithoutSchema, file, {
    enforceBudget: options.force !== true,
    baseSource,
    ...(model === undefined ? {} : { model: model.definition, modelHash: model.hash }),
  });
  return {
    experiment,
    base: baseWithoutSchema,
    source: file,
    plan,
    ...(model === undefined ? {} : { model: { file: model.file, hash: model.hash } }),
  };
}

/** The shard a sweep folder was begun as (its shard.json), or undefined for a folder of the whole sweep. */
export async function readShardFile(directory: string): Promise<Shard | undefined> {
  let text: string;
  try {
    text = await readFile(join(directory, 'shard.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const damaged = () =>
    new ScenarioError(directory, [{ path: 'shard.json', message: 'damaged: expected { index, count }' }], 'sweep folder');
  let shard: Partial<Shard> | null;
  try {
    shard = JSON.parse(text) as Partial<Shard> | null;
  } catch {
    throw damaged();
  }
  if (shard === null || typeof shard !== 'object' || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count))
    throw damaged();
  return { index: shard.index as number, count: shard.count as number };
}

function sweepManifest(loaded: LoadedExperiment): Record<string, unknown> {
  const { plan } = loaded;
  return {
    govsim: govsimVersion(),
    experiment: loaded.experiment.name,
    hash: plan.hash,
    columns: runColumns(plan),
    points: plan.design.points.length,
    variants: loaded.experiment.variants.map((variant) => variant.label),
    replicates: loaded.experiment.replicates,
    blockReplicates: plan.blockReplicates,
    ...(loaded.model === undefined ? {} : { model: loaded.model }),
    definition: { experiment: { ...loaded.experiment, $schema: undefined }, base: loaded.base },
  };
}

function pointsCsv(plan: SweepPlan): string {
  return csvTable(
    ['point', ...plan.factors],
    plan.design.points.map((point, index) => [
      index,
      ...plan.factors.map((factor) => point[factor] as string | number | boolean),
    ]),
  );
}

/** How far a sweep has got, reported after each unit of work. */
export interface SweepProgress {
  /** Runs finished, those found finished on disk (resume) included. */
  runsDone: number;
  /** Of `runsDone`, the runs found finished on disk: done, but not run in this session (so not part of its rate). */
  runsReused: number;
  /** Runs the sweep (or shard) has when finished; undefined in precision mode, where each point adds replicates until precise enough. */
  runsExpected: number | undefined;
  /** In precision mode, the points finished (precise enough, or at the maximum) and the points to run. */
  points?: { done: number; total: number };
  /** Seconds since this session started running units of work. */
  elapsedSeconds: number;
}

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** The output folder (locked while the sweep runs). */
  out: string;
  /** Worker threads (default: every core); never more than the cores or the units of work. */
  workers?: number;
  /** Run only this shard's units of work; the shards are merged afterwards ({@link mergeSweeps}). */
  shard?: Shard;
  /** Finish a sweep begun in `out`, keeping its finished units (without it, a folder holding results is refused). */
  resume?: boolean;
  /** Resume a folder another govsim version wrote: its chunks are discarded and run again with this version. */
  allowVersionChange?: boolean;
  /** Called at the start and as units of work finish, with the runs done so far (see {@link SweepProgress}). */
  onProgress?: (progress: SweepProgress) => void;
  /** Notes on what was found and done (a discarded chunk, a lock taken over); default: stderr. */
  onNote?: (text: string) => void;
}

/** The options {@link runSweep} takes. */
const sweepOptionNames: ReadonlyArray<keyof SweepOptions> = [
  'out',
  'workers',
  'shard',
  'resume',
  'allowVersionChange',
  'onProgress',
  'onNote',
];

/** Checks that `loaded` is what {@link loadExperiment} returns: an object with its experiment, base, source and plan. */
function checkLoaded(loaded: unknown): void {
  checkArgumentWith(
    'loaded',
    (check: ArgumentCheck) => {
      if (!check.object(loaded, '(top level)', 'a loaded experiment (what loadExperiment returns)')) return;
      if (check.object(loaded.experiment, 'experiment', 'the experiment'))
        check.textList(loaded.experiment.metrics, 'experiment.metrics', 'a list of metrics');
      check.object(loaded.base, 'base', 'the base scenario or city');
      check.text(loaded.source, 'source');
      if (check.object(loaded.plan, 'plan', 'the sweep plan (planSweep)')) check.text(loaded.plan.hash, 'plan.hash');
      check.modelModule(loaded.model, 'model');
    },
    'loaded experiment',
  );
}

/** What {@link runSweep} did. */
export interface SweepOutcome {
  /** The output folder. */
  out: string;
  /** Units of work run by this call. */
  unitsRun: number;
  /** Units of work already finished in the folder (resumed), not run again. */
  unitsSkipped: number;
  /** Whether the whole sweep ran (false for a shard, which awaits its merge). */
  complete: boolean;
  /** The result files written (runs.csv, runs.parquet); none for a shard. */
  files: string[];
}

/** What sweep.json records. */
interface SweepManifest {
  govsim: string;
  hash: string;
  /** The model module the sweep ran under (absolute path and a hash of its text), when it extends the model. */
  model?: { file: string; hash: string };
  definition: { experiment: Experiment; base: Record<string, unknown> };
}

/**
 * Parses and checks a sweep.json's text; anything else than what a sweep
 * writes (not JSON, truncated, fields missing) is a ScenarioError naming the
 * file, with the line and column of a JSON error. With `definition: false`
 * only the version and the hash are checked (enough to compare folders, and
 * an experiment another version wrote need not pass this version's schema).
 */
function parseSweepManifest(text: string, path: string, options: { definition: boolean } = { definition: true }): SweepManifest {
  const kind = 'sweep manifest';
  let value: unknown;
  try {
    value = parseScenarioJson(text, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(path, error.problems, kind);
    throw error;
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problems: ScenarioProblem[] = [];
  if (typeof record.govsim !== 'string') problems.push({ path: 'govsim', message: 'expected the govsim version' });
  if (typeof record.hash !== 'string') problems.push({ path: 'hash', message: 'expected the experiment hash' });
  if (!options.definition) {
    if (problems.length > 0) throw new ScenarioError(path, problems, kind);
    return record as unknown as SweepManifest;
  }
  const definition = (record.definition ?? {}) as Record<string, unknown>;
  const base = definition.base;
  if (typeof base !== 'object' || base === null)
    problems.push({ path: 'definition.base', message: 'expected the base scenario' });
  const experiment = experimentSchema.safeParse(definition.experiment, { reportInput: true });
  if (!experiment.success) {
    problems.push(
      ...describeIssues(experiment.error.issues).map((problem) => ({
        path: problem.path === '' ? 'definition.experiment' : `definition.experiment.${problem.path}`,
        message: problem.message,
      })),
    );
  }
  const model = record.model as { file?: unknown; hash?: unknown } | undefined;
  if (model !== undefined && (typeof model?.file !== 'string' || typeof model?.hash !== 'string'))
    problems.push({ path: 'model', message: 'expected the model module’s file and hash' });
  if (problems.length > 0 || !experiment.success) throw new ScenarioError(path, problems, kind);
  return {
    govsim: record.govsim as string,
    hash: record.hash as string,
    ...(model === undefined ? {} : { model: { file: model.file as string, hash: model.hash as string } }),
    definition: { experiment: experiment.data, base: base as Record<string, unknown> },
  };
}

/** The model module a sweep.json records, if any. */
function recordedModel(manifest: SweepManifest): { file: string; hash: string } | undefined {
  const model = (manifest as { model?: { file?: unknown; hash?: unknown } }).model;
  return typeof model?.file === 'string' && typeof model.hash === 'string' ? { file: model.file, hash: model.hash } : undefined;
}

/** A sweep's model module in words: "the model module m.ts (hash 0123456789ab)", or "no model module". */
function modelWords(model: { file: string; hash: string } | undefined): string {
  return model === undefined ? 'no model module' : `the model module ${model.file} (hash ${model.hash.slice(0, 12)})`;
}

/** A value of a sweep.json in a message: as JSON, cut to 40 characters; "absent" when the field is not there. */
function manifestValueWords(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The first place where two JSON values differ, as a path (`a.b[2]`) with
 * each side's value; undefined when they are the same. Keys are taken in the
 * order of `here`, then those only `there` holds.
 */
function firstJsonDifference(
  here: unknown,
  there: unknown,
  path: string,
): { path: string; here: unknown; there: unknown } | undefined {
  if (Object.is(here, there)) return undefined;
  if (Array.isArray(here) && Array.isArray(there)) {
    for (let index = 0; index < Math.max(here.length, there.length); index++) {
      const difference = firstJsonDifference(here[index], there[index], `${path}[${index}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isRecord(here) && isRecord(there)) {
    const keys = [...Object.keys(here), ...Object.keys(there).filter((key) => !Object.hasOwn(here, key))];
    for (const key of keys) {
      const difference = firstJsonDifference(here[key], there[key], path === '' ? key : `${path}.${key}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return { path, here, there };
}

/**
 * What first differs between two sweeps' sweep.json, in words — " (replicates:
 * 20 here, 30 in s0)" — or nothing when no field does (the texts differ only
 * in their layout). The experiment is compared first (its fields named as in
 * the experiment file), then its base scenario (`base.…`), then the rest,
 * leaving out the hash, which follows from them.
 */
function differenceWords(here: SweepManifest, there: SweepManifest, thereDirectory: string): string {
  const [left, right] = [here as unknown as Record<string, unknown>, there as unknown as Record<string, unknown>];
  const definition = (manifest: Record<string, unknown>) =>
    (typeof manifest.definition === 'object' && manifest.definition !== null ? manifest.definition : {}) as Record<
      string,
      unknown
    >;
  const rest = (manifest: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== 'hash' && key !== 'definition'));
  const difference =
    firstJsonDifference(definition(left).experiment, definition(right).experiment, '') ??
    firstJsonDifference(definition(left).base, definition(right).base, 'base') ??
    firstJsonDifference(definition(left), definition(right), 'definition') ??
    firstJsonDifference(rest(left), rest(right), '');
  if (difference === undefined) return '';
  return ` (${difference.path || 'experiment'}: ${manifestValueWords(difference.here)} here, ${manifestValueWords(difference.there)} in ${thereDirectory})`;
}

/** Reads a sweep folder's sweep.json (see {@link parseSweepManifest}). */
async function readSweepManifest(
  directory: string,
  options: { definition: boolean } = { definition: true },
): Promise<{ text: string; manifest: SweepManifest }> {
  const path = join(directory, 'sweep.json');
  await checkInputFolder(directory, 'sweep folder');
  if (!existsSync(path)) {
    // Another command's output is said to be that; a robustness run's shards have a merge of their own.
    const other = outputKindWords(await folderContents(directory));
    const hint =
      other === 'robustness run'
        ? ' (the shards of a robustness run merge with govsim robustness <case> --merge <folders…>)'
        : '';
    throw new ScenarioError(
      directory,
      [{ path: '', message: `no sweep.json: not a sweep folder${other === undefined ? '' : ` but a ${other}’s`}${hint}` }],
      'sweep folder',
    );
  }
  const text = await readFile(path, 'utf8');
  return { text, manifest: parseSweepManifest(text, path, options) };
}

/** The work unit a chunk file name stands for, or undefined for any other file. */
function unitOfChunkFile(name: string): WorkUnit | undefined {
  const match = chunkFilePattern.exec(name);
  return match === null ? undefined : { point: Number(match[1]), block: Number(match[2]) };
}

/** The chunk files in a folder's chunks/, by unit name (temporary files and anything else left out). */
async function chunkFiles(directory: string): Promise<Map<string, { unit: WorkUnit; path: string }>> {
  const chunks = join(directory, 'chunks');
  const files = new Map<string, { unit: WorkUnit; path: string }>();
  if (!existsSync(chunks)) return files;
  for (const name of (await readdir(chunks)).sort()) {
    const unit = unitOfChunkFile(name);
    if (unit !== undefined) files.set(unitName(unit), { unit, path: join(chunks, name) });
  }
  return files;
}

/** What a unit's chunk must hold, written by govsim `version`. */
function chunkExpectation(plan: SweepPlan, unit: WorkUnit, version: string): ChunkExpectation {
  const { first, end } = unitReplicates(plan, unit);
  return {
    version,
    hash: plan.hash,
    rows: (end - first) * plan.experiment.variants.length,
    columns: runColumns(plan).length,
    point: unit.point,
    metrics: plan.experiment.metrics,
  };
}

/** Reads a chunk that must be sound, for finalising or merging; a bad or missing one is a ScenarioError naming the file. */
async function readSoundChunk(path: string, plan: SweepPlan, unit: WorkUnit): Promise<GoodChunk> {
  const folder = dirname(dirname(path));
  const where = `chunks/${chunkFileName(unit)}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ScenarioError(folder, [{ path: where, message: 'cannot be read' }], 'sweep folder');
  }
  const check = checkChunk(text, chunkExpectation(plan, unit, govsimVersion()));
  if (!check.good) {
    throw new ScenarioError(
      folder,
      [
        {
          path: where,
          // A resume refuses another version's unit unless told to run it again.
          message: `${check.problem}; run the sweep (or this shard) again with ${check.reason === 'version' ? '--resume --allow-version-change' : '--resume'} to replace it`,
        },
      ],
      'sweep folder',
    );
  }
  return check;
}

/** Values of the precision metrics in a chunk's rows, per variant and metric. */
function precisionValues(plan: SweepPlan, rows: readonly string[][]): number[][] {
  const metricStart = 1 + plan.factors.length + 3;
  const precisionMetrics = plan.experiment.precision?.metrics ?? [];
  const perVariantMetric: number[][] = [];
  for (const cells of rows) {
    const variant = plan.experiment.variants.findIndex((candidate) => candidate.label === cells[1 + plan.factors.length]);
    precisionMetrics.forEach((metric, metricIndex) => {
      const column = metricStart + plan.experiment.metrics.indexOf(metric);
      const key = variant * precisionMetrics.length + metricIndex;
      const list = perVariantMetric[key] ?? [];
      list.push(cells[column] === '' ? Number.NaN : Number(cells[column]));
      perVariantMetric[key] = list;
    });
  }
  return perVariantMetric;
}

/** Values of a point's precision metrics over its first `blocks` blocks, per variant and metric, read from `chunkPath`. */
async function pointValues(
  plan: SweepPlan,
  chunkPath: (unit: WorkUnit) => string | undefined,
  point: number,
  blocks: number,
): Promise<number[][]> {
  const merged: number[][] = [];
  for (let block = 0; block < blocks; block++) {
    const unit = { point, block };
    const path = chunkPath(unit);
    if (path === undefined) throw new Error(`no chunk for ${unitName(unit)}`);
    const values = precisionValues(plan, (await readSoundChunk(path, plan, unit)).rows);
    values.forEach((list, key) => {
      merged[key] = [...(merged[key] ?? []), ...list];
    });
  }
  return merged;
}

/** A pool running a sweep's units of work: in worker threads, or in this thread with one worker. */
function unitPool(loaded: LoadedExperiment, size: number): WorkerPool<WorkUnit, { csv: string; runs: number }> {
  const modelFile = loaded.model?.file;
  return new WorkerPool({
    module: 'sweep-worker',
    ...(modelFile !== undefined && isTypeScriptFile(modelFile) ? { typeScriptModule: modelFile } : {}),
    workerData: {
      experiment: loaded.experiment,
      base: loaded.base,
      source: loaded.source,
      modelFile: loaded.model?.file,
    },
    size,
    // Without workers the units run in this thread, pausing now and then so that Ctrl-C is answered within one.
    runHere: async (unit) => {
      const rows = await finishStepsPausing(runUnitSteps(loaded.plan, unit));
      return { csv: rowsToCsv(rows), runs: rows.length };
    },
  });
}

/**
 * The units of work whose chunks a folder holds and can be used: sound, of
 * this version. A damaged chunk is removed, with a note, to be run again; a
 * chunk of another govsim version is refused, or with `allowVersionChange`
 * removed to be run again.
 */
async function usableChunks(
  directory: string,
  plan: SweepPlan,
  options: { allowVersionChange: boolean; note: (text: string) => void },
): Promise<Set<string>> {
  const version = govsimVersion();
  const usable = new Set<string>();
  for (const [name, { unit, path }] of await chunkFiles(directory)) {
    const check = checkChunk(await readFile(path, 'utf8'), chunkExpectation(plan, unit, version));
    if (check.good) {
      usable.add(name);
      continue;
    }
    if (check.reason === 'version' && !options.allowVersionChange) {
      throw new ScenarioError(
        directory,
        [
          {
            path: `chunks/${chunkFileName(unit)}`,
            message: `${check.problem}; results of two versions are not mixed: pass --allow-version-change to run such units again with govsim ${version}, or choose another --out`,
          },
        ],
        'sweep folder',
      );
    }
    await rm(path, { force: true });
    options.note(`govsim: ${path} ${check.problem}; discarded, it will be run again\n`);
  }
  return usable;
}

/**
 * Where a folder's sweep and `loaded` differ, as words after "a different experiment": the experiment's fields (its
 * description and base path among them: a sweep's experiment is matched whole) and the base scenario's content, as
 * its sweep.json records them; empty when the record cannot say.
 */
function experimentDifferences(previous: SweepManifest, loaded: LoadedExperiment): string {
  const recorded = previous.definition as Partial<SweepManifest['definition']> | undefined;
  if (
    recorded === null ||
    typeof recorded !== 'object' ||
    recorded.experiment === null ||
    typeof recorded.experiment !== 'object'
  )
    return '';
  const before = recorded.experiment as unknown as Record<string, unknown>;
  const now = { ...loaded.experiment, $schema: undefined } as unknown as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter(
    (key) => canonicalJson(before[key]) !== canonicalJson(now[key]),
  );
  // A base given inline differs as the field; one given as a path may differ in its file's content alone.
  if (!fields.includes('base') && canonicalJson(recorded.base) !== canonicalJson(loaded.base))
    fields.push('the base scenario’s content');
  if (fields.length === 0) return '';
  return ` (it differs in ${fields.map((field) => (field.startsWith('the ') ? field : `\`${field}\``)).join(', ')}; a sweep's experiment is matched whole, its name, description and base path included)`;
}

/**
 * Runs a sweep (or one shard of it) into `options.out`, holding the folder's
 * lock throughout (a second sweep or merge on the same folder is refused at
 * once, naming the holder). Worker threads start before anything is written:
 * when they cannot, the folder is left as it was (a folder this call made is
 * removed).
 * @throws ScenarioError naming the argument (`loaded`, `sweep options`) and the field, when `loaded` is not what
 *   {@link loadExperiment} returns or an option is missing, unknown or not of its type — before the folder is touched
 * @example
 * const loaded = await loadExperiment('two-halves');
 * await runSweep(loaded, { out: 'out/sweep-two-halves', workers: 4, resume: true });
 */
export async function runSweep(loaded: LoadedExperiment, options: SweepOptions): Promise<SweepOutcome> {
  checkLoaded(loaded);
  checkArgumentWith('sweep options', (check) => {
    const given = check.options(options, sweepOptionNames);
    if (!isRecord(options)) return;
    check.text(given.out, 'out');
    check.wholeNumber(given.workers, 'workers', 1, true);
    check.shard(given.shard, 'shard');
    check.flag(given.resume, 'resume');
    check.flag(given.allowVersionChange, 'allowVersionChange');
    check.callback(given.onNote, 'onNote');
  });
  const { plan } = loaded;
  const out = options.out;
  // As the command line checks its --out: not a file, a case folder, govsim's shipped folders or another output.
  await checkOutputFolder(out, 'sweep', 'out');
  const note = options.onNote ?? ((text: string) => process.stderr.write(text));
  for (const text of plan.notes ?? []) note(text);
  const version = govsimVersion();
  const chunks = join(out, 'chunks');
  const lock = await lockShardFolder(out, 'govsim sweep', note, options.shard);
  let runner: WorkerPool<WorkUnit, { csv: string; runs: number }> | undefined;
  let threads = 1;
  // Whether this call begins the sweep in the folder (no sweep.json before it), the start files it wrote, and
  // whether it ended well.
  let begun = false;
  let wroteStart: string[] = [];
  let finished = false;
  try {
    await removeStaleTemporaryFiles([out, chunks], { lockHeld: true, legacy: true });
    begun = !existsSync(join(out, 'sweep.json'));
    if (!begun) {
      const { manifest: previous } = await readSweepManifest(out, { definition: false });
      if (previous.hash !== plan.hash) {
        throw new ScenarioError(
          out,
          [
            {
              path: '',
              message:
                recordedModel(previous)?.hash === loaded.model?.hash
                  ? `holds a sweep of a different experiment${experimentDifferences(previous, loaded)}; choose another --out`
                  : `holds a sweep run with ${modelWords(recordedModel(previous))}, and this one runs with ${modelWords(loaded.model)}; choose another --out (results of two models are not mixed)`,
            },
          ],
          'output folder',
        );
      }
      if (previous.govsim !== version && !options.allowVersionChange) {
        throw new ScenarioError(
          out,
          [
            {
              path: 'sweep.json',
              message: `was written by govsim ${previous.govsim}, and this is govsim ${version}; results of two versions are not mixed: pass --allow-version-change to run every unit of work again with govsim ${version}, or choose another --out`,
            },
          ],
          'sweep folder',
        );
      }
      // A folder is one shard's (or the whole sweep's): finishing it as another shard would run units it never had.
      const folderShard = await readShardFile(out);
      const asked = options.shard === undefined ? 'the whole sweep' : `shard ${options.shard.index}/${options.shard.count}`;
      const held = folderShard === undefined ? 'the whole sweep' : `shard ${folderShard.index}/${folderShard.count}`;
      if (asked !== held) {
        // "holds shard 1/3 of this sweep, not shard 0/1", "holds the whole sweep, not shard 1/3". Another shard of the
        // same split is another task given the same folder: each needs one of its own.
        const sameSplit = folderShard !== undefined && folderShard.count === options.shard?.count;
        throw new ScenarioError(
          out,
          [
            {
              path: 'shard.json',
              message: sameSplit
                ? `holds ${held} of this sweep, not ${asked}: each shard runs in a folder of its own (give each task its own --out, such as one ending in -$SLURM_ARRAY_TASK_ID, or leave --out out for its shard's default folder); choose another --out`
                : `holds ${folderShard === undefined ? held : `${held} of this sweep`}, not ${asked}; resume it as it was begun${folderShard === undefined ? ', without --shard' : ` with --shard ${folderShard.index}/${folderShard.count}`} (a SLURM task resubmitted alone sees an array of one task: give its shard as i/n)`,
            },
          ],
          'sweep folder',
        );
      }
      // Checked after the shard: a folder of another shard is not this one's to finish with --resume.
      if (!options.resume && (await chunkFiles(out)).size > 0) {
        // A whole sweep is finished once its runs.csv is written (last, renamed into place).
        const finishedThere = options.shard === undefined && existsSync(join(out, 'runs.csv'));
        throw new ScenarioError(
          out,
          [
            {
              path: '',
              message: finishedThere
                ? 'already holds this sweep, finished (runs.csv); pass --resume to keep its results (runs.csv and runs.parquet are written again from them), or choose another --out to run it again'
                : 'already holds results of this sweep; pass --resume to keep them and run what is missing, or choose another --out',
            },
          ],
          'output folder',
        );
      }
    }
    // No more threads than cores, nor than units of work this machine has (points, in precision mode).
    const unitsHere = Math.ceil(
      (loaded.experiment.precision === undefined ? initialUnits(plan).length : plan.design.points.length) /
        (options.shard?.count ?? 1),
    );
    threads = Math.min(workerCount(options.workers), Math.max(1, unitsHere));
    runner = unitPool(loaded, threads);
    await runner.start();

    const startFiles = new Map<string, string>([
      ['sweep.json', toJson(sweepManifest(loaded))],
      ['points.csv', pointsCsv(plan)],
    ]);
    if (options.shard) startFiles.set('shard.json', toJson(options.shard));
    await writeFilesAtomically(out, startFiles);
    wroteStart = [...startFiles.keys()];
    await makeFolder(chunks);
    const done = await usableChunks(out, plan, { allowVersionChange: options.allowVersionChange === true, note });

    const precision = loaded.experiment.precision;
    // Shards take every n-th unit of work (every n-th point in precision mode, where a point's blocks depend on each other).
    const inShard = (position: number) => options.shard === undefined || position % options.shard.count === options.shard.index;
    const variants = loaded.experiment.variants.length;
    const unitRuns = (unit: WorkUnit) => {
      const { first, end } = unitReplicates(plan, unit);
      return (end - first) * variants;
    };
    let runsDone = 0;
    let runsReused = 0;
    let pointsDone = 0;
    let unitsRun = 0;
    let unitsSkipped = 0;
    const pointsInShard = plan.design.points.map((_, point) => point).filter(inShard);
    const shardUnits = initialUnits(plan).filter((_, position) => inShard(position));
    const runsExpected = precision ? undefined : shardUnits.reduce((total, unit) => total + unitRuns(unit), 0);
    const started = performance.now();
    const report = () =>
      options.onProgress?.({
        runsDone,
        runsReused,
        runsExpected,
        ...(precision ? { points: { done: pointsDone, total: pointsInShard.length } } : {}),
        elapsedSeconds: (performance.now() - started) / 1000,
      });
    const pool = runner;
    const writeUnit = async (unit: WorkUnit, result: { csv: string; runs: number }) => {
      await writeFileAtomically(join(chunks, chunkFileName(unit)), chunkHeader(version, plan.hash, result.runs) + result.csv);
    };

    if (precision === undefined) {
      const pending = shardUnits.filter((unit) => !done.has(unitName(unit)));
      unitsSkipped = shardUnits.length - pending.length;
      for (const unit of shardUnits) if (done.has(unitName(unit))) runsReused += unitRuns(unit);
      runsDone = runsReused;
      report();
      // A failed unit stops the others from starting; the failure reported is the first unit's in order, whatever -j.
      await runInLanes(pending.length, threads, async (index) => {
        const unit = pending[index] as WorkUnit;
        const result = await pool.run(unit);
        await writeUnit(unit, result);
        runsDone += result.runs;
        unitsRun++;
        report();
      });
    } else {
      // Precision mode: each point goes block by block until precise enough; points run in parallel.
      report();
      const chunkPath = (unit: WorkUnit) => join(chunks, chunkFileName(unit));
      // Once a point fails, the points under way after it in order stop at the end of their block (their blocks are
      // kept for a rerun), and those before it go on, so that the failure reported is the first point's in order,
      // whatever -j.
      await runInLanes(pointsInShard.length, threads, async (position, outranked) => {
        const point = pointsInShard[position] as number;
        for (let block = 0; !outranked(); block++) {
          const unit = { point, block };
          if (done.has(unitName(unit))) {
            unitsSkipped++;
            runsReused += unitRuns(unit);
          } else {
            await writeUnit(unit, await pool.run(unit));
            unitsRun++;
          }
          runsDone += unitRuns(unit);
          const { end: replicatesSoFar } = unitReplicates(plan, unit);
          const more = needsMoreReplicates(plan, await pointValues(plan, chunkPath, point, block + 1), replicatesSoFar);
          if (!more) pointsDone++;
          report();
          if (!more) break;
        }
      });
    }
    await runner.close();
    runner = undefined;

    const files = options.shard === undefined ? await finaliseSweep(out, loaded) : [];
    finished = true;
    return { out, unitsRun, unitsSkipped, complete: options.shard === undefined, files };
  } finally {
    await runner?.close();
    // A sweep this call began and that failed before it finished a unit of work (a model that throws, say) leaves
    // nothing behind: run again once mended, it is not refused as another sweep's folder.
    if (begun && wroteStart.length > 0 && !finished && (await chunkFiles(out).catch(() => new Map())).size === 0) {
      for (const name of wroteStart) await rm(join(out, name), { force: true });
      await rmdir(chunks).catch(() => undefined);
    }
    // A folder this call made is removed when nothing was written into it (the workers could not start).
    await lock.release({ removeFolderIfEmpty: true });
  }
}

/**
 * The units a complete sweep has, in order, given where each unit's chunk is
 * (`chunkPath`, undefined when there is none); a gap is a ScenarioError
 * (`source` names the folder or the merge). Precision mode reads the chunks to
 * know where each point stopped.
 */
async function completeUnits(
  loaded: LoadedExperiment,
  chunkPath: (unit: WorkUnit) => string | undefined,
  source: string,
  advice: string | ((missing: readonly WorkUnit[]) => string),
): Promise<WorkUnit[]> {
  const { plan } = loaded;
  const units: WorkUnit[] = [];
  const missing: WorkUnit[] = [];
  if (loaded.experiment.precision === undefined) {
    for (const unit of initialUnits(plan)) {
      if (chunkPath(unit) !== undefined) units.push(unit);
      else missing.push(unit);
    }
  } else {
    for (let point = 0; point < plan.design.points.length; point++) {
      for (let block = 0; ; block++) {
        const unit = { point, block };
        if (chunkPath(unit) === undefined) {
          missing.push(unit);
          break;
        }
        units.push(unit);
        if (!needsMoreReplicates(plan, await pointValues(plan, chunkPath, point, block + 1), unitReplicates(plan, unit).end))
          break;
      }
    }
  }
  if (missing.length > 0) {
    throw new ScenarioError(
      source,
      [
        {
          path: 'chunks',
          message: `missing ${missing.length} unit(s) of work, e.g. ${missing.slice(0, 3).map(unitName).join(', ')}; ${typeof advice === 'string' ? advice : advice(missing)}`,
        },
      ],
      'sweep folder',
    );
  }
  return units.sort(compareUnits);
}

/**
 * Writes runs.csv and runs.parquet from a complete sweep's chunks, streaming,
 * each chunk checked first (a damaged one is a ScenarioError naming it). Both
 * files are written under temporary names and flushed, then renamed into
 * place; on failure the temporary files are removed.
 * @returns the names of the files written, in `directory` (`runs.csv`, `runs.parquet`)
 */
export async function finaliseSweep(directory: string, loaded: LoadedExperiment): Promise<string[]> {
  const { plan } = loaded;
  const present = await chunkFiles(directory);
  const chunkPath = (unit: WorkUnit) => present.get(unitName(unit))?.path;
  const units = await completeUnits(loaded, chunkPath, directory, 'run the sweep (or the missing shards) with --resume');
  const columns = runColumns(plan);
  const factorCount = plan.factors.length;
  const csvPath = join(directory, 'runs.csv');
  const parquetPath = join(directory, 'runs.parquet');
  const csvTemporary = temporaryPath(csvPath);
  const parquetTemporary = temporaryPath(parquetPath);
  const firstPoint = plan.design.points[0] ?? {};
  const columnTypes = columns.map((column, index) => {
    if (column === 'point' || column === 'replicate') return { type: 'INT32', nullable: false } as const;
    if (column === 'variant') return { type: 'STRING', nullable: false } as const;
    if (index >= 1 && index <= factorCount) {
      const sample = firstPoint[column];
      return typeof sample === 'string'
        ? ({ type: 'STRING', nullable: false } as const)
        : typeof sample === 'boolean'
          ? ({ type: 'BOOLEAN', nullable: false } as const)
          : ({ type: 'DOUBLE', nullable: false } as const);
    }
    return { type: 'DOUBLE', nullable: column !== 'seed' } as const;
  });
  // Loaded here, as a sweep is finished, not with the module: `import 'govsim/node'` stays free of it (and of the
  // parquet reader it brings), some fifty modules a program that never finishes a sweep would load for nothing.
  const { fileWriter, ParquetWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const schema = schemaFromColumnData({
    columnData: columns.map((name, index) => ({
      name,
      data: [],
      type: columnTypes[index]?.type,
      nullable: columnTypes[index]?.nullable,
    })),
  });
  const csv = await open(csvTemporary, 'w');
  let csvOpen = true;
  try {
    const parquet = new ParquetWriter({ writer: fileWriter(parquetTemporary), schema });
    let buffer: string[][] = [];
    const flush = () => {
      if (buffer.length === 0) return;
      const rows = buffer;
      parquet.write({
        columnData: columns.map((name, index) => {
          const type = columnTypes[index]?.type;
          const data = rows.map((row) => {
            const text = row[index] as string;
            if (type === 'STRING') return text;
            if (type === 'BOOLEAN') return text === 'true';
            return text === '' ? null : Number(text);
          });
          return { name, data, type, nullable: columnTypes[index]?.nullable };
        }),
        rowGroupSize: 100_000,
      });
      buffer = [];
    };
    // A failed write names the file it was writing (Node's write errors name none).
    const writingCsv = async (write: () => Promise<void>) => {
      try {
        await write();
      } catch (error) {
        throw namingPath(error, csvPath);
      }
    };
    const writingParquet = async (write: () => void | Promise<void>) => {
      try {
        await write();
      } catch (error) {
        throw namingPath(error, parquetPath);
      }
    };
    await writingCsv(() => csv.writeFile(csvLine(columns)));
    for (const unit of units) {
      const chunk = await readSoundChunk(chunkPath(unit) as string, plan, unit);
      await writingCsv(() => csv.writeFile(chunk.body));
      for (const row of chunk.rows) buffer.push(row);
      if (buffer.length >= 50_000) await writingParquet(flush);
    }
    await writingParquet(flush);
    await writingParquet(() => parquet.finish());
    await writingCsv(() => csv.sync());
    csvOpen = false;
    await csv.close();
    await writingParquet(() => syncFile(parquetTemporary));
    await rename(csvTemporary, csvPath);
    await rename(parquetTemporary, parquetPath);
  } catch (error) {
    if (csvOpen) await csv.close().catch(() => undefined);
    await rm(csvTemporary, { force: true });
    await rm(parquetTemporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
  return ['runs.csv', 'runs.parquet'];
}

/**
 * The model module an experiment file names (relative to the file), named in messages as the experiment names it, from
 * where the command runs (absolute when outside it).
 * @throws ScenarioError naming the experiment file and its `model` field when nothing is at that path; the module's own
 *   problems otherwise
 */
async function loadExperimentModel(file: string, model: string): ReturnType<typeof loadModelModuleWithHash> {
  const resolved = resolve(dirname(file), model);
  const fromHere = relative(process.cwd(), resolved);
  const path = fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere) ? resolved : fromHere;
  try {
    return await loadModelModuleWithHash(path);
  } catch (error) {
    if (!(error instanceof InputFileError && error.missing)) throw error;
    throw new ScenarioError(file, [{ path: 'model', message: `model module ${path} not found` }], 'experiment');
  }
}

/** A sweep's definition as its sweep.json records it, planned again (under its model module, loaded again). */
async function loadedFromManifest(manifest: SweepManifest, source: string): Promise<LoadedExperiment> {
  const { experiment, base } = manifest.definition;
  if (manifest.model === undefined) return { experiment, base, source, plan: planSweep(experiment, base, source) };
  const model = await loadModelModuleWithHash(manifest.model.file);
  const plan = planSweep(experiment, base, source, { model: model.definition, modelHash: model.hash });
  return { experiment, base, source, plan, model: { file: model.file, hash: model.hash } };
}

/**
 * The shards given that lack units of work and are not being written — stopped part way, by a cancelled or killed
 * task — named with their folders and what finishes them; empty when there are none. A unit belongs to the shard
 * its position takes (every `count`-th unit of work; every `count`-th point in precision mode), as a sweep shard runs
 * them.
 */
function unfinishedShardsText(
  plan: SweepPlan,
  missing: readonly WorkUnit[],
  count: number,
  directories: readonly string[],
  shards: ReadonlyArray<Shard | undefined>,
  writing: ReadonlySet<string>,
): string {
  const positions = new Map(initialUnits(plan).map((unit, position) => [unitName(unit), position]));
  const precision = plan.experiment.precision !== undefined;
  const lacking = new Set(missing.map((unit) => (precision ? unit.point : (positions.get(unitName(unit)) ?? 0)) % count));
  const named = directories.flatMap((directory, index) => {
    const shard = shards[index];
    return shard !== undefined && lacking.has(shard.index) && !writing.has(directory)
      ? [`${directory} (shard ${shard.index}/${shard.count})`]
      : [];
  });
  if (named.length === 0) return '';
  const one = named.length === 1;
  return `${one ? 'the folder' : 'the folders'} ${named.join(', ')} ${one ? 'is' : 'are'} unfinished, stopped part way: finish ${one ? 'it' : 'each'} (the same sweep command with ${one ? 'its' : 'its own'} --shard and --resume, once ${one ? 'it no longer runs' : 'none runs any more'}), then merge again`;
}

/**
 * Combines shard folders into exactly what one machine would have written.
 * Everything is checked before anything is written: the shards' sweep.json
 * (the same sweep, written by this govsim version), every chunk (sound, and
 * the same bytes where two shards hold one unit), and that the shards
 * together hold every unit of work. Only then is `out` locked and written:
 * units are copied one at a time (memory stays bounded however large the
 * sweep) and runs.csv and runs.parquet written. On failure `out` is left
 * without temporary files, and removed when this call made it.
 * @returns the names of the files written last, in `out` (`runs.csv`, `runs.parquet`; join them to `out` for paths)
 * @example
 * await mergeSweeps(['out/shard-0', 'out/shard-1'], 'out/sweep'); // ['runs.csv', 'runs.parquet']
 */
export async function mergeSweeps(
  directories: readonly string[],
  out: string,
  options: { onNote?: (text: string) => void } = {},
): Promise<string[]> {
  checkMergeArguments(directories, out, options);
  if (directories.length === 0)
    throw new ScenarioError('merge', [{ path: '', message: 'expected at least one shard folder' }], 'merge');
  const note = options.onNote ?? ((text: string) => process.stderr.write(text));
  // A folder that is not there, or a file given for one, is said to be that before anything in it is looked for.
  for (const directory of directories) await checkInputFolder(directory, 'sweep folder');
  // The same folder however it is named (through a link, with a trailing slash): once only, and not written into as
  // the merge of the shards it is one of.
  const realFolders = await Promise.all(directories.map(realFolder));
  realFolders.forEach((folder, index) => {
    const earlier = realFolders.indexOf(folder);
    if (earlier < index)
      throw new ScenarioError(
        directories[index] as string,
        [{ path: '', message: `is ${directories[earlier]} again: give each shard's folder once` }],
        'sweep folder',
      );
  });
  const outIndex = realFolders.indexOf(await realFolder(out));
  if (outIndex >= 0 && (await readShardFile(directories[outIndex] as string)) !== undefined)
    throw new ScenarioError(out, [{ path: '', message: 'is one of the shard folders; choose another --out' }], 'output folder');
  // A folder begun without --shard is the whole sweep, not a part of one: beside shards it adds nothing a merge needs
  // (its units are checked against theirs) and says the folders were mixed up.
  const shards = await Promise.all(directories.map((directory) => readShardFile(directory)));
  // Only a sweep's folder (with its sweep.json) can be the whole sweep; any other folder is refused below as no sweep.
  const whole = shards.findIndex(
    (shard, index) => shard === undefined && existsSync(join(directories[index] as string, 'sweep.json')),
  );
  if (whole >= 0 && shards.some((shard) => shard !== undefined))
    throw new ScenarioError(
      directories[whole] as string,
      [
        {
          path: '',
          message:
            'is a folder of the whole sweep (it has no shard.json), given with shard folders: merge the shards alone, or use this folder as it is (govsim sweep --resume finishes it)',
        },
      ],
      'sweep folder',
    );
  let first: { directory: string; text: string; manifest: SweepManifest } | undefined;
  for (const directory of directories) {
    const { text, manifest } = await readSweepManifest(directory, { definition: false });
    if (first !== undefined && text !== first.text) {
      const [model, firstModel] = [recordedModel(manifest), recordedModel(first.manifest)];
      const message =
        manifest.govsim !== first.manifest.govsim
          ? `was written by govsim ${manifest.govsim}, ${first.directory} by govsim ${first.manifest.govsim}`
          : model?.hash !== firstModel?.hash
            ? `belongs to a different sweep than ${first.directory}: it ran with ${modelWords(model)}, ${first.directory} with ${modelWords(firstModel)}`
            : `belongs to a different sweep than ${first.directory}${differenceWords(manifest, first.manifest, first.directory)}`;
      throw new ScenarioError(directory, [{ path: 'sweep.json', message }], 'sweep folder');
    }
    first ??= { directory, text, manifest };
  }
  const { text: manifestText, manifest } = first as { text: string; manifest: SweepManifest };
  const version = govsimVersion();
  if (manifest.govsim !== version) {
    throw new ScenarioError(
      directories[0] as string,
      [
        {
          path: 'sweep.json',
          message: `was written by govsim ${manifest.govsim}, and this is govsim ${version}: merge with govsim ${manifest.govsim}, or run the shards again with --resume --allow-version-change`,
        },
      ],
      'sweep folder',
    );
  }
  // The same version: its experiment must pass this version's schema.
  const loaded = await loadedFromManifest(
    parseSweepManifest(manifestText, join(directories[0] as string, 'sweep.json')),
    'merge',
  );
  const { plan } = loaded;

  // Every chunk of every shard, checked; a unit two shards hold must be the same bytes in both.
  const sources = new Map<string, string>();
  // Folders holding units, every one of which an earlier folder holds too (two copies of one shard, say): said, as
  // they add nothing to the merge.
  const redundant: string[] = [];
  for (const directory of directories) {
    let units = 0;
    let added = 0;
    for (const [name, { unit, path }] of await chunkFiles(directory)) {
      await readSoundChunk(path, plan, unit);
      units++;
      const earlier = sources.get(name);
      if (earlier === undefined) {
        sources.set(name, path);
        added++;
      } else if (!(await readFile(earlier)).equals(await readFile(path))) {
        throw new ScenarioError(
          directory,
          [{ path: `chunks/${chunkFileName(unit)}`, message: `differs from the same unit in ${dirname(dirname(earlier))}` }],
          'sweep folder',
        );
      }
    }
    if (units > 0 && added === 0) redundant.push(directory);
  }
  for (const directory of redundant)
    note(`${directory} adds nothing: each of its units is also in a folder given before it, with the same bytes\n`);
  // Folders that say which shard they are tell which shards a gap comes from.
  const counts = new Set(shards.map((shard) => shard?.count));
  const count = counts.size === 1 ? [...counts][0] : undefined;
  const absent =
    count === undefined
      ? []
      : Array.from({ length: count }, (_, index) => index).filter((index) => !shards.some((shard) => shard?.index === index));
  // A shard still being written (its lock held, as by a task still running) is to be waited for, not run again.
  const writing: string[] = [];
  // The lock files of those held on another host: a task killed outright there (SIGKILL) leaves its lock behind, and
  // this host cannot tell whether its process still runs (docs/cluster.md).
  const remoteLocks: string[] = [];
  const writingFolders = new Set<string>();
  for (const directory of directories) {
    const holder = await folderHolder(directory);
    if (holder === undefined) continue;
    writingFolders.add(directory);
    writing.push(`${directory} (${holder.command}, pid ${holder.pid} on host ${holder.host}, since ${holder.started})`);
    if (holder.host !== hostname()) remoteLocks.push(join(directory, lockFileName));
  }
  const killedNote =
    remoteLocks.length === 0
      ? ''
      : ` (a task on another host killed outright leaves its lock behind: once the scheduler no longer shows the task, delete its lock (${remoteLocks.join(' or ')}) and submit the task again)`;
  await completeUnits(
    loaded,
    (unit) => sources.get(unitName(unit)),
    `merge of ${directories.join(', ')}`,
    (missing) => {
      // Given shards that lack units and are not being written: stopped part way (cancelled, killed), to be finished.
      const unfinished =
        count === undefined ? '' : unfinishedShardsText(plan, missing, count, directories, shards, writingFolders);
      // Each said where it applies: waiting for a shard being written does not bring one that was not given, nor
      // finish one that stopped.
      const parts = [
        ...(writing.length > 0
          ? [
              absent.length > 0 || unfinished !== ''
                ? `still being written: ${writing.join(', ')}, to be waited for${killedNote}`
                : `still being written: ${writing.join(', ')}; merge once ${writing.length === 1 ? 'it has' : 'they have'} finished${killedNote}`,
            ]
          : []),
        ...(unfinished === '' ? [] : [unfinished]),
        ...(absent.length > 0 ? [missingShardsText(absent, count as number)] : []),
      ];
      return parts.length === 0
        ? 'run the missing shards (with --resume), then merge again; nothing was written'
        : `${parts.join('; ')}; nothing was written`;
    },
  );

  // A folder this merge made holds nothing worth keeping when the merge fails.
  return writeInLockedFolder(out, 'govsim merge', note, async () => {
    const outChunks = join(out, 'chunks');
    await removeStaleTemporaryFiles([out, outChunks], { lockHeld: true, legacy: true });
    const existing = join(out, 'sweep.json');
    if (existsSync(existing) && (await readFile(existing, 'utf8')) !== manifestText) {
      throw new ScenarioError(
        out,
        [{ path: 'sweep.json', message: 'holds another sweep (or another version of it); choose another --out' }],
        'output folder',
      );
    }
    await writeFilesAtomically(
      out,
      new Map([
        ['sweep.json', manifestText],
        ['points.csv', pointsCsv(plan)],
      ]),
    );
    await makeFolder(outChunks);
    for (const [name, path] of sources) {
      const target = join(outChunks, `${name}.csv`);
      if (resolve(target) === resolve(path)) continue;
      const content = await readFile(path);
      if (existsSync(target) && (await readFile(target)).equals(content)) continue;
      await writeFileAtomically(target, content);
    }
    return await finaliseSweep(out, loaded);
  });
}

/** Reads a finished sweep's definition back (for analysis); a bad sweep.json is a ScenarioError naming it. */
export async function loadSweepDefinition(directory: string): Promise<LoadedExperiment> {
  return await loadedFromManifest((await readSweepManifest(directory)).manifest, directory);
}

/** Streams the rows of a finished sweep's runs.csv (without its header), parsed by csv-parse's stream API. */
export async function* readRuns(directory: string): AsyncGenerator<string[]> {
  let header = true;
  for await (const row of readCsvRows(join(directory, 'runs.csv'))) {
    if (header) {
      header = false;
      continue;
    }
    yield row;
  }
}
