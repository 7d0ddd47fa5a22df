import { describe, expect, it } from 'vitest';
import { auditBasePressure, pushdownShare, runStageTargetAudits } from '../../../src/model/mechanisms/audits.js';
import { simulate, tinyScenario } from '../../helpers.js';
import { placeProject, worldAt } from './fixtures.js';

describe('stage-target audits', () => {
  it('audit every auditIntervalWeeks under high pressure, raising pressure by base + gain × gap', () => {
    const scenario = tinyScenario('administrative-led');
    const state = simulate(scenario, 4);
    expect(state.runTally.audits).toBe(1);
    // Catalogues listed in week 1; by week 4 the target is (4 − 1)/26 of them done and none is.
    const targetShare = 3 / scenario.parameters.pressure.stageTargetWeeks;
    for (const department of state.departments) {
      const leads = state.projects.some((project) => project.departments[0] === department.id);
      expect(department.pressure).toBeCloseTo(auditBasePressure + (leads ? targetShare : 0), 12);
    }
    const later = simulate(scenario, 12);
    expect(later.runTally.audits).toBe(3);
  });

  it('set pressure to at least base + gain × gap, never adding to pressure already above it (hand-computed)', () => {
    const { state, random } = worldAt(tinyScenario('administrative-led'), 1);
    placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'docking' });
    state.week = 4;
    const [first, second] = state.departments;
    if (first === undefined || second === undefined) throw new Error('tiny world has 4 departments');
    first.pressure = 5;
    second.pressure = 0.1;
    runStageTargetAudits(state, random);
    // Decay 0.1 first: 4.5 and 0.09. Department 0 leads the one project, listed in week 1: target 3/26, done 0.
    expect(first.pressure).toBeCloseTo(4.5, 12);
    // Departments without projects are on target: the base alone.
    expect(second.pressure).toBe(auditBasePressure);
    expect(state.departments[2]?.pressure).toBe(auditBasePressure);
    // Reports: 4 hours per unit of pressure for each department, and for the staff at the mean pressure.
    expect(state.extraHours.department[0]).toBeCloseTo(4 * 4.5, 12);
    expect(state.extraHours.department[1]).toBeCloseTo(4 * auditBasePressure, 12);
    expect(state.extraHours.staff[0]).toBeCloseTo(4 * ((4.5 + 3 * auditBasePressure) / 4), 12);

    first.pressure = 0;
    state.week = 8;
    runStageTargetAudits(state, random);
    expect(first.pressure).toBeCloseTo(auditBasePressure + 7 / 26, 12);
  });

  it('run each project’s deadline from its listing: a project listed later is not yet overdue', () => {
    const { state, random } = worldAt(tinyScenario('administrative-led'), 1);
    placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'docking' });
    state.week = 20;
    // Next budget year's catalogue, or a community joining the renewal later: listed in week 20.
    placeProject(state, { localSite: 1, category: 1, departments: [0] });
    state.week = 24;
    const first = state.departments[0];
    if (first === undefined) throw new Error('tiny world has 4 departments');
    first.pressure = 0;
    runStageTargetAudits(state, random);
    // Due by week 24: 23/26 of the first project and 4/26 of the second; none done.
    expect(first.pressure).toBeCloseTo(auditBasePressure + (23 / 26 + 4 / 26) / 2, 12);
  });

  it('never audit under low pressure, where pressure stays at zero', () => {
    const state = simulate(tinyScenario('co-production'), 30);
    expect(state.runTally.audits).toBe(0);
    expect(state.departments.every((department) => department.pressure === 0)).toBe(true);
  });

  it('push work down in proportion to pressure, capped at 0.9', () => {
    const state = simulate(tinyScenario('administrative-led'), 1);
    expect(pushdownShare(state, 0)).toBe(0);
    expect(pushdownShare(state, 1)).toBeCloseTo(state.scenario.parameters.pressure.pushdownShare, 12);
    expect(pushdownShare(state, 100)).toBe(0.9);
  });
});
