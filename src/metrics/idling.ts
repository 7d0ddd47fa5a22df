/**
 * Idling (悬浮/空转), completion and the yield of effort and money. Paper §3:
 * high effort that does not turn into implementation.
 */
import { sampleQuantile, smallestOf } from '../core/index.js';
import { rankCorrelation } from './ranks.js';

/**
 * Idle share = project-weeks in the pipeline (docking, ready, active, idle)
 * without progress ÷ project-weeks in the pipeline. Unit: share. Range [0, 1];
 * NaN with no pipeline weeks.
 * @example idleShare(30, 40) // 0.75
 */
export function idleShare(idleProjectWeeks: number, pipelineProjectWeeks: number): number {
  return pipelineProjectWeeks > 0 ? idleProjectWeeks / pipelineProjectWeeks : Number.NaN;
}

/**
 * Completed share = projects done ÷ projects taken on and not cancelled, so far.
 * How much of what was taken on has been delivered. Unit: share. Range [0, 1];
 * NaN before any project is listed, or when every one listed was cancelled.
 * @example completedShare(3, 24) // 0.125
 */
export function completedShare(done: number, listedNotCancelled: number): number {
  return listedNotCancelled > 0 ? done / listedNotCancelled : Number.NaN;
}

/**
 * Effort per output = renewal hours worked (staff and departments) ÷
 * satisfaction gained (household mean over the street, in percentage points). Unit: hours
 * per point. Range [0, ∞); NaN when nothing was gained.
 * @example effortPerOutput(5000, 0.1) // 500
 */
export function effortPerOutput(renewalHours: number, satisfactionGain: number): number {
  return satisfactionGain > 0 ? renewalHours / (100 * satisfactionGain) : Number.NaN;
}

/**
 * Satisfaction per unit of money = satisfaction gained (percentage points) ÷
 * money spent (budget units). Unit: points per budget unit. NaN when nothing spent, or so little (projects costing
 * a denormal amount) that the ratio is no finite number.
 * @example satisfactionPerMoney(0.2, 0.5) // 40
 */
export function satisfactionPerMoney(satisfactionGain: number, spent: number): number {
  const ratio = (100 * satisfactionGain) / spent;
  return spent > 0 && Number.isFinite(ratio) ? ratio : Number.NaN;
}

/**
 * Hours per completed project = renewal hours ÷ projects completed.
 * Unit: hours. NaN when none completed.
 * @example hoursPerCompletedProject(1200, 4) // 300
 */
export function hoursPerCompletedProject(renewalHours: number, completed: number): number {
  return completed > 0 ? renewalHours / completed : Number.NaN;
}

/**
 * Completion times = weeks from listing (approval) to done, over completed
 * projects: their median and 90th percentile (R type 7). Unit: weeks. NaN when none.
 * @example completionTimes([{ listedWeek: 1, doneWeek: 11 }, { listedWeek: 1, doneWeek: 21 }]).median // 15
 */
export function completionTimes(projects: ReadonlyArray<{ listedWeek: number; doneWeek: number }>): {
  median: number;
  p90: number;
} {
  const weeks = projects.filter((project) => project.doneWeek >= 0).map((project) => project.doneWeek - project.listedWeek);
  return { median: sampleQuantile(weeks, 0.5), p90: sampleQuantile(weeks, 0.9) };
}

/**
 * Weeks to a share of the plan = first week by which `share` of the
 * projects taken on (and not cancelled) are done, counted from the first
 * listing. Unit: weeks. NaN if never reached.
 * @example weeksToShareDone([{ listedWeek: 2, doneWeek: 10 }, { listedWeek: 2, doneWeek: -1 }], 0.5) // 8
 */
export function weeksToShareDone(projects: ReadonlyArray<{ listedWeek: number; doneWeek: number }>, share: number): number {
  if (projects.length === 0) return Number.NaN;
  const firstListed = smallestOf(projects.map((project) => project.listedWeek));
  const doneWeeks = projects
    .filter((project) => project.doneWeek >= 0)
    .map((project) => project.doneWeek)
    .sort((left, right) => left - right);
  const needed = Math.ceil(share * projects.length);
  const week = doneWeeks[needed - 1];
  return week === undefined ? Number.NaN : week - firstListed;
}

/**
 * Priority-order agreement = Spearman correlation between the council's
 * priority rank and the week of completion, over completed projects with a
 * rank. Ranks restart at 0 with each plan adopted (each planning cycle, each
 * community) and each take-up of voted items, and the projects of every cycle
 * are pooled here, so the correlation mixes the order within each plan with
 * the order of the cycles: it is 1 when works finish in the order residents
 * voted only where the projects done come from one plan. Unit: correlation.
 * Range [−1, 1]; NaN with fewer than three ranked completions, or when the
 * ranks or the weeks do not vary.
 */
export function priorityOrderAgreement(projects: ReadonlyArray<{ priorityRank: number; doneWeek: number }>): number {
  const ranked = projects.filter((project) => project.priorityRank >= 0 && project.doneWeek >= 0);
  if (ranked.length < 3) return Number.NaN;
  return rankCorrelation(
    ranked.map((project) => project.priorityRank),
    ranked.map((project) => project.doneWeek),
  );
}

/**
 * Renewal hours per week = renewal hours over the run ÷ the weeks run (at least 1).
 * Unit: hours per week. Range [0, ∞).
 * @example renewalHoursPerWeek(520, 104) // 5
 */
export function renewalHoursPerWeek(renewalHours: number, weeks: number): number {
  return renewalHours / Math.max(1, weeks);
}

/**
 * First pain point served = the earliest week in which a completed project on a pain point (an item of
 * `painPoints`, see `topPainPoints`) that covers some of its need was done: a calendar week of the run, not a
 * duration. Unit: week. Range [1, weeks]; NaN when none was.
 * @example firstPainPointDoneWeek([{ item: 3, effectiveCoverage: 0.5, doneWeek: 40 }, { item: 1, effectiveCoverage: 0.5, doneWeek: 20 }], new Set([3])) // 40
 */
export function firstPainPointDoneWeek(
  doneProjects: ReadonlyArray<{ item: number; effectiveCoverage: number; doneWeek: number }>,
  painPoints: ReadonlySet<number>,
): number {
  const served = doneProjects.filter((project) => painPoints.has(project.item) && project.effectiveCoverage > 0);
  return served.length > 0 ? smallestOf(served.map((project) => project.doneWeek)) : Number.NaN;
}
