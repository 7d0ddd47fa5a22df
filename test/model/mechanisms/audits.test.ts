import { describe, expect, it } from 'vitest';
import { auditBasePressure, pushdownShare } from '../../../src/model/mechanisms/audits.js';
import { simulate, tinyScenario } from '../../helpers.js';

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
