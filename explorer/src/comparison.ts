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
