/**
 * The govsim command line: `run`, `compare`, `validate`, `reproduce`, `robustness`, `sweep`, `merge`, `analyze`, `schema`,
 * `parameters`, `assumptions-experiment`, `presets`.
 * Bad input (a scenario that fails validation, a bad option) prints one
 * clear message to stderr and exits with code 2, writing nothing.
 */
import { existsSync } from 'node:fs';
import { realpath, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { cpuTimeText, finishStepsPausing, plural, wholeNumberText } from '../core/index.js';
import type { SweepEstimate } from '../experiments/index.js';
// The limits a command's help states and its options are checked against come from modules of their own; what only
// some commands use (generators, facts and their analyses, sweeps, city files, schemas) each command imports as it
// starts, so that `govsim run` loads, compiles and builds the schemas of none of them.
import { experimentLimits, sweepLimits } from '../experiments/limits.js';
// Each from its own module, not the node barrel: a command loads the machinery of sweeps, robustness and reports
// (hyparquet, the report stack with its embedded font) only when it asks for it.
import { makeFolder, writeFileAtomically, writeFilesAtomically } from '../node/atomic-files.js';
import type { CaseFolder } from '../node/case-folder.js';
import { writeInLockedFolder } from '../node/folder-lock.js';
import { checkInputFolder } from '../node/input-file.js';
import { codeLocation, loadModelModule, loadModelModuleWithHash } from '../node/model-module.js';
import { outputFolderName, writeRunOutputs } from '../node/output.js';
import {
  checkOutputFile,
  checkOutputFolder,
  folderContents,
  type OutputFileContent,
  outputKindWords,
  robustnessProgressFile,
} from '../node/output-folder.js';
import { loadScenarioFile, readScenarioInput, withBaseSeed } from '../node/scenario-file.js';
import { parseShard, type Shard } from '../node/shard.js';
import { knownCases } from '../node/shipped.js';
import { describeSystemError, isSystemError, namingPath } from '../node/system-error.js';
import { govsimVersion, packageRoot } from '../node/version.js';
import {
  cutText,
  maximumProblemLength,
  modePresets,
  oneLineText,
  type PresetName,
  parseExtendedScenario,
  parseScenario,
  presetNames,
  type Scenario,
  ScenarioError,
  sameWorld,
  totalHouseholds,
} from '../scenario/index.js';
import {
  communitiesToCsv,
  comparedMetrics,
  comparisonTable,
  ExtensionError,
  estimatedRunCost,
  type ModelDefinition,
  maximumWeeks,
  rolloutStagesToCsv,
  rolloutTable,
  runScenarioSteps,
  runWithCommunitiesSteps,
  summaryValue,
  toJson,
} from '../simulation/index.js';
import type { FactResult, FailsWhen, RobustnessRun } from '../validation/index.js';
import { robustnessSampleLimits } from '../validation/limits.js';
import { isShortRun } from './compiler-tier.js';
import { createProgress, createRateProgress } from './progress.js';
import { setStopNote } from './stop-note.js';

/** Exit code when `validate` finds a fact that falls short. */
export const exitFactsFellShort = 1;

/** Exit code for bad input (an invalid or unreadable input file, a bad option, a usage error); nothing is written. */
export const exitBadInput = 2;

/** Exit code when reading or writing a file fails (the message names the operation and the path). */
export const exitOutputError = 3;

/** Exit code for an internal error, a bug in govsim: like an I/O failure, not the input's fault (the message says which). */
export const exitInternalError = 3;

class FactsFellShort extends Error {}

/**
 * The `<case>` of a case command's default folder (`out/robustness-<case>`, `out/report-<case>`): a shipped case's
 * name (given by name or by its folder), else the case folder's path from the working folder, however it was spelt
 * (`mycase`, `./mycase/` and its absolute path name one folder, so that `--resume` finds what an earlier run kept).
 */
export function caseOutputName(caseName: string, folder: { directory: string }): string {
  const directory = resolve(folder.directory);
  const shipped = Object.hasOwn(knownCases, caseName)
    ? caseName
    : Object.entries(knownCases).find(([, path]) => resolve(packageRoot(), path) === directory)?.[0];
  // The folder's path from the working folder (as the user names it, `./` and a trailing `/` aside): two case folders
  // of one name in different folders get two folders, and the working folder its own name.
  return outputFolderName(shipped ?? (relative(process.cwd(), directory) || basename(directory)), 'case');
}

/**
 * What `govsim explore <folder>…` serves at /cases.json: each case folder's
 * scenarios as written, named by the folder (`tiny-case/case`), its own
 * scenario first. Undefined with no folder. A folder that is not a sound case,
 * a shipped case (already offered) or a name given twice is bad input.
 */
async function servedCasesJson(folders: readonly string[]): Promise<string | undefined> {
  if (folders.length === 0) return undefined;
  const { loadCaseFolder } = await import('../node/case-folder.js');
  const shipped = new Map(Object.entries(knownCases).map(([name, path]) => [resolve(packageRoot(), path), name]));
  // The explorer offers a shipped case under its known name, or under its folder's.
  const shippedNames = new Set([...Object.keys(knownCases), ...Object.values(knownCases).map((path) => basename(path))]);
  const named = new Map<string, string>();
  const cases = [];
  for (const given of folders) {
    const folder = await loadCaseFolder(given);
    const already = shipped.get(resolve(folder.directory));
    const name = basename(resolve(folder.directory));
    const problem =
      already !== undefined
        ? `is the shipped case ${already}, which the explorer offers already`
        : named.has(name) || shippedNames.has(name)
          ? `has the name ${name}${named.has(name) ? ` of ${named.get(name)} too` : ', a shipped case’s'}: the explorer names a case by its folder`
          : undefined;
    if (problem !== undefined) throw new ScenarioError(given, [{ path: '', message: problem }], 'case folder');
    named.set(name, given);
    const keys = [folder.facts.case, ...[...folder.inputs.keys()].filter((key) => key !== folder.facts.case).sort()];
    cases.push({
      name,
      case: folder.facts.case,
      scenarios: keys.flatMap((key) => (folder.inputs.has(key) ? [{ key, raw: folder.inputs.get(key) }] : [])),
    });
  }
  return toJson({ cases });
}

/**
 * What a stop note adds for a shard a scheduler chose (`--shard slurm`, `env`, `k8s/n`): resubmitted alone, the task
 * is no longer that shard of an array, so it is to be given as `--shard i/n`. Empty for `i/n` given, or no shard.
 */
export function resubmittedShardHint(given: string | undefined, shard: Shard | undefined): string {
  if (given === undefined || shard === undefined || /^\d+\/\d+$/.test(given)) return '';
  return ` (resubmitted as a task of its own, with --shard ${shard.index}/${shard.count})`;
}

/** Loads a case folder (with the model, if any) and writes to stderr what its loading found worth saying, its notes, each on a line of its own. */
async function loadCaseSaying(
  io: Io,
  caseName: string,
  model: ModelDefinition | undefined,
  baseSeed?: number,
): Promise<CaseFolder> {
  const { loadCaseFolder } = await import('../node/case-folder.js');
  const folder = await loadCaseFolder(caseName, { ...(model === undefined ? {} : { model }), ...baseSeedRecorded(baseSeed) });
  for (const note of folder.notes) sayNote(io, note);
  return folder;
}

/** `govsim validate`'s options, as parsed. */
interface ValidateOptions {
  replicates: number;
  baseSeed?: number;
  model?: string;
  allowFail?: ReadonlySet<number> | 'all';
  falsify?: boolean;
  jobs?: number;
  json?: boolean;
  force?: boolean;
}

/** A model module given with `--model`: its definition, its absolute path and the hash of its text. */
type LoadedModel = Awaited<ReturnType<typeof loadModelModuleWithHash>>;

/** What a command's JSON output and manifest record of a model module: its file and hash, under `model`. */
function recordedModel(model: LoadedModel | undefined): { model?: { file: string; hash: string } } {
  return model === undefined ? {} : { model: { file: model.file, hash: model.hash } };
}

/** A pool of `jobs` worker threads (default every core) comparing scenarios under `model`. */
async function comparePool(jobs: number | undefined, model: LoadedModel | undefined) {
  const { ComparePool } = await import('../node/compare-pool.js');
  return new ComparePool(jobs, model);
}

/** A pool of `jobs` worker threads (default every core) evaluating facts under `model`. */
async function factsPool(jobs: number | undefined, model: LoadedModel | undefined) {
  const { FactsPool } = await import('../node/facts-pool.js');
  return new FactsPool(jobs, model);
}

/**
 * `govsim validate --falsify`: each fact of the case that names an
 * alternative (`failsWhen`) is evaluated at the case's own settings and with
 * that alternative applied to every scenario; exits 1 (through
 * {@link FactsFellShort}) when one is not falsified by it (see
 * {@link falsificationVerdict}), 2 when no fact names an alternative.
 */
async function falsifyCase(io: Io, caseName: string, options: ValidateOptions, model?: LoadedModel): Promise<void> {
  const { falsificationOf, falsificationTable, falsificationVerdict, fewReplicatesNote, scenariosWithOverrides } = await import(
    '../validation/index.js'
  );
  const { replicates, baseSeed } = options;
  const folder = await loadCaseSaying(io, caseName, model?.definition, baseSeed);
  const falsifiable = folder.facts.facts.filter((fact) => fact.failsWhen !== undefined);
  if (falsifiable.length === 0)
    throw new ScenarioError(
      join(folder.directory, 'facts.json'),
      [{ path: 'facts', message: 'expected a fact that names an alternative setting (failsWhen) for --falsify: none does' }],
      'facts file',
    );
  // The case at its defaults and under each fact's alternative.
  await checkCaseBudget(folder, replicates, falsifiable.length + 1, options.force);
  const withoutAlternative = folder.facts.facts
    .filter((fact) => fact.failsWhen === undefined)
    .map((fact) => ({ id: fact.id, title: fact.title }));
  // A fact falsified or left standing is read from its share against its threshold, as in a validation.
  sayNote(io, fewReplicatesNote({ ...folder.facts, facts: falsifiable }, replicates));
  const progress = createProgress('replicates', (falsifiable.length + 1) * replicates);
  const pool = await factsPool(options.jobs, model);
  const rows = [];
  try {
    const { results } = await pool.evaluate({ ...folder.facts, facts: falsifiable }, folder.scenarios, replicates, (done) =>
      progress.update(done),
    );
    for (const [index, fact] of falsifiable.entries()) {
      const alternative = fact as typeof fact & { failsWhen: FailsWhen };
      // The fact alone, on the case's scenarios as written with its alternative applied.
      const scenarios = scenariosWithOverrides(folder.inputs, alternative.failsWhen.parameters, model?.definition);
      const evaluation = await pool.evaluate({ ...folder.facts, facts: [fact] }, scenarios, replicates, (done) =>
        progress.update((index + 1) * replicates + done),
      );
      const outcome = falsificationOf(alternative, evaluation.results[0] as FactResult);
      const atDefaults = results[index] as FactResult;
      rows.push({ outcome, atDefaults, verdict: falsificationVerdict(atDefaults, outcome) });
    }
  } finally {
    await pool.close();
  }
  progress.finish();
  const standing = rows.filter((row) => row.verdict !== 'falsified');
  io.stdout(
    options.json
      ? toJson({
          case: folder.directory,
          ...recordedModel(model),
          replicates,
          ...baseSeedRecorded(baseSeed),
          passed: standing.length === 0,
          // `falsified` is the verdict's; whether the fact fell short under its alternative alone is said apart.
          facts: rows.map(({ outcome: { falsified: fallsShortUnderAlternative, ...outcome }, atDefaults, verdict }) => ({
            ...outcome,
            atDefaults,
            verdict,
            falsified: verdict === 'falsified',
            fallsShortUnderAlternative,
          })),
          withoutAlternative: withoutAlternative.map((fact) => fact.id),
        })
      : falsificationTable(rows, withoutAlternative, replicates),
  );
  if (standing.length > 0) throw new FactsFellShort();
}

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed))
    throw new InvalidArgumentError(`expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
  return parsed;
}

/**
 * A parser of whole numbers from `minimum` to `maximum` whose message states that range (and `why`, when given), not
 * the widest range a whole number may have.
 */
function wholeNumberFrom(minimum: number, maximum: number, why = ''): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < minimum || parsed > maximum)
      throw new InvalidArgumentError(`expected a whole number from ${minimum} to ${maximum}${why}.`);
    return parsed;
  };
}

/** A `--weeks` value: a whole number from 1 to the scenario schema's maximum. */
const weeksOption = wholeNumberFrom(1, maximumWeeks, ' weeks (100 years, the limit of a scenario)');

/** A whole number of at least 1, with no bound of its own here (worker threads; a week the generator bounds). */
function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a whole number, at least 1.');
  return parsed;
}

/** The most paired replicates a command takes, the limit of an experiment file: beyond it, run a sweep (sharded if need be). */
const maximumReplicates = experimentLimits.replicates;

/** What a scenario argument takes besides a file: a scenario shipped with govsim, by name. */
const shippedScenarioArgument =
  'the name of one shipped with govsim (y-community-co-production, or z-street/case for a scenario of a case; govsim list names them)';

/** What a case argument takes: a folder of one's own, or a case shipped with govsim. */
const caseArgument = `a case folder (its facts.json beside its scenarios, one .json file each), or a known case (${Object.keys(knownCases).join(', ')})`;

/** The help of `--model`, the same on every command. */
const modelOptionHelp = 'a module whose default export is a model definition with extensions (docs/extending.md)';

/** A count of paired replicates: 1 to {@link maximumReplicates}. */
const replicateCount = wholeNumberFrom(1, maximumReplicates, ' replicates (for more, run a sweep)');

/** `--allow-fail`: fact ids separated by commas, or "all". */
function factIdList(value: string): ReadonlySet<number> | 'all' {
  if (value === 'all') return 'all';
  const ids = value.split(',').map((part) => part.trim());
  if (ids.some((id) => !/^\d+$/.test(id)))
    throw new InvalidArgumentError('expected fact ids separated by commas (e.g. 5,12), or all.');
  return new Set(ids.map(Number));
}

/** `--samples`: 2 to 100,000 parameter draws, as the library takes ({@link robustnessSampleLimits}). */
const sampleCount = wholeNumberFrom(robustnessSampleLimits.minimum, robustnessSampleLimits.maximum, ' draws');

/** CPU hours a `run` or `compare` may be estimated to take without `--force`. */
const runBudgetCpuHours = 1;

/**
 * Refuses, before any run, work estimated past {@link runBudgetCpuHours}
 * (each scenario `replicates` times, over `weeks` or its own horizon) unless
 * forced: a city-sized world over a century of weeks is more than anyone
 * starts by accident.
 */
function checkRunBudget(
  source: string,
  scenarios: readonly Scenario[],
  replicates: number,
  weeks: number | undefined,
  force: boolean | undefined,
  { budgetCpuHours = runBudgetCpuHours, otherwise = 'split it into a sweep', kind = 'run' } = {},
): void {
  const seconds = scenarios.reduce((total, scenario) => total + estimatedRunCost(scenario, weeks).seconds * replicates, 0);
  if (force || seconds <= budgetCpuHours * 3600) return;
  throw new ScenarioError(
    source,
    [
      {
        path: '',
        message: `estimated at ${(seconds / 3600).toPrecision(3)} CPU hours (${Math.round(seconds)} s), more than the budget of ${budgetCpuHours} CPU hour${budgetCpuHours === 1 ? '' : 's'}; pass --force to run it anyway, or ${otherwise}`,
      },
    ],
    kind,
  );
}

/**
 * {@link checkRunBudget} for an evaluation of a case's facts: the scenarios its facts name (`every` scenario of the
 * case, for a report), each run `replicates` times for each of `evaluations` (draws, or alternative settings, and the
 * defaults), against `budgetCpuHours`.
 */
async function checkCaseBudget(
  folder: CaseFolder,
  replicates: number,
  evaluations: number,
  force: boolean | undefined,
  { every = false, ...budget }: { every?: boolean; budgetCpuHours?: number; otherwise?: string } = {},
): Promise<void> {
  const { scenariosOfFacts } = await import('../validation/index.js');
  const named = new Set(every ? folder.scenarios.keys() : scenariosOfFacts(folder.facts));
  const scenarios = [...folder.scenarios].filter(([key]) => named.has(key)).map(([, scenario]) => scenario);
  checkRunBudget(join(folder.directory, 'facts.json'), scenarios, replicates * evaluations, undefined, force, {
    otherwise: 'use fewer replicates',
    ...budget,
    kind: 'evaluation',
  });
}

/**
 * What a run ended by `--weeks` at week `weeks` never reaches in `scenarios` (those of one run: a scenario, or a city's
 * streets), in words: its timeline's changes, the expert's arrival and communities joining after that week; empty when
 * it reaches them all. A scenario file that puts one of them past its own weeks is refused, but `--weeks` shortens a
 * run on purpose (docs/metrics.md gives weeksJoined as 0 for a community that a run shortened by it ends before): the
 * commands say on stderr what is left out ({@link weeksNote}) rather than refuse.
 */
function eventsPastWeeks(scenarios: readonly Scenario[], weeks: number): string[] {
  const changes = new Map<string, number>();
  let expertWeek = Number.POSITIVE_INFINITY;
  let joining = 0;
  let firstJoin = Number.POSITIVE_INFINITY;
  let lastJoin = 0;
  for (const scenario of scenarios) {
    for (const entry of scenario.timeline) {
      if (entry.week <= weeks) continue;
      const what = entry.event ?? (typeof entry.mode === 'string' ? `to ${entry.mode}` : 'a change of mode');
      changes.set(`week ${entry.week} (${what})`, entry.week);
    }
    const rule = scenario.switchRule;
    if (rule?.expertPresent && rule.expertFromWeek > weeks) expertWeek = Math.min(expertWeek, rule.expertFromWeek);
    for (const community of scenario.world.communities) {
      if (typeof community.joinsWeek !== 'number' || community.joinsWeek <= weeks) continue;
      joining++;
      firstJoin = Math.min(firstJoin, community.joinsWeek);
      lastJoin = Math.max(lastJoin, community.joinsWeek);
    }
  }
  const events: string[] = [];
  const ordered = [...changes].sort(([, a], [, b]) => a - b).map(([text]) => text);
  if (ordered.length > 0) events.push(`the timeline's change${ordered.length === 1 ? '' : 's'} at ${ordered.join(' and ')}`);
  if (Number.isFinite(expertWeek)) events.push(`the expert's arrival at week ${expertWeek}`);
  if (joining > 0)
    events.push(
      `${wholeNumberText(joining)} ${joining === 1 ? 'community' : 'communities'} joining at week${firstJoin === lastJoin ? ` ${firstJoin}` : `s ${firstJoin} to ${lastJoin}`}`,
    );
  return events;
}

/**
 * The note a command prints on stderr when `--weeks` ends the run of `name` before events its scenarios set
 * ({@link eventsPastWeeks}); undefined when none is left out or `--weeks` is not given.
 */
function weeksNote(name: string, scenarios: readonly Scenario[], weeks: number | undefined): string | undefined {
  if (weeks === undefined) return undefined;
  const events = eventsPastWeeks(scenarios, weeks);
  if (events.length === 0) return undefined;
  return `govsim: --weeks ${weeks} ends ${name} after week ${weeks}, leaving out ${events.join('; ')}\n`;
}

/** "1 street", "215 streets". */
function streetCount(count: number): string {
  return `${wholeNumberText(count)} street${count === 1 ? '' : 's'}`;
}

/** A `--name` value: what a scenario's or city's name may be (one line, 1 to 200 characters), said of the option. */
function nameOption(value: string): string {
  const checked = oneLineText.safeParse(value);
  if (!checked.success)
    throw new InvalidArgumentError(
      value === '' ? 'expected a name, not empty.' : `expected a name: ${checked.error.issues[0]?.message ?? 'one line'}.`,
    );
  return value;
}

/** Estimated seconds past which `govsim run` shows its progress. */
const longRunSeconds = 5;

/** A `--mode` value: a mode preset's name. */
function presetOption(value: string): PresetName {
  if (!(presetNames as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected a mode preset: ${presetNames.join(', ')}.`);
  return value as PresetName;
}

/** A share from 0 to 1. */
function shareOption(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return parsed;
}

/** The Z Street path: administrative-led, the expert consultation and a pause from week 18, co-production from week 22 (case.json). */
const zStreetTimeline = [
  { week: 18, mode: 'pause', event: 'expert consultation; all renewal work paused' },
  { week: 22, mode: 'co-production', event: 'promotion meeting; the new approach begins' },
] as const;

/**
 * Prints `text`, or writes it to the file `out` (checked first with {@link checkOutputFile}): atomically, its folder
 * made if need be; a device such as /dev/stdout is written in place.
 */
async function printOrWrite(io: Io, out: string | undefined, text: string, content: OutputFileContent = 'other'): Promise<void> {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  await checkOutputFile(out, '--out', content);
  const found = await stat(out).catch(() => undefined);
  if (found !== undefined && !found.isFile()) {
    // A write to an open device fails without a path (ENOSPC on /dev/full): the message names the file given.
    await writeFile(out, text, 'utf8').catch((error: unknown) => {
      throw namingPath(error, out);
    });
    return;
  }
  // Through a symbolic link to a file: the file is replaced, the link kept.
  const target = found === undefined ? resolve(out) : await realpath(out);
  await makeFolder(dirname(target));
  await writeFileAtomically(target, text);
}

/**
 * Runs a generator, turning its refusal of an option into bad input naming the command-line option, and saying so where
 * the value refused is the option's default, which the command line did not give.
 */
function generated<T>(source: string, make: () => T, command?: Command): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ScenarioError) || error.source !== 'generator options') throw error;
    const problems = error.problems.map((problem) => {
      const flag = commandLineOption(problem.path);
      const option = command?.options.find((known) => known.long === flag);
      const byDefault = option !== undefined && command?.getOptionValueSource(option.attributeName()) === 'default';
      return {
        path: flag,
        message: byDefault ? `${problem.message} (its default: give ${flag} a value that fits)` : problem.message,
      };
    });
    throw new ScenarioError(source, problems, 'options');
  }
}

/** Generator options whose command-line option is not their name in kebab case. */
const generatorOptionFlags: Readonly<Record<string, string>> = { batchIntervalWeeks: '--batch-interval' };

/** The command-line option of a generator's option: `householdsMean` is `--households-mean`. */
function commandLineOption(name: string): string {
  return generatorOptionFlags[name] ?? `--${name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** Whether a scenario is a street of several communities, followed community by community. */
function isStreet(scenario: Scenario): boolean {
  return scenario.world.communities.length > 1;
}

/** The model definition of `--model`, when given. */
async function modelOption(path: string | undefined): Promise<ModelDefinition | undefined> {
  return path === undefined ? undefined : loadModelModule(path);
}

/** A scenario file parsed for `model` (its extensions' parameters validated), or for the built-in model. */
async function loadScenarioWith(file: string, model: ModelDefinition | undefined, baseSeed?: number): Promise<Scenario> {
  if (model === undefined && baseSeed === undefined) return loadScenarioFile(file);
  return parseExtendedScenario(withBaseSeed(await readScenarioInput(file), baseSeed), model?.extensions ?? [], file);
}

/** What a command's JSON output records of `--base-seed`: `baseSeed` when it was given, else nothing. */
function baseSeedRecorded(baseSeed: number | undefined): { baseSeed?: number } {
  return baseSeed === undefined ? {} : { baseSeed };
}

/** `--base-seed`, as compare, validate and reproduce take it: every scenario's base seed, in place of its own. */
function baseSeedOption(): Option {
  return new Option(
    '--base-seed <n>',
    "base seed of every scenario, in place of each one's own seed: another base seed draws another, independent set of paired replicates",
  ).argParser(nonNegativeInteger);
}

/**
 * A sweep's planned size and estimated cost, for stderr before it starts. For a shard the points, runs and CPU time are
 * still the whole sweep's: a clause of its own says so (the MB per worker are any worker's, a shard's as much).
 */
function estimateText(estimate: SweepEstimate, work: ShardWork, shard?: Shard): string {
  const time = cpuTimeText(estimate.cpuSeconds);
  const cities =
    estimate.streets === undefined
      ? ''
      : ` (each a city run of ${wholeNumberText(estimate.streets)} street${estimate.streets === 1 ? '' : 's'})`;
  const whose =
    shard === undefined
      ? ''
      : `; the runs and CPU time are the whole sweep's, shard ${shard.index}/${shard.count} ${shardShareText(shard, work)}`;
  const count = (value: number, noun: string) => `${wholeNumberText(value)} ${noun}${value === 1 ? '' : 's'}`;
  return `planned: ${count(estimate.points, 'point')}, ${count(estimate.scenarios, 'scenario')}${cities}, at most ${count(estimate.runs, 'run')}; estimated ${time}, ${(estimate.largestRunBytes / 1024 ** 2).toPrecision(3)} MB per worker${whose}`;
}

/** What a sweep is split into for its shards: its units of work, or in precision mode its points. */
interface ShardWork {
  count: number;
  noun: string;
  nouns: string;
}

/**
 * What of the sweep a shard runs: units i, i + n, … of the sweep's `work`, so "runs 1 of its 4 units of work", or
 * "runs none of its 4 units of work" past them.
 */
function shardShareText(shard: Shard, work: ShardWork): string {
  const taken = Math.max(0, Math.ceil((work.count - shard.index) / shard.count));
  const of = `of its ${wholeNumberText(work.count)} ${work.count === 1 ? work.noun : work.nouns}`;
  return taken === 0 ? `runs none ${of}` : `runs ${wholeNumberText(taken)} ${of}`;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A note on stderr, "govsim: note: …", when there is one. */
function sayNote(io: Io, note: string | undefined): void {
  if (note !== undefined) io.stderr(`govsim: note: ${note}\n`);
}

/** How the command line runs beyond its output: what only a whole `govsim` process may do. */
export interface MainOptions {
  /**
   * Called before a `run` whose scenario is short ({@link isShortRun}) starts: the `govsim` process keeps V8 at its
   * baseline tier there ({@link forgoOptimisingCompiler}); a caller that goes on running other work gives none.
   */
  beforeShortRun?: () => void;
}

function buildProgram(io: Io, host: MainOptions): Command {
  const program = new Command()
    .name('govsim')
    .description('Agent-based simulation of governance modes in urban community micro-renewal.')
    .version(govsimVersion())
    .showHelpAfterError('(govsim --help for usage)')
    // Usage errors read as govsim's others do ("govsim: unknown option …"), not as commander's ("error: …").
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(text.replace(/^error: /, 'govsim: ')),
    })
    .exitOverride();

  program
    .command('run')
    .description(
      'Run one scenario and write its weekly series (weeks.csv), summary (summary.json) and manifest (manifest.json); for a street of several communities also communities.csv (one row per community) and rollout.csv (the street week by week).',
    )
    .argument('<scenario>', `scenario file (JSON), or ${shippedScenarioArgument}`)
    .option('--seed <n>', 'seed of the run (default: derived from the scenario and the replicate)', nonNegativeInteger)
    .addOption(
      // A seed given is the run's seed: a replicate, which only derives one, would say nothing.
      new Option('--replicate <n>', 'replicate number used to derive the seed')
        .argParser(nonNegativeInteger)
        .default(0)
        .conflicts('seed'),
    )
    .option('--weeks <n>', "weeks to simulate (default: the scenario's; at most 5200)", weeksOption)
    .option(
      '--out <dir>',
      'output folder (default: out/<scenario name>); an earlier run there, of any scenario or seed, is replaced (the files its manifest.json lists and this run does not write are removed; other files are left alone)',
    )
    .option('--model <module>', modelOptionHelp)
    .option('--force', `run even when the run is estimated to take more than ${runBudgetCpuHours} CPU hour`)
    .option('--json', 'print the summary as JSON instead of a short report')
    .action(
      async (
        file: string,
        options: {
          seed?: number;
          replicate: number;
          weeks?: number;
          out?: string;
          model?: string;
          force?: boolean;
          json?: boolean;
        },
      ) => {
        const loadedModel = options.model === undefined ? undefined : await loadModelModuleWithHash(options.model);
        const model = loadedModel?.definition;
        const scenario = await loadScenarioWith(file, model);
        checkRunBudget(file, [scenario], 1, options.weeks, options.force);
        const directory = options.out ?? join('out', outputFolderName(scenario.name));
        await checkOutputFolder(directory, 'run');
        const note = weeksNote(scenario.name, [scenario], options.weeks);
        if (note !== undefined) io.stderr(note);
        // A run estimated to take more than a few seconds shows its weeks go by; a short one prints nothing extra.
        const weeks = options.weeks ?? scenario.weeks;
        if (isShortRun(totalHouseholds(scenario.world.communities), weeks, scenario.world.communities.length))
          host.beforeShortRun?.();
        const progress =
          estimatedRunCost(scenario, options.weeks).seconds > longRunSeconds ? createProgress('weeks', weeks) : undefined;
        const runOptions = {
          ...(model === undefined ? {} : { model }),
          replicate: options.replicate,
          ...(options.seed === undefined ? {} : { seed: options.seed }),
          ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
          ...(progress === undefined
            ? {}
            : { observe: (_state: unknown, record: { week: number }) => progress.update(record.week) }),
        };
        // A street of several communities is followed community by community (communities.csv, rollout.csv). The run
        // pauses for the event loop now and then, so that Ctrl-C stops even a run of a city-sized street at once.
        const street = isStreet(scenario) ? await finishStepsPausing(runWithCommunitiesSteps(scenario, runOptions)) : undefined;
        const result = street?.result ?? (await finishStepsPausing(runScenarioSteps(scenario, runOptions)));
        progress?.finish();
        // Written holding the folder's lock: a command that took the folder meanwhile is named, and nothing is mixed.
        const written = await writeInLockedFolder(
          directory,
          'govsim run',
          (text) => io.stderr(text),
          () => writeRunOutputs(directory, scenario, result, file, street, loadedModel),
        );
        if (options.json) {
          io.stdout(toJson({ scenario: scenario.name, seed: result.seed, files: written, summary: result.summary }));
          return;
        }
        const lines = [`${scenario.name}: ${result.weeks.length} weeks, seed ${result.seed}`];
        for (const metric of comparedMetrics(model)) {
          const value = summaryValue(result.summary, metric.key);
          lines.push(`  ${metric.label.padEnd(46)} ${Number.isFinite(value) ? Number(value.toPrecision(4)) : '—'}`);
        }
        lines.push('', `wrote ${written.join(', ')}`, '');
        io.stdout(lines.join('\n'));
      },
    );

  program
    .command('compare')
    .description('Run two scenarios on the same seeds (common random numbers) and report paired differences with 95% intervals.')
    .argument('<a>', `first scenario file (JSON), or ${shippedScenarioArgument}`)
    .argument('<b>', `second scenario file (JSON), or ${shippedScenarioArgument}`)
    .option('--replicates <n>', 'paired replicates', replicateCount, 50)
    .addOption(baseSeedOption())
    .option('--weeks <n>', "weeks to simulate (default: each scenario's; at most 5200)", weeksOption)
    .option('--model <module>', modelOptionHelp)
    .option('--force', `run even when the comparison is estimated to take more than ${runBudgetCpuHours} CPU hour`)
    .option(
      '--out <dir>',
      'for streets of several communities, the folder of comparison.json, stages.csv and communities.csv (default: out/compare-<a>-vs-<b>); single communities write no files, and refuse it',
    )
    .option(
      '-j, --jobs <n>',
      'worker threads, each running a share of the replicate pairs (default: every core)',
      positiveInteger,
    )
    .option('--json', 'print the comparison as JSON')
    .action(
      async (
        fileA: string,
        fileB: string,
        options: {
          replicates: number;
          baseSeed?: number;
          weeks?: number;
          out?: string;
          model?: string;
          jobs?: number;
          force?: boolean;
          json?: boolean;
        },
      ) => {
        // An empty --out is refused whether or not the comparison writes files (streets do).
        if (options.out === '') await checkOutputFolder('', 'comparison');
        const loadedModel = options.model === undefined ? undefined : await loadModelModuleWithHash(options.model);
        const model = loadedModel?.definition;
        const recorded = recordedModel(loadedModel);
        const [a, b] = await Promise.all([
          loadScenarioWith(fileA, model, options.baseSeed),
          loadScenarioWith(fileB, model, options.baseSeed),
        ]);
        checkRunBudget(`${fileA}, ${fileB}`, [a, b], options.replicates, options.weeks, options.force);
        // Said once the comparison is sure to run: a world b does not share with a, and what --weeks leaves out of each
        // scenario.
        const noteWeeks = () => {
          if (!sameWorld(a, b))
            io.stderr(
              `govsim: note: ${fileB}: its world differs from that of ${fileA}; both run on the seeds of ${fileA}, but on another world they draw other households, needs and projects, so the comparison measures more than the mode (and swapping the two gives another comparison, on the other's seeds)\n`,
            );
          // Two horizons: what one run did in its extra weeks is counted as a difference of the modes.
          if (options.weeks === undefined && a.weeks !== b.weeks)
            io.stderr(
              `govsim: note: ${fileB} runs ${b.weeks} weeks and ${fileA} ${a.weeks}; each summary is over its own weeks, so the comparison measures the horizon as well as the mode (--weeks runs both over the same)\n`,
            );
          for (const scenario of [a, b]) {
            const note = weeksNote(scenario.name, [scenario], options.weeks);
            if (note !== undefined) io.stderr(note);
          }
        };
        // What made a comparison, kept with it: the version, Node, and the weeks each side ran (--weeks cuts both).
        const provenance = {
          govsim: govsimVersion(),
          node: process.version,
          weeks: { a: options.weeks ?? a.weeks, b: options.weeks ?? b.weeks },
        };
        const progress = createProgress('replicates', options.replicates);
        const compareOptions = {
          replicates: options.replicates,
          ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
          onProgress: (done: number) => progress.update(done),
        };
        if (!isStreet(a) && !isStreet(b)) {
          // Only a street's comparison writes files: --out would be left unused, unnoticed.
          if (options.out !== undefined)
            throw new ScenarioError(
              '--out',
              [
                {
                  path: '',
                  message: `is for streets of several communities, whose comparison writes comparison.json, stages.csv and communities.csv; ${a.name} and ${b.name} are single communities, whose comparison is printed only (--json > file to keep it): leave --out out`,
                },
              ],
              'option',
            );
          noteWeeks();
          // In this thread (-j 1) the runs pause for the event loop now and then, so that Ctrl-C stops them at once.
          const pool = await comparePool(options.jobs, loadedModel);
          const comparison = await pool.compare(a, b, compareOptions).finally(() => pool.close());
          progress.finish();
          io.stdout(
            options.json
              ? toJson({ ...provenance, ...comparison, ...baseSeedRecorded(options.baseSeed), ...recorded })
              : comparisonTable(comparison, { a: 'a', b: 'b' }),
          );
          return;
        }
        // Streets: how department load and fragmentation grow with the communities joined, and each community.
        const directory = options.out ?? join('out', outputFolderName(`compare-${a.name}-vs-${b.name}`, 'compare'));
        await checkOutputFolder(directory, 'comparison');
        noteWeeks();
        const pool = await comparePool(options.jobs, loadedModel);
        const rollout = await pool.compareRollouts(a, b, compareOptions).finally(() => pool.close());
        progress.finish();
        const files = new Map<string, string>([
          ['stages.csv', rolloutStagesToCsv(rollout.stages)],
          [
            'communities.csv',
            communitiesToCsv([...rollout.communities.a, ...rollout.communities.b], {
              columns: ['side', 'scenario'],
              values: (_row, index) => (index < rollout.communities.a.length ? ['a', a.name] : ['b', b.name]),
            }),
          ],
          [
            'comparison.json',
            toJson({
              govsim: provenance.govsim,
              node: provenance.node,
              files: ['stages.csv', 'communities.csv', 'comparison.json'],
              weeks: provenance.weeks,
              ...rollout.comparison,
              ...baseSeedRecorded(options.baseSeed),
              stages: rollout.stages,
              ...recorded,
            }),
          ],
        ]);
        await writeInLockedFolder(
          directory,
          'govsim compare',
          (text) => io.stderr(text),
          () => writeFilesAtomically(directory, files),
        );
        const written = [...files.keys()].map((name) => join(directory, name));
        if (options.json) {
          io.stdout(
            toJson({
              ...provenance,
              ...rollout.comparison,
              ...baseSeedRecorded(options.baseSeed),
              stages: rollout.stages,
              ...recorded,
              files: written,
            }),
          );
          return;
        }
        io.stdout(comparisonTable(rollout.comparison, { a: 'a', b: 'b' }));
        io.stdout(`\n${rolloutTable(rollout)}`);
        io.stdout(`wrote ${written.join(', ')}\n`);
      },
    );

  const generate = program
    .command('generate')
    .description('Generate a synthetic street (a scenario file) or city (a city file) from parameters alone, seeded.');

  generate
    .command('street')
    .description(
      'A street of tens of communities (sizes log-normal around 1,333 households), 73% old neighbourhoods in the renewal programme: the pilot Y from week 1, the others in batches; the rest outside it.',
    )
    .option('--seed <n>', 'seed of the generator and of the scenario', nonNegativeInteger, 1)
    .option('--name <name>', 'scenario name (default: street-<seed>-<mode>, or street-<seed>-z-street-path)', nameOption)
    .option('--communities <n>', 'communities, the pilot included', wholeNumberFrom(1, 10_000, ' communities'), 28)
    .option(
      '--households-mean <n>',
      'mean households of a community (each is drawn log-normal and held within 50 to 100,000, so a mean near either end draws a little nearer the middle)',
      wholeNumberFrom(50, 100_000, ' households'),
      1333,
    )
    .option('--old-share <x>', 'share of old neighbourhoods, in the renewal programme', shareOption, 0.73)
    .option(
      '--batches <n>',
      'batches the other old neighbourhoods join in (0: all at week 1; with fewer communities to join than batches, each joins in a batch of its own, which stderr notes)',
      wholeNumberFrom(0, 1000, ' batches'),
      3,
    )
    .option('--first-batch-week <n>', 'week the first batch joins', positiveInteger, 27)
    .option('--batch-interval <n>', 'weeks between batches', wholeNumberFrom(0, 5200, ' weeks'), 26)
    .option('--mode <preset>', 'the street’s mode throughout', presetOption, 'administrative-led' as PresetName)
    .addOption(
      new Option(
        '--z-street-path',
        'the Z Street path instead of --mode: administrative-led, a pause from week 18, co-production from week 22 (needs --weeks of at least 22, and the batches within the weeks: at the defaults a street of fewer than 79 weeks takes fewer batches, 2 below 79 weeks, 1 below 53 and 0 below 27)',
      ).conflicts('mode'),
    )
    .option('--weeks <n>', 'weeks to simulate', weeksOption, 104)
    .option('--out <file>', 'write the scenario to this file (atomically) instead of stdout')
    .action(
      async (
        options: {
          seed: number;
          name?: string;
          communities: number;
          householdsMean: number;
          oldShare: number;
          batches: number;
          firstBatchWeek: number;
          batchInterval: number;
          mode: PresetName;
          zStreetPath?: boolean;
          weeks: number;
          out?: string;
        },
        command: Command,
      ) => {
        // With no batches every old neighbourhood joins at week 1: a batch's week or interval given with it means nothing.
        for (const [option, flag] of [
          ['firstBatchWeek', '--first-batch-week'],
          ['batchInterval', '--batch-interval'],
        ] as const)
          if (options.batches === 0 && command.getOptionValueSource(option) === 'cli')
            throw new ScenarioError(
              flag,
              [
                {
                  path: '',
                  message: 'given with --batches 0, under which every old neighbourhood joins at week 1: drop one of them',
                },
              ],
              'option',
            );
        const switchWeek = Math.max(...zStreetTimeline.map((entry) => entry.week));
        if (options.zStreetPath && options.weeks < switchWeek)
          throw new ScenarioError(
            '--weeks',
            [
              {
                path: '',
                message: `expected at least ${switchWeek} with --z-street-path, whose co-production begins in week ${switchWeek}; got ${options.weeks}`,
              },
            ],
            'option',
          );
        if (options.out !== undefined) await checkOutputFile(options.out, '--out', 'scenario');
        const { generateStreet } = await import('../generators/index.js');
        const input = generated(
          'generate street',
          () =>
            generateStreet({
              seed: options.seed,
              // Without a name the library's default says the mode (and that there is a timeline); the path has its own.
              ...(options.name !== undefined
                ? { name: options.name }
                : options.zStreetPath
                  ? { name: `street-${options.seed}-z-street-path` }
                  : {}),
              communities: options.communities,
              householdsMean: options.householdsMean,
              oldShare: options.oldShare,
              batches: options.batches,
              firstBatchWeek: options.firstBatchWeek,
              batchIntervalWeeks: options.batchInterval,
              weeks: options.weeks,
              ...(options.zStreetPath ? { mode: 'administrative-led', timeline: zStreetTimeline } : { mode: options.mode }),
            }),
          command,
        );
        // What is written must load: validate it as a scenario file would be.
        const street = parseScenario(input, 'generate street');
        // Batches asked for that the street has too few communities to fill are dropped: said, as the default's are not.
        if (command.getOptionValueSource('batches') === 'cli' && options.batches > 0) {
          const joining = street.world.communities.filter((community) => typeof community.joinsWeek === 'number');
          // Batches are filled with communities; weeks may coincide (an interval of 0) and are not what is counted.
          const made = Math.min(options.batches, joining.length);
          if (made < options.batches)
            io.stderr(
              `govsim: note: --batches ${options.batches}: the street has ${plural(joining.length, 'community', 'communities')} to join after the pilot, so ${joining.length === 1 ? 'it joins' : 'they join'} in ${plural(made, 'batch', 'batches')}\n`,
            );
        }
        const text = toJson(input);
        await printOrWrite(io, options.out, text, 'scenario');
      },
    );

  generate
    .command('city')
    .description(
      'A city of districts, streets and towns and communities at Shanghai’s round figures (about 16, 215, 6,000 and 8 million households); old neighbourhoods in the renewal from week 1. Run it with govsim city.',
    )
    .option('--seed <n>', 'seed of the generator and of the city', nonNegativeInteger, 1)
    .option('--name <name>', 'city name (default: city-<seed>)', nameOption)
    .option('--districts <n>', 'districts (1 to 1,000)', wholeNumberFrom(1, 1000, ' districts'), 16)
    .option(
      '--streets <n>',
      'streets and towns (at least one a district, at most 10,000)',
      wholeNumberFrom(1, 10_000, ' streets (and at least one a district)'),
      215,
    )
    .option(
      '--communities <n>',
      'communities (residents’ committees; at least one and at most 10,000 a street, at most 100,000)',
      wholeNumberFrom(1, 100_000, ' communities (and at least one a street)'),
      6000,
    )
    .option(
      '--households <n>',
      'households in all (at least 50 and at most 100,000 a community, at most 10,000,000 a street and 100,000,000 in all)',
      wholeNumberFrom(1, 100_000_000, ' households (and at least 50 a community)'),
      8_000_000,
    )
    .option('--old-share <x>', 'share of old neighbourhoods, in the renewal programme', shareOption, 0.73)
    .option('--mode <preset>', 'the mode of every street', presetOption, 'administrative-led' as PresetName)
    .option('--weeks <n>', 'weeks to simulate', weeksOption, 104)
    .option('--out <file>', 'write the city to this file (atomically) instead of stdout')
    .action(
      async (options: {
        seed: number;
        name?: string;
        districts: number;
        streets: number;
        communities: number;
        households: number;
        oldShare: number;
        mode: PresetName;
        weeks: number;
        out?: string;
      }) => {
        if (options.out !== undefined) await checkOutputFile(options.out, '--out', 'city');
        const { generateCity, parseCity } = await import('../generators/index.js');
        const city = generated('generate city', () =>
          generateCity({
            seed: options.seed,
            ...(options.name === undefined ? {} : { name: options.name }),
            districts: options.districts,
            streets: options.streets,
            communities: options.communities,
            households: options.households,
            oldShare: options.oldShare,
            mode: options.mode,
            weeks: options.weeks,
          }),
        );
        parseCity(city, 'generate city');
        const text = toJson(city);
        await printOrWrite(io, options.out, text, 'city');
      },
    );

  program
    .command('city')
    .description(
      "Run a city file street by street (each street its own world: departments serve a street) on every core, streaming one row per community to communities.csv and one per street to streets.csv in the city's order, the same bytes whatever -j; memory is bounded by a few streets per worker. For replicates and modes side by side, make the city the base of an experiment file and run govsim sweep.",
    )
    .argument(
      '<city>',
      'city file (JSON; govsim generate city makes one), or the name of a city shipped with govsim (govsim list)',
    )
    .option(
      '--mode <preset>',
      'run every street under this mode throughout (default: the city’s mode and timeline)',
      presetOption,
    )
    .option('--replicate <n>', 'replicate: each street’s seed derives from its name and this', nonNegativeInteger, 0)
    .option('--weeks <n>', "weeks to simulate (default: the city's; at most 5200)", weeksOption)
    .option(
      '--shard <shard>',
      "run only the streets i, i + n, i + 2n, … of shard i/n (0-based), or slurm (SLURM_ARRAY_TASK_ID/COUNT), k8s/n (JOB_COMPLETION_INDEX) or env (SLURM's variables where they are set)",
    )
    .option('-j, --jobs <n>', 'worker threads, each running one street at a time (default: every core)', positiveInteger)
    .option(
      '--out <dir>',
      'output folder (default: out/city-<city name>[-<mode>][-replicate-<n>][-shard-<i>-of-<n>]); an earlier city run there, of any city, mode or replicate, is replaced',
    )
    .option('--json', 'print the files written as JSON')
    .action(
      async (
        file: string,
        options: {
          mode?: PresetName;
          replicate: number;
          weeks?: number;
          shard?: string;
          jobs?: number;
          out?: string;
          json?: boolean;
        },
      ) => {
        const shard = options.shard === undefined ? undefined : parseShard(options.shard);
        const { heldCityShard, loadCityFile, writeCityRun } = await import('../node/city-files.js');
        const city = await loadCityFile(file, options.mode === undefined ? {} : { mode: options.mode });
        const directory =
          options.out ??
          join(
            'out',
            // Each mode, replicate and shard its own folder, none overwriting another's: the name is cut, not them.
            [
              outputFolderName(`city-${city.name}`, 'city')
                .slice(0, 60)
                .replace(/[.-]+$/, ''),
              ...(options.mode === undefined ? [] : [options.mode]),
              ...(options.replicate === 0 ? [] : [`replicate-${options.replicate}`]),
              ...(shard === undefined ? [] : [`shard-${shard.index}-of-${shard.count}`]),
            ].join('-'),
          );
        await checkOutputFolder(directory, 'city run');
        // A task of an array resubmitted alone is shard 0 of 1 under --shard slurm (or env, k8s): run into a folder of
        // a shard of several, it would run the whole city there, and only the merge would refuse the folder.
        if (shard?.count === 1 && options.shard !== undefined && !/^\d+\/\d+$/.test(options.shard)) {
          const held = await heldCityShard(directory);
          if (held !== null && held !== undefined && held.count > 1)
            throw new ScenarioError(
              '--shard',
              [
                {
                  path: '',
                  message: `${options.shard} gives shard 0/1, the whole city (an array of one task, as a task resubmitted alone is), but ${directory} holds shard ${held.index}/${held.count} of a city run: give its shard as ${held.index}/${held.count}`,
                },
              ],
              'option',
            );
        }
        const streets =
          shard === undefined ? city.streets : city.streets.filter((_, index) => index % shard.count === shard.index);
        const total = streets.length;
        const note = weeksNote(
          `the streets of ${city.name}`,
          streets.map((street) => street.scenario),
          options.weeks,
        );
        if (note !== undefined) io.stderr(note);
        io.stderr(
          `${city.name}: ${streetCount(city.streets.length)}, ${wholeNumberText(city.communities)} communities, ${wholeNumberText(city.households)} households${shard === undefined ? '' : `; shard ${shard.index}/${shard.count}: ${streetCount(total)}`}\n`,
        );
        const progress = createProgress('streets', total);
        const written = await writeCityRun(directory, city, {
          source: file,
          command: [
            'govsim city',
            file,
            ...(options.mode === undefined ? [] : ['--mode', options.mode]),
            `--replicate ${options.replicate}`,
            ...(options.weeks === undefined ? [] : [`--weeks ${options.weeks}`]),
            ...(options.shard === undefined ? [] : [`--shard ${options.shard}`]),
          ].join(' '),
          replicate: options.replicate,
          workers: options.jobs ?? availableParallelism(),
          ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
          ...(shard === undefined ? {} : { includes: (index: number) => index % shard.count === shard.index, shard }),
          onProgress: (done) => progress.update(done),
          onNote: (text) => io.stderr(text),
        });
        progress.finish();
        if (options.json) io.stdout(toJson({ city: city.name, out: directory, files: written }));
        else io.stdout(`${city.name}: ${streetCount(total)} run; wrote ${written.join(', ')}\n`);
      },
    );

  program
    .command('validate')
    .description(
      'Check the stylized facts of a case on paired replicates of its scenarios; exit 1 when a fact falls short (not when it is not applicable). With --falsify, check instead that each fact fails under the alternative setting its facts file names (failsWhen); exit 1 when one does not.',
    )
    .argument('[case]', caseArgument, 'z-street')
    .option('--replicates <n>', 'paired replicates', replicateCount, 200)
    .addOption(baseSeedOption())
    .option('--model <module>', modelOptionHelp)
    .option(
      '--allow-fail <ids>',
      'facts that may fall short without failing the validation: fact ids separated by commas, or "all" (they are still reported)',
      factIdList,
    )
    .addOption(
      new Option(
        '--falsify',
        "run each fact with every scenario of the case under its failsWhen alternative: a fact that still holds there is not carried by the mechanism it names (facts without failsWhen are listed; with --model the case runs on that model, and an alternative may set its extensions' parameters, extensions.<name>.<parameter>)",
      ).conflicts('allowFail'),
    )
    .option('-j, --jobs <n>', 'worker threads, each running a share of the replicates (default: every core)', positiveInteger)
    .option('--json', 'print the results as JSON')
    .option('--force', `run even when the evaluation is estimated to take more than ${runBudgetCpuHours} CPU hour`)
    .action(async (caseName: string, options: ValidateOptions) => {
      const model = options.model === undefined ? undefined : await loadModelModuleWithHash(options.model);
      if (options.falsify) return falsifyCase(io, caseName, options, model);
      const folder = await loadCaseSaying(io, caseName, model?.definition, options.baseSeed);
      await checkCaseBudget(folder, options.replicates, 1, options.force);
      const known = new Set(folder.facts.facts.map((fact) => fact.id));
      const unknown = options.allowFail === 'all' ? [] : [...(options.allowFail ?? [])].filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw new ScenarioError(
          '--allow-fail',
          [{ path: '', message: `no fact ${unknown.join(', ')} in ${folder.directory} (its facts: ${[...known].join(', ')})` }],
          'option',
        );
      const { factsTable, fewReplicatesNote } = await import('../validation/index.js');
      sayNote(io, fewReplicatesNote(folder.facts, options.replicates));
      const progress = createProgress('replicates', options.replicates);
      const pool = await factsPool(options.jobs, model);
      const { results, seeds } = await pool
        .evaluate(folder.facts, folder.scenarios, options.replicates, (done) => progress.update(done))
        .finally(() => pool.close());
      progress.finish();
      const allowed = (id: number) => options.allowFail === 'all' || options.allowFail?.has(id) === true;
      const failing = results.filter((result) => result.status === 'falls short' && !allowed(result.id));
      io.stdout(
        options.json
          ? toJson({
              case: folder.directory,
              ...recordedModel(model),
              replicates: options.replicates,
              ...baseSeedRecorded(options.baseSeed),
              seeds,
              passed: failing.length === 0,
              facts: results,
            })
          : factsTable(results, options.replicates),
      );
      // A fact that is not applicable is printed but does not fail the validation; nor does one allowed to fall short.
      if (failing.length > 0) throw new FactsFellShort();
    });

  program
    .command('reproduce')
    .description(
      'Reproduce a case: run it and its counterfactuals on paired replicates, check its stylized facts, and write a report (index.html, report.md, charts, data, manifest).',
    )
    .argument('[case]', caseArgument, 'z-street')
    .option('--replicates <n>', 'paired replicates', replicateCount, 200)
    .addOption(baseSeedOption())
    .option(
      '--out <dir>',
      'report folder (default: out/report-<case>); an earlier report there is replaced (the files its manifest.json lists and this report does not write are removed, its supplements’ tables among them; other files are left alone)',
    )
    .option('--robustness <dir>', 'include the robustness table of a `govsim robustness` output folder')
    .option('--sensitivity <dir>', 'include what drives the contrast between the modes, from an analysed sensitivity sweep')
    .option('--model <module>', modelOptionHelp)
    .option('-j, --jobs <n>', 'worker threads, each running a share of the replicates (default: every core)', positiveInteger)
    .option('--json', 'print the facts and the files written as JSON')
    .option('--force', `run even when the report's runs are estimated to take more than ${runBudgetCpuHours} CPU hour`)
    .action(
      async (
        caseName: string,
        options: {
          replicates: number;
          baseSeed?: number;
          out?: string;
          robustness?: string;
          sensitivity?: string;
          model?: string;
          jobs?: number;
          json?: boolean;
          force?: boolean;
        },
      ) => {
        // The report stack loads only for the commands that write reports: `govsim run` never parses it.
        const { checkRobustnessMatchesFacts, checkSensitivityMatchesModel, readContrastTable, readRobustnessTable } =
          await import('../node/report-supplements.js');
        const { robustnessCaseHash } = await import('../node/robustness.js');
        const { writeReport } = await import('../node/report-files.js');
        const { reproduceCase, shellWord } = await import('../report/index.js');
        const { factsTable, fewReplicatesNote } = await import('../validation/index.js');
        const loadedModel = options.model === undefined ? undefined : await loadModelModuleWithHash(options.model);
        const model = loadedModel?.definition;
        const folder = await loadCaseSaying(io, caseName, model, options.baseSeed);
        // Read the supplements first: a bad folder is bad input, found before any run and with nothing written.
        const robustness = options.robustness === undefined ? undefined : await readRobustnessTable(options.robustness);
        if (robustness !== undefined) {
          // A robustness run draws its own seeds: it is matched to the case as written, whatever --base-seed says.
          const { loadCaseFolder } = await import('../node/case-folder.js');
          const written =
            options.baseSeed === undefined ? folder : await loadCaseFolder(caseName, model === undefined ? {} : { model });
          checkRobustnessMatchesFacts(robustness, folder.facts, {
            caseHash: robustnessCaseHash(written),
            modelHash: loadedModel?.hash,
          });
        }
        const contrasts = options.sensitivity === undefined ? undefined : await readContrastTable(options.sensitivity);
        if (contrasts !== undefined) checkSensitivityMatchesModel(contrasts, loadedModel?.hash);
        const supplements = {
          ...(robustness === undefined ? {} : { robustness }),
          ...(contrasts === undefined ? {} : { contrasts }),
        };
        const directory = options.out ?? join('out', `report-${caseOutputName(caseName, folder)}`);
        await checkOutputFolder(directory, 'report');
        await checkCaseBudget(folder, options.replicates, 1, options.force, { every: true });
        // The explorer opens a shipped case by its name; a case folder of one's own when served with it.
        const shipped = Object.entries(knownCases).find(
          ([, path]) => resolve(packageRoot(), path) === resolve(folder.directory),
        )?.[0];
        // Said once the inputs are found sound (a bad supplement is refused first), before the runs.
        sayNote(io, fewReplicatesNote(folder.facts, options.replicates));
        const progress = createProgress('replicates', options.replicates);
        const pool = await factsPool(options.jobs, loadedModel);
        const reproduction = await reproduceCase(folder.facts, folder.scenarios, {
          ...(model === undefined ? {} : { model }),
          replicates: options.replicates,
          runShares: (scenarios, charted) =>
            pool.shares(folder.facts, scenarios, options.replicates, (done) => progress.update(done), charted),
        }).finally(() => pool.close());
        progress.finish();
        const command = [
          `govsim reproduce ${shellWord(caseName)} --replicates ${options.replicates}`,
          ...(options.baseSeed === undefined ? [] : [`--base-seed ${options.baseSeed}`]),
          ...(options.robustness === undefined ? [] : [`--robustness ${shellWord(options.robustness)}`]),
          ...(options.sensitivity === undefined ? [] : [`--sensitivity ${shellWord(options.sensitivity)}`]),
          ...(options.model === undefined ? [] : [`--model ${shellWord(options.model)}`]),
        ].join(' ');
        const written = await writeInLockedFolder(
          directory,
          'govsim reproduce',
          (text) => io.stderr(text),
          () =>
            writeReport(
              directory,
              reproduction,
              {
                version: govsimVersion(),
                command,
                caseArgument: caseName,
                supplements,
                ...(loadedModel === undefined ? {} : { model: { file: loadedModel.file, hash: loadedModel.hash } }),
                // A case of one's own opens in the explorer served with its folder, under the folder's name.
                ...(shipped === undefined
                  ? { caseName: basename(resolve(folder.directory)), exploreFolder: resolve(folder.directory) }
                  : { caseName: shipped }),
              },
              { notice: (text) => io.stderr(text) },
            ),
        );
        if (options.json) {
          io.stdout(
            toJson({
              case: folder.directory,
              replicates: options.replicates,
              ...baseSeedRecorded(options.baseSeed),
              report: join(directory, 'index.html'),
              files: written.map((name) => join(directory, name)),
              facts: reproduction.facts,
            }),
          );
          return;
        }
        io.stdout(factsTable(reproduction.facts, options.replicates));
        io.stdout(`\nReport: ${join(directory, 'index.html')} (${written.length} files in ${directory})\n`);
      },
    );

  program
    .command('robustness')
    .description(
      'Check how robust the stylized facts of a case are to the assumed parameters: Latin-hypercube draws over every assumption (basis A) with a plausible range, or the draws of a CSV file, the facts evaluated on paired replicates at each draw; per fact the draws in which it holds and the parameters that go with its failure (marked when within chance), how often all hold at once, the parameters that go with fewer holding together, and which facts pull against each other; writes draws.csv, facts.csv, pairs.csv, contrasts.csv, index.html and manifest.json.',
    )
    .argument('[case]', caseArgument, 'z-street')
    .option('--samples <n>', 'parameter draws (2 to 100000)', sampleCount, 60)
    .option('--replicates <n>', 'paired replicates per draw', replicateCount, 20)
    .option('--seed <n>', 'seed of the draws', nonNegativeInteger, 1)
    .addOption(
      new Option(
        '--draws <file>',
        'evaluate the draws of a CSV file instead (a header of parameter paths as `govsim parameters` lists them, one row of decimal numbers per draw; parameters left out keep the values the case’s scenarios give them; a draws.csv of this command may be given back)',
      ).conflicts(['samples', 'seed']),
    )
    .option('-j, --jobs <n>', 'worker threads (default: every core)', positiveInteger)
    .option('--out <dir>', 'output folder (default: out/robustness-<case>, with -shard-<i>-of-<n> for a shard)')
    .option(
      '--resume',
      `finish a run interrupted in --out, from the outcomes it kept as it went (${robustnessProgressFile}); the same command otherwise`,
    )
    .addOption(
      new Option(
        '--shard <shard>',
        "run one shard of the draws, keeping their outcomes in --out for --merge: i/n (0-based), slurm (SLURM_ARRAY_TASK_ID/COUNT), k8s/n (JOB_COMPLETION_INDEX) or env (SLURM's variables where they are set)",
      ).conflicts(['merge']),
    )
    .addOption(
      new Option(
        '--merge <dirs...>',
        "write the analysis from its shards' folders (the same command otherwise, with --shard left out): the same bytes as one machine's run; nothing is run",
      ).conflicts(['resume']),
    )
    .option('--model <module>', modelOptionHelp)
    .option('--json', 'print the summary as JSON')
    .option(
      '--force',
      `run even when the draws (of the shard, with --shard) are estimated to take more than ${sweepLimits.budgetCpuHours} CPU hours`,
    )
    .action(
      async (
        caseName: string,
        options: {
          samples: number;
          replicates: number;
          seed: number;
          draws?: string;
          jobs?: number;
          out?: string;
          resume?: boolean;
          shard?: string;
          merge?: string[];
          model?: string;
          json?: boolean;
          force?: boolean;
        },
      ) => {
        const {
          checkFinishedRobustness,
          checkRobustnessMergeOutput,
          readRobustnessDraws,
          robustnessAnalysisKey,
          robustnessCaseHash,
          runRobustness,
          runRobustnessShard,
          writeRobustness,
        } = await import('../node/robustness.js');
        const { shellWord } = await import('../report/index.js');
        const { robustnessTable } = await import('./robustness-table.js');
        const { strongestTensions } = await import('../validation/index.js');
        const { lockShardFolder } = await import('../node/folder-lock.js');
        // `--merge --out DIR` with no folders: commander takes the next word, an option, for --merge's first folder.
        const optionTaken = options.merge?.find((folder) => /^--?[a-z]/i.test(folder));
        if (optionTaken !== undefined)
          throw new ScenarioError(
            '--merge',
            [
              {
                path: '',
                message: `expected the shards' folders after it, got the option ${optionTaken}: give the folders first (--merge DIR… ${optionTaken} …)`,
              },
            ],
            'option',
          );
        const shard = options.shard === undefined ? undefined : parseShard(options.shard);
        const loadedModel = options.model === undefined ? undefined : await loadModelModuleWithHash(options.model);
        const model = loadedModel?.definition;
        const folder = await loadCaseSaying(io, caseName, model);
        const caseSlug = caseOutputName(caseName, folder);
        const directory =
          options.out ??
          join(
            'out',
            shard === undefined ? `robustness-${caseSlug}` : `robustness-${caseSlug}-shard-${shard.index}-of-${shard.count}`,
          );
        await checkOutputFolder(directory, 'robustness');
        if (options.merge !== undefined) await checkRobustnessMergeOutput(directory, options.merge);
        const draws = options.draws === undefined ? undefined : await readRobustnessDraws(options.draws, model?.extensions);
        // The draws and the defaults, or a shard's share of them, as a sweep's budget counts them; a merge runs nothing.
        const units = (draws?.draws.length ?? options.samples) + 1;
        if (options.merge === undefined)
          await checkCaseBudget(
            folder,
            options.replicates,
            shard === undefined ? units : Math.ceil(units / shard.count),
            options.force,
            { budgetCpuHours: sweepLimits.budgetCpuHours, otherwise: 'shard it over a cluster (--shard)' },
          );
        // Every draw is applied to every scenario before any runs: said where that takes a while.
        if (units > 2_000)
          io.stderr(`govsim robustness: checking the scenarios of ${wholeNumberText(units - 1)} draws before running any…\n`);
        const analysis = {
          samples: options.samples,
          replicates: options.replicates,
          seed: options.seed,
          ...(draws === undefined ? {} : { given: draws }),
          ...(options.jobs === undefined ? {} : { workers: options.jobs }),
          ...(loadedModel === undefined ? {} : { model: loadedModel }),
        };
        const analysisKey = robustnessAnalysisKey(folder, analysis);
        // A finished run in the folder is written over by nothing but a merge of its own analysis; --resume leaves it.
        const finished = await checkFinishedRobustness(directory, analysisKey, {
          resume: options.resume === true,
          shard: shard !== undefined,
          merge: options.merge !== undefined,
        });
        if (finished) {
          const text = `nothing to resume: ${directory} holds this analysis finished (its manifest.json names it, and no draw is left to run); its files are as they were. To run it again, choose another --out.`;
          io.stdout(options.json ? toJson({ out: directory, finished: true, run: 0 }) : `${text}\n`);
          return;
        }
        // A --resume that finds nothing kept (another --out, a folder of another spelling) is said, not silent.
        if (options.resume === true && !existsSync(join(directory, robustnessProgressFile)))
          io.stderr(
            `govsim: note: --resume: nothing kept in ${directory} (no ${robustnessProgressFile}); every draw runs from the start\n`,
          );
        // The folder is this run's until it is written: the outcomes it keeps as it goes stay there if it stops.
        const lock = await lockShardFolder(directory, 'govsim robustness', (text) => io.stderr(text), shard);
        if (options.merge === undefined)
          setStopNote(() =>
            // The progress file is begun with the first outcome that finished.
            existsSync(join(directory, robustnessProgressFile))
              ? `govsim: stopped; the draws that finished are kept in ${join(directory, robustnessProgressFile)}: the same command with --resume runs the rest${resubmittedShardHint(options.shard, shard)}`
              : 'govsim: stopped before any draw finished; nothing was kept: the same command runs it from the start',
          );
        let run: RobustnessRun;
        let written: string[];
        const source = options.draws === undefined ? `--samples ${options.samples}` : `--draws ${shellWord(options.draws)}`;
        const seed = options.draws === undefined ? ` --seed ${options.seed}` : '';
        const modelWord = options.model === undefined ? '' : ` --model ${shellWord(options.model)}`;
        const command = `govsim robustness ${shellWord(caseName)} ${source} --replicates ${options.replicates}${seed}${modelWord}`;
        // The progress counts the evaluation at the defaults with the draws: --samples 8 is 9 units of work.
        const drawsWithDefaults = 'draws (and the defaults)';
        try {
          if (shard !== undefined) {
            const progress = createProgress(drawsWithDefaults, Math.ceil((units - shard.index) / shard.count));
            const outcome = await runRobustnessShard(
              folder,
              {
                ...analysis,
                onKept: (count) => progress.kept(count),
                onProgress: (done) => progress.update(done),
                onNote: (text) => io.stderr(text),
                progress: { directory, resume: options.resume === true },
              },
              shard,
            );
            progress.finish();
            const text = `shard ${shard.index}/${shard.count}: ${plural(outcome.run, 'draw')} run, ${outcome.kept} kept from before, of its ${outcome.shardUnits} (the whole analysis has ${outcome.units}, the defaults included); kept in ${join(directory, robustnessProgressFile)}; combine the shards with the same command and --merge <their folders>`;
            io.stdout(
              options.json
                ? toJson({ shard, out: directory, ...outcome, file: join(directory, robustnessProgressFile) })
                : `${text}\n`,
            );
            return;
          }
          const progress = createProgress(drawsWithDefaults, units);
          run = await runRobustness(folder, {
            ...analysis,
            onKept: (count) => progress.kept(count),
            onProgress: (done) => progress.update(done),
            onNote: (text) => io.stderr(text),
            ...(options.merge === undefined
              ? { progress: { directory, resume: options.resume === true } }
              : { mergeFrom: options.merge }),
          });
          progress.finish();
          written = await writeRobustness(directory, run, {
            version: govsimVersion(),
            command,
            analysis: analysisKey,
            caseHash: robustnessCaseHash(folder),
            ...(loadedModel === undefined ? {} : { model: { file: loadedModel.file, hash: loadedModel.hash } }),
          });
        } finally {
          // A folder this run made and left empty (it failed before it finished a draw) goes with the lock.
          await lock.release({ removeFolderIfEmpty: true });
        }
        if (options.json) {
          io.stdout(
            toJson({
              // The case as validate and reproduce give it (its folder); the key of its case-path scenario apart.
              case: folder.directory,
              caseScenario: run.caseKey,
              ...recordedModel(loadedModel),
              ...(run.drawsFile === undefined ? { seed: run.seed } : { drawsFile: run.drawsFile }),
              samples: run.samples,
              replicates: run.replicates,
              parameters: run.parameters.length,
              facts: run.summary.facts,
              joint: run.summary.joint,
              jointBreakers: run.summary.jointBreakers,
              givenObserved: run.summary.givenObserved,
              tensions: strongestTensions(run.summary.tensions, run.summary.tensions.length),
              contrasts: run.summary.contrasts,
              files: written.map((name) => join(directory, name)),
            }),
          );
          return;
        }
        io.stdout(robustnessTable(run));
        io.stdout(`\nReport: ${join(directory, 'index.html')} (${written.length} files in ${directory})\n`);
      },
    );

  program
    .command('sweep')
    .description(
      'Run an experiment: every point of its design under every variant, on all cores, streaming each finished unit of work to disk. Its base is a scenario or a city file; with a city each run is the whole city, street by street, kept as city-wide measures (one replicate a unit of work).',
    )
    .argument('<experiment>', 'experiment file (JSON), or the name of one shipped with govsim (govsim list)')
    .option('-j, --jobs <n>', 'worker threads (default: every core)', positiveInteger)
    .option('--out <dir>', 'sweep folder (default: out/sweep-<experiment name>, with -shard-<i>-of-<n> for a shard)')
    .option(
      '--shard <shard>',
      "run one shard: i/n (0-based), slurm (SLURM_ARRAY_TASK_ID/COUNT), k8s/n (JOB_COMPLETION_INDEX) or env (SLURM's variables where they are set)",
    )
    .option('--resume', 'finish an interrupted sweep in --out: run only what is missing')
    .option(
      '--force',
      `run a sweep whose estimated cost passes the budget (${sweepLimits.budgetCpuHours} CPU hours, ${wholeNumberText(sweepLimits.budgetScenarios)} scenarios, ${sweepLimits.budgetRunBytes / 1024 ** 3} GiB per run); hard limits still apply`,
    )
    .option('--json', 'print the outcome as JSON')
    .option(
      '--allow-version-change',
      'resume a sweep another govsim version wrote: its units of work are run again with this version (versions are never mixed)',
    )
    .action(
      async (
        file: string,
        options: {
          jobs?: number;
          out?: string;
          shard?: string;
          resume?: boolean;
          allowVersionChange?: boolean;
          force?: boolean;
          json?: boolean;
        },
      ) => {
        // Without --resume nothing of another version's sweep is taken up: the option would say nothing.
        if (options.allowVersionChange && !options.resume)
          throw new ScenarioError(
            '--allow-version-change',
            [
              {
                path: '',
                message:
                  'expected with --resume: it lets a resumed sweep take up the work of a sweep another version of govsim began',
              },
            ],
            'option',
          );
        const { loadExperiment, runSweep } = await import('../node/sweep.js');
        const { holdsChunkFiles } = await import('../node/sweep-chunks.js');
        const { initialUnits } = await import('../experiments/plan.js');
        const shard = options.shard === undefined ? undefined : parseShard(options.shard);
        const loaded = await loadExperiment(file, { force: options.force === true });
        // Each shard its own default folder, as a city run's: two shards run here never meet in one folder.
        const directory =
          options.out ??
          join(
            'out',
            `sweep-${outputFolderName(loaded.experiment.name, 'experiment')}${shard === undefined ? '' : `-shard-${shard.index}-of-${shard.count}`}`,
          );
        await checkOutputFolder(directory, 'sweep');
        const progress = createRateProgress('runs');
        // The plan is announced when the sweep starts running (its first progress, once runSweep has accepted the
        // folder: another experiment's sweep, results without --resume), never for a sweep that is refused.
        let announced = false;
        setStopNote(() =>
          holdsChunkFiles(directory)
            ? `govsim: stopped; the units of work that finished are kept in ${join(directory, 'chunks')}: the same command with --resume runs the rest${resubmittedShardHint(options.shard, shard)}`
            : 'govsim: stopped before any unit of work finished; nothing was kept: the same command runs it from the start',
        );
        if (options.resume === true && !holdsChunkFiles(directory))
          io.stderr(
            `govsim: note: --resume: nothing kept in ${directory} (no units of work in chunks/); every unit runs from the start\n`,
          );
        const outcome = await runSweep(loaded, {
          out: directory,
          ...(options.jobs === undefined ? {} : { workers: options.jobs }),
          ...(shard === undefined ? {} : { shard }),
          resume: options.resume === true,
          allowVersionChange: options.allowVersionChange === true,
          // Notes (a chunk discarded, and why) through the command's own output, as every other message.
          onNote: (text) => io.stderr(text),
          onProgress: (state) => {
            if (!announced) {
              // A shard runs every n-th unit of work (in precision mode, every n-th point).
              const { plan } = loaded;
              const work = plan.experiment.precision
                ? { count: plan.design.points.length, noun: 'point', nouns: 'points' }
                : { count: initialUnits(plan).length, noun: 'unit of work', nouns: 'units of work' };
              io.stderr(`${estimateText(plan.estimate, work, shard)}\n`);
            }
            announced = true;
            progress.update({
              done: state.runsDone,
              reused: state.runsReused,
              expected: state.runsExpected,
              ...(state.points === undefined ? {} : { points: state.points }),
              elapsedSeconds: state.elapsedSeconds,
            });
          },
        });
        progress.finish();
        if (options.json) {
          io.stdout(
            toJson({
              experiment: loaded.experiment.name,
              out: directory,
              unitsRun: outcome.unitsRun,
              unitsSkipped: outcome.unitsSkipped,
              complete: outcome.complete,
              ...(shard === undefined ? {} : { shard }),
              estimate: loaded.plan.estimate,
              files: outcome.files.map((name) => join(directory, name)),
            }),
          );
          return;
        }
        io.stdout(
          `${loaded.experiment.name}: ${outcome.unitsRun} unit${outcome.unitsRun === 1 ? '' : 's'} run, ${outcome.unitsSkipped} already done${shard ? `, shard ${shard.index}/${shard.count}` : ''}\n` +
            (outcome.complete
              ? `wrote ${outcome.files.map((name) => join(directory, name)).join(', ')}\n`
              : `shard written to ${directory}; combine the shards with govsim merge\n`),
        );
      },
    );

  program
    .command('merge')
    .description(
      'Combine the folders of a sweep’s shards (govsim sweep --shard), or of a city run’s shards (govsim city --shard), into the files one machine would have written, the same bytes (a merged city run’s manifest.json also names its shards); everything is checked before anything is written. A robustness run’s shards merge with govsim robustness <case> --merge <folders…>.',
    )
    .argument(
      '<dirs...>',
      'shard folders: of one sweep (each with a sweep.json), or of one city run (each with a city run’s manifest.json)',
    )
    .requiredOption('--out <dir>', 'merged sweep or city run folder (required)')
    .option('--json', 'print the files written as JSON')
    .action(async (directories: string[], options: { out: string; json?: boolean }) => {
      const { mergeSweeps } = await import('../node/sweep.js');
      const { areCityRunFolders, mergeCityShards } = await import('../node/city-files.js');
      // City run folders hold a manifest.json naming the city and no sweep.json; anything else is merged as a sweep.
      const cityRun = await areCityRunFolders(directories);
      await checkOutputFolder(options.out, cityRun ? 'city run' : 'sweep');
      const paths = cityRun
        ? await mergeCityShards(directories, options.out, {
            command: ['govsim merge', ...directories, '--out', options.out].join(' '),
            onNote: (text) => io.stderr(text),
          })
        : (await mergeSweeps(directories, options.out, { onNote: (text) => io.stderr(text) })).map((name) =>
            join(options.out, name),
          );
      if (options.json) io.stdout(toJson({ merged: directories, out: options.out, files: paths }));
      else io.stdout(`merged ${plural(directories.length, 'folder')}; wrote ${paths.join(', ')}\n`);
    });

  program
    .command('analyze')
    .description(
      'Analyse a finished sweep: summaries with quantiles, paired differences (t intervals, Hedges’ g, Cliff’s delta), interaction, Morris or Sobol indices (a Latin hypercube: partial rank correlations) of the levels and of the contrasts between variants, with charts.',
    )
    .argument('<sweep-dir>', 'a complete sweep folder')
    .option('--out <dir>', 'analysis folder (default: <sweep-dir>/analysis)')
    .option('--json', 'print the files written and, per contrast and metric, its sign stability and top five drivers, as JSON')
    .action(async (directory: string, options: { out?: string; json?: boolean }) => {
      const { analyseSweep } = await import('../node/analysis-files.js');
      // The sweep folder is looked at first: a file given for it is that, not an analysis folder that cannot be made.
      await checkInputFolder(directory, 'sweep folder');
      // Another command's output given for a sweep is said to be that, not an analysis folder inside it.
      if (!existsSync(join(directory, 'sweep.json'))) {
        const other = outputKindWords(await folderContents(directory));
        throw new ScenarioError(
          directory,
          [
            {
              path: '',
              message: `no sweep.json: not a sweep folder${other === undefined ? '' : ` but a ${other}’s`} (govsim analyze takes the --out folder of govsim sweep)`,
            },
          ],
          'sweep folder',
        );
      }
      const out = options.out ?? join(directory, 'analysis');
      await checkOutputFolder(out, 'sweep analysis');
      const analysis = await analyseSweep(directory, out, { notice: (text) => io.stderr(text) });
      if (options.json) io.stdout(toJson({ directory: out, ...analysis }));
      else io.stdout(`wrote ${analysis.files.length} files to ${out}\n`);
    });

  program
    .command('schema')
    .description(
      'Print the JSON Schema of scenario files (or, with --experiment, of experiment files; with --facts, of facts files), or write it to a file.',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--experiment', 'the schema of experiment files')
    .addOption(new Option('--facts', 'the schema of facts files').conflicts('experiment'))
    .action(async (options: { out?: string; experiment?: boolean; facts?: boolean }) => {
      const schema = options.experiment
        ? (await import('../experiments/index.js')).experimentJsonSchema()
        : options.facts
          ? (await import('../validation/index.js')).factsJsonSchema()
          : (await import('../scenario/json-schema.js')).scenarioJsonSchema();
      const text = toJson(schema);
      await printOrWrite(io, options.out, text);
    });

  program
    .command('parameters')
    .description(
      'Print every scenario parameter with its default, plausible range, valid range, unit, basis and meaning (Markdown, or JSON rows with --json), with those of a model’s extensions with --model.',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--model <module>', "include the parameters of a model definition's extensions")
    .option('--json', 'print the parameters as JSON rows instead of Markdown')
    .action(async (options: { out?: string; model?: string; json?: boolean }) => {
      const model = await modelOption(options.model);
      const { parameterRows, parameterTableMarkdown } = await import('../scenario/parameter-table.js');
      const text = options.json
        ? toJson(parameterRows(model?.extensions ?? []))
        : parameterTableMarkdown(model?.extensions ?? []);
      await printOrWrite(io, options.out, text);
    });

  program
    .command('assumptions-experiment')
    .description(
      'Print the Morris screening experiment over every assumption with a plausible range, generated from the scenario schema (experiments/assumptions-sensitivity.json); with --model, the assumptions of the model’s extensions too; with --design latin-hypercube, a Latin hypercube over the same ranges, whose contrast govsim analyze ranks by partial rank correlation (PRCC). Its base scenario, its schema and its model module are paths from the folder of the --out file, or from the working folder when printed.',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--model <module>', `${modelOptionHelp}: its extensions’ assumptions are screened too, and the experiment names it`)
    .addOption(
      new Option('--design <type>', 'how the assumptions are sampled').choices(['morris', 'latin-hypercube']).default('morris'),
    )
    .option(
      '--samples <n>',
      'points of a Latin hypercube (default 300; at least the factors + 2, which PRCC needs)',
      wholeNumberFrom(2, experimentLimits.samples, ' points'),
    )
    .action(async (options: { out?: string; model?: string; design: 'morris' | 'latin-hypercube'; samples?: number }) => {
      const refuseSamples = (message: string): never => {
        throw new ScenarioError('--samples', [{ path: '', message }], 'option');
      };
      if (options.samples !== undefined && options.design !== 'latin-hypercube')
        refuseSamples('is for --design latin-hypercube: a Morris screen has its trajectories (10, as shipped)');
      // Paths in an experiment file are from the file's folder: where --out puts it, or where `> file` would.
      const folder = options.out === undefined ? process.cwd() : dirname(resolve(options.out));
      const from = (path: string) => relative(folder, path).split(sep).join('/');
      const { assumptionFactors, assumptionsExperimentBase, assumptionsExperimentFile, assumptionsSensitivityExperiment } =
        await import('../experiments/index.js');
      const shippedFolder = join(packageRoot(), dirname(assumptionsExperimentFile));
      const base = from(resolve(shippedFolder, assumptionsExperimentBase));
      // The schema beside the shipped experiments, from where the file goes (`./experiment.schema.json` beside them).
      const schema = from(join(shippedFolder, 'experiment.schema.json'));
      const model =
        options.model === undefined
          ? undefined
          : { path: from(resolve(options.model)), extensions: (await loadModelModule(options.model)).extensions };
      const samples = options.samples ?? 300;
      if (options.design === 'latin-hypercube') {
        const factors = assumptionFactors(model?.extensions).length;
        if (samples < factors + 2)
          refuseSamples(
            `expected at least ${factors + 2} points for ${factors} factors (PRCC needs the factors + 2), got ${samples}`,
          );
      }
      const experiment = assumptionsSensitivityExperiment({
        // The shipped file's own base is the default: `npm run experiments` writes the shipped file as it was.
        ...(base === assumptionsExperimentBase ? {} : { base }),
        ...(schema === 'experiment.schema.json' ? {} : { schema }),
        ...(model === undefined ? {} : { model }),
        ...(options.design === 'latin-hypercube' ? { design: { type: 'latin-hypercube' as const, samples } } : {}),
      });
      await printOrWrite(io, options.out, toJson(experiment), 'experiment');
    });

  program
    .command('presets')
    .description('List the governance-mode presets and their mechanism settings.')
    .addOption(new Option('--json', 'print as JSON'))
    .action((options: { json?: boolean }) => {
      if (options.json) {
        io.stdout(toJson(modePresets));
        return;
      }
      const lines = Object.entries(modePresets).map(
        ([name, mode]) =>
          `${name.padEnd(20)} participation ${mode.participation ? 'on ' : 'off'}  integration ${mode.integration ? 'on ' : 'off'}  pressure ${mode.pressure.padEnd(4)}  renewal ${mode.renewal}`,
      );
      io.stdout(`${lines.join('\n')}\n`);
    });

  program
    .command('list')
    .description(
      'List the scenarios, cases, cities and experiments shipped with govsim, with their descriptions; each runs by name from any folder.',
    )
    .addOption(new Option('--json', 'print as JSON'))
    .action(async (options: { json?: boolean }) => {
      const {
        shippedCases,
        shippedCities,
        shippedCitiesDirectory,
        shippedExperiments,
        shippedExperimentsDirectory,
        shippedScenarios,
        shippedScenariosDirectory,
      } = await import('../node/shipped.js');
      const scenarios = shippedScenarios();
      const cases = shippedCases();
      const cities = shippedCities();
      const experiments = shippedExperiments();
      if (options.json) {
        io.stdout(toJson({ scenarios, cases, cities, experiments }));
        return;
      }
      const lines = [`Scenarios (in ${shippedScenariosDirectory()}):`];
      for (const scenario of scenarios) lines.push(`  ${scenario.name}`, `      ${scenario.description}`);
      lines.push('', 'Cases (govsim validate, reproduce or robustness <case>; a scenario of a case as <case>/<scenario>):');
      for (const shipped of cases) {
        lines.push(`  ${shipped.name}  (${shipped.directory})`, `      ${shipped.description}`);
        lines.push(`      scenarios: ${shipped.scenarios.join(', ')}`);
      }
      lines.push('', `Cities (govsim city <city>; in ${shippedCitiesDirectory()}):`);
      for (const city of cities) lines.push(`  ${city.name}`, `      ${city.description}`);
      lines.push('', `Experiments (govsim sweep <experiment>; in ${shippedExperimentsDirectory()}):`);
      for (const experiment of experiments) lines.push(`  ${experiment.name}`, `      ${experiment.description}`);
      io.stdout(`${lines.join('\n')}\n`);
    });

  program
    .command('explore')
    .description(
      'Build the explorer (the model in a web page: sliders, weekly charts, the community, paired comparisons) when its sources are newer than the built site, and serve it on 127.0.0.1 until stopped (Ctrl+C). From a checkout of govsim (its explorer/ folder), not from an installed package.',
    )
    .option('--port <n>', 'port to listen on; 0 picks a free one', wholeNumberFrom(0, 65_535, ' (a port; 0 picks a free one)'), 0)
    .option('--rebuild', 'build the site again even when it is up to date')
    .argument(
      '[cases...]',
      'case folders of your own whose scenarios the explorer offers beside the shipped ones, as <folder name>/<scenario>',
    )
    .action(async (caseFolders: string[], options: { port: number; rebuild?: boolean }) => {
      // The cases are read first: a bad folder is bad input, found before anything is built or served.
      const served = await servedCasesJson(caseFolders);
      const [{ createServer }, { existsSync, readdirSync, statSync }, { readFile }, { extname, resolve, sep }, { packageRoot }] =
        await Promise.all([
          import('node:http'),
          import('node:fs'),
          import('node:fs/promises'),
          import('node:path'),
          import('../node/version.js'),
        ]);
      const refuse = (message: string): never => {
        io.stderr(`govsim: ${message}\n`);
        throw new CommanderError(exitBadInput, 'govsim.explore', message);
      };
      const root = packageRoot();
      const explorer = join(root, 'explorer');
      const site = join(explorer, 'dist');
      if (!existsSync(join(explorer, 'index.html')))
        refuse(`the explorer's sources are not in ${root}: they come with a checkout of govsim (then npm ci && npm run explore)`);
      // The site is built again when a source it bundles (the page, the engine, the scenarios) is newer.
      const newest = (path: string): number =>
        statSync(path).isDirectory()
          ? readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0)
          : statSync(path).mtimeMs;
      const sources = ['explorer/src', 'explorer/index.html', 'explorer/vite.config.ts', 'src', 'scenarios']
        .map((path) => join(root, path))
        .filter((path) => existsSync(path));
      const builtAt = existsSync(join(site, 'index.html')) ? statSync(join(site, 'index.html')).mtimeMs : -1;
      if (options.rebuild || builtAt < Math.max(...sources.map(newest))) {
        io.stderr(`govsim explore: building the site in ${site}\n`);
        let vite: typeof import('vite');
        try {
          vite = await import('vite');
        } catch {
          return refuse(
            'cannot build the explorer: vite is not installed (it is a development dependency: npm ci in a checkout)',
          );
        }
        await vite.build({ configFile: join(explorer, 'vite.config.ts'), logLevel: 'warn' });
      }
      const contentTypes: Readonly<Record<string, string>> = {
        '.html': 'text/html; charset=utf-8',
        '.js': 'text/javascript; charset=utf-8',
        '.css': 'text/css; charset=utf-8',
        '.json': 'application/json',
        '.svg': 'image/svg+xml',
        '.png': 'image/png',
        '.map': 'application/json',
      };
      // Static files of the built site only: GET and HEAD, nothing outside the site's folder.
      const server = createServer((request, response) => {
        void (async () => {
          if (request.method !== 'GET' && request.method !== 'HEAD') {
            response.writeHead(405, { allow: 'GET, HEAD' }).end();
            return;
          }
          // Only pages addressed to this machine by a loopback name (on any port: a tunnel may forward another): a
          // page of another site whose name was made to point here (DNS rebinding) would otherwise read the case
          // folders served.
          if (!/^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i.test(request.headers.host ?? '')) {
            response
              .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
              .end('forbidden: not addressed to this machine\n');
            return;
          }
          let pathname: string;
          try {
            pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
          } catch {
            response.writeHead(400).end();
            return;
          }
          if (pathname === '/cases.json' && served !== undefined) {
            response.writeHead(200, {
              'content-type': contentTypes['.json'] as string,
              'cache-control': 'no-cache',
              'x-content-type-options': 'nosniff',
            });
            response.end(request.method === 'HEAD' ? undefined : served);
            return;
          }
          const file = resolve(site, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
          try {
            if (!file.startsWith(`${site}${sep}`)) throw new Error('outside the site');
            let body: Buffer | string = await readFile(file);
            // The page learns from a meta element that case folders are served with it (a static host has none).
            if (served !== undefined && file === join(site, 'index.html'))
              body = body.toString('utf8').replace('</head>', '<meta name="govsim-cases" content="./cases.json">\n</head>');
            response.writeHead(200, {
              'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
              'cache-control': 'no-cache',
              'x-content-type-options': 'nosniff',
            });
            response.end(request.method === 'HEAD' ? undefined : body);
          } catch {
            response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
          }
        })();
      });
      await new Promise<void>((listening, failed) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          failed(
            error.code === 'EADDRINUSE' || error.code === 'EACCES'
              ? new Error(
                  `cannot listen on 127.0.0.1:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`,
                )
              : error,
          ),
        );
        server.listen(options.port, '127.0.0.1', () => listening());
      }).catch((error: Error) => refuse(error.message));
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : options.port;
      io.stdout(`govsim explorer: http://127.0.0.1:${port}/ (Ctrl+C to stop)\n`);
      await new Promise<void>((stopped) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close(() => stopped());
          server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  // Every command and subcommand, each found by its words after `govsim` (`generate city` is not `city`).
  const withExamples = (commands: readonly Command[], words: readonly string[]): void => {
    for (const command of commands) {
      const named = [...words, command.name()];
      const lines = commandExamples[named.join(' ')];
      if (lines !== undefined) command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
      // A usage error points to the help of the command it was made in.
      command.showHelpAfterError(`(govsim ${named.join(' ')} --help for usage)`);
      withExamples(command.commands, named);
    }
  };
  withExamples(program.commands, []);
  // An empty path or name ("") is said to be empty, named by its argument or option, before any command reads it as a
  // file (which said ": invalid scenario … file not found", or took "" for the working folder).
  program.hook('preAction', (_program, command) => {
    const given: [string, unknown][] = command.registeredArguments.map((argument, index) => [
      `<${argument.name()}>`,
      command.processedArgs[index],
    ]);
    const options = command.opts();
    for (const name of ['model', 'draws', 'robustness', 'sensitivity', 'merge'])
      if (name in options) given.push([`--${name}`, options[name]]);
    for (const [name, value] of given)
      if (value === '' || (Array.isArray(value) && value.includes('')))
        throw new ScenarioError(
          `${name} ""`,
          [{ path: '', message: 'is empty: expected a path or a name' }],
          name.startsWith('--') ? 'option' : 'argument',
        );
  });
  return program;
}

/** Examples shown at the end of each command's and subcommand's `--help`, by its words after `govsim`. */
const commandExamples: Readonly<Record<string, readonly string[]>> = {
  run: [
    'govsim run y-community-co-production',
    'govsim run my-scenario.json --replicate 3 --weeks 52 --out out/my-run',
    'govsim run my-scenario.json --model ./my-model.js --json',
  ],
  compare: [
    'govsim compare y-community-administrative-led y-community-co-production --replicates 100',
    'govsim compare z-street-rollout-administrative-led z-street-rollout-co-production --replicates 20',
    'govsim compare a.json b.json --json > comparison.json',
    'govsim compare a.json b.json --replicates 100 --base-seed 2',
  ],
  generate: [
    'govsim generate street --seed 7 --mode co-production --out street.json',
    'govsim generate city --seed 1 --out city.json',
  ],
  'generate street': [
    'govsim generate street --seed 7 --mode co-production --out street.json',
    'govsim generate street --seed 2018 --z-street-path --out z-street-path.json',
  ],
  'generate city': [
    'govsim generate city --seed 1 --out city.json',
    'govsim generate city --name small-city --districts 2 --streets 4 --communities 16 --households 16000 --out small-city.json',
  ],
  city: [
    'govsim city city.json --mode co-production -j 16 --out out/city-co-production',
    'govsim city city.json --replicate 3 --shard slurm -j 1 --out /scratch/city-r3-$SLURM_ARRAY_TASK_ID',
  ],
  validate: [
    'govsim validate',
    'govsim validate my-case/ --replicates 100 --allow-fail 3,7',
    'govsim validate my-case/ --model ./my-model.js --json',
    'govsim validate my-case/ --falsify --replicates 50',
    'govsim validate z-street --replicates 200 --base-seed 2',
    'govsim validate z-street --replicates 1000 -j 8',
  ],
  reproduce: ['govsim reproduce', 'govsim reproduce z-street --robustness out/robustness-z-street --out out/report'],
  robustness: [
    'govsim robustness z-street --samples 60 --replicates 40 -j 8',
    'govsim robustness z-street --draws my-draws.csv --replicates 40',
    'govsim robustness z-street --samples 60 --replicates 40 --resume',
    'govsim robustness z-street --samples 1000 --replicates 40 --shard slurm --out results/shard-$SLURM_ARRAY_TASK_ID',
    'govsim robustness z-street --samples 1000 --replicates 40 --merge results/shard-* --out results/merged',
  ],
  sweep: [
    'govsim sweep two-halves',
    'govsim sweep assumptions-sensitivity --shard slurm --out /scratch/sweep-$SLURM_ARRAY_TASK_ID',
    'govsim sweep my-experiment.json --resume --out out/sweep-mine',
    'govsim sweep experiments/small-city-modes.json --shard slurm -j 1 --out /scratch/city-sweep-$SLURM_ARRAY_TASK_ID',
  ],
  merge: [
    'govsim merge /scratch/sweep-0 /scratch/sweep-1 --out out/sweep',
    'govsim merge out/city-r3-0 out/city-r3-1 out/city-r3-2 --out out/city-r3',
  ],
  analyze: ['govsim analyze out/sweep-two-halves', 'govsim analyze out/sweep --json'],
  schema: ['govsim schema --out scenario.schema.json', 'govsim schema --experiment'],
  parameters: ['govsim parameters', 'govsim parameters --model ./my-model.js --json'],
  'assumptions-experiment': ['govsim assumptions-experiment --out my-assumptions.json'],
  presets: ['govsim presets --json'],
  list: ['govsim list', 'govsim list --json'],
  explore: ['govsim explore', 'govsim explore --port 8080 --rebuild', 'govsim explore my-case/ --port 8080'],
};

/** The subcommand of `command` with the name or alias `name`, if any. */
function subcommandNamed(command: Command, name: string): Command | undefined {
  return command.commands.find((candidate) => candidate.name() === name || candidate.aliases().includes(name));
}

/**
 * The arguments with a `help` word resolved as `--help`: `govsim help generate street` and `govsim generate help
 * street` ask for the help of `generate street`, as `govsim generate street --help` does; a name no command has there
 * (`govsim help nosuch`, `govsim help generate nosuch`) is given to the command line as it is, which says that there
 * is no such command, rather than printing the help of the command above it. Arguments without such a `help` are
 * returned as they are (a `help` after a command without subcommands is that command's argument).
 */
function helpAsked(program: Command, argv: readonly string[]): string[] {
  const path: string[] = [];
  let command = program;
  for (const [index, word] of argv.entries()) {
    if (word.startsWith('-') || command.commands.length === 0) break;
    if (word === 'help') {
      let asked = command;
      const named: string[] = [];
      for (const name of argv.slice(index + 1)) {
        if (name.startsWith('-')) break;
        const sub = subcommandNamed(asked, name);
        if (sub === undefined) return [...path, ...named, name];
        named.push(name);
        asked = sub;
      }
      return [...path, ...named, '--help'];
    }
    const sub = subcommandNamed(command, word);
    if (sub === undefined) break;
    path.push(word);
    command = sub;
  }
  return [...argv];
}

/**
 * `text` with each control character but line feed, carriage return and tab, and each bidirectional-override
 * character, written as a `\uXXXX` escape: what the terminal shows as text rather than obeys. (In JSON output the
 * escape is the same string.)
 * @example terminalText('a\u001b[2Jb\n') // 'a\\u001b[2Jb\n'
 */
export function terminalText(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for.
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Runs the command line with `argv` (without the node and script entries);
 * resolves to the exit code: 0 success, {@link exitFactsFellShort},
 * {@link exitBadInput} (no command at all included: the help goes to stderr),
 * {@link exitOutputError} or {@link exitInternalError}, each failure with one
 * message on stderr.
 */
export async function main(
  argv: readonly string[],
  given: Io = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  options: MainOptions = {},
): Promise<number> {
  // What input files say (a fact's title, a key echoed in a message) reaches the terminal without its control
  // characters: an escape sequence in a file could otherwise recolour, retitle or clear the terminal.
  const io: Io = { stdout: (text) => given.stdout(terminalText(text)), stderr: (text) => given.stderr(terminalText(text)) };
  const program = buildProgram(io, options);
  try {
    await program.parseAsync(helpAsked(program, argv), { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `govsim help` asks for the help (exit code 0); `govsim` alone is a usage error, its help printed to stderr.
      if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : exitBadInput;
      return exitBadInput;
    }
    if (error instanceof FactsFellShort) return exitFactsFellShort;
    if (error instanceof ScenarioError) {
      io.stderr(`govsim: ${error.message}\n`);
      return exitBadInput;
    }
    // The model module's own code failed (in this thread, or in a worker, whence the error keeps its name only).
    if (error instanceof ExtensionError || (error instanceof Error && error.name === 'ExtensionError')) {
      // Where in the module it was thrown, from the original error (kept as the cause, also across worker threads).
      const location = codeLocation((error as { cause?: unknown }).cause);
      io.stderr(
        `govsim: ${cutText(error.message, maximumProblemLength)}\n${location === undefined ? '' : `  at ${cutText(location, maximumProblemLength)}\n`}The error is in the model module's code, not in govsim.\n`,
      );
      return exitBadInput;
    }
    if (isSystemError(error)) {
      io.stderr(`govsim: ${describeSystemError(error)}\n`);
      return exitOutputError;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(
      `govsim: internal error: ${cutText(message, maximumProblemLength)}\nThis is a bug in govsim; please report it with the command that gave it (govsim ${govsimVersion()}).\n`,
    );
    return exitInternalError;
  }
}
