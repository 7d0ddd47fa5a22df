/**
 * Metrics layer: one definition per metric, each with its formula, unit,
 * range and the mechanism of the paper it measures in its doc comment;
 * record.ts applies them to the state each week and at the end of a run.
 *
 * @module metrics
 */
export {
  type CommunitySummary,
  CommunityTracker,
  communitySummaryColumns,
  type RolloutStageMeasure,
  type RolloutWeek,
  rolloutStageMeasures,
  rolloutWeekColumns,
} from './communities.js';
export { caughtBeforeSpendShare, countPairs, detectionLag, type PairOutcome, wasteShare } from './duplication.js';
export {
  coveredPairShare,
  dockingChannels,
  fragmentationIndex,
  interfacesPerProject,
  meanDepartmentsPerProject,
  meanSettleWeeks,
  openDockingThreads,
  openThreadsOf,
  unintegratedShare,
} from './fragmentation.js';
export {
  completedShare,
  completionTimes,
  effortPerOutput,
  firstPainPointDoneWeek,
  hoursPerCompletedProject,
  idleShare,
  priorityOrderAgreement,
  renewalHoursPerWeek,
  satisfactionPerMoney,
  weeksToShareDone,
} from './idling.js';
export {
  load,
  meanPressure,
  overloadedShare,
  paperworkShare,
  pooledLoad,
  renewalHoursDemanded,
  serviceRatio,
} from './load.js';
export { deliberatorRetention, flaggedShare, meanOf, suggestionsPer100Households } from './participation.js';
export {
  type RunSummary,
  recordWeek,
  summariseRun,
  type WeekColumn,
  type WeekRecord,
  weekRecordColumns,
} from './record.js';
export {
  householdSatisfaction,
  needMatch,
  needMet,
  satisfactionGain,
  topPainPointCoverage,
  topPainPoints,
} from './satisfaction.js';
export { summaryUnits, weekColumnUnits } from './units.js';
