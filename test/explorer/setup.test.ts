/** The explorer's runs: mode choices, overrides and the parameters it offers sliders for. */
import { describe, expect, it } from 'vitest';
import {
  changesMode,
  defaultModeChoices,
  explorerParameterGroups,
  modeChoiceLabel,
  parameterLabel,
  presetOf,
  rowPathOf,
  runScenarioOf,
  scenarioValueText,
  sliderStep,
  startingMode,
  valueAtPath,
  valuesAtPath,
  withModeChoice,
} from '../../explorer/src/setup.js';
import administrativeLed from '../../scenarios/y-community-administrative-led.json' with { type: 'json' };
import coProduction from '../../scenarios/y-community-co-production.json' with { type: 'json' };
import caseScenario from '../../scenarios/z-street-2018-2019/case.json' with { type: 'json' };
import switchScenario from '../../scenarios/z-street-2018-2019/switch-with-expert.json' with { type: 'json' };
import rollout from '../../scenarios/z-street-rollout-z-street-path.json' with { type: 'json' };
import { modePresets, parameterRows, parseScenario, ScenarioError } from '../../src/scenario/index.js';

describe('mode choices', () => {
  it('names presets by their settings and other settings by their mechanisms', () => {
    expect(presetOf({ ...modePresets['co-production'] })).toBe('co-production');
    expect(presetOf({ participation: true, integration: false, pressure: 'high', renewal: 'active' })).toBeNull();
    expect(modeChoiceLabel('scenario')).toBe('as written');
    expect(modeChoiceLabel({ participation: true, integration: false, pressure: 'high', renewal: 'active' })).toBe(
      'participation + high pressure',
    );
  });

  it('reads the starting mode and whether a scenario changes mode', () => {
    expect(startingMode(caseScenario)).toEqual(modePresets['administrative-led']);
    expect(startingMode({ mode: { participation: true, integration: false, pressure: 'low' } })).toEqual({
      participation: true,
      integration: false,
      pressure: 'low',
      renewal: 'active',
    });
    expect(startingMode({ mode: 'nonsense' })).toBeNull();
    expect(changesMode(caseScenario)).toBe(true);
    expect(changesMode(switchScenario)).toBe(true);
    expect(changesMode(coProduction)).toBe(false);
  });

  it('shows a scenario that changes mode against its starting mode held, and another against the contrasting preset', () => {
    expect(defaultModeChoices(caseScenario)).toEqual({ a: 'scenario', b: modePresets['administrative-led'] });
    expect(defaultModeChoices(administrativeLed)).toEqual({ a: 'scenario', b: modePresets['co-production'] });
    expect(defaultModeChoices(coProduction)).toEqual({ a: 'scenario', b: modePresets['administrative-led'] });
  });

  it('holds a chosen mode throughout, dropping the timeline and switch rule', () => {
    const held = withModeChoice(caseScenario, { ...modePresets['co-production'] });
    expect(held.mode).toBe('co-production');
    expect(held.timeline).toBeUndefined();
    expect(held.name).toBe('z-street-2018-2019 (co-production throughout)');
    expect(withModeChoice(caseScenario, 'scenario')).toBe(caseScenario);
    const custom = withModeChoice(coProduction, { participation: true, integration: false, pressure: 'high', renewal: 'paused' });
    expect(custom.mode).toEqual({ participation: true, integration: false, pressure: 'high', renewal: 'paused' });
    expect(parseScenario(withModeChoice(switchScenario, { ...modePresets.pause })).switchRule).toBeUndefined();
  });
});

describe('the runs’ scenarios', () => {
  it('applies the overrides after the mode, validated like a scenario file', () => {
    const scenario = runScenarioOf(coProduction, 'scenario', {
      'parameters.docking.confirmationChance': 0.7,
      'world.communities[].sites': 40,
    });
    expect(scenario.parameters.docking.confirmationChance).toBe(0.7);
    expect(scenario.world.communities[0]?.sites).toBe(40);
    expect(Object.isFrozen(scenario)).toBe(true);
  });

  it('names the field of an invalid override', () => {
    const failure = (() => {
      try {
        runScenarioOf(coProduction, 'scenario', { 'parameters.docking.confirmationChance': 1.5 }, 'y (run A)');
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ScenarioError);
    expect((failure as ScenarioError).problems[0]?.path).toBe('parameters.docking.confirmationChance');
    expect(() => runScenarioOf(coProduction, 'scenario', { 'parameters.docking.nonsense': 1 })).toThrow(ScenarioError);
  });

  it('finds a parameter row from a problem’s path and reads values through lists', () => {
    expect(rowPathOf({ path: 'world.communities[0].sites', message: '' })).toBe('world.communities[].sites');
    const scenario = parseScenario(coProduction);
    expect(valueAtPath(scenario, 'world.communities[].households')).toBe(2253);
    expect(valueAtPath(scenario, 'parameters.docking.confirmationChance')).toBe(0.6);
    expect(valueAtPath(scenario, 'switchRule.weeklyRate')).toBeUndefined();
  });

  it("reads a street's communities all, and says when they differ that a value set replaces them all", () => {
    const street = parseScenario(rollout);
    const buildings = street.world.communities.map((community) => community.buildings);
    expect(valuesAtPath(street, 'world.communities[].buildings')).toEqual(buildings);
    expect(scenarioValueText(street, 'world.communities[].buildings')).toBe(
      `${Math.min(...buildings)}–${Math.max(...buildings)} over ${buildings.length}; a value set here replaces them all`,
    );
    const y = parseScenario(coProduction);
    expect(scenarioValueText(y, 'world.communities[].buildings')).toBe(String(y.world.communities[0]?.buildings));
    expect(scenarioValueText(y, 'switchRule.weeklyRate')).toBe('not in this scenario');
  });
});

describe('the parameters offered', () => {
  const groups = explorerParameterGroups(parameterRows());
  const offered = groups.flatMap((group) => group.rows);

  it('offers every numeric parameter with a plausible range, grouped, each once', () => {
    const expected = parameterRows().filter(
      (row) =>
        row.plausibleRange !== null && typeof row.defaultValue === 'number' && row.plausibleRange[0] !== row.plausibleRange[1],
    );
    expect(offered.map((row) => row.path)).toEqual(expect.arrayContaining(expected.map((row) => row.path)));
    expect(new Set(offered.map((row) => row.path)).size).toBe(offered.length);
    expect(offered.length).toBe(expected.length);
    expect(offered.filter((row) => row.basis === 'A').length).toBeGreaterThan(50);
    expect(groups.map((group) => group.key)).toEqual(
      expect.arrayContaining([
        'world',
        'staff',
        'departments',
        'docking',
        'pressure',
        'mobilisation',
        'deliberation',
        'residents',
      ]),
    );
    for (const group of groups) expect(group.title).not.toBe(group.key === 'world' ? '' : group.key);
  });

  it('gives each slider a step that divides its range into 20 to 100 steps (whole numbers by 1)', () => {
    for (const row of offered) {
      const step = sliderStep(row);
      const [low, high] = row.plausibleRange as [number, number];
      if (row.integer) expect(step).toBe(1);
      else {
        expect((high - low) / step).toBeGreaterThanOrEqual(20);
        expect((high - low) / step).toBeLessThanOrEqual(100);
      }
    }
  });

  it('labels a parameter by its last name in words', () => {
    expect(parameterLabel('parameters.docking.confirmationChance')).toBe('confirmation chance');
    expect(parameterLabel('world.communities[].sites')).toBe('sites');
    expect(parameterLabel('parameters.mobilisation.weChatGroupReach')).toBe('WeChat group reach');
  });
});
