import { describe, expect, it } from 'vitest';
import { budgetYearsBegun, isLegalTransition, type ProjectStatus, type SimulationState } from '../../src/model/index.js';
import { isParsedScenario, parseScenario, presetNames, ScenarioError, type ScenarioInput } from '../../src/scenario/index.js';
import { createModel, runScenario, weeksToCsv } from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

/** Columns that are legitimately undefined (NaN) in a week with no projects or no renewal demand. */
const mayBeUndefined = new Set([
  'paperworkShare',
  'interfacesPerProject',
  'unintegratedShare',
  'fragmentationIndex',
  'wasteShare',
  'weeklyIdleShare',
  'completedShare',
]);

describe('runScenario', () => {
  it('is deterministic: the same seed gives identical series; another seed does not', () => {
    const scenario = parseScenario({ name: 'y', mode: 'co-production' });
    const first = runScenario(scenario, { seed: 123 });
    const again = runScenario(scenario, { seed: 123 });
    expect(weeksToCsv(again.weeks)).toBe(weeksToCsv(first.weeks));
    expect(again.summary).toEqual(first.summary);
    expect(weeksToCsv(runScenario(scenario, { seed: 124 }).weeks)).not.toBe(weeksToCsv(first.weeks));
  });

  it('refuses run options out of range, naming the option', () => {
    const scenario = tinyScenario('co-production');
    expect(() => runScenario(scenario, { weeks: 0 })).toThrow('weeks: expected a whole number from 1 to 5200, got 0');
    expect(() => runScenario(scenario, { weeks: 2.5 })).toThrow(ScenarioError);
    expect(() => runScenario(scenario, { weeks: 1e8 })).toThrow('weeks: expected a whole number from 1 to 5200, got 100000000');
    expect(() => runScenario(scenario, { replicate: -1 })).toThrow('replicate: expected a whole number');
    expect(() => runScenario(scenario, { replicate: Number.NaN })).toThrow('replicate: expected a whole number');
    expect(() => runScenario(scenario, { seed: 1.5 })).toThrow('seed: expected a whole number');
    // Past 2^53 − 1 a seed is no longer held exactly: the limit is said, not only "≥ 0".
    expect(() => runScenario(scenario, { seed: 2 ** 60 })).toThrow(
      'seed: expected a whole number from 0 to 9007199254740991 (2^53 − 1), got 1152921504606847000',
    );
    expect(() => runScenario(scenario, { seed: -1 })).toThrow('seed: expected a whole number ≥ 0, got -1');
    expect(runScenario(scenario, { weeks: 1 }).weeks).toHaveLength(1);
  });

  it('validates a scenario built in code that did not come from parseScenario', () => {
    // Typed as what a scenario file holds: the run functions take it as it is, as they are documented to.
    const input: ScenarioInput = {
      name: 'hand-built',
      mode: 'co-production',
      weeks: 3,
      world: { communities: [{ name: 'c', households: 20, sites: 4 }] },
    };
    const fromParsed = runScenario(parseScenario(input), { seed: 5 });
    expect(runScenario(input, { seed: 5 }).summary).toEqual(fromParsed.summary);
    expect(createModel(input, { seed: 5 }).run()).toHaveLength(3);
    expect(() => runScenario({ ...input, weeks: 'many' } as never)).toThrow(ScenarioError);
    expect(() => runScenario({ ...input, weeks: 'many' } as never)).toThrow('weeks: expected a number, got the string "many"');
    // Frozen is not parsed: a frozen object built by hand, or a parsed scenario copied and changed, is validated too.
    expect(runScenario(Object.freeze({ ...input }) as never, { seed: 5 }).summary).toEqual(fromParsed.summary);
    expect(() => runScenario(Object.freeze({ ...parseScenario(input), weeks: 0 }))).toThrow('weeks: expected at least 1');
    expect(() => createModel(Object.freeze({ ...input, mode: 'hyper' }) as never, { seed: 1 })).toThrow(ScenarioError);
    expect(isParsedScenario(parseScenario(input))).toBe(true);
    expect(isParsedScenario(Object.freeze({ ...parseScenario(input) }))).toBe(false);
  });

  it('refuses an option it does not know, and options of the wrong kind, naming them', () => {
    const scenario = tinyScenario('co-production');
    expect(() => runScenario(scenario, { replicat: 1 } as never)).toThrow(
      'replicat: unknown option (expected seed, replicate, weeks, model, observe, keepWorld)',
    );
    expect(() => runScenario(scenario, { keepWorld: 'no' } as never)).toThrow(
      'keepWorld: expected true or false, got the string "no"',
    );
    expect(() => runScenario(scenario, { model: { name: 'x' } } as never)).toThrow('model.extensions: expected a list');
    expect(() => runScenario(scenario, { weeks: 6000 })).toThrow('weeks: expected a whole number from 1 to 5200, got 6000');
  });

  it('derives the seed from the replicate number', () => {
    const scenario = tinyScenario('co-production');
    expect(runScenario(scenario, { replicate: 2 }).seed).toBe(runScenario(scenario, { replicate: 2 }).seed);
    expect(runScenario(scenario, { replicate: 2 }).seed).not.toBe(runScenario(scenario, { replicate: 3 }).seed);
  });

  describe.each(presetNames)('invariants under %s', (preset) => {
    for (const seed of [1, 2, 3]) {
      it(`holds on every week (seed ${seed})`, () => {
        const scenario = parseScenario({ name: preset, mode: preset });
        let finalState: SimulationState | undefined;
        runScenario(scenario, {
          seed,
          observe: (state, record) => {
            for (const [column, value] of Object.entries(record)) {
              if (!mayBeUndefined.has(column)) expect(Number.isNaN(value), `${column} in week ${record.week}`).toBe(false);
              expect(Number.isFinite(value) || Number.isNaN(value)).toBe(true);
            }
            expect(record.staffLoad).toBeGreaterThanOrEqual(0);
            expect(record.departmentLoad).toBeGreaterThanOrEqual(0);
            expect(record.staffBacklogHours).toBeGreaterThanOrEqual(0);
            // Each budget year brings the yearly budget; nothing is spent beyond what has arrived.
            expect(record.spent).toBeLessThanOrEqual(scenario.world.budget * budgetYearsBegun(record.week) + 1e-9);
            expect(record.wasted).toBeLessThanOrEqual(record.spent + 1e-9);
            expect(state.households.count).toBe(2253);
            expect(record.satisfaction).toBeGreaterThanOrEqual(0);
            expect(record.satisfaction).toBeLessThanOrEqual(1);
            expect(record.trust).toBeGreaterThan(0);
            expect(record.trust).toBeLessThan(1);
            for (const project of state.projects) expect(project.spent).toBeLessThanOrEqual(project.cost + 1e-9);
            finalState = state;
          },
        });
        // Replaying the log of status changes from 'listed' must give only legal steps and end at each project's status.
        const state = finalState as SimulationState;
        const replayed = new Map<number, ProjectStatus>();
        for (const change of state.statusChanges) {
          expect(change.from).toBe(replayed.get(change.project) ?? 'listed');
          expect(isLegalTransition(change.from, change.to), `${change.from} → ${change.to}`).toBe(true);
          expect(change.from).not.toBe(change.to);
          replayed.set(change.project, change.to);
        }
        for (const project of state.projects) expect(replayed.get(project.id) ?? 'listed').toBe(project.status);
      });
    }
  });

  it('runs a street of several communities', () => {
    const street = parseScenario({
      name: 'street',
      mode: 'co-production',
      weeks: 60,
      world: {
        communities: [
          { name: 'Y', households: 800, sites: 30 },
          { name: 'X', households: 600, sites: 25 },
          { name: 'W', households: 500, sites: 20 },
        ],
      },
    });
    const result = runScenario(street, { seed: 1 });
    expect(result.summary.households).toBe(1900);
    expect(result.summary.participation.deliberators).toBe(3 * 42);
    expect(result.summary.completion.projectsDone).toBeGreaterThan(0);
  });
});
