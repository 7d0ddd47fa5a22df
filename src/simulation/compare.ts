/**
 * Comparing two scenarios with common random numbers: replicate r of both
 * runs on the same seed (the seed of replicate r of scenario a), so each
 * paired difference b − a removes the noise the two runs share, and the t
 * interval rests on those differences.
 */
import {
  finishSteps,
  holmAdjusted,
  type MeanInterval,
  pairedDifference,
  pearsonCorrelation,
  type Steps,
  sampleMean,
  tTestPValue,
} from '../core/index.js';
import type { RunSummary } from '../metrics/index.js';
import {
  isParsedScenario,
  parseExtendedScenario,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
  type ScenarioProblem,
} from '../scenario/index.js';
import { checkArgumentWith } from './arguments.js';
import { type ModelDefinition, namingRun } from './definition.js';
import { comparedMetrics, type HeadlineMetric, isSummaryPath, renamedSummaryPathNote, summaryValue } from './headline.js';
import { givenValue, optionProblems } from './model.js';
import { type RunOptions, runScenarioSteps } from './run.js';
import { runSeed, scenarioHash } from './seeds.js';

/** The options {@link compareScenarios} takes; any other key is refused. */
export interface CompareOptions {
  /** Paired replicates: runs of a and of b, each pair on one seed (default 50). */
  replicates?: number;
  /** Weeks of every run (default: each scenario's). */
  weeks?: number;
  /**
   * The metrics compared, each a number of the run summary (default {@link comparedMetrics} of `model`: the
   * {@link headlineMetrics}, then the run measures of the model's extensions).
   */
  metrics?: readonly HeadlineMetric[];
  /** A model definition with extensions, for both scenarios (default: the built-in model). */
  model?: ModelDefinition;
  /** Called after each replicate pair with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called before each run of a and of b: returns that run's observer of each week (see `RunOptions.observe`), if any. */
  observer?: (side: 'a' | 'b', replicate: number) => RunOptions['observe'];
}

/** One metric compared between a and b over the paired replicates. */
export interface MetricComparison {
  /** The metric's dotted path into the run summary, e.g. `load.staffMean`. */
  key: string;
  /** The metric in words, as tables show it. */
  label: string;
  /** Its unit (`ratio`, `share`, `weeks`, …). */
  unit: string;
  /** Mean under a, over the replicates where both a and b are defined (NaN where there are none). */
  meanA: number;
  /** Mean under b, over the same replicates. */
  meanB: number;
  /** Paired difference b − a with its 95% interval; `count` is the pairs where both are defined. */
  difference: MeanInterval;
  /**
   * Two-sided p-value of the paired t test of no difference (below 0.05 exactly when the 95% interval excludes 0);
   * NaN with fewer than two pairs, where there is no test (as `difference` has no interval).
   */
  pValue: number;
  /**
   * The p-value adjusted by Holm's method over the metrics of the comparison that have a test
   * ({@link holmAcrossMetrics}): reading the metrics with one below 0.05 as different keeps the chance of any false
   * reading in the table at most 5%. NaN where `pValue` is.
   */
  holmPValue: number;
  /**
   * Pearson's r of a's and b's values over the pairs (NaN with fewer than three pairs, or where either side does not
   * vary): what the pairing gains on this metric. For equal spreads the SD of b − a is √(1 − r) times what it would be
   * for unpaired runs, so common random numbers narrow the interval where r is well above 0 and do little near 0.
   */
  pairing: number;
}

/** What {@link compareScenarios} returns: two scenarios compared on common seeds, metric by metric. */
export interface Comparison {
  /** Scenario a: its name and the hash of the parsed scenario. */
  a: { name: string; hash: string };
  /** Scenario b: its name and the hash of the parsed scenario. */
  b: { name: string; hash: string };
  /** Paired replicates run. */
  replicates: number;
  /** The seed of each replicate pair (the seeds of scenario a's replicates), shared by a and b. */
  seeds: number[];
  /** One comparison per metric, in the order of the metrics asked for. */
  metrics: MetricComparison[];
}

/** The options {@link compareScenarios} takes. */
const compareOptionNames: ReadonlyArray<keyof CompareOptions> = [
  'replicates',
  'weeks',
  'metrics',
  'model',
  'onProgress',
  'observer',
];

/**
 * Checks a comparison's options: none it does not know, each of the kind it should be.
 * @throws ScenarioError (source "compare options") naming the option and what was expected
 */
export function checkCompareOptions(options: CompareOptions): void {
  const optionErrors = optionProblems(options, compareOptionNames);
  if (optionErrors.length > 0) throw new ScenarioError('compare options', optionErrors, 'compare options');
}

/**
 * Runs `replicates` paired replicates of a and b on common seeds and compares
 * their headline metrics (or `options.metrics`): per metric the means and the
 * paired difference b − a with its 95% interval. A scenario that did not come
 * from `parseScenario` or `parseExtendedScenario` is validated first (under
 * `options.model`), and the seeds and hashes are those of the parsed
 * scenario: a hand-built object compares as its parsed form, and as the same
 * file does on the command line. Both run on a's seeds: where `sameWorld(a, b)` is false, b draws another world
 * from them, so the comparison measures more than the mode (`govsim compare` notes it), and swapping a and b gives
 * another comparison.
 * @throws ScenarioError naming the option when one is unknown or out of range (replicates a whole number from 1,
 *   weeks from 1 to the scenario schema's limit, the callbacks functions), or a metric that names no number of a
 *   run summary; or a scenario's own problems (a or b not a scenario at all included), before any run
 * @example
 * const a = parseScenario({ name: 'a', mode: 'administrative-led' });
 * const b = parseScenario({ name: 'b', mode: 'co-production' });
 * const comparison = compareScenarios(a, b, { replicates: 50 });
 * console.log(comparisonTable(comparison, { a: 'administrative-led', b: 'co-production' }));
 */
export function compareScenarios(
  givenA: Scenario | ScenarioInput,
  givenB: Scenario | ScenarioInput,
  options: CompareOptions = {},
): Comparison {
  return finishSteps(compareScenariosSteps(givenA, givenB, options));
}

/**
 * {@link compareScenarios} in steps, yielding after each week of each run: run with `finishStepsPausing` to let the
 * event loop in during a long comparison; the same result, byte for byte.
 * @throws ScenarioError as {@link compareScenarios} does, at the first step
 */
export function* compareScenariosSteps(
  givenA: Scenario | ScenarioInput,
  givenB: Scenario | ScenarioInput,
  options: CompareOptions = {},
): Steps<Comparison> {
  const compared = comparedScenarios(givenA, givenB, options);
  const pairs = yield* comparedPairsSteps(compared, options, compareReplicateSteps);
  return comparisonOfReplicates(compared.a, compared.b, pairs, compared.metrics);
}

/**
 * The pairs of a comparison in replicate order, each run in this thread by `pairSteps` (one pair of runs, or one
 * followed community by community), progress told after each; the metrics are checked against the first pair's
 * summary before the other pairs run.
 */
export function* comparedPairsSteps<Pair extends ComparedReplicate>(
  compared: ComparedScenarios,
  options: CompareOptions,
  pairSteps: (a: Scenario, b: Scenario, replicate: number, options: CompareOptions) => Steps<Pair>,
): Steps<Pair[]> {
  const pairs: Pair[] = [];
  for (let replicate = 0; replicate < compared.replicates; replicate++) {
    pairs.push(yield* pairSteps(compared.a, compared.b, replicate, options));
    // Whether each key names a number of a summary is known once there is one: checked before the other replicates run.
    if (replicate === 0) checkComparedMetrics(compared.metrics, pairs[0]?.a);
    options.onProgress?.(replicate + 1, compared.replicates);
  }
  return pairs;
}

/** What a comparison runs and measures, its options checked: the parsed scenarios, the replicates and the metrics. */
export interface ComparedScenarios {
  a: Scenario;
  b: Scenario;
  replicates: number;
  metrics: readonly HeadlineMetric[];
}

/**
 * Checks a comparison's options and its metrics' form, and parses a scenario that did not come from a parser (under
 * `options.model`): what {@link compareScenariosSteps} and a comparison on worker threads start from.
 * @throws ScenarioError as {@link compareScenarios} does before any run
 */
export function comparedScenarios(
  givenA: Scenario | ScenarioInput,
  givenB: Scenario | ScenarioInput,
  options: CompareOptions = {},
): ComparedScenarios {
  checkCompareOptions(options);
  // Seeds and hashes come from the parsed scenarios (defaults filled), as runScenario would run them.
  const extensions = options.model?.extensions ?? [];
  // Each named by its side, so that a problem says which of the two it is in.
  const a = isParsedScenario(givenA) ? givenA : parseExtendedScenario(givenA, extensions, 'a');
  const b = isParsedScenario(givenB) ? givenB : parseExtendedScenario(givenB, extensions, 'b');
  const metrics = options.metrics ?? comparedMetrics(options.model);
  if (!Array.isArray(metrics))
    throw new ScenarioError('compare options', [{ path: 'metrics', message: 'expected a list of metrics' }], 'compare options');
  checkComparedMetrics(metrics);
  return { a, b, replicates: options.replicates ?? 50, metrics };
}

/**
 * Checks that each metric is a metric `{ key, label, unit }` and, given a run `summary`, that its key names a number
 * of it.
 * @throws ScenarioError (source "compare options") naming each metric that is not
 */
export function checkComparedMetrics(metrics: readonly HeadlineMetric[], summary?: RunSummary): void {
  const problems: ScenarioProblem[] = metrics.flatMap((metric, index) => {
    const key = (metric as Partial<HeadlineMetric> | null)?.key;
    if (typeof key !== 'string')
      return [{ path: `metrics[${index}]`, message: 'expected a metric { key, label, unit }, such as one of headlineMetrics' }];
    if (summary !== undefined && !isSummaryPath(summary, key))
      return [
        {
          path: `metrics[${index}].key`,
          message: `expected a number of the run summary, such as satisfaction.end: "${key}" is none${renamedSummaryPathNote(key, summary)}`,
        },
      ];
    return [];
  });
  if (problems.length > 0) throw new ScenarioError('compare options', problems, 'compare options');
}

/** One paired replicate of a comparison: the seed both sides ran on, and each side's run summary. */
export interface ComparedReplicate {
  seed: number;
  a: RunSummary;
  b: RunSummary;
}

/**
 * Replicate `replicate` of a comparison of the parsed scenarios a and b: a, then b, on a's seed for that replicate,
 * each with the observer `options.observer` gives it. A comparison is these pairs in replicate order, wherever each
 * ran ({@link comparisonOfReplicates}).
 */
export function* compareReplicateSteps(
  a: Scenario,
  b: Scenario,
  replicate: number,
  options: Pick<CompareOptions, 'weeks' | 'model' | 'observer'> = {},
): Steps<ComparedReplicate> {
  const seed = runSeed(a, replicate);
  const runOptions = {
    seed,
    ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
    ...(options.model === undefined ? {} : { model: options.model }),
  };
  const observeA = options.observer?.('a', replicate);
  const runA = runScenarioSteps(a, observeA === undefined ? runOptions : { ...runOptions, observe: observeA });
  const summaryA = (yield* namingRun(runA, () => `run a (${a.name}), replicate ${replicate} (seed ${seed})`)).summary;
  const observeB = options.observer?.('b', replicate);
  const runB = runScenarioSteps(b, observeB === undefined ? runOptions : { ...runOptions, observe: observeB });
  const summaryB = (yield* namingRun(runB, () => `run b (${b.name}), replicate ${replicate} (seed ${seed})`)).summary;
  return { seed, a: summaryA, b: summaryB };
}

/**
 * The comparison of a and b from their paired replicates, in replicate order from 0: per metric the means and the
 * paired difference b − a, the p-values adjusted over the metrics.
 * @throws ScenarioError (source "compare options") naming a metric whose key names no number of the run summary
 */
export function comparisonOfReplicates(
  a: Scenario,
  b: Scenario,
  pairs: readonly ComparedReplicate[],
  metrics: readonly HeadlineMetric[],
): Comparison {
  if (pairs[0] !== undefined) checkComparedMetrics(metrics, pairs[0].a);
  return {
    a: { name: a.name, hash: scenarioHash(a) },
    b: { name: b.name, hash: scenarioHash(b) },
    replicates: pairs.length,
    seeds: pairs.map((pair) => pair.seed),
    metrics: holmAcrossMetrics(
      metrics.map((metric) =>
        metricComparison(
          metric,
          pairs.map((pair) => summaryValue(pair.a, metric.key)),
          pairs.map((pair) => summaryValue(pair.b, metric.key)),
        ),
      ),
    ),
  };
}

/**
 * The metrics of one comparison with their `holmPValue` adjusted over all of them (Holm's method; a metric whose
 * test could not be made, with fewer than two pairs, is left out of the count).
 * @throws ScenarioError (source "metric comparisons") naming the field when `metrics` is not a list of metric
 *   comparisons each with its `pValue` a number (NaN where there is no test)
 * @example
 * // valuesA[i] and valuesB[i]: headline metric i's value in each replicate under a and under b
 * const metrics = holmAcrossMetrics(headlineMetrics.map((metric, i) => metricComparison(metric, valuesA[i] ?? [], valuesB[i] ?? [])));
 */
export function holmAcrossMetrics(metrics: readonly MetricComparison[]): MetricComparison[] {
  checkArgumentWith(
    'metric comparisons',
    (check) => {
      if (!Array.isArray(metrics)) {
        check.add('(top level)', `expected a list of metric comparisons (metricComparison), got ${givenValue(metrics)}`);
        return;
      }
      metrics.forEach((metric: unknown, index) => {
        const at = `[${index}]`;
        if (!check.object(metric, at, 'a metric comparison (metricComparison)')) return;
        if (typeof metric.pValue !== 'number')
          check.add(
            `${at}.pValue`,
            `expected a p-value (a number, NaN where there is no test), got ${givenValue(metric.pValue)}`,
          );
      });
    },
    'metric comparisons',
  );
  const adjusted = holmAdjusted(metrics.map((metric) => metric.pValue));
  return metrics.map((metric, index) => ({ ...metric, holmPValue: adjusted[index] as number }));
}

/**
 * One metric's comparison from its values under a and b, aligned by
 * replicate: the means and the paired difference b − a with its 95% t
 * interval and the p-value of its t test, over the replicates where both are
 * defined. Its `holmPValue` is the p-value itself, a family of one, until
 * {@link holmAcrossMetrics} adjusts it over the comparison's metrics.
 */
export function metricComparison(metric: HeadlineMetric, a: ReadonlyArray<number>, b: ReadonlyArray<number>): MetricComparison {
  checkArgumentWith('metric values', (check) => {
    if (!Array.isArray(a)) check.add('a', `expected a list of numbers, one per replicate, got ${givenValue(a)}`);
    if (!Array.isArray(b)) check.add('b', `expected a list of numbers, one per replicate, got ${givenValue(b)}`);
    // Aligned by replicate: lists of two lengths are not pairs, and a silent cut would compare fewer than given.
    else if (Array.isArray(a) && a.length !== b.length)
      check.add('b', `expected as many values as a (${a.length}, one per replicate), got ${b.length}`);
  });
  const valuesA: number[] = [];
  const valuesB: number[] = [];
  for (let replicate = 0; replicate < a.length; replicate++) {
    const valueA = a[replicate] as number;
    const valueB = b[replicate] as number;
    if (Number.isFinite(valueA) && Number.isFinite(valueB)) {
      valuesA.push(valueA);
      valuesB.push(valueB);
    }
  }
  const pValue = tTestPValue(valuesB.map((value, index) => value - (valuesA[index] as number)));
  return {
    key: metric.key,
    label: metric.label,
    unit: metric.unit,
    meanA: sampleMean(valuesA),
    meanB: sampleMean(valuesB),
    difference: pairedDifference(valuesA, valuesB),
    pValue,
    holmPValue: pValue,
    pairing: valuesA.length < 3 ? Number.NaN : pearsonCorrelation(valuesA, valuesB),
  };
}
