/**
 * Sensitivity analysis on the outputs of a Morris or Saltelli design.
 *
 * Morris (1991), as revised by Campolongo, Cariboni & Saltelli (2007): each
 * trajectory step changes one factor by Δ (in unit scale); its elementary
 * effect is EE = (y(x + Δ eᵢ) − y(x)) / Δ. Per factor, μ* = mean |EE| ranks
 * influence, σ = SD of EE signals interaction or non-linearity, and the sign
 * consistency, the share of the non-zero EEs that have the sign of μ = mean EE,
 * says whether a factor pushes the output one way everywhere (1) or both ways
 * (near ½). Zero effects carry no direction and are left out of it; where μ is
 * exactly 0 there is no sign to agree with, and the consistency is undefined.
 *
 * Sobol indices from Saltelli samples (Saltelli et al. 2010): with outputs of
 * A, B and each AB_i, and V the variance of the A and B outputs,
 *   Sᵢ  = mean(f(B) (f(AB_i) − f(A))) / V          (first order)
 *   STᵢ = mean((f(A) − f(AB_i))²) / (2 V)           (total, Jansen)
 * with percentile bootstrap intervals over the N base rows, resampled as
 * though independent: where the rows are a Sobol' sequence's (the saltelli
 * design's) and the output has no noise, the intervals err wide. V is the sample
 * variance of the 2N values (denominator 2N − 1); SALib divides by 2N, so its
 * indices are larger by a factor 2N ÷ (2N − 1), under 1% from N = 50. A base
 * row j where f(A)ⱼ, f(B)ⱼ or f(AB_i)ⱼ is undefined (not finite) is left out of
 * factor i's estimates, V and bootstrap alike, as an undefined elementary
 * effect is left out of μ*: the N and 2N above are then the rows kept.
 */
import {
  averageRanks,
  bootstrapInterval,
  type MeanInterval,
  pearsonCorrelation,
  sampleMean,
  sampleStandardDeviation,
  studentTCumulative,
} from '../core/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { givenValue } from '../simulation/index.js';

/**
 * Morris screening indices of one factor, from its elementary effects (change in the output per unit-scale step,
 * i.e. per the factor's whole range).
 */
export interface MorrisIndex {
  /** The factor's scenario path. */
  factor: string;
  /** μ: the mean elementary effect (signed). */
  mu: number;
  /** μ*: the mean absolute elementary effect, which ranks influence. */
  muStar: number;
  /** σ: the SD of the elementary effects; large against μ* signals interaction or non-linearity. */
  sigma: number;
  /**
   * Share of the non-zero elementary effects that have the sign of μ, in [0, 1]; NaN when every effect is zero, or μ is
   * exactly 0 (effects that cancel out), so that there is no sign to agree with.
   */
  signConsistency: number;
  /** Finite elementary effects the indices rest on. */
  effects: number;
}

/** Checks that `value` is a list of numbers (NaN among them: an output undefined there), `length` long when given. */
function checkNumbers(check: ArgumentCheck, value: unknown, path: string, length?: { count: number; expected: string }): void {
  if (!Array.isArray(value)) {
    check.add(path, `expected a list of numbers, got ${givenValue(value)}`);
    return;
  }
  const index = value.findIndex((item) => typeof item !== 'number');
  if (index >= 0) check.add(`${path}[${index}]`, `expected a number, got ${givenValue(value[index])}`);
  if (length !== undefined && value.length !== length.count) check.add(path, `expected ${length.expected}, got ${value.length}`);
}

/**
 * Checks the arguments of {@link morrisIndices}: the factors a list of text; the unit points a list of trajectories of
 * k + 1 points each (k factors), every point k numbers; the outputs one number for each unit point.
 */
function checkMorrisArguments(factors: unknown, unit: unknown, y: unknown): void {
  checkArgumentWith(
    'Morris arguments',
    (check) => {
      check.textList(factors, 'factors', 'a list of factor paths');
      if (!Array.isArray(factors)) return;
      const k = factors.length;
      if (!Array.isArray(unit)) {
        check.add('unit', `expected a list of unit points (the design's unit), got ${givenValue(unit)}`);
        return;
      }
      if (unit.length === 0 || unit.length % (k + 1) !== 0)
        check.add(
          'unit',
          `expected trajectories × (k + 1) points, k + 1 = ${k + 1} a trajectory for k = ${k} factors, got ${unit.length}`,
        );
      const row = unit.findIndex(
        (point) => !Array.isArray(point) || point.length !== k || point.some((x) => typeof x !== 'number'),
      );
      if (row >= 0)
        check.add(
          `unit[${row}]`,
          `expected a point of ${k} numbers (one a factor), got ${Array.isArray(unit[row]) ? `a list of ${unit[row].length}` : givenValue(unit[row])}`,
        );
      checkNumbers(check, y, 'y', {
        count: unit.length,
        expected: `one output a unit point, ${unit.length} in all (trajectories × (k + 1))`,
      });
    },
    'arguments',
  );
}

/**
 * Morris indices from outputs `y` aligned with the design's unit points (k + 1 per trajectory).
 * @throws ScenarioError (source "Morris arguments") naming `factors`, `unit` or `y` when one is not what it should be:
 *   a list of factor paths; trajectories × (k + 1) points of k numbers each; one number a point (NaN where undefined)
 * @example
 * const design = designPoints({ type: 'morris', trajectories: 10, levels: 4, factors });
 * const indices = morrisIndices(factors.map((factor) => factor.path), design.unit ?? [], outputs); // μ, μ*, σ per factor
 */
export function morrisIndices(factors: readonly string[], unit: readonly number[][], y: readonly number[]): MorrisIndex[] {
  checkMorrisArguments(factors, unit, y);
  const k = factors.length;
  const effects: number[][] = factors.map(() => []);
  for (let start = 0; start + k < unit.length + 1 && start + k < y.length; start += k + 1) {
    for (let step = 0; step < k; step++) {
      const before = unit[start + step] as number[];
      const after = unit[start + step + 1] as number[];
      const factor = after.findIndex((value, index) => value !== before[index]);
      if (factor < 0) continue;
      const delta = (after[factor] as number) - (before[factor] as number);
      const effect = ((y[start + step + 1] as number) - (y[start + step] as number)) / delta;
      if (Number.isFinite(effect)) (effects[factor] as number[]).push(effect);
    }
  }
  return factors.map((factor, index) => {
    const values = effects[index] as number[];
    const mu = sampleMean(values);
    const directed = values.filter((value) => value !== 0);
    return {
      factor,
      mu,
      muStar: sampleMean(values.map(Math.abs)),
      sigma: sampleStandardDeviation(values),
      signConsistency:
        mu === 0 ? Number.NaN : directed.filter((value) => Math.sign(value) === Math.sign(mu)).length / directed.length,
      effects: values.length,
    };
  });
}

/**
 * Why every Sobol index of an output is undefined, when it is: the output is the same number at every design point
 * where it is defined (its variance V is 0, so each index is 0 ÷ 0), or it is defined at none. Undefined otherwise.
 * @throws ScenarioError (source "Sobol arguments") naming `y` when it is not a list of numbers (NaN where undefined)
 * @example sobolUndefinedReason([0.3, 0.3, NaN, 0.3]) // 'the output is 0.3 at every design point where it is defined: its variance is 0, and the indices divide by it'
 */
export function sobolUndefinedReason(y: readonly number[]): string | undefined {
  checkArgumentWith('Sobol arguments', (check) => checkNumbers(check, y, 'y'), 'arguments');
  let first: number | undefined;
  for (const value of y) {
    if (!Number.isFinite(value)) continue;
    if (first === undefined) first = value;
    else if (value !== first) return undefined;
  }
  if (first === undefined) return 'the output is undefined at every design point';
  return `the output is ${first} at every design point where it is defined: its variance is 0, and the indices divide by it`;
}

/**
 * {@link sobolIndices} of an output (500 bootstrap resamples), with `sobolUndefined` saying why where every index is
 * undefined ({@link sobolUndefinedReason}): the Sobol part of a sensitivity result, for levels and contrasts alike.
 */
export function sobolResult(
  factors: readonly string[],
  samples: number,
  y: readonly number[],
  random: () => number,
): { sobol: SobolIndex[]; sobolUndefined?: string } {
  const reason = sobolUndefinedReason(y);
  return {
    sobol: sobolIndices(factors, samples, y, random, 500),
    ...(reason === undefined ? {} : { sobolUndefined: reason }),
  };
}

/**
 * Sobol indices of one factor with 95% percentile bootstrap intervals over the base rows; each interval's `count` is
 * the base rows the indices rest on (those where f(A), f(B) and the factor's f(AB_i) are all defined).
 */
export interface SobolIndex {
  /** The factor's scenario path. */
  factor: string;
  /** First-order index S1: the share of the output's variance due to this factor alone. */
  first: MeanInterval;
  /** Total index ST (Jansen): the share due to this factor, its interactions included. */
  total: MeanInterval;
}

/**
 * Sobol first-order and total indices from the outputs of a Saltelli design
 * with N base rows (y = [f(A); f(B); f(AB_1); …; f(AB_k)]), by Saltelli et
 * al. (2010)'s estimators — S1 = mean(f(B)·(f(AB_i) − f(A))) ÷ V, ST =
 * mean((f(A) − f(AB_i))²) ÷ 2V, V the variance of f(A) and f(B) — with the
 * outputs centred first on the mean of f(A) and f(B), so that adding a
 * constant to the output changes nothing (as SALib centres them; V is the sample
 * variance, divided by n − 1 where SALib divides by n, so the indices are
 * (2N − 1)/2N of SALib's on the same outputs); the intervals
 * come from `resamples` bootstrap resamples of the rows drawn with `random`
 * (uniform on [0, 1)). Factor i's estimates, V, centre and resamples rest on
 * the base rows j where f(A)ⱼ, f(B)ⱼ and f(AB_i)ⱼ are all finite (an output
 * undefined there, NaN, leaves row j out), so that an estimate and its
 * interval always come from the same rows; with no row left they are NaN.
 * Where V is 0 (the output does not vary over those rows) the indices are
 * NaN ({@link sobolUndefinedReason} says why); a bootstrap resample whose rows
 * do not vary gives no index and is left out of the interval, which then
 * rests on the resamples that do.
 * @throws ScenarioError (source "Sobol arguments") naming `factors`, `samples`, `y`, `random` or `resamples` when one
 *   is not what it should be: a list of factor paths; a whole number from 1; N × (k + 2) numbers (NaN where
 *   undefined); a function; a whole number from 1
 * @example
 * const stream = createRandomSource(1).stream('bootstrap');
 * const indices = sobolIndices(['a', 'b', 'c'], 1024, outputs, () => stream.next()); // S1 and ST per factor, with bootstrap intervals
 */
export function sobolIndices(
  factors: readonly string[],
  samples: number,
  y: readonly number[],
  random: () => number,
  resamples = 1000,
): SobolIndex[] {
  checkArgumentWith(
    'Sobol arguments',
    (check) => {
      check.textList(factors, 'factors', 'a list of factor paths');
      check.wholeNumber(samples, 'samples', 1);
      if (Array.isArray(factors) && Number.isSafeInteger(samples) && samples >= 1)
        checkNumbers(check, y, 'y', {
          count: samples * (factors.length + 2),
          expected: `N × (k + 2) = ${samples} × ${factors.length + 2} outputs (f(A), f(B), then f(AB_i) for each of k = ${factors.length} factors)`,
        });
      else checkNumbers(check, y, 'y');
      if (typeof random !== 'function')
        check.add('random', `expected a function giving numbers uniform on [0, 1), got ${givenValue(random)}`);
      check.wholeNumber(resamples, 'resamples', 1);
    },
    'arguments',
  );
  const n = samples;
  const fA = y.slice(0, n);
  const fB = y.slice(n, 2 * n);
  return factors.map((factor, i) => {
    const fAB = y.slice((2 + i) * n, (3 + i) * n);
    // The base rows where every output this factor's estimators use is defined: the estimates and their resamples
    // rest on the same rows.
    const kept: number[] = [];
    for (let row = 0; row < n; row++)
      if (Number.isFinite(fA[row]) && Number.isFinite(fB[row]) && Number.isFinite(fAB[row])) kept.push(row);
    const rows = Float64Array.from(kept);
    // The first-order estimator multiplies by f(B) itself: centred on the mean of f(A) and f(B), it gives the same
    // indices whatever constant the output carries (an output far from 0 against its spread, such as trust, would
    // otherwise give mostly noise).
    const centre = sampleMean([...kept.map((row) => fA[row] as number), ...kept.map((row) => fB[row] as number)]);
    const variance = (indices: Float64Array) => {
      const values: number[] = [];
      for (const row of indices) values.push((fA[row] as number) - centre, (fB[row] as number) - centre);
      const sd = sampleStandardDeviation(values);
      return sd * sd;
    };
    // With no variance among the rows (a resample that drew rows of one value) an index is undefined, NaN, not the
    // ±Infinity a division by 0 would give: such resamples are left out of the interval.
    const first = (indices: Float64Array) => {
      const v = variance(indices);
      if (v === 0) return Number.NaN;
      let total = 0;
      for (const row of indices) total += ((fB[row] as number) - centre) * ((fAB[row] as number) - (fA[row] as number));
      return total / indices.length / v;
    };
    const totalEffect = (indices: Float64Array) => {
      const v = variance(indices);
      if (v === 0) return Number.NaN;
      let total = 0;
      for (const row of indices) total += ((fA[row] as number) - (fAB[row] as number)) ** 2;
      return total / indices.length / (2 * v);
    };
    return {
      factor,
      first: bootstrapInterval(rows, first, random, resamples),
      total: bootstrapInterval(rows, totalEffect, random, resamples),
    };
  });
}

/**
 * The partial rank correlation coefficient (PRCC) of one factor with an output, over the points of a Latin hypercube
 * (Marino, Hogue, Ray & Kirschner 2008): the Pearson correlation of the factor's ranks and the output's ranks once
 * the ranks of every other factor are partialled out of both (the residuals of their least-squares fits on those
 * ranks and a constant). It says how strongly, and which way, the output follows the factor monotonically, the other
 * factors held; it reads a monotone effect, not a non-monotone one.
 */
export interface PrccIndex {
  /** The factor's scenario path. */
  factor: string;
  /** PRCC, from −1 to 1; NaN where undefined (too few points, or the factor or output constant once the rest is out). */
  prcc: number;
  /** Two-sided p-value of PRCC = 0: t = PRCC √(df ÷ (1 − PRCC²)) on df = n − k − 1 degrees of freedom. */
  pValue: number;
  /** The points it rests on: those where the output is defined (n). */
  points: number;
}

/**
 * The residual of `values` after its least-squares fit on `basis`, an orthonormal basis (each vector of unit length,
 * each orthogonal to the others).
 */
function residualOn(basis: readonly Float64Array[], values: Float64Array): Float64Array {
  const residual = Float64Array.from(values);
  for (const vector of basis) {
    let dot = 0;
    for (let index = 0; index < residual.length; index++) dot += (vector[index] as number) * (residual[index] as number);
    for (let index = 0; index < residual.length; index++)
      residual[index] = (residual[index] as number) - dot * (vector[index] as number);
  }
  return residual;
}

/** Euclidean length. */
function lengthOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum);
}

/**
 * An orthonormal basis of the span of `columns` (modified Gram–Schmidt): a column that adds less than a millionth of
 * its length beyond the columns before it (a constant factor, or one that repeats another's ranks) adds nothing.
 */
function orthonormalBasis(columns: readonly Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const column of columns) {
    const residual = residualOn(basis, column);
    const length = lengthOf(residual);
    if (length > 1e-6 * lengthOf(column)) basis.push(residual.map((value) => value / length));
  }
  return basis;
}

/**
 * The PRCC of each factor with the output `y` over design points `x` (per point, the factors' values in `factors`
 * order; `y` one number a point, NaN where undefined, such points left out). With k factors it takes n ≥ k + 2
 * points where `y` is defined (one degree of freedom left); with fewer, every index is NaN.
 * @throws ScenarioError (source "PRCC arguments") naming `factors`, `x` or `y` when one is not what it should be: a
 *   list of factor paths; one list of k numbers a point; one number a point
 * @example prccIndices(['a', 'b'], points, outputs) // [{ factor: 'a', prcc: 0.93, pValue: 1e-20, points: 60 }, …]
 */
export function prccIndices(factors: readonly string[], x: readonly (readonly number[])[], y: readonly number[]): PrccIndex[] {
  checkArgumentWith(
    'PRCC arguments',
    (check) => {
      check.textList(factors, 'factors', 'a list of factor paths');
      if (!Array.isArray(x)) check.add('x', `expected one list of factor values a point, got ${givenValue(x)}`);
      else {
        const wrong = x.findIndex(
          (point: unknown) =>
            !Array.isArray(point) ||
            point.length !== (Array.isArray(factors) ? factors.length : 0) ||
            !point.every((value) => typeof value === 'number'),
        );
        if (wrong >= 0)
          check.add(`x[${wrong}]`, `expected ${Array.isArray(factors) ? factors.length : 'k'} numbers, one a factor`);
      }
      if (!Array.isArray(y) || !y.every((value) => typeof value === 'number'))
        check.add('y', 'expected one number a point (NaN where the output is undefined)');
      else if (Array.isArray(x) && y.length !== x.length)
        check.add('y', `expected ${x.length} numbers, one a point, got ${y.length}`);
    },
    'arguments',
  );
  const kept = y.flatMap((value, point) => (Number.isFinite(value) ? [point] : []));
  const n = kept.length;
  const k = factors.length;
  const degreesOfFreedom = n - k - 1;
  const undefinedIndices = () => factors.map((factor) => ({ factor, prcc: Number.NaN, pValue: Number.NaN, points: n }));
  if (degreesOfFreedom < 1) return undefinedIndices();
  const ranksOf = (values: number[]) => Float64Array.from(averageRanks(values));
  const factorRanks = factors.map((_, factor) => ranksOf(kept.map((point) => (x[point] as readonly number[])[factor] as number)));
  const outputRanks = ranksOf(kept.map((point) => y[point] as number));
  const fast = prccFromInverse([...factorRanks, outputRanks]);
  const constant = new Float64Array(n).fill(1);
  return factors.map((factor, index) => {
    if (fast !== undefined) return withPValue(factor, fast[index] as number, degreesOfFreedom, n);
    const basis = orthonormalBasis([constant, ...factorRanks.filter((_, other) => other !== index)]);
    const own = factorRanks[index] as Float64Array;
    const factorResidual = residualOn(basis, own);
    const outputResidual = residualOn(basis, outputRanks);
    // What the other factors (and the constant) leave of either is rounding alone: nothing left to correlate.
    const nothingLeft =
      lengthOf(factorResidual) <= 1e-9 * lengthOf(own) || lengthOf(outputResidual) <= 1e-9 * lengthOf(outputRanks);
    return withPValue(factor, nothingLeft ? Number.NaN : pearsonCorrelation(factorResidual, outputResidual), degreesOfFreedom, n);
  });
}

/** A PRCC with its two-sided p-value on `degreesOfFreedom` (NaN stays NaN; ±1, held to the range, has p = 0). */
function withPValue(factor: string, prcc: number, degreesOfFreedom: number, points: number): PrccIndex {
  if (Number.isNaN(prcc)) return { factor, prcc, pValue: Number.NaN, points };
  const clamped = Math.max(-1, Math.min(1, prcc));
  // The lower tail at −|t|, computed directly, keeps a small p-value's digits.
  const t = Math.abs(clamped) * Math.sqrt(degreesOfFreedom / (1 - clamped * clamped));
  return { factor, prcc: clamped, pValue: Math.abs(clamped) === 1 ? 0 : 2 * studentTCumulative(-t, degreesOfFreedom), points };
}

/**
 * Every factor's PRCC at once from P, the inverse of the correlation matrix of the rank columns (the factors', then
 * the output's last): PRCC_j = −P_jy ÷ √(P_jj P_yy), the partial correlation of factor j and the output given every
 * other factor, the same as the residuals' correlation and k times quicker than one fit a factor. Undefined where
 * the matrix cannot be inverted safely (a constant column, or one that the others determine), which the fits handle.
 */
function prccFromInverse(columns: readonly Float64Array[]): number[] | undefined {
  const size = columns.length;
  const centred = columns.map((column) => {
    let sum = 0;
    for (const value of column) sum += value;
    const mean = sum / column.length;
    return column.map((value) => value - mean);
  });
  const lengths = centred.map(lengthOf);
  if (lengths.some((length) => !(length > 0))) return undefined;
  // [R | I], reduced to [I | R⁻¹] by Gauss–Jordan elimination with partial pivoting.
  const rows = centred.map((left, i) => {
    const row = new Float64Array(2 * size);
    centred.forEach((right, j) => {
      let dot = 0;
      for (let index = 0; index < left.length; index++) dot += (left[index] as number) * (right[index] as number);
      row[j] = dot / ((lengths[i] as number) * (lengths[j] as number));
    });
    row[size + i] = 1;
    return row;
  });
  for (let pivot = 0; pivot < size; pivot++) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row++)
      if (Math.abs((rows[row] as Float64Array)[pivot] as number) > Math.abs((rows[best] as Float64Array)[pivot] as number))
        best = row;
    // A correlation matrix near singular: its inverse would be mostly rounding.
    if (Math.abs((rows[best] as Float64Array)[pivot] as number) < 1e-9) return undefined;
    const swapped = rows[best] as (typeof rows)[number];
    rows[best] = rows[pivot] as (typeof rows)[number];
    rows[pivot] = swapped;
    const lead = rows[pivot] as Float64Array;
    const scale = lead[pivot] as number;
    for (let column = 0; column < 2 * size; column++) lead[column] = (lead[column] as number) / scale;
    for (let row = 0; row < size; row++) {
      if (row === pivot) continue;
      const target = rows[row] as Float64Array;
      const factor = target[pivot] as number;
      if (factor === 0) continue;
      for (let column = 0; column < 2 * size; column++)
        target[column] = (target[column] as number) - factor * (lead[column] as number);
    }
  }
  const inverse = (i: number, j: number) => (rows[i] as Float64Array)[size + j] as number;
  const output = size - 1;
  const prcc = Array.from({ length: output }, (_, j) => -inverse(j, output) / Math.sqrt(inverse(j, j) * inverse(output, output)));
  // A near-singular matrix shows in the result: a diagonal not positive, or a correlation past ±1.
  return prcc.every((value) => Number.isFinite(value) && Math.abs(value) <= 1 + 1e-9) ? prcc : undefined;
}
