/** Designs, contrasts and sensitivity indices refuse a wrong argument from plain JavaScript with a ScenarioError naming the field. */
import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../src/core/index.js';
import {
  contrastSensitivity,
  designPointCount,
  designPoints,
  experimentContrasts,
  morrisIndices,
  sensitivity,
  sobolIndices,
} from '../../src/experiments/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

const factors = [{ path: 'parameters.staff.routineLoad', range: [0.7, 0.9], integer: false }];

describe('designs and contrasts refuse wrong arguments', () => {
  it('designPointCount and designPoints: the design against its schema', () => {
    for (const count of [designPointCount, (design: Any) => designPoints(design)]) {
      expect(() => count(null as Any)).toThrow(ScenarioError);
      expect(() => count({ type: 'factorials', factors: [] } as Any)).toThrow(/design: invalid design[\s\S]*type/);
      expect(() => count({ type: 'latin-hypercube', samples: '3', factors } as Any)).toThrow(
        /samples: expected a number, got the string "3"/,
      );
    }
    expect(() => designPoints({ type: 'latin-hypercube', samples: 3, factors } as Any, 5 as Any)).toThrow(
      /random: invalid random stream[\s\S]*got 5/,
    );
    expect(designPointCount({ type: 'latin-hypercube', samples: 3, factors } as Any)).toBe(3);
  });

  it('experimentContrasts: the variants and contrasts', () => {
    expect(() => experimentContrasts(null as Any)).toThrow(ScenarioError);
    expect(() => experimentContrasts({} as Any)).toThrow(/experiment: invalid experiment[\s\S]*variants/);
    expect(() => experimentContrasts({ variants: 'ab' } as Any)).toThrow(/variants: expected a list, got the string "ab"/);
    expect(() => experimentContrasts({ variants: [], contrasts: [{ from: 'a' }] } as Any)).toThrow(/contrasts\[0\]\.to/);
    const variants = [
      { label: 'a', set: {} },
      { label: 'b', set: {} },
    ];
    expect(experimentContrasts({ variants })).toEqual([{ from: 'a', to: 'b' }]);
  });
});

/** The problems of the ScenarioError `call` throws, as `path: message`, after checking its source. */
function refusal(call: () => unknown, source: string): string[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).source).toBe(source);
    return (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  throw new Error('not refused');
}

describe('sensitivity indices refuse wrong arguments, naming each and what was expected', () => {
  const random = () => 0.5;

  it('morrisIndices: factor paths, trajectories of k + 1 unit points of k numbers, one output a point', () => {
    expect(refusal(() => morrisIndices(['a', 'b'], [[0], [1]], [1, 2]), 'Morris arguments')).toEqual([
      'unit: expected trajectories × (k + 1) points, k + 1 = 3 a trajectory for k = 2 factors, got 2',
      'unit[0]: expected a point of 2 numbers (one a factor), got a list of 1',
    ]);
    const unit = [[0], [0.5]];
    expect(refusal(() => morrisIndices(['a'], unit, [1]), 'Morris arguments')).toEqual([
      'y: expected one output a unit point, 2 in all (trajectories × (k + 1)), got 1',
    ]);
    expect(refusal(() => morrisIndices(['a'], unit, [1, '2'] as Any), 'Morris arguments')).toEqual([
      'y[1]: expected a number, got the string "2"',
    ]);
    expect(refusal(() => (morrisIndices as Any)(), 'Morris arguments')).toEqual([
      'factors: expected a list of factor paths, got undefined',
    ]);
    expect(morrisIndices(['a'], unit, [1, Number.NaN])[0]?.effects).toBe(0);
  });

  it('sobolIndices: factor paths, N from 1, N × (k + 2) outputs, a random function, resamples from 1', () => {
    expect(refusal(() => sobolIndices(['a', 'b'], 4, [1, 2, 3], random), 'Sobol arguments')).toEqual([
      'y: expected N × (k + 2) = 4 × 4 outputs (f(A), f(B), then f(AB_i) for each of k = 2 factors), got 3',
    ]);
    for (const samples of [-1, Number.NaN, 1.5])
      expect(refusal(() => sobolIndices(['a'], samples, [1, 2, 3], random), 'Sobol arguments')).toEqual([
        `samples: expected a whole number ≥ 1, got ${samples}`,
      ]);
    const y = [1, 2, 3, 4, 5, 6];
    expect(refusal(() => sobolIndices(['a'], 2, y, random, -1), 'Sobol arguments')).toEqual([
      'resamples: expected a whole number ≥ 1, got -1',
    ]);
    expect(refusal(() => sobolIndices(['a'], 2, y, 3 as Any), 'Sobol arguments')).toEqual([
      'random: expected a function giving numbers uniform on [0, 1), got 3',
    ]);
    expect(refusal(() => (sobolIndices as Any)(), 'Sobol arguments')).toHaveLength(4);
    expect(sobolIndices(['a'], 2, y, random, 10)).toHaveLength(1);
  });

  it('contrastSensitivity and sensitivity: a sweep plan, its values and a random stream', () => {
    for (const [analyse, source] of [
      [contrastSensitivity, 'contrast sensitivity arguments'],
      [sensitivity, 'sensitivity arguments'],
    ] as const) {
      expect(refusal(() => (analyse as Any)(), source)).toEqual([
        'plan: expected a sweep plan (planSweep), got undefined',
        'values: expected sweep values (a Map: point → variant → metric → values), got undefined',
        'random: expected a random stream (createRandomSource(seed).stream(name)), got undefined',
      ]);
      expect(refusal(() => (analyse as Any)({}, {}, {}), source)).toEqual([
        'plan.experiment: expected the parsed experiment, got undefined',
        'plan.design: expected the design’s points (designPoints), got undefined',
        'plan.factors: expected a list of factor paths, got undefined',
        'values: expected sweep values (a Map: point → variant → metric → values), got an object',
        'random: expected a random stream (createRandomSource(seed).stream(name)), got an object',
      ]);
      const plan = {
        experiment: { design: { type: 'morris' }, metrics: ['y'], variants: [] },
        design: { points: [] },
        factors: ['x'],
      };
      expect(
        refusal(() => (analyse as Any)(plan, new Map([[0, new Map([['a', 5]])]]), createRandomSource(1).stream('s')), source),
      ).toEqual(['values.get(0).get("a"): expected a Map: metric → values, got 5']);
    }
  });
});
