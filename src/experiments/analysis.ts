/**
 * Analysing a sweep's runs: summaries per point and variant with quantiles;
 * paired differences between variants (they share seeds) with t intervals,
 * Hedges' g and Cliff's delta; the interaction of a 2 × 2
 * factorial; Morris and Sobol indices for sensitivity designs; and, in
 * precision mode, how many replicates each point needed.
 */
import {
  cliffsDelta,
  hedgesG,
  type MeanInterval,
  meanConfidenceInterval,
  type RandomStream,
  sampleMean,
  sampleQuantile,
  sampleStandardDeviation,
} from '../core/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { givenValue } from '../simulation/index.js';
import type { Point } from './designs.js';
import type { Contrast } from './experiment.js';
import type { SweepPlan } from './plan.js';
import { type MorrisIndex, morrisIndices, type SobolIndex, sobolResult } from './sensitivity.js';

/** Metric values of one point under one variant, by metric, in replicate order. */
export type GroupValues = Map<string, number[]>;

/** All runs of a sweep grouped: point → variant → metric → values. */
export type SweepValues = Map<number, Map<string, GroupValues>>;

/** Summary of one metric over the replicates of one point under one variant (finite values only). */
export interface GroupSummary {
  /** Index of the design point (0-based, in `SweepPlan.design.points` order). */
  point: number;
  /** Label of the variant. */
  variant: string;
  metric: string;
  /** Finite values summarised (replicates where the metric is defined). */
  count: number;
  mean: number;
  /** Sample standard deviation. */
  sd: number;
  /** The 5% quantile; `p25`, `median`, `p75` and `p95` likewise. */
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  /** Half-width of the 95% t interval of the mean. */
  halfWidth: number;
}

/** The paired difference of one metric between two variants at one point, over the replicates where both are finite. */
export interface PairedComparison {
  /** Index of the design point (0-based). */
  point: number;
  metric: string;
  /** Label of the variant subtracted (the first of the variants compared). */
  from: string;
  /** Label of the variant it is subtracted from. */
  to: string;
  /** Replicates where both variants' values are finite (the pairs). */
  count: number;
  /**
   * Mean paired difference to − from, with its 95% t interval over the
   * replicates (as `compare` and `reproduce` give it; a percentile bootstrap
   * covers far less than 95% at the few replicates sweeps use).
   */
  difference: MeanInterval;
  /**
   * Hedges' g of the two variants' values (at the `count` replicates where both are finite, as `difference`;
   * NaN with fewer than two such replicates or when both are constant there): the mean difference over the
   * pooled SD of the values themselves, not over the SD of the paired
   * differences. Common random numbers correlate the pairs and so shrink the
   * SD of the differences; standardising by the values' spread keeps g
   * comparable with a study that ran the variants apart (Lakens's d_s, the
   * root mean square of the two SDs at equal counts, not his d_av, their plain
   * mean; with the unpaired small-sample correction). The pairing is in
   * `difference`.
   */
  hedgesG: number;
  /**
   * Cliff's delta over every pair of one value from each variant, of the values at the `count` replicates where
   * both are finite (the pairing left aside): P(to > from) − P(to < from) for values drawn apart.
   */
  cliffsDelta: number;
}

/** The interaction of the two factors of a 2 × 2 factorial design on one metric, for one variant. */
export interface Interaction {
  metric: string;
  /** The variant the four cells are of. */
  variant: string;
  /** The two factors' paths. */
  factors: [string, string];
  /** The two values of each factor, in the order the design first gives them. */
  levels: [[unknown, unknown], [unknown, unknown]];
  /** Mean of each cell, [first factor level][second factor level], over the replicates where the metric is defined in that cell. */
  cells: number[][];
  /** Each factor's main effect: the mean of its second-level cells minus the mean of its first-level cells. */
  mainEffects: [number, number];
  /**
   * (y11 − y10) − (y01 − y00), with its 95% t interval over paired replicates: those where the metric is defined in
   * all four cells (`count` of them). Where it is undefined in some replicates, or the cells have different replicates
   * (precision mode), it is not the same contrast of the `cells` means, which rest on each cell's own replicates.
   */
  interaction: MeanInterval;
}

const finite = (values: readonly number[]) => values.filter((value) => Number.isFinite(value));

/** Per point, variant and metric of a sweep: the count of finite values, their mean, SD, quantiles (5, 25, 50, 75, 95%) and the half-width of the mean's 95% t interval. */
export function summariseGroups(values: SweepValues): GroupSummary[] {
  const summaries: GroupSummary[] = [];
  for (const [point, variants] of values) {
    for (const [variant, metrics] of variants) {
      for (const [metric, raw] of metrics) {
        const list = finite(raw);
        const interval = meanConfidenceInterval(list);
        summaries.push({
          point,
          variant,
          metric,
          count: list.length,
          mean: sampleMean(list),
          sd: sampleStandardDeviation(list),
          p5: sampleQuantile(list, 0.05),
          p25: sampleQuantile(list, 0.25),
          median: sampleQuantile(list, 0.5),
          p75: sampleQuantile(list, 0.75),
          p95: sampleQuantile(list, 0.95),
          halfWidth: (interval.high - interval.low) / 2,
        });
      }
    }
  }
  return summaries;
}

/**
 * Paired differences per point and metric (pairs where both are defined): `to − from` for each of `contrasts` when
 * given (an experiment's declared ones), else from the first variant to each other.
 */
export function pairedComparisons(
  values: SweepValues,
  variants: readonly string[],
  contrasts?: readonly Contrast[],
): PairedComparison[] {
  const [first, ...others] = variants;
  const pairs = contrasts ?? (first === undefined ? [] : others.map((to) => ({ from: first, to })));
  const comparisons: PairedComparison[] = [];
  for (const [point, byVariant] of values) {
    for (const { from, to } of pairs) {
      const base = byVariant.get(from);
      const other = byVariant.get(to);
      if (base === undefined || other === undefined) continue;
      for (const [metric, fromValues] of base) {
        const toValues = other.get(metric) ?? [];
        const a: number[] = [];
        const b: number[] = [];
        fromValues.forEach((value, index) => {
          const paired = toValues[index] as number;
          if (Number.isFinite(value) && Number.isFinite(paired)) {
            a.push(value);
            b.push(paired);
          }
        });
        const differences = b.map((value, index) => value - (a[index] as number));
        comparisons.push({
          point,
          metric,
          from,
          to,
          count: differences.length,
          difference: meanConfidenceInterval(differences),
          hedgesG: hedgesG(a, b),
          cliffsDelta: cliffsDelta(a, b),
        });
      }
    }
  }
  return comparisons;
}

/** The interaction of a 2 × 2 factorial (two factors of two levels each; any others held at one level), per metric, for one variant. */
export function factorialInteractions(plan: SweepPlan, values: SweepValues, variant: string): Interaction[] {
  if (plan.experiment.design.type !== 'factorial') return [];
  const levelsOf = (factor: string) => [...new Set(plan.design.points.map((point) => point[factor]))];
  // A factor held at one level is a setting, not a factor of the design: 2 × 2 × 1 is a 2 × 2.
  const varied = plan.factors.filter((factor) => levelsOf(factor).length > 1);
  if (varied.length !== 2) return [];
  const [first, second] = varied as [string, string];
  const firstLevels = levelsOf(first);
  const secondLevels = levelsOf(second);
  if (firstLevels.length !== 2 || secondLevels.length !== 2) return [];
  const pointOf = (i: number, j: number) =>
    plan.design.points.findIndex((point: Point) => point[first] === firstLevels[i] && point[second] === secondLevels[j]);
  const cellValues = (metric: string, i: number, j: number) => values.get(pointOf(i, j))?.get(variant)?.get(metric) ?? [];
  return plan.experiment.metrics.map((metric) => {
    const [y00, y01, y10, y11] = [
      cellValues(metric, 0, 0),
      cellValues(metric, 0, 1),
      cellValues(metric, 1, 0),
      cellValues(metric, 1, 1),
    ];
    const count = Math.min(y00.length, y01.length, y10.length, y11.length);
    // The four cells of replicate r share a world (and seed) when the factors are mechanisms, so contrasts pair by replicate.
    const contrasts: number[] = [];
    for (let r = 0; r < count; r++) {
      const contrast = (y11[r] as number) - (y10[r] as number) - ((y01[r] as number) - (y00[r] as number));
      if (Number.isFinite(contrast)) contrasts.push(contrast);
    }
    const mean = (list: number[]) => sampleMean(finite(list));
    const cells = [
      [mean(y00), mean(y01)],
      [mean(y10), mean(y11)],
    ];
    return {
      metric,
      variant,
      factors: [first, second],
      levels: [
        [firstLevels[0], firstLevels[1]],
        [secondLevels[0], secondLevels[1]],
      ],
      cells,
      mainEffects: [
        ((cells[1]?.[0] as number) + (cells[1]?.[1] as number) - (cells[0]?.[0] as number) - (cells[0]?.[1] as number)) / 2,
        ((cells[0]?.[1] as number) + (cells[1]?.[1] as number) - (cells[0]?.[0] as number) - (cells[1]?.[0] as number)) / 2,
      ],
      interaction: meanConfidenceInterval(contrasts),
    };
  });
}

/** Per-point means of a metric for one variant (or the paired difference between two), in point order. */
export function pointMeans(plan: SweepPlan, values: SweepValues, metric: string, variant: string, minus?: string): number[] {
  return plan.design.points.map((_, point) => {
    const byVariant = values.get(point);
    const main = byVariant?.get(variant)?.get(metric) ?? [];
    if (minus === undefined) return sampleMean(finite(main));
    const other = byVariant?.get(minus)?.get(metric) ?? [];
    const differences = main.map((value, index) => value - (other[index] as number)).filter((value) => Number.isFinite(value));
    return sampleMean(differences);
  });
}

/** Morris or Sobol indices of one metric for one outcome (a variant, or the paired difference of two). */
export interface SensitivityResult {
  metric: string;
  /** The variant analysed (in the analysis files, also a contrast as "to − from"). */
  outcome: string;
  /** Per factor, for a Morris design. */
  morris?: MorrisIndex[];
  /** Per factor, for a Saltelli design. */
  sobol?: SobolIndex[];
  /** For a Saltelli design whose indices are all undefined, why ({@link sobolUndefinedReason}). */
  sobolUndefined?: string;
}

/** Whether `value` is a Map (anything with `get` and an iterator of entries). */
function isMap(value: unknown): value is ReadonlyMap<unknown, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { get?: unknown }).get === 'function' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

/** Checks sweep values at `path`: a Map point → variant → metric → list of values (the first entry that is not, named). */
function checkSweepValues(check: ArgumentCheck, values: unknown, path: string): void {
  check.map(values, path, 'sweep values (a Map: point → variant → metric → values)');
  if (!isMap(values)) return;
  const problem = (): [string, string] | undefined => {
    for (const [point, byVariant] of values) {
      const at = `${path}.get(${String(point)})`;
      if (!isMap(byVariant)) return [at, `expected a Map: variant → metric → values, got ${givenValue(byVariant)}`];
      for (const [variant, byMetric] of byVariant) {
        const within = `${at}.get(${JSON.stringify(variant)})`;
        if (!isMap(byMetric)) return [within, `expected a Map: metric → values, got ${givenValue(byMetric)}`];
        for (const [metric, list] of byMetric)
          if (!Array.isArray(list))
            return [`${within}.get(${JSON.stringify(metric)})`, `expected a list of values, got ${givenValue(list)}`];
      }
    }
    return undefined;
  };
  const found = problem();
  if (found !== undefined) check.add(...found);
}

/**
 * Checks the arguments of {@link sensitivity} and `contrastSensitivity`: a sweep plan (its experiment's design and
 * metrics, its design's points and its factors), the sweep's values and a random stream.
 * @throws ScenarioError with source `source`, naming each field that is not what it should be
 */
export function checkSensitivityArguments(source: string, plan: unknown, values: unknown, random: unknown): void {
  checkArgumentWith(
    source,
    (check) => {
      if (check.object(plan, 'plan', 'a sweep plan (planSweep)')) {
        if (check.object(plan.experiment, 'plan.experiment', 'the parsed experiment')) {
          if (check.object(plan.experiment.design, 'plan.experiment.design', 'the experiment’s design'))
            check.text(plan.experiment.design.type, 'plan.experiment.design.type');
          check.textList(plan.experiment.metrics, 'plan.experiment.metrics', 'a list of metrics');
        }
        if (check.object(plan.design, 'plan.design', 'the design’s points (designPoints)') && !Array.isArray(plan.design.points))
          check.add('plan.design.points', `expected a list of points, got ${givenValue(plan.design.points)}`);
        check.textList(plan.factors, 'plan.factors', 'a list of factor paths');
      }
      checkSweepValues(check, values, 'values');
      if (typeof (random as Partial<RandomStream> | null)?.next !== 'function')
        check.add('random', `expected a random stream (createRandomSource(seed).stream(name)), got ${givenValue(random)}`);
    },
    'arguments',
  );
}

/**
 * Morris or Sobol indices of each metric for each variant (the contrasts between variants: `contrastSensitivity`).
 * @throws ScenarioError (source "sensitivity arguments") naming the field of `plan`, `values` or `random` that is not
 *   what it should be; as `morrisIndices` and `sobolIndices` otherwise
 */
export function sensitivity(plan: SweepPlan, values: SweepValues, random: RandomStream): SensitivityResult[] {
  checkSensitivityArguments('sensitivity arguments', plan, values, random);
  const design = plan.experiment.design;
  if (design.type !== 'morris' && design.type !== 'saltelli') return [];
  const variants = plan.experiment.variants.map((variant) => variant.label);
  const results: SensitivityResult[] = [];
  for (const metric of plan.experiment.metrics) {
    for (const variant of variants) {
      const y = pointMeans(plan, values, metric, variant);
      if (design.type === 'morris')
        results.push({ metric, outcome: variant, morris: morrisIndices(plan.factors, plan.design.unit ?? [], y) });
      else results.push({ metric, outcome: variant, ...sobolResult(plan.factors, design.samples, y, () => random.next()) });
    }
  }
  return results;
}
