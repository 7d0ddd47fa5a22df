/**
 * Model layer: the state of a street and the mechanisms that change it.
 *
 * - state.ts          the state's shape (typed arrays for households)
 * - ledger.ts         counts, sums and indexes kept up to date where things change
 * - world.ts          building the initial state from a scenario
 * - step.ts           one week: the fixed order of phases
 * - rollout.ts        which communities take part in the renewal this week
 * - mechanisms/       one file per mechanism of the paper
 * - project-status.ts the project lifecycle
 * - categories.ts     need categories and their conflicts
 *
 * @module model
 */
export { categoryNames, conflictingCategoryPairs, conflictMatrix } from './categories.js';
export { resynchroniseLedger } from './ledger.js';
export { decideMode, observeDilemma, operationalDilemma, switchHazard } from './mechanisms/governance.js';
export { type ParticipationSchedule, participationSchedule } from './mechanisms/participation.js';
export { budgetYearsBegun, budgetYearWeeks, communityBudgetSoFar } from './mechanisms/planning.js';
export { cancelProject } from './mechanisms/projects.js';
export { isInPipeline, isLegalTransition, type ProjectStatus, projectStatuses } from './project-status.js';
export { hasJoined, joinedCommunities, joinWeekOf, renewalWeek } from './rollout.js';
export type {
  CommunityProgress,
  CommunityStaffTeam,
  Department,
  DockingThread,
  HouseholdArrays,
  HouseholdLedger,
  Leadership,
  MilestoneName,
  NeedItemArrays,
  OrderedSum,
  PairKind,
  ParticipationProgress,
  Project,
  ProjectIndex,
  ProjectOrigin,
  ProjectPair,
  RunTally,
  SimulationState,
  SiteArrays,
  StatusChange,
  WeekTally,
} from './state.js';
export { DeliberatorRoute, markMilestone, milestoneNames, orderedSumBlock } from './state.js';
export { stepWeek, type WeeklyPhase, weeklyPhaseNames, weeklyPhases } from './step.js';
export {
  assembleWorld,
  buildWorld,
  copyDrawnWorld,
  type DrawnWorld,
  drawWorld,
  drawWorldSteps,
  leadDepartmentFor,
} from './world.js';
