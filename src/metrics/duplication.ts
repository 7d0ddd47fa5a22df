/**
 * Duplication and conflict (重复建设, 目标冲突, 资源浪费). A duplicate pair is
 * two projects on the same need item (same site, same function); a conflict
 * pair is two projects at one site in incompatible categories. Paper §3:
 * under administrative-led renewal they are caught late, if at all, and money
 * is wasted; joint meetings catch them before spending.
 */

export interface PairOutcome {
  kind: 'duplicate' | 'conflict';
  formedWeek: number;
  caughtWeek: number;
  caughtBeforeSpend: boolean;
  realisedWeek: number;
}

/**
 * Pair count = pairs of the given kind ever formed. Unit: pairs. Range [0, ∞).
 * @example countPairs([{ kind: 'duplicate' }, { kind: 'conflict' }], 'duplicate') // 1
 */
export function countPairs(pairs: ReadonlyArray<{ kind: string }>, kind: 'duplicate' | 'conflict'): number {
  let count = 0;
  for (const pair of pairs) if (pair.kind === kind) count++;
  return count;
}

/**
 * Caught-before-spending share = pairs caught while at least one of the two
 * had spent nothing (so the damage could still be avoided) ÷ all pairs formed. A pair left standing — never caught,
 * whether or not it was built — counts against it: a clash no one resolves
 * is not caught. Unit: share. Range [0, 1]; NaN when no pair was formed.
 * @example
 * caughtBeforeSpendShare([
 *   { kind: 'duplicate', formedWeek: 2, caughtWeek: 3, realisedWeek: -1, caughtBeforeSpend: true },
 *   { kind: 'conflict', formedWeek: 2, caughtWeek: -1, realisedWeek: -1, caughtBeforeSpend: false },
 * ]) // 0.5
 */
export function caughtBeforeSpendShare(pairs: readonly PairOutcome[]): number {
  let early = 0;
  for (const pair of pairs) if (pair.caughtBeforeSpend) early++;
  return pairs.length > 0 ? early / pairs.length : Number.NaN;
}

/**
 * Waste share = money spent on cancelled, reworked or duplicate work ÷ all money spent.
 * Unit: share. Range [0, 1]; NaN when nothing was spent.
 * @example wasteShare(0.1, 0.8) // 0.125
 */
export function wasteShare(wasted: number, spent: number): number {
  return spent > 0 ? wasted / spent : Number.NaN;
}

/**
 * Detection lag = mean weeks from a pair's forming (the second project
 * listed) to its being caught or discovered by being built. Unit: weeks.
 * Range [0, ∞); NaN when no pair was resolved.
 */
export function detectionLag(pairs: readonly PairOutcome[]): number {
  let resolved = 0;
  let weeks = 0;
  for (const pair of pairs) {
    const week = pair.caughtWeek >= 0 ? pair.caughtWeek : pair.realisedWeek;
    if (week < 0) continue;
    resolved++;
    weeks += week - pair.formedWeek;
  }
  return resolved > 0 ? weeks / resolved : Number.NaN;
}
