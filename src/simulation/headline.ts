/**
 * The headline metrics that `compare` reports: a label and where the value
 * sits in a {@link RunSummary}.
 */
import type { RunSummary } from '../metrics/index.js';

/** A number of the run summary to compare, with how tables show it. */
export interface HeadlineMetric {
  /** Dotted path into the run summary, e.g. `load.staffMean`. */
  key: string;
  /** The metric in words, as tables show it. */
  label: string;
  /** Its unit (`ratio`, `share`, `weeks`, …). */
  unit: string;
}

/** The metrics {@link compareScenarios} compares unless told otherwise, in the order tables list them. */
export const headlineMetrics: readonly HeadlineMetric[] = [
  { key: 'load.staffMean', label: 'Staff load, mean', unit: 'ratio' },
  { key: 'load.staffPeak', label: 'Staff load, peak', unit: 'ratio' },
  { key: 'load.staffOverloadedWeekShare', label: 'Staff overloaded, share of weeks', unit: 'share' },
  { key: 'load.departmentMean', label: 'Department load, mean', unit: 'ratio' },
  { key: 'load.paperworkShare', label: 'Paperwork share of department renewal hours', unit: 'share' },
  { key: 'fragmentation.interfacesPerProject', label: 'Interfaces per project', unit: 'interfaces' },
  { key: 'fragmentation.fragmentationIndex', label: 'Fragmentation index', unit: 'share' },
  { key: 'fragmentation.openDockingThreadsMean', label: 'Open docking threads, mean', unit: 'threads' },
  { key: 'fragmentation.crossDepartmentSettleWeeks', label: 'Weeks to settle a cross-department question', unit: 'weeks' },
  { key: 'duplication.duplicatePairs', label: 'Duplicate pairs', unit: 'pairs' },
  { key: 'duplication.conflictPairs', label: 'Conflict pairs', unit: 'pairs' },
  { key: 'duplication.wasteShare', label: 'Waste share of spending', unit: 'share' },
  { key: 'satisfaction.end', label: 'Need-weighted satisfaction, end', unit: 'share' },
  { key: 'satisfaction.topFiveCoverage', label: 'Top-5 pain points covered', unit: 'share' },
  { key: 'satisfaction.needMatch', label: 'Need match (rank correlation)', unit: 'correlation' },
  { key: 'participation.awareShare', label: 'Aware households, end', unit: 'share' },
  { key: 'participation.engagedShare', label: 'Engaged households, end', unit: 'share' },
  { key: 'trust.end', label: 'Trust, end', unit: 'mean, 0–1' },
  { key: 'idling.idleShare', label: 'Idle share of project-weeks', unit: 'share' },
  { key: 'idling.effortPerOutput', label: 'Renewal hours per satisfaction point', unit: 'hours per point' },
  { key: 'completion.projectsDone', label: 'Projects completed', unit: 'projects' },
  { key: 'efficiency.satisfactionPerMoney', label: 'Satisfaction points per budget unit', unit: 'points per budget unit' },
];

/** Summary paths an earlier version had, and what they are called now. */
const renamedSummaryPaths: Readonly<Record<string, string>> = {
  'completion.projectsListed': 'completion.projectsTakenOn',
};

/**
 * For a path that names no summary number: " (renamed X in 0.3.0)" when an
 * earlier version had it, else "".
 * @example renamedSummaryPathNote('completion.projectsListed') // ' (renamed completion.projectsTakenOn in 0.3.0)'
 */
export function renamedSummaryPathNote(key: string): string {
  const renamed = Object.hasOwn(renamedSummaryPaths, key) ? renamedSummaryPaths[key] : undefined;
  return renamed === undefined ? '' : ` (renamed ${renamed} in 0.3.0)`;
}

/** Whether a dotted path names a number of a run summary (whatever its value in a given run). */
export function isSummaryPath(summary: RunSummary, key: string): boolean {
  let value: unknown = summary;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number';
}

/** The value at a dotted path of a run summary (NaN when absent). */
export function summaryValue(summary: RunSummary, key: string): number {
  let value: unknown = summary;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return Number.NaN;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'number' ? value : Number.NaN;
}
