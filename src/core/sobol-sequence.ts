/**
 * The Sobol' low-discrepancy sequence (Sobol' 1967), on Joe and Kuo's direction numbers (new-joe-kuo-6.21201;
 * sobol-direction-numbers.ts), 32 bits per coordinate, in Gray-code order (Antonov & Saleev 1979), with an optional
 * random digital shift.
 *
 * Each dimension j has a primitive polynomial x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 over GF(2) and initial numbers
 * m_1 … m_s; its direction integers are v_i = m_i · 2^(32−i) for i ≤ s and, beyond,
 *   v_i = v_(i−s) ⊕ (v_(i−s) ≫ s) ⊕ a_1 v_(i−1) ⊕ a_2 v_(i−2) ⊕ … ⊕ a_(s−1) v_(i−s+1)
 * (Bratley & Fox 1988). Point 0 is 0 in every coordinate, and point n + 1 is point n ⊕ v_c, c the position (from 1)
 * of the lowest zero bit of n: the Gray-code order, which visits the same first 2^m points as the natural order.
 * Dimension 1 (every m_i = 1) is the van der Corput sequence in base 2. A coordinate is the 32-bit integer over 2^32,
 * in [0, 1); integers and exclusive-or alone, so every machine gives the same numbers.
 *
 * Every dimension's first 2^m points (m ≤ 32) fall one in each of the 2^m intervals [i / 2^m, (i + 1) / 2^m): the
 * sequence is a (0, m, 1)-net in each coordinate, and its points fill the unit cube far more evenly than
 * independent uniform draws, so that the error of a mean over N points falls nearly as 1/N rather than 1/√N for
 * smooth integrands. That balance is exact for N a power of 2.
 *
 * A random digital shift (L'Ecuyer & Lemieux 2002, "Recent advances in randomized quasi-Monte Carlo methods";
 * Dick & Pillichshammer 2010, "Digital Nets and Sequences", §4.4) XORs each dimension's integers with one 32-bit
 * integer drawn once for that dimension. An XOR permutes the dyadic intervals of every length among themselves, so
 * the shifted points keep the net's balance, each point is uniform on [0, 1) over the shifts, and the all-zero first
 * point is no longer a corner of the cube. Owen's nested scrambling randomises more (and can lower the variance
 * further), but the shift keeps the sequence's structure and is one integer per dimension.
 */
import { sobolDirectionNumbers } from './sobol-direction-numbers.js';

/** The dimensions whose direction numbers are embedded: 1 (van der Corput) and one per line of the table. */
export const sobolDimensionLimit = sobolDirectionNumbers.length + 1;

/** Bits per coordinate: points beyond 2^32 would repeat. */
const bits = 32;

/** The 32 direction integers v_1 … v_32 of each dimension asked for so far, by dimension from 1. */
const directionCache = new Map<number, Uint32Array>();

/**
 * The direction integers v_1 … v_32 of `dimension` (from 1), as unsigned 32-bit integers (see the module's comment).
 * @throws RangeError when `dimension` is not a whole number from 1 to {@link sobolDimensionLimit}
 */
export function sobolDirectionIntegers(dimension: number): Uint32Array {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > sobolDimensionLimit)
    throw new RangeError(`expected a Sobol' dimension from 1 to ${sobolDimensionLimit}, got ${dimension}`);
  const known = directionCache.get(dimension);
  if (known !== undefined) return known;
  const directions = new Uint32Array(bits);
  if (dimension === 1) {
    for (let i = 1; i <= bits; i++) directions[i - 1] = 2 ** (bits - i);
  } else {
    const [degree = 0, coefficients = 0, ...initial] = (sobolDirectionNumbers[dimension - 2] as string).split(' ').map(Number);
    for (let i = 1; i <= degree; i++) directions[i - 1] = ((initial[i - 1] as number) << (bits - i)) >>> 0;
    for (let i = degree + 1; i <= bits; i++) {
      const back = directions[i - degree - 1] as number;
      let value = back ^ (back >>> degree);
      for (let k = 1; k < degree; k++) if ((coefficients >>> (degree - 1 - k)) & 1) value ^= directions[i - k - 1] as number;
      directions[i - 1] = value >>> 0;
    }
  }
  directionCache.set(dimension, directions);
  return directions;
}

/**
 * The first `count` points of the `dimensions`-dimensional Sobol' sequence (dimensions 1 … `dimensions`), each
 * coordinate the 32-bit integer x_j over 2^32, in [0, 1) — or, with `shift` (one unsigned 32-bit integer per
 * dimension), (x_j ⊕ shift_j) / 2^32, the digitally shifted sequence (see the module's comment).
 * @example
 * sobolPoints(4, 2) // [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 * @throws RangeError when `count` is not a whole number from 0 to 2^32, `dimensions` not one from 1 to
 *   {@link sobolDimensionLimit}, or `shift` not `dimensions` unsigned 32-bit integers
 */
export function sobolPoints(count: number, dimensions: number, shift?: readonly number[]): number[][] {
  if (!Number.isInteger(count) || count < 0 || count > 2 ** bits)
    throw new RangeError(`expected a count of Sobol' points from 0 to 2^${bits}, got ${count}`);
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > sobolDimensionLimit)
    throw new RangeError(`expected from 1 to ${sobolDimensionLimit} Sobol' dimensions, got ${dimensions}`);
  if (
    shift !== undefined &&
    (shift.length !== dimensions || !shift.every((value) => Number.isInteger(value) && value >= 0 && value < 2 ** bits))
  )
    throw new RangeError(`expected a shift of ${dimensions} unsigned 32-bit integers, one per dimension`);
  const directions = Array.from({ length: dimensions }, (_, index) => sobolDirectionIntegers(index + 1));
  const current = new Uint32Array(dimensions);
  const points: number[][] = [];
  for (let index = 0; index < count; index++) {
    if (index > 0) {
      // The lowest zero bit of index − 1 (index − 1 < 2^32 − 1, so it is one of bits 0 … 31).
      const previous = index - 1;
      const lowestZero = 31 - Math.clz32(~previous & (previous + 1));
      for (let dimension = 0; dimension < dimensions; dimension++)
        current[dimension] =
          ((current[dimension] as number) ^ ((directions[dimension] as Uint32Array)[lowestZero] as number)) >>> 0;
    }
    const point = new Array<number>(dimensions);
    for (let dimension = 0; dimension < dimensions; dimension++) {
      const integer =
        shift === undefined
          ? (current[dimension] as number)
          : ((current[dimension] as number) ^ (shift[dimension] as number)) >>> 0;
      point[dimension] = integer / 2 ** bits;
    }
    points.push(point);
  }
  return points;
}

/**
 * A random digital shift for {@link sobolPoints}: one unsigned 32-bit integer per dimension, ⌊u · 2^32⌋ of a uniform
 * u from `next` in [0, 1) (a random stream's `next`, itself a 32-bit integer over 2^32), drawn dimension by dimension.
 */
export function sobolDigitalShift(dimensions: number, next: () => number): number[] {
  return Array.from({ length: dimensions }, () => Math.floor(next() * 2 ** bits) >>> 0);
}
