/**
 * Turning results into text: the weekly series as CSV, summaries as JSON,
 * comparisons as a table. Deterministic: the same numbers give the same
 * bytes (JavaScript's shortest round-trip number formatting; NaN written as
 * an empty CSV cell or JSON null).
 */
import { csvTable, textTableLines } from '../core/index.js';
import { type WeekRecord, weekRecordColumns } from '../metrics/index.js';
import { checkArgumentWith } from './arguments.js';
import type { Comparison } from './compare.js';
import { givenValue } from './model.js';

/**
 * The weekly series as CSV with a header row, one line per week, `\n` line ends.
 * @throws ScenarioError when `weeks` is not a list (a run's whole result given for its weeks, say)
 */
export function weeksToCsv(weeks: readonly WeekRecord[]): string {
  checkArgumentWith('weeks', (check) => {
    if (Array.isArray(weeks)) return;
    check.add(
      '(top level)',
      weeks !== null && typeof weeks === 'object' && 'weeks' in weeks
        ? "expected a list of week records, got a run's whole result: give its weeks (result.weeks)"
        : `expected a list of week records (a run's result.weeks), got ${givenValue(weeks)}`,
    );
  });
  const extensionColumns = Object.keys(weeks[0]?.extensions ?? {});
  return csvTable(
    [...weekRecordColumns, ...extensionColumns],
    weeks.map((week) => [
      ...weekRecordColumns.map((column) => week[column]),
      ...extensionColumns.map((column) => week.extensions?.[column] ?? Number.NaN),
    ]),
  );
}

/** JSON with two-space indentation, non-finite numbers as null, and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, member) => (typeof member === 'number' && !Number.isFinite(member) ? null : member), 2)}\n`;
}

/**
 * A number for display: 3 decimals, 1 at 100 and more, an exponent outside
 * [0.001, 10000), a dash for a value that is not finite.
 * @example formatNumber(0.123456) // '0.123'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 10000 || magnitude < 0.001)) return value.toExponential(2);
  if (magnitude >= 100) return value.toFixed(1);
  return value.toFixed(3);
}

/**
 * A p-value as tables show it: three decimals, "<0.001" below that, "—" where there is none.
 * @example formatPValue(0.04321) // '0.043'
 */
export function formatPValue(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 0.001 ? '<0.001' : value.toFixed(3);
}

/**
 * A plain-text table of a comparison: each metric's paired difference with its 95% interval, its p-value adjusted
 * over the table (Holm), `*` where that is below 0.05, and the correlation of its paired values (`pairing`: what
 * the common random numbers gained).
 * @throws ScenarioError naming `comparison` or `labels` and the field, when the comparison is not what
 *   `compareScenarios` returns (a metric without its `pValue` and `holmPValue` included: a comparison made before
 *   they were added) or the labels are not {a, b} text (a key other than `a` and `b` named too)
 * @example
 * console.log(comparisonTable(compareScenarios(a, b, { replicates: 50 }), { a: 'administrative-led', b: 'co-production' }));
 */
export function comparisonTable(comparison: Comparison, labels: { a: string; b: string } = { a: 'a', b: 'b' }): string {
  checkArgumentWith('comparison', (check) => {
    if (!check.object(comparison, '(top level)', 'a comparison (what compareScenarios returns)')) return;
    for (const side of ['a', 'b'] as const)
      if (check.object(comparison[side], side, 'a scenario {name, hash}')) check.text(comparison[side].name, `${side}.name`);
    check.wholeNumber(comparison.replicates, 'replicates', 1);
    const metrics = comparison.metrics;
    if (!Array.isArray(metrics)) check.add('metrics', `expected a list of metric comparisons, got ${givenValue(metrics)}`);
    else
      metrics.forEach((metric: unknown, index) => {
        const at = `metrics[${index}]`;
        if (!check.object(metric, at, 'a metric comparison {key, label, unit, meanA, meanB, difference}')) return;
        check.text(metric.label, `${at}.label`);
        check.object(metric.difference, `${at}.difference`, 'the paired difference {mean, low, high, count}');
        // NaN where there is no test; null where a comparison was written as JSON (toJson) and read back.
        for (const field of ['pValue', 'holmPValue'] as const)
          if (typeof metric[field] !== 'number' && metric[field] !== null)
            check.add(
              `${at}.${field}`,
              `expected a p-value (a number, NaN where there is no test), got ${givenValue(metric[field])}`,
            );
      });
  });
  checkArgumentWith('labels', (check) => {
    if (check.object(labels, '(top level)', 'labels {a, b}')) {
      // A misspelt label ({ a, bb }) is named, not only the label it leaves out.
      for (const key of Object.keys(labels)) if (key !== 'a' && key !== 'b') check.add(key, 'unknown label (expected a, b)');
      check.text(labels.a, 'a');
      check.text(labels.b, 'b');
    }
  });
  // A side's label, where one is given, with its scenario's name: the columns b − a are told which is which.
  const side = (label: string, name: string, letter: string) =>
    label === letter || label === name ? name : `${label} (${name})`;
  const header = ['metric', `${labels.a} mean`, `${labels.b} mean`, 'b − a', '95% CI of b − a', 'p (Holm)', '', 'r'];
  // A metric undefined in some replicates (no project, no pair) is compared over the pairs where both are defined.
  const short = comparison.metrics.filter((metric) => metric.difference.count < comparison.replicates);
  // Holm's family is the metrics with a test (two pairs or more): a metric without one is not counted in it.
  const metricCount = comparison.metrics.length;
  const tested = comparison.metrics.filter((metric) => Number.isFinite(metric.pValue)).length;
  const family =
    tested === metricCount
      ? `the ${metricCount} metric${metricCount === 1 ? '' : 's'}`
      : `the ${tested} metric${tested === 1 ? '' : 's'} with a test (two pairs or more; the other ${metricCount - tested} have none)`;
  const rows = comparison.metrics.map((metric) => {
    const { mean, low, high } = metric.difference;
    return [
      metric.difference.count < comparison.replicates ? `${metric.label} (${metric.difference.count} pairs)` : metric.label,
      formatNumber(metric.meanA),
      formatNumber(metric.meanB),
      formatNumber(mean),
      `[${formatNumber(low)}, ${formatNumber(high)}]`,
      formatPValue(metric.holmPValue),
      // The table's tests are one family: a row is marked only after Holm's adjustment, never by its interval alone.
      typeof metric.holmPValue === 'number' && metric.holmPValue < 0.05 ? '*' : '',
      // A comparison written before the pairing was given has none.
      typeof metric.pairing === 'number' && Number.isFinite(metric.pairing) ? metric.pairing.toFixed(2) : '—',
    ];
  });
  return [
    `a = ${side(labels.a, comparison.a.name, 'a')}, b = ${side(labels.b, comparison.b.name, 'b')}; ${comparison.replicates} paired replicate${comparison.replicates === 1 ? '' : 's'} (common random numbers)`,
    '',
    ...textTableLines(header, rows, [0]),
    '',
    tested === 0
      ? 'p (Holm): none — the paired t test of no difference needs two pairs or more, which no metric has'
      : `p (Holm): the paired t test of no difference, its p-value adjusted by Holm's method over ${family}; * marks those below 0.05, which differ with a chance of at most 5% that any of them does not (a 95% interval that excludes zero is the test of one metric alone, before the adjustment)`,
    "r: the correlation of a's and b's values over the paired replicates; for equal spreads the SD of b − a is √(1 − r) times that of unpaired runs, so the common random numbers narrow the interval where r is above 0, and widen it where r is below",
    ...(short.length === 0
      ? []
      : [
          `(n pairs): the metric is undefined in the other replicates of a or b; its means and difference are over the n pairs where both are defined`,
        ]),
    '',
  ].join('\n');
}
