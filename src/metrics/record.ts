/**
 * Observing a run: what is recorded each week (a {@link WeekRecord}) and at
 * the end (a {@link RunSummary}). Observers only read the state; every value
 * is computed by one of the metric definitions in this folder.
 */
import { sampleMean } from '../core/index.js';
import type { OrderedSum, SimulationState } from '../model/index.js';
import { ensureBookkeeping, orderedTotal, orderedTotals, pairCounts } from '../model/ledger.js';
import { caughtBeforeSpendShare, countPairs, detectionLag, wasteShare } from './duplication.js';
import { largestOf } from './extremes.js';
import {
  coveredPairShare,
  fragmentationIndex,
  interfacesPerProject,
  meanDepartmentsPerProject,
  meanSettleWeeks,
  openThreadsOf,
  unintegratedShare,
} from './fragmentation.js';
import {
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
import { load, meanPressure, overloadedShare, paperworkShare, pooledLoad, renewalHoursDemanded, serviceRatio } from './load.js';
import { deliberatorRetention, suggestionsPer100Households } from './participation.js';
import { needMatch, satisfactionGain, topPainPointCoverage } from './satisfaction.js';

/** One week's values. Column order of the weekly CSV is the key order here. */
export interface WeekRecord {
  week: number;
  participation: number;
  integration: number;
  pressureHigh: number;
  paused: number;
  staffLoad: number;
  staffBacklogHours: number;
  staffServiceRatio: number;
  departmentLoad: number;
  departmentBacklogHours: number;
  paperworkShare: number;
  departmentPaperworkHours: number;
  /** Department hours demanded beyond routine work: the renewal's share of their time. */
  departmentRenewalHours: number;
  departmentPressure: number;
  openDockingThreads: number;
  interfacesPerProject: number;
  unintegratedShare: number;
  fragmentationIndex: number;
  projectsListed: number;
  projectsDocking: number;
  projectsInWorks: number;
  projectsProgressed: number;
  projectsIdle: number;
  projectsDone: number;
  projectsCancelled: number;
  /** Projects done ÷ projects taken on and not cancelled, so far. */
  completedShare: number;
  spent: number;
  wasted: number;
  wasteShare: number;
  duplicatePairs: number;
  conflictPairs: number;
  satisfaction: number;
  topFiveCoverage: number;
  perceivedSatisfaction: number;
  awareShare: number;
  engagedShare: number;
  suggestionsPer100Households: number;
  trust: number;
  efficacy: number;
  weeklyIdleShare: number;
  jointMeeting: number;
  onSiteMeetings: number;
  councilMeeting: number;
  audit: number;
  /** Weekly measures of model extensions, as `<extension>.<measure>` (absent without extensions); columns after the built-in ones. */
  extensions?: Record<string, number>;
}

/** A built-in column of the weekly series (a number every week). */
export type WeekColumn = Exclude<keyof WeekRecord, 'extensions'>;

/** Column names of the built-in weekly series, in order. */
export const weekRecordColumns: ReadonlyArray<WeekColumn> = [
  'week',
  'participation',
  'integration',
  'pressureHigh',
  'paused',
  'staffLoad',
  'staffBacklogHours',
  'staffServiceRatio',
  'departmentLoad',
  'departmentBacklogHours',
  'paperworkShare',
  'departmentPaperworkHours',
  'departmentRenewalHours',
  'departmentPressure',
  'openDockingThreads',
  'interfacesPerProject',
  'unintegratedShare',
  'fragmentationIndex',
  'projectsListed',
  'projectsDocking',
  'projectsInWorks',
  'projectsProgressed',
  'projectsIdle',
  'projectsDone',
  'projectsCancelled',
  'completedShare',
  'spent',
  'wasted',
  'wasteShare',
  'duplicatePairs',
  'conflictPairs',
  'satisfaction',
  'topFiveCoverage',
  'perceivedSatisfaction',
  'awareShare',
  'engagedShare',
  'suggestionsPer100Households',
  'trust',
  'efficacy',
  'weeklyIdleShare',
  'jointMeeting',
  'onSiteMeetings',
  'councilMeeting',
  'audit',
];

/** Mean over communities of each community's top-5 pain-point coverage. */
function topFiveCoverage(state: SimulationState): number {
  return sampleMean(state.items.topPainPoints.map((painPoints) => topPainPointCoverage(painPoints, state.items.met)));
}

/**
 * Reads this week's values from the state. Household means, shares and
 * counts come from the state's ledger (model/ledger.ts): the same numbers,
 * to the last bit, as `meanOf`, `flaggedShare` and `countPairs` over every
 * household and pair, without the pass.
 */
export function recordWeek(state: SimulationState): WeekRecord {
  ensureBookkeeping(state);
  const { households } = state;
  const ledger = state.householdLedger;
  const householdCount = households.count;
  orderedTotals(
    [households.satisfaction, households.perceivedSatisfaction, households.trust, households.efficacy],
    [ledger.satisfaction, ledger.perceivedSatisfaction, ledger.trust, ledger.efficacy],
  );
  const householdMean = (values: Float64Array, sum: OrderedSum) =>
    householdCount > 0 ? orderedTotal(values, sum) / householdCount : Number.NaN;
  const pairs = pairCounts(state);
  const departmentCapacity = state.scenario.world.departmentHoursPerWeek;
  const departmentRoutine = state.scenario.parameters.departments.routineLoad * departmentCapacity;
  const departments = state.departments;
  let paperwork = 0;
  let demand = 0;
  let pressure = 0;
  let departmentBacklog = 0;
  for (const department of departments) {
    departmentBacklog += department.backlogHours;
    paperwork += department.paperworkHours;
    demand += department.demandHours;
    pressure += department.pressure;
  }
  // One pass over the projects gives every project measure of the week, each term added in project order, as the
  // metric definitions add them: the fragmentation metrics look at projects approved (in docking or beyond, or in a
  // plan) and not cancelled.
  const counts = { listed: 0, docking: 0, works: 0, idle: 0, done: 0, cancelled: 0 };
  let openThreads = 0;
  let approved = 0;
  let interfaces = 0;
  let unintegrated = 0;
  let coveredShareTotal = 0;
  for (const project of state.projects) {
    const status = project.status;
    if (status === 'listed') counts.listed++;
    else if (status === 'docking') counts.docking++;
    else if (status === 'done') counts.done++;
    else if (status === 'cancelled') counts.cancelled++;
    else counts.works++;
    if (status === 'idle') counts.idle++;
    if (status === 'docking') openThreads += openThreadsOf(project);
    if ((status !== 'listed' || project.integrated) && status !== 'cancelled') {
      approved++;
      interfaces += project.interfaces;
      if (!project.integrated) unintegrated++;
      coveredShareTotal += coveredPairShare(project);
    }
  }
  const tally = state.weekTally;
  const staffLoad = load(
    state.staff.map((team) => team.demandHours),
    state.staff.map((team) => team.capacityHours),
  );
  let backlog = 0;
  let renewalDemand = 0;
  let renewalDone = 0;
  for (const team of state.staff) {
    backlog += team.backlogHours;
    renewalDemand += team.renewalDemandHours;
    renewalDone += team.renewalDoneHours;
  }
  const idleThisWeek = tally.idleProjects;
  const pipelineThisWeek = tally.idleProjects + tally.progressedProjects;
  return {
    week: state.week,
    participation: state.mode.participation ? 1 : 0,
    integration: state.mode.integration ? 1 : 0,
    pressureHigh: state.mode.pressure === 'high' ? 1 : 0,
    paused: state.mode.renewal === 'paused' ? 1 : 0,
    staffLoad,
    staffBacklogHours: backlog,
    staffServiceRatio: serviceRatio(renewalDone, renewalDemand),
    departmentLoad: pooledLoad(demand, departments.length, departmentCapacity),
    departmentBacklogHours: departmentBacklog,
    paperworkShare: paperworkShare(paperwork, demand, departments.length * departmentRoutine),
    departmentPaperworkHours: paperwork,
    departmentRenewalHours: renewalHoursDemanded(demand, departments.length * departmentRoutine),
    departmentPressure: meanPressure(pressure, departments.length),
    openDockingThreads: openThreads,
    interfacesPerProject: approved > 0 ? interfaces / approved : Number.NaN,
    unintegratedShare: approved > 0 ? unintegrated / approved : Number.NaN,
    fragmentationIndex: approved > 0 ? 1 - coveredShareTotal / approved : Number.NaN,
    projectsListed: counts.listed,
    projectsDocking: counts.docking,
    projectsInWorks: counts.works,
    projectsProgressed: tally.progressedProjects,
    projectsIdle: counts.idle,
    projectsDone: counts.done,
    projectsCancelled: counts.cancelled,
    completedShare: completedShare(counts.done, state.projects.length - counts.cancelled),
    spent: state.runTally.spent,
    wasted: state.runTally.wasted,
    wasteShare: wasteShare(state.runTally.wasted, state.runTally.spent),
    duplicatePairs: pairs.duplicate,
    conflictPairs: pairs.conflict,
    satisfaction: householdMean(households.satisfaction, ledger.satisfaction),
    topFiveCoverage: topFiveCoverage(state),
    perceivedSatisfaction: householdMean(households.perceivedSatisfaction, ledger.perceivedSatisfaction),
    awareShare: householdCount > 0 ? ledger.awareCount / householdCount : Number.NaN,
    engagedShare: householdCount > 0 ? ledger.engagedCount / householdCount : Number.NaN,
    suggestionsPer100Households: suggestionsPer100Households(ledger.suggestionTotal, householdCount),
    trust: householdMean(households.trust, ledger.trust),
    efficacy: householdMean(households.efficacy, ledger.efficacy),
    weeklyIdleShare: idleShare(idleThisWeek, pipelineThisWeek),
    jointMeeting: tally.jointMeetingHeld ? 1 : 0,
    onSiteMeetings: tally.onSiteMeetings,
    councilMeeting: tally.councilMeetingHeld ? 1 : 0,
    audit: tally.auditHeld ? 1 : 0,
  };
}

/** Values that summarise a whole run. NaN means "not defined in this run" (written as null in JSON). */
export interface RunSummary {
  weeks: number;
  households: number;
  /** Resident population of the street's communities (reported from the scenario). */
  residents: number;
  load: {
    staffPeak: number;
    staffMean: number;
    staffOverloadedWeekShare: number;
    staffBacklogHoursEnd: number;
    departmentPeak: number;
    departmentMean: number;
    departmentOverloadedWeekShare: number;
    departmentBacklogHoursEnd: number;
    paperworkShare: number;
  };
  fragmentation: {
    interfacesPerProject: number;
    meanDepartmentsPerProject: number;
    unintegratedShare: number;
    fragmentationIndex: number;
    openDockingThreadsMean: number;
    openDockingThreadsPeak: number;
    crossDepartmentSettleWeeks: number;
  };
  duplication: {
    /** Duplicate and conflict pairs together. */
    pairs: number;
    duplicatePairs: number;
    conflictPairs: number;
    caughtBeforeSpendShare: number;
    wasteShare: number;
    detectionLagWeeks: number;
  };
  satisfaction: {
    end: number;
    gain: number;
    topFiveCoverage: number;
    perceived: number;
    needMatch: number;
  };
  participation: {
    awareShare: number;
    engagedShare: number;
    suggestionsPer100Households: number;
    deliberators: number;
    deliberatorRetention: number;
    councilMeetings: number;
  };
  trust: { start: number; end: number; efficacyEnd: number };
  idling: { idleShare: number; renewalHours: number; renewalHoursPerWeek: number; effortPerOutput: number };
  completion: {
    projectsTakenOn: number;
    projectsDone: number;
    projectsCancelled: number;
    medianWeeks: number;
    p90Weeks: number;
    weeksToFirstTopFiveDone: number;
    weeksTo80PercentOfPlan: number;
    priorityOrderAgreement: number;
  };
  efficiency: {
    spent: number;
    wasted: number;
    satisfactionPerMoney: number;
    hoursPerCompletedProject: number;
  };
  meetings: { audits: number; jointMeetings: number; onSiteMeetings: number; expertHours: number };
  /** The mode's course: the week a switch rule switched (NaN if it never did, or with no rule). */
  governance: { switchWeek: number };
  /** Run-level measures of model extensions, by extension then measure (absent without extensions). */
  extensions?: Record<string, Record<string, number>>;
}

/** Summarises a run from its weekly records and final state. */
export function summariseRun(
  state: SimulationState,
  weeks: readonly WeekRecord[],
  start: { trust: number; satisfaction: number },
): RunSummary {
  const staffLoads = weeks.map((week) => week.staffLoad);
  const departmentLoads = weeks.map((week) => week.departmentLoad);
  const last = weeks[weeks.length - 1] as WeekRecord;
  const projects = state.projects;
  const approved = projects.filter(
    (project) =>
      (project.dockingStartWeek >= 0 || project.integrated || project.status === 'done') && project.status !== 'cancelled',
  );
  const live = projects.filter((project) => project.status !== 'cancelled');
  const done = projects.filter((project) => project.status === 'done');
  // Paperwork share over the run: all paperwork hours over all renewal hours demanded of departments.
  const paperwork = paperworkShare(
    weeks.reduce((total, week) => total + week.departmentPaperworkHours, 0),
    weeks.reduce((total, week) => total + week.departmentRenewalHours, 0),
    0,
  );
  const gain = satisfactionGain(last.satisfaction, start.satisfaction);
  const topFive = new Set<number>(state.items.topPainPoints.flatMap((painPoints) => Array.from(painPoints)));
  const threads = weeks.map((week) => week.openDockingThreads);
  const retention: number[] = [];
  let deliberators = 0;
  for (const progress of state.progress) {
    if (progress.participation === null || !progress.participation.deliberatorsSelected) continue;
    deliberators += progress.participation.deliberators.length;
    retention.push(
      deliberatorRetention(progress.participation.lastMeetingAttendance, progress.participation.deliberators.length),
    );
  }
  return {
    weeks: weeks.length,
    households: state.households.count,
    residents: state.scenario.world.communities.reduce((total, community) => total + community.residents, 0),
    load: {
      staffPeak: largestOf(staffLoads),
      staffMean: sampleMean(staffLoads),
      staffOverloadedWeekShare: overloadedShare(staffLoads),
      staffBacklogHoursEnd: last.staffBacklogHours,
      departmentPeak: largestOf(departmentLoads),
      departmentMean: sampleMean(departmentLoads),
      departmentOverloadedWeekShare: overloadedShare(departmentLoads),
      departmentBacklogHoursEnd: last.departmentBacklogHours,
      paperworkShare: paperwork,
    },
    fragmentation: {
      interfacesPerProject: interfacesPerProject(approved),
      meanDepartmentsPerProject: meanDepartmentsPerProject(projects),
      unintegratedShare: unintegratedShare(approved),
      fragmentationIndex: fragmentationIndex(approved),
      openDockingThreadsMean: sampleMean(threads),
      openDockingThreadsPeak: largestOf(threads),
      crossDepartmentSettleWeeks: meanSettleWeeks(state.runTally.settleWeeksTotal, state.runTally.settledQuestions),
    },
    duplication: {
      pairs: state.pairs.length,
      duplicatePairs: countPairs(state.pairs, 'duplicate'),
      conflictPairs: countPairs(state.pairs, 'conflict'),
      caughtBeforeSpendShare: caughtBeforeSpendShare(state.pairs),
      wasteShare: wasteShare(state.runTally.wasted, state.runTally.spent),
      detectionLagWeeks: detectionLag(state.pairs),
    },
    satisfaction: {
      end: last.satisfaction,
      gain,
      topFiveCoverage: last.topFiveCoverage,
      perceived: last.perceivedSatisfaction,
      needMatch: needMatch(state.items.communityNeed, state.items.met),
    },
    participation: {
      awareShare: last.awareShare,
      engagedShare: last.engagedShare,
      suggestionsPer100Households: last.suggestionsPer100Households,
      deliberators,
      deliberatorRetention: sampleMean(retention),
      councilMeetings: state.runTally.councilMeetings,
    },
    trust: { start: start.trust, end: last.trust, efficacyEnd: last.efficacy },
    idling: {
      idleShare: idleShare(state.runTally.idleWeeks, state.runTally.pipelineWeeks),
      renewalHours: state.runTally.renewalHours,
      renewalHoursPerWeek: renewalHoursPerWeek(state.runTally.renewalHours, weeks.length),
      effortPerOutput: effortPerOutput(state.runTally.renewalHours, gain),
    },
    completion: {
      projectsTakenOn: projects.length,
      projectsDone: done.length,
      projectsCancelled: projects.length - live.length,
      ...(() => {
        const times = completionTimes(done);
        return { medianWeeks: times.median, p90Weeks: times.p90 };
      })(),
      weeksToFirstTopFiveDone: firstPainPointDoneWeek(done, topFive),
      weeksTo80PercentOfPlan: weeksToShareDone(live, 0.8),
      priorityOrderAgreement: priorityOrderAgreement(done),
    },
    efficiency: {
      spent: state.runTally.spent,
      wasted: state.runTally.wasted,
      satisfactionPerMoney: satisfactionPerMoney(gain, state.runTally.spent),
      hoursPerCompletedProject: hoursPerCompletedProject(state.runTally.renewalHours, done.length),
    },
    meetings: {
      audits: state.runTally.audits,
      jointMeetings: state.runTally.jointMeetings,
      onSiteMeetings: state.runTally.onSiteMeetings,
      expertHours: state.runTally.expertHours,
    },
    governance: { switchWeek: state.leadership.switchWeek >= 0 ? state.leadership.switchWeek : Number.NaN },
  };
}
