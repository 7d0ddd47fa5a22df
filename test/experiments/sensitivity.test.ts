/**
 * Sensitivity analysis checked on the Ishigami function, f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁
 * with a = 7, b = 0.1 on [−π, π]³, whose indices are known analytically
 * (Ishigami & Homma 1990; Saltelli et al. 2008): S = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
 */
import { describe, expect, it } from 'vitest';
import { createRandomSource, type RandomStream, spearmanCorrelation } from '../../src/core/index.js';
import { designPoints, morrisIndices, prccIndices, sobolIndices, sobolUndefinedReason } from '../../src/experiments/index.js';

const ishigami = (x: number[]) =>
  Math.sin(x[0] as number) + 7 * Math.sin(x[1] as number) ** 2 + 0.1 * (x[2] as number) ** 4 * Math.sin(x[0] as number);
const factors = ['x1', 'x2', 'x3'].map((path) => ({ path, range: [-Math.PI, Math.PI] as [number, number], integer: false }));
const toVector = (point: Record<string, unknown>) => ['x1', 'x2', 'x3'].map((key) => point[key] as number);

/**
 * Tolerance on each index with 8192 Saltelli rows. On the Sobol' sequence the largest error of the six estimates is
 * 0.0006 for this design and at most 0.0021 over 20 seeds; independent uniform rows gave errors up to 0.039.
 */
const tolerance = 0.005;
/** The analytic indices, S then ST per factor. */
const analytic = [
  { first: 0.3139, total: 0.5576 },
  { first: 0.4424, total: 0.4424 },
  { first: 0, total: 0.2437 },
];

describe('Sobol indices on the Ishigami function', () => {
  const samples = 8192;
  const { points } = designPoints({ type: 'saltelli', samples, factors });
  const y = points.map((point) => ishigami(toVector(point)));
  const stream = createRandomSource(11).stream('bootstrap');
  const indices = sobolIndices(['x1', 'x2', 'x3'], samples, y, () => stream.next(), 200);

  it(`estimates first-order and total indices within ±${tolerance} of the analytic values`, () => {
    const expected = analytic;
    expect(points).toHaveLength(samples * 5);
    indices.forEach((index, i) => {
      expect(Math.abs(index.first.mean - (expected[i]?.first as number)), `S${i + 1} = ${index.first.mean}`).toBeLessThan(
        tolerance,
      );
      expect(Math.abs(index.total.mean - (expected[i]?.total as number)), `ST${i + 1} = ${index.total.mean}`).toBeLessThan(
        tolerance,
      );
    });
  });

  it('gives the same indices whatever constant the output carries', () => {
    const shiftedStream = createRandomSource(11).stream('bootstrap');
    const shifted = sobolIndices(
      ['x1', 'x2', 'x3'],
      samples,
      y.map((value) => value + 100),
      () => shiftedStream.next(),
      200,
    );
    shifted.forEach((index, i) => {
      expect(index.first.mean).toBeCloseTo(indices[i]?.first.mean as number, 9);
      expect(index.total.mean).toBeCloseTo(indices[i]?.total.mean as number, 9);
      expect(index.first.high).toBeCloseTo(indices[i]?.first.high as number, 9);
    });
  });

  it('gives bootstrap intervals that contain the analytic values', () => {
    expect(indices[0]?.total.low).toBeLessThan(0.5576);
    expect(indices[0]?.total.high).toBeGreaterThan(0.5576);
    expect(indices[1]?.first.low).toBeLessThan(0.4424);
    expect(indices[1]?.first.high).toBeGreaterThan(0.4424);
  });
});

describe('Sobol indices on the Ishigami function from the Sobol’ sequence and from independent rows', () => {
  const samples = 1024;
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const design = { type: 'saltelli' as const, samples, factors };
  /** The largest error of the six estimates from a Saltelli layout in unit scale (A, B, then each AB_i). */
  const largestError = (unit: number[][]) => {
    const y = unit.map((row) => ishigami(row.map((value) => -Math.PI + value * 2 * Math.PI)));
    const stream = createRandomSource(11).stream('bootstrap');
    const indices = sobolIndices(['x1', 'x2', 'x3'], samples, y, () => stream.next(), 1);
    return Math.max(
      ...indices.flatMap((index, i) => [
        Math.abs(index.first.mean - (analytic[i]?.first as number)),
        Math.abs(index.total.mean - (analytic[i]?.total as number)),
      ]),
    );
  };
  /** The same layout with A and B drawn as independent uniform numbers, row by row (the design's former rows). */
  const independentRows = (random: RandomStream) => {
    const a = Array.from({ length: samples }, () => factors.map(() => random.next()));
    const b = Array.from({ length: samples }, () => factors.map(() => random.next()));
    return [
      ...a,
      ...b,
      ...factors.flatMap((_, i) => a.map((row, j) => row.map((value, c) => (c === i ? (b[j]?.[c] as number) : value)))),
    ];
  };
  const rootMeanSquare = (values: number[]) =>
    Math.sqrt(values.reduce((total, value) => total + value * value, 0) / values.length);

  it('errs several times less at 1024 rows on the sequence', () => {
    const sequence = seeds.map((seed) =>
      largestError(designPoints(design, createRandomSource(seed).stream('design')).unit ?? []),
    );
    const independent = seeds.map((seed) => largestError(independentRows(createRandomSource(seed).stream('design'))));
    // Measured over these seeds: 0.014 against 0.049 (root mean square of the largest errors); every seed's largest
    // error 0.020 at most on the sequence, from 0.029 to 0.073 with independent rows.
    expect(rootMeanSquare(sequence)).toBeLessThan(rootMeanSquare(independent) / 2);
    for (const error of sequence) expect(error).toBeLessThan(0.025);
  });
});

describe('Morris elementary effects on the Ishigami function', () => {
  it('ranks x1 and x2 above x3 by μ* and flags x1 and x3 as interacting (σ > 0)', () => {
    const design = { type: 'morris' as const, trajectories: 60, levels: 4, factors };
    const { points, unit } = designPoints(design);
    expect(points).toHaveLength(60 * 4);
    const indices = morrisIndices(
      ['x1', 'x2', 'x3'],
      unit ?? [],
      points.map((point) => ishigami(toVector(point))),
    );
    const [x1, x2, x3] = indices;
    expect(x1?.effects).toBe(60);
    expect(x3?.muStar as number).toBeLessThan(x1?.muStar as number);
    expect(x3?.muStar as number).toBeLessThan(x2?.muStar as number);
    expect(x1?.sigma as number).toBeGreaterThan(0);
    expect(x3?.sigma as number).toBeGreaterThan(0);
  });
});

describe('the sign consistency of Morris elementary effects', () => {
  it('is the share of the non-zero effects with the sign of μ', () => {
    // One factor, four trajectories of one step of Δ = 0.5: effects 2, 2, −1 and 0.
    const unit = [[0], [0.5], [0], [0.5], [0.5], [1], [0.25], [0.75]];
    const y = [0, 1, 0, 1, 1, 0.5, 3, 3];
    const [index] = morrisIndices(['x'], unit, y);
    expect(index).toMatchObject({ mu: 0.75, muStar: 1.25, effects: 4 });
    // μ > 0; of the three non-zero effects two are positive.
    expect(index?.signConsistency).toBeCloseTo(2 / 3, 12);
    expect(morrisIndices(['x'], unit, [0, 0, 1, 1, 2, 2, 3, 3])[0]?.signConsistency).toBeNaN();
    // Effects 2 and −2 cancel out (μ = 0, μ* = 2): there is no sign to agree with, rather than none agreeing.
    const cancelling = morrisIndices(['x'], [[0], [0.5], [0], [0.5]], [0, 1, 1, 0])[0];
    expect(cancelling).toMatchObject({ mu: 0, muStar: 2, effects: 2 });
    expect(cancelling?.signConsistency).toBeNaN();
  });
});

describe('Morris elementary effects of an integer factor', () => {
  it('divide by the step the rounded value actually took, as for a continuous factor (coefficient × range)', () => {
    // y = 3n − 2x: n a whole number in [1, 3] (levels 4 round to 1, 2, 2, 3), x continuous in [0, 5].
    const design = {
      type: 'morris' as const,
      trajectories: 30,
      levels: 4,
      factors: [
        { path: 'n', range: [1, 3] as [number, number], integer: true },
        { path: 'x', range: [0, 5] as [number, number], integer: false },
      ],
    };
    const { points, unit } = designPoints(design);
    const y = points.map((point) => 3 * (point.n as number) - 2 * (point.x as number));
    const [n, x] = morrisIndices(['n', 'x'], unit ?? [], y);
    expect(n?.mu).toBeCloseTo(3 * 2, 12);
    expect(n?.muStar).toBeCloseTo(3 * 2, 12);
    expect(n?.sigma).toBeCloseTo(0, 12);
    expect(x?.mu).toBeCloseTo(-2 * 5, 12);
    expect(n?.effects).toBe(30);
  });

  it('count no effect where a step goes between levels that round alike', () => {
    // n in [0.2, 2]: the levels 0.2, 0.8, 1.4, 2 round to 0, 1, 1, 2, and 0 is outside the range's whole numbers 1 and
    // 2, so they take 1, 1, 1, 2: a step from the first level moves nothing.
    const design = {
      type: 'morris' as const,
      trajectories: 40,
      levels: 4,
      factors: [{ path: 'n', range: [0.2, 2] as [number, number], integer: true }],
    };
    const { points, unit } = designPoints(design);
    const [n] = morrisIndices(
      ['n'],
      unit ?? [],
      points.map((point) => 3 * (point.n as number)),
    );
    const moved = points.filter((point, index) => index % 2 === 1 && point.n !== points[index - 1]?.n).length;
    expect(n?.effects).toBe(moved);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(40);
    // An effect is the change in output over the change in unit coordinate: 3 a whole number, the range 1.8 wide.
    expect(n?.mu).toBeCloseTo(3 * 1.8, 12);
  });
});

describe('Sobol indices of an output undefined at some design points', () => {
  // 64 base rows of the Ishigami design; the outputs of A, B and each AB_i in that order, N values each.
  const samples = 64;
  const { points } = designPoints({ type: 'saltelli', samples, factors });
  const y = points.map((point) => ishigami(toVector(point)));
  const block = (values: number[], matrix: number) => values.slice(matrix * samples, (matrix + 1) * samples);
  /** The outputs of the design with base rows `left` taken out of every matrix: a design of N − |left| rows. */
  const without = (values: number[], left: readonly number[]) =>
    [0, 1, 2, 3, 4].flatMap((matrix) => block(values, matrix).filter((_, row) => !left.includes(row)));
  const indicesOf = (values: number[], rows: number) => {
    const stream = createRandomSource(5).stream('bootstrap');
    return sobolIndices(['x1', 'x2', 'x3'], rows, values, () => stream.next(), 200);
  };

  it('leaves a base row out of every factor’s estimates and intervals where f(A) or f(B) is undefined there', () => {
    const undefinedAt = [...y];
    undefinedAt[7] = Number.NaN; // f(A) of row 7
    undefinedAt[samples + 20] = Number.NaN; // f(B) of row 20
    const indices = indicesOf(undefinedAt, samples);
    const reduced = indicesOf(without(y, [7, 20]), samples - 2);
    indices.forEach((index, i) => {
      expect(index.first).toEqual(reduced[i]?.first);
      expect(index.total).toEqual(reduced[i]?.total);
      expect(index.first.count).toBe(samples - 2);
      expect(Number.isFinite(index.first.mean) && Number.isFinite(index.total.mean)).toBe(true);
    });
  });

  it('leaves a row out of only the factor whose f(AB_i) is undefined there', () => {
    const undefinedAt = [...y];
    undefinedAt[(2 + 1) * samples + 9] = Number.NaN; // f(AB_2) of row 9: x2's estimators alone use it
    const indices = indicesOf(undefinedAt, samples);
    const reduced = indicesOf(without(y, [9]), samples - 1);
    const whole = indicesOf(y, samples);
    expect(indices[1]?.first.mean).toBe(reduced[1]?.first.mean);
    expect(indices[1]?.total.mean).toBe(reduced[1]?.total.mean);
    expect(indices[1]?.total.count).toBe(samples - 1);
    expect(indices[0]?.first.mean).toBe(whole[0]?.first.mean);
    expect(indices[2]?.total.mean).toBe(whole[2]?.total.mean);
    expect(indices[0]?.first.count).toBe(samples);
  });

  it('gives NaN indices and intervals, not an interval without its estimate, when no row is defined', () => {
    const indices = indicesOf(
      y.map(() => Number.NaN),
      samples,
    );
    for (const index of indices)
      for (const value of [
        index.first.mean,
        index.first.low,
        index.first.high,
        index.total.mean,
        index.total.low,
        index.total.high,
      ])
        expect(value).toBeNaN();
  });
});

describe('why every Sobol index of an output is undefined', () => {
  it('names the value of an output that is the same wherever it is defined', () => {
    expect(sobolUndefinedReason([0.3, 0.3, Number.NaN, 0.3])).toBe(
      'the output is 0.3 at every design point where it is defined: its variance is 0, and the indices divide by it',
    );
  });

  it('says when the output is defined at no design point', () => {
    expect(sobolUndefinedReason([Number.NaN, Number.NaN])).toBe('the output is undefined at every design point');
    expect(sobolUndefinedReason([])).toBe('the output is undefined at every design point');
  });

  it('gives no reason for an output that varies, however little', () => {
    expect(sobolUndefinedReason([0.3, 0.3, 0.3 + 1e-12])).toBeUndefined();
  });

  it('names y when it is not a list of numbers, rather than failing inside or reading text as an undefined output', () => {
    // Unchecked, null failed with "y is not iterable" and "ab" read "the output is undefined at every design point".
    expect(() => sobolUndefinedReason(null as never)).toThrow(
      'Sobol arguments: invalid arguments\n  - y: expected a list of numbers, got null',
    );
    expect(() => sobolUndefinedReason('ab' as never)).toThrow(/- y: expected a list of numbers/);
    expect(() => sobolUndefinedReason([0.3, '0.3'] as never)).toThrow(/- y\[1\]: expected a number, got the string "0\.3"/);
  });

  it('agrees with the estimators: a constant output gives NaN indices', () => {
    const stream = createRandomSource(5).stream('bootstrap');
    const [index] = sobolIndices(['x1'], 4, new Array(12).fill(2), () => stream.next(), 50);
    expect(index?.first.mean).toBeNaN();
    expect(index?.total.mean).toBeNaN();
  });
});

describe('bootstrap intervals of Sobol indices from few rows', () => {
  it('leave out resamples whose rows do not vary, rather than end at ±Infinity', () => {
    // f(A) = f(B) = [0, 0, 1]: a resample of rows 0 and 1 alone has no variance, while f(AB) differs from f(A) there.
    const stream = createRandomSource(5).stream('bootstrap');
    const [index] = sobolIndices(['x1'], 3, [0, 0, 1, 0, 0, 1, 1, 0, 0], () => stream.next(), 200);
    for (const interval of [index?.first, index?.total]) {
      expect(Number.isFinite(interval?.low)).toBe(true);
      expect(Number.isFinite(interval?.high)).toBe(true);
      expect(interval?.low as number).toBeLessThanOrEqual(interval?.mean as number);
      expect(interval?.high as number).toBeGreaterThanOrEqual(interval?.mean as number);
    }
  });
});

describe('partial rank correlation coefficients over a Latin hypercube', () => {
  const stream = createRandomSource(11).stream('prcc');
  const unit = (samples: number, k: number) => {
    const { points } = designPoints(
      {
        type: 'latin-hypercube',
        samples,
        factors: Array.from({ length: k }, (_, index) => ({ path: `x${index}`, range: [0, 1], integer: false })),
      },
      stream,
    );
    return points.map((point) => Array.from({ length: k }, (_, index) => point[`x${index}`] as number));
  };

  it('give the sign and strength of each monotone effect, near 0 for a factor with none', () => {
    const x = unit(200, 3);
    const noise = createRandomSource(12).stream('noise');
    const y = x.map(([a, b]) => 3 * (a as number) - 2 * (b as number) + 0.2 * (noise.next() - 0.5));
    const [first, second, third] = prccIndices(['x0', 'x1', 'x2'], x, y);
    expect(first?.prcc).toBeGreaterThan(0.9);
    expect(second?.prcc).toBeLessThan(-0.9);
    expect(Math.abs(third?.prcc ?? 1)).toBeLessThan(0.2);
    expect(first?.pValue).toBeLessThan(1e-10);
    expect(third?.pValue).toBeGreaterThan(0.01);
    expect(first?.points).toBe(200);
  });

  it('read a monotone effect whole, however curved: 1 with p = 0 where the output follows one factor alone', () => {
    const x = unit(50, 2);
    const [curved, other] = prccIndices(
      ['a', 'b'],
      x,
      x.map(([a]) => Math.exp(5 * (a as number))),
    );
    expect(curved?.prcc).toBeCloseTo(1, 12);
    expect(curved?.pValue).toBe(0);
    expect(Number.isNaN(other?.prcc ?? 0) || Math.abs(other?.prcc ?? 1) < 1e-6).toBe(true);
  });

  it('partial out a correlated factor, where a plain rank correlation credits both', () => {
    const noise = createRandomSource(13).stream('noise');
    const x = unit(100, 1).map(([a]) => [a as number, (a as number) + 0.05 * (noise.next() - 0.5)]);
    // The output follows a, with noise of its own (followed exactly, nothing of it would be left once a is out).
    const y = x.map(([a]) => (a as number) + 0.05 * (noise.next() - 0.5));
    expect(
      spearmanCorrelation(
        x.map((point) => point[1] as number),
        y,
      ),
    ).toBeGreaterThan(0.9);
    // With shadow held, what is left of a is shadow's small noise, which the output follows half-way against its own
    // noise of the same size (PRCC about 1/√2); with a held, what is left of shadow is noise the output never saw.
    const [own, shadow] = prccIndices(['a', 'shadow'], x, y);
    expect(own?.prcc).toBeGreaterThan(0.5);
    expect(own?.pValue).toBeLessThan(1e-6);
    expect(Math.abs(shadow?.prcc ?? 1)).toBeLessThan(0.25);
  });

  it('is, with two factors, the partial correlation of the rank correlations, in closed form', () => {
    const noise = createRandomSource(14).stream('noise');
    const x = unit(40, 2).map(([a, b]) => [a as number, 0.5 * (a as number) + (b as number)]);
    const y = x.map(([a, b]) => Math.log(1 + (a as number)) - (b as number) ** 3 + 0.3 * noise.next());
    const column = (index: number) => x.map((point) => point[index] as number);
    const ay = spearmanCorrelation(column(0), y);
    const by = spearmanCorrelation(column(1), y);
    const ab = spearmanCorrelation(column(0), column(1));
    const [a, b] = prccIndices(['a', 'b'], x, y);
    expect(a?.prcc).toBeCloseTo((ay - ab * by) / Math.sqrt((1 - ab ** 2) * (1 - by ** 2)), 10);
    expect(b?.prcc).toBeCloseTo((by - ab * ay) / Math.sqrt((1 - ab ** 2) * (1 - ay ** 2)), 10);
  });

  it('is the Spearman correlation with one factor, and leaves out points where the output is undefined', () => {
    const x = unit(30, 1);
    const y = x.map(([a], index) => (index % 7 === 0 ? Number.NaN : Math.sin(4 * (a as number))));
    const kept = y.flatMap((value, index) => (Number.isNaN(value) ? [] : [index]));
    const [only] = prccIndices(['a'], x, y);
    expect(only?.points).toBe(kept.length);
    expect(only?.prcc).toBeCloseTo(
      spearmanCorrelation(
        kept.map((index) => x[index]?.[0] as number),
        kept.map((index) => y[index] as number),
      ),
      12,
    );
  });

  it('are undefined with fewer than k + 2 points, and refuse what is not a design and its outputs', () => {
    const x = unit(4, 3);
    expect(prccIndices(['a', 'b', 'c'], x, [1, 2, 3, 4]).map((index) => Number.isNaN(index.prcc))).toEqual([true, true, true]);
    expect(prccIndices(['a', 'b', 'c'], x, [1, 2, 3, 4])[0]?.points).toBe(4);
    expect(() => prccIndices(['a'], [[1], [2]], [1])).toThrow('y: expected 2 numbers, one a point, got 1');
    expect(() => prccIndices(['a', 'b'], [[1], [2]], [1, 2])).toThrow('x[0]: expected 2 numbers, one a factor');
  });
});
