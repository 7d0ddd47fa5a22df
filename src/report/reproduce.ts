/**
 * Reproducing a case: the case and its counterfactuals on paired replicates,
 * the stylized facts checked on their outputs, the weekly series reduced to
 * bands for the charts, and the counterfactuals compared with the case.
 */
import {
  finishStepsPausing,
  holmAdjusted,
  isRecord,
  type MeanInterval,
  pairedDifference,
  sampleMean,
  tTestPValue,
} from '../core/index.js';
import type { RunSummary } from '../metrics/index.js';
import { type Scenario, sameWorld } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { type ModelDefinition, scenarioHash, summaryValue } from '../simulation/index.js';
import {
  type CaseAbout,
  type FactResult,
  type FactsFile,
  factsEvaluationOfShares,
  type MeasuredReplicates,
  measureReplicatesSteps,
  measuresOfFact,
} from '../validation/index.js';
import { checkFactsFile, type GivenScenarios, parsedScenarioSet } from '../validation/validate.js';
import { type ChartFindings, chartClaims, chartFindings } from './captions.js';
import { type ChartDefinition, type ChartSeries, type ChartSpec, chartDefinitions, chartSpec, renderSvg } from './charts.js';
import { type Phase, scenarioPhases } from './phases.js';
import { type ChartedRuns, chartedRecords, keepForReproduction, type ReproducedReplicate } from './replicates.js';
import { SeriesCollector } from './series.js';

/** Options of {@link reproduceCase}. */
export interface ReproduceOptions {
  /** Paired replicates to run of every scenario. */
  replicates: number;
  /** Called after each replicate with the replicates done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** The model definition the case's scenarios were parsed for, when the model is extended. */
  model?: ModelDefinition;
  /**
   * Runs the replicates elsewhere, in shares (worker threads: `FactsPool` of govsim/node): given the scenarios as
   * parsed and what the charts draw, resolves to the shares `measureReplicatesSteps` gives with every scenario run
   * and {@link keepForReproduction} keeping what the report needs, calling `onProgress` itself. The same
   * reproduction, byte for byte. Default: every replicate in this thread.
   */
  runShares?: (
    scenarios: ReadonlyMap<string, Scenario>,
    charted: ChartedRuns,
  ) => Promise<ReadonlyArray<MeasuredReplicates<ReproducedReplicate>>>;
}

/**
 * One chart of a reproduction: its definition, its series, the Vega-Lite spec, the SVG drawn from it, and its caption's findings.
 */
export interface RenderedChart {
  definition: ChartDefinition;
  /** What the chart measures and the mechanisms behind it, with the values the case's scenario sets. */
  about: string;
  /** One series per scenario drawn: the case first, then the headline contrast's scenarios. */
  series: ChartSeries[];
  /** The Vega-Lite spec drawn ({@link ChartSpec}). */
  spec: ChartSpec;
  /** The chart as SVG text, rendered from `spec`. */
  svg: string;
  /** What its caption claims, computed from the paired replicates (see captions.ts). */
  findings: ChartFindings;
  /** The case's facts that read this chart's quantity ({@link factsReadingChart}), by id. */
  facts: number[];
}

/**
 * The ids of the facts of `file` that read a chart's quantity: a check or
 * event whose measure is the chart's weekly series, or one of its summary
 * numbers (`definition.summaries`).
 */
export function factsReadingChart(definition: ChartDefinition, file: FactsFile): number[] {
  return file.facts
    .filter((fact) =>
      measuresOfFact(fact).some(
        (measure) =>
          ('series' in measure && measure.series === definition.column) ||
          ('summary' in measure && definition.summaries.includes(measure.summary)),
      ),
    )
    .map((fact) => fact.id);
}

/** One metric compared between the case and one counterfactual, over the replicates where both are finite. */
export interface CounterfactualRow {
  /** Scenario key of the counterfactual. */
  scenario: string;
  /** Run summary path of the metric (e.g. `satisfaction.end`). */
  metric: string;
  /** The metric in words, for tables. */
  label: string;
  /** Mean of the metric in the case. */
  caseMean: number;
  /** Mean of the metric in the counterfactual. */
  otherMean: number;
  /** Paired difference counterfactual − case. */
  difference: MeanInterval;
  /** Two-sided p-value of the paired t test of that difference (NaN with fewer than two pairs). */
  pValue: number;
  /**
   * `pValue` adjusted by Holm's method over every row of the reproduction, so that the chance of calling any of the
   * report's counterfactual differences real when none is stays at most α (the report marks `holmPValue` < 0.05).
   */
  holmPValue: number;
}

/**
 * A reproduced case: its scenarios run on paired replicates, the facts checked, the charts and the counterfactual
 * comparisons; everything a report is written from.
 */
export interface Reproduction {
  /** Scenario key of the case. */
  caseKey: string;
  /** Name of the case scenario. */
  caseName: string;
  /** What the facts file says of the case (`about`): its title, the paper its facts come from, the limits of the evidence. */
  about: CaseAbout;
  /**
   * The scenarios of the facts file's headline contrast (`contrast`), drawn beside the case; the summary compares the
   * case with `from`. Null when the facts file names none.
   */
  contrast: { from: string; to: string } | null;
  /** Paired replicates run of every scenario. */
  replicates: number;
  /** The run seed of each replicate, shared by every scenario (derived from the case scenario's seed). */
  seeds: number[];
  /**
   * Every scenario run: key, name (with its key, `name (key)`, where another scenario has the same name),
   * description and content hash, and whether its world is the case scenario's (on another world, paired replicates
   * share seeds but draw other households, needs and projects).
   */
  scenarios: Array<{ key: string; name: string; description: string; hash: string; sameWorldAsCase: boolean }>;
  /** The phases of the case's course, as the charts shade them. */
  phases: Phase[];
  /** The events of the case's first replicate (timeline entries reached, switch decided), by week. */
  events: Array<{ week: number; event: string }>;
  /** Each stylized fact's evaluation, in the facts file's order. */
  facts: FactResult[];
  /** Each fact's explanation of why it may fall short, from the facts file (`ifNotReproduced`), by fact id. */
  whyNotReproduced: Record<number, string>;
  /** The charts, in {@link chartDefinitions} order. */
  charts: RenderedChart[];
  /** Each counterfactual against the case, on each of {@link counterfactualMetrics}, then each run measure of the model's extensions. */
  counterfactuals: CounterfactualRow[];
}

/** A scenario of a reproduction by its name (its key when it has no other). */
export function scenarioName(reproduction: Pick<Reproduction, 'scenarios'>, key: string): string {
  return reproduction.scenarios.find((scenario) => scenario.key === key)?.name ?? key;
}

/** What the scenario of key `key` is, in its own words (empty when it says nothing or is not among the scenarios). */
export function scenarioDescription(reproduction: Pick<Reproduction, 'scenarios'>, key: string): string {
  return reproduction.scenarios.find((scenario) => scenario.key === key)?.description ?? '';
}

/**
 * The scenarios drawn in the charts, with their colours and dash patterns: the case, then the facts file's headline
 * contrast, the mode compared against (`from`) before the mode compared (`to`), each once and only if it is given.
 */
function drawnScenarios(
  facts: FactsFile,
  scenarios: ReadonlyMap<string, Scenario>,
): Array<{ key: string; color: string; dash: number[] }> {
  const drawn = [{ key: facts.case, color: '#1b6ca8', dash: [] as number[] }];
  const contrast = [
    { key: facts.contrast?.from, color: '#c0392b', dash: [8, 4] },
    { key: facts.contrast?.to, color: '#1e8449', dash: [2, 3] },
  ];
  for (const { key, color, dash } of contrast) {
    if (key !== undefined && scenarios.has(key) && !drawn.some((entry) => entry.key === key)) drawn.push({ key, color, dash });
  }
  return drawn;
}

/** Metrics compared between the case and each counterfactual. */
export const counterfactualMetrics: ReadonlyArray<{ key: string; label: string }> = [
  { key: 'satisfaction.end', label: 'Satisfaction, end' },
  { key: 'satisfaction.topFiveCoverage', label: 'Top-5 pain points covered' },
  { key: 'load.staffPeak', label: 'Staff load, peak' },
  { key: 'load.staffMean', label: 'Staff load, mean' },
  { key: 'fragmentation.interfacesPerProject', label: 'Interfaces per project' },
  { key: 'duplication.wasteShare', label: 'Waste share' },
  { key: 'idling.idleShare', label: 'Idle share' },
  { key: 'trust.end', label: 'Trust, end' },
  { key: 'participation.awareShare', label: 'Aware households, end' },
  { key: 'completion.projectsDone', label: 'Projects completed' },
];

/**
 * Reproduces a case: runs its scenarios on paired replicates, checks its facts and gathers the bands, tables and
 * phases a report draws. Scenarios as written (a case folder's `inputs`, objects built in code) are validated first
 * and reproduce as their parsed forms, on the same seeds. The runs pause for the event loop every 50 ms or so, so that
 * a long reproduction lets timers, I/O and signals in (`govsim reproduce` answers Ctrl-C at once).
 * @example
 * const folder = await loadCaseFolder('z-street');
 * const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 200 });
 * @throws ScenarioError naming the argument (`facts file`, `scenarios`, `reproduce options`) and the field, when the
 *   facts do not fit the facts file's schema, the scenarios are not a Map, the case scenario is not among them or an
 *   option is missing, unknown or not of its type, before any run; or a scenario's own problems, named by its key
 */
export async function reproduceCase(
  givenFacts: FactsFile,
  givenScenarios: GivenScenarios,
  options: ReproduceOptions,
): Promise<Reproduction> {
  // Parsed: a facts file as written has its defaults filled, as loadCaseFolder reads it.
  const facts = checkFactsFile(givenFacts);
  checkArgumentWith('scenarios', (check) => {
    check.map(givenScenarios, '(top level)', 'a Map of scenarios by key');
    if (givenScenarios instanceof Map && !givenScenarios.has(facts.case))
      check.add(facts.case, "expected the facts file's case scenario among the scenarios, got no such key");
  });
  checkArgumentWith('reproduce options', (check) => {
    const given = check.options(options, ['replicates', 'onProgress', 'model', 'runShares']);
    if (isRecord(options)) check.wholeNumber(given.replicates, 'replicates', 1);
    if (given.runShares !== undefined) check.callback(given.runShares, 'runShares');
  });
  // Scenarios as written (a case folder's inputs, objects built in code) reproduce as their parsed forms.
  const scenarios = parsedScenarioSet(givenScenarios, options.model);
  const charted = chartedRuns(facts, scenarios);
  if (options.runShares !== undefined)
    return reproductionOfShares(facts, scenarios, await options.runShares(scenarios, charted), options.replicates);
  const keep = keepForReproduction(charted);
  // The runs pause for the event loop now and then: a reproduction of minutes answers Ctrl-C, the same bytes.
  const share = await finishStepsPausing(
    measureReplicatesSteps(facts, scenarios, 0, options.replicates, {
      ...(options.model === undefined ? {} : { model: options.model }),
      everyScenario: true,
      keep: (replicate, runs) => {
        const kept = keep(replicate, runs);
        options.onProgress?.(replicate + 1, options.replicates);
        return kept;
      },
    }),
  );
  return reproductionOfShares(facts, scenarios, [share], options.replicates);
}

/** Which scenarios and columns a reproduction of `facts` draws: what each replicate keeps of its runs' weeks. */
export function chartedRuns(facts: FactsFile, scenarios: ReadonlyMap<string, Scenario>): ChartedRuns {
  return {
    caseKey: facts.case,
    drawn: drawnScenarios(facts, scenarios).map((entry) => entry.key),
    columns: chartDefinitions.map((definition) => definition.column),
  };
}

/**
 * A reproduction from the shares of its replicates, run apart (on worker threads: `govsim reproduce -j`) with
 * `measureReplicatesSteps`, every scenario run and {@link keepForReproduction} keeping what the report needs: the same
 * reproduction as {@link reproduceCase} gives, byte for byte, in whatever order the shares come.
 * @throws ScenarioError when the shares do not cover replicates 0 to `replicates` − 1, each once, or a share lacks
 *   what a report keeps of a replicate (a summary of every scenario, the weeks of every scenario drawn)
 */
export async function reproductionOfShares(
  facts: FactsFile,
  scenarios: ReadonlyMap<string, Scenario>,
  shares: ReadonlyArray<MeasuredReplicates<ReproducedReplicate>>,
  replicates: number,
): Promise<Reproduction> {
  const { results, seeds } = factsEvaluationOfShares(facts, shares, replicates);
  const caseKey = facts.case;
  const caseScenario = scenarios.get(caseKey) as Scenario;
  const weeks = caseScenario.weeks;
  const drawn = drawnScenarios(facts, scenarios);
  const columns = chartDefinitions.map((definition) => definition.column);
  // Every replicate kept a summary of each scenario and the weeks of each drawn, in the order the scenarios run.
  const everyKey = [...scenarios.keys()].join(',');
  const drawnKeys = [...scenarios.keys()].filter((key) => drawn.some((entry) => entry.key === key)).join(',');
  const keys = (list: unknown) => (Array.isArray(list) ? list.map(([key]) => key as unknown).join(',') : '');
  const complete = (replicate: Partial<ReproducedReplicate> | undefined) =>
    keys(replicate?.summaries) === everyKey && keys(replicate?.weeks) === drawnKeys;
  checkArgumentWith(
    'shares',
    (check) => {
      for (const share of shares) {
        const kept = share.kept as ReadonlyArray<Partial<ReproducedReplicate> | undefined>;
        if (kept.length !== share.seeds.length || !kept.every(complete))
          check.add(
            `from replicate ${share.first}`,
            "expected what a report keeps of each replicate (every scenario's summary, the weeks of those drawn: measureReplicatesSteps with everyScenario and keepForReproduction)",
          );
      }
    },
    'measured replicates',
  );
  const collector = new SeriesCollector(columns, weeks);
  const summaries = new Map<string, RunSummary[]>();
  const events: Array<{ week: number; event: string }> = [];
  for (const share of [...shares].sort((a, b) => a.first - b.first))
    for (const kept of share.kept) {
      for (const [key, summary] of kept.summaries) {
        const list = summaries.get(key) ?? [];
        list.push(summary);
        summaries.set(key, list);
      }
      for (const [key, keptWeeks] of kept.weeks) collector.add(key, chartedRecords(keptWeeks, columns));
      events.push(...kept.events);
    }

  const phases = scenarioPhases(caseScenario);
  // Each scenario by its name; by its name and key where another scenario has the same name (a copy not renamed), so
  // that no two scenarios share a label in the text, the tables or the charts' data.
  const nameCounts = new Map<string, number>();
  for (const scenario of scenarios.values()) nameCounts.set(scenario.name, (nameCounts.get(scenario.name) ?? 0) + 1);
  const labels = new Map(
    [...scenarios].map(([key, scenario]) => [
      key,
      (nameCounts.get(scenario.name) ?? 0) > 1 ? `${scenario.name} (${key})` : scenario.name,
    ]),
  );
  const charts: RenderedChart[] = [];
  for (const definition of chartDefinitions) {
    const series = drawn.map((entry) => ({
      label: `${labels.get(entry.key) ?? entry.key}${entry.key === caseKey ? ' (the case)' : ''}`,
      color: entry.color,
      dash: entry.dash,
      bands: collector.bands(entry.key, definition.column),
    }));
    const spec = chartSpec(definition, series, phases, weeks, facts.about?.weekOne);
    const claims = chartClaims[definition.name];
    const findings =
      claims === undefined ? { comparisons: [] } : chartFindings(claims, collector, { caseKey, phases, weeks, labels });
    charts.push({
      definition,
      about: definition.about(caseScenario),
      series,
      spec,
      svg: await renderSvg(spec),
      findings,
      facts: factsReadingChart(definition, facts),
    });
  }

  const caseSummaries = summaries.get(caseKey) ?? [];
  const counterfactuals: CounterfactualRow[] = [];
  // Under an extended model, each run measure of its extensions is compared too, after the built-in metrics, as
  // compareScenarios compares them (comparedMetrics): the summaries hold them in the order the model declares them.
  const metrics = [
    ...counterfactualMetrics,
    ...Object.entries(caseSummaries[0]?.extensions ?? {}).flatMap(([extension, measures]) =>
      Object.keys(measures).map((measure) => ({ key: `extensions.${extension}.${measure}`, label: `${extension}.${measure}` })),
    ),
  ];
  for (const [key, list] of summaries) {
    if (key === caseKey) continue;
    for (const metric of metrics) {
      const caseValues: number[] = [];
      const otherValues: number[] = [];
      list.forEach((summary, replicate) => {
        const caseValue = summaryValue(caseSummaries[replicate] as RunSummary, metric.key);
        const otherValue = summaryValue(summary, metric.key);
        if (Number.isFinite(caseValue) && Number.isFinite(otherValue)) {
          caseValues.push(caseValue);
          otherValues.push(otherValue);
        }
      });
      const pValue = tTestPValue(otherValues.map((value, index) => value - (caseValues[index] as number)));
      counterfactuals.push({
        scenario: key,
        metric: metric.key,
        label: metric.label,
        caseMean: sampleMean(caseValues),
        otherMean: sampleMean(otherValues),
        difference: pairedDifference(caseValues, otherValues),
        pValue,
        holmPValue: pValue,
      });
    }
  }
  // The report's counterfactual differences are one family of tests: each is marked only after Holm's adjustment.
  const adjusted = holmAdjusted(counterfactuals.map((row) => row.pValue));
  counterfactuals.forEach((row, index) => {
    row.holmPValue = adjusted[index] as number;
  });

  return {
    caseKey,
    caseName: caseScenario.name,
    about: facts.about ?? {},
    contrast: facts.contrast === undefined ? null : { from: facts.contrast.from, to: facts.contrast.to },
    replicates,
    seeds,
    scenarios: [...scenarios].map(([key, scenario]) => ({
      key,
      name: labels.get(key) ?? scenario.name,
      description: scenario.description,
      hash: scenarioHash(scenario),
      sameWorldAsCase: sameWorld(scenario, caseScenario),
    })),
    phases,
    events,
    facts: results,
    whyNotReproduced: Object.fromEntries(
      facts.facts.flatMap((fact) => (fact.ifNotReproduced === undefined ? [] : [[fact.id, fact.ifNotReproduced]])),
    ),
    charts,
    counterfactuals,
  };
}
