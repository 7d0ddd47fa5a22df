/**
 * Catching duplicates and conflicts from information: one rule for every
 * governance mode.
 *
 * Two projects at a site clash (a duplicate or a conflict, projects.ts). A
 * clash is caught when a reviewer who knows *both* projects looks at them in
 * time: each such reviewer notices it with `reviewRecall × attention`, and
 * reviewers notice independently, so
 *
 *   P(caught at a review) = 1 − Π over reviewers who know both (1 − recall × attentionᵢ).
 *
 * Who knows what is the whole difference between the modes:
 * - a department knows the projects on its own list (those it takes part in);
 * - community staff know what has been docked with them at the site (in docking
 *   or later, or adopted into a plan they helped build), and give a review the
 *   attention their workload leaves (their service ratio);
 * - a meeting (joint, on-site or office) pools the lists of the departments
 *   in the room;
 * - the Promotion Office, as coordinator, pools every list when it matches a plan;
 * - residents of a site know the works they can see there, and at an on-site
 *   meeting the project put to them.
 *
 * Noticing is not resolving. A noticed clash is resolved only when the room
 * can decide for every side of it that is not finished yet (a finished work
 * cannot yield; the other side must): a department decides the projects it
 * leads, a joint forum with the street leaders present or the Promotion
 * Office matching a plan decides all. A clash noticed where no one can decide
 * for the other department's project is left standing (各自为政).
 *
 * No mode carries a detection chance of its own: a mode only decides which of
 * these reviews take place and who is in the room.
 */
import type { RandomStream } from '../../core/index.js';
import type { Project, SimulationState } from '../state.js';
import { isOpenPair, resolveCaughtPair } from './projects.js';

/** A party that reviews projects for clashes: what it knows, and the attention it gives, in [0, 1]. */
export interface Reviewer {
  readonly knows: (project: Project) => boolean;
  readonly attention: number;
  /** Whether the reviewer can change the project (drop or resequence it). */
  readonly decides: (project: Project) => boolean;
}

const decidesNothing = (): boolean => false;
const decidesAll = (): boolean => true;

/** Whether the room can resolve a clash: it decides every side not yet finished. */
export function canResolve(reviewers: readonly Reviewer[], first: Project, second: Project): boolean {
  const decided = (project: Project) => project.status === 'done' || reviewers.some((reviewer) => reviewer.decides(project));
  return decided(first) && decided(second);
}

/**
 * Chance that a clash between `first` and `second` is noticed at a review by
 * `reviewers`: 1 − Π (1 − recall × attention) over those who know both.
 * @example
 * // Two reviewers who know every project, with full attention, at recall 0.5: 1 − (1 − 0.5)² of a clash between any two.
 * const everyone: Reviewer = { knows: () => true, attention: 1, decides: () => false };
 * noticeChance(0.5, [everyone, everyone], first, second) // 0.75
 */
export function noticeChance(recall: number, reviewers: readonly Reviewer[], first: Project, second: Project): number {
  let missed = 1;
  for (const reviewer of reviewers) {
    if (reviewer.knows(first) && reviewer.knows(second)) missed *= 1 - recall * Math.min(1, Math.max(0, reviewer.attention));
  }
  return 1 - missed;
}

/** A department reviewing with the given attention: it knows the projects it takes part in and decides those it leads. */
export function departmentReviewer(department: number, attention: number): Reviewer {
  return {
    knows: (project) => project.departments.includes(department),
    attention,
    decides: (project) => project.departments[0] === department,
  };
}

/** Whether the community staff have handled a project: docked with them, or adopted into a plan they helped build. */
export function staffHaveHandled(project: Project): boolean {
  return project.status !== 'listed' || project.integrated;
}

/** The community staff of a community, reviewing with the attention their workload leaves. */
export function staffReviewer(state: SimulationState, community: number): Reviewer {
  const team = state.staff[community];
  return {
    knows: (project) => project.community === community && staffHaveHandled(project),
    attention: team === undefined ? 0 : team.serviceRatio,
    decides: decidesNothing,
  };
}

/**
 * The departments present at a meeting, their lists pooled: the room knows
 * what any of them takes part in; each decides the projects it leads, and a
 * binding forum (street leaders present) decides all.
 */
export function pooledListsReviewer(present: readonly boolean[], binding: boolean, attention = 1): Reviewer {
  return {
    knows: (project) => project.departments.some((department) => present[department] === true),
    attention,
    decides: binding ? decidesAll : (project) => present[project.departments[0] as number] === true,
  };
}

/** The Promotion Office as coordinator, matching a plan with every department's list pooled and the budget in hand. */
export const promotionOfficeReviewer: Reviewer = { knows: () => true, attention: 1, decides: decidesAll };

/**
 * Residents at a site: they know the works they can see there (under way or
 * finished) and, at an on-site meeting, the project put to them there
 * (`shown`), which has no works yet: so they can notice its clash with what
 * is being built or was built at the site.
 */
export function siteResidentsReviewer(site: number, shown?: Project): Reviewer {
  return {
    knows: (project) => project.site === site && (project === shown || project.progressWeeks > 0 || project.status === 'done'),
    attention: 1,
    decides: decidesNothing,
  };
}

/**
 * Reviews every open clash that a project of `projects` forms, with the
 * given reviewers; each one noticed where the room can decide it is resolved
 * (projects.ts). Returns the number caught.
 */
export function reviewClashes(
  state: SimulationState,
  projects: readonly Project[],
  reviewers: readonly Reviewer[],
  stream: RandomStream,
): number {
  const recall = state.scenario.parameters.detection.reviewRecall;
  const checked = new Set<number>();
  let caught = 0;
  for (const project of projects) {
    for (const pairIndex of state.pairsByProject[project.id] as number[]) {
      if (checked.has(pairIndex)) continue;
      checked.add(pairIndex);
      if (!isOpenPair(state, pairIndex)) continue;
      const pair = state.pairs[pairIndex];
      if (pair === undefined) continue;
      const first = state.projects[pair.first] as Project;
      const second = state.projects[pair.second] as Project;
      if (!canResolve(reviewers, first, second)) continue;
      const chance = noticeChance(recall, reviewers, first, second);
      // Drawn only where someone could notice: who is in the room sets how many draws the stream gives up, and so its
      // later draws (docs/odd.md, Stochasticity).
      if (chance > 0 && stream.chance(chance)) {
        resolveCaughtPair(state, pairIndex);
        caught++;
      }
    }
  }
  return caught;
}
