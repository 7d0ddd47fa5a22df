/**
 * Participation: whether residents know, act and stay (居民参与). Paper §3–§4:
 * residents were unaware (无感) under administrative-led renewal; mobilisation,
 * suggestions and a deliberative council changed that.
 */

/**
 * Share of households with the flag set (aware, engaged).
 * Unit: share. Range [0, 1]; NaN for no households.
 * @example flaggedShare(Uint8Array.of(1, 0, 1, 1)) // 0.75
 */
export function flaggedShare(flags: ArrayLike<number>): number {
  if (flags.length === 0) return Number.NaN;
  let set = 0;
  for (let index = 0; index < flags.length; index++) if (flags[index] === 1) set++;
  return set / flags.length;
}

/**
 * Suggestions per 100 households = 100 × suggestions recorded ÷ households.
 * Unit: suggestions per 100 households. Range [0, ∞); NaN with no households.
 * @example suggestionsPer100Households(45, 300) // 15
 */
export function suggestionsPer100Households(suggestions: number, households: number): number {
  return households > 0 ? (100 * suggestions) / households : Number.NaN;
}

/**
 * Deliberator retention = deliberators attending the latest council meeting ÷ deliberators selected.
 * Unit: share. Range [0, 1]; NaN before selection.
 * @example deliberatorRetention(36, 42) // 0.857…
 */
export function deliberatorRetention(attending: number, selected: number): number {
  return selected > 0 ? attending / selected : Number.NaN;
}

/**
 * Household mean, used for four metrics: mean satisfaction (need-weighted
 * share of needs met), mean perceived satisfaction (each household's logistic
 * of met − expected; model/mechanisms/residents.ts), mean trust (each
 * positive event adds gain × (1 − trust), each negative one removes
 * loss × trust) and mean efficacy. Unit: share. Range [0, 1]; NaN for no
 * households.
 * @example meanOf(Float64Array.of(0.2, 0.4)) // 0.3
 */
export function meanOf(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index] as number;
  return total / values.length;
}
