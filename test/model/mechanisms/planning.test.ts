import { describe, expect, it } from 'vitest';
import type { SimulationState } from '../../../src/model/index.js';
import {
  adoptPlanFromPriorities,
  budgetYearsBegun,
  communityBudgetSoFar,
  departmentBudgetShare,
  departmentsTakeUpPriorities,
  newBudgetYear,
} from '../../../src/model/mechanisms/planning.js';
import { leadDepartmentFor } from '../../../src/model/world.js';
import { createModel, runScenario } from '../../../src/simulation/index.js';
import { simulate, tinyScenario } from '../../helpers.js';
import { itemAt, type PlacedProject, placeProject, worldAt } from './fixtures.js';

describe('budget years', () => {
  it('counts the budget years begun by a week: a new one each 52 weeks', () => {
    expect([1, 52, 53, 104, 105].map(budgetYearsBegun)).toEqual([1, 1, 2, 2, 3]);
    expect(budgetYearsBegun(0)).toBe(1);
    expect([1, 52, 53, 54, 104, 105].map(newBudgetYear)).toEqual([false, false, true, false, false, true]);
  });

  it('makes each year’s budget available from its first week, unspent money carrying over', () => {
    const { state } = worldAt(tinyScenario('administrative-led', { world: { budget: 2 } }), 52);
    expect(communityBudgetSoFar(state, 0)).toBe(2);
    expect(departmentBudgetShare(state, 0)).toBe(0.5);
    state.week = 53;
    expect(communityBudgetSoFar(state, 0)).toBe(4);
    expect(departmentBudgetShare(state, 0)).toBe(1);
  });

  it.each(['administrative-led', 'co-production', 'participation-only', 'integration-only'] as const)(
    'never spends beyond the budget so far (%s)',
    (mode) => {
      let spentInYearTwo = 0;
      const state = simulate(tinyScenario(mode), 110, 7, (current) => {
        const budget = current.scenario.world.budget * budgetYearsBegun(current.week);
        expect(current.runTally.spent, `week ${current.week}`).toBeLessThanOrEqual(budget + 1e-9);
        if (current.week === 52) spentInYearTwo = -current.runTally.spent;
        if (current.week === 104) spentInYearTwo += current.runTally.spent;
        if (!current.mode.integration) {
          for (const department of current.departments)
            expect(department.spentByCommunity[0] as number).toBeLessThanOrEqual(budget / current.departments.length + 1e-9);
        }
      });
      expect(state.runTally.spent).toBeGreaterThan(0);
      // The second year's money is spent too.
      expect(spentInYearTwo).toBeGreaterThan(0);
    },
  );
});

describe('planning', () => {
  it('lists department catalogue projects when participation is off, within each department line', () => {
    const state = simulate(tinyScenario('administrative-led'), 1);
    expect(state.projects.length).toBeGreaterThan(0);
    for (const project of state.projects) {
      expect(project.origin).toBe('department-catalogue');
      expect(state.departments[project.departments[0] as number]?.categories).toContain(project.category);
      expect(project.integrated).toBe(false);
    }
  });

  it('lists the departments’ catalogues again when each budget year begins, and only then', () => {
    const scenario = tinyScenario('administrative-led');
    const state = simulate(scenario, 110);
    const listedWeeks = [...new Set(state.projects.map((project) => project.listedWeek))];
    expect(listedWeeks).toEqual([1, 53, 105]);
    for (const week of listedWeeks) {
      for (const department of state.departments) {
        const listed = state.projects.filter(
          (project) => project.listedWeek === week && project.departments[0] === department.id,
        );
        expect(listed.length).toBeLessThanOrEqual(scenario.parameters.departments.projectsPerDepartment);
      }
    }
    expect(state.progress[0]?.catalogueYear).toBe(3);
  });

  it('under integration alone, pools each budget year’s catalogues into a plan over the matching weeks from their listing', () => {
    const scenario = tinyScenario('integration-only');
    const state = simulate(scenario, 70);
    const matchingWeeks = scenario.parameters.deliberation.matchingWeeks;
    const adoptedWeeksOfListing = (week: number) => [
      ...new Set(state.projects.filter((project) => project.listedWeek === week).map((project) => project.adoptedWeek)),
    ];
    expect(adoptedWeeksOfListing(1)).toEqual([matchingWeeks]);
    expect(adoptedWeeksOfListing(53)).toEqual([53 + matchingWeeks - 1]);
  });

  it('adopts the cycle’s plan from its adoption week on, so that integration switched at that week leaves no community without one', () => {
    // Tiny world: integration adopts the plan at offset 18 (week 19), departments alone take up the priorities at offset
    // 19 (week 20). Integration switched on at week 20, or off at week 19 and on again at 20, used to miss both weeks:
    // no plan, no project and no later cycle to the end of the run, joint meetings held about nothing meanwhile.
    const run = (mode: string, timeline: unknown[]) =>
      runScenario(tinyScenario(mode as never, { weeks: 80, timeline }), { seed: 7 });
    for (const result of [
      run('participation-only', [{ week: 20, mode: 'co-production' }]),
      run('co-production', [
        { week: 19, mode: 'participation-only' },
        { week: 20, mode: 'co-production' },
      ]),
    ]) {
      expect(result.milestones.planAdopted).toBe(20);
      expect(result.summary.completion.projectsDone).toBeGreaterThan(0);
      expect(result.summary.participation.councilMeetings).toBe(8);
    }
  });

  it('pools projects the departments took up while integration was off into a plan once it is on, not at next year’s', () => {
    // Participation alone takes up the priorities in week 20; integration from week 21 holds every project outside a
    // plan. Its matching weeks from week 21 (to week 24) pool them, as they pool catalogues, and they go on, every
    // project under way in the plan; they used to stay listed until next year's plan (week 71).
    const timeline = [{ week: 21, mode: 'co-production' }];
    const result = runScenario(tinyScenario('participation-only', { weeks: 52, timeline }), { seed: 7 });
    const week = (number: number) => result.weeks[number - 1] as (typeof result.weeks)[number];
    const underWay = (number: number) => week(number).projectsDocking + week(number).projectsInWorks;
    expect(underWay(23)).toBe(0);
    expect(underWay(25)).toBeGreaterThan(0);
    expect(week(25).unintegratedShare).toBe(0);
    expect(week(40).projectsDone).toBeGreaterThan(0);
  });

  it('pools catalogues listed when participation stops, integration staying on, over the matching weeks from their listing', () => {
    // Co-production, then integration alone from week 30: the departments list their catalogues in week 30, and
    // integration, on all along, pools them in week 33 (30 + 4 − 1), not in the week they are listed.
    const model = createModel(tinyScenario('co-production', { weeks: 40, timeline: [{ week: 30, mode: 'integration-only' }] }), {
      seed: 7,
    });
    for (let week = 1; week <= 40; week++) model.step();
    const listed = model.state.projects.filter(
      (project) => project.listedWeek === 30 && project.origin === 'department-catalogue',
    );
    const pooled = listed.filter((project) => project.adoptedWeek >= 0);
    expect(pooled.length).toBeGreaterThan(0);
    expect(new Set(pooled.map((project) => project.adoptedWeek))).toEqual(new Set([33]));
  });

  it('takes the council priority order as the list when participation is on, with ranks in order', () => {
    const state = simulate(tinyScenario('co-production'), 30);
    const ranked = state.projects.filter((project) => project.priorityRank >= 0);
    expect(ranked.length).toBe(state.projects.length);
    const order = state.progress[0]?.participation?.priorityOrder ?? [];
    for (const project of ranked) expect(order[project.priorityRank]).toBe(project.item);
  });

  it('matches the plan to the pooled budget', () => {
    const state = simulate(tinyScenario('co-production'), 30);
    const committed = state.projects
      .filter((project) => project.status !== 'cancelled')
      .reduce((total, project) => total + project.cost, 0);
    expect(committed).toBeLessThanOrEqual(state.scenario.world.budget + 1e-9);
  });

  it('raises the efficacy of households whose suggestions were adopted', () => {
    const before = simulate(tinyScenario('co-production'), 18);
    const after = simulate(tinyScenario('co-production'), 19);
    const planItems = new Set(after.projects.map((project) => project.item));
    let raised = 0;
    for (let household = 0; household < after.households.count; household++) {
      const made = after.households.suggestionsMade[household] as number;
      const start = after.households.needStart[household] as number;
      const adopted = Array.from(after.households.needItem.subarray(start, start + made)).some((item) => planItems.has(item));
      if (adopted) {
        expect(after.households.efficacy[household] as number).toBeGreaterThan(before.households.efficacy[household] as number);
        raised++;
      }
    }
    expect(raised).toBeGreaterThan(0);
  });

  it('under participation alone, a department does not take up again an item it leads a project for, not yet done', () => {
    const { state, random } = worldAt(tinyScenario('participation-only', { world: { budget: 100 } }), 60);
    const lead = (category: number) => leadDepartmentFor(state.departments, category);
    const open = placeProject(state, { localSite: 0, category: 0, departments: [lead(0)], status: 'active' });
    const done = placeProject(state, { localSite: 1, category: 1, departments: [lead(1)], status: 'done' });
    const cancelled = placeProject(state, { localSite: 3, category: 0, departments: [lead(0)], status: 'cancelled' });
    const fresh = itemAt(state, 2, 2);
    // A household whose one suggestion is the item already in hand.
    const { households } = state;
    const suggester = 0;
    households.needItem[households.needStart[suggester] as number] = open.item;
    households.suggestionsMade[suggester] = 1;
    const efficacyBefore = households.efficacy[suggester] as number;
    const before = state.projects.length;
    departmentsTakeUpPriorities(state, 0, [open.item, done.item, cancelled.item, fresh], new Map(), random.stream('planning'));
    const takenUp = state.projects.slice(before).map((project) => project.item);
    // The open one's department knows it already has it in hand; a finished or cancelled item, or a new one, is taken up.
    expect(takenUp).toEqual([done.item, cancelled.item, fresh]);
    // The item in hand answers its suggestion, as a plan keeping it would.
    expect(households.efficacy[suggester] as number).toBeGreaterThan(efficacyBefore);
  });

  /** Makes `household`'s one suggestion `item`, and returns its efficacy and trust. */
  const suggests = (state: SimulationState, household: number, item: number): [number, number] => {
    const { households } = state;
    households.needItem[households.needStart[household] as number] = item;
    households.suggestionsMade[household] = 1;
    return [households.efficacy[household] as number, households.trust[household] as number];
  };
  /** A project an earlier planning cycle took up from residents' priorities, at local site 0 in category 0. */
  const earlierCycles = (lead: (category: number) => number): PlacedProject => ({
    localSite: 0,
    category: 0,
    departments: [lead(0)],
    origin: 'resident-pool',
  });
  const efficacyAndTrust = (state: SimulationState, household: number) => [
    state.households.efficacy[household] as number,
    state.households.trust[household] as number,
  ];

  it('under participation alone, does not take up an item met since the council ordered it, nor answer again what an earlier cycle took up', () => {
    const { state, random } = worldAt(tinyScenario('participation-only', { world: { budget: 100 } }), 60);
    const lead = (category: number) => leadDepartmentFor(state.departments, category);
    const earlier = placeProject(state, { ...earlierCycles(lead), status: 'active' });
    const built = itemAt(state, 1, 1);
    state.items.met[built] = 0.8;
    const [efficacy, trust] = suggests(state, 0, earlier.item);
    const before = state.projects.length;
    departmentsTakeUpPriorities(state, 0, [earlier.item, built], new Map(), random.stream('planning'));
    expect(state.projects.length).toBe(before);
    // Its suggestion was answered when the earlier cycle took it up: neither adopted again nor left out.
    expect(efficacyAndTrust(state, 0)).toEqual([efficacy, trust]);
  });

  it('updates a plan rather than replacing it: keeps what an earlier cycle took up, cancels unspent catalogue projects off the order, plans no met item', () => {
    const { state, random } = worldAt(tinyScenario('co-production', { world: { budget: 100 } }), 60);
    const lead = (category: number) => leadDepartmentFor(state.departments, category);
    const earlier = placeProject(state, { ...earlierCycles(lead), status: 'ready', integrated: true });
    const catalogue = placeProject(state, { localSite: 1, category: 1, departments: [lead(1)], status: 'listed' });
    const built = itemAt(state, 2, 2);
    state.items.met[built] = 0.8;
    const fresh = itemAt(state, 3, 0);
    const [efficacy, trust] = suggests(state, 0, earlier.item);
    const [freshEfficacy] = suggests(state, 1, fresh);
    const before = state.projects.length;
    adoptPlanFromPriorities(state, 0, [built, fresh], new Map(), random.stream('planning'));
    expect(earlier.status).toBe('ready');
    expect(earlier.integrated).toBe(true);
    expect(catalogue.status).toBe('cancelled');
    expect(state.projects.slice(before).map((project) => project.item)).toEqual([fresh]);
    expect(efficacyAndTrust(state, 0)).toEqual([efficacy, trust]);
    expect(state.households.efficacy[1] as number).toBeGreaterThan(freshEfficacy);
  });
});
