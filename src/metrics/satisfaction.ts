/**
 * Satisfaction: how far residents' needs are met (痛点: pain points).
 * Paper §3–§4: mechanical allocation under administrative-led renewal misses
 * residents' pain points; under co-production needs were met.
 */
import { indicesOfLargest, pearsonCorrelation, spearmanCorrelation } from '../core/index.js';

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
  return pearsonCorrelation(needRanks, metRanks);
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
  // Rank of each run of equal values (−0 and 0 are equal, as `===` has them), by its first position.
  const runRank = new Float64Array(count);
  let start = 0;
  while (start < count) {
    let end = start;
    while (end + 1 < count && sorted[end + 1] === sorted[start]) end++;
    runRank[start] = (start + end) / 2 + 1;
    start = end + 1;
  }
  const ranks = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    // The first position holding a value equal to this one.
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    ranks[index] = runRank[low] as number;
  }
  return ranks;
}
