/**
 * Biweekly joint meetings (工作推进会) of all related departments, chaired by
 * the Promotion Office as coordinator with the street leaders nearly always
 * present. They meet while the plan has open projects, or while a planning
 * cycle is under way: from its start, when the departments sort out their
 * resources and projects and pool them at the street (梳理各自拥有的资源、
 * 项目等，到街道层面进行汇总), until its plan is adopted (常态化). A
 * meeting reviews the plan's live projects: the room — the attending
 * departments' pooled lists and the community staff — reviews each open
 * duplicate or conflict they form, with each other or with any works at
 * their sites, finished ones included (review.ts, the same rule as every
 * other review); with the leaders present its decisions bind across
 * departments. On-site meetings for projects in docking are held in docking.ts.
 */
import type { RandomSource } from '../../core/index.js';
import { projectsOfCommunity } from '../ledger.js';
import type { Project, SimulationState } from '../state.js';
import { departmentForumBit, staffForumBit } from './docking.js';
import { pooledListsReviewer, reviewClashes, staffReviewer } from './review.js';

export function holdJointMeetings(state: SimulationState, random: RandomSource): void {
  if (!state.mode.integration || state.mode.renewal === 'paused') return;
  const parameters = state.scenario.parameters.jointMeetings;
  const stream = random.stream('joint-meetings');
  for (const progress of state.progress) {
    if (progress.integrationStartWeek < 0 || (state.week - progress.integrationStartWeek) % parameters.intervalWeeks !== 0)
      continue;
    const community = progress.community;
    const reviewed: Project[] = [];
    for (const id of projectsOfCommunity(state, community)) {
      const project = state.projects[id] as Project;
      if (project.integrated && project.status !== 'done' && project.status !== 'cancelled') reviewed.push(project);
    }
    // Joint meetings review the plan and prepare its next update: they meet while plan projects are open or while a
    // planning cycle is under way, from its start (pooling resources) until its plan is adopted; with neither there
    // is nothing to meet about.
    const participation = progress.participation;
    // A cycle waiting for participation to run again (a mode without it) is not under way.
    const cycleUnderWay = state.mode.participation && participation !== null && !participation.planAdopted;
    if (reviewed.length === 0 && !cycleUnderWay) continue;
    state.weekTally.jointMeetingHeld = true;
    state.runTally.jointMeetings++;
    const attending = state.departments.map(() => stream.chance(parameters.departmentAttendance));
    attending.forEach((present, department) => {
      if (present) {
        state.extraHours.department[department] =
          (state.extraHours.department[department] as number) + parameters.hoursPerMeeting;
      }
    });
    state.extraHours.staff[community] = (state.extraHours.staff[community] as number) + parameters.hoursPerMeeting;
    const leadersPresent = stream.chance(parameters.leadersAttendChance);
    for (const project of reviewed) {
      project.forumParties |= staffForumBit;
      for (const department of project.departments) {
        if (attending[department]) project.forumParties |= departmentForumBit(department);
      }
    }
    reviewClashes(state, reviewed, [pooledListsReviewer(attending, leadersPresent), staffReviewer(state, community)], stream);
  }
}
