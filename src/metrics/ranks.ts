/**
 * Spearman's rank correlation for metrics over many values (the need items
 * of a city, its completed projects): the same number, to the last bit, as
 * `spearmanCorrelation`, with ranks found by a numeric sort rather than a
 * comparison sort of indices.
 */
import { spearmanCorrelation } from '../core/index.js';

/**
 * Spearman's rank correlation of x and y: Pearson's correlation of their
 * average ranks (ties sharing their mean rank). With a NaN among the values,
 * or lengths that differ, it is `spearmanCorrelation` itself.
 * @example rankCorrelation([1, 2, 3], [10, 30, 20]) // 0.5
 */
export function rankCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const xRanks = averageRanksBySorting(x);
  const yRanks = averageRanksBySorting(y);
  if (xRanks === null || yRanks === null || x.length !== y.length) return spearmanCorrelation(x, y);
  return pearsonOfRanks(xRanks, yRanks);
}

/**
 * Pearson correlation of two rank arrays of one length, with the very
 * arithmetic of `pearsonCorrelation` (means as sums in order over the count;
 * ranks are never NaN), without copying the ranks into lists.
 */
function pearsonOfRanks(x: Float64Array, y: Float64Array): number {
  const count = x.length;
  if (count < 2) return Number.NaN;
  let sumX = 0;
  let sumY = 0;
  for (let index = 0; index < count; index++) {
    sumX += x[index] as number;
    sumY += y[index] as number;
  }
  const meanX = sumX / count;
  const meanY = sumY / count;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < count; index++) {
    const dx = (x[index] as number) - meanX;
    const dy = (y[index] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return Number.NaN;
  return covariance / Math.sqrt(varianceX * varianceY);
}

/**
 * Average ranks (1-based, ties sharing their mean rank), as `averageRanks`
 * gives them, found with a numeric sort (no comparison function: fast over
 * the hundreds of thousands of need items of a city); null when a value is
 * NaN, whose ranks only a comparison sort defines.
 */
function averageRanksBySorting(values: ArrayLike<number>): Float64Array | null {
  const count = values.length;
  const sorted = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    if (Number.isNaN(value)) return null;
    sorted[index] = value;
  }
  sorted.sort();
  // A value's run of equals in the sorted values (−0 and 0 are equal, as `===` has them) spans [first, last]:
  // its average rank is (first + last) / 2 + 1.
  const ranks = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    const first = low;
    high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) <= value) low = middle + 1;
      else high = middle;
    }
    ranks[index] = (first + (low - 1)) / 2 + 1;
  }
  return ranks;
}
