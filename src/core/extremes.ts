/**
 * The largest and smallest of many numbers, as `Math.max(...values)` and
 * `Math.min(...values)` give them (NaN if any is NaN, 0 above −0, ±Infinity
 * for none) but with a loop, so no number of values overflows the call stack.
 */

/**
 * The largest value: `Math.max(...values)` without the spread.
 * @example largestOf([1, 3, 2]) // 3
 */
export function largestOf(values: ArrayLike<number>): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (Number.isNaN(value)) return Number.NaN;
    if (value > largest || (value === 0 && largest === 0 && Object.is(largest, -0))) largest = value;
  }
  return largest;
}

/**
 * The smallest value: `Math.min(...values)` without the spread.
 * @example smallestOf([3, 1, 2]) // 1
 */
export function smallestOf(values: ArrayLike<number>): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (Number.isNaN(value)) return Number.NaN;
    if (value < smallest || (value === 0 && smallest === 0 && Object.is(value, -0))) smallest = value;
  }
  return smallest;
}
