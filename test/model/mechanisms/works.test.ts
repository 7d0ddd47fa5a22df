import { describe, expect, it } from 'vitest';
import type { SimulationState } from '../../../src/model/index.js';
import { departmentBudgetShare } from '../../../src/model/mechanisms/planning.js';
import { advanceWorks, unawareShareAtSite } from '../../../src/model/mechanisms/works.js';
import { simulate, tinyScenario } from '../../helpers.js';
import { householdsAtSite, placeProject, worldAt } from './fixtures.js';

/** Enough staff and department hours that nobody is overloaded: every service ratio stays 1. */
const roomy = {
  world: {
    communities: [{ name: 'T', households: 200, buildings: 8, sites: 12, communityStaff: 12 }],
    departmentHoursPerWeek: 80,
  },
};

/** Simulates and returns the state with the lowest staff or department service ratio seen in any week. */
function simulateWatchingServiceRatios(...args: Parameters<typeof simulate>): { state: SimulationState; lowest: number } {
  let lowest = 1;
  const state = simulate(args[0], args[1], args[2], (current) => {
    for (const team of current.staff) lowest = Math.min(lowest, team.serviceRatio);
    for (const department of current.departments) lowest = Math.min(lowest, department.serviceRatio);
  });
  return { state, lowest };
}

describe('works and spending', () => {
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
    const share = departmentBudgetShare(state, 0);
    for (const department of state.departments)
      expect(department.spentByCommunity[0] as number).toBeLessThanOrEqual(share + 1e-9);
  });

  it('freezes all works while renewal is paused', () => {
    const state = simulate(tinyScenario('pause'), 30);
    expect(state.projects).toHaveLength(0);
    expect(state.runTally.spent).toBe(0);
  });
});

describe('duplicates and conflicts in works', () => {
  // Two sites and many projects per department force duplicates and conflicts.
  const crowded = (parameters: Record<string, unknown> = {}) => ({
    world: {
      communities: [{ name: 'T', households: 200, buildings: 4, sites: 2, communityStaff: 12 }],
      departmentHoursPerWeek: 80,
    },
    parameters: { departments: { projectsPerDepartment: 4 }, ...parameters },
  });

  it('discovers pairs only when built, wasting money, when no reviewer ever notices a clash', () => {
    const state = simulate(tinyScenario('administrative-led', crowded({ detection: { reviewRecall: 0 } })), 104);
    expect(state.pairs.length).toBeGreaterThan(0);
    expect(state.pairs.every((pair) => pair.caughtWeek === -1)).toBe(true);
    const realised = state.pairs.filter((pair) => pair.realisedWeek >= 0);
    expect(realised.length).toBeGreaterThan(0);
    for (const pair of realised) {
      // Realised in the week the second of the two was finished.
      const doneWeeks = [state.projects[pair.first]?.doneWeek as number, state.projects[pair.second]?.doneWeek as number];
      expect(pair.realisedWeek).toBe(Math.max(...doneWeeks));
      expect(Math.min(...doneWeeks)).toBeGreaterThanOrEqual(0);
    }
    expect(state.runTally.wasted).toBeGreaterThan(0);
  });

  it('catches every pair before spending when the plan is reviewed with full recall', () => {
    const state = simulate(
      tinyScenario('integration-only', crowded({ detection: { reviewRecall: 1 }, jointMeetings: { leadersAttendChance: 1 } })),
      60,
    );
    expect(state.pairs.length).toBeGreaterThan(0);
    for (const pair of state.pairs) {
      expect(pair.realisedWeek).toBe(-1);
      expect(pair.caughtWeek === -1 || pair.caughtBeforeSpend).toBe(true);
    }
    expect(state.runTally.wasted).toBe(0);
  });

  describe('the lead department’s check before first spending', () => {
    const scenario = tinyScenario('administrative-led', { parameters: { detection: { reviewRecall: 1 } } });

    it('drops a duplicate of a project the lead department leads, before it spends', () => {
      const { state, random } = worldAt(scenario, 5);
      const listed = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'docking' });
      const ready = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'ready' });
      advanceWorks(state, random);
      expect(ready.checkedBeforeSpend).toBe(true);
      expect(state.pairs[0]).toMatchObject({ caughtWeek: 5, caughtBeforeSpend: true });
      // Neither has spent; the later-listed one is dropped.
      expect(ready.status).toBe('cancelled');
      expect(ready.spent).toBe(0);
      expect(listed.status).toBe('docking');
    });

    it('cannot stop a duplicate led by another department, even one it takes part in', () => {
      const { state, random } = worldAt(scenario, 5);
      placeProject(state, { localSite: 0, category: 0, departments: [1, 0], status: 'docking' });
      const ready = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'ready' });
      advanceWorks(state, random);
      expect(ready.checkedBeforeSpend).toBe(true);
      expect(state.pairs[0]?.caughtWeek).toBe(-1);
      expect(ready.status).toBe('active');
      expect(ready.spent).toBeCloseTo(ready.cost / ready.durationWeeks, 12);
    });
  });
});

describe('objections where households were never told', () => {
  it('is the share of the site’s households never told of the renewal', () => {
    const { state } = worldAt(tinyScenario('administrative-led'));
    const residents = householdsAtSite(state, 0);
    expect(residents.length).toBeGreaterThan(3);
    expect(unawareShareAtSite(state, 0)).toBe(1);
    for (const household of residents.slice(0, 3)) state.households.aware[household] = 1;
    expect(unawareShareAtSite(state, 0)).toBeCloseTo((residents.length - 3) / residents.length, 12);
  });

  it('holds up the first week of works at a site where no one was told, and tells everyone drawn into the dispute', () => {
    const { state, random } = worldAt(tinyScenario('administrative-led', { parameters: { residents: { objectionChance: 1 } } }));
    const project = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'ready' });
    const residents = householdsAtSite(state, project.site);
    const trustBefore = residents.map((household) => state.households.trust[household] as number);
    advanceWorks(state, random);
    expect(project.status).toBe('idle');
    expect(project.progressWeeks).toBe(0);
    expect(project.spent).toBe(0);
    // With objectionChance 1 every never-told household is drawn in: it learns of the renewal, a negative trust event.
    const trustLoss = state.scenario.parameters.residents.trustLoss;
    residents.forEach((household, index) => {
      expect(state.households.aware[household]).toBe(1);
      expect(state.households.trust[household]).toBeCloseTo((trustBefore[index] as number) * (1 - trustLoss), 12);
    });
    // Now everyone there knows: the next week's works go ahead.
    state.week = 2;
    advanceWorks(state, random);
    expect(project.status).toBe('active');
    expect(project.progressWeeks).toBe(1);
  });

  it('holds nothing up with objectionChance 0, and tells no one', () => {
    const { state, random } = worldAt(tinyScenario('administrative-led', { parameters: { residents: { objectionChance: 0 } } }));
    const project = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'ready' });
    advanceWorks(state, random);
    expect(project.status).toBe('active');
    expect(project.progressWeeks).toBe(1);
    expect(householdsAtSite(state, project.site).every((household) => state.households.aware[household] === 0)).toBe(true);
  });

  it('never holds works up in a run with objectionChance 0: with no one overloaded each project is done its duration after settling', () => {
    const { state, lowest } = simulateWatchingServiceRatios(
      tinyScenario('integration-only', { ...roomy, parameters: { residents: { objectionChance: 0 } } }),
      60,
    );
    expect(lowest).toBe(1);
    const done = state.projects.filter((project) => project.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    // Works start the week the question is settled and progress every week after.
    for (const project of done) expect(project.doneWeek - project.questionSettledWeek + 1).toBe(project.durationWeeks);
  });

  it('holds up the first works of a run by one week with objectionChance 1, no one having been told', () => {
    const { state, lowest } = simulateWatchingServiceRatios(
      tinyScenario('integration-only', { ...roomy, parameters: { residents: { objectionChance: 1 } } }),
      60,
    );
    expect(lowest).toBe(1);
    // The first project to reach works (the lowest id among those settled first, as works are run in id order).
    const first = state.projects
      .filter((project) => project.questionSettledWeek >= 0)
      .sort((left, right) => left.questionSettledWeek - right.questionSettledWeek || left.id - right.id)[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    const changes = state.statusChanges.filter(
      (change) => change.project === first.id && change.from !== 'listed' && change.from !== 'docking',
    );
    expect(changes.slice(0, 2)).toEqual([
      { project: first.id, week: first.questionSettledWeek, from: 'ready', to: 'idle' },
      { project: first.id, week: first.questionSettledWeek + 1, from: 'idle', to: 'active' },
    ]);
    if (first.status === 'done') expect(first.doneWeek - first.questionSettledWeek + 1).toBe(first.durationWeeks + 1);
  });
});
