/**
 * Satisfaction: how far residents' needs are met (痛点: pain points).
 * Paper §3–§4: mechanical allocation under administrative-led renewal misses
 * residents' pain points; under co-production needs were met.
 */
import { indicesOfLargest, spearmanCorrelation } from '../core/index.js';

/**
 * Need met = 1 − Π(1 − coverage) over the completed works on a need item.
 * Unit: share. Range [0, 1].
 * @example needMet([0.8, 0.5]) // 1 − 0.2 × 0.5 = 0.9
 */
export function needMet(coverages: readonly number[]): number {
  let unmet = 1;
  for (const coverage of coverages) unmet *= 1 - coverage;
  return 1 - unmet;
}

/**
 * Household satisfaction = Σ over its need items of weight × met (weights sum to 1).
 * Unit: share of needs met. Range [0, 1].
 * @example householdSatisfaction([0.75, 0.25], [1, 0]) // 0.75
 */
export function householdSatisfaction(weights: ArrayLike<number>, met: ArrayLike<number>): number {
  let satisfied = 0;
  for (let index = 0; index < weights.length; index++) satisfied += (weights[index] as number) * (met[index] as number);
  return satisfied;
}

/**
 * The pain points: the k need items with the largest summed need weight
 * (ties to the lower index). Y's are fixed at the start of a run.
 * @example topPainPoints([5, 1, 3], 2) // [0, 2]
 */
export function topPainPoints(communityNeed: ArrayLike<number>, k = 5): number[] {
  return indicesOfLargest(communityNeed, k);
}

/**
 * Top-5 pain-point coverage = mean met degree over the pain points (see
 * {@link topPainPoints}). Unit: share. Range [0, 1]; NaN with no pain points.
 * @example topPainPointCoverage([0, 2], [1, 1, 0]) // (1 + 0) / 2
 */
export function topPainPointCoverage(painPoints: ArrayLike<number>, met: ArrayLike<number>): number {
  if (painPoints.length === 0) return Number.NaN;
  let total = 0;
  for (let index = 0; index < painPoints.length; index++) total += met[painPoints[index] as number] as number;
  return total / painPoints.length;
}

/**
 * Need match = Spearman rank correlation, over need items, between the
 * summed need weight of an item and the degree to which it was met: do the
 * works go where the needs are? Unit: correlation. Range [−1, 1]; NaN when
 * nothing was built.
 */
export function needMatch(communityNeed: ArrayLike<number>, met: ArrayLike<number>): number {
  const needRanks = averageRanksBySorting(communityNeed);
  const metRanks = averageRanksBySorting(met);
  if (needRanks === null || metRanks === null || communityNeed.length !== met.length)
    return spearmanCorrelation(communityNeed, met);
  return pearsonOfRanks(needRanks, metRanks);
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
