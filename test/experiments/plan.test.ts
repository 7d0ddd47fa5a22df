/**
 * Planning a sweep: sizes and costs are checked before any point is made, and
 * a path's list index must name an element the base scenario has. A city base
 * plans every point and variant as a whole city run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  designPointCount,
  designPoints,
  experimentSchema,
  initialUnits,
  needsMoreReplicates,
  type PlanOptions,
  planSweep,
  runUnit,
  runUnitSteps,
  summaryMetricNames,
  sweepLimits,
  sweepRunName,
  unitReplicates,
} from '../../src/experiments/index.js';
import { parseCity } from '../../src/generators/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { defineExtension, defineModel, type ModelDefinition, summariseCityRun } from '../../src/simulation/index.js';

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
    // 72 runs of 0.5 ms, and 52 weeks of 200 households at 30 ns and one community at 40 µs; under co-production (36
    // runs) one planning cycle of 4 council meetings, each of 12 deliberators scoring 30 proposals at 200 ns.
    expect(estimate.cpuSeconds).toBeCloseTo(
      72 * (0.5e-3 + 52 * (200 * 30e-9 + 40e-6 * (1 + 1 / 4000))) + 36 * 4 * 12 * 30 * 200e-9,
      9,
    );
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

  it('names the experiment field that sets a value no scenario takes: a listed value, a range, a variant', () => {
    const listed = [
      { path: 'parameters.docking.confirmationChance', values: [0.4, 1.5] },
      { path: 'world.communities[0].sites', values: [12] },
    ];
    expect(refusal({ design: { type: 'factorial', factors: listed } })).toBe(
      'design.factors[0].values[1]: expected at most 1, got 1.5 (at point 1)',
    );
    const sites = [{ path: 'world.communities[0].sites', values: [12, 0] }];
    expect(refusal({ design: { type: 'factorial', factors: sites } })).toBe(
      'design.factors[0].values[1]: expected at least 1, got 0 (at point 1)',
    );
    const drawn = [{ path: 'parameters.docking.confirmationChance', range: [0.5, 1.5] }];
    expect(refusal({ design: { type: 'latin-hypercube', samples: 20, factors: drawn } })).toBe(
      "design.factors[0].range: expected at most 1, got 1.5 (the range's high end)",
    );
    // A range of decimals for a whole-number parameter is told to say integer: true, at its end or at a point drawn in it.
    const departments = [{ path: 'world.departments', range: [2.5, 12] }];
    expect(refusal({ design: { type: 'latin-hypercube', samples: 2, factors: departments } })).toBe(
      'design.factors[0].range: expected a whole number, got a number with a fractional part (2.5, the range\'s low end); a whole-number parameter\'s range needs "integer": true',
    );
    expect(
      refusal({ design: { type: 'latin-hypercube', samples: 2, factors: [{ path: 'world.departments', range: [2, 12] }] } }),
    ).toMatch(
      /^design\.factors\[0\]\.range: expected a whole number, got a number with a fractional part \([\d.]+ at point 0\); a whole-number parameter's range needs "integer": true$/,
    );
    expect(
      refusal({
        variants: [
          { label: 'a', set: {} },
          { label: 'b', set: { mode: 'hyper' } },
        ],
      }),
    ).toMatch(/^variants\[1\]\.set\.mode: /);
  });

  it('refuses a range past the schema’s limits whatever the points drawn in it, naming the end', () => {
    // Drawn in [0.5, 1.0001), the points of these designs all fall within the limit of 1: the range's end does not.
    const past = [{ path: 'parameters.docking.confirmationChance', range: [0.5, 1.0001] }];
    for (const design of [
      { type: 'latin-hypercube', samples: 20, factors: past },
      { type: 'saltelli', samples: 4, factors: past },
      {
        type: 'morris',
        trajectories: 2,
        levels: 4,
        factors: [...past, { path: 'parameters.staff.routineLoad', range: [0.7, 0.9] }],
      },
    ])
      expect(refusal({ design }), design.type).toBe(
        "design.factors[0].range: expected at most 1, got 1.0001 (the range's high end)",
      );
    // Points drawn past the limit too: still the range and its end, not a point drawn in it.
    const far = [{ path: 'parameters.docking.confirmationChance', range: [0.5, 7] }];
    expect(refusal({ design: { type: 'latin-hypercube', samples: 4, factors: far } })).toBe(
      "design.factors[0].range: expected at most 1, got 7 (the range's high end)",
    );
    // A whole-number factor's ends are the first and last whole numbers of its range: 0 from −0.5, below the least 1 site
    // (which neither of the 2 points drawn over 0 … 400 takes).
    const sites = [{ path: 'world.communities[0].sites', range: [-0.5, 400], integer: true }];
    expect(refusal({ design: { type: 'latin-hypercube', samples: 2, factors: sites } })).toBe(
      "design.factors[0].range: expected at least 1, got 0 (the range's low end, the first whole number from -0.5)",
    );
    // Ends within the limits plan as before.
    const within = [{ path: 'parameters.docking.confirmationChance', range: [0, 1] }];
    expect(plan({ design: { type: 'saltelli', samples: 4, factors: within } }).estimate.points).toBe(4 * 3);
  });

  it('blames a misspelt path on the path, not on the values set there', () => {
    const misspelt = [{ path: 'parameters.staff.routineLoadd', values: [0.7] }];
    expect(refusal({ design: { type: 'factorial', factors: misspelt } })).toBe(
      'design.factors[0].path: unknown key (did you mean "routineLoad"?): "parameters.staff.routineLoadd"',
    );
    expect(refusal({ variants: [{ label: 'a', set: { 'parameters.staff.routinLoad': 0.5 } }] })).toBe(
      'variants[0].set: unknown key (did you mean "routineLoad"?): "parameters.staff.routinLoad"',
    );
    // On a range factor too: once, at the path, not at each end of the range.
    for (const type of ['factorial', 'latin-hypercube'] as const) {
      const ranged = [
        { path: 'parameters.staff.routineLoadd', range: [0.6, 0.9], ...(type === 'factorial' ? { steps: 2 } : {}) },
      ];
      expect(refusal({ design: { type, ...(type === 'factorial' ? {} : { samples: 4 }), factors: ranged } }), type).toBe(
        'design.factors[0].path: unknown key (did you mean "routineLoad"?): "parameters.staff.routineLoadd"',
      );
    }
    // A misspelt part before the last is the path's too, the part named.
    const middle = 'unknown key (did you mean "staff"?): "parameters.staf" in "parameters.staf.routineLoad"';
    expect(refusal({ design: { type: 'factorial', factors: [{ path: 'parameters.staf.routineLoad', values: [0.7] }] } })).toBe(
      `design.factors[0].path: ${middle}`,
    );
    expect(
      refusal({
        design: { type: 'latin-hypercube', samples: 4, factors: [{ path: 'parameters.staf.routineLoad', range: [0.6, 0.9] }] },
      }),
    ).toBe(`design.factors[0].path: ${middle}`);
    expect(refusal({ variants: [{ label: 'a', set: { 'parameters.staf.routineLoad': 0.5 } }] })).toBe(
      `variants[0].set: ${middle}`,
    );
  });

  it("blames a misspelt extension name in a factor's path on the path, as a misspelt parameter", () => {
    const model = defineModel({
      name: 'hotline',
      extensions: [
        defineExtension({
          name: 'hotline',
          description: 'A complaints hotline.',
          parameters: z.object({ rate: z.number().min(0).max(1).default(0.1) }),
        }),
      ],
    });
    for (const design of [
      { type: 'factorial', factors: [{ path: 'extensions.hotlin.rate', values: [0.1, 0.2] }] },
      { type: 'latin-hypercube', samples: 4, factors: [{ path: 'extensions.hotlin.rate', range: [0, 0.5] }] },
    ]) {
      const experiment = experimentSchema.parse({ ...tiny, design });
      let told = '';
      try {
        planSweep(experiment, experiment.base as Record<string, unknown>, 'tiny.json', { model });
      } catch (error) {
        told = (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
      }
      expect(told, design.type).toBe(
        'design.factors[0].path: no extension of this model is called "hotlin" (it has hotline): "extensions.hotlin" in "extensions.hotlin.rate"',
      );
    }
  });

  it('names the base as the source of a problem the base has alone, and the point of one it has only there', () => {
    const experiment = experimentSchema.parse(tiny);
    const refused = (base: Record<string, unknown>) => {
      try {
        planSweep(experiment, base, 'tiny.json', { baseSource: 'base.json' });
      } catch (error) {
        if (error instanceof ScenarioError) return error.message;
        throw error;
      }
      return '';
    };
    expect(refused({ ...tiny.base, weeks: '10' })).toBe(
      'base.json: invalid scenario\n  - weeks: expected a number, got the string "10"',
    );
    // Valid alone, the base breaks only with a factor's value: that point is named.
    const timeline = [{ week: 40, mode: 'pause' }];
    const short = experimentSchema.parse({
      ...tiny,
      design: { type: 'factorial', factors: [{ path: 'weeks', values: [52, 30] }] },
    });
    expect(() => planSweep(short, { ...tiny.base, timeline }, 'tiny.json', { baseSource: 'base.json' })).toThrow(
      'tiny.json (point 1, variant',
    );
  });

  it('notes a variant that sets the mode of a base whose timeline or switch rule changes the mode later', () => {
    expect(plan({}).notes).toEqual([]);
    const withTimeline = {
      ...tiny.base,
      timeline: [
        { week: 26, mode: 'pause' },
        { week: 30, mode: 'co-production' },
      ],
    };
    expect(plan({ base: withTimeline }).notes).toEqual(
      ['administrative-led', 'co-production'].map(
        (label) =>
          `govsim: note: variant "${label}" sets the mode, and the base's timeline changes the mode from week 26: the variant's mode holds only until then (set "timeline": [] in the variant to run its mode throughout)\n`,
      ),
    );
    // A variant that sets its own timeline, or a base with an empty timeline, draws no note.
    const variants = [
      { label: 'administrative-led', set: { mode: 'administrative-led', timeline: [] } },
      { label: 'co-production', set: { mode: 'co-production', timeline: [] } },
    ];
    expect(plan({ base: withTimeline, variants }).notes).toEqual([]);
    expect(plan({ base: { ...tiny.base, timeline: [] } }).notes).toEqual([]);
    // A base that may switch by its rule: the variant's mode holds until the switch, if one comes.
    const switching = { ...tiny.base, mode: 'administrative-led', switchRule: { expertPresent: false } };
    expect(
      plan({ base: switching, variants: [{ label: 'administrative-led', set: { mode: 'administrative-led' } }] }).notes,
    ).toEqual([
      `govsim: note: variant "administrative-led" sets the mode, and the base's switch rule can switch to co-production during the run: the variant's mode holds only until then (to run its mode throughout, sweep over a base without a switch rule)\n`,
    ]);
  });

  it('refuses a factor or metric whose column in runs.csv another column already has', () => {
    expect(refusal({ design: { type: 'factorial', factors: [{ path: 'seed', values: [1, 2] }] } })).toBe(
      `design.factors[0].path: "seed" is also a column runs.csv keeps for every run (point, variant, replicate, seed), which a factor's column would repeat: a sweep sets each run's seed from its replicate, the same in every variant; for more seeds, give more replicates`,
    );
    expect(
      refusal({
        design: { type: 'factorial', factors: [{ path: 'weeks', values: [20, 30] }] },
        metrics: ['satisfaction.end', 'weeks'],
      }),
    ).toBe(`metrics[1]: "weeks" is also the column of a factor in runs.csv, which the metric's would repeat`);
  });

  it('refuses a metric that names no number of a run summary, as loading the file does, not a column of nothing', () => {
    expect(refusal({ metrics: ['satisfaction.ending', 'load.staffMean'] })).toBe(
      'metrics[0]: unknown metric "satisfaction.ending" (did you mean "satisfaction.end"?)',
    );
  });

  it('asks for more replicates while a precision metric has no interval: fewer than two finite values', () => {
    const planned = plan({
      precision: { metrics: ['satisfaction.end'], halfWidth: 0.01, batchReplicates: 5, maxReplicates: 40 },
      replicates: 5,
    });
    expect(needsMoreReplicates(planned, [[0.3, Number.NaN, Number.NaN, Number.NaN, Number.NaN]], 5)).toBe(true);
    expect(needsMoreReplicates(planned, [[0.3, 0.3, 0.3, 0.3, 0.3]], 5)).toBe(false);
    expect(needsMoreReplicates(planned, [[0.3, Number.NaN]], 40)).toBe(false);
  });

  it('runs the first replicates in batches, the last cut there, in precision mode, then a batch a block, up to the maximum', () => {
    const planned = plan({
      precision: { metrics: ['satisfaction.end'], halfWidth: 0.01, batchReplicates: 2, maxReplicates: 15 },
      replicates: 3,
    });
    const blocks = Array.from({ length: 9 }, (_, block) => unitReplicates(planned, { point: 0, block }));
    expect(blocks.map(({ first, end }) => `${first}–${end}`)).toEqual([
      '0–2',
      '2–3',
      '3–5',
      '5–7',
      '7–9',
      '9–11',
      '11–13',
      '13–15',
      '15–15',
    ]);
    // Without precision, blocks of equal size up to the replicates.
    const fixed = plan({ replicates: 25 });
    expect([0, 1, 2].map((block) => unitReplicates(fixed, { point: 0, block }))).toEqual([
      { first: 0, end: 10 },
      { first: 10, end: 20 },
      { first: 20, end: 25 },
    ]);
  });

  it('runs every point to its first replicates before judging its precision, however small the batches', () => {
    const planned = plan({
      precision: { metrics: ['satisfaction.end'], halfWidth: 0.01, batchReplicates: 4, maxReplicates: 40 },
      replicates: 12,
    });
    // Precise after one batch of 4, yet short of the 12 asked for first.
    expect(needsMoreReplicates(planned, [[0.3, 0.3, 0.3, 0.3]], 4)).toBe(true);
    expect(needsMoreReplicates(planned, [[0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]], 8)).toBe(true);
    expect(needsMoreReplicates(planned, [Array.from({ length: 12 }, () => 0.3)], 12)).toBe(false);
    // A maximum below the first replicates is refused.
    const parsed = experimentSchema.safeParse({
      ...tiny,
      precision: { metrics: ['satisfaction.end'], halfWidth: 0.01, maxReplicates: 10 },
      replicates: 12,
    });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['precision.maxReplicates', 'expected at least the replicates every point runs first (12), got 10'],
    ]);
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
    const message = refusal({ design: { type: 'factorial', factors } }, false);
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

describe('planSweep of a city', () => {
  const cityInput = JSON.parse(readFileSync('test/fixtures/tiny-city.json', 'utf8')) as Record<string, unknown>;
  const cityExperiment = JSON.parse(readFileSync('test/fixtures/tiny-city-sweep.json', 'utf8')) as Record<string, unknown>;

  function cityPlan(changes: Record<string, unknown> = {}, options: PlanOptions = { enforceBudget: true }) {
    const experiment = experimentSchema.parse({ ...cityExperiment, ...changes });
    return planSweep(experiment, cityInput, 'city-sweep.json', options);
  }

  function cityRefusal(changes: Record<string, unknown>, options?: PlanOptions): string {
    try {
      cityPlan(changes, options);
    } catch (error) {
      if (error instanceof ScenarioError)
        return `${error.source}: ${error.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n')}`;
      throw error;
    }
    return '';
  }

  it('refuses a range past the limits of the city’s base scenario whatever the points drawn in it', () => {
    const past = [{ path: 'parameters.docking.confirmationChance', range: [0.5, 1.0001] }];
    expect(cityRefusal({ design: { type: 'latin-hypercube', samples: 2, factors: past } })).toBe(
      "city-sweep.json: design.factors[0].range: expected at most 1, got 1.0001 (the range's high end)",
    );
    // Points drawn past the limit too: still the range and its end, not the first point's city.
    const far = [{ path: 'parameters.docking.confirmationChance', range: [0.5, 7] }];
    expect(cityRefusal({ design: { type: 'latin-hypercube', samples: 2, factors: far } })).toBe(
      "city-sweep.json: design.factors[0].range: expected at most 1, got 7 (the range's high end)",
    );
  });

  it('plans each point and variant as a whole city run, one replicate a unit of work', () => {
    const planned = cityPlan();
    expect(planned.city?.streets).toBe(3);
    expect(planned.scenarios).toEqual([]);
    expect(planned.city?.scenarios.map((row) => row.map((scenario) => scenario.mode))).toEqual([
      ['administrative-led', 'co-production'],
      ['administrative-led', 'co-production'],
    ]);
    expect(planned.blockReplicates).toBe(1);
    expect(initialUnits(planned)).toHaveLength(2 * 3);
    // Each run is the three streets one after another, 0.5 ms a street, and 26 weeks of 600 households at 30 ns and 6
    // communities at about 40 µs; under co-production (6 runs) each community's council meets 4 times, each of its
    // deliberators (42, or its households if fewer) scoring 30 proposals at 200 ns.
    expect(planned.estimate).toMatchObject({ points: 2, scenarios: 4, streets: 3, runs: 12 });
    const streets = (cityInput.districts as { streets: { communities: { households: number }[] }[] }[]).flatMap(
      (district) => district.streets,
    );
    const households = streets.flatMap((street) => street.communities.map((community) => community.households));
    expect(households).toHaveLength(6);
    // A community-week costs 40 µs × (1 + communities in its street ÷ 4,000).
    const communityWeeks = streets.reduce(
      (total, street) => total + street.communities.length * 40e-6 * (1 + street.communities.length / 4000),
      0,
    );
    const councilScores = households.reduce((total, count) => total + 4 * Math.min(42, count) * 30, 0);
    expect(planned.estimate.cpuSeconds).toBeCloseTo(
      12 * (3 * 0.5e-3 + 26 * (600 * 30e-9 + communityWeeks)) + 6 * councilScores * 200e-9,
      9,
    );
  });

  it('runs a unit as the city-wide summary of the city with the point’s and variant’s values set', () => {
    const planned = cityPlan();
    const rows = runUnit(planned, { point: 1, block: 2 });
    const city = parseCity(
      { ...cityInput, scenario: { mode: 'co-production', weeks: 26, parameters: { docking: { confirmationChance: 0.8 } } } },
      'city',
    );
    const { seed, summary } = summariseCityRun(city, { replicate: 2 });
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      1,
      0.8,
      'co-production',
      2,
      seed,
      600,
      summary.satisfaction.end,
      summary.duplication.pairs,
      summary.duplication.wasteShare,
      summary.load.staffMean,
      summary.completion.projectsDone,
    ]);
    // The modes of a replicate share the seed.
    expect(rows[0]?.[4]).toBe(seed);
  });

  it('runs a unit in steps, yielding after each week of each street of each run, to the same rows', () => {
    const planned = cityPlan();
    const steps = runUnitSteps(planned, { point: 0, block: 1 });
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    expect(next.value).toEqual(runUnit(planned, { point: 0, block: 1 }));
    // Two variants, each three streets of 26 weeks and six communities drawn.
    expect(pauses).toBe(2 * (3 * 26 + 6));
  });

  it('refuses paths the city sets for each street, naming the field', () => {
    const factors = [{ path: 'world.communities[0].sites', values: [10, 20] }];
    expect(cityRefusal({ design: { type: 'factorial', factors } })).toBe(
      'city-sweep.json: design.factors[0].path: "world.communities[0].sites": a city sets world.communities for each street itself; a sweep of a city varies its base scenario (a path such as parameters.staff.routineLoad or mode)',
    );
    expect(cityRefusal({ variants: [{ label: 'renamed', set: { name: 'other' } }] })).toContain(
      'variants[0].set: "name": a city sets name for each street itself',
    );
  });

  it('refuses a value no street’s scenario takes where the experiment sets it, as for a scenario base', () => {
    const factors = [{ path: 'parameters.docking.confirmationChance', values: [0.5, 7] }];
    expect(cityRefusal({ design: { type: 'factorial', factors } })).toBe(
      'city-sweep.json: design.factors[0].values[1]: expected at most 1, got 7 (at point 1)',
    );
    // A range of decimals for a whole-number parameter is told to say integer: true.
    const departments = [{ path: 'world.departments', range: [2, 12] }];
    expect(cityRefusal({ design: { type: 'latin-hypercube', samples: 2, factors: departments } })).toMatch(
      /^city-sweep\.json: design\.factors\[0\]\.range: expected a whole number, got a number with a fractional part \([\d.]+ at point 0\); a whole-number parameter's range needs "integer": true$/,
    );
    // A variant's value, at the path the variant sets.
    expect(cityRefusal({ variants: [{ label: 'bad', set: { mode: 'none' } }] })).toMatch(
      /^city-sweep\.json: variants\[0\]\.set\.mode: /,
    );
  });

  it('refuses a model module, whose measures a city run does not aggregate', () => {
    expect(cityRefusal({}, { model: { name: 'extended', extensions: [] } as ModelDefinition })).toBe(
      'city-sweep.json: model: a city base runs the built-in model: leave model out, or sweep a street of the city as a scenario',
    );
  });

  it('counts every street’s scenario against the limits', () => {
    const design = {
      type: 'latin-hypercube',
      samples: 70_000,
      factors: [{ path: 'parameters.docking.confirmationChance', range: [0.3, 0.9] }],
    };
    expect(cityRefusal({ design, variants: [{ label: 'base', set: {} }] })).toBe(
      'city-sweep.json: design: 70,000 points × 1 variants × 3 streets = 210,000 scenarios to plan, more than 200,000; pass --force to plan it anyway',
    );
  });
});

describe('sweepRunName', () => {
  it('names the point with its factors’ values, the variant, the replicate and its seed', () => {
    const planned = plan({});
    const point = planned.design.points.findIndex((values) => values['world.departments'] === 5);
    const values = planned.design.points[point] as Record<string, unknown>;
    expect(sweepRunName(planned, point, 1, 4, 99)).toBe(
      `sweep point ${point} (parameters.docking.confirmationChance = ${values['parameters.docking.confirmationChance']}, world.departments = 5), variant co-production, replicate 4 (seed 99)`,
    );
  });

  it('names the first four factors of a point of more, and counts the rest', () => {
    const factors = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `parameters.residents.${name}`);
    const point = Object.fromEntries(factors.map((factor, index) => [factor, index / 10]));
    const fake = { factors, design: { points: [point] }, experiment: { variants: [{ label: 'v' }] } };
    expect(sweepRunName(fake as never, 0, 0, 0, 1)).toBe(
      'sweep point 0 (parameters.residents.a = 0, parameters.residents.b = 0.1, parameters.residents.c = 0.2, parameters.residents.d = 0.3 and 2 more), variant v, replicate 0 (seed 1)',
    );
  });
});

describe('planSweep given a wrong object (plain JavaScript)', () => {
  const experiment = experimentSchema.parse(tiny);
  const base = experiment.base as Record<string, unknown>;

  it('refuses it with a ScenarioError naming the argument and field, checked against the experiment schema', () => {
    expect(() => planSweep({} as never, base, 'tiny.json')).toThrow(ScenarioError);
    expect(() => planSweep({} as never, base, 'tiny.json')).toThrow(/^experiment: invalid experiment\n {2}- name: expected text/);
    expect(() => planSweep({ ...experiment, replicates: 'six' } as never, base, 'tiny.json')).toThrow(
      '- replicates: expected a number, got the string "six"',
    );
    expect(() => planSweep(experiment, null as never, 'tiny.json')).toThrow(
      /^base: invalid base scenario\n {2}- \(top level\): expected the base scenario or city as an object, got null/,
    );
    expect(() => planSweep(experiment, base, undefined as never)).toThrow(/^source: invalid source\n/);
    expect(() => planSweep(experiment, base, 'tiny.json', { enforceBudget: 'yes' } as never)).toThrow(
      /^plan options: invalid plan options\n {2}- enforceBudget: expected true or false, got the string "yes"/,
    );
    expect(() => planSweep(experiment, base, 'tiny.json', { budget: true } as never)).toThrow('- budget: unknown option');
    // A sound call plans as before.
    expect(planSweep(experiment, base, 'tiny.json').design.points).toHaveLength(6);
  });

  it('plans an experiment written in code as its parsed form: what it leaves out takes the schema’s default', () => {
    const { variants: _variants, replicates: _replicates, ...written } = tiny;
    expect(experimentSchema.parse(written).variants).toHaveLength(1);
    const planned = planSweep(written as never, base, 'tiny.json');
    const parsed = planSweep(experimentSchema.parse(written), base, 'tiny.json');
    expect(planned.experiment).toEqual(parsed.experiment);
    expect(planned.estimate).toEqual(parsed.estimate);
    expect(Number.isFinite(planned.estimate.runs) && planned.estimate.runs > 0).toBe(true);
    expect(planned.hash).toBe(parsed.hash);
    expect(runUnit(planned, initialUnits(planned)[0] as never)).toEqual(runUnit(parsed, initialUnits(parsed)[0] as never));
  });
});

describe('summaryMetricNames', () => {
  it('names a model’s declared run measures without running the model on a world of its own', () => {
    let states = 0;
    const model = defineModel({
      name: 'panel',
      extensions: [
        defineExtension({
          name: 'panel',
          description: 'A panel of 50 households, which a world of fewer cannot hold.',
          parameters: z.object({}),
          createState: ({ state }) => {
            states++;
            if (state.households.count < 50) throw new Error(`only ${state.households.count} households`);
            return {};
          },
          runMeasures: { panelSize: { description: 'households in the panel', value: () => 50 } },
        }),
      ],
    });
    const names = summaryMetricNames(model);
    expect(names).toContain('extensions.panel.panelSize');
    expect(names).toContain('load.staffMean');
    expect(names).toEqual([...summaryMetricNames(), 'extensions.panel.panelSize']);
    expect(states).toBe(0);
  });
});
