/** Reading a measure from a replicate's runs, and deciding a comparison. */
import type { WeekRecord } from '../metrics/index.js';
import { type RunResult, summaryValue } from '../simulation/index.js';
import type { Aggregate, ComparisonOperator, Measure } from './facts.js';

/** Aggregates a weekly column over weeks [from, to] (1-based, inclusive). NaN when no week is defined. */
export function aggregateSeries(
  weeks: readonly WeekRecord[],
  column: keyof WeekRecord,
  from: number,
  to: number,
  aggregate: Aggregate,
): number {
  const values: number[] = [];
  for (const record of weeks) {
    if (record.week >= from && record.week <= to && Number.isFinite(record[column])) values.push(record[column]);
  }
  if (values.length === 0) return Number.NaN;
  switch (aggregate) {
    case 'mean':
      return values.reduce((total, value) => total + value, 0) / values.length;
    case 'sum':
      return values.reduce((total, value) => total + value, 0);
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'first':
      return values[0] as number;
    case 'last':
      return values[values.length - 1] as number;
    case 'shareAbove1':
      return values.filter((value) => value > 1).length / values.length;
  }
}

/** The value of a measure on one replicate (runs keyed by scenario). */
export function measureValue(measure: Measure, runs: ReadonlyMap<string, RunResult>): number {
  if ('value' in measure) return measure.value;
  const run = runs.get(measure.scenario);
  if (run === undefined) throw new Error(`no run of scenario "${measure.scenario}"`);
  if ('summary' in measure) return summaryValue(run.summary, measure.summary);
  return aggregateSeries(run.weeks, measure.series as keyof WeekRecord, measure.from, measure.to, measure.aggregate);
}

/** Whether `left is right` holds; false when either side is undefined (NaN). */
export function compare(left: number, comparison: ComparisonOperator, right: number, tolerance = 1e-9): boolean {
  if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
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
