import { describe, expect, it } from 'vitest';
import { createRandomSource, sobolDigitalShift, sobolDimensionLimit, sobolPoints } from '../../src/core/index.js';
import { designPointCount, designPoints, experimentLimits, setAtPath } from '../../src/experiments/index.js';

const range = (path: string, low: number, high: number) => ({ path, range: [low, high] as [number, number], integer: false });

describe('designPoints', () => {
  it('draws from the stream it is given, else from one seeded by the design', () => {
    const design = { type: 'latin-hypercube' as const, samples: 5, factors: [range('a', 0, 1)] };
    const seeded = (seed: number) => designPoints(design, createRandomSource(seed).stream('robustness')).points;
    expect(seeded(3)).toEqual(seeded(3));
    expect(seeded(3)).not.toEqual(seeded(4));
    expect(designPoints(design).points).toEqual(designPoints(design).points);
    expect(designPoints(design).points).not.toEqual(seeded(3));
  });

  it('crosses list and range factors in a full factorial', () => {
    const { points } = designPoints({
      type: 'factorial',
      factors: [
        { path: 'a', values: ['x', 'y'] },
        { ...range('b', 0, 1), steps: 3 },
      ],
    });
    expect(points).toEqual([
      { a: 'x', b: 0 },
      { a: 'x', b: 0.5 },
      { a: 'x', b: 1 },
      { a: 'y', b: 0 },
      { a: 'y', b: 0.5 },
      { a: 'y', b: 1 },
    ]);
  });

  it('puts exactly one Latin hypercube sample in each stratum of each factor', () => {
    const { points } = designPoints({ type: 'latin-hypercube', samples: 10, factors: [range('a', 0, 10), range('b', -1, 1)] });
    const strata = (key: string, low: number, high: number) =>
      points.map((point) => Math.floor(((point[key] as number) - low) / ((high - low) / 10))).sort((left, right) => left - right);
    expect(strata('a', 0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(strata('b', -1, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws each whole number of an integer factor as often as any other, and none outside its range', () => {
    const whole = (low: number, high: number) => ({ ...range('n', low, high), integer: true });
    const counts = (points: ReadonlyArray<Record<string, unknown>>) => {
      const tally = new Map<unknown, number>();
      for (const point of points) tally.set(point.n, (tally.get(point.n) ?? 0) + 1);
      return Object.fromEntries([...tally].sort(([left], [right]) => (left as number) - (right as number)));
    };
    // 800 strata over 8 whole numbers: exactly 100 each. Rounding the drawn point gave the ends about 57 each, the
    // others about 114.
    const hypercube = designPoints({ type: 'latin-hypercube', samples: 800, factors: [whole(5, 12)] }).points;
    expect(counts(hypercube)).toEqual({ 5: 100, 6: 100, 7: 100, 8: 100, 9: 100, 10: 100, 11: 100, 12: 100 });
    // A range whose ends are not whole numbers: its whole numbers 1, 2 and 3, as often as each other.
    const inner = designPoints({ type: 'latin-hypercube', samples: 30, factors: [whole(0.6, 3.4)] }).points;
    expect(counts(inner)).toEqual({ 1: 10, 2: 10, 3: 10 });
    // Saltelli's A and B rows come from the Sobol' sequence, whose every 8 consecutive points (from the first) fall one
    // in each eighth of [0, 1): over 2 × 4000 rows, each of the 8 whole numbers exactly 1000 times (independent
    // uniform rows gave each about 1000 ± 30).
    const saltelli = designPoints({ type: 'saltelli', samples: 4000, factors: [whole(5, 12), range('x', 0, 1)] }).points;
    expect(counts(saltelli.slice(0, 8000))).toEqual({
      5: 1000,
      6: 1000,
      7: 1000,
      8: 1000,
      9: 1000,
      10: 1000,
      11: 1000,
      12: 1000,
    });
  });

  it('builds Morris trajectories that move one factor by Δ at each step, up or down, on the grid', () => {
    const levels = 4;
    const delta = levels / (2 * (levels - 1));
    const trajectories = 40;
    const { unit } = designPoints({
      type: 'morris',
      trajectories,
      levels,
      factors: [range('a', 0, 1), range('b', 0, 1), range('c', 0, 1)],
    });
    expect(unit).toHaveLength(trajectories * 4);
    const directions = new Set<number>();
    for (let trajectory = 0; trajectory < trajectories; trajectory++) {
      const moved = new Set<number>();
      for (let step = 0; step < 3; step++) {
        const before = unit?.[trajectory * 4 + step] as number[];
        const after = unit?.[trajectory * 4 + step + 1] as number[];
        const changed = after
          .map((value, index) => value - (before[index] as number))
          .map((change, index) => [change, index] as const)
          .filter(([change]) => change !== 0);
        expect(changed).toHaveLength(1);
        expect(Math.abs(changed[0]?.[0] as number)).toBeCloseTo(delta, 12);
        directions.add(Math.sign(changed[0]?.[0] as number));
        moved.add(changed[0]?.[1] as number);
        // Every point on the grid of `levels` values in [0, 1].
        for (const value of after) {
          expect(value).toBeGreaterThanOrEqual(-1e-12);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
          expect(value * (levels - 1)).toBeCloseTo(Math.round(value * (levels - 1)), 12);
        }
      }
      expect(moved.size).toBe(3);
    }
    // Morris's random directions: factors move down as well as up.
    expect([...directions].sort()).toEqual([-1, 1]);
    // Two levels, two factors: 2! orders × 2² directions = 8 distinct trajectories, all of which come up in 200.
    const small = designPoints({ type: 'morris', trajectories: 200, levels: 2, factors: [range('a', 0, 1), range('b', 0, 1)] });
    const distinct = new Set(
      Array.from({ length: 200 }, (_, trajectory) => JSON.stringify(small.unit?.slice(3 * trajectory, 3 * trajectory + 3))),
    );
    expect(distinct.size).toBe(8);
  });

  it('gives each level of a Morris grid one value, however a trajectory reached it', () => {
    // 16 levels over [0.2, 1.7]: coordinates reached by adding Δ could differ from the same level drawn directly in
    // their last digit, and a value such as 0.5333… was written two ways in one sweep.
    const levels = 16;
    const factor = range('x', 0.2, 1.7);
    const { points, unit } = designPoints({ type: 'morris', trajectories: 300, levels, factors: [factor, range('y', 0, 3)] });
    for (const [index, path] of ['x', 'y'].entries()) {
      const coordinates = new Set(unit?.map((row) => row[index]));
      expect(coordinates.size).toBe(levels);
      for (const coordinate of coordinates)
        expect(coordinate).toBe(Math.round((coordinate as number) * (levels - 1)) / (levels - 1));
      expect(new Set(points.map((point) => point[path])).size).toBe(levels);
    }
  });

  it('lays out Saltelli samples as A, B and each A with one column from B', () => {
    const n = 6;
    const { unit } = designPoints({ type: 'saltelli', samples: n, factors: [range('a', 0, 1), range('b', 0, 1)] });
    expect(unit).toHaveLength(n * 4);
    for (let row = 0; row < n; row++) {
      const a = unit?.[row] as number[];
      const b = unit?.[n + row] as number[];
      expect(unit?.[2 * n + row]).toEqual([b[0], a[1]]);
      expect(unit?.[3 * n + row]).toEqual([a[0], b[1]]);
    }
  });

  it('draws Saltelli’s A and B from the Sobol’ sequence: with N a power of 2, one row of each in each 1/N of every range', () => {
    const n = 256;
    const factors = [range('a', 0, 1), range('b', 0, 1), range('c', 0, 1)];
    const design = { type: 'saltelli' as const, samples: n, factors };
    const strata = (rows: number[][], column: number) =>
      rows.map((row) => Math.floor((row[column] as number) * n)).sort((left, right) => left - right);
    const every = Array.from({ length: n }, (_, index) => index);
    for (const random of [undefined, createRandomSource(3).stream('design')]) {
      const unit = designPoints(design, random).unit as number[][];
      const a = unit.slice(0, n);
      const b = unit.slice(n, 2 * n);
      for (let column = 0; column < 3; column++) {
        expect(strata(a, column)).toEqual(every);
        expect(strata(b, column)).toEqual(every);
      }
      // No row is a corner or an edge of the cube: the shift moves the sequence's all-zero first point.
      expect(unit.flat().filter((value) => value === 0)).toEqual([]);
    }
  });

  it('shifts the Saltelli design’s sequence by the seed: another seed, other points as evenly spread', () => {
    const design = { type: 'saltelli' as const, samples: 64, factors: [range('a', 0, 1), range('b', 0, 1)] };
    const seeded = (seed: number) => designPoints(design, createRandomSource(seed).stream('design')).unit;
    expect(seeded(1)).toEqual(seeded(1));
    expect(seeded(1)).not.toEqual(seeded(2));
    expect(designPoints(design).unit).not.toEqual(seeded(1));
  });

  it('has the Sobol’ dimensions a Saltelli design of as many factors as the schema allows takes', () => {
    // A and B take 2k dimensions of the sequence: the schema's limit of factors must stay within those embedded.
    expect(2 * experimentLimits.factors).toBeLessThanOrEqual(sobolDimensionLimit);
    const k = experimentLimits.factors;
    const stream = createRandomSource(1).stream('design');
    const rows = sobolPoints(
      4,
      2 * k,
      sobolDigitalShift(2 * k, () => stream.next()),
    );
    expect(rows.every((row) => row.length === 2 * k && row.every((value) => value >= 0 && value < 1))).toBe(true);
  });

  it('fills in what a design written in code leaves out, as parsing a file would: a Morris grid of 4 levels', () => {
    const written = { type: 'morris' as const, trajectories: 3, factors: [range('a', 0.7, 0.9)] };
    const points = designPoints(written as never);
    expect(points).toEqual(designPoints({ ...written, levels: 4 }));
    expect(points.points.every((point) => Number.isFinite(point.a))).toBe(true);
    expect(designPointCount(written as never)).toBe(6);
  });

  it('gives the same points for the same design', () => {
    const design = { type: 'latin-hypercube' as const, samples: 5, factors: [range('a', 0, 1)] };
    expect(designPoints(design)).toEqual(designPoints(design));
  });
});

describe('setAtPath', () => {
  it('sets nested values, array elements and preset modes without changing the input', () => {
    const input = { mode: 'co-production', world: { communities: [{ name: 'Y', sites: 60 }] } };
    const changed = setAtPath(setAtPath(input, 'world.communities[0].sites', 30), 'mode.integration', false);
    expect(changed).toEqual({
      mode: { participation: true, integration: false, pressure: 'low', renewal: 'active' },
      world: { communities: [{ name: 'Y', sites: 30 }] },
    });
    expect(input.world.communities[0]?.sites).toBe(60);
    expect(setAtPath({}, 'parameters.docking.confirmationChance', 0.8)).toEqual({
      parameters: { docking: { confirmationChance: 0.8 } },
    });
  });
});
