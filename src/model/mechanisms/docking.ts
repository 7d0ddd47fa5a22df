/**
 * Docking (对接): getting every department a project needs to confirm it in
 * the community.
 *
 * Fragmented (integration off): each department opens its own thread per
 * project and works through the office loop — office meeting → separate
 * confirmation in the community → office meeting again — each round taking
 * `officeLoopWeeksPerRound` weeks and settling with `officeLoopResolveChance`.
 * Every open thread costs staff and department hours each week (workload.ts).
 *
 * Integrated: the plan has one interface; an on-site meeting (现场办公会)
 * gathers the departments with the staff and settles the project's
 * cross-department questions with `onSiteResolveChance` within the week.
 *
 * A thread advances only in proportion to the community staff's service
 * ratio: overloaded staff cannot keep every thread moving.
 */
import type { RandomSource } from '../../core/index.js';
import type { Project, SimulationState } from '../state.js';
import { setProjectStatus } from './projects.js';

/** Bit of the community staff in a project's forum-parties mask. */
export const staffForumBit = 1;

/** Bit of department `department` in a project's forum-parties mask. */
export function departmentForumBit(department: number): number {
  return 2 ** (department + 1);
}

/** Plan projects in docking or works, per lead department. */
function planLoadByDepartment(state: SimulationState): Int32Array {
  const load = new Int32Array(state.departments.length);
  for (const project of state.projects) {
    if (!project.integrated) continue;
    if (project.status === 'docking' || project.status === 'ready' || project.status === 'active' || project.status === 'idle') {
      const lead = project.departments[0] as number;
      load[lead] = (load[lead] as number) + 1;
    }
  }
  return load;
}

/**
 * Opens docking for listed projects. Fragmented projects all start at once
 * (stage targets run schedules backwards from deadlines). Plan projects are
 * released strictly in plan order (the council's 先后次序): the next project
 * goes ahead when its lead department has fewer than
 * `planConcurrentProjectsPerDepartment` plan projects under way, and no
 * project is released before every project ahead of it in its community's
 * plan. A plan adopted at the end of matching is implemented from the next week.
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
  const concurrency = state.scenario.parameters.docking.planConcurrentProjectsPerDepartment;
  const planLoad = planLoadByDepartment(state);
  const planBlocked = new Uint8Array(state.staff.length);
  for (const project of state.projects) {
    if (project.status !== 'listed') continue;
    if (project.integrated) {
      const lead = project.departments[0] as number;
      // A plan adopted this week is implemented from the next.
      if (planBlocked[project.community] === 1 || project.adoptedWeek >= state.week) continue;
      if ((planLoad[lead] as number) >= concurrency) {
        planBlocked[project.community] = 1;
        continue;
      }
      planLoad[lead] = (planLoad[lead] as number) + 1;
      project.threads = [{ department: lead, weeksIntoRound: 0, confirmed: false }];
    } else {
      // Waiting to be pooled into the plan once integration is on.
      if (state.mode.integration) continue;
      project.threads = project.departments.map((department) => ({ department, weeksIntoRound: 0, confirmed: false }));
    }
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

/** Advances every docking thread by a week. */
export function advanceDocking(state: SimulationState, random: RandomSource): void {
  if (state.mode.renewal === 'paused') return;
  const parameters = state.scenario.parameters.docking;
  const attendance = state.scenario.parameters.jointMeetings.departmentAttendance;
  const officeLoop = random.stream('docking');
  const onSite = random.stream('on-site');
  const meetingsByCommunity = new Uint8Array(state.staff.length);
  for (const project of state.projects) {
    if (project.status !== 'docking') continue;
    const serviceRatio = (state.staff[project.community] as { serviceRatio: number }).serviceRatio;
    if (project.integrated) {
      meetingsByCommunity[project.community] = 1;
      if (!onSite.chance(serviceRatio)) continue;
      project.forumParties |= staffForumBit | departmentForumBit(project.departments[0] as number);
      for (const department of project.departments.slice(1)) {
        if (onSite.chance(attendance)) project.forumParties |= departmentForumBit(department);
      }
      if (onSite.chance(parameters.onSiteResolveChance)) {
        for (const thread of project.threads) thread.confirmed = true;
        settle(state, project);
      }
      continue;
    }
    let allConfirmed = true;
    for (const thread of project.threads) {
      if (thread.confirmed) continue;
      if (officeLoop.chance(serviceRatio)) {
        thread.weeksIntoRound++;
        if (thread.weeksIntoRound >= parameters.officeLoopWeeksPerRound) {
          thread.weeksIntoRound = 0;
          thread.confirmed = officeLoop.chance(parameters.officeLoopResolveChance);
        }
      }
      if (!thread.confirmed) allConfirmed = false;
    }
    if (allConfirmed) settle(state, project);
  }
  for (let community = 0; community < meetingsByCommunity.length; community++) {
    if (meetingsByCommunity[community] === 1) {
      state.weekTally.onSiteMeetings++;
      state.runTally.onSiteMeetings++;
    }
  }
}
