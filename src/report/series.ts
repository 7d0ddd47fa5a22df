/**
 * Collecting weekly series over replicates, in typed arrays (replicate ×
 * week), and reducing them to bands: the 5th, 50th and 95th percentiles per week.
 */
import { sampleQuantile } from '../core/index.js';
import type { WeekColumn, WeekRecord } from '../metrics/index.js';

export interface Band {
  week: number;
  p5: number;
  median: number;
  p95: number;
}

/** Weekly values of chosen columns for chosen scenarios, one row per replicate. */
export class SeriesCollector {
  private readonly values = new Map<string, Float64Array[]>();

  constructor(
    readonly columns: ReadonlyArray<WeekColumn>,
    readonly weeks: number,
  ) {}

  add(scenario: string, records: readonly WeekRecord[]): void {
    for (const column of this.columns) {
      const row = new Float64Array(this.weeks).fill(Number.NaN);
      for (const record of records) if (record.week <= this.weeks) row[record.week - 1] = record[column];
      const key = `${scenario}\u0000${column}`;
      const rows = this.values.get(key) ?? [];
      rows.push(row);
      this.values.set(key, rows);
    }
  }

  /** Percentile bands of a column for a scenario (weeks with no defined value are left out). */
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
      });
    }
    return bands;
  }
}
