/**
 * Fixtures for mechanism tests: a world built from a scenario and set at a
 * given week, and projects placed on it by hand, so that a mechanism can be
 * called once on a state whose every number the test knows.
 */
import { createRandomSource, type RandomSource } from '../../../src/core/index.js';
import { buildWorld, type Project, type ProjectStatus, type SimulationState } from '../../../src/model/index.js';
import { listProject, setProjectStatus } from '../../../src/model/mechanisms/projects.js';
import { resolveMode, type Scenario } from '../../../src/scenario/index.js';

/** The world of `scenario`, at `week`, under the scenario's mode, with no week stepped. */
export function worldAt(scenario: Scenario, week = 1, seed = 1): { state: SimulationState; random: RandomSource } {
  const random = createRandomSource(seed);
  const state = buildWorld(scenario, random);
  state.week = week;
  state.mode = resolveMode(scenario.mode);
  return { state, random };
}

/** The need item of `category` at local site `localSite` of community 0. */
export function itemAt(state: SimulationState, localSite: number, category: number): number {
  return (state.itemStart[0] as number) + localSite * state.categoryCount + category;
}

/** Households with a need at `site` (the site's residents). */
export function householdsAtSite(state: SimulationState, site: number): number[] {
  const { siteHouseholdStart, siteHouseholds } = state.sites;
  return Array.from(siteHouseholds.subarray(siteHouseholdStart[site] as number, siteHouseholdStart[site + 1] as number));
}

const pathTo: Record<ProjectStatus, readonly ProjectStatus[]> = {
  listed: [],
  docking: ['docking'],
  ready: ['docking', 'ready'],
  active: ['docking', 'ready', 'active'],
  idle: ['docking', 'ready', 'idle'],
  done: ['docking', 'ready', 'active', 'done'],
  cancelled: ['cancelled'],
};

export interface PlacedProject {
  localSite: number;
  category: number;
  /** Departments needed, lead first. */
  departments: number[];
  status?: ProjectStatus;
  integrated?: boolean;
  /** Where the project came from: a department's catalogue (the default) or residents' priorities. */
  origin?: Project['origin'];
  cost?: number;
  durationWeeks?: number;
}

/** Lists a project in community 0 (recording the pairs it forms) and moves it along the lifecycle to `status`. */
export function placeProject(state: SimulationState, placed: PlacedProject): Project {
  const project = listProject(
    state,
    {
      community: 0,
      origin: placed.origin ?? 'department-catalogue',
      item: itemAt(state, placed.localSite, placed.category),
      departments: placed.departments,
      cost: placed.cost ?? 0.04,
      durationWeeks: placed.durationWeeks ?? 4,
    },
    placed.integrated ?? false,
  );
  for (const status of pathTo[placed.status ?? 'listed']) setProjectStatus(state, project, status);
  if (placed.status === 'done') {
    project.progressWeeks = project.durationWeeks;
    project.spent = project.cost;
    project.doneWeek = state.week;
  }
  return project;
}
