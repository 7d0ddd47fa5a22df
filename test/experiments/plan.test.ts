/**
 * Planning a sweep: sizes and costs are checked before any point is made, and
 * a path's list index must name an element the base scenario has.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designPointCount, designPoints, experimentSchema, planSweep, sweepLimits } from '../../src/experiments/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

const tiny = JSON.parse(readFileSync('test/fixtures/tiny-sweep.json', 'utf8')) as Record<string, unknown> & {
  base: Record<string, unknown>;
};

function plan(changes: Record<string, unknown>, enforceBudget = true) {
  const experiment = experimentSchema.parse({ ...tiny, ...changes });
  return planSweep(experiment, experiment.base as Record<string, unknown>, 'tiny.json', { enforceBudget });
}

function refusal(changes: Record<string, unknown>, enforceBudget = true): string {
  try {
    plan(changes, enforceBudget);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
    throw error;
  }
  return '';
}

describe('planSweep', () => {
  it('estimates the runs, CPU time and memory of the tiny sweep', () => {
    const { estimate } = plan({});
    expect(estimate).toMatchObject({ points: 6, scenarios: 12, runs: 72 });
    // 200 households × 52 weeks × 60 ns + 0.5 ms per run, 72 runs.
    expect(estimate.cpuSeconds).toBeCloseTo(72 * (0.5e-3 + 200 * 52 * 60e-9), 9);
    expect(estimate.largestRunBytes).toBe(200 * 250 + 52 * 2000);
  });

  it('refuses a list index past the end of the base scenario’s list, before planning', () => {
    const factors = [{ path: 'world.communities[99999].sites', values: [10, 20] }];
    expect(refusal({ design: { type: 'factorial', factors } })).toBe(
      'design.factors[0].path: "world.communities[99999].sites": index 99999 is past the end of world.communities (1 element in the base scenario)',
    );
    const huge = [{ path: 'world.communities[1000000000].sites', values: [10] }];
    expect(refusal({ design: { type: 'factorial', factors: huge } })).toContain('index 1000000000 is past the end');
    expect(refusal({ variants: [{ label: 'v', set: { 'world.communities[1].sites': 3 } }] })).toContain(
      'variants[0].set: "world.communities[1].sites": index 1 is past the end',
    );
  });

  it('refuses an index into a list the base does not write out', () => {
    const base = { ...tiny.base, world: {} };
    const factors = [{ path: 'world.communities[0].sites', values: [10, 20] }];
    expect(refusal({ base, design: { type: 'factorial', factors } })).toContain('which the base scenario does not write out');
  });

  it('refuses a design past the hard limit at once, even when forced', () => {
    const factors = [
      { path: 'parameters.docking.confirmationChance', range: [0.1, 0.9], steps: 10_000 },
      { path: 'parameters.staff.routineLoad', range: [0.1, 0.9], steps: 10_000 },
      { path: 'parameters.staff.backlogCarryShare', range: [0.1, 0.9], steps: 10_000 },
    ];
    const started = performance.now();
    const message = refusal({ design: { type: 'factorial', factors } }, false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(message).toBe(
      `design: 1,000,000,000,000 points × 2 variants = 2,000,000,000,000 scenarios to plan, more than ${sweepLimits.scenarios.toLocaleString('en')} (each is held in memory); split the experiment into smaller ones`,
    );
  });

  it('refuses a sweep past the budget unless forced', () => {
    const samples = {
      design: { type: 'latin-hypercube', samples: 150_000, factors: [{ path: 'world.departments', range: [3, 6] }] },
    };
    expect(refusal(samples)).toContain('300,000 scenarios to plan, more than 200,000; pass --force to plan it anyway');
    const world = { communities: [{ name: 'T', households: 50_000, residents: 150_000 }], departments: 4 };
    const replicates = { replicates: 100_000, base: { ...tiny.base, world } };
    expect(refusal(replicates)).toMatch(
      /^replicates: 1,200,000 runs, estimated at .* CPU hours?, more than the budget of 24 CPU hours; pass --force/,
    );
    expect(refusal(replicates, false)).toBe('');
  });
});

describe('designPointCount', () => {
  it('counts the points each design makes without making them', () => {
    const designs = [
      {
        type: 'factorial',
        factors: [
          { path: 'a', values: [1, 2, 3] },
          { path: 'b', range: [0, 1], steps: 4 },
          { path: 'c', range: [0, 1] },
        ],
      },
      { type: 'latin-hypercube', samples: 7, factors: [{ path: 'a', range: [0, 1] }] },
      {
        type: 'morris',
        trajectories: 5,
        factors: [
          { path: 'a', range: [0, 1] },
          { path: 'b', range: [0, 1] },
        ],
      },
      {
        type: 'saltelli',
        samples: 8,
        factors: [
          { path: 'a', range: [0, 1] },
          { path: 'b', range: [0, 1] },
          { path: 'c', range: [0, 1] },
        ],
      },
    ];
    const counts = designs.map((design) => {
      const parsed = experimentSchema.parse({ ...tiny, design }).design;
      expect(designPointCount(parsed)).toBe(designPoints(parsed).points.length);
      return designPointCount(parsed);
    });
    expect(counts).toEqual([24, 7, 15, 40]);
  });
});
