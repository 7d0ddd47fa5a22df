/**
 * The sensitivity of a contrast: which factors drive the paired difference
 * between two variants (e.g. the advantage co-production has over
 * administrative-led renewal), not only the level of each.
 *
 * For a contrast to − from and a metric, the output at design point j is
 *   cⱼ = (1/Rⱼ) Σᵣ (y_to(j, r) − y_from(j, r))
 * the mean over replicates r of the per-seed paired difference (the variants
 * share seeds, so each difference cancels the noise they have in common).
 * Its Morris (μ, μ*, σ, sign consistency), Sobol (S1, ST) or, over a Latin
 * hypercube, partial rank correlation (PRCC) indices are computed exactly as
 * for a level (sensitivity.ts). Besides them, the sign
 * stability says whether the contrast ever flips within the ranges: with
 * c̄ the mean of cⱼ over the design points, the share of points where
 * sign(cⱼ) = sign(c̄), and the share where sign(cⱼ) = −sign(c̄) (a point
 * where the contrast is exactly zero is in neither).
 */

import * as z from 'zod';
import { largestOf, type RandomStream, sampleMean, smallestOf } from '../core/index.js';
import { checkArgument } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { givenValue } from '../simulation/index.js';
import { checkSensitivityArguments, pointMeans, type SweepValues } from './analysis.js';
import { type Contrast, contrastSchema, type Experiment, variantSchema } from './experiment.js';
import type { SweepPlan } from './plan.js';
import { type MorrisIndex, morrisIndices, type PrccIndex, prccIndices, type SobolIndex, sobolResult } from './sensitivity.js';

/** What {@link experimentContrasts} reads of an experiment: its variants and contrasts (other fields are let be). */
const variantsAndContrastsSchema = z.object({
  variants: z.array(variantSchema),
  contrasts: z.array(contrastSchema).optional(),
});

/**
 * The contrasts an experiment declares; by default, with exactly two variants, the second minus the first.
 * @throws ScenarioError with source "experiment", naming the field, when `variants` (or `contrasts`) is not a list of
 *   what an experiment file holds there
 */
export function experimentContrasts(experiment: Pick<Experiment, 'variants' | 'contrasts'>): Contrast[] {
  checkArgument(variantsAndContrastsSchema, experiment, 'experiment', 'experiment');
  if (experiment.contrasts !== undefined) return experiment.contrasts;
  const [from, to, ...others] = experiment.variants;
  return from !== undefined && to !== undefined && others.length === 0 ? [{ from: from.label, to: to.label }] : [];
}

/** How a contrast reads in outputs: "to − from". */
export function contrastLabel(contrast: Contrast): string {
  return `${contrast.to} − ${contrast.from}`;
}

/** Whether a contrast keeps its sign over the design points. */
export interface ContrastSign {
  /** Design points where the contrast is defined (some pair of runs gave finite values). */
  points: number;
  /** c̄, the mean of the per-point contrasts. */
  mean: number;
  /** Smallest and largest per-point contrast. */
  minimum: number;
  maximum: number;
  /** sign(c̄): 1, −1 or 0. */
  referenceSign: number;
  /**
   * Share of the points whose contrast is not 0 and has the sign of c̄, in [0, 1]; 0 when c̄ is 0, so that a contrast
   * that is 0 everywhere reads as no difference rather than as keeping a sign.
   */
  keepsSignShare: number;
  /** Share of the points whose contrast has the opposite sign: where the difference flips. */
  flipsSignShare: number;
  /**
   * Share of the points whose contrast is exactly 0: no difference. With c̄ ≠ 0 the three shares add up to 1; with
   * c̄ = 0 the points with a sign neither keep nor flip one.
   */
  noDifferenceShare: number;
}

/** The sign stability of per-point contrasts (non-finite values are left out). */
export function contrastSign(perPoint: readonly number[]): ContrastSign {
  const values = perPoint.filter((value) => Number.isFinite(value));
  const mean = sampleMean(values);
  const referenceSign = Math.sign(mean);
  return {
    points: values.length,
    mean,
    minimum: values.length === 0 ? Number.NaN : smallestOf(values),
    maximum: values.length === 0 ? Number.NaN : largestOf(values),
    referenceSign,
    keepsSignShare: values.filter((value) => value !== 0 && Math.sign(value) === referenceSign).length / values.length,
    flipsSignShare: values.filter((value) => Math.sign(value) === -referenceSign && value !== 0).length / values.length,
    noDifferenceShare: values.filter((value) => value === 0).length / values.length,
  };
}

/** Sensitivity of one contrast on one metric. */
export interface ContrastSensitivity extends Contrast {
  metric: string;
  sign: ContrastSign;
  morris?: MorrisIndex[];
  sobol?: SobolIndex[];
  /** For a Latin-hypercube design. */
  prcc?: PrccIndex[];
  /** For a Saltelli design whose indices are all undefined, why ({@link sobolUndefinedReason}). */
  sobolUndefined?: string;
}

/** The design points as rows of factor values, in the order of `plan.factors`: what PRCC ranks. */
function factorValues(plan: SweepPlan): number[][] {
  return plan.design.points.map((point) => plan.factors.map((factor) => Number(point[factor])));
}

/**
 * Morris, Sobol or PRCC indices of every declared contrast on every metric, for a
 * Morris, Saltelli or Latin-hypercube design (nothing for a factorial grid). Sobol intervals draw
 * their bootstrap resamples from `random`; Morris and PRCC draw nothing.
 * @throws ScenarioError (source "contrast sensitivity arguments") naming the field of `plan`, `values` or `random`
 *   that is not what it should be; as `experimentContrasts`, `morrisIndices` and `sobolIndices` otherwise (a plan
 *   whose design's unit points or samples do not fit its points)
 */
export function contrastSensitivity(plan: SweepPlan, values: SweepValues, random: RandomStream): ContrastSensitivity[] {
  checkSensitivityArguments('contrast sensitivity arguments', plan, values, random);
  const design = plan.experiment.design;
  if (design.type === 'factorial') return [];
  const x = design.type === 'latin-hypercube' ? factorValues(plan) : [];
  const results: ContrastSensitivity[] = [];
  for (const contrast of experimentContrasts(plan.experiment)) {
    for (const metric of plan.experiment.metrics) {
      const perPoint = pointMeans(plan, values, metric, contrast.to, contrast.from);
      const sign = contrastSign(perPoint);
      if (design.type === 'morris')
        results.push({ ...contrast, metric, sign, morris: morrisIndices(plan.factors, plan.design.unit ?? [], perPoint) });
      else if (design.type === 'saltelli')
        results.push({ ...contrast, metric, sign, ...sobolResult(plan.factors, design.samples, perPoint, () => random.next()) });
      else results.push({ ...contrast, metric, sign, prcc: prccIndices(plan.factors, x, perPoint) });
    }
  }
  return results;
}

/** The PRCC of every factor with one metric for one outcome: a variant, or a contrast as "to − from". */
export interface PrccResult {
  metric: string;
  outcome: string;
  prcc: PrccIndex[];
}

/**
 * Partial rank correlation coefficients ({@link prccIndices}) of every factor with each metric of a Latin-hypercube
 * sweep, per point mean: under each variant, then for each declared contrast (by default, with two variants, the
 * second minus the first) of the per-point mean paired difference. Nothing for other designs (Morris and Saltelli
 * designs have their own indices; a factorial grid has its main effects and interactions). A contrast's indices that
 * {@link contrastSensitivity} gave already (`computed`, its results for the same plan and values) are taken from there,
 * not computed again.
 * @throws ScenarioError (source "PRCC sensitivity arguments") naming the field of `plan` or `values` that is not what
 *   it should be; as `experimentContrasts` and `prccIndices` otherwise
 */
export function prccSensitivity(
  plan: SweepPlan,
  values: SweepValues,
  computed: readonly ContrastSensitivity[] = [],
): PrccResult[] {
  // The random stream the shared check asks for is not used: PRCC draws nothing.
  checkSensitivityArguments('PRCC sensitivity arguments', plan, values, { next: () => 0 });
  if (plan.experiment.design.type !== 'latin-hypercube') return [];
  const x = factorValues(plan);
  const outcomes = [
    ...plan.experiment.variants.map((variant) => ({ outcome: variant.label, to: variant.label, from: undefined })),
    ...experimentContrasts(plan.experiment).map((contrast) => ({ outcome: contrastLabel(contrast), ...contrast })),
  ];
  const given = (metric: string, to: string, from: string | undefined) =>
    computed.find((result) => result.metric === metric && result.to === to && result.from === from)?.prcc;
  return plan.experiment.metrics.flatMap((metric) =>
    outcomes.map(({ outcome, to, from }) => ({
      metric,
      outcome,
      prcc: given(metric, to, from) ?? prccIndices(plan.factors, x, pointMeans(plan, values, metric, to, from)),
    })),
  );
}

/** One of the factors that drive a contrast most, with its indices. */
export interface ContrastDriver {
  factor: string;
  /** What the ranking uses: μ* for Morris, ST for Sobol, |PRCC| for a Latin hypercube. */
  importance: number;
  morris?: MorrisIndex;
  sobol?: SobolIndex;
  prcc?: PrccIndex;
}

/** What a reader needs first about a contrast on a metric: its sign stability and its top drivers. */
export interface ContrastSummary extends Contrast {
  metric: string;
  method: 'morris' | 'sobol' | 'prcc';
  sign: ContrastSign;
  drivers: ContrastDriver[];
  /** Why every Sobol index of the contrast is undefined, when they all are. */
  sobolUndefined?: string;
}

/**
 * The `count` factors with the largest μ* (Morris), ST (Sobol) or |PRCC| (Latin hypercube), largest first; ties keep
 * factor order, and a factor whose index is undefined comes last.
 * @throws ScenarioError (source "contrast summary arguments") naming the field when `result` is not one of
 *   {@link contrastSensitivity}'s results (from, to and metric text, its sign, its Morris, Sobol or PRCC indices a list) or
 *   `count` not a whole number from 0
 */
export function contrastSummary(result: ContrastSensitivity, count = 5): ContrastSummary {
  checkArgumentWith(
    'contrast summary arguments',
    (check) => {
      if (check.object(result, 'result', 'a contrast sensitivity (contrastSensitivity)')) {
        for (const field of ['from', 'to', 'metric'] as const) check.text(result[field], `result.${field}`);
        check.object(result.sign, 'result.sign', 'the contrast’s sign stability (contrastSign)');
        const indices = result.morris ?? result.sobol ?? result.prcc;
        if (!Array.isArray(indices))
          check.add(
            'result',
            `expected Morris (morris), Sobol (sobol) or PRCC (prcc) indices, a list, got ${givenValue(indices)}`,
          );
      }
      check.wholeNumber(count, 'count', 0);
    },
    'arguments',
  );
  const method = result.morris ? 'morris' : result.sobol ? 'sobol' : 'prcc';
  const drivers: ContrastDriver[] = result.morris
    ? result.morris.map((index) => ({ factor: index.factor, importance: index.muStar, morris: index }))
    : result.sobol
      ? result.sobol.map((index) => ({ factor: index.factor, importance: index.total.mean, sobol: index }))
      : (result.prcc ?? []).map((index) => ({ factor: index.factor, importance: Math.abs(index.prcc), prcc: index }));
  const rank = (driver: ContrastDriver) => (Number.isFinite(driver.importance) ? driver.importance : Number.NEGATIVE_INFINITY);
  const byImportance = (left: ContrastDriver, right: ContrastDriver) =>
    rank(left) === rank(right) ? 0 : rank(left) > rank(right) ? -1 : 1;
  return {
    from: result.from,
    to: result.to,
    metric: result.metric,
    method,
    sign: result.sign,
    drivers: [...drivers].sort(byImportance).slice(0, count),
    ...(result.sobolUndefined === undefined ? {} : { sobolUndefined: result.sobolUndefined }),
  };
}
