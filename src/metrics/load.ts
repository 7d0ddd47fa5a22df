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
  const renewal = renewalHoursDemanded(demandHours, routineHours);
  return renewal > 0 ? paperworkHours / renewal : Number.NaN;
}

/**
 * Renewal hours demanded = hours demanded − routine hours: the time asked of a team (or of all departments) beyond
 * its routine work, carried backlog included. Unit: hours. Range [0, ∞) (demand includes the routine).
 * @example renewalHoursDemanded(50, 20) // 30
 */
export function renewalHoursDemanded(demandHours: number, routineHours: number): number {
  return demandHours - routineHours;
}

/**
 * Service ratio = renewal hours served ÷ renewal hours demanded, over the community teams: how much of the renewal
 * work pushed onto the community it can carry. Unit: share. Range [0, 1]; 1 when no renewal work is demanded.
 * @example serviceRatio(15, 20) // 0.75
 */
export function serviceRatio(servedHours: number, demandedHours: number): number {
  return demandedHours > 0 ? servedHours / demandedHours : 1;
}

/**
 * Pooled load = Σ hours demanded ÷ (teams × capacity of each): the load of teams of equal capacity (the
 * departments) taken together. Unit: ratio. Range [routine load, ∞); NaN with no team.
 * @example pooledLoad(90, 2, 40) // 90 / 80 = 1.125
 */
export function pooledLoad(demandHours: number, teams: number, capacityPerTeam: number): number {
  return teams > 0 ? demandHours / (teams * capacityPerTeam) : Number.NaN;
}

/**
 * Mean pressure = Σ pressure ÷ departments: target responsibility (目标责任制) as departments feel it.
 * Unit: pressure (dimensionless). Range [0, ∞); 0 with no department (nobody to press).
 * @example meanPressure(1.5, 3) // 0.5
 */
export function meanPressure(pressureTotal: number, departments: number): number {
  return departments > 0 ? pressureTotal / departments : 0;
}
