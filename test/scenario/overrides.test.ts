import { describe, expect, it } from 'vitest';
import { applyOverrides, isScenarioPath, ScenarioError } from '../../src/scenario/index.js';

const twoCommunities = {
  name: 'two',
  mode: 'administrative-led',
  world: {
    communities: [
      { name: 'A', households: 100, sites: 10 },
      { name: 'B', households: 50 },
    ],
  },
  parameters: { docking: { confirmationChance: 0.4 } },
};

const withSwitch = { name: 'switching', mode: 'administrative-led', switchRule: { to: 'co-production' } };

describe('applyOverrides', () => {
  it('sets parameters at dotted paths, creating parents that defaults fill', () => {
    const scenario = applyOverrides(
      { name: 'bare', mode: 'co-production' },
      { 'parameters.docking.staffHoursPerThreadWeek': 0.5, 'world.departments': 12 },
    );
    expect(scenario.parameters.docking.staffHoursPerThreadWeek).toBe(0.5);
    expect(scenario.world.departments).toBe(12);
    // Everything else keeps its default.
    expect(scenario.parameters.docking.departmentHoursPerThreadWeek).toBe(2);
    expect(scenario.world.communities.map((community) => community.name)).toEqual(['Y']);
  });

  it('refuses overrides that are not an object, such as the text the command line takes, rather than read each character', () => {
    expect(() => applyOverrides({ name: 'bare', mode: 'pause' }, 'weeks=3' as never)).toThrow(
      'scenario: invalid overrides\n  - (top level): expected an object of scenario path → value',
    );
  });

  it('names a value JSON cannot write as it is in the scenario it refuses (NaN, not null)', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => applyOverrides({ name: 'bare', mode: 'co-production' }, { 'parameters.staff.routineLoad': value })).toThrow(
        `scenario with parameters.staff.routineLoad=${value}: invalid scenario`,
      );
    }
  });

  it('keeps what the scenario sets beside the overridden value', () => {
    const scenario = applyOverrides(twoCommunities, { 'parameters.docking.staffHoursPerThreadWeek': 5 });
    expect(scenario.parameters.docking.confirmationChance).toBe(0.4);
    expect(scenario.parameters.docking.staffHoursPerThreadWeek).toBe(5);
  });

  it('sets a field of every list element with [] and of one element with [n]', () => {
    const every = applyOverrides(twoCommunities, { 'world.communities[].sites': 30 });
    expect(every.world.communities.map((community) => community.sites)).toEqual([30, 30]);
    expect(every.world.communities.map((community) => community.households)).toEqual([100, 50]);
    const one = applyOverrides(twoCommunities, { 'world.communities[1].sites': 30 });
    expect(one.world.communities.map((community) => community.sites)).toEqual([10, 30]);
    // The default community of a scenario without a world gets the value too.
    expect(applyOverrides({ name: 'bare', mode: 'pause' }, { 'world.communities[].sites': 7 }).world.communities[0]?.sites).toBe(
      7,
    );
  });

  it('skips a path whose parent object is absent from the scenario', () => {
    const without = applyOverrides(twoCommunities, { 'switchRule.selfReframingChance': 0.03 });
    expect(without.switchRule).toBeUndefined();
    const switching = applyOverrides(withSwitch, { 'switchRule.selfReframingChance': 0.03 });
    expect(switching.switchRule?.selfReframingChance).toBe(0.03);
    expect(switching.switchRule?.weeklyRate).toBe(0.05);
  });

  it('goes into a preset mode by expanding it into its settings', () => {
    const scenario = applyOverrides({ name: 'm', mode: 'administrative-led' }, { 'mode.participation': true });
    expect(scenario.mode).toEqual({ participation: true, integration: false, pressure: 'high', renewal: 'active' });
  });

  it('leaves its input unchanged', () => {
    const input = structuredClone(twoCommunities);
    applyOverrides(input, { 'world.communities[].sites': 30, 'world.departments': 3 });
    expect(input).toEqual(twoCommunities);
  });

  it('throws a ScenarioError naming every unknown path, before anything else', () => {
    const unknown = (overrides: Record<string, unknown>, input: unknown = twoCommunities): ScenarioError => {
      try {
        applyOverrides(input, overrides, 'two.json');
      } catch (error) {
        if (error instanceof ScenarioError) return error;
        throw error;
      }
      throw new Error('no error');
    };
    const misspelt = unknown({ 'parameters.docking.staffHours': 1 });
    expect(misspelt.name).toBe('ScenarioError');
    expect(misspelt.source).toBe('two.json');
    expect(misspelt.problems.map((problem) => problem.path)).toEqual(['parameters.docking.staffHours']);
    expect(misspelt.message).toBe(
      'two.json: invalid overrides\n  - parameters.docking.staffHours: unknown scenario path (expected a field of the scenario schema, such as parameters.docking.staffHoursPerThreadWeek or world.communities[].sites)',
    );
    // Every unknown path at once, the known ones not reported; before the scenario itself is checked.
    const several = unknown({ 'world..departments': 1, 'world.departments': 3, 'parameters.nothing': 2 }, { name: 'x' });
    expect(several.problems.map((problem) => problem.path)).toEqual(['world..departments', 'parameters.nothing']);
  });

  it('validates the result like a scenario file, naming the overrides', () => {
    const attempt = () => applyOverrides(twoCommunities, { 'world.departments': 2.5 }, 'two.json');
    expect(attempt).toThrow(ScenarioError);
    expect(attempt).toThrow(
      'two.json with world.departments=2.5: invalid scenario\n  - world.departments: expected a whole number',
    );
  });
});

describe('isScenarioPath', () => {
  it('knows the fields of the scenario schema, through lists, optional objects and mode settings', () => {
    for (const path of [
      'parameters.staff.routineLoad',
      'world.communities[].sites',
      'world.communities[0].sites',
      'switchRule.weeklyRate',
      'mode.participation',
      'timeline[].mode',
      'weeks',
    ])
      expect(isScenarioPath(path), path).toBe(true);
    for (const path of ['parameters.staff.routine', 'world.communities.sites[]', 'nothing', 'world.', ''])
      expect(isScenarioPath(path), path).toBe(false);
    // What every object inherits is no field of the schema.
    for (const path of ['constructor', 'toString', 'parameters.constructor', 'mode.constructor', 'world.communities[].valueOf'])
      expect(isScenarioPath(path), path).toBe(false);
  });
});
