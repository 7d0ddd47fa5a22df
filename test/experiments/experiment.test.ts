/**
 * Experiment files are refused when they would be accepted and then give a
 * wrong answer: text that breaks a table, labels or metrics that collide,
 * precision on a metric not kept, and factors that change nothing.
 */
import { describe, expect, it } from 'vitest';
import { experimentSchema, parseExperiment } from '../../src/experiments/index.js';
import { describeIssues, ScenarioError } from '../../src/scenario/index.js';

const base = {
  name: 'x',
  base: {},
  design: { type: 'factorial', factors: [{ path: 'parameters.staff.routineLoad', values: [0.7, 0.8] }] },
  variants: [
    { label: 'administrative-led', set: { mode: 'administrative-led' } },
    { label: 'co-production', set: { mode: 'co-production' } },
  ],
  metrics: ['satisfaction.end', 'load.staffMean'],
};

function problems(changes: Record<string, unknown>): Array<{ path: string; message: string }> {
  const parsed = experimentSchema.safeParse({ ...base, ...changes });
  return parsed.success ? [] : describeIssues(parsed.error.issues);
}

describe('experiment files', () => {
  it('accept a well-formed experiment', () => {
    expect(problems({})).toEqual([]);
  });

  it('refuse a variant label or a text value with a line break or a control character', () => {
    const labelled = problems({ variants: [{ label: 'co-\nproduction', set: {} }] });
    expect(labelled).toEqual([
      {
        path: 'variants[0].label',
        message: 'expected one line of text without control characters (no line breaks, tabs or text-direction overrides)',
      },
    ]);
    const valued = problems({
      design: { type: 'factorial', factors: [{ path: 'world.communities[0].name', values: ['a\tb', 'c'] }] },
    });
    expect(valued[0]?.path).toBe('design.factors[0].values[0]');
  });

  it('refuse two variants with one label, and a metric kept twice', () => {
    expect(
      problems({
        variants: [
          { label: 'same', set: { mode: 'administrative-led' } },
          { label: 'same', set: { mode: 'co-production' } },
        ],
      }),
    ).toEqual([{ path: 'variants[1].label', message: 'expected a label of its own: "same" is used by an earlier variant' }]);
    expect(problems({ metrics: ['satisfaction.end', 'satisfaction.end'] })).toEqual([
      { path: 'metrics[1]', message: 'expected each metric once: "satisfaction.end" is repeated' },
    ]);
  });

  it('refuse a precision target on a metric that is not kept', () => {
    expect(problems({ precision: { metrics: ['trust.end'], halfWidth: 0.01 } })).toEqual([
      {
        path: 'precision.metrics[0]',
        message: 'expected one of the kept metrics (satisfaction.end, load.staffMean): "trust.end" is not kept',
      },
    ]);
  });

  it('refuse a factor whose values mix types or repeat', () => {
    const mixed = problems({
      design: { type: 'factorial', factors: [{ path: 'seed', values: [1, 'text-seed', 7] }] },
    });
    expect(mixed).toEqual([{ path: 'design.factors[0].values', message: 'expected values of one type, got number and string' }]);
    const repeated = problems({
      design: { type: 'factorial', factors: [{ path: 'parameters.staff.routineLoad', values: [0.7, 0.7] }] },
    });
    expect(repeated).toEqual([{ path: 'design.factors[0].values[1]', message: 'expected distinct values: 0.7 is repeated' }]);
  });

  it('say a required field the file leaves out is missing', () => {
    const { design: _design, ...withoutDesign } = base;
    expect(() => parseExperiment(withoutDesign, 'mine.json')).toThrow(
      'mine.json: invalid experiment\n  - design: expected an object; missing (a required field)',
    );
  });

  it('tell a misspelt key the key meant, and a key of another design type only that it is unknown here', () => {
    const factors = [{ path: 'world.departments', values: [3, 4] }];
    const refusal = (design: unknown) => {
      try {
        parseExperiment({ ...base, design }, 'mine.json');
      } catch (error) {
        return (error as ScenarioError).problems;
      }
      throw new Error('not refused');
    };
    expect(refusal({ type: 'factorial', factors, repeats: 2 })).toEqual([
      { path: 'design.repeats', message: 'unknown key (check its spelling against the schema)' },
    ]);
    // `samples` is a key of the other design types, not a misspelling of one of the factorial's.
    expect(refusal({ type: 'factorial', factors, samples: 8 })).toEqual([
      { path: 'design.samples', message: 'unknown key (check its spelling against the schema)' },
    ]);
    // Another type's key is not offered either: "levels" is a Morris design's.
    expect(refusal({ type: 'factorial', factors, levles: 4 })).toEqual([
      { path: 'design.levles', message: 'unknown key (check its spelling against the schema)' },
    ]);
    expect(
      refusal({ type: 'morris', trajectories: 4, factors: [{ path: 'world.departments', range: [3, 6] }], levles: 4 }),
    ).toEqual([{ path: 'design.levles', message: 'unknown key (did you mean "levels"?)' }]);
    expect(refusal({ type: 'factorial', factors: [{ ...factors[0], valeus: [3] }] })[0]?.message).toMatch(
      /did you mean "values"\?/,
    );
  });

  it('name the design types when the type is none of them', () => {
    expect(problems({ design: { type: 'sobol', samples: 8, factors: [{ path: 'world.departments', range: [5, 8] }] } })).toEqual([
      { path: 'design.type', message: 'expected one of "factorial", "latin-hypercube", "morris", "saltelli"' },
    ]);
  });

  it('refuse a whole-number factor whose range holds no whole number', () => {
    const design = (range: [number, number]) => ({
      design: { type: 'latin-hypercube', samples: 4, factors: [{ path: 'world.departments', range, integer: true }] },
    });
    // [0.4, 0.8] was drawn as 0 and 1, both outside it.
    expect(problems(design([0.4, 0.8]))).toEqual([
      { path: 'design.factors[0].range', message: 'expected a range holding a whole number (the factor is integer)' },
    ]);
    expect(problems(design([0.4, 1]))).toEqual([]);
    // In a factorial design with steps, the range's problem alone: not also steps "repeating" values outside it.
    expect(
      problems({
        design: {
          type: 'factorial',
          factors: [{ path: 'world.departments', range: [5.2, 5.8], steps: 2, integer: true }],
        },
      }),
    ).toEqual([{ path: 'design.factors[0].range', message: 'expected a range holding a whole number (the factor is integer)' }]);
  });

  it('refuse a whole-number range with more steps than whole numbers, and steps where the design draws its values', () => {
    expect(
      problems({
        design: { type: 'factorial', factors: [{ path: 'world.departments', range: [5, 6], steps: 4, integer: true }] },
      }),
    ).toEqual([
      {
        path: 'design.factors[0].steps',
        message: 'expected at most 2 steps: whole numbers over [5, 6] take 2 values, and 4 steps repeat some (5, 5, 6, 6)',
      },
    ]);
    expect(
      problems({
        design: { type: 'factorial', factors: [{ path: 'world.departments', range: [5, 8], steps: 4, integer: true }] },
      }),
    ).toEqual([]);
    expect(
      problems({
        design: {
          type: 'morris',
          trajectories: 4,
          factors: [{ path: 'parameters.staff.routineLoad', range: [0.6, 0.9], steps: 5 }],
        },
      }),
    ).toEqual([
      { path: 'design.factors[0].steps', message: 'expected no steps: a morris design draws its own values over the range' },
    ]);
  });

  it('refuse factors that change nothing: the same path twice, a path and its parent, a path the variants set', () => {
    const twice = problems({
      design: {
        type: 'factorial',
        factors: [
          { path: 'parameters.staff.routineLoad', values: [0.7, 0.8] },
          { path: 'parameters.staff.routineLoad', values: [0.6, 0.9] },
        ],
      },
    });
    expect(twice).toEqual([
      {
        path: 'design.factors[1].path',
        message:
          'expected a path no other factor covers: "parameters.staff.routineLoad" overlaps factor 0 ("parameters.staff.routineLoad")',
      },
    ]);
    const nested = problems({
      design: {
        type: 'factorial',
        factors: [
          { path: 'world.communities[0]', values: ['x'] },
          { path: 'world.communities[0].sites', values: [30, 60] },
        ],
      },
    });
    expect(nested.map((problem) => problem.path)).toEqual(['design.factors[1].path']);
    const overridden = problems({
      design: { type: 'factorial', factors: [{ path: 'mode', values: ['pause', 'co-production'] }] },
    });
    expect(overridden).toEqual([
      {
        path: 'design.factors[0].path',
        message: 'expected a path the variants leave alone: the variants set "mode", which would override this factor',
      },
    ]);
  });

  it('refuse sizes that would hang or exhaust memory while planning, saying the limit', () => {
    expect(problems({ replicates: 1e9 })).toEqual([{ path: 'replicates', message: 'expected at most 100000' }]);
    const range = [{ path: 'parameters.staff.routineLoad', range: [0.5, 0.9] }];
    expect(problems({ design: { type: 'latin-hypercube', samples: 1e9, factors: range } })).toEqual([
      { path: 'design.samples', message: 'expected at most 1000000' },
    ]);
    expect(problems({ design: { type: 'morris', trajectories: 1e9, factors: range } })).toEqual([
      { path: 'design.trajectories', message: 'expected at most 1000000' },
    ]);
    const many = Array.from({ length: 10_000 }, (_, index) => ({ label: `v${index}`, set: {} }));
    expect(problems({ variants: many })).toEqual([{ path: 'variants', message: 'expected at most 100 items' }]);
    expect(problems({ precision: { metrics: ['satisfaction.end'], halfWidth: 0.01, maxReplicates: 1e9 } })).toEqual([
      { path: 'precision.maxReplicates', message: 'expected at most 100000' },
    ]);
  });
});

describe('parseExperiment', () => {
  it('gives the experiment with its defaults filled, as the schema does', () => {
    const experiment = parseExperiment(base, 'x.json');
    expect(experiment).toEqual(experimentSchema.parse(base));
    expect(experiment.description).toBe('');
  });

  it('refuses a wrong experiment with a ScenarioError naming the source and each field, not the schema error', () => {
    let thrown: unknown;
    try {
      parseExperiment({ ...base, variants: [{ name: 'a', set: {} }] }, 'mine.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    const error = thrown as ScenarioError;
    expect(error.source).toBe('mine.json');
    expect(error.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['variants[0].label', 'variants[0].name']),
    );
  });

  it('tells a list factor in a design that draws within ranges to give a range, once, keeping the other problems', () => {
    const design = {
      type: 'morris',
      trajectories: 4,
      factors: [
        { path: 'parameters.staff.routineLoad', values: [0.5, 0.7], integr: true },
        { path: 'parameters.staff.fatigueMemory', range: [0.2, 0.1] },
      ],
    };
    let thrown: unknown;
    try {
      parseExperiment({ ...base, design }, 'mine.json');
    } catch (error) {
      thrown = error;
    }
    const told = (thrown as ScenarioError).problems;
    expect(told[0]).toEqual({
      path: 'design.factors[0]',
      message:
        'a morris design draws within ranges: give "range": [low, high] in place of a list of "values" (lists are for factorial designs)',
    });
    // Neither "range: missing" nor "values: unknown key" for that factor, but its other problems; the second factor's
    // own problem stays.
    expect(told.filter((problem) => problem.path.startsWith('design.factors[0].'))).toEqual([
      { path: 'design.factors[0].integr', message: 'unknown key (did you mean "integer"?)' },
    ]);
    expect(told.map((problem) => problem.path)).toContain('design.factors[1].range');
    // A factorial design takes lists: nothing to tell.
    expect(() => parseExperiment(base, 'mine.json')).not.toThrow();
  });
});
