/**
 * A fuzz test of the input boundary: seeded generators of malformed scenario
 * and experiment files (a valid file with one field replaced by a hostile
 * value: huge, negative, fractional, wrong type, null, deeply nested, long or
 * multi-line text, an unknown key), run against the library and, for a
 * sample, through the command line. Every input must either be refused with
 * a typed error naming the field (exit 2 on the command line, nothing
 * written) or be accepted and run to outputs with no infinity and no NaN in
 * a measure that is always defined — each within 5 seconds.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { experimentSchema, planSweep } from '../src/experiments/index.js';
import { parameterRows, parseScenario, type Scenario, ScenarioError } from '../src/scenario/index.js';
import { runScenario } from '../src/simulation/index.js';

/** Seed of every generator here: the same cases on every machine and every run. */
const fuzzSeed = 20181129;

const validScenario = {
  name: 'fuzz',
  weeks: 12,
  mode: 'co-production',
  world: {
    communities: [{ name: 'F', households: 120, residents: 360, buildings: 6, sites: 8, communityStaff: 3 }],
    departments: 4,
  },
};

const validExperiment = {
  name: 'fuzz-sweep',
  base: validScenario,
  design: { type: 'factorial', factors: [{ path: 'parameters.docking.confirmationChance', range: [0.4, 0.8], steps: 2 }] },
  variants: [
    { label: 'administrative-led', set: { mode: 'administrative-led' } },
    { label: 'co-production', set: { mode: 'co-production' } },
  ],
  replicates: 2,
  metrics: ['satisfaction.end', 'load.staffMean'],
};

/**
 * Summary measures that are undefined (NaN) when there is nothing to measure:
 * no projects, no clashing pairs, no plan, no deliberators, no switch (see
 * docs/metrics.md). Every other summary value must be a finite number.
 */
const undefinedWhenNothingToMeasure = new Set([
  'fragmentation.interfacesPerProject',
  'fragmentation.unintegratedShare',
  'fragmentation.fragmentationIndex',
  'fragmentation.crossDepartmentSettleWeeks',
  'fragmentation.meanDepartmentsPerProject',
  'duplication.wasteShare',
  'duplication.detectionLagWeeks',
  'duplication.caughtBeforeSpendShare',
  'satisfaction.needMatch',
  'participation.deliberatorRetention',
  'idling.idleShare',
  'idling.effortPerOutput',
  'completion.medianWeeks',
  'completion.p90Weeks',
  'completion.weeksToFirstTopFiveDone',
  'completion.weeksTo80PercentOfPlan',
  'completion.priorityOrderAgreement',
  'efficiency.satisfactionPerMoney',
  'efficiency.hoursPerCompletedProject',
  'governance.switchWeek',
  'load.paperworkShare',
]);

/** Paths into a scenario file worth breaking: every parameter, and the structure around them. */
const scenarioPaths = [
  'name',
  'description',
  'weeks',
  'seed',
  'mode',
  'mode.participation',
  'timeline',
  'timeline.0',
  'timeline.0.week',
  'switchRule',
  'switchRule.to',
  'switchRule.expertFromWeek',
  'world',
  'world.communities',
  'world.communities.0',
  'world.communities.0.name',
  'parameters',
  'parameters.staff',
  ...parameterRows().map((row) => row.path.replaceAll('[]', '.0')),
];

const experimentPaths = [
  'name',
  'base',
  'base.weeks',
  'design',
  'design.type',
  'design.factors',
  'design.factors.0',
  'design.factors.0.path',
  'design.factors.0.range',
  'design.factors.0.range.1',
  'design.factors.0.steps',
  'design.samples',
  'variants',
  'variants.0',
  'variants.0.label',
  'variants.0.set',
  'replicates',
  'metrics',
  'metrics.0',
  'contrasts',
  'precision',
];

/** Values that break files: sizes past every limit, wrong types, hostile text and structure. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53, 1e9, -1, -0.5, 2.5, 0, 1e-320, 100_000_000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -10, max: 10_000_000 }),
  fc.constantFrom('', 'co-production', 'administrative-led', 'line\nbreak', 'nul\u0000byte', '../../x', 'x'.repeat(300)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(null, true, false, [], {}, [null], { unknownKey: 1 }),
  fc.integer({ min: 1, max: 400 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 5 }),
);

/** A copy of `input` with `value` at the dotted `path` (numeric segments index lists), or an unknown key added. */
function withValue(input: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? '') ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
  return copy;
}

function mutation(paths: readonly string[]): fc.Arbitrary<{ path: string; value: unknown }> {
  return fc.record({
    path: fc.oneof(
      fc.constantFrom(...paths),
      fc.constantFrom(...paths).map((path) => `${path}.unknownKey`),
    ),
    value: hostileValue,
  });
}

/** Every numeric parameter at the edges of what the schema accepts: valid, but extreme. */
const edgeOfValid: fc.Arbitrary<{ path: string; value: unknown }> = fc
  .constantFrom(
    ...parameterRows()
      .filter((row) => typeof row.defaultValue === 'number' && /^-?[\d.]+–[\d.]+$/.test(row.valid))
      .map((row) => ({ row, bounds: row.valid.split('–').map(Number) as [number, number] })),
  )
  .chain(({ row, bounds }) =>
    fc.record({
      path: fc.constant(row.path.replaceAll('[]', '.0')),
      value: row.integer
        ? fc.constantFrom(bounds[0], bounds[1], Math.round((bounds[0] + bounds[1]) / 2))
        : fc.constantFrom(bounds[0], bounds[1], (bounds[0] + bounds[1]) / 2),
    }),
  );

function checkRefusal(error: unknown): void {
  expect(error).toBeInstanceOf(ScenarioError);
  const problems = (error as ScenarioError).problems;
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(typeof problem.path).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

function checkOutputs(scenario: Scenario, weeks = 6): void {
  const result = runScenario(scenario, { weeks: Math.min(scenario.weeks, weeks), seed: 7 });
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') {
      if (Number.isNaN(value)) expect(undefinedWhenNothingToMeasure.has(path), `NaN in ${path}`).toBe(true);
      else expect(Number.isFinite(value), `${value} in ${path}`).toBe(true);
    } else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) walk(member, path === '' ? key : `${path}.${key}`);
  };
  walk(result.summary, '');
}

describe('malformed inputs (seeded fuzz)', () => {
  it('scenario files: refused with a typed error naming the field, or run to sound outputs', () => {
    const outcomes = { refused: 0, run: 0 };
    fc.assert(
      fc.property(fc.oneof(mutation(scenarioPaths), edgeOfValid), ({ path, value }) => {
        let scenario: Scenario | undefined;
        try {
          scenario = parseScenario(withValue(validScenario, path, value), 'fuzz.json');
        } catch (error) {
          checkRefusal(error);
          outcomes.refused++;
        }
        if (scenario !== undefined) {
          checkOutputs(scenario);
          outcomes.run++;
        }
      }),
      { seed: fuzzSeed, numRuns: 300 },
    );
    // Both sides of the boundary are exercised: not a test that only ever sees one kind of input.
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.run).toBeGreaterThan(20);
  });

  it('every numeric parameter at each end of its valid range: runs to sound outputs under both modes', () => {
    const edges = parameterRows().filter((row) => typeof row.defaultValue === 'number');
    let runs = 0;
    for (const row of edges) {
      for (const value of row.valid.split('–').map(Number))
        for (const mode of ['administrative-led', 'co-production']) {
          let scenario: Scenario;
          try {
            scenario = parseScenario(withValue({ ...validScenario, weeks: 30, mode }, row.path.replaceAll('[]', '.0'), value));
          } catch (error) {
            // Only a check across fields may refuse a valid value (e.g. households above residents).
            checkRefusal(error);
            continue;
          }
          checkOutputs(scenario, 30);
          runs++;
        }
    }
    expect(runs).toBeGreaterThan(300);
  });

  it('experiment files: refused with a typed error naming the field, or planned within the budget', () => {
    const outcomes = { refused: 0, planned: 0 };
    fc.assert(
      fc.property(mutation(experimentPaths), ({ path, value }) => {
        const input = withValue(validExperiment, path, value);
        const parsed = experimentSchema.safeParse(input);
        if (parsed.success) {
          const base = typeof parsed.data.base === 'string' ? {} : parsed.data.base;
          try {
            planSweep(parsed.data, base, 'fuzz.json', { enforceBudget: true });
            outcomes.planned++;
          } catch (error) {
            checkRefusal(error);
            outcomes.refused++;
          }
        } else {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          outcomes.refused++;
        }
      }),
      { seed: fuzzSeed, numRuns: 300 },
    );
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.planned).toBeGreaterThan(20);
  });

  it('through the command line: exit 2, the file named, nothing written', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-fuzz-'));
    const cases = fc.sample(
      mutation(scenarioPaths).filter(({ path, value }) => {
        try {
          parseScenario(withValue(validScenario, path, value));
          return false;
        } catch {
          return true;
        }
      }),
      { seed: fuzzSeed, numRuns: 12 },
    );
    const experiments = fc.sample(
      mutation(experimentPaths).filter(
        ({ path, value }) => !experimentSchema.safeParse(withValue(validExperiment, path, value)).success,
      ),
      { seed: fuzzSeed, numRuns: 8 },
    );
    const inputs = [
      ...cases.map((change) => ({ command: 'run', content: withValue(validScenario, change.path, change.value) })),
      ...experiments.map((change) => ({ command: 'sweep', content: withValue(validExperiment, change.path, change.value) })),
    ];
    for (const [index, { command, content }] of inputs.entries()) {
      const file = join(folder, `input-${index}.json`);
      const out = join(folder, `out-${index}`);
      await writeFile(file, JSON.stringify(content));
      let stderr = '';
      const code = await main([command, file, '--out', out], { stdout: () => {}, stderr: (text) => (stderr += text) });
      expect(code, stderr).toBe(2);
      expect(stderr).toContain(file);
      expect(existsSync(out), `${out} written for ${stderr}`).toBe(false);
    }
  }, 120_000);
});
