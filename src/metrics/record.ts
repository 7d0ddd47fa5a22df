/**
 * Observing a run: what is recorded each week (a {@link WeekRecord}) and at
 * the end (a {@link RunSummary}). Observers only read the state; every value
 * is computed by one of the metric definitions in this folder.
 */
import { largestOf, sampleMean } from '../core/index.js';
import type { OrderedSum, SimulationState } from '../model/index.js';
import { ensureBookkeeping, orderedTotal, orderedTotals, pairCounts } from '../model/ledger.js';
import { caughtBeforeSpendShare, countPairs, detectionLag, wasteShare } from './duplication.js';
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
  /** Week of the run, from 1 (week, 1 … weeks run; in the Z Street case week 1 is 1–7 January 2018). */
  week: number;
  /** 1 if participation (expression and integration of residents' views) is on this week, else 0 (flag, {0, 1}). */
  participation: number;
  /** 1 if integration (departmental synergy, the Promotion Office as coordinator) is on this week, else 0 (flag, {0, 1}). */
  integration: number;
  /** 1 if pressure is high (stage-target control active) this week, else 0 (flag, {0, 1}). */
  pressureHigh: number;
  /** 1 if renewal is paused this week, else 0 (flag, {0, 1}). */
  paused: number;
  /**
   * Staff hours demanded (routine, assessed work, coordination of works and docking) ÷ staff capacity, over all communities
   * (ratio, 1 = at capacity; [`staff.routineLoad`, ∞); NaN with no capacity) ({@link load}).
   */
  staffLoad: number;
  /**
   * Staff assessed work left undone that carries into next week (`staff.backlogCarryShare` of it), over all communities;
   * kept unchanged while paused (hours, [0, ∞)).
   */
  staffBacklogHours: number;
  /**
   * Renewal hours the staff served ÷ renewal hours demanded of them (demand − routine), over all communities; 1 with none
   * demanded (share, [0, 1]) ({@link serviceRatio}).
   */
  staffServiceRatio: number;
  /**
   * Department hours demanded (routine, assessed work, supervision of works, coordination) ÷ (departments ×
   * `departmentHoursPerWeek`) (ratio; [`departments.routineLoad`, ∞); NaN with no department) ({@link pooledLoad}).
   */
  departmentLoad: number;
  /**
   * Department assessed work other than implementation plans left undone that carries into next week
   * (`departments.backlogCarryShare` of it), over all departments; kept unchanged while paused (hours, [0, ∞)).
   */
  departmentBacklogHours: number;
  /**
   * `departmentPaperworkHours` ÷ `departmentRenewalHours` (share, [0, 1] up to rounding; NaN when no renewal hours are
   * demanded, as in a paused week without other extra hours) ({@link paperworkShare}).
   */
  paperworkShare: number;
  /**
   * Paperwork hours demanded of departments this week (per project and interface department, implementation plans
   * included); 0 while paused (hours, [0, ∞)).
   */
  departmentPaperworkHours: number;
  /**
   * Department hours demanded beyond routine work: the renewal's share of their time, carried backlog included
   * (hours, [0, ∞)) ({@link renewalHoursDemanded}).
   */
  departmentRenewalHours: number;
  /** Mean stage-target pressure of the departments; 0 with none (pressure, dimensionless; [0, ∞)) ({@link meanPressure}). */
  departmentPressure: number;
  /**
   * Channels through which staff still deal with projects in docking: unconfirmed threads of a project outside a plan,
   * at most 1 for a plan project (threads, [0, ∞)) ({@link openThreadsOf}).
   */
  openDockingThreads: number;
  /**
   * Mean interfaces of the approved projects (not cancelled, past `listed` or in a plan): a project's departments, or
   * 1 in a plan (interfaces per project, [1, 3]; NaN with none approved) ({@link interfacesPerProject}).
   */
  interfacesPerProject: number;
  /** Share of the approved projects outside a plan (share, [0, 1]; NaN with none approved) ({@link unintegratedShare}). */
  unintegratedShare: number;
  /**
   * 1 − mean over approved projects of the share of their coordination pairs (staff, departments) covered by a joint or
   * on-site forum (share, [0, 1], 1 = no joint coordination; NaN with none approved) ({@link fragmentationIndex}).
   */
  fragmentationIndex: number;
  /** Projects with status `listed`: on a catalogue or plan, not yet docking (projects, [0, ∞)). */
  projectsListed: number;
  /** Projects with status `docking`: waiting for departments' confirmations (projects, [0, ∞)). */
  projectsDocking: number;
  /** Projects with status `ready`, `active` or `idle`: confirmed, works due (projects, [0, ∞)). */
  projectsInWorks: number;
  /** Projects whose works progressed this week (projects, [0, ∞)). */
  projectsProgressed: number;
  /** Projects with status `idle`: works due but stalled, docking ones not included (projects, [0, ∞)). */
  projectsIdle: number;
  /** Projects done so far, cumulative (projects, [0, ∞)). */
  projectsDone: number;
  /** Projects cancelled so far, cumulative (projects, [0, ∞)). */
  projectsCancelled: number;
  /**
   * Projects done ÷ projects taken on and not cancelled, so far (share, [0, 1]; NaN before any project is listed or when
   * every one listed is cancelled) ({@link completedShare}).
   */
  completedShare: number;
  /**
   * Money spent on works so far, cumulative (budget units, 1 = a community's budget for one budget year; [0, communities ×
   * `budget` × budget years begun]).
   */
  spent: number;
  /**
   * Money counted as waste so far, cumulative: spending on projects later cancelled, a realised duplicate's spending and the
   * rework of realised conflicts (budget units, [0, `spent`]).
   */
  wasted: number;
  /** `wasted` ÷ `spent`, both cumulative (share, [0, 1]; NaN while nothing is spent) ({@link wasteShare}). */
  wasteShare: number;
  /** Duplicate pairs (two projects on one need item) formed so far, cumulative (pairs, [0, ∞)). */
  duplicatePairs: number;
  /** Conflict pairs (two projects at one site whose categories undo each other) formed so far, cumulative (pairs, [0, ∞)). */
  conflictPairs: number;
  /** Household mean need-weighted satisfaction: Σ need weight × degree the need item is met (share of needs met, [0, 1]). */
  satisfaction: number;
  /**
   * Mean over communities of the mean degree met of their five pain points (largest summed need weight, fixed at the start)
   * (share, [0, 1]) ({@link topPainPointCoverage}).
   */
  topFiveCoverage: number;
  /**
   * Household mean of 1 ÷ (1 + exp(−`perceivedSteepness` × (satisfaction − expected))), expected = `expectationWhenAware`
   * if aware, else 0 (share, [0, 1]).
   */
  perceivedSatisfaction: number;
  /** Share of households aware of the renewal; never falls (share, [0, 1]). */
  awareShare: number;
  /**
   * Share of households engaged (made a suggestion, chosen as deliberator or joined an on-site meeting) and not since
   * disengaged; can fall (share, [0, 1]).
   */
  engagedShare: number;
  /**
   * 100 × suggestions recorded so far ÷ households, cumulative (suggestions per 100 households, [0, ∞))
   * ({@link suggestionsPer100Households}).
   */
  suggestionsPer100Households: number;
  /** Household mean trust in the street and community (score 0 to 1, [0, 1]). */
  trust: number;
  /** Household mean efficacy: residents' belief that speaking up changes things (score 0 to 1, [0, 1]). */
  efficacy: number;
  /**
   * Idle ÷ (idle + progressed) projects this week, idle = in docking, or in works without progress (share, [0, 1]; NaN if
   * both are 0) ({@link idleShare}).
   */
  weeklyIdleShare: number;
  /** 1 if any community held a joint meeting this week, else 0 (flag, {0, 1}). */
  jointMeeting: number;
  /** Communities that held an on-site meeting this week (meetings, [0, communities]). */
  onSiteMeetings: number;
  /** 1 if any community held a council meeting this week, else 0 (flag, {0, 1}). */
  councilMeeting: number;
  /** 1 if a stage-target audit was held this week, else 0 (flag, {0, 1}). */
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

/**
 * What a run amounts to: values computed at its end from the weekly records, the final state and the household means
 * before week 1. docs/metrics.md gives each value's formula, unit and range; a value named by a definition here is
 * that function of `src/metrics/` applied to the run. NaN where a value is undefined in the run (a share of
 * nothing), written as null in JSON.
 */
export interface RunSummary {
  /** Weeks run. */
  weeks: number;
  /** Households of the street's communities. */
  households: number;
  /** Resident population of the street's communities (reported from the scenario). */
  residents: number;
  load: {
    /** Largest weekly `staffLoad`. */
    staffPeak: number;
    /** Mean weekly `staffLoad`. */
    staffMean: number;
    /** Share of weeks whose `staffLoad` is above 1 ({@link overloadedShare}). */
    staffOverloadedWeekShare: number;
    /** `staffBacklogHours` after the last week. */
    staffBacklogHoursEnd: number;
    /** Largest weekly `departmentLoad`. */
    departmentPeak: number;
    /** Mean weekly `departmentLoad`. */
    departmentMean: number;
    /** Share of weeks whose `departmentLoad` is above 1. */
    departmentOverloadedWeekShare: number;
    /** `departmentBacklogHours` after the last week. */
    departmentBacklogHoursEnd: number;
    /** Σ paperwork hours ÷ Σ renewal hours demanded of departments, over every week ({@link paperworkShare}). */
    paperworkShare: number;
  };
  fragmentation: {
    /** {@link interfacesPerProject} over the projects approved by the end. */
    interfacesPerProject: number;
    /** {@link meanDepartmentsPerProject} over the projects not cancelled. */
    meanDepartmentsPerProject: number;
    /** {@link unintegratedShare} of the projects approved by the end. */
    unintegratedShare: number;
    /** {@link fragmentationIndex} of the projects approved by the end. */
    fragmentationIndex: number;
    /** Mean weekly `openDockingThreads`. */
    openDockingThreadsMean: number;
    /** Largest weekly `openDockingThreads`. */
    openDockingThreadsPeak: number;
    /** {@link meanSettleWeeks} of the cross-department questions settled. */
    crossDepartmentSettleWeeks: number;
  };
  duplication: {
    /** Duplicate and conflict pairs together. */
    pairs: number;
    /** Pairs of projects that duplicate each other ({@link countPairs}). */
    duplicatePairs: number;
    /** Pairs of projects whose works conflict at one site. */
    conflictPairs: number;
    /** {@link caughtBeforeSpendShare} of the pairs. */
    caughtBeforeSpendShare: number;
    /** Money wasted ÷ money spent ({@link wasteShare}). */
    wasteShare: number;
    /** {@link detectionLag} of the pairs resolved: caught, or found by being built. */
    detectionLagWeeks: number;
  };
  satisfaction: {
    /** Need-weighted `satisfaction` of the last week. */
    end: number;
    /** {@link satisfactionGain}: the last week's satisfaction − before week 1. */
    gain: number;
    /** `topFiveCoverage` of the last week. */
    topFiveCoverage: number;
    /** `perceivedSatisfaction` of the last week. */
    perceived: number;
    /** {@link needMatch} of the need items at the end. */
    needMatch: number;
  };
  participation: {
    /** `awareShare` of the last week. */
    awareShare: number;
    /** `engagedShare` of the last week. */
    engagedShare: number;
    /** `suggestionsPer100Households` of the last week. */
    suggestionsPer100Households: number;
    /** Deliberators selected, over the communities. */
    deliberators: number;
    /** Mean over the communities with deliberators of their {@link deliberatorRetention}. */
    deliberatorRetention: number;
    /** Council meetings held, over the communities. */
    councilMeetings: number;
  };
  trust: {
    /** Mean trust before week 1. */
    start: number;
    /** Mean `trust` of the last week. */
    end: number;
    /** Mean `efficacy` of the last week. */
    efficacyEnd: number;
  };
  idling: {
    /** Idle ÷ pipeline project-weeks over the run ({@link idleShare}). */
    idleShare: number;
    /** Renewal hours served by staff and departments over the run. */
    renewalHours: number;
    /** {@link renewalHoursPerWeek}. */
    renewalHoursPerWeek: number;
    /** Renewal hours per percentage point of satisfaction gained ({@link effortPerOutput}). */
    effortPerOutput: number;
  };
  completion: {
    /** Projects listed over the run, cancelled ones included. */
    projectsTakenOn: number;
    /** Projects done. */
    projectsDone: number;
    /** Projects cancelled. */
    projectsCancelled: number;
    /** Median weeks from listing to done ({@link completionTimes}). */
    medianWeeks: number;
    /** 90th percentile of the weeks from listing to done. */
    p90Weeks: number;
    /** {@link firstPainPointDoneWeek}: a calendar week of the run, not a duration. */
    weeksToFirstTopFiveDone: number;
    /** Weeks from the first listing until 80% of the projects not cancelled are done ({@link weeksToShareDone}). */
    weeksTo80PercentOfPlan: number;
    /** {@link priorityOrderAgreement} of the projects done. */
    priorityOrderAgreement: number;
  };
  efficiency: {
    /** Money spent over the run (budget units). */
    spent: number;
    /** Money wasted on duplicates, works undone by conflicts and cancelled projects (budget units). */
    wasted: number;
    /** Percentage points of satisfaction gained per budget unit spent ({@link satisfactionPerMoney}). */
    satisfactionPerMoney: number;
    /** Renewal hours per project done ({@link hoursPerCompletedProject}). */
    hoursPerCompletedProject: number;
  };
  meetings: {
    /** Stage-target audits held. */
    audits: number;
    /** Joint meetings held, counted per community. */
    jointMeetings: number;
    /** On-site meetings held. */
    onSiteMeetings: number;
    /** Expert hours spent at council meetings. */
    expertHours: number;
  };
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
