/**
 * Load (超载): how much work is asked of a group against what it can give.
 * Paper: pressure passed down accumulates in the community beyond its
 * effective carrying capacity (压力向下传导, 累积叠加), and departments drown in
 * paperwork (文字工作) — §3 of the case.
 */

/**
 * Aggregate load = Σ demand hours ÷ Σ capacity hours.
 * Unit: ratio (1 = exactly at capacity). Range [0, ∞). NaN with no capacity.
 * @example load([300, 340], [320, 320]) // 1.0
 */
export function load(demandHours: readonly number[], capacityHours: readonly number[]): number {
  let demand = 0;
  let capacity = 0;
  for (const hours of demandHours) demand += hours;
  for (const hours of capacityHours) capacity += hours;
  return capacity > 0 ? demand / capacity : Number.NaN;
}

/**
 * Overloaded-week share = (weeks with load > 1) ÷ weeks.
 * Unit: share. Range [0, 1]. NaN for no weeks.
 * @example overloadedShare([0.9, 1.2, 1.5, 1.0]) // 0.5
 */
export function overloadedShare(weeklyLoads: readonly number[]): number {
  if (weeklyLoads.length === 0) return Number.NaN;
  let overloaded = 0;
  for (const value of weeklyLoads) if (value > 1) overloaded++;
  return overloaded / weeklyLoads.length;
}

/**
 * Paperwork share = paperwork hours ÷ non-routine (renewal) hours demanded of departments.
 * Unit: share. Range [0, 1], up to rounding: the denominator is a difference of sums, so a week of paperwork alone
 * may give a few 10⁻¹⁵ above 1. NaN when no renewal hours are demanded.
 * @example paperworkShare(10, 50, 20) // 10 / (50 − 20) = 0.333…
 */
export function paperworkShare(paperworkHours: number, demandHours: number, routineHours: number): number {
  const renewal = demandHours - routineHours;
  return renewal > 0 ? paperworkHours / renewal : Number.NaN;
}
