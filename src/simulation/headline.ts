/**
 * The headline metrics that `compare` reports: a label and where the value
 * sits in a {@link RunSummary}.
 */
import { type RunSummary, summaryUnits } from '../metrics/index.js';
import { nearestName } from '../scenario/index.js';
import { checkArgumentWith } from './arguments.js';
import type { ModelDefinition } from './definition.js';
import { givenValue } from './model.js';

/** A number of the run summary to compare, with how tables show it. */
export interface HeadlineMetric {
  /** Dotted path into the run summary, e.g. `load.staffMean`. */
  key: string;
  /** The metric in words, as tables show it. */
  label: string;
  /** Its unit (`ratio`, `share`, `weeks`, …), as docs/metrics.md gives it ({@link summaryUnits}). */
  unit: string;
}

/** A headline metric, its unit the one docs/metrics.md gives the summary number. */
function headline(key: keyof typeof summaryUnits & string, label: string): HeadlineMetric {
  const unit = summaryUnits[key];
  if (unit === undefined) throw new Error(`headline metric ${key}: no unit in summaryUnits`);
  return { key, label, unit };
}

/** The metrics {@link compareScenarios} compares unless told otherwise, in the order tables list them. */
export const headlineMetrics: readonly HeadlineMetric[] = [
  headline('load.staffMean', 'Staff load, mean'),
  headline('load.staffPeak', 'Staff load, peak'),
  headline('load.staffOverloadedWeekShare', 'Staff overloaded, share of weeks'),
  headline('load.departmentMean', 'Department load, mean'),
  headline('load.paperworkShare', 'Paperwork share of department renewal hours'),
  headline('fragmentation.interfacesPerProject', 'Interfaces per project'),
  headline('fragmentation.fragmentationIndex', 'Fragmentation index'),
  headline('fragmentation.openDockingThreadsMean', 'Open docking threads, mean'),
  headline('fragmentation.crossDepartmentSettleWeeks', 'Weeks to settle a cross-department question'),
  headline('duplication.duplicatePairs', 'Duplicate pairs'),
  headline('duplication.conflictPairs', 'Conflict pairs'),
  headline('duplication.wasteShare', 'Waste share of spending'),
  headline('satisfaction.end', 'Need-weighted satisfaction, end'),
  headline('satisfaction.topFiveCoverage', 'Top-5 pain points covered'),
  headline('satisfaction.needMatch', 'Need match (rank correlation)'),
  headline('participation.awareShare', 'Aware households, end'),
  headline('participation.engagedShare', 'Engaged households, end'),
  headline('trust.end', 'Trust, end'),
  headline('idling.idleShare', 'Idle share of project-weeks'),
  headline('idling.effortPerOutput', 'Renewal hours per satisfaction point'),
  headline('completion.projectsDone', 'Projects completed'),
  headline('efficiency.satisfactionPerMoney', 'Satisfaction points per budget unit'),
];

/**
 * The metrics {@link compareScenarios} compares under `model` unless told otherwise: {@link headlineMetrics}, then
 * each run measure of the model's extensions, in the order the model declares them, its key the summary path
 * `extensions.<extension>.<measure>`, its label `<extension>.<measure>` (the column name of weeks.csv's weekly
 * measures) and its unit `number` (the measure's description says what it counts).
 * @example comparedMetrics(wechatModel).at(-1) // { key: 'extensions.wechat-rumour.rumourWeeks', label: 'wechat-rumour.rumourWeeks', unit: 'number' }
 */
export function comparedMetrics(model?: ModelDefinition): readonly HeadlineMetric[] {
  const measures = (model?.extensions ?? []).flatMap((extension) =>
    Object.keys(extension.runMeasures ?? {}).map((measure) => ({
      key: `extensions.${extension.name}.${measure}`,
      label: `${extension.name}.${measure}`,
      unit: 'number',
    })),
  );
  return measures.length === 0 ? headlineMetrics : [...headlineMetrics, ...measures];
}

/** Summary paths an earlier version had, and what they are called now. */
const renamedSummaryPaths: Readonly<Record<string, string>> = {
  'completion.projectsListed': 'completion.projectsTakenOn',
};

/**
 * For a path that names no summary number: " (renamed X in 0.3.0)" when an
 * earlier version had it; else, given the summary (or the paths known), ' (did you mean "X"?)' when the path is a
 * likely misspelling of one of its numbers; else "".
 * @example renamedSummaryPathNote('completion.projectsListed') // ' (renamed completion.projectsTakenOn in 0.3.0)'
 * @example renamedSummaryPathNote('trust.ned', ['trust.end']) // ' (did you mean "trust.end"?)'
 */
export function renamedSummaryPathNote(key: string, known?: RunSummary | readonly string[]): string {
  const renamed = Object.hasOwn(renamedSummaryPaths, key) ? renamedSummaryPaths[key] : undefined;
  if (renamed !== undefined) return ` (renamed ${renamed} in 0.3.0)`;
  if (known === undefined) return '';
  const meant = nearestName(key, Array.isArray(known) ? known : summaryNumberPaths(known as RunSummary));
  return meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`;
}

/** The dotted paths of every number of a run summary (whatever their values). */
function summaryNumberPaths(summary: RunSummary): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, prefix: string) => {
    if (typeof value === 'number') paths.push(prefix);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [key, member] of Object.entries(value)) visit(member, prefix === '' ? key : `${prefix}.${key}`);
  };
  visit(summary, '');
  return paths;
}

/**
 * Refuses, for a caller (the function's name) in plain JavaScript, what is no run summary and a dotted path: a run's whole result given for
 * its summary is said to be that (it would give NaN for every path), a path that is not text named.
 */
function checkSummaryArguments(caller: string, summary: unknown, key: unknown): void {
  if (typeof key === 'string' && summary !== null && typeof summary === 'object' && !('summary' in summary)) return;
  checkArgumentWith(
    caller,
    (check) => {
      if (summary === null || typeof summary !== 'object' || Array.isArray(summary))
        check.add('summary', `expected a run summary (a run's result.summary), got ${givenValue(summary)}`);
      else if ('summary' in summary)
        check.add('summary', "expected a run summary, got a run's whole result: give its summary (result.summary)");
      if (typeof key !== 'string') check.add('key', `expected a dotted path such as "satisfaction.end", got ${givenValue(key)}`);
    },
    'arguments',
  );
}

/** Whether a dotted path names a number of a run summary (whatever its value in a given run). */
export function isSummaryPath(summary: RunSummary, key: string): boolean {
  checkSummaryArguments('isSummaryPath', summary, key);
  let value: unknown = summary;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number';
}

/**
 * The value at a dotted path of a run summary (NaN when absent).
 * @throws ScenarioError when `summary` is no run summary (a run's whole result, say) or `key` is not text
 */
export function summaryValue(summary: RunSummary, key: string): number {
  checkSummaryArguments('summaryValue', summary, key);
  let value: unknown = summary;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return Number.NaN;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number' ? value : Number.NaN;
}
