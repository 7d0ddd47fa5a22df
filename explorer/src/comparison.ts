/**
 * The comparison of the two runs over paired replicates, as `govsim compare`
 * makes it: replicate r of both runs on run A's seed of replicate r (common
 * random numbers); per headline metric the means and the paired difference
 * B − A with its 95% t interval, over the replicates where both are defined,
 * and its t test's p-value adjusted by Holm's method over the metrics.
 * The replicates run in workers; this combines their rows.
 */
import { type HeadlineMetric, holmAcrossMetrics, type MetricComparison, metricComparison } from 'govsim';
import type { ReplicateRow } from './protocol.js';

/** Replicates 0 … count − 1 split into `parts` contiguous blocks (none empty). */
export function replicateBlocks(count: number, parts: number): number[][] {
  const blocks: number[][] = [];
  const size = Math.ceil(count / Math.max(1, Math.min(parts, count)));
  for (let start = 0; start < count; start += size)
    blocks.push(Array.from({ length: Math.min(size, count - start) }, (_, offset) => start + offset));
  return blocks;
}

/**
 * The status of a comparison under way: replicates done of all, and the time left at the rate so far (elapsed ÷ done ×
 * those left), rounded to whole seconds, once one replicate is done.
 * @example comparisonProgressText(10, 40, 5) // '10 of 40 paired replicates done, about 15 s left'
 */
export function comparisonProgressText(done: number, count: number, elapsedSeconds: number): string {
  const progress = `${done} of ${count} paired replicates done`;
  if (done <= 0 || done >= count || !(elapsedSeconds > 0)) return `${progress}…`;
  const left = Math.max(1, Math.round((elapsedSeconds / done) * (count - done)));
  const time = left < 60 ? `${left} s` : `${Math.floor(left / 60)} min ${String(left % 60).padStart(2, '0')} s`;
  return `${progress}, about ${time} left`;
}

/** Each metric's comparison from the rows of every replicate (in any order), as `compareScenarios` computes it. */
export function combineReplicates(metrics: readonly HeadlineMetric[], rows: readonly ReplicateRow[]): MetricComparison[] {
  const ordered = [...rows].sort((left, right) => left.replicate - right.replicate);
  return holmAcrossMetrics(
    metrics.map((metric, index) =>
      metricComparison(
        metric,
        ordered.map((row) => row.a[index] as number),
        ordered.map((row) => row.b[index] as number),
      ),
    ),
  );
}
