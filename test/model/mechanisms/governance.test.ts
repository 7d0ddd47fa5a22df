import { describe, expect, it } from 'vitest';
import type { SimulationState } from '../../../src/model/index.js';
import { decideMode, observeDilemma, operationalDilemma, switchHazard } from '../../../src/model/mechanisms/governance.js';
import { modePresets, type Scenario, type SwitchRule } from '../../../src/scenario/index.js';
import { runScenario } from '../../../src/simulation/index.js';
import { tinyScenario } from '../../helpers.js';
import { worldAt } from './fixtures.js';

/** The tiny world under administrative-led renewal, with a switch rule (defaults filled in) instead of a timeline. */
function withSwitchRule(rule: Record<string, unknown>, overrides: Record<string, unknown> = {}): Scenario {
  return tinyScenario('administrative-led', { switchRule: rule, ...overrides });
}

function ruleOf(scenario: Scenario): SwitchRule {
  if (scenario.switchRule === undefined) throw new Error('no switch rule');
  return scenario.switchRule;
}

const meanPressure = (state: SimulationState) =>
  state.departments.reduce((total, department) => total + department.pressure, 0) / state.departments.length;

describe('operationalDilemma', () => {
  it('is the mean of overload (2 × load above 1, at most 1), the idle share and the unaware share', () => {
    expect(operationalDilemma(1.25, 0.5, 0.25)).toBeCloseTo((0.5 + 0.5 + 0.25) / 3, 12);
    expect(operationalDilemma(0.9, 0, 0)).toBe(0);
    expect(operationalDilemma(3, 1, 1)).toBe(1);
  });
});

describe('observeDilemma', () => {
  it('reads what the leadership sees: idling only among projects in the pipeline, none when the pipeline is empty', () => {
    const { state, random } = worldAt(withSwitchRule({}));
    for (const team of state.staff) {
      team.demandHours = 1.25 * team.capacityHours;
    }
    const unaware = 1 - state.householdLedger.awareCount / state.households.count;
    state.weekTally.idleProjects = 0;
    state.weekTally.progressedProjects = 0;
    observeDilemma(state, random);
    expect(state.leadership.dilemma).toBeCloseTo(operationalDilemma(1.25, 0, unaware), 12);
    state.weekTally.idleProjects = 3;
    state.weekTally.progressedProjects = 1;
    observeDilemma(state, random);
    expect(state.leadership.dilemma).toBeCloseTo(operationalDilemma(1.25, 0.75, unaware), 12);
  });
});

describe('switchHazard', () => {
  const rule = ruleOf(withSwitchRule({}));

  it('is 0 before the dilemma is reframed, whatever drives it', () => {
    expect(switchHazard(rule, 0, false)).toBe(0);
    expect(switchHazard(rule, 1, false)).toBe(0);
  });

  it('is 1 − exp(−rate × (driveWeight × drive + dilemmaWeight × dilemma) × (1 − inertia)) once reframed', () => {
    // Defaults: rate 0.05, drive 0.5 and dilemma 0.5 with weights 1, inertia 0.6: 0.05 × 1 × 0.4 = 0.02.
    expect(switchHazard(rule, 0.5, true)).toBeCloseTo(1 - Math.exp(-0.02), 15);
    expect(switchHazard({ ...rule, inertia: 1 }, 0.5, true)).toBe(0);
  });

  it('is 0 with neither drive nor dilemma', () => {
    expect(switchHazard({ ...rule, performanceDrive: 0 }, 0, true)).toBe(0);
    expect(switchHazard({ ...rule, performanceDrive: 0, dilemmaWeight: 0 }, 1, true)).toBe(0);
  });
});

describe('the administrative frame', () => {
  const scenario = withSwitchRule({ expertPresent: false, selfReframingChance: 0, frameResponse: 0.1 });

  it('answers the dilemma with frameResponse × dilemma more pressure on every department, and no switch', () => {
    const { state, random } = worldAt(scenario, 10);
    state.leadership.dilemma = 0.5;
    state.departments.forEach((department, index) => {
      department.pressure = 0.2 * index;
    });
    const mode = decideMode(state, random);
    expect(mode).toEqual(modePresets['administrative-led']);
    state.departments.forEach((department, index) => {
      expect(department.pressure).toBeCloseTo(0.2 * index + 0.1 * 0.5, 12);
    });
    expect(state.leadership.hazard).toBe(0);
    expect(state.leadership.reframedWeek).toBe(-1);
    expect(state.leadership.switchWeek).toBe(-1);
  });

  it('stops adding pressure once the dilemma is reframed', () => {
    const { state, random } = worldAt(scenario, 10);
    state.leadership.dilemma = 0.5;
    state.leadership.reframedWeek = 8;
    decideMode(state, random);
    expect(state.departments.every((department) => department.pressure === 0)).toBe(true);
    expect(state.leadership.hazard).toBeCloseTo(switchHazard(ruleOf(scenario), 0.5, true), 15);
  });

  it('never switches without an expert when the leadership never reframes alone, pressure rising with the dilemma', () => {
    const decay = scenario.parameters.pressure.decayPerWeek;
    const frameResponse = ruleOf(scenario).frameResponse;
    let before = { pressure: 0, dilemma: 0 };
    let risen = 0;
    const result = runScenario(scenario, {
      seed: 3,
      weeks: 60,
      observe: (state) => {
        expect(state.leadership.reframedWeek).toBe(-1);
        expect(state.leadership.hazard).toBe(0);
        expect(state.mode).toEqual(modePresets['administrative-led']);
        // Each week: pressure + frameResponse × last week's dilemma, then the weekly decay; an audit may only raise it.
        const pressed = state.week > 1 ? (before.pressure + frameResponse * before.dilemma) * (1 - decay) : 0;
        if (state.weekTally.auditHeld) expect(meanPressure(state)).toBeGreaterThanOrEqual(pressed - 1e-12);
        else expect(meanPressure(state)).toBeCloseTo(pressed, 12);
        if (state.week > 1 && before.dilemma > 0) risen++;
        before = { pressure: meanPressure(state), dilemma: state.leadership.dilemma };
      },
    });
    expect(risen).toBeGreaterThan(0);
    expect(result.events).toEqual([]);
    expect(result.summary.governance.switchWeek).toBeNaN();
    expect(result.milestones.modeChange).toBeUndefined();
  });
});

describe('reframing', () => {
  it('reframes the dilemma in the week the expert arrives, and not before', () => {
    const expertFromWeek = 6;
    const hazards: number[] = [];
    let reframedWeek = -1;
    runScenario(withSwitchRule({ expertFromWeek, selfReframingChance: 0 }), {
      seed: 3,
      weeks: 12,
      observe: (state) => {
        hazards.push(state.leadership.hazard);
        expect(state.leadership.expertPresent).toBe(state.week >= expertFromWeek);
        reframedWeek = state.leadership.reframedWeek;
        if (state.week < expertFromWeek) expect(state.leadership.switchWeek).toBe(-1);
      },
    });
    expect(reframedWeek).toBe(expertFromWeek);
    expect(hazards.slice(0, expertFromWeek - 1).every((hazard) => hazard === 0)).toBe(true);
    // The performance drive alone keeps the hazard above 0 once reframed.
    expect(hazards.slice(expertFromWeek - 1).every((hazard) => hazard > 0)).toBe(true);
  });

  it('switches at once with a certain hazard, then pauses for pauseWeeks before the target mode', () => {
    // rate 1000 × drive 1 with no inertia: the hazard is 1 from the week the expert arrives.
    const result = runScenario(
      withSwitchRule({ expertFromWeek: 6, weeklyRate: 1000, performanceDrive: 1, inertia: 0, pauseWeeks: 4 }),
      { seed: 3, weeks: 12 },
    );
    expect(result.summary.governance.switchWeek).toBe(6);
    expect(result.events).toEqual([{ week: 6, event: 'switch decided' }]);
    expect(result.weeks.map((week) => week.paused)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(result.weeks.map((week) => week.participation)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(result.milestones).toMatchObject({ modeChange: 6, participationStart: 10, integrationStart: 10 });
  });

  it('never switches with neither performance drive nor dilemma weight, even once reframed', () => {
    const result = runScenario(withSwitchRule({ expertFromWeek: 2, performanceDrive: 0, dilemmaWeight: 0 }), {
      seed: 3,
      weeks: 60,
      observe: (state) => expect(state.leadership.hazard).toBe(0),
    });
    expect(result.summary.governance.switchWeek).toBeNaN();
    expect(result.weeks.every((week) => week.pressureHigh === 1 && week.paused === 0)).toBe(true);
  });
});
