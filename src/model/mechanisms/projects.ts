/**
 * Creating projects, moving them through their lifecycle, and finding the
 * duplicate and conflicting pairs a new project forms with those already
 * listed. Shared by every mechanism that lists or changes projects.
 */
import type { RandomStream } from '../../core/index.js';
import { projectsAroundSite } from '../ledger.js';
import { isLegalTransition, type ProjectStatus } from '../project-status.js';
import type { Project, ProjectOrigin, SimulationState } from '../state.js';
import { leadDepartmentFor } from '../world.js';

/** Moves a project to `status` and logs the change; an illegal transition is a bug and throws. */
export function setProjectStatus(state: SimulationState, project: Project, status: ProjectStatus): void {
  if (project.status === status) return;
  if (!isLegalTransition(project.status, status)) {
    throw new Error(`project ${project.id}: illegal status change ${project.status} → ${status}`);
  }
  state.statusChanges.push({ project: project.id, week: state.week, from: project.status, to: status });
  project.status = status;
}

/** Draws the departments a project of `category` needs: its lead, plus others for cross-department works. */
export function drawDepartments(state: SimulationState, category: number, stream: RandomStream, lead?: number): number[] {
  const count = state.departments.length;
  const leadDepartment = lead ?? leadDepartmentFor(state.departments, category);
  const departments = [leadDepartment];
  if (count > 1 && stream.chance(state.scenario.parameters.departments.crossDepartmentShare)) {
    const extra = stream.chance(1 / 3) ? 2 : 1;
    for (let attempt = 0; departments.length < 1 + extra && attempt < 20; attempt++) {
      const other = stream.integer(count);
      if (!departments.includes(other)) departments.push(other);
    }
  }
  return departments;
}

export interface NewProject {
  community: number;
  origin: ProjectOrigin;
  item: number;
  departments: number[];
  cost: number;
  durationWeeks: number;
  priorityRank?: number;
}

/** Draws a project's cost and duration from the world's distributions. */
export function drawCostAndDuration(state: SimulationState, stream: RandomStream): { cost: number; durationWeeks: number } {
  const { projectCostMean, projectCostSpread, projectDurationWeeks } = state.scenario.world;
  return {
    cost: stream.logNormalWithMean(projectCostMean, projectCostSpread),
    durationWeeks: Math.max(2, stream.poisson(projectDurationWeeks)),
  };
}

/**
 * Adds a listed project to the state and records the duplicate pairs (same
 * need item) and conflict pairs (same site, incompatible categories) it forms
 * with every project at its site that is not cancelled, finished ones
 * included. Integrated projects have one interface.
 */
export function listProject(state: SimulationState, spec: NewProject, integrated: boolean): Project {
  const item = spec.item;
  const project: Project = {
    id: state.projects.length,
    community: spec.community,
    origin: spec.origin,
    site: state.items.site[item] as number,
    item,
    category: state.items.category[item] as number,
    departments: spec.departments,
    cost: spec.cost,
    durationWeeks: spec.durationWeeks,
    status: 'listed',
    integrated,
    interfaces: integrated ? 1 : spec.departments.length,
    priorityRank: spec.priorityRank ?? -1,
    threads: [],
    progressWeeks: 0,
    spent: 0,
    wasted: 0,
    effectiveCoverage: state.scenario.world.projectCoverage,
    listedWeek: state.week,
    dockingStartWeek: -1,
    questionSettledWeek: -1,
    doneWeek: -1,
    cancelledWeek: -1,
    forumParties: 0,
    idleWeeks: 0,
    pipelineWeeks: 0,
    adoptedWeek: integrated ? state.week : -1,
    checkedBeforeSpend: false,
    implementationPlanHoursLeft: spec.departments.map(() =>
      integrated ? 0 : state.scenario.parameters.departments.implementationPlanHours,
    ),
  };
  const pairsOfProject: number[] = [];
  // Only projects at the same site can pair: those of the site's community, when the index vouches for it.
  const around = projectsAroundSite(state, project.site);
  const candidates = around ?? state.projects.map((_, id) => id);
  for (const id of candidates) {
    const other = state.projects[id] as Project;
    if (other.status === 'cancelled' || other.site !== project.site) continue;
    let kind: 'duplicate' | 'conflict' | null = null;
    if (other.category === project.category) kind = 'duplicate';
    else if (state.conflicts[other.category * state.categoryCount + project.category] === 1) kind = 'conflict';
    if (kind !== null) {
      const pairIndex = state.pairs.length;
      (state.pairsByProject[other.id] as number[]).push(pairIndex);
      pairsOfProject.push(pairIndex);
      state.pairs.push({
        kind,
        first: other.id,
        second: project.id,
        formedWeek: state.week,
        caughtWeek: -1,
        caughtBeforeSpend: false,
        realisedWeek: -1,
      });
    }
  }
  state.projects.push(project);
  state.pairsByProject.push(pairsOfProject);
  return project;
}

/**
 * Whether a project outside a plan waits to be pooled into one: under integration a department's own project
 * docks only once the plan takes it up, and the plan is then its document (so no implementation plan of its own).
 */
export function awaitsPooling(state: SimulationState, project: Project): boolean {
  return !project.integrated && state.mode.integration;
}

/** Cancels a project; whatever it had spent becomes waste. */
export function cancelProject(state: SimulationState, project: Project): void {
  setProjectStatus(state, project, 'cancelled');
  project.cancelledWeek = state.week;
  const newlyWasted = project.spent - project.wasted;
  project.wasted = project.spent;
  state.runTally.wasted += newlyWasted;
}

/**
 * Resolves a pair once caught by a forum or check: a duplicate is dropped
 * (the later one — unless the later is finished, or has spent more than the
 * earlier while the earlier is unfinished: then the earlier — and never a
 * finished one), a conflict is sequenced so that neither undoes the other.
 */
export function resolveCaughtPair(state: SimulationState, pairIndex: number): void {
  const pair = state.pairs[pairIndex];
  if (pair === undefined || pair.caughtWeek >= 0 || pair.realisedWeek >= 0) return;
  const first = state.projects[pair.first] as Project;
  const second = state.projects[pair.second] as Project;
  pair.caughtWeek = state.week;
  pair.caughtBeforeSpend = first.spent === 0 || second.spent === 0;
  if (pair.caughtBeforeSpend) state.weekTally.pairsCaughtBeforeSpend++;
  else state.weekTally.pairsCaughtAfterSpend++;
  if (pair.kind === 'duplicate') {
    const drop = second.status === 'done' || (second.spent > first.spent && first.status !== 'done') ? first : second;
    if (drop.status !== 'done' && drop.status !== 'cancelled') cancelProject(state, drop);
  }
}

/** Whether a pair still threatens damage: neither side cancelled, not caught, not yet realised. */
export function isOpenPair(state: SimulationState, pairIndex: number): boolean {
  const pair = state.pairs[pairIndex];
  if (pair === undefined || pair.caughtWeek >= 0 || pair.realisedWeek >= 0) return false;
  return (
    (state.projects[pair.first] as Project).status !== 'cancelled' &&
    (state.projects[pair.second] as Project).status !== 'cancelled'
  );
}
