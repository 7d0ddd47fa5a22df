/**
 * Satisfaction: how far residents' needs are met (痛点: pain points).
 * Paper §3–§4: mechanical allocation under administrative-led renewal misses
 * residents' pain points; under co-production needs were met.
 */
import { indicesOfLargest } from '../core/index.js';
import { rankCorrelation } from './ranks.js';

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
 * either has no variance, in particular when nothing was built.
 */
export function needMatch(communityNeed: ArrayLike<number>, met: ArrayLike<number>): number {
  return rankCorrelation(communityNeed, met);
}

/**
 * Satisfaction gain = need-weighted satisfaction at the end − at the start of the run: what the renewal delivered
 * to residents. Unit: share of needs met. Range [−1, 1] (needs are met for good, so ≥ 0 in the built-in model).
 * @example satisfactionGain(0.4, 0.1) // 0.3 (to rounding)
 */
export function satisfactionGain(end: number, start: number): number {
  return end - start;
}
