import { describe, expect, it } from 'vitest';
import { efficiencyFromFatigue } from '../../../src/model/mechanisms/workload.js';
import { simulate, tinyScenario } from '../../helpers.js';

describe('workload', () => {
  it('lowers efficiency with fatigue: 1 / (1 + steepness · fatigue)', () => {
    expect(efficiencyFromFatigue(0, 1)).toBe(1);
    expect(efficiencyFromFatigue(1, 1)).toBe(0.5);
    expect(efficiencyFromFatigue(0.5, 2)).toBe(0.5);
  });

  it('leaves only routine work while renewal is paused (hand-computed loads)', () => {
    const state = simulate(tinyScenario('pause'), 3);
    const [team] = state.staff;
    expect(team?.load).toBeCloseTo(state.scenario.parameters.staff.routineLoad, 12);
    expect(team?.serviceRatio).toBe(1);
    for (const department of state.departments) {
      expect(department.demandHours / state.scenario.world.departmentHoursPerWeek).toBeCloseTo(
        state.scenario.parameters.departments.routineLoad,
        12,
      );
    }
  });

  it('adds docking threads and pushed-down work to staff load under administrative-led renewal', () => {
    const state = simulate(tinyScenario('administrative-led'), 2);
    const [team] = state.staff;
    const openThreads = state.projects.flatMap((project) =>
      project.status === 'docking' ? project.threads.filter((thread) => !thread.confirmed) : [],
    ).length;
    expect(openThreads).toBeGreaterThan(0);
    expect(team?.demandHours as number).toBeGreaterThan(
      state.scenario.parameters.staff.routineLoad * (team?.capacityHours as number),
    );
  });

  it('accumulates fatigue only when load exceeds 1', () => {
    const light = simulate(tinyScenario('pause'), 10);
    expect(light.staff[0]?.fatigue).toBe(0);
    const heavy = simulate(
      tinyScenario('administrative-led', {
        world: { communities: [{ name: 'T', households: 200, buildings: 8, sites: 12, communityStaff: 1 }] },
      }),
      6,
    );
    expect(heavy.staff[0]?.load as number).toBeGreaterThan(1);
    expect(heavy.staff[0]?.fatigue as number).toBeGreaterThan(0);
    expect(heavy.staff[0]?.serviceRatio as number).toBeLessThan(1);
  });
});
