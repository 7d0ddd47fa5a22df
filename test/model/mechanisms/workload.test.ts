import { describe, expect, it } from 'vitest';
import { computeWorkload, efficiencyFromFatigue, serveRenewal } from '../../../src/model/mechanisms/workload.js';
import { simulate, tinyScenario } from '../../helpers.js';
import { placeProject, worldAt } from './fixtures.js';

describe('workload', () => {
  it('lowers efficiency with fatigue: 1 / (1 + steepness · fatigue)', () => {
    expect(efficiencyFromFatigue(0, 1)).toBe(1);
    expect(efficiencyFromFatigue(1, 1)).toBe(0.5);
    expect(efficiencyFromFatigue(0.5, 2)).toBe(0.5);
  });

  it('serves assessed work and coordination in proportion to demand; a team that triages serves works before docking', () => {
    // Demand 20 on 10 hours: each kind gets half its demand. Triaging, coordination's 5 hours go to the works first;
    // answering to many, every task gets the same half.
    expect(serveRenewal(10, 10, 5, 5, true)).toEqual({ assessedRatio: 0.5, worksRatio: 1, dockingRatio: 0, doneHours: 10 });
    expect(serveRenewal(10, 10, 5, 5, false)).toEqual({ assessedRatio: 0.5, worksRatio: 0.5, dockingRatio: 0.5, doneHours: 10 });
    // Demand 20 on 8 hours: share 0.4; triaging, coordination gets 0.4 × 10 = 4 hours, 1 to the works and 3 of 9 to docking.
    const strained = serveRenewal(8, 10, 1, 9, true);
    expect(strained.assessedRatio).toBeCloseTo(0.4, 12);
    expect(strained.worksRatio).toBe(1);
    expect(strained.dockingRatio).toBeCloseTo(3 / 9, 12);
    expect(strained.doneHours).toBeCloseTo(8, 12);
    // Works alone beyond the hours: they get what the share gives them; docking has no demand.
    expect(serveRenewal(4, 0, 8, 0, true)).toEqual({ assessedRatio: 0.5, worksRatio: 0.5, dockingRatio: 1, doneHours: 4 });
    expect(serveRenewal(100, 10, 5, 5, true)).toEqual({ assessedRatio: 1, worksRatio: 1, dockingRatio: 1, doneHours: 20 });
    expect(serveRenewal(8, 0, 0, 0, false)).toEqual({ assessedRatio: 1, worksRatio: 1, dockingRatio: 1, doneHours: 0 });
    expect(serveRenewal(-5, 1, 1, 1, true)).toEqual({ assessedRatio: 0, worksRatio: 0, dockingRatio: 0, doneHours: 0 });
  });

  it('splits renewal demand into assessed work, works and docking, carrying only unmet assessed work (hand-computed)', () => {
    // One staff member (40 h: routine 0.8 → 32 h, 8 h for renewal), departments of 40 h (routine 0.55 → 22 h, 18 h
    // left), pressure 0 so nothing is pushed down; paperwork 1.5 h and preparation 6 h per interface, threads 3 h
    // (staff) and 2 h (department), works 1 h (staff) and supervision 3 h (lead department).
    const { state, random } = worldAt(
      tinyScenario('integration-only', {
        world: { communities: [{ name: 'T', households: 200, buildings: 8, sites: 12, communityStaff: 1 }] },
      }),
    );
    // Fragmented, departments 0 and 1, both threads open: the staff deal with each thread.
    const fragmented = placeProject(state, { localSite: 0, category: 0, departments: [0, 1], status: 'docking' });
    fragmented.threads = [
      { department: 0, weeksIntoRound: 0, confirmed: false },
      { department: 1, weeksIntoRound: 0, confirmed: false },
    ];
    // In a plan, departments 2 and 3, both threads open: the staff deal with the plan's one interface; only the lead
    // writes it up and prepares it; every department still has its confirmation to give.
    const planned = placeProject(state, { localSite: 1, category: 1, departments: [2, 3], status: 'docking', integrated: true });
    planned.threads = [
      { department: 2, weeksIntoRound: 0, confirmed: false },
      { department: 3, weeksIntoRound: 0, confirmed: false },
    ];
    // Works under way, led by department 0.
    placeProject(state, { localSite: 2, category: 2, departments: [0], status: 'active' });
    state.extraHours.staff[0] = 10;
    computeWorkload(state, random);

    // Staff: assessed 10 (meeting hours), works 1, docking 3 × 2 + 3 × 1 = 9; demand 20 on 8 hours, share 0.4 for
    // every task: the staff answer to every department and cannot triage.
    const [team] = state.staff;
    expect(team?.renewalDemandHours).toBe(20);
    expect(team?.demandHours).toBe(32 + 20);
    expect(team?.load).toBeCloseTo(52 / 40, 12);
    expect(team?.renewalDoneHours).toBeCloseTo(8, 12);
    expect(team?.worksServiceRatio).toBeCloseTo(0.4, 12);
    expect(team?.serviceRatio).toBeCloseTo(0.4, 12);
    // Only assessed work carries over: backlogCarryShare 0.5 × 10 × (1 − 0.4).
    expect(team?.backlogHours).toBeCloseTo(3, 12);

    // Department 0: paperwork 1.5 + 1.5, docking 6 + 2 + 6 (preparation of the works too), works 3: 20 on 18 hours,
    // share 0.9; it triages: of 0.9 × 17 coordination hours, 3 supervise the works and the rest go to docking.
    const [first, second, third, fourth] = state.departments;
    expect(first?.paperworkHours).toBe(3);
    expect(first?.demandHours).toBeCloseTo(22 + 20, 12);
    expect(first?.worksServiceRatio).toBe(1);
    expect(first?.serviceRatio).toBeCloseTo((0.9 * 17 - 3) / 14, 12);
    expect(first?.backlogHours).toBeCloseTo(0.5 * 3 * 0.1, 12);
    // Department 1: paperwork 1.5, preparation 6, its thread 2. Department 2 leads the plan project: the same.
    // Department 3: only its thread, 2.
    expect(second?.demandHours).toBeCloseTo(22 + 9.5, 12);
    expect(third?.demandHours).toBeCloseTo(22 + 9.5, 12);
    expect(fourth?.demandHours).toBeCloseTo(22 + 2, 12);
    expect(state.departments.map((department) => department.paperworkHours)).toEqual([3, 1.5, 1.5, 0]);
    for (const department of [second, third, fourth]) {
      expect(department?.serviceRatio).toBe(1);
      expect(department?.worksServiceRatio).toBe(1);
      expect(department?.backlogHours).toBe(0);
    }
  });

  it('writes implementation plans before the department’s other assessed work (hand-computed)', () => {
    const scenario = tinyScenario('administrative-led');
    const planHours = scenario.parameters.departments.implementationPlanHours;
    const { state, random } = worldAt(scenario);
    const shared = placeProject(state, { localSite: 0, category: 0, departments: [0, 1] });
    const own = placeProject(state, { localSite: 0, category: 1, departments: [0] });
    expect(shared.implementationPlanHoursLeft).toEqual([planHours, planHours]);
    // A project in a plan has the plan as its document.
    expect(
      placeProject(state, { localSite: 1, category: 1, departments: [2, 3], integrated: true }).implementationPlanHoursLeft,
    ).toEqual([0, 0]);
    // Half of one plan is written already: plans of unequal size are written in proportion to what is left of each.
    own.implementationPlanHoursLeft[0] = 8;
    // Department 0 is asked 2 × 1.5 paperwork + 16 + 8 plan + 18.5 meeting hours = 45.5 assessed on 18 renewal
    // hours, and serves 18 of them: all 18 go to its plans (24 hours asked), three quarters of each, leaving 4 and 2.
    // Department 1 (1.5 + 16 on 18 hours) writes all of its plan.
    state.extraHours.department[0] = 18.5;
    computeWorkload(state, random);
    expect(state.departments[0]?.paperworkHours).toBe(3 + planHours + 8);
    expect(shared.implementationPlanHoursLeft[0]).toBeCloseTo(4, 12);
    expect(own.implementationPlanHoursLeft[0]).toBeCloseTo(2, 12);
    expect(shared.implementationPlanHoursLeft[1]).toBe(0);
    // Plan hours stay asked by the plan until written, so only the rest of the undone assessed work carries over: half
    // of the 21.5 other hours, none of which was served.
    expect(state.departments[0]?.backlogHours).toBeCloseTo(0.5 * 21.5, 12);
    expect(state.departments[1]?.backlogHours).toBe(0);
    // Next week: 3 + 6 plan + 10.75 backlog = 19.75 asked on 18 hours. The 6 plan hours are written, the other work
    // gets the remaining 12 of its 13.75, and half of the 1.75 undone carries over.
    state.extraHours.department[0] = 0;
    computeWorkload(state, random);
    expect(state.departments[0]?.paperworkHours).toBeCloseTo(3 + 6, 12);
    expect(shared.implementationPlanHoursLeft).toEqual([0, 0]);
    expect(own.implementationPlanHoursLeft).toEqual([0]);
    expect(state.departments[0]?.backlogHours).toBeCloseTo(0.5 * 1.75, 12);
  });

  it('asks for no implementation plan of a project waiting to be pooled into the plan under integration', () => {
    const scenario = tinyScenario('co-production');
    const { state, random } = worldAt(scenario);
    // A department's own catalogue project, listed before integration began: it docks only once pooled into the plan.
    const waiting = placeProject(state, { localSite: 0, category: 0, departments: [0] });
    const planHours = scenario.parameters.departments.implementationPlanHours;
    computeWorkload(state, random);
    expect(waiting.implementationPlanHoursLeft).toEqual([planHours]);
    expect(state.departments[0]?.paperworkHours).toBeCloseTo(scenario.parameters.departments.paperworkHoursPerProject, 12);
  });

  it('finishes implementation plans in a department its other paperwork keeps overloaded', () => {
    const scenario = tinyScenario('administrative-led');
    const planHours = scenario.parameters.departments.implementationPlanHours;
    const { state, random } = worldAt(scenario);
    const projects = [0, 1, 2].map((category) => placeProject(state, { localSite: 0, category, departments: [0] }));
    // Three plans (48 hours) and 36.5 hours of meetings and reports every week, on 18 renewal hours: the department's
    // assessed work (89, 91.5 and 83.75 hours in weeks 1 to 3, its backlog growing as its plans shrink) is never all
    // served, yet its plans get the 18 hours it serves: 30 hours left after week 1, 12 after week 2, none after week
    // 3. Had the plans got only their proportional share (18 ÷ 89 of what is left in week 1, less later), they would
    // shrink by that share each week and never be done.
    const left: number[] = [];
    for (let week = 1; week <= 3; week++) {
      state.extraHours.department[0] = 36.5;
      computeWorkload(state, random);
      left.push(projects.reduce((sum, project) => sum + (project.implementationPlanHoursLeft[0] as number), 0));
      expect(state.departments[0]?.backlogHours).toBeGreaterThan(0);
    }
    expect(left[0]).toBeCloseTo(3 * planHours - 18, 12);
    expect(left[1]).toBeCloseTo(3 * planHours - 36, 12);
    expect(left[2]).toBe(0);
  });

  it('leaves only routine work while renewal is paused (hand-computed loads)', () => {
    const state = simulate(tinyScenario('pause'), 3);
    const [team] = state.staff;
    // Three staff of 40 hours, routine 0.8: 96 of 120 hours, and no renewal demand at all.
    expect(team?.demandHours).toBeCloseTo(96, 12);
    expect(team?.renewalDemandHours).toBe(0);
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
    const scenario = tinyScenario('administrative-led');
    const threadHours = scenario.parameters.docking.staffHoursPerThreadWeek;
    let weeksWithThreads = 0;
    simulate(scenario, 20, 7, (state) => {
      const [team] = state.staff;
      const openThreads = state.projects.flatMap((project) =>
        project.status === 'docking' ? project.threads.filter((thread) => !thread.confirmed) : [],
      ).length;
      if (openThreads === 0) return;
      weeksWithThreads++;
      // Each department's thread is a separate channel for the staff, on top of their routine work (threads closed
      // during the docking phase were still asked for when the workload was computed, so this is a lower bound).
      expect(team?.demandHours as number).toBeGreaterThanOrEqual(
        scenario.parameters.staff.routineLoad * (team?.capacityHours as number) + threadHours * openThreads - 1e-9,
      );
    });
    expect(weeksWithThreads).toBeGreaterThan(0);
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
