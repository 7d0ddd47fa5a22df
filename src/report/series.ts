/**
 * Collecting weekly series over replicates, in typed arrays (replicate ×
 * week), and reducing them to bands (the 5th, 50th and 95th percentiles and
 * the mean per week) and to each replicate's mean over a window of weeks, the
 * values the captions' paired differences rest on.
 */
import { sampleMean, sampleQuantile } from '../core/index.js';
import type { WeekColumn, WeekRecord } from '../metrics/index.js';

/** One week of a scenario's line over the replicates: the 5%, 50% and 95% quantiles and the mean of the defined values. */
export interface Band {
  week: number;
  p5: number;
  median: number;
  p95: number;
  /** Mean over the replicates with a defined value this week. */
  mean: number;
}

/** A window of weeks, first and last included. */
export interface WeekWindow {
  from: number;
  to: number;
}

/** Weekly values of chosen columns for chosen scenarios, one row per replicate. */
export class SeriesCollector {
  private readonly values = new Map<string, Float64Array[]>();

  constructor(
    readonly columns: ReadonlyArray<WeekColumn>,
    readonly weeks: number,
  ) {}

  /**
   * Adds one replicate's weekly records of a scenario (a column a record lacks is undefined that week); replicates are
   * numbered in the order they are added.
   */
  add(scenario: string, records: ReadonlyArray<Pick<WeekRecord, 'week'> & Partial<Record<WeekColumn, number>>>): void {
    for (const column of this.columns) {
      const row = new Float64Array(this.weeks).fill(Number.NaN);
      for (const record of records) if (record.week <= this.weeks) row[record.week - 1] = record[column] ?? Number.NaN;
      const key = `${scenario}\u0000${column}`;
      const rows = this.values.get(key) ?? [];
      rows.push(row);
      this.values.set(key, rows);
    }
  }

  /** Whether any replicate of the scenario was added. */
  has(scenario: string): boolean {
    return this.columns.some((column) => this.values.has(`${scenario}\u0000${column}`));
  }

  /** Percentile bands and means of a column for a scenario (weeks with no defined value are left out). */
  bands(scenario: string, column: WeekColumn): Band[] {
    const rows = this.values.get(`${scenario}\u0000${column}`) ?? [];
    const bands: Band[] = [];
    for (let week = 1; week <= this.weeks; week++) {
      const values = rows.map((row) => row[week - 1] as number).filter((value) => Number.isFinite(value));
      if (values.length === 0) continue;
      bands.push({
        week,
        p5: sampleQuantile(values, 0.05),
        median: sampleQuantile(values, 0.5),
        p95: sampleQuantile(values, 0.95),
        mean: sampleMean(values),
      });
    }
    return bands;
  }

  /**
   * Each replicate's mean of a column over a window of weeks (its weeks with
   * no defined value left out; NaN when it has none), in replicate order.
   */
  windowMeans(scenario: string, column: WeekColumn, window: WeekWindow): number[] {
    const rows = this.values.get(`${scenario}\u0000${column}`) ?? [];
    const from = Math.max(1, window.from);
    const to = Math.min(this.weeks, window.to);
    return rows.map((row) => {
      let total = 0;
      let count = 0;
      for (let week = from; week <= to; week++) {
        const value = row[week - 1] as number;
        if (Number.isFinite(value)) {
          total += value;
          count++;
        }
      }
      return count === 0 ? Number.NaN : total / count;
    });
  }

  /** Each replicate's first week with a value above `level` (NaN when there is none), in replicate order. */
  firstWeekAbove(scenario: string, column: WeekColumn, level: number): number[] {
    const rows = this.values.get(`${scenario}\u0000${column}`) ?? [];
    return rows.map((row) => {
      const index = row.findIndex((value) => value > level);
      return index < 0 ? Number.NaN : index + 1;
    });
  }
}
