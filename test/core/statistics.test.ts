import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  cliffsDelta,
  createRandomSource,
  hedgesG,
  holmAdjusted,
  indicesOfLargest,
  largestChanceCorrelation,
  logDistinctOrders,
  meanConfidenceInterval,
  pairedDifference,
  pearsonCorrelation,
  permutationChanceCorrelation,
  sampleQuantile,
  spearmanCorrelation,
  studentTCumulative,
  studentTQuantile,
  tTestPValue,
} from '../../src/core/index.js';

describe('permutationChanceCorrelation', () => {
  it('gives the 95th percentile of |ρ| over the orders of the scores: 0.829 at n = 6 (exact tables: 0.829, α 0.10 two-sided)', () => {
    const level = permutationChanceCorrelation([[1, 2, 3, 4, 5, 6]], [2, 1, 4, 3, 6, 5], createRandomSource(1).stream('p'), 4000);
    expect(level).toBeCloseTo(29 / 35, 10);
  });

  it('tells nothing from a score that differs in one draw of sixty, and is low where it differs in three', () => {
    const random = createRandomSource(2).stream('data');
    const columns = Array.from({ length: 75 }, () => Array.from({ length: 60 }, () => random.next()));
    // One failing draw: 60 orders, too few for any of 75 columns to stand out (3,000 needed), whatever its ρ.
    const once = Array.from({ length: 60 }, (_, index) => (index === 7 ? 0.5 : 1));
    expect(Math.exp(logDistinctOrders(once))).toBeCloseTo(60, 6);
    expect(permutationChanceCorrelation(columns, once, createRandomSource(2).stream('p'))).toBe(1);
    // Three: 34,220 orders; the level is far below the t approximation's, which ignores the ties.
    const thrice = Array.from({ length: 60 }, (_, index) => (index % 20 === 7 ? 0.5 : 1));
    expect(Math.exp(logDistinctOrders(thrice))).toBeCloseTo(34_220, 3);
    const level = permutationChanceCorrelation(columns, thrice, createRandomSource(2).stream('p'));
    expect(level).toBeLessThan(0.4);
    expect(largestChanceCorrelation(75, 60)).toBeGreaterThan(0.42);
  });

  it('holds the family-wise rate near 5% for unrelated columns (400 data sets of 10 columns × 20 draws)', () => {
    const random = createRandomSource(3).stream('data');
    const permutations = createRandomSource(3).stream('p');
    let exceeded = 0;
    for (let set = 0; set < 400; set++) {
      const columns = Array.from({ length: 10 }, () => Array.from({ length: 20 }, () => random.next()));
      // Tied scores, as facts' shares are: five levels.
      const scores = Array.from({ length: 20 }, () => Math.floor(random.next() * 5));
      const level = permutationChanceCorrelation(columns, scores, permutations, 400);
      const strongest = Math.max(...columns.map((column) => Math.abs(spearmanCorrelation(column, scores))));
      if (strongest > level) exceeded++;
    }
    // Binomial: 20 of 400 expected, SD 4.4.
    expect(exceeded).toBeGreaterThanOrEqual(8);
    expect(exceeded).toBeLessThanOrEqual(32);
  });

  it('is NaN with fewer than 2 rows, constant scores or no column that varies, and 1 with two rows', () => {
    const stream = createRandomSource(4).stream('p');
    expect(permutationChanceCorrelation([[1]], [1], stream)).toBeNaN();
    // Two draws whose scores differ: |ρ| is 1 for any column that varies, and two orders can tell nothing.
    expect(permutationChanceCorrelation([[1, 2]], [1, 2], stream)).toBe(1);
    expect(permutationChanceCorrelation([[1, 2, 3]], [1, 1, 1], stream)).toBeNaN();
    expect(permutationChanceCorrelation([[5, 5, 5]], [1, 2, 3], stream)).toBeNaN();
    expect(() => permutationChanceCorrelation([[1, 2]], [1, 2, 3], stream)).toThrow(RangeError);
  });
});

describe('largestChanceCorrelation', () => {
  it('gives the textbook critical r for one correlation (two-sided, 5%)', () => {
    expect(largestChanceCorrelation(1, 10)).toBeCloseTo(0.6319, 4);
    expect(largestChanceCorrelation(1, 30)).toBeCloseTo(0.361, 3);
    expect(largestChanceCorrelation(1, 2)).toBeNaN();
    expect(largestChanceCorrelation(0, 30)).toBeNaN();
  });

  it('is exceeded by the strongest of several unrelated rank correlations about one time in twenty', () => {
    const stream = createRandomSource(7).stream('chance');
    const [variables, samples, trials] = [5, 20, 4000];
    const bound = largestChanceCorrelation(variables, samples);
    let exceeded = 0;
    for (let trial = 0; trial < trials; trial++) {
      const score = Array.from({ length: samples }, () => stream.next());
      let largest = 0;
      for (let variable = 0; variable < variables; variable++) {
        const values = Array.from({ length: samples }, () => stream.next());
        largest = Math.max(largest, Math.abs(spearmanCorrelation(values, score)));
      }
      if (largest > bound) exceeded++;
    }
    // 5% of 4000 is 200 with a binomial standard deviation of about 14.
    expect(exceeded).toBeGreaterThan(150);
    expect(exceeded).toBeLessThan(250);
  });
});

describe('studentTQuantile', () => {
  it('matches published t tables (R: qt(p, df))', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
    expect(studentTQuantile(0.975, 49)).toBeCloseTo(2.009575, 5);
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313752, 4);
    expect(studentTQuantile(0.5, 5)).toBeCloseTo(0, 6);
  });
});

describe('meanConfidenceInterval and pairedDifference', () => {
  it('computes mean ± t·s/√n by hand', () => {
    // values 1..5: mean 3, s = √2.5, t(0.975, 4) = 2.776445
    const interval = meanConfidenceInterval([1, 2, 3, 4, 5]);
    const halfWidth = (2.776445 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(interval.mean).toBe(3);
    expect(interval.low).toBeCloseTo(3 - halfWidth, 5);
    expect(interval.high).toBeCloseTo(3 + halfWidth, 5);
  });

  it('rests a paired interval on the per-pair differences', () => {
    // Differences are all exactly 1: zero spread, interval collapses on 1.
    const paired = pairedDifference([1, 5, 9], [2, 6, 10]);
    expect(paired).toEqual({ mean: 1, low: 1, high: 1, count: 3 });
    expect(() => pairedDifference([1], [1, 2])).toThrow(RangeError);
  });

  it('gives no interval for fewer than two values: one pair cannot show a difference is not zero', () => {
    expect(meanConfidenceInterval([0.2])).toEqual({ mean: 0.2, low: Number.NaN, high: Number.NaN, count: 1 });
    expect(pairedDifference([1], [3])).toEqual({ mean: 2, low: Number.NaN, high: Number.NaN, count: 1 });
    expect(meanConfidenceInterval([])).toMatchObject({ low: Number.NaN, high: Number.NaN, count: 0 });
  });
});

describe('ranks and correlation', () => {
  it('gives ties their average rank', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });

  it('computes Spearman correlation (hand example: d² = 2, n = 5 → 1 − 6·2/(5·24) = 0.9)', () => {
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])).toBeCloseTo(0.9, 12);
    expect(spearmanCorrelation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(Number.isNaN(spearmanCorrelation([1, 1, 1], [1, 2, 3]))).toBe(true);
  });

  it('computes type-7 quantiles and the indices of the largest values', () => {
    expect(sampleQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(sampleQuantile([10, 20], 0.9)).toBeCloseTo(19, 12);
    expect(indicesOfLargest([3, 9, 1, 9], 2)).toEqual([1, 3]);
  });
});

describe('effect sizes and the bootstrap', () => {
  it('computes Hedges g and Cliff delta by hand', async () => {
    const { cliffsDelta, hedgesG, bootstrapInterval, wilsonInterval, shareDifference } = await import('../../src/core/index.js');
    // Means 2 and 4, both SDs 1: d = 2, J = 1 − 3 / (4 · 6 − 9) = 0.8.
    expect(hedgesG([1, 2, 3], [3, 4, 5])).toBeCloseTo(1.6, 12);
    // Pairs (b, a): (2,1) >, (2,2) =, (3,1) >, (3,2) > → (3 − 0) / 4.
    expect(cliffsDelta([1, 2], [2, 3])).toBe(0.75);
    let state = 1;
    const random = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    const interval = bootstrapInterval(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      (sample) => sample.reduce((a, b) => a + b, 0) / sample.length,
      random,
      4000,
    );
    expect(interval.mean).toBe(5.5);
    expect(interval.low).toBeGreaterThan(3.5);
    expect(interval.low).toBeLessThan(4.5);
    expect(interval.high).toBeGreaterThan(6.5);
    expect(interval.high).toBeLessThan(7.5);
    // One value has nothing to resample: no interval, rather than one of no width.
    const single = bootstrapInterval([5], (sample) => sample[0] as number, random);
    expect(single.mean).toBe(5);
    expect(single.low).toBeNaN();
    expect(single.high).toBeNaN();
    // Wilson: 9 of 10 → [0.596, 0.982] (published tables).
    const wilson = wilsonInterval(9, 10);
    expect(wilson.low).toBeCloseTo(0.5958, 3);
    expect(wilson.high).toBeCloseTo(0.9821, 3);
    expect(shareDifference(wilson, wilsonInterval(1, 10)).low).toBeGreaterThan(0);
    // All or none: the bound at that edge is the edge itself, not a hair short of it (200 of 200 gave 0.9999999999999999).
    expect(wilsonInterval(200, 200).high).toBe(1);
    expect(wilsonInterval(200, 200).low).toBeCloseTo(0.9812, 4);
    expect(wilsonInterval(0, 200).low).toBe(0);
    expect(wilsonInterval(0, 200).high).toBeCloseTo(0.0188, 4);
  });
});

describe('the difference of two shares on the same units', () => {
  it('is Newcombe’s paired square-and-add interval: reference tables, the independent interval at φ = 0, narrower when outcomes go together', async () => {
    const { pairedShareDifference, shareDifference, wilsonInterval } = await import('../../src/core/index.js');
    // Cavo et al. (2012), an example of the paired 2×2 table (59, 6, 16, 80); the interval computed apart from this
    // code, from the method's published formulas: −0.0621 (−0.1186 to −0.0046), φ = 0.716.
    const cavo = pairedShareDifference({ both: 59, firstOnly: 6, secondOnly: 16, neither: 80 });
    expect(cavo.mean).toBeCloseTo(-0.0621, 4);
    expect(cavo.low).toBeCloseTo(-0.1186, 4);
    expect(cavo.high).toBeCloseTo(-0.0046, 4);
    // Bentur et al. (2009), (1, 1, 7, 12): A = 12 − 7 = 5 ≤ n/2, so φ = 0 and it is the independent interval.
    const bentur = pairedShareDifference({ both: 1, firstOnly: 1, secondOnly: 7, neither: 12 });
    const independent = shareDifference(wilsonInterval(2, 21), wilsonInterval(8, 21));
    expect(bentur.low).toBeCloseTo(independent.low, 12);
    expect(bentur.high).toBeCloseTo(independent.high, 12);
    expect(bentur.low).toBeCloseTo(-0.5069, 4);
    // Events that go together (2 both, 4 first only, none second only, 24 neither): narrower than if independent.
    const together = pairedShareDifference({ both: 2, firstOnly: 4, secondOnly: 0, neither: 24 });
    const apart = shareDifference(wilsonInterval(6, 30), wilsonInterval(2, 30));
    expect(together.mean).toBeCloseTo(apart.mean, 12);
    expect(together.low).toBeCloseTo(-0.0122, 4);
    expect(together.high).toBeCloseTo(0.295, 3);
    expect(together.high - together.low).toBeLessThan(apart.high - apart.low);
    // No units: nothing to say.
    expect(pairedShareDifference({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 }).low).toBeNaN();
  });
});

describe('NaN, an undefined measure, in a sample', () => {
  it('is left out of means, spreads, quantiles, intervals and effect sizes, and counted out', () => {
    // On the three finite values: mean 8/3, s = 1.528, t(0.975, 2) = 4.3027.
    const interval = meanConfidenceInterval([1, Number.NaN, 3, 4]);
    expect(interval.count).toBe(3);
    expect(interval.low).toBeCloseTo(-1.1279, 4);
    expect(interval.high).toBeCloseTo(6.4612, 4);
    expect(sampleQuantile([1, Number.NaN, 3], 0.5)).toBe(2);
    expect(sampleQuantile([1, Number.NaN, 3], 0)).toBe(1);
    expect(hedgesG([1, 2, Number.NaN], [3, 4, 5])).toBe(hedgesG([1, 2], [3, 4, 5]));
    expect(cliffsDelta([1, Number.NaN], [2])).toBe(1);
  });

  it('gets no rank, and makes a rank correlation NaN as it makes Pearson’s; it comes last among the largest', () => {
    expect(Array.from(averageRanks([3, Number.NaN, 1, 2]))).toEqual([3, Number.NaN, 1, 2]);
    expect(spearmanCorrelation([1, Number.NaN, 3, 4], [1, 2, 3, 4])).toBeNaN();
    expect(pearsonCorrelation([1, Number.NaN, 3, 4], [1, 2, 3, 4])).toBeNaN();
    expect(indicesOfLargest([3, Number.NaN, 1, 9], 4)).toEqual([3, 0, 2, 1]);
  });
});

describe('studentTQuantile in the far tails', () => {
  it('finds quantiles beyond ±1000 (scipy: t(0.99995, 1) = 6366.198, t(0.999999, 1) = 318309.9, t(0.9999999, 2) = 2236.068)', () => {
    expect(studentTQuantile(0.99995, 1)).toBeCloseTo(6366.198, 2);
    expect(studentTQuantile(0.999999, 1) / 318309.886).toBeCloseTo(1, 6);
    expect(studentTQuantile(0.9999999, 2)).toBeCloseTo(2236.068, 2);
    expect(studentTQuantile(0.00005, 1)).toBeCloseTo(-6366.198, 2);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776445, 6);
  });
});

describe('studentTCumulative and studentTQuantile near the centre', () => {
  it('keep their precision where t² is small against the degrees of freedom (scipy: t.cdf(1e-7, 1e4) − ½ = 3.98932e-8, t.ppf(0.500001, 1e4) = 2.50669e-6)', () => {
    // df ÷ (df + t²) rounds to 1 there, so the tail must come from t² ÷ (df + t²), which keeps every digit.
    expect((studentTCumulative(1e-7, 1e4) - 0.5) / 3.9893230718845984e-8).toBeCloseTo(1, 6);
    expect((studentTCumulative(1e-3, 1e6) - 0.5) / 3.989421141754601e-4).toBeCloseTo(1, 6);
    expect(studentTCumulative(0.3, 3)).toBeCloseTo(0.6081183539800405, 12);
    expect(Math.abs(studentTQuantile(0.5, 1e4))).toBeLessThan(1e-10);
    expect(studentTQuantile(0.500001, 1e4)).toBeCloseTo(2.5066909411957973e-6, 10);
    expect(studentTQuantile(0.6, 1e5)).toBeCloseTo(0.25334777715718015, 9);
  });

  it('keep the digits of a small tail where t² is still below the degrees of freedom (scipy: 2 t.cdf(−7, 1e5) = 2.5756557e-12)', () => {
    // Taken as 1 − (the rest), these tails kept about five digits (2.5756064e-12 for the first).
    for (const [t, degrees, expected] of [
      [-7, 1e5, 2.5756556678e-12],
      [-7, 1e4, 2.7240315607e-12],
      [-8, 100, 2.2728648077e-12],
      [-30, 1e6, 1.2020094234e-197],
    ] as const)
      expect((2 * studentTCumulative(t, degrees)) / expected, `t ${t}, ${degrees} degrees of freedom`).toBeCloseTo(1, 8);
  });
});

describe('the t test of no difference and Holm’s adjustment', () => {
  it('gives the two-sided p-values of a one-sample t test (scipy.stats.ttest_1samp’s, to 12 digits)', () => {
    expect(tTestPValue([1, 2, 3])).toBeCloseTo(0.07417990022744854, 12);
    expect(tTestPValue([0.3, -0.1, 0.25, 0.4, 0.05, 0.12])).toBeCloseTo(0.07105983005896115, 12);
    expect(tTestPValue([-2.5, -1, -3.2, -0.4, Number.NaN])).toBeCloseTo(0.07152748571791141, 12);
  });

  it('is below 0.05 exactly when the 95% interval excludes zero', () => {
    const stream = createRandomSource(3).stream('t');
    for (let sample = 0; sample < 200; sample++) {
      const values = Array.from({ length: 2 + (sample % 9) }, () => stream.normal() + 0.6);
      const { low, high } = meanConfidenceInterval(values);
      expect(tTestPValue(values) < 0.05).toBe(low > 0 || high < 0);
    }
  });

  it('is 1 or 0 without spread, and NaN with fewer than two values', () => {
    expect(tTestPValue([0, 0, 0])).toBe(1);
    expect(tTestPValue([0.5, 0.5])).toBe(0);
    expect(tTestPValue([1])).toBeNaN();
    expect(tTestPValue([])).toBeNaN();
  });

  it('adjusts a family step-down, keeping the order and leaving NaN out of the count', () => {
    // Sorted 0.01, 0.03, 0.04: 3 × 0.01, max(0.03, 2 × 0.03), max(0.06, 1 × 0.04).
    expect(holmAdjusted([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    // Two tests counted: 2 × 0.01, then 0.5.
    expect(holmAdjusted([0.01, Number.NaN, 0.5])).toEqual([0.02, Number.NaN, 0.5]);
    expect(holmAdjusted([0.4, 0.6])).toEqual([0.8, 0.8]);
    expect(holmAdjusted([])).toEqual([]);
  });

  it('refuse what is not a list of numbers, and p-values outside [0, 1]', () => {
    expect(() => holmAdjusted(null as never)).toThrow(
      new TypeError('p-values must be a list of numbers (NaN where there is no test)'),
    );
    expect(() => holmAdjusted(['a', 0.1] as never)).toThrow(TypeError);
    expect(() => holmAdjusted([-1, 0.5])).toThrow(new RangeError('p-values must be in [0, 1], got -1'));
    expect(() => tTestPValue(null as never)).toThrow(new TypeError('values must be a list (or typed array) of numbers'));
    expect(() => tTestPValue('abc' as never)).toThrow(TypeError);
    expect(tTestPValue(Float64Array.from([1, 2, 3]))).toBeCloseTo(0.07417990022744854, 12);
  });
});
