/**
 * Implementation: projects whose docking is settled get works done, week by
 * week, with a chance equal to the product of the lead department's and the
 * community staff's works service ratios (supervision and on-site
 * coordination; workload.ts),
 * when the budget allows.
 * Otherwise the project idles (悬浮/空转). Works at a site whose households
 * were never told may be held up by their objections. Money goes out evenly
 * over the works' duration.
 *
 * Duplicates and conflicts: before a project spends its first money its lead
 * department checks it once against what it knows — the projects on its own
 * list — with the attention its workload leaves (review.ts). Pairs never
 * caught are discovered when the
 * second of the two is built: a duplicate adds nothing and its cost is waste;
 * a conflicting work undoes `conflictReworkShare` of the earlier one, whose
 * cost to that extent is waste.
 */
import type { RandomSource, RandomStream } from '../../core/index.js';
import { makeAware } from '../ledger.js';
import type { Project, SimulationState } from '../state.js';
import { communityBudgetSoFar, departmentBudgetShare } from './planning.js';
import { isOpenPair, setProjectStatus } from './projects.js';
import { applyTrustEvent, recomputeNeedMet, respondTo, reviseDesignWithResidents } from './residents.js';
import { departmentReviewer, reviewClashes } from './review.js';

function communitySpent(state: SimulationState, community: number): number {
  let spent = 0;
  for (const department of state.departments) spent += department.spentByCommunity[community] as number;
  return spent;
}

function canAfford(state: SimulationState, project: Project, amount: number): boolean {
  const budget = communityBudgetSoFar(state, project.community);
  const lead = state.departments[project.departments[0] as number];
  if (lead === undefined) return false;
  if (project.integrated) return communitySpent(state, project.community) + amount <= budget + 1e-12;
  const leadSpent = lead.spentByCommunity[project.community] as number;
  return (
    leadSpent + amount <= departmentBudgetShare(state, project.community) + 1e-12 &&
    communitySpent(state, project.community) + amount <= budget + 1e-12
  );
}

function checkBeforeFirstSpend(state: SimulationState, project: Project, stream: RandomStream): void {
  const lead = project.departments[0] as number;
  const attention = state.departments[lead]?.serviceRatio ?? 0;
  reviewClashes(state, [project], [departmentReviewer(lead, attention)], stream);
}

/** Completes a project: records it, realises undiscovered pairs with finished partners, meets the need. */
export function completeProject(state: SimulationState, project: Project): void {
  setProjectStatus(state, project, 'done');
  project.doneWeek = state.week;
  const reworkShare = state.scenario.parameters.detection.conflictReworkShare;
  for (const pairIndex of state.pairsByProject[project.id] as number[]) {
    if (!isOpenPair(state, pairIndex)) continue;
    const pair = state.pairs[pairIndex];
    if (pair === undefined) continue;
    const partner = state.projects[pair.first === project.id ? pair.second : pair.first] as Project;
    if (partner.status !== 'done') continue;
    pair.realisedWeek = state.week;
    if (pair.kind === 'duplicate') {
      // Duplicate construction: built again, adding nothing.
      project.effectiveCoverage = 0;
      const newlyWasted = project.spent - project.wasted;
      project.wasted = project.spent;
      state.runTally.wasted += newlyWasted;
    } else {
      // The new works dig up part of the earlier ones.
      const undone = reworkShare * partner.effectiveCoverage;
      partner.effectiveCoverage -= undone;
      const newlyWasted = Math.min(partner.spent - partner.wasted, reworkShare * partner.spent);
      partner.wasted += newlyWasted;
      state.runTally.wasted += newlyWasted;
      recomputeNeedMet(state, partner.item);
    }
    // Residents around the site see the waste: a negative trust event.
    const { siteHouseholdStart, siteHouseholds } = state.sites;
    for (
      let index = siteHouseholdStart[project.site] as number;
      index < (siteHouseholdStart[project.site + 1] as number);
      index++
    ) {
      applyTrustEvent(state, siteHouseholds[index] as number, false);
    }
  }
  recomputeNeedMet(state, project.item);
  // Households whose need it meets see it: they become aware, and it is a positive trust event.
  const { itemHouseholdStart, itemHouseholds } = state.items;
  if (project.effectiveCoverage > 0) {
    for (
      let index = itemHouseholdStart[project.item] as number;
      index < (itemHouseholdStart[project.item + 1] as number);
      index++
    ) {
      const household = itemHouseholds[index] as number;
      makeAware(state, household);
      respondTo(state, household);
      applyTrustEvent(state, household, true);
    }
  }
}

/** Share of the households with needs at a site who were never told of the renewal. */
export function unawareShareAtSite(state: SimulationState, site: number): number {
  const { siteHouseholdStart, siteHouseholds } = state.sites;
  const start = siteHouseholdStart[site] as number;
  const end = siteHouseholdStart[site + 1] as number;
  // Once every household knows (under mobilisation, within weeks), there is no one to count.
  if (end === start || state.householdLedger.awareCount === state.households.count) return 0;
  let unaware = 0;
  for (let index = start; index < end; index++)
    unaware += 1 - (state.households.aware[siteHouseholds[index] as number] as number);
  return unaware / (end - start);
}

/**
 * Unannounced disruption: each week works would go ahead at a site where
 * households were never told, they object with chance
 * `objectionChance × unaware share`; the works are held up for the week, and
 * the households drawn into the dispute (each never-told one with
 * `objectionChance`) learn of the renewal this way — a negative trust event —
 * and the design is revised with what the aware ones need there
 * (`reviseDesignWithResidents`). Returns whether the works were held up.
 */
function objectionsHoldUp(state: SimulationState, project: Project, stream: RandomStream, designRevision: number): boolean {
  const objectionChance = state.scenario.parameters.residents.objectionChance;
  const unawareShare = unawareShareAtSite(state, project.site);
  if (unawareShare === 0 || !stream.chance(objectionChance * unawareShare)) return false;
  const { siteHouseholdStart, siteHouseholds } = state.sites;
  for (
    let index = siteHouseholdStart[project.site] as number;
    index < (siteHouseholdStart[project.site + 1] as number);
    index++
  ) {
    const household = siteHouseholds[index] as number;
    if (state.households.aware[household] === 0 && stream.chance(objectionChance)) {
      makeAware(state, household);
      applyTrustEvent(state, household, false);
    }
  }
  reviseDesignWithResidents(state, project, designRevision);
  return true;
}

export function advanceWorks(state: SimulationState, random: RandomSource): void {
  const stream = random.stream('works');
  const detection = random.stream('detection');
  const objections = random.stream('objections');
  const paused = state.mode.renewal === 'paused';
  const designRevision = state.scenario.parameters.residents.designRevision;
  for (const project of state.projects) {
    const status = project.status;
    if (status === 'docking') {
      project.pipelineWeeks++;
      project.idleWeeks++;
      state.runTally.pipelineWeeks++;
      state.runTally.idleWeeks++;
      state.weekTally.idleProjects++;
      continue;
    }
    if (status !== 'ready' && status !== 'active' && status !== 'idle') continue;
    project.pipelineWeeks++;
    state.runTally.pipelineWeeks++;
    if (!paused && !project.checkedBeforeSpend) {
      project.checkedBeforeSpend = true;
      checkBeforeFirstSpend(state, project, detection);
      if (project.status === 'cancelled') continue;
    }
    const lead = state.departments[project.departments[0] as number];
    const weeklySpend = project.cost / project.durationWeeks;
    const staffing = (state.staff[project.community] as { worksServiceRatio: number }).worksServiceRatio;
    const progresses =
      !paused &&
      lead !== undefined &&
      stream.chance(staffing * lead.worksServiceRatio) &&
      canAfford(state, project, weeklySpend) &&
      !objectionsHoldUp(state, project, objections, designRevision);
    if (!progresses || lead === undefined) {
      setProjectStatus(state, project, 'idle');
      project.idleWeeks++;
      state.runTally.idleWeeks++;
      state.weekTally.idleProjects++;
      continue;
    }
    setProjectStatus(state, project, 'active');
    project.progressWeeks++;
    project.spent += weeklySpend;
    lead.spentByCommunity[project.community] = (lead.spentByCommunity[project.community] as number) + weeklySpend;
    state.runTally.spent += weeklySpend;
    state.weekTally.progressedProjects++;
    if (project.progressWeeks >= project.durationWeeks) completeProject(state, project);
  }
}
