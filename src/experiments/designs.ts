/**
 * Turning a design into points: each point is a setting of the factors.
 * Random designs draw from the `design` stream of a source seeded by the
 * design's content, so the same experiment file always gives the same points
 * (or from a stream the caller gives, such as one seeded by a command's --seed).
 */
import {
  canonicalJson,
  createRandomSource,
  hashString53,
  type RandomStream,
  sobolDigitalShift,
  sobolPoints,
} from '../core/index.js';
import { checkArgument, ScenarioError } from '../scenario/index.js';
import { givenValue } from '../simulation/index.js';
import { type Design, designSchema, type Factor, type RangeFactor } from './experiment.js';

/** One point of a design: the value of each factor, by its scenario path. */
export type Point = Record<string, number | string | boolean>;

/** A design's points with, for sensitivity designs, the structure analysis needs. */
export interface DesignPoints {
  points: Point[];
  /**
   * Points in unit scale ([0, 1] per factor) for range designs, aligned with
   * `points`; an integer factor's coordinate in a Morris design is that of its
   * rounded value.
   */
  unit?: number[][];
}

/**
 * The whole numbers an integer factor's range holds, as [lowest, highest]: its low end rounded up and its high end
 * rounded down ([4.5, 12] holds 5 … 12).
 * @example wholeNumberRange({ path: 'world.departments', range: [4.5, 12], integer: true }) // [5, 12]
 */
export function wholeNumberRange(factor: RangeFactor): [number, number] {
  return [Math.ceil(factor.range[0]), Math.floor(factor.range[1])];
}

/**
 * The value at a grid coordinate `unit` (a factorial design's steps, a Morris design's levels): the point of the range
 * there, an integer factor's rounded to the nearest whole number of its range.
 */
function gridValue(factor: RangeFactor, unit: number): number {
  const value = factor.range[0] + unit * (factor.range[1] - factor.range[0]);
  if (!factor.integer) return value;
  const [lowest, highest] = wholeNumberRange(factor);
  return Math.min(highest, Math.max(lowest, Math.round(value)));
}

/**
 * The value at a drawn coordinate `unit` in [0, 1) (a Latin hypercube's, Saltelli's): the point of the range there,
 * or for an integer factor the whole number whose equal share of [0, 1) holds it — each whole number of the range as
 * likely as any other, and a Latin hypercube's n strata spread over them as evenly as n allows. (Rounding the point
 * instead gave the two ends half the chance of the others.)
 */
function drawnValue(factor: RangeFactor, unit: number): number {
  if (!factor.integer) return factor.range[0] + unit * (factor.range[1] - factor.range[0]);
  const [lowest, highest] = wholeNumberRange(factor);
  return Math.min(highest, lowest + Math.floor(unit * (highest - lowest + 1)));
}

/** The values a factor takes in a factorial design: its list, or `steps` evenly spaced over its range (rounded if integer). */
export function factorValues(factor: Factor): Array<number | string | boolean> {
  if ('values' in factor) return factor.values;
  const steps = factor.steps ?? 2;
  return Array.from({ length: steps }, (_, index) => gridValue(factor, index / (steps - 1)));
}

function pointFromUnit(
  factors: readonly RangeFactor[],
  unit: readonly number[],
  value: (factor: RangeFactor, unit: number) => number,
): Point {
  const point: Point = {};
  factors.forEach((factor, index) => {
    point[factor.path] = value(factor, unit[index] as number);
  });
  return point;
}

/**
 * How many points a design has, computed from its settings alone, before any
 * point is made: the product of the factors' value counts for a factorial
 * design, `samples` for a Latin hypercube, `trajectories × (k + 1)` for Morris
 * and `samples × (k + 2)` for Saltelli, with k factors.
 * @throws ScenarioError with source "design", naming each field that does not fit {@link designSchema}
 */
export function designPointCount(given: Design): number {
  // Parsed, its defaults filled: a factorial range factor's steps, as a design written in code may leave them out.
  const design = checkArgument(designSchema, given, 'design', 'design');
  const k = design.factors.length;
  switch (design.type) {
    case 'factorial':
      return design.factors.reduce(
        (product, factor) => product * ('values' in factor ? factor.values.length : (factor.steps ?? 2)),
        1,
      );
    case 'latin-hypercube':
      return design.samples;
    case 'morris':
      return design.trajectories * (k + 1);
    case 'saltelli':
      return design.samples * (k + 2);
  }
}

/**
 * The points of a design. `random` defaults to the `design` stream of a
 * source seeded by the design's content.
 * @example
 * const { points } = designPoints({ type: 'latin-hypercube', samples: 20, factors: [{ path: 'parameters.staff.routineLoad', range: [0.7, 0.9], integer: false }] });
 * @throws ScenarioError with source "design", naming each field that does not fit {@link designSchema}; with source
 *   "random" when `random` is not a random stream
 */
export function designPoints(given: Design, random?: RandomStream): DesignPoints {
  // Parsed, its defaults filled: a Morris design written in code may leave out its levels, as a file may.
  const design = checkArgument(designSchema, given, 'design', 'design');
  if (random !== undefined && typeof (random as Partial<RandomStream> | null)?.next !== 'function')
    throw new ScenarioError(
      'random',
      [
        {
          path: '(top level)',
          message: `expected a random stream (createRandomSource(seed).stream(name)), got ${givenValue(random)}`,
        },
      ],
      'random stream',
    );
  return pointsOfDesign(design, random);
}

/**
 * {@link designPoints} of a design already checked (a plan's, a robustness analysis's): `random` defaults to the
 * `design` stream of a source seeded by the design's content.
 */
export function pointsOfDesign(
  design: Design,
  random: RandomStream = createRandomSource(hashString53(canonicalJson(design))).stream('design'),
): DesignPoints {
  switch (design.type) {
    case 'factorial': {
      let points: Point[] = [{}];
      for (const factor of design.factors) {
        points = points.flatMap((point) => factorValues(factor).map((value) => ({ ...point, [factor.path]: value })));
      }
      return { points };
    }
    case 'latin-hypercube': {
      const n = design.samples;
      const strata = design.factors.map(() => random.shuffle(Array.from({ length: n }, (_, index) => index)));
      const unit = Array.from({ length: n }, (_, row) => strata.map((column) => ((column[row] as number) + random.next()) / n));
      return { points: unit.map((row) => pointFromUnit(design.factors, row, drawnValue)), unit };
    }
    case 'morris': {
      // Morris (1991) trajectories on a p-level grid, with Δ = p / (2 (p − 1)): for each factor a pair of grid
      // values Δ apart, the lower drawn from those that can rise by Δ, and a direction drawn, up or down (Morris's
      // random D*, as Campolongo et al. 2007 and SALib draw it); the trajectory starts at each factor's first value of
      // its pair and moves one factor at a time, in random order, to its other. Both directions give twice as many
      // distinct trajectories, and each factor's effects are taken going up and coming down.
      // The walk is taken in whole grid levels (0 … p − 1, Δ being p ÷ 2 of them) and each coordinate is its level ÷
      // (p − 1): one grid value is one number, however it was reached (a coordinate moved by adding Δ could differ
      // in its last digit from the same level drawn directly, and split one level of the grid in two).
      const k = design.factors.length;
      const p = design.levels;
      const step = p / 2;
      const coordinates = (levels: readonly number[]) => levels.map((level) => level / (p - 1));
      const unit: number[][] = [];
      for (let trajectory = 0; trajectory < design.trajectories; trajectory++) {
        const lower = design.factors.map(() => random.integer(p / 2));
        const up = design.factors.map(() => random.chance(0.5));
        const levels = lower.map((level, factor) => (up[factor] ? level : level + step));
        unit.push(coordinates(levels));
        for (const factor of random.shuffle(Array.from({ length: k }, (_, index) => index))) {
          levels[factor] = (levels[factor] as number) + (up[factor] ? step : -step);
          unit.push(coordinates(levels));
        }
      }
      // An integer factor takes its grid value rounded: its unit coordinate is where the rounded value lies, so that an
      // elementary effect divides by the step actually taken (none where two levels round alike).
      const taken = unit.map((row) =>
        row.map((value, index) => {
          const factor = design.factors[index] as RangeFactor;
          if (!factor.integer) return value;
          const [low, high] = factor.range;
          return (gridValue(factor, value) - low) / (high - low);
        }),
      );
      return { points: unit.map((row) => pointFromUnit(design.factors, row, gridValue)), unit: taken };
    }
    case 'saltelli': {
      // Saltelli (2010): matrices A and B of N rows; for each factor i, A with column i from B.
      // Points: N rows of A, N of B, then N of each AB_i — N (k + 2) in all. Row j of A is the first k coordinates of
      // point j of the 2k-dimensional Sobol' sequence and row j of B the last k (as SALib draws them), the sequence
      // digitally shifted by 2k integers drawn from `random` (sobol-sequence.ts): another seed gives other points,
      // as evenly spread. The schema's limit of factors keeps 2k within the sequence's embedded dimensions.
      const n = design.samples;
      const k = design.factors.length;
      const sequence = sobolPoints(
        n,
        2 * k,
        sobolDigitalShift(2 * k, () => random.next()),
      );
      const a = sequence.map((point) => point.slice(0, k));
      const b = sequence.map((point) => point.slice(k));
      const unit = [...a, ...b];
      for (let factor = 0; factor < k; factor++) {
        for (let row = 0; row < n; row++)
          unit.push(
            (a[row] as number[]).map((value, column) => (column === factor ? ((b[row] as number[])[column] as number) : value)),
          );
      }
      return { points: unit.map((row) => pointFromUnit(design.factors, row, drawnValue)), unit };
    }
  }
}
