/**
 * Docking (对接): getting every department a project needs to confirm it in
 * the community.
 *
 * One rule settles a project's cross-department question, whatever the mode:
 * at a meeting about the project, each department present that has not yet
 * confirmed does so with
 *
 *   confirmationChance × (departments whose positions are in hand ÷ departments needed),
 *
 * where a position is in hand when its department is in the room or has
 * already confirmed. The project is settled once every department has
 * confirmed. What differs between the modes is who meets, and how often:
 *
 * - Fragmented (integration off): each department opens its own thread and
 *   works through the office loop — office meeting → separate confirmation in
 *   the community → office meeting again — one round every
 *   `officeLoopWeeksPerRound` weeks, the round advancing only in weeks the
 *   community staff serve the thread (their service ratio). At the office
 *   meeting only that department is in the room.
 * - Integrated: the plan has one interface; the coordinator calls an on-site
 *   meeting (现场办公会) each week the staff can organise one (with chance
 *   their service ratio); the lead department is always there, and each
 *   other department the project needs attends with `departmentAttendance`.
 *
 * Every meeting is also a review for duplicates and conflicts (review.ts):
 * the departments in the room know their own lists, the staff what they have
 * docked at the site, and at an on-site meeting the site's residents the
 * project put to them and the works they can see. At an on-site meeting the
 * residents who know of the renewal also say what they need there, and the
 * design is revised towards it (residents.ts, `reviseDesignWithResidents`).
 */
import type { RandomSource, RandomStream } from '../../core/index.js';
import type { Project, SimulationState } from '../state.js';
import { awaitsPooling, setProjectStatus } from './projects.js';
import { reviseDesignWithResidents } from './residents.js';
import { pooledListsReviewer, type Reviewer, reviewClashes, siteResidentsReviewer, staffReviewer } from './review.js';

/** Bit of the community staff in a project's forum-parties mask. */
export const staffForumBit = 1;

/** Bit of department `department` in a project's forum-parties mask. */
export function departmentForumBit(department: number): number {
  return 2 ** (department + 1);
}

/** Projects in docking or works, per lead department. */
function projectsUnderWayByDepartment(state: SimulationState): Int32Array {
  const underWay = new Int32Array(state.departments.length);
  for (const project of state.projects) {
    if (project.status === 'docking' || project.status === 'ready' || project.status === 'active' || project.status === 'idle') {
      const lead = project.departments[0] as number;
      underWay[lead] = (underWay[lead] as number) + 1;
    }
  }
  return underWay;
}

/**
 * Opens docking for listed projects, one rule for every mode: a lead
 * department takes its listed projects into docking in priority order, up to
 * `concurrentProjectsPerDepartment` under way at once — unless stage-target
 * pressure is on, when schedules run backwards from deadlines (倒排工作进度)
 * and every listed project starts at once. A project outside a plan waits
 * until each of its departments has written its implementation plan
 * (workload.ts). Projects are taken up in the order they were listed: a
 * plan lists its new projects in the council's 先后次序 after the projects it
 * kept from before, so each department works down its part of the list in
 * that order. A plan adopted at the end of matching is
 * implemented from the next week. Every department a project
 * needs has a confirmation to give (a thread); fragmented, each is a separate
 * channel with the community, under a plan they share its one interface.
 */
export function openDockingThreads(state: SimulationState, _random: RandomSource): void {
  if (state.mode.renewal === 'paused') {
    // The pause closes every docking thread: questions must be taken up again later.
    for (const project of state.projects) {
      if (project.status === 'docking') {
        setProjectStatus(state, project, 'listed');
        project.threads = [];
        project.dockingStartWeek = -1;
      }
    }
    return;
  }
  const concurrency = state.scenario.parameters.docking.concurrentProjectsPerDepartment;
  const allAtOnce = state.mode.pressure === 'high';
  const underWay = projectsUnderWayByDepartment(state);
  for (const project of state.projects) {
    if (project.status !== 'listed') continue;
    const lead = project.departments[0] as number;
    if (project.integrated) {
      // A plan adopted this week is implemented from the next.
      if (project.adoptedWeek >= state.week) continue;
    } else if (awaitsPooling(state, project)) {
      continue;
    } else if (project.implementationPlanHoursLeft.some((hours) => hours > 0)) {
      // A department docks a project of its own only once its implementation plan is written.
      continue;
    }
    if (!allAtOnce && (underWay[lead] as number) >= concurrency) continue;
    underWay[lead] = (underWay[lead] as number) + 1;
    project.threads = project.departments.map((department) => ({ department, weeksIntoRound: 0, confirmed: false }));
    setProjectStatus(state, project, 'docking');
    project.dockingStartWeek = state.week;
  }
}

function settle(state: SimulationState, project: Project): void {
  setProjectStatus(state, project, 'ready');
  project.questionSettledWeek = state.week;
  if (project.departments.length > 1) {
    const weeks = state.week - project.dockingStartWeek + 1;
    state.weekTally.settledQuestions++;
    state.weekTally.settleWeeksTotal += weeks;
    state.runTally.settledQuestions++;
    state.runTally.settleWeeksTotal += weeks;
  }
}

/**
 * Chance that a department at a meeting confirms its part of a project:
 * `confirmationChance × positionsInHand ÷ departmentsNeeded`.
 * @example confirmationChanceAt(0.6, 1, 2) // 0.3: alone in the room, the other position unknown
 */
export function confirmationChanceAt(confirmationChance: number, positionsInHand: number, departmentsNeeded: number): number {
  return departmentsNeeded > 0 ? confirmationChance * Math.min(1, positionsInHand / departmentsNeeded) : 0;
}

/** Holds a meeting about a docking project with the departments present; returns whether it is now settled. */
function meetAbout(
  state: SimulationState,
  project: Project,
  present: readonly boolean[],
  reviewers: readonly Reviewer[],
  stream: RandomStream,
  review: RandomStream,
): boolean {
  const confirmationChance = state.scenario.parameters.docking.confirmationChance;
  let inHand = 0;
  for (const thread of project.threads) if (thread.confirmed || present[thread.department] === true) inHand++;
  const needed = project.threads.length;
  let allConfirmed = true;
  for (const thread of project.threads) {
    if (!thread.confirmed && present[thread.department] === true) {
      thread.confirmed = stream.chance(confirmationChanceAt(confirmationChance, inHand, needed));
    }
    if (!thread.confirmed) allConfirmed = false;
  }
  reviewClashes(state, [project], reviewers, review);
  return allConfirmed && project.status === 'docking';
}

/** Advances every docking thread by a week. */
export function advanceDocking(state: SimulationState, random: RandomSource): void {
  if (state.mode.renewal === 'paused') return;
  const parameters = state.scenario.parameters.docking;
  const designRevision = state.scenario.parameters.residents.designRevision;
  const officeLoop = random.stream('docking');
  const onSite = random.stream('on-site');
  const review = random.stream('review');
  const meetingsByCommunity = new Uint8Array(state.staff.length);
  const present: boolean[] = state.departments.map(() => false);
  for (const project of state.projects) {
    if (project.status !== 'docking') continue;
    const serviceRatio = (state.staff[project.community] as { serviceRatio: number }).serviceRatio;
    const staff = staffReviewer(state, project.community);
    if (project.integrated) {
      if (!onSite.chance(serviceRatio)) continue;
      // Read where it is used: on-site meetings are held only for projects in an integrated plan.
      const attendance = state.scenario.parameters.jointMeetings.departmentAttendance;
      meetingsByCommunity[project.community] = 1;
      present.fill(false);
      const lead = project.departments[0] as number;
      present[lead] = true;
      project.forumParties |= staffForumBit | departmentForumBit(lead);
      for (const department of project.departments.slice(1)) {
        if (onSite.chance(attendance)) {
          present[department] = true;
          project.forumParties |= departmentForumBit(department);
        }
      }
      const reviewers = [pooledListsReviewer(present, false), staff, siteResidentsReviewer(project.site, project)];
      const settled = meetAbout(state, project, present, reviewers, onSite, review);
      // The site's residents are in the room: the design is revised with what the aware ones need there.
      reviseDesignWithResidents(state, project, designRevision);
      if (settled) settle(state, project);
      continue;
    }
    let settled = true;
    for (const thread of project.threads) {
      if (thread.confirmed) continue;
      settled = false;
      if (!officeLoop.chance(serviceRatio)) continue;
      thread.weeksIntoRound++;
      if (thread.weeksIntoRound < parameters.officeLoopWeeksPerRound) continue;
      thread.weeksIntoRound = 0;
      present.fill(false);
      present[thread.department] = true;
      settled = meetAbout(state, project, present, [pooledListsReviewer(present, false), staff], officeLoop, review);
      if (project.status !== 'docking') break;
    }
    if (project.status === 'docking' && (settled || project.threads.every((thread) => thread.confirmed))) settle(state, project);
  }
  for (let community = 0; community < meetingsByCommunity.length; community++) {
    if (meetingsByCommunity[community] === 1) {
      state.weekTally.onSiteMeetings++;
      state.runTally.onSiteMeetings++;
    }
  }
}
