/** Reading a measure from a replicate's runs, and deciding a comparison. */
import { largestOf, smallestOf } from '../core/index.js';
import type { WeekColumn, WeekRecord } from '../metrics/index.js';
import { type RunResult, summaryValue } from '../simulation/index.js';
import type { Aggregate, ComparisonOperator, Measure, WindowEnd } from './facts.js';

/**
 * Aggregates a weekly column over weeks [from, to] (1-based, inclusive): a column of the weekly record, or an
 * extension's weekly measure as `extensions.<extension>.<measure>` (undefined in a week without it). NaN when no week
 * is defined.
 */
export function aggregateSeries(
  weeks: readonly WeekRecord[],
  column: WeekColumn | `extensions.${string}`,
  from: number,
  to: number,
  aggregate: Aggregate,
): number {
  const extensionMeasure = column.startsWith('extensions.') ? column.slice('extensions.'.length) : undefined;
  const values: number[] = [];
  for (const record of weeks) {
    if (record.week < from || record.week > to) continue;
    const value = extensionMeasure === undefined ? record[column as WeekColumn] : record.extensions?.[extensionMeasure];
    if (value !== undefined && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return Number.NaN;
  switch (aggregate) {
    case 'mean':
      return values.reduce((total, value) => total + value, 0) / values.length;
    case 'sum':
      return values.reduce((total, value) => total + value, 0);
    case 'max':
      return largestOf(values);
    case 'min':
      return smallestOf(values);
    case 'first':
      return values[0] as number;
    case 'last':
      return values[values.length - 1] as number;
    case 'shareAbove1':
      return values.filter((value) => value > 1).length / values.length;
  }
}

/**
 * The week a window end stands for in one run: a week number as it is, or the
 * first week of a milestone of the run (`end`: its last week) plus the offset.
 * NaN when the run never reached the milestone, or when the offset places the
 * end outside the run's weeks (before its first, after its last): a window
 * cut short there would aggregate fewer weeks than it names, without a word.
 * (A week number beyond a scenario's horizon is refused with the facts file,
 * `factsProblems`.)
 *
 * @example windowWeek({ milestone: 'planAdopted', offset: 1 }, run) // 41 when the plan was adopted in week 40
 */
export function windowWeek(end: WindowEnd, run: Pick<RunResult, 'weeks' | 'milestones'>): number {
  if (typeof end === 'number') return end;
  const first = run.weeks[0]?.week;
  const last = run.weeks[run.weeks.length - 1]?.week;
  const week = end.milestone === 'end' ? last : run.milestones[end.milestone];
  if (week === undefined || first === undefined || last === undefined) return Number.NaN;
  const placed = week + end.offset;
  return placed >= first && placed <= last ? placed : Number.NaN;
}

/**
 * The value of a measure on one replicate (runs keyed by scenario). A series
 * measure is NaN (undefined) when a window end's milestone was not reached in
 * the run or its offset places it outside the run's weeks, when the window is
 * inverted (from after to), or when no week of the window has a defined value.
 */
export function measureValue(measure: Measure, runs: ReadonlyMap<string, RunResult>): number {
  if ('value' in measure) return measure.value;
  const run = runs.get(measure.scenario);
  if (run === undefined) throw new Error(`no run of scenario "${measure.scenario}"`);
  if ('summary' in measure) return summaryValue(run.summary, measure.summary);
  const from = windowWeek(measure.from, run);
  const to = windowWeek(measure.to, run);
  if (!(from <= to)) return Number.NaN;
  return aggregateSeries(run.weeks, measure.series as WeekColumn | `extensions.${string}`, from, to, measure.aggregate);
}

/**
 * Whether `left is right` holds; undefined — the comparison is not
 * applicable — when either side is undefined (not a finite number).
 */
export function compare(left: number, comparison: ComparisonOperator, right: number, tolerance = 1e-9): boolean | undefined {
  if (!Number.isFinite(left) || !Number.isFinite(right)) return undefined;
  switch (comparison) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return Math.abs(left - right) <= tolerance;
    case 'abs<':
      return Math.abs(left) < right;
  }
}
