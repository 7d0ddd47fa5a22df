/**
 * What a reproduction keeps of each replicate's runs besides the facts'
 * measures: every scenario's run summary, the weekly columns the charts draw
 * of the scenarios drawn, and the case's events on the first replicate. Kept
 * where the replicate runs — in this thread, or in a worker thread that sends
 * it back (`govsim reproduce -j`) — and recorded in replicate order, so the
 * report is the same bytes either way. This module draws nothing: a worker
 * thread loads it without the report's charts.
 */
import type { RunSummary, WeekColumn, WeekRecord } from '../metrics/index.js';
import type { RunResult } from '../simulation/index.js';

/** A week of a run as the charts read it: its week and the charts' columns. */
export type ChartedWeek = Pick<WeekRecord, 'week'> & Partial<Record<WeekColumn, number>>;

/**
 * A run's weeks as the charts read them, compactly: the week numbers, and per charted column (in the order
 * {@link ChartedRuns} gives them) its value each week (undefined as NaN).
 */
export interface ChartedWeeks {
  week: Float64Array;
  columns: Float64Array[];
}

/** What a reproduction keeps of one replicate. */
export interface ReproducedReplicate {
  /** Each scenario's run summary, in the order the scenarios run. */
  summaries: Array<[key: string, summary: RunSummary]>;
  /** Each drawn scenario's weeks, with the charts' columns only. */
  weeks: Array<[key: string, weeks: ChartedWeeks]>;
  /** The case run's events on the first replicate (replicate 0); empty on the others. */
  events: Array<{ week: number; event: string }>;
}

/** Which scenarios the charts draw, and which columns, for {@link keepForReproduction}. */
export interface ChartedRuns {
  caseKey: string;
  /** Keys of the scenarios drawn. */
  drawn: string[];
  /** The weekly columns drawn. */
  columns: WeekColumn[];
}

/** A `keep` for `measureReplicatesSteps`: what a reproduction keeps of a replicate's runs ({@link ReproducedReplicate}). */
export function keepForReproduction({
  caseKey,
  drawn,
  columns,
}: ChartedRuns): (replicate: number, runs: ReadonlyMap<string, RunResult>) => ReproducedReplicate {
  return (replicate, runs) => ({
    summaries: [...runs].map(([key, run]) => [key, run.summary]),
    weeks: [...runs]
      .filter(([key]) => drawn.includes(key))
      .map(([key, run]) => [
        key,
        {
          week: Float64Array.from(run.weeks, (record) => record.week),
          columns: columns.map((column) => Float64Array.from(run.weeks, (record) => record[column] ?? Number.NaN)),
        },
      ]),
    events: replicate === 0 ? [...(runs.get(caseKey)?.events ?? [])] : [],
  });
}

/** The weeks {@link keepForReproduction} kept, as records of the charted columns again (a NaN kept stays NaN). */
export function chartedRecords(kept: ChartedWeeks, columns: readonly WeekColumn[]): ChartedWeek[] {
  return Array.from(kept.week, (week, index) => {
    const record: ChartedWeek = { week };
    columns.forEach((column, position) => {
      record[column] = (kept.columns[position] as Float64Array)[index] as number;
    });
    return record;
  });
}
