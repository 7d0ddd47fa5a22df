import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../../src/core/index.js';
import { buildWorld, type Project, type SimulationState, stepWeek } from '../../../src/model/index.js';
import { confirmationChanceAt, departmentForumBit, staffForumBit } from '../../../src/model/mechanisms/docking.js';
import { modePresets, type Scenario } from '../../../src/scenario/index.js';
import { simulate, tinyScenario } from '../../helpers.js';

/** Enough staff and department hours that nobody is overloaded: every service ratio stays 1. */
const roomy = {
  world: {
    communities: [{ name: 'T', households: 200, buildings: 8, sites: 12, communityStaff: 12 }],
    departmentHoursPerWeek: 80,
  },
};

/** Routine work leaves the staff room for every thread. */
const roomyStaff = { routineLoad: 0.6 };

/** Weeks from the start of docking to the last confirmation, counting both ends. */
const settleWeeks = (project: Project) => project.questionSettledWeek - project.dockingStartWeek + 1;

/** Simulates and returns the state with the lowest staff service ratio seen in any week. */
function simulateWatchingStaff(...args: Parameters<typeof simulate>): { state: SimulationState; lowestServiceRatio: number } {
  let lowestServiceRatio = 1;
  const state = simulate(args[0], args[1], args[2], (current) => {
    lowestServiceRatio = Math.min(lowestServiceRatio, current.staff[0]?.serviceRatio as number);
  });
  return { state, lowestServiceRatio };
}

describe('confirmationChanceAt', () => {
  it('is confirmationChance × positions in hand ÷ departments needed, at most confirmationChance', () => {
    expect(confirmationChanceAt(0.6, 1, 2)).toBeCloseTo(0.3, 12);
    expect(confirmationChanceAt(0.6, 2, 2)).toBe(0.6);
    expect(confirmationChanceAt(0.6, 1, 3)).toBeCloseTo(0.2, 12);
    expect(confirmationChanceAt(0.6, 1, 1)).toBe(0.6);
    expect(confirmationChanceAt(0.6, 3, 2)).toBe(0.6);
    expect(confirmationChanceAt(1, 0, 2)).toBe(0);
    expect(confirmationChanceAt(0.6, 0, 0)).toBe(0);
  });
});

describe('docking through the office loop (integration off)', () => {
  it('opens one thread per department and never settles a cross-department project in fewer than officeLoopWeeksPerRound weeks', () => {
    const scenario = tinyScenario('administrative-led', { parameters: { departments: { crossDepartmentShare: 1 } } });
    const state = simulate(scenario, 60);
    const rounds = scenario.parameters.docking.officeLoopWeeksPerRound;
    const docked = state.projects.filter((project) => project.dockingStartWeek >= 0);
    expect(docked.length).toBeGreaterThan(0);
    for (const project of docked) {
      expect(project.departments.length).toBeGreaterThan(1);
      expect(project.threads).toHaveLength(project.departments.length);
      expect(project.interfaces).toBe(project.departments.length);
      if (project.questionSettledWeek >= 0) expect(settleWeeks(project)).toBeGreaterThanOrEqual(rounds);
    }
    expect(state.runTally.settledQuestions).toBeGreaterThan(0);
  });

  it('settles in whole rounds when the staff serve every thread every week', () => {
    // With no one overloaded each thread meets its department every officeLoopWeeksPerRound weeks exactly, so a
    // project settles at the end of a round: after 3, 6, 9, … weeks with the default of 3.
    const scenario = tinyScenario('administrative-led', {
      ...roomy,
      parameters: { staff: roomyStaff, departments: { crossDepartmentShare: 1 }, docking: { confirmationChance: 1 } },
    });
    const { state, lowestServiceRatio } = simulateWatchingStaff(scenario, 40);
    expect(lowestServiceRatio).toBe(1);
    const rounds = scenario.parameters.docking.officeLoopWeeksPerRound;
    const settled = state.projects.filter((project) => project.questionSettledWeek >= 0);
    expect(settled.length).toBeGreaterThan(0);
    for (const project of settled) expect(settleWeeks(project) % rounds).toBe(0);
    expect(Math.min(...settled.map(settleWeeks))).toBe(rounds);
  });
});

describe('docking at on-site meetings (integration on)', () => {
  it('settles a project at its first on-site meeting when everyone attends and confirms', () => {
    const scenario = tinyScenario('integration-only', {
      ...roomy,
      parameters: {
        staff: roomyStaff,
        departments: { crossDepartmentShare: 1 },
        docking: { confirmationChance: 1 },
        jointMeetings: { departmentAttendance: 1 },
      },
    });
    const { state, lowestServiceRatio } = simulateWatchingStaff(scenario, 30);
    // Staff always able to organise one, the first on-site meeting is held the week docking opens.
    expect(lowestServiceRatio).toBe(1);
    const settled = state.projects.filter((project) => project.questionSettledWeek >= 0);
    expect(settled.length).toBeGreaterThan(0);
    for (const project of settled) {
      expect(project.departments.length).toBeGreaterThan(1);
      // Every department has a confirmation to give; the staff deal with the plan's one interface.
      expect(project.threads).toHaveLength(project.departments.length);
      expect(project.threads.every((thread) => thread.confirmed)).toBe(true);
      expect(project.interfaces).toBe(1);
      expect(project.questionSettledWeek).toBe(project.dockingStartWeek);
      expect(project.forumParties & staffForumBit).toBe(staffForumBit);
      for (const department of project.departments) expect(project.forumParties & departmentForumBit(department)).not.toBe(0);
    }
    expect(state.runTally.onSiteMeetings).toBeGreaterThan(0);
  });

  it('never settles a cross-department project whose other departments never attend: a position is in hand only in the room', () => {
    const scenario = tinyScenario('integration-only', {
      ...roomy,
      parameters: {
        departments: { crossDepartmentShare: 0.5 },
        docking: { confirmationChance: 1 },
        jointMeetings: { departmentAttendance: 0 },
      },
    });
    const state = simulate(scenario, 30);
    const docked = state.projects.filter((project) => project.dockingStartWeek >= 0);
    const crossDepartment = docked.filter((project) => project.departments.length > 1);
    const singleDepartment = docked.filter((project) => project.departments.length === 1);
    expect(crossDepartment.length).toBeGreaterThan(0);
    expect(singleDepartment.length).toBeGreaterThan(0);
    for (const project of crossDepartment) {
      expect(project.questionSettledWeek).toBe(-1);
      expect(project.threads.slice(1).every((thread) => !thread.confirmed)).toBe(true);
    }
    // The lead is always in the room: alone and needed alone, it confirms with confirmationChance.
    for (const project of singleDepartment) expect(project.questionSettledWeek).toBe(project.dockingStartWeek);
  });
});

describe('releasing listed projects into docking', () => {
  const underWay = (project: Project) =>
    project.status === 'docking' || project.status === 'ready' || project.status === 'active' || project.status === 'idle';

  /**
   * Simulates, recording for each project the first week at whose end it was free to dock: every implementation
   * plan written, or (in a plan) adopted before the week ended. Returns the state and those weeks.
   */
  function simulateRecordingFreeToDock(scenario: Scenario, weeks: number) {
    const freeFrom = new Map<number, number>();
    const state = simulate(scenario, weeks, 7, (current) => {
      for (const project of current.projects) {
        if (freeFrom.has(project.id)) continue;
        if (project.implementationPlanHoursLeft.every((hours) => hours === 0)) freeFrom.set(project.id, current.week);
      }
    });
    return { state, freeFrom };
  }

  it('docks a project outside a plan only once each of its departments has written its implementation plan', () => {
    const scenario = tinyScenario('participation-only');
    const { state, freeFrom } = simulateRecordingFreeToDock(scenario, 60);
    const docked = state.projects.filter((project) => project.dockingStartWeek >= 0);
    expect(docked.length).toBeGreaterThan(0);
    for (const project of docked) {
      expect(project.integrated).toBe(false);
      // Plans are written in the workload phase, after docking opens: docking begins the week after at the earliest.
      expect(project.dockingStartWeek).toBeGreaterThan(freeFrom.get(project.id) as number);
      expect(freeFrom.get(project.id) as number).toBeGreaterThanOrEqual(project.listedWeek);
    }
  });

  it.each(['integration-only', 'participation-only', 'co-production'] as const)(
    'keeps at most concurrentProjectsPerDepartment under way per lead department under low pressure (%s)',
    (mode) => {
      const scenario = tinyScenario(mode);
      const concurrency = scenario.parameters.docking.concurrentProjectsPerDepartment;
      let weeksAtTheCapWithProjectsWaiting = 0;
      simulate(scenario, 80, 7, (state) => {
        const counts = new Map<number, number>();
        for (const project of state.projects) {
          if (underWay(project))
            counts.set(project.departments[0] as number, (counts.get(project.departments[0] as number) ?? 0) + 1);
        }
        for (const [lead, count] of counts) {
          expect(count, `department ${lead} in week ${state.week}`).toBeLessThanOrEqual(concurrency);
          // Waiting: listed, free to dock (plans written, or in a plan adopted before this week).
          const waiting = state.projects.some(
            (project) =>
              project.status === 'listed' &&
              project.departments[0] === lead &&
              project.implementationPlanHoursLeft.every((hours) => hours === 0) &&
              (!project.integrated || project.adoptedWeek < state.week),
          );
          if (count === concurrency && waiting) weeksAtTheCapWithProjectsWaiting++;
        }
      });
      // The cap binds: some department has projects free to dock waiting while at it.
      expect(weeksAtTheCapWithProjectsWaiting).toBeGreaterThan(0);
    },
  );

  it('works down each department’s part of a plan in priority order', () => {
    const state = simulate(tinyScenario('co-production'), 60);
    const plan = state.projects.filter((project) => project.adoptedWeek === state.projects[0]?.adoptedWeek);
    let compared = 0;
    for (const later of plan) {
      if (later.dockingStartWeek < 0) continue;
      for (const earlier of plan) {
        if (earlier.id >= later.id || earlier.departments[0] !== later.departments[0]) continue;
        if (earlier.status === 'cancelled' && earlier.dockingStartWeek < 0) continue;
        expect(earlier.dockingStartWeek).toBeGreaterThanOrEqual(0);
        expect(earlier.dockingStartWeek).toBeLessThanOrEqual(later.dockingStartWeek);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('starts every project at once, the week after its plans are written, under high pressure (倒排工作进度)', () => {
    const scenario = tinyScenario('administrative-led', { parameters: { docking: { concurrentProjectsPerDepartment: 1 } } });
    const { state, freeFrom } = simulateRecordingFreeToDock(scenario, 60);
    const docked = state.projects.filter((project) => project.dockingStartWeek >= 0);
    expect(docked.length).toBeGreaterThan(0);
    for (const project of docked) expect(project.dockingStartWeek).toBe((freeFrom.get(project.id) as number) + 1);
    // No project free to dock is kept waiting.
    for (const project of state.projects.filter((project) => project.status === 'listed'))
      expect(freeFrom.get(project.id) ?? state.week).toBe(state.week);
    // Low pressure, with a cap of 1, would never start two projects of one department in the same week.
    const startsByLeadAndWeek = new Map<string, number>();
    for (const project of docked) {
      const key = `${project.departments[0]}@${project.dockingStartWeek}`;
      startsByLeadAndWeek.set(key, (startsByLeadAndWeek.get(key) ?? 0) + 1);
    }
    expect(Math.max(...startsByLeadAndWeek.values())).toBeGreaterThan(1);
  });
});

describe('pausing docking', () => {
  it('closes every docking thread when renewal is paused', () => {
    const scenario = tinyScenario('administrative-led');
    const random = createRandomSource(3);
    const state = buildWorld(scenario, random);
    while (state.week < 30 && !state.projects.some((project) => project.status === 'docking')) stepWeek(state, random);
    expect(state.projects.some((project) => project.status === 'docking')).toBe(true);
    stepWeek(state, random, { ...modePresets.pause });
    expect(state.projects.some((project) => project.status === 'docking')).toBe(false);
    const listed = state.projects.filter((project) => project.status === 'listed');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((project) => project.threads.length === 0 && project.dockingStartWeek === -1)).toBe(true);
  });
});
