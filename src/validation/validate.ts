/**
 * Pattern-oriented validation: run the case and its counterfactuals on paired
 * seeds, check each stylized fact on every replicate's outputs, and report
 * the share of replicates in which it holds (with a 95% Wilson interval), an
 * effect size, and its status.
 *
 * A check is not applicable on a replicate where one of its measures is
 * undefined. A replicate on which a check of a fact fails does not satisfy
 * the fact, whatever its other checks; one on which no check fails but one is
 * not applicable is not applicable for the fact and leaves the denominator
 * (the three-valued "and": false and undefined is false). Shares and their
 * intervals are over applicable replicates. A fact's status is `holds` when
 * its share reaches the threshold, `falls short` when it does not, and
 * `not applicable` when fewer than its minimum share of replicates are
 * applicable (none at all included).
 */
import {
  finishSteps,
  isRecord,
  type MeanInterval,
  meanConfidenceInterval,
  type PairedOutcomes,
  pairedShareDifference,
  plural,
  type ShareInterval,
  type Steps,
  sampleMean,
  sampleStandardDeviation,
  wilsonInterval,
} from '../core/index.js';
import { inputProblems, isParsedScenario, parseExtendedScenario, type Scenario, ScenarioError } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import {
  givenValue,
  type ModelDefinition,
  namingRun,
  optionProblems,
  type RunResult,
  runScenarioSteps,
  runSeed,
} from '../simulation/index.js';
import {
  type Check,
  checkExtensionSeries,
  checkUnit,
  type Fact,
  type FactsFile,
  type FailsWhen,
  factsFileSchema,
  type IfUndefined,
  type ProbabilityFact,
  type ReplicateFact,
  scenariosOfFacts,
  withFactNames,
} from './facts.js';
import { compare, measureValue } from './measures.js';

/** What a fact's evaluation can say of it. */
export const factStatuses = ['holds', 'falls short', 'not applicable'] as const;
/**
 * A fact's status on a set of replicates: `holds` (a replicate fact's share reaches its threshold; every claim of a
 * probability fact holds), `falls short`, or `not applicable` (applicable on no replicate, or on fewer than its minimum
 * share of them).
 */
export type FactStatus = (typeof factStatuses)[number];

/** How many replicates a fact, check or event could be decided on, and on how many it could not. */
export interface Applicability {
  /** Replicates on which every measure was defined. */
  applicable: number;
  /** Replicates on which a measure was undefined (counted apart, outside the shares). */
  notApplicable: number;
}

/** How one check of a replicate fact fared over the replicates. */
export interface CheckResult extends Applicability {
  /** The check in words, as the facts file says. */
  says: string;
  /** Share of applicable replicates in which the check holds (NaN when none is applicable). */
  share: number;
  /**
   * Mean margin by which it holds (positive in the claimed direction), with its 95% t interval, over the replicates
   * where both sides are defined (`margin.count` of them): a replicate that counts as falling short because a side is
   * undefined (`ifUndefined: 'does not hold'`) has no margin.
   */
  margin: MeanInterval;
  /** What the margin is in (see {@link checkUnit}): "projects", "share of weeks"; empty when not known. */
  unit: string;
  /**
   * Mean margin ÷ its standard deviation (a standardised margin: not a difference of two groups, so Cohen's labels
   * for d do not apply; with margins about normal, the check holds in about Φ(effectSize) of the replicates);
   * ±Infinity when the margins do not vary (null in JSON), NaN for an equality, with fewer than two margins, or with
   * margins all 0.
   */
  effectSize: number;
}

/** A check's standardised margin: mean ÷ standard deviation, as {@link CheckResult.effectSize} says. */
function marginEffect(margins: readonly number[]): number {
  const spread = sampleStandardDeviation(margins);
  const centre = sampleMean(margins);
  // With no spread at all the effect is unbounded in the direction of the mean (or undefined if the mean is 0 too); one
  // margin has no spread to tell, so its effect is undefined too.
  if (margins.length < 2) return Number.NaN;
  if (spread > 0) return centre / spread;
  return centre === 0 ? Number.NaN : Math.sign(centre) * Number.POSITIVE_INFINITY;
}

/** What every fact result carries. */
interface FactResultCommon extends Applicability {
  id: number;
  title: string;
  statement: string;
  paper: string;
  /** The mechanism that carries the fact, as the facts file says. */
  mechanism: string | null;
  /** The alternative setting under which the fact should fail, as the facts file says. */
  failsWhen: FailsWhen | null;
  status: FactStatus;
  /** True exactly when the status is `holds`. */
  passed: boolean;
  /** Replicates run. */
  replicates: number;
  minimumApplicableShare: number;
  /** Why the fact is not applicable, when it is not. */
  notApplicableReason: string | null;
}

/** The evaluation of a replicate fact: the share of applicable replicates in which all its checks hold, and each check. */
export interface ReplicateFactResult extends FactResultCommon {
  kind: 'replicates';
  threshold: number;
  /** Share of applicable replicates in which every check holds, with its Wilson 95% interval. */
  holds: ShareInterval;
  /**
   * The smallest effect size of its checks (see {@link CheckResult.effectSize}): a fact is as firm as its weakest
   * check. NaN when no check has one, and when the fact is not applicable (its checks' margins then come from
   * replicates on which the fact itself was not decided).
   */
  effectSize: number;
  checks: CheckResult[];
  /** When the fact falls short: its weakest check. */
  weakest: CheckResult | null;
  /** The facts file's explanation of why the fact may fall short, shown only when it does. */
  ifNotReproduced: string | null;
}

/** The evaluation of one claim of a probability fact. */
export interface ProbabilityClaimResult {
  /** The claim in words: `P(more) > P(than)` or `never: …`, from the events' words. */
  says: string;
  /** Whether the claim holds; false when it is not applicable. */
  holds: boolean;
  status: FactStatus;
  /** For `more`/`than`: Δp = P(more) − P(than); for `never`: the share of applicable replicates in which the event happens. */
  difference: number;
  /** Low end of the 95% interval of `difference` (Newcombe's paired interval for Δp, Wilson's for a `never` share). */
  low: number;
  /** High end of that interval. */
  high: number;
}

/** An event's probability over the replicates on which it is applicable. */
export type EventResult = ShareInterval & Applicability & { says: string };

/** The evaluation of a probability fact: each event's probability with its interval, and each claim. */
export interface ProbabilityFactResult extends FactResultCommon {
  kind: 'probability';
  /** Each event by its name in the facts file. */
  events: Record<string, EventResult>;
  claims: ProbabilityClaimResult[];
  /** NaN: a probability fact's size is its Δp (the first claim's difference), not a standardised mean margin. */
  effectSize: number;
}

/** The evaluation of one fact on paired replicates, by its kind. */
export type FactResult = ReplicateFactResult | ProbabilityFactResult;

/**
 * The parsed facts files {@link checkFactsFile} returned: an evaluation hands its file on (falsification to the
 * evaluation with overrides, that to `evaluateFacts`, that to its `FactEvaluator`; a robustness run to every draw's),
 * and each would otherwise parse it again. Only its own results are taken as checked: a file given as written is
 * parsed at every call, so that an edit made to it between two calls counts.
 */
const checkedFactsFiles = new WeakSet<object>();

/**
 * Checks a facts file given to an evaluation against {@link factsFileSchema}
 * (for callers in plain JavaScript that pass another object; what
 * `loadCaseFolder` reads always fits), once per file object, and returns it parsed: a file as written
 * (`JSON.parse` of a facts.json) leaves out what has a default — a fact's threshold, a check's tolerance —
 * and is evaluated with those defaults, as `loadCaseFolder` reads it.
 * @throws ScenarioError with source "facts file", naming each field that does not fit and what was expected
 */
export function checkFactsFile(file: unknown): FactsFile {
  if (typeof file === 'object' && file !== null && checkedFactsFiles.has(file)) return file as FactsFile;
  // What was given is kept in each issue: a misspelt series or milestone is told the name meant, as in a case folder.
  const result = factsFileSchema.safeParse(file, { reportInput: true });
  const problems = inputProblems(result, file, factsFileSchema);
  if (problems.length > 0 || !result.success) throw new ScenarioError('facts file', withFactNames(problems, file), 'facts file');
  checkedFactsFiles.add(result.data);
  return result.data;
}

/**
 * Checks the other arguments of an evaluation on paired replicates: the
 * scenarios (or scenario inputs) a Map by key, the callbacks functions when
 * given, the model a sound definition when given.
 * @throws ScenarioError naming each argument that is not what it should be
 */
export function checkEvaluationArguments(
  scenarios: unknown,
  callbacks: Record<string, unknown>,
  model: unknown,
  scenariosName = 'scenarios',
): void {
  checkArgumentWith(
    'evaluation arguments',
    (check) => {
      check.map(scenarios, scenariosName, 'a Map of scenarios by key');
      for (const [name, callback] of Object.entries(callbacks)) {
        // A model given where a callback goes (evaluateFacts(file, scenarios, 200, model)) is said to be one.
        if (isRecord(callback) && Array.isArray(callback.extensions))
          check.add(
            name,
            `expected a function, got a model definition: the model is given after the callbacks (undefined for those left out), not in their place`,
          );
        else check.callback(callback, name);
      }
      if (model !== undefined) check.options({ model }, ['model']);
    },
    'arguments',
  );
}

/**
 * A set of scenarios as parsed, under `model`'s extensions when given: each
 * that came from `parseScenario` or `parseExtendedScenario` as it is, each
 * other (a scenario as written, an object built in code) validated, so that
 * seeds and runs are those of its parsed form.
 * @throws ScenarioError named by the key of the first scenario that is not valid, listing its problems
 */
export function parsedScenarioSet(scenarios: ReadonlyMap<string, unknown>, model?: ModelDefinition): Map<string, Scenario> {
  const extensions = model?.extensions ?? [];
  return new Map(
    [...scenarios].map(([key, scenario]) => [
      key,
      isParsedScenario(scenario) ? scenario : parseExtendedScenario(scenario, extensions, key),
    ]),
  );
}

/**
 * Runs every scenario of the set on the seeds of the case's replicates, one
 * replicate at a time (under `model`, when the model is extended). Scenarios
 * that did not come from `parseScenario` or `parseExtendedScenario` are
 * validated first, and the seeds are those of the parsed case scenario: a
 * hand-built object runs as its parsed form, and as the same file does on
 * the command line.
 * @throws ScenarioError when `replicates` is not a whole number from 1, `caseScenario` not an object, `scenarios` not a Map, a callback not a function or `model` not a sound definition (naming it); or a scenario's own problems (named by its key), before any run
 */
export function runPairedReplicates(
  caseScenario: Scenario,
  scenarios: GivenScenarios,
  replicates: number,
  onReplicate: (replicate: number, runs: ReadonlyMap<string, RunResult>) => void,
  onProgress?: (done: number, total: number) => void,
  model?: ModelDefinition,
): number[] {
  return finishSteps(runPairedReplicatesSteps(caseScenario, scenarios, replicates, onReplicate, onProgress, model));
}

/**
 * {@link runPairedReplicates} in steps, yielding after each week of each run: run with `finishStepsPausing` to let
 * the event loop in during a long evaluation; the same seeds and runs, byte for byte.
 * @throws ScenarioError as {@link runPairedReplicates} does, at the first step
 */
export function* runPairedReplicatesSteps(
  caseScenario: Scenario,
  scenarios: GivenScenarios,
  replicates: number,
  onReplicate: (replicate: number, runs: ReadonlyMap<string, RunResult>) => void,
  onProgress?: (done: number, total: number) => void,
  model?: ModelDefinition,
): Steps<number[]> {
  // Required here, where it is optional among a run's options: left out, it would evaluate nothing.
  const problems =
    replicates === undefined
      ? [{ path: 'replicates', message: 'expected a whole number ≥ 1, got undefined (a required argument)' }]
      : optionProblems({ replicates }, ['replicates']);
  if (problems.length > 0) throw new ScenarioError('paired replicates', problems, 'number of replicates');
  if (caseScenario === null || typeof caseScenario !== 'object' || Array.isArray(caseScenario))
    throw new ScenarioError('caseScenario', [
      { path: '(top level)', message: `expected a scenario, got ${givenValue(caseScenario)}` },
    ]);
  if (typeof onReplicate !== 'function')
    throw new ScenarioError(
      'evaluation arguments',
      [{ path: 'onReplicate', message: `expected a function, got ${givenValue(onReplicate)}` }],
      'arguments',
    );
  checkEvaluationArguments(scenarios, { onProgress }, model);
  // Seeds come from the parsed case scenario (defaults filled), as runScenario would run it.
  const parsed = parsedScenarioSet(scenarios, model);
  const caseKey = [...scenarios].find(([, scenario]) => scenario === caseScenario)?.[0];
  const parsedCase =
    caseKey === undefined
      ? parsedScenarioSet(new Map([['caseScenario', caseScenario]]), model).get('caseScenario')
      : parsed.get(caseKey);
  return yield* replicateRunsSteps(
    parsedCase as Scenario,
    parsed,
    0,
    replicates,
    (replicate, runs) => {
      onReplicate(replicate, runs);
      onProgress?.(replicate + 1, replicates);
    },
    model,
  );
}

/**
 * Runs every scenario of a parsed set on replicates `first` to `end` − 1 (seeds from the parsed case scenario), calling
 * `onReplicate` after each; returns their seeds. The arguments are taken as checked.
 */
function* replicateRunsSteps(
  parsedCase: Scenario,
  parsed: ReadonlyMap<string, Scenario>,
  first: number,
  end: number,
  onReplicate: (replicate: number, runs: ReadonlyMap<string, RunResult>) => void,
  model: ModelDefinition | undefined,
): Steps<number[]> {
  const seeds: number[] = [];
  for (let replicate = first; replicate < end; replicate++) {
    const seed = runSeed(parsedCase, replicate);
    seeds.push(seed);
    const runs = new Map<string, RunResult>();
    for (const [key, scenario] of parsed) {
      const run = runScenarioSteps(scenario, model === undefined ? { seed } : { seed, model });
      runs.set(key, yield* namingRun(run, () => `${key}, replicate ${replicate} (seed ${seed})`));
    }
    onReplicate(replicate, runs);
  }
  return seeds;
}

/**
 * Scenarios by key, as the evaluations take them: parsed (`parseScenario`, a case folder's `scenarios`) or as written
 * (a case folder's `inputs`, objects built in code, JSON read from a file). Those as written are validated before any
 * run, under the model given, and run as their parsed forms: the same seeds and results.
 */
export type GivenScenarios = ReadonlyMap<string, unknown>;

/** The facts evaluated on paired replicates: each fact's result and the seeds of the replicates. */
export interface FactsEvaluation {
  results: FactResult[];
  replicates: number;
  seeds: number[];
}

/**
 * Evaluates a facts file on `replicates` paired replicates of the scenarios
 * it refers to (others in `scenarios` are not run), under `model` when the
 * model is extended. Scenarios as written (a case folder's `inputs`, objects
 * built in code) are validated first and evaluated as their parsed forms: the
 * same seeds and results as the parsed scenarios give, and as
 * `govsim validate` gives.
 *
 * @throws ScenarioError naming the scenario when one the facts refer to is missing from `scenarios`
 * @throws ScenarioError when `replicates` is not a whole number from 1
 * @throws ScenarioError naming the field when `file` is not a facts file ({@link factsFileSchema}), or naming the argument when `scenarios` is not a Map, a callback not a function or `model` not a sound definition
 * @throws ScenarioError named by its key, listing a scenario's own problems, before any run
 * @example
 * const { results } = evaluateFacts(facts, scenarios, 200);
 * console.log(factsTable(results, 200));
 */
export function evaluateFacts(
  file: FactsFile,
  scenarios: GivenScenarios,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  observe?: (runs: ReadonlyMap<string, RunResult>) => void,
  model?: ModelDefinition,
): FactsEvaluation {
  return finishSteps(evaluateFactsSteps(file, scenarios, replicates, onProgress, observe, model));
}

/**
 * {@link evaluateFacts} in steps, yielding after each week of each run: run with `finishStepsPausing` to let the
 * event loop in during a long evaluation (`govsim validate` answers Ctrl-C so); the same results, byte for byte.
 * @throws ScenarioError as {@link evaluateFacts} does, at the first step
 * @example
 * const { results } = await finishStepsPausing(evaluateFactsSteps(facts, scenarios, 200));
 */
export function* evaluateFactsSteps(
  given: FactsFile,
  scenarios: GivenScenarios,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  observe?: (runs: ReadonlyMap<string, RunResult>) => void,
  model?: ModelDefinition,
): Steps<FactsEvaluation> {
  // Checks the file (FactEvaluator's constructor) and the other arguments before anything runs.
  const evaluator = new FactEvaluator(given);
  const file = evaluator.file;
  checkEvaluationArguments(scenarios, { onProgress, observe }, model);
  checkExtensionSeries(file, model);
  const needed = scenariosTheFactsNeed(file, scenarios);
  const seeds = yield* runPairedReplicatesSteps(
    needed.get(file.case) as Scenario,
    needed,
    replicates,
    (_replicate, runs) => {
      evaluator.add(runs);
      observe?.(runs);
    },
    onProgress,
    model,
  );
  return { results: evaluator.results(), replicates, seeds };
}

/** The scenarios of `scenarios` that the facts of `file` refer to, by key. */
function scenariosTheFactsNeed(file: FactsFile, scenarios: GivenScenarios): Map<string, unknown> {
  const keys = scenariosOfFacts(file);
  checkArgumentWith('scenarios', (check) => {
    for (const key of keys) if (!scenarios.has(key)) check.add(key, 'the facts refer to this scenario, which is not given');
  });
  return new Map(keys.map((key) => [key, scenarios.get(key)]));
}

/** A share of an evaluation's replicates, run and measured: what a worker thread sends back. */
export interface MeasuredReplicates<Kept = never> {
  /** The share's first replicate. */
  first: number;
  /** The seed of each of its replicates, in order. */
  seeds: number[];
  /** What the facts read of each replicate's runs ({@link FactEvaluator.measure}), in order. */
  values: number[][];
  /** What `keep` kept of each replicate's runs, in order (none without `keep`). */
  kept: Kept[];
}

/** Options of {@link measureReplicatesSteps}. */
export interface MeasureReplicatesOptions<Kept> {
  /** The model the scenarios were parsed for, when it is extended. */
  model?: ModelDefinition;
  /** Run every scenario given, not only those the facts refer to (a report compares them all with the case). */
  everyScenario?: boolean;
  /** What to keep of each replicate's runs besides the facts' measures (a report's series and summaries). */
  keep?: (replicate: number, runs: ReadonlyMap<string, RunResult>) => Kept;
}

/**
 * Runs replicates `first` to `first + count − 1` of an evaluation of `file` (the same runs, on the same seeds, as
 * {@link evaluateFactsSteps} gives those replicates) and measures them, for {@link factsEvaluationOfShares} to
 * record: so an evaluation is shared among worker threads, to the same results byte for byte.
 * @throws ScenarioError as {@link evaluateFactsSteps} does, or naming `first` or `count` when not whole numbers (from 0, from 1)
 */
export function* measureReplicatesSteps<Kept = never>(
  given: FactsFile,
  scenarios: GivenScenarios,
  first: number,
  count: number,
  options: MeasureReplicatesOptions<Kept> = {},
): Steps<MeasuredReplicates<Kept>> {
  const evaluator = new FactEvaluator(given);
  const file = evaluator.file;
  const { model, keep } = options;
  checkEvaluationArguments(scenarios, keep === undefined ? {} : { keep }, model);
  checkExtensionSeries(file, model);
  checkArgumentWith(
    'replicates to measure',
    (check) => {
      check.wholeNumber(first, 'first', 0);
      check.wholeNumber(count, 'count', 1);
    },
    'arguments',
  );
  const needed = scenariosTheFactsNeed(file, scenarios);
  const parsed = parsedScenarioSet(options.everyScenario === true ? scenarios : needed, model);
  const values: number[][] = [];
  const kept: Kept[] = [];
  const seeds = yield* replicateRunsSteps(
    parsed.get(file.case) as Scenario,
    parsed,
    first,
    first + count,
    (replicate, runs) => {
      values.push(evaluator.measure(runs));
      if (keep !== undefined) kept.push(keep(replicate, runs));
    },
    model,
  );
  return { first, seeds, values, kept };
}

/**
 * The evaluation of `file` on `replicates` replicates from the shares {@link measureReplicatesSteps} measured, in any
 * order: the same results and seeds as {@link evaluateFactsSteps}.
 * @throws ScenarioError when the shares do not cover replicates 0 to `replicates` − 1, each once
 */
export function factsEvaluationOfShares(
  file: FactsFile,
  shares: readonly MeasuredReplicates<unknown>[],
  replicates: number,
): FactsEvaluation {
  const evaluator = new FactEvaluator(file);
  const seeds: number[] = [];
  for (const share of [...shares].sort((a, b) => a.first - b.first)) {
    if (share.first !== seeds.length || share.values.length !== share.seeds.length)
      throw new ScenarioError(
        'shares',
        [
          {
            path: '',
            message: `expected a share from replicate ${seeds.length}, with a measure per seed; got one from replicate ${share.first}, ${share.values.length} measures for ${share.seeds.length} seeds`,
          },
        ],
        'measured replicates',
      );
    for (const values of share.values) evaluator.addMeasured(values);
    seeds.push(...share.seeds);
  }
  if (seeds.length !== replicates)
    throw new ScenarioError(
      'shares',
      [{ path: '', message: `expected ${replicates} replicates, got ${seeds.length}` }],
      'measured replicates',
    );
  return { results: evaluator.results(), replicates, seeds };
}

/**
 * Margin by which a check holds, signed so that positive means in the claimed
 * direction: for `==`, the tolerance less the distance between the sides, so
 * that a check holding within its tolerance has a margin of 0 or more.
 */
function margin(check: Check, left: number, right: number): number {
  const target = right * check.factor + check.offset;
  switch (check.is) {
    case '>':
    case '>=':
      return left - target;
    case '<':
    case '<=':
      return target - left;
    case 'abs<':
      return target - Math.abs(left);
    case '==':
      return check.tolerance - Math.abs(left - target);
  }
}

/**
 * The outcome of one comparison on one replicate: true or false, or undefined
 * when a side is undefined and the check treats that as not applicable.
 */
function outcome(left: number, comparison: Check['is'], right: number, tolerance: number, ifUndefined: IfUndefined) {
  const decided = compare(left, comparison, right, tolerance);
  return decided === undefined && ifUndefined === 'does not hold' ? false : decided;
}

function percentText(value: number): string {
  return `${Math.round(100 * value)}%`;
}

/** Counts of one check or event: on how many replicates it held, and on how many it was applicable. */
interface Tally {
  holds: number;
  applicable: number;
}

/** The 2×2 counts of two events over the replicates on which both are applicable. */
function pairedOutcomes(
  first: readonly (boolean | undefined)[] = [],
  second: readonly (boolean | undefined)[] = [],
): PairedOutcomes {
  const counts: PairedOutcomes = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (let replicate = 0; replicate < Math.min(first.length, second.length); replicate++) {
    const a = first[replicate];
    const b = second[replicate];
    if (a === undefined || b === undefined) continue;
    if (a && b) counts.both++;
    else if (a) counts.firstOnly++;
    else if (b) counts.secondOnly++;
    else counts.neither++;
  }
  return counts;
}

/** Accumulates fact outcomes replicate by replicate, then summarises them. */
export class FactEvaluator {
  /** Per replicate fact: replicates on which every check held, and on which the fact was applicable (a check failed, or every check was defined). */
  private readonly factTallies = new Map<number, Tally>();
  /** Per replicate fact, per check. */
  private readonly checkTallies = new Map<number, Tally[]>();
  /** Margins of every check, by fact id then check index (finite margins only). */
  private readonly margins = new Map<number, number[][]>();
  /** Per probability fact and event, keyed `id/name`. */
  private readonly eventTallies = new Map<string, Tally>();
  /** Per probability fact and event, keyed `id/name`: the outcome on each replicate in turn (undefined: not applicable). */
  private readonly eventOutcomes = new Map<string, (boolean | undefined)[]>();
  private replicates = 0;

  /** The facts file, parsed: its defaults filled where the file given left them out ({@link checkFactsFile}). */
  readonly file: FactsFile;

  /** @throws ScenarioError naming the field when `file` is not a facts file ({@link factsFileSchema}) */
  constructor(file: FactsFile) {
    this.file = checkFactsFile(file);
  }

  /** Records one replicate's runs. */
  add(runs: ReadonlyMap<string, RunResult>): void {
    this.addMeasured(this.measure(runs));
  }

  /**
   * What the facts read of one replicate's runs: the left and the right side of every event and check, fact by fact,
   * in the file's order (NaN where a side is undefined). {@link addMeasured} records them as {@link add} records the
   * runs: a replicate run elsewhere (a worker thread) is measured there and recorded here, to the same results.
   */
  measure(runs: ReadonlyMap<string, RunResult>): number[] {
    const values: number[] = [];
    for (const fact of this.file.facts) {
      const sides = fact.kind === 'probability' ? Object.values(fact.events) : fact.checks;
      for (const side of sides) values.push(measureValue(side.left, runs), measureValue(side.right, runs));
    }
    return values;
  }

  /** Records one replicate as {@link measure} gave it. */
  addMeasured(values: readonly number[]): void {
    this.replicates++;
    let next = 0;
    const side = () => values[next++] as number;
    for (const fact of this.file.facts) {
      if (fact.kind === 'probability') {
        for (const [name, event] of Object.entries(fact.events)) {
          const left = side();
          const happened = outcome(left, event.is, side(), 1e-9, event.ifUndefined);
          const key = `${fact.id}/${name}`;
          const tally = this.eventTallies.get(key) ?? { holds: 0, applicable: 0 };
          if (happened !== undefined) tally.applicable++;
          if (happened === true) tally.holds++;
          this.eventTallies.set(key, tally);
          const outcomes = this.eventOutcomes.get(key) ?? [];
          outcomes.push(happened);
          this.eventOutcomes.set(key, outcomes);
        }
        continue;
      }
      const checkTallies = this.checkTallies.get(fact.id) ?? fact.checks.map(() => ({ holds: 0, applicable: 0 }));
      const margins = this.margins.get(fact.id) ?? fact.checks.map(() => []);
      // Three-valued: a check that fails decides the replicate whatever the others are; otherwise an undefined check
      // leaves it not applicable.
      let anyFails = false;
      let anyUndefined = false;
      fact.checks.forEach((check, index) => {
        const left = side();
        const right = side();
        const holds = outcome(left, check.is, right * check.factor + check.offset, check.tolerance, check.ifUndefined);
        const tally = checkTallies[index] as Tally;
        if (holds === undefined) anyUndefined = true;
        else tally.applicable++;
        if (holds === true) tally.holds++;
        else if (holds === false) anyFails = true;
        const value = margin(check, left, right);
        if (Number.isFinite(value)) (margins[index] as number[]).push(value);
      });
      this.checkTallies.set(fact.id, checkTallies);
      this.margins.set(fact.id, margins);
      const tally = this.factTallies.get(fact.id) ?? { holds: 0, applicable: 0 };
      if (anyFails || !anyUndefined) tally.applicable++;
      if (!anyFails && !anyUndefined) tally.holds++;
      this.factTallies.set(fact.id, tally);
    }
  }

  /** The common part of a result, with the status decided from the applicable count and whether the fact reached its threshold. */
  private common(fact: Fact, applicable: number, reached: boolean, notApplicableWhy: string | null): FactResultCommon {
    const replicates = this.replicates;
    const share = replicates === 0 ? 0 : applicable / replicates;
    let reason: string | null = null;
    if (applicable === 0) reason = `not applicable on any of ${plural(replicates, 'replicate')}`;
    else if (share < fact.minimumApplicableShare) {
      const needed = percentText(fact.minimumApplicableShare);
      // 99 of 200 is short of half: "49.5%; needs 50%", not "50%; needs 50%".
      const given = percentText(share) === needed ? `${(Math.floor(1000 * share) / 10).toFixed(1)}%` : percentText(share);
      reason = `applicable on only ${applicable} of ${plural(replicates, 'replicate')} (${given}; needs ${needed})`;
    }
    if (reason !== null && notApplicableWhy !== null) reason = `${reason}; ${notApplicableWhy}`;
    const status: FactStatus = reason !== null ? 'not applicable' : reached ? 'holds' : 'falls short';
    return {
      id: fact.id,
      title: fact.title,
      statement: fact.statement,
      paper: fact.paper,
      mechanism: fact.mechanism ?? null,
      failsWhen: fact.failsWhen ?? null,
      status,
      passed: status === 'holds',
      replicates,
      applicable,
      notApplicable: replicates - applicable,
      minimumApplicableShare: fact.minimumApplicableShare,
      notApplicableReason: reason,
    };
  }

  private replicateResult(fact: ReplicateFact): ReplicateFactResult {
    const tally = this.factTallies.get(fact.id) ?? { holds: 0, applicable: 0 };
    const holds = wilsonInterval(tally.holds, tally.applicable);
    const allMargins = this.margins.get(fact.id) ?? [];
    const checkTallies = this.checkTallies.get(fact.id) ?? [];
    const checks = fact.checks.map((check, index): CheckResult => {
      const counts = checkTallies[index] ?? { holds: 0, applicable: 0 };
      return {
        says: check.says,
        share: counts.applicable === 0 ? Number.NaN : counts.holds / counts.applicable,
        applicable: counts.applicable,
        notApplicable: this.replicates - counts.applicable,
        margin: meanConfidenceInterval(allMargins[index] ?? []),
        unit: checkUnit(check),
        effectSize: check.is === '==' ? Number.NaN : marginEffect(allMargins[index] ?? []),
      };
    });
    const effects = checks.map((check) => check.effectSize).filter((effect) => !Number.isNaN(effect));
    const effectSize = effects.length === 0 ? Number.NaN : Math.min(...effects);
    const mostOftenUndefined = checks.reduce((most, check) => (check.notApplicable > most.notApplicable ? check : most));
    const common = this.common(
      fact,
      tally.applicable,
      holds.share >= fact.threshold,
      mostOftenUndefined.notApplicable > 0
        ? `most often undefined: "${mostOftenUndefined.says}" (on ${plural(mostOftenUndefined.notApplicable, 'replicate')})`
        : null,
    );
    const fallsShort = common.status === 'falls short';
    const weakest = fallsShort
      ? checks.reduce((lowest, check) => (check.share < lowest.share || Number.isNaN(lowest.share) ? check : lowest))
      : null;
    return {
      kind: 'replicates',
      ...common,
      threshold: fact.threshold,
      holds,
      // A fact not applicable has no firmness to tell: a check's margins may rest on replicates the fact was not decided on.
      effectSize: common.status === 'not applicable' ? Number.NaN : effectSize,
      checks,
      weakest,
      ifNotReproduced: fallsShort ? (fact.ifNotReproduced ?? null) : null,
    };
  }

  private probabilityResult(fact: ProbabilityFact): ProbabilityFactResult {
    const events: ProbabilityFactResult['events'] = {};
    for (const [name, event] of Object.entries(fact.events)) {
      const tally = this.eventTallies.get(`${fact.id}/${name}`) ?? { holds: 0, applicable: 0 };
      events[name] = {
        ...wilsonInterval(tally.holds, tally.applicable),
        says: event.says,
        applicable: tally.applicable,
        notApplicable: this.replicates - tally.applicable,
      };
    }
    const eventOf = (name: string): EventResult => {
      const event = events[name];
      if (event === undefined) throw new Error(`fact ${fact.id}: no event "${name}"`);
      return event;
    };
    const used = new Set<string>();
    // A claim of one event more than another is judged on the replicates both apply to: so few, and the fact is too.
    let leastPaired: { says: string; applicable: number } | undefined;
    const claims = fact.claims.map((claim): ProbabilityClaimResult => {
      if ('never' in claim) {
        const event = eventOf(claim.never);
        used.add(claim.never);
        const status: FactStatus = event.applicable === 0 ? 'not applicable' : event.share === 0 ? 'holds' : 'falls short';
        return {
          says: `never: ${event.says}`,
          holds: status === 'holds',
          status,
          difference: event.share,
          low: event.low,
          high: event.high,
        };
      }
      const more = eventOf(claim.more);
      const than = eventOf(claim.than);
      used.add(claim.more);
      used.add(claim.than);
      // Both events are observed on the same replicates: the interval of their difference uses the pairing.
      const difference = pairedShareDifference(
        pairedOutcomes(this.eventOutcomes.get(`${fact.id}/${claim.more}`), this.eventOutcomes.get(`${fact.id}/${claim.than}`)),
      );
      const status: FactStatus = difference.count === 0 ? 'not applicable' : difference.low > 0 ? 'holds' : 'falls short';
      const says = `P(${more.says}) > P(${than.says})`;
      if (leastPaired === undefined || difference.count < leastPaired.applicable)
        leastPaired = { says, applicable: difference.count };
      return {
        says,
        holds: status === 'holds',
        status,
        difference: difference.mean,
        low: difference.low,
        high: difference.high,
      };
    });
    // The fact is as applicable as its least applicable event, or claim where its two events apply on fewer together.
    const usedEvents = [...used].map((name) => ({ name, event: eventOf(name) }));
    const least = usedEvents.reduce((lowest, entry) => (entry.event.applicable < lowest.event.applicable ? entry : lowest));
    const pairedFewer = leastPaired !== undefined && leastPaired.applicable < least.event.applicable ? leastPaired : undefined;
    const common =
      pairedFewer === undefined
        ? this.common(
            fact,
            least.event.applicable,
            claims.every((claim) => claim.holds),
            least.event.notApplicable > 0 ? `least applicable event: "${least.event.says}"` : null,
          )
        : this.common(
            fact,
            pairedFewer.applicable,
            claims.every((claim) => claim.holds),
            `least applicable claim: "${pairedFewer.says}" (its events apply together on ${pairedFewer.applicable} replicates)`,
          );
    return {
      kind: 'probability',
      ...common,
      events,
      claims,
      // A standardised margin belongs to a mean margin; a probability fact has a difference of probabilities, shown as Δp.
      effectSize: Number.NaN,
    };
  }

  results(): FactResult[] {
    return this.file.facts.map((fact: Fact) =>
      fact.kind === 'probability' ? this.probabilityResult(fact) : this.replicateResult(fact),
    );
  }
}
