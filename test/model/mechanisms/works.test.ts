import { describe, expect, it } from 'vitest';
import { departmentBudgetShare } from '../../../src/model/mechanisms/planning.js';
import { simulate, tinyScenario } from '../../helpers.js';

describe('works, spending and late discovery', () => {
  it('completes a project after exactly its duration in weeks of progress, spending its cost', () => {
    const state = simulate(tinyScenario('co-production'), 60);
    const done = state.projects.filter((project) => project.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    for (const project of done) {
      expect(project.progressWeeks).toBe(project.durationWeeks);
      expect(project.spent).toBeCloseTo(project.cost, 12);
    }
  });

  it('keeps each department within its own budget share when departments act alone', () => {
    const state = simulate(tinyScenario('administrative-led'), 60);
    const share = departmentBudgetShare(state);
    for (const department of state.departments)
      expect(department.spentByCommunity[0] as number).toBeLessThanOrEqual(share + 1e-9);
  });

  it('freezes all works while renewal is paused', () => {
    const state = simulate(tinyScenario('pause'), 30);
    expect(state.projects).toHaveLength(0);
    expect(state.runTally.spent).toBe(0);
  });

  // Two sites and many projects per department force duplicates and conflicts.
  const crowded = {
    world: {
      communities: [{ name: 'T', households: 200, buildings: 4, sites: 2, communityStaff: 12 }],
      departmentHoursPerWeek: 80,
    },
    parameters: { departments: { projectsPerDepartment: 4 } },
  };

  it('discovers uncaught pairs only when built, wasting money, when nothing checks before spending', () => {
    const state = simulate(
      tinyScenario('administrative-led', {
        ...crowded,
        parameters: { ...crowded.parameters, detection: { fragmentedBeforeSpendChance: 0 } },
      }),
      104,
    );
    expect(state.pairs.length).toBeGreaterThan(0);
    expect(state.pairs.every((pair) => pair.caughtWeek === -1)).toBe(true);
    expect(state.pairs.some((pair) => pair.realisedWeek >= 0)).toBe(true);
    expect(state.runTally.wasted).toBeGreaterThan(0);
  });

  it('catches every pair before spending when joint forums always catch them', () => {
    const state = simulate(
      tinyScenario('integration-only', {
        ...crowded,
        parameters: {
          ...crowded.parameters,
          detection: { integratedBeforeSpendChance: 1 },
          jointMeetings: { leadersAttendChance: 1 },
        },
      }),
      60,
    );
    expect(state.pairs.length).toBeGreaterThan(0);
    for (const pair of state.pairs) {
      expect(pair.realisedWeek).toBe(-1);
      expect(pair.caughtWeek === -1 || pair.caughtBeforeSpend).toBe(true);
    }
    expect(state.runTally.wasted).toBe(0);
  });
});
