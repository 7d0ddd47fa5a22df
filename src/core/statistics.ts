/**
 * Statistics on replicate results: summaries, Student's t intervals for paired
 * differences, and rank correlation. Built on d3-array for the basic moments.
 */
import { deviation, mean, quantileSorted } from 'd3-array';
import type { RandomStream } from './random.js';

/**
 * The values without NaN (an undefined measure is no observation): the same
 * array-like when there is none, so the arithmetic on it is unchanged.
 */
function withoutNaN(values: ArrayLike<number>): ArrayLike<number> {
  for (let index = 0; index < values.length; index++) {
    if (Number.isNaN(values[index])) return Array.from(values).filter((value) => !Number.isNaN(value));
  }
  return values;
}

/** Arithmetic mean, NaN values left out; NaN for an empty sample. */
export function sampleMean(values: ArrayLike<number>): number {
  return mean(Array.from(values)) ?? Number.NaN;
}

/** Sample standard deviation (n − 1 denominator), NaN values left out; NaN for fewer than two values. */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  return deviation(Array.from(values)) ?? Number.NaN;
}

/** The p-quantile (R type 7, as d3) of the values, NaN values left out; NaN for an empty sample. */
export function sampleQuantile(values: ArrayLike<number>, probability: number): number {
  const sorted = Array.from(withoutNaN(values)).sort((left, right) => left - right);
  return quantileSorted(sorted, probability) ?? Number.NaN;
}

/** Log of the gamma function (Lanczos approximation, g = 7, n = 9). */
function logGamma(x: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = coefficients[0] as number;
  for (let index = 1; index < 9; index++) series += (coefficients[index] as number) / (shifted + index);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Continued fraction for the regularised incomplete beta function (Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    result *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return result;
}

/**
 * The regularised incomplete beta function I_x(a, b), given x and y = 1 − x each computed on its own, so that neither
 * loses the digits the other keeps (x near 1 keeps few of y's): the continued fraction of I_x(a, b) below the mean,
 * where its value is small and a complement would cancel its digits away, and 1 − I_y(b, a) above it.
 */
function regularisedIncompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * logX + b * logY);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

/**
 * Cumulative distribution function of Student's t with `degreesOfFreedom`: P(T ≤ t), its tail P(T < −|t|) computed
 * directly (not as 1 − the rest), so that a small tail keeps its digits.
 */
export function studentTCumulative(t: number, degreesOfFreedom: number): number {
  const square = t * t;
  // P(|T| > |t|) = I_x(ν/2, ½) with x = ν ÷ (ν + t²), and 1 − x = t² ÷ (ν + t²) taken as such: where t² is small
  // against ν, x rounds towards 1 (to 1 itself when t² ÷ ν is below 1e-16) and 1 − x from it would keep no digits.
  const tail =
    0.5 *
    regularisedIncompleteBeta(
      degreesOfFreedom / (degreesOfFreedom + square),
      square / (degreesOfFreedom + square),
      degreesOfFreedom / 2,
      0.5,
    );
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t distribution, by bisection on its CDF
 * (accurate to about 1e-10). For example `studentTQuantile(0.975, 9)` ≈ 2.262.
 */
export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError('probability must be in (0, 1)');
  // The quantile lies within ±1000 for all but tiny tails and few degrees of freedom; widen the bracket until it holds.
  let low = -1000;
  let high = 1000;
  while (studentTCumulative(low, degreesOfFreedom) > probability && low > -1e300) low *= 10;
  while (studentTCumulative(high, degreesOfFreedom) < probability && high < 1e300) high *= 10;
  // Within ±1000 the bisection stops at 1e-10; beyond, relative to the quantile's size.
  const tolerance = 1e-10 * Math.max(1, -low / 1000, high / 1000);
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (low + high) / 2;
    if (studentTCumulative(middle, degreesOfFreedom) < probability) low = middle;
    else high = middle;
    if (high - low < tolerance) break;
  }
  return (low + high) / 2;
}

/**
 * The |r| that the largest of `count` correlations between unrelated
 * variables, each over `samples` pairs, stays below with probability `level`:
 * each correlation tested as t = r·√(n − 2) ÷ √(1 − r²) with n − 2 degrees of
 * freedom (what Spearman's ρ follows closely too), the family by Šidák's
 * correction, so each at level^(1/count). A correlation above it stands out
 * from what chance gives the strongest of `count`. NaN with fewer than 3
 * samples or no correlations.
 * @example largestChanceCorrelation(1, 10) // ≈ 0.632, the textbook critical r at n = 10
 */
export function largestChanceCorrelation(count: number, samples: number, level = 0.95): number {
  if (!(count >= 1) || !(samples >= 3)) return Number.NaN;
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  const t = studentTQuantile((1 + level ** (1 / count)) / 2, samples - 2);
  return t / Math.sqrt(samples - 2 + t * t);
}

/**
 * The |ρ| that the strongest of the Spearman correlations between each of
 * `columns` and `scores` stays below with probability `level` when the scores
 * bear no relation to the columns: the `level` quantile (type 7) of
 * max over columns of |ρ| across `permutations` random permutations of the
 * scores drawn from `stream` (Westfall and Young's max-T with ρ for T). Unlike
 * {@link largestChanceCorrelation} it holds the family's error rate whatever
 * the ties among the scores (a share that is 1 in most draws) and however the
 * columns depend on each other, up to the Monte Carlo error of the quantile.
 * Each column has one value per score; columns and rows are used as given (so
 * leave out rows with an undefined score first). Scores with too few
 * distinct orders for any column to stand out (fewer than 2 × columns ÷
 * (1 − level), {@link logDistinctOrders}: a score that differs in one draw
 * of sixty has 60) give 1: nothing can be told from chance. The level is raised by
 * 10⁻¹² so that a |ρ| equal to it but computed in other arithmetic (as
 * {@link spearmanCorrelation} does) reads as within it. NaN with fewer than 2
 * rows, constant scores, or no column that varies (two rows whose scores differ have two orders: 1).
 * @example permutationChanceCorrelation([[1, 2, 3, 4, 5, 6]], [2, 1, 4, 3, 6, 5], stream) // ≈ 0.829, the 95th percentile of |ρ| over the orders of 6
 */
export function permutationChanceCorrelation(
  columns: ReadonlyArray<ArrayLike<number>>,
  scores: ArrayLike<number>,
  stream: RandomStream,
  permutations = 2000,
  level = 0.95,
): number {
  const count = scores.length;
  if (count < 2 || !(permutations >= 1)) return Number.NaN;
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  /** Average ranks, centred, and their norm: Pearson's r of two such is a dot product over the norms. */
  const centredRanks = (values: ArrayLike<number>) => {
    const ranks = averageRanks(values);
    const centre = (count + 1) / 2;
    let norm = 0;
    for (let index = 0; index < count; index++) {
      const value = (ranks[index] as number) - centre;
      ranks[index] = value;
      norm += value * value;
    }
    return { ranks, norm: Math.sqrt(norm) };
  };
  const score = centredRanks(scores);
  if (!(score.norm > 0)) return Number.NaN;
  const kept = columns
    .map((column) => {
      if (column.length !== count) throw new RangeError('each column must have one value per score');
      return centredRanks(column);
    })
    .filter((column) => column.norm > 0);
  if (kept.length === 0) return Number.NaN;
  // Too few distinct orders of the scores to tell: no column could stand out from its own shuffles at 1 − level after a
  // Bonferroni bound over the columns (a fact that falls short in one draw of sixty has 60 orders). Then nothing does.
  if (logDistinctOrders(scores) < Math.log((2 * kept.length) / (1 - level))) return 1;
  const shuffled = Float64Array.from(score.ranks);
  const maxima = new Float64Array(permutations);
  for (let permutation = 0; permutation < permutations; permutation++) {
    for (let index = count - 1; index > 0; index--) {
      const other = stream.integer(index + 1);
      const value = shuffled[index] as number;
      shuffled[index] = shuffled[other] as number;
      shuffled[other] = value;
    }
    let strongest = 0;
    for (const column of kept) {
      let dot = 0;
      for (let index = 0; index < count; index++) dot += (column.ranks[index] as number) * (shuffled[index] as number);
      const correlation = Math.abs(dot) / (column.norm * score.norm);
      if (correlation > strongest) strongest = correlation;
    }
    maxima[permutation] = strongest;
  }
  // A |ρ| equal to the level, computed as spearmanCorrelation computes it, may differ in its last bits: it is within.
  return sampleQuantile(maxima, level) + 1e-12;
}

/**
 * The natural logarithm of the number of distinct orders of `values`: n! over
 * the factorial of each value's multiplicity (the multinomial coefficient).
 * @example Math.exp(logDistinctOrders([1, 1, 1, 0.5])) // ≈ 4
 */
export function logDistinctOrders(values: ArrayLike<number>): number {
  const multiplicities = new Map<number, number>();
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    multiplicities.set(value, (multiplicities.get(value) ?? 0) + 1);
  }
  const logFactorial = (n: number) => {
    let total = 0;
    for (let factor = 2; factor <= n; factor++) total += Math.log(factor);
    return total;
  };
  let total = logFactorial(values.length);
  for (const multiplicity of multiplicities.values()) total -= logFactorial(multiplicity);
  return total;
}

/** A mean with its confidence interval. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
  /** Number of values the interval rests on. */
  count: number;
}

/**
 * Mean and two-sided t confidence interval: mean ± t(1 − α/2, n − 1) · s / √n,
 * over the values that are not NaN (n counts those). With fewer than two
 * values no spread is known and there is no interval: low and high are NaN
 * (so no interval can be read as excluding zero).
 * @example meanConfidenceInterval([1]) // { mean: 1, low: NaN, high: NaN, count: 1 }
 */
export function meanConfidenceInterval(given: ArrayLike<number>, level = 0.95): MeanInterval {
  const values = withoutNaN(given);
  const count = values.length;
  const centre = sampleMean(values);
  if (count < 2) return { mean: centre, low: Number.NaN, high: Number.NaN, count };
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, count - 1) * sampleStandardDeviation(values)) / Math.sqrt(count);
  return { mean: centre, low: centre - halfWidth, high: centre + halfWidth, count };
}

/**
 * Two-sided p-value of the one-sample t test that the mean of `given` is 0,
 * over the values that are not NaN (n of them): P(|T| ≥ |t|) with
 * t = mean ÷ (s ÷ √n) and T Student's t with n − 1 degrees of freedom — the
 * test whose 95% interval is {@link meanConfidenceInterval}'s (p < 0.05
 * exactly when that interval excludes 0). Without spread (s = 0) it is 1 when
 * every value is 0 and 0 otherwise, as that interval shrinks to the mean;
 * NaN with fewer than two values. From {@link studentTCumulative}, within
 * about 1e−8 of its value relative down to 1e−300 (against SciPy, on a grid
 * of t from 0 to 60 and 1 to 10⁶ degrees of freedom).
 * @throws TypeError when `given` is not a list of numbers
 * @example tTestPValue([1, 2, 3]) // t = 2 ÷ (1 ÷ √3) = 3.46 on 2 degrees of freedom: 0.0742
 */
export function tTestPValue(given: ArrayLike<number>): number {
  if (
    given === null ||
    typeof given !== 'object' ||
    typeof given.length !== 'number' ||
    Array.prototype.some.call(given, (value: unknown) => typeof value !== 'number')
  )
    throw new TypeError('values must be a list (or typed array) of numbers');
  const values = withoutNaN(given);
  const count = values.length;
  if (count < 2) return Number.NaN;
  const centre = sampleMean(values);
  const spread = sampleStandardDeviation(values);
  if (spread === 0) return centre === 0 ? 1 : 0;
  const t = Math.abs(centre) / (spread / Math.sqrt(count));
  return Math.min(1, 2 * studentTCumulative(-t, count - 1));
}

/**
 * Holm's (1979) step-down adjustment of a family of p-values, which keeps the
 * chance of any false rejection in the family at most α when each adjusted
 * p-value is compared with α: the i-th smallest of the m p-values becomes
 * max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎). NaN p-values (tests that could
 * not be made) stay NaN and are not counted in m. Returned in the given order.
 * @throws TypeError when `pValues` is not a list of numbers; RangeError when one is outside [0, 1] (NaN aside)
 * @example holmAdjusted([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjusted(pValues: readonly number[]): number[] {
  if (!Array.isArray(pValues) || pValues.some((value) => typeof value !== 'number'))
    throw new TypeError('p-values must be a list of numbers (NaN where there is no test)');
  const outside = pValues.find((value) => value < 0 || value > 1);
  if (outside !== undefined) throw new RangeError(`p-values must be in [0, 1], got ${outside}`);
  const order = pValues
    .map((value, index) => [value, index] as const)
    .filter(([value]) => !Number.isNaN(value))
    .sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach(([value, index], rank) => {
    running = Math.max(running, Math.min(1, (order.length - rank) * value));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Paired difference b − a with its t interval: the replicates of a and b share
 * seeds (common random numbers), so the interval rests on the per-seed
 * differences, not on two independent samples.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): MeanInterval {
  if (a.length !== b.length) throw new RangeError('paired samples must have equal length');
  const differences = new Float64Array(a.length);
  for (let index = 0; index < a.length; index++) differences[index] = (b[index] as number) - (a[index] as number);
  return meanConfidenceInterval(differences, level);
}

/** Ranks from 1, ties given their average rank; a NaN value has rank NaN and the others are ranked among themselves. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, index) => index)
    .filter((index) => !Number.isNaN(values[index]))
    .sort((left, right) => (values[left] as number) - (values[right] as number));
  const ranks = new Float64Array(values.length).fill(Number.NaN);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end++;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) ranks[order[position] as number] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Pearson correlation; NaN when either side has no variance. */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const count = x.length;
  if (count !== y.length) throw new RangeError('samples must have equal length');
  if (count < 2) return Number.NaN;
  const meanX = sampleMean(x);
  const meanY = sampleMean(y);
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

/** Spearman's rank correlation: Pearson correlation of average ranks; NaN when a value is NaN, as Pearson's is. */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearsonCorrelation(averageRanks(x), averageRanks(y));
}

/**
 * Indices of the `k` largest values, largest first; ties go to the lower
 * index, and NaN values come after every number.
 * @example indicesOfLargest([3, 9, 1, 9], 2) // [1, 3]
 */
export function indicesOfLargest(values: ArrayLike<number>, k: number): number[] {
  const key = (index: number) => {
    const value = values[index] as number;
    return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
  };
  return Array.from({ length: values.length }, (_, index) => index)
    .sort((left, right) => {
      const nanLeft = Number.isNaN(values[left]);
      const nanRight = Number.isNaN(values[right]);
      if (nanLeft !== nanRight) return nanLeft ? 1 : -1;
      return key(right) - key(left) || left - right;
    })
    .slice(0, Math.max(0, k));
}

/** A share with its confidence interval. */
export interface ShareInterval {
  share: number;
  low: number;
  high: number;
  count: number;
}

/**
 * Wilson score interval for a binomial share: successes out of count, at the
 * normal quantile z (1.959964 for 95%).
 * @example wilsonInterval(9, 10) // share 0.9, low ≈ 0.596, high ≈ 0.982
 */
export function wilsonInterval(successes: number, count: number, z = 1.959964): ShareInterval {
  if (count === 0) return { share: Number.NaN, low: Number.NaN, high: Number.NaN, count };
  const share = successes / count;
  const denominator = 1 + (z * z) / count;
  const centre = (share + (z * z) / (2 * count)) / denominator;
  const halfWidth = (z * Math.sqrt((share * (1 - share)) / count + (z * z) / (4 * count * count))) / denominator;
  // With every trial a success the upper bound is exactly 1 (and with none the lower exactly 0): the arithmetic would
  // leave it a hair short (0.9999999999999999 for 200 of 200).
  return {
    share,
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === count ? 1 : Math.min(1, centre + halfWidth),
    count,
  };
}

/**
 * Difference of two independent shares a − b with Newcombe's hybrid score
 * interval (his method 10), built from the two Wilson intervals.
 */
export function shareDifference(a: ShareInterval, b: ShareInterval): MeanInterval {
  const difference = a.share - b.share;
  return {
    mean: difference,
    low: difference - Math.sqrt((a.share - a.low) ** 2 + (b.high - b.share) ** 2),
    high: difference + Math.sqrt((a.high - a.share) ** 2 + (b.share - b.low) ** 2),
    count: a.count + b.count,
  };
}

/** Two yes/no outcomes observed on the same units: how many units had both, the first only, the second only, neither. */
export interface PairedOutcomes {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

/**
 * Difference p₁ − p₂ of two shares observed on the same units (paired: each
 * unit, a replicate say, gives both outcomes), with Newcombe's square-and-add
 * interval for paired data (Newcombe 1998, Statistics in Medicine 17:2635,
 * his method 10): the Wilson intervals (l, u) of the two shares, combined with
 * the correlation φ of the paired outcomes, corrected for continuity:
 *
 *   A = both · neither − firstOnly · secondOnly, n = the units
 *   φ = (A − n/2) ÷ √(r₁ r₂ c₁ c₂) if A > n/2; 0 if 0 ≤ A ≤ n/2; A ÷ √(r₁ r₂ c₁ c₂) if A < 0
 *   (r, c: the margins; φ = 0 when a margin is 0)
 *   low  = d − √((p₁ − l₁)² + (u₂ − p₂)² − 2φ (p₁ − l₁)(u₂ − p₂))
 *   high = d + √((p₂ − l₂)² + (u₁ − p₁)² − 2φ (p₂ − l₂)(u₁ − p₁))
 *
 * With φ = 0 it is the interval for independent shares ({@link shareDifference});
 * outcomes that go together (φ > 0) narrow it. NaN with no units.
 * @example pairedShareDifference({ both: 2, firstOnly: 4, secondOnly: 0, neither: 24 }) // mean 0.133, low ≈ −0.012, high ≈ 0.295
 */
export function pairedShareDifference(outcomes: PairedOutcomes, z = 1.959964): MeanInterval {
  const { both, firstOnly, secondOnly, neither } = outcomes;
  const count = both + firstOnly + secondOnly + neither;
  const first = wilsonInterval(both + firstOnly, count, z);
  const second = wilsonInterval(both + secondOnly, count, z);
  const difference = first.share - second.share;
  if (count === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, count };
  const margins = (both + firstOnly) * (secondOnly + neither) * (both + secondOnly) * (firstOnly + neither);
  const association = both * neither - firstOnly * secondOnly;
  const correlation =
    margins === 0
      ? 0
      : association > count / 2
        ? (association - count / 2) / Math.sqrt(margins)
        : association >= 0
          ? 0
          : association / Math.sqrt(margins);
  const firstBelow = first.share - first.low;
  const firstAbove = first.high - first.share;
  const secondBelow = second.share - second.low;
  const secondAbove = second.high - second.share;
  return {
    mean: difference,
    low: difference - Math.sqrt(firstBelow ** 2 + secondAbove ** 2 - 2 * correlation * firstBelow * secondAbove),
    high: difference + Math.sqrt(secondBelow ** 2 + firstAbove ** 2 - 2 * correlation * secondBelow * firstAbove),
    count,
  };
}

/**
 * Percentile bootstrap interval of a statistic of one sample: the statistic
 * of `resamples` resamples with replacement, drawn from `random` (a uniform
 * source on [0, 1)), and their (1 − level)/2 and (1 + level)/2 quantiles.
 * With fewer than two values there is nothing to resample: the estimate is
 * given with NaN bounds, as {@link meanConfidenceInterval} gives them, not
 * an interval of no width.
 */
export function bootstrapInterval(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  random: () => number,
  resamples = 2000,
  level = 0.95,
): MeanInterval {
  const count = values.length;
  const estimate = statistic(Float64Array.from(values));
  if (count < 2) return { mean: estimate, low: Number.NaN, high: Number.NaN, count };
  const sample = new Float64Array(count);
  const statistics = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample++) {
    for (let index = 0; index < count; index++) sample[index] = values[Math.floor(random() * count)] as number;
    statistics[resample] = statistic(sample);
  }
  return {
    mean: estimate,
    low: sampleQuantile(statistics, (1 - level) / 2),
    high: sampleQuantile(statistics, (1 + level) / 2),
    count,
  };
}

/**
 * Hedges' g: the standardised mean difference (b − a) ÷ pooled SD, times the
 * small-sample correction J = 1 − 3 / (4 (n_a + n_b) − 9).
 * @example hedgesG([1, 2, 3], [3, 4, 5]) // 2 × (1 − 3/15) = 1.6
 */
export function hedgesG(givenA: ArrayLike<number>, givenB: ArrayLike<number>): number {
  const a = withoutNaN(givenA);
  const b = withoutNaN(givenB);
  const na = a.length;
  const nb = b.length;
  if (na < 2 || nb < 2) return Number.NaN;
  const sa = sampleStandardDeviation(a);
  const sb = sampleStandardDeviation(b);
  const pooled = Math.sqrt(((na - 1) * sa * sa + (nb - 1) * sb * sb) / (na + nb - 2));
  if (pooled === 0) return Number.NaN;
  return ((sampleMean(b) - sampleMean(a)) / pooled) * (1 - 3 / (4 * (na + nb) - 9));
}

/**
 * Cliff's delta: P(b > a) − P(b < a) over all pairs of one value from each
 * sample; in [−1, 1], 0 when neither tends to be larger.
 * @example cliffsDelta([1, 2], [2, 3]) // (3 − 0) / 4 = 0.75
 */
export function cliffsDelta(givenA: ArrayLike<number>, givenB: ArrayLike<number>): number {
  const a = withoutNaN(givenA);
  const b = withoutNaN(givenB);
  if (a.length === 0 || b.length === 0) return Number.NaN;
  let greater = 0;
  let less = 0;
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < a.length; j++) {
      if ((b[i] as number) > (a[j] as number)) greater++;
      else if ((b[i] as number) < (a[j] as number)) less++;
    }
  }
  return (greater - less) / (a.length * b.length);
}
