/**
 * Where projects come from, and whether they form one plan.
 *
 * - Participation off: each department lists projects from its own catalogue
 *   (项目清单), choosing sites mostly by visibility and only weakly by need
 *   (reverse project system, 逆向"项目制"); the street packages them on paper only.
 * - Participation on: the council's priority order is the list.
 * - Integration on: the Promotion Office, as coordinator, pools the list and
 *   the budget, cross-checks it for duplicates and conflicts, and adopts one
 *   plan with one interface (匹配 → 行动方案). Without integration each
 *   department takes the items in its own line and funds them from its own
 *   budget.
 */
import type { RandomSource, RandomStream } from '../../core/index.js';
import { projectsOfCommunity, setEfficacy, setTrust } from '../ledger.js';
import { hasJoined, renewalWeek } from '../rollout.js';
import { markMilestone, type ParticipationProgress, type Project, type SimulationState } from '../state.js';
import { leadDepartmentFor } from '../world.js';
import { participationSchedule } from './participation.js';
import { cancelProject, drawCostAndDuration, drawDepartments, listProject } from './projects.js';
import { respondTo } from './residents.js';
import { promotionOfficeReviewer, reviewClashes } from './review.js';

/**
 * Weeks in a budget year: each community's renewal budget arrives at the start
 * of each, counted from the week it joins the renewal (weeks 1, 53, 105, … for
 * a community in from the start).
 */
export const budgetYearWeeks = 52;

/** Budget years begun by `week` (1-based): 1 in weeks 1–52, 2 in weeks 53–104, … */
export function budgetYearsBegun(week: number): number {
  return Math.max(1, Math.ceil(week / budgetYearWeeks));
}

/**
 * A community's budget available so far: the yearly budget × its budget years
 * begun since it joined (unspent money carries over).
 */
export function communityBudgetSoFar(state: SimulationState, community: number): number {
  return state.scenario.world.budget * budgetYearsBegun(renewalWeek(state, community));
}

/** A department's budget so far within one community when budgets are not pooled. */
export function departmentBudgetShare(state: SimulationState, community: number): number {
  return communityBudgetSoFar(state, community) / Math.max(1, state.departments.length);
}

/** Whether this week opens a new budget year after the first (catalogues and plans are drawn up again). */
export function newBudgetYear(week: number): boolean {
  return week > 1 && (week - 1) % budgetYearWeeks === 0;
}

function committedByDepartment(state: SimulationState, community: number, department: number): number {
  let committed = 0;
  for (const id of projectsOfCommunity(state, community)) {
    const project = state.projects[id] as Project;
    if (project.departments[0] !== department) continue;
    if (project.status === 'cancelled') committed += project.spent;
    else committed += Math.max(project.cost, project.spent);
  }
  return committed;
}

/**
 * Each department lists up to `projectsPerDepartment` projects from its line
 * that fit its budget share. A site is chosen by residents' need with chance
 * `catalogueNeedCorrelation`, otherwise by visibility.
 */
export function listDepartmentCatalogues(state: SimulationState, community: number, stream: RandomStream): void {
  const { items, sites } = state;
  const parameters = state.scenario.parameters.departments;
  const firstSite = state.siteStart[community] as number;
  const endSite = state.siteStart[community + 1] as number;
  const visibility = sites.visibility.subarray(firstSite, endSite);
  const share = departmentBudgetShare(state, community);
  for (const department of state.departments) {
    let committed = committedByDepartment(state, community, department.id);
    let listed = 0;
    for (
      let attempt = 0;
      listed < parameters.projectsPerDepartment && attempt < 3 * parameters.projectsPerDepartment;
      attempt++
    ) {
      const category = (
        department.categories.length > 1 && !stream.chance(0.6) ? department.categories[1] : department.categories[0]
      ) as number;
      let site: number;
      if (stream.chance(parameters.catalogueNeedCorrelation)) {
        const needs = new Float64Array(endSite - firstSite);
        for (let localSite = 0; localSite < needs.length; localSite++) {
          needs[localSite] = items.communityNeed[
            (state.itemStart[community] as number) + localSite * state.categoryCount + category
          ] as number;
        }
        site = firstSite + stream.weightedIndex(needs);
      } else {
        site = firstSite + stream.weightedIndex(visibility);
      }
      const { cost, durationWeeks } = drawCostAndDuration(state, stream);
      if (committed + cost > share) continue;
      const item = (state.itemStart[community] as number) + (site - firstSite) * state.categoryCount + category;
      listProject(
        state,
        {
          community,
          origin: 'department-catalogue',
          item,
          departments: drawDepartments(state, category, stream, department.id),
          cost,
          durationWeeks,
        },
        false,
      );
      committed += cost;
      listed++;
    }
  }
  const progress = state.progress[community] as { catalogueListed: boolean; catalogueYear: number };
  progress.catalogueListed = true;
  progress.catalogueYear = budgetYearsBegun(renewalWeek(state, community));
}

/** Marks projects as part of one integrated plan with one interface, adopted this week. */
function integrate(state: SimulationState, projects: readonly Project[]): void {
  for (const project of projects) {
    if (!project.integrated) project.adoptedWeek = state.week;
    project.integrated = true;
    project.interfaces = 1;
    // The plan is the projects' one implementation document, drawn up by the coordinator while matching.
    project.implementationPlanHoursLeft.fill(0);
  }
}

/** The latest week in which a live catalogue project of the community not yet in a plan was listed; −1 if none. */
function latestCatalogueListing(state: SimulationState, community: number): number {
  let latest = -1;
  for (const id of projectsOfCommunity(state, community)) {
    const project = state.projects[id] as Project;
    const live = project.status !== 'done' && project.status !== 'cancelled';
    if (live && project.origin === 'department-catalogue' && !project.integrated && project.listedWeek > latest)
      latest = project.listedWeek;
  }
  return latest;
}

function liveProjects(state: SimulationState, community: number): Project[] {
  const live: Project[] = [];
  for (const id of projectsOfCommunity(state, community)) {
    const project = state.projects[id] as Project;
    if (project.status !== 'done' && project.status !== 'cancelled') live.push(project);
  }
  return live;
}

/**
 * The Promotion Office matches the council's priority order to the pooled
 * budget (greedy, in order) and adopts one plan. Live projects from before
 * that serve a prioritised item, have spent money, or were taken up from
 * residents' priorities in an earlier planning cycle (a plan is updated, not
 * replaced) are kept and folded in; the departments' own projects that have
 * spent nothing and serve none are cancelled, whatever their status (listed,
 * docking or ready). An item met since the council put it in the order
 * (built in the meantime) is not planned again.
 */
export function adoptPlanFromPriorities(
  state: SimulationState,
  community: number,
  priorityOrder: readonly number[],
  copies: ReadonlyMap<number, number>,
  stream: RandomStream,
): void {
  const budget = communityBudgetSoFar(state, community);
  const prioritised = new Set(priorityOrder);
  const kept: Project[] = [];
  let committed = 0;
  for (const id of projectsOfCommunity(state, community)) {
    const project = state.projects[id] as Project;
    if (project.status === 'done' || project.status === 'cancelled') {
      committed += project.spent;
      continue;
    }
    if (project.spent === 0 && !prioritised.has(project.item) && project.origin !== 'resident-pool') {
      cancelProject(state, project);
      continue;
    }
    kept.push(project);
    committed += Math.max(project.cost, project.spent);
  }
  const keptItems = new Set(kept.map((project) => project.item));
  // Those who suggested an item an earlier cycle took up were answered then.
  const answeredEarlier = new Set(kept.filter((project) => project.origin === 'resident-pool').map((project) => project.item));
  const plan: Project[] = [...kept];
  let rank = 0;
  for (const item of priorityOrder) {
    const copiesOfItem = keptItems.has(item) || (state.items.met[item] as number) > 0 ? 0 : (copies.get(item) ?? 1);
    for (let copy = 0; copy < copiesOfItem; copy++) {
      const category = state.items.category[item] as number;
      const { cost, durationWeeks } = drawCostAndDuration(state, stream);
      if (committed + cost > budget) continue;
      committed += cost;
      plan.push(
        listProject(
          state,
          {
            community,
            origin: 'resident-pool',
            item,
            departments: drawDepartments(state, category, stream),
            cost,
            durationWeeks,
            priorityRank: rank,
          },
          true,
        ),
      );
    }
    rank++;
  }
  integrate(state, plan);
  reviewClashes(state, plan, [promotionOfficeReviewer], stream);
  const adopted = new Set<number>();
  for (const project of plan) if (project.status !== 'cancelled' && !answeredEarlier.has(project.item)) adopted.add(project.item);
  rewardAdoptedSuggestions(state, community, adopted, answeredEarlier);
}

/** Integration without participation: the departments' own catalogues are pooled into one plan. */
export function adoptPlanFromCatalogues(state: SimulationState, community: number, stream: RandomStream): void {
  const plan = liveProjects(state, community);
  integrate(state, plan);
  reviewClashes(state, plan, [promotionOfficeReviewer], stream);
}

/**
 * Participation without integration: each department takes the prioritised
 * items in its line, in order, within its own budget share, and docks them
 * separately; an item it already leads a project for, not yet done or
 * cancelled, it knows it has in hand and does not take up again (its
 * suggestions are answered all the same, unless an earlier cycle took the
 * item up and answered them then), and an item met since the council put it
 * in the order it does not take up at all. They take them up the week after matching ends — when a
 * co-production plan starts docking — so the two halves start together; each
 * project so taken up then waits for its department's implementation plan
 * before it docks, as any project outside a plan does.
 */
export function departmentsTakeUpPriorities(
  state: SimulationState,
  community: number,
  priorityOrder: readonly number[],
  copies: ReadonlyMap<number, number>,
  stream: RandomStream,
): void {
  const share = departmentBudgetShare(state, community);
  const committed = new Float64Array(state.departments.length);
  for (const department of state.departments) committed[department.id] = committedByDepartment(state, community, department.id);
  const taken = new Set<number>();
  // A department knows its own list: an item it already leads a project for, not yet done, it does not take up again.
  // The item is in hand all the same, so those who suggested it are answered, as they are when a plan keeps it.
  const ledOpen = new Set<string>();
  const answeredEarlier = new Set<number>();
  for (const project of liveProjects(state, community)) {
    ledOpen.add(`${project.departments[0]}:${project.item}`);
    if (project.origin === 'resident-pool') answeredEarlier.add(project.item);
  }
  priorityOrder.forEach((item, rank) => {
    if ((state.items.met[item] as number) > 0) return;
    const category = state.items.category[item] as number;
    const lead = leadDepartmentFor(state.departments, category);
    if (ledOpen.has(`${lead}:${item}`)) {
      if (!answeredEarlier.has(item)) taken.add(item);
      return;
    }
    for (let copy = 0; copy < (copies.get(item) ?? 1); copy++) {
      const { cost, durationWeeks } = drawCostAndDuration(state, stream);
      if ((committed[lead] as number) + cost > share) continue;
      committed[lead] = (committed[lead] as number) + cost;
      listProject(
        state,
        {
          community,
          origin: 'resident-pool',
          item,
          departments: drawDepartments(state, category, stream, lead),
          cost,
          durationWeeks,
          priorityRank: rank,
        },
        false,
      );
      taken.add(item);
    }
  });
  rewardAdoptedSuggestions(state, community, taken, answeredEarlier);
}

/**
 * Adopted suggestions raise efficacy and are a positive trust event for the
 * households that made them; suggestions left out lower efficacy a little. A
 * suggestion answered before — built in an earlier cycle, or in
 * `answeredEarlier` (taken up by an earlier cycle and still under way) — is
 * neither adopted again nor left out.
 */
export function rewardAdoptedSuggestions(
  state: SimulationState,
  community: number,
  adoptedItems: ReadonlySet<number>,
  answeredEarlier: ReadonlySet<number> = new Set(),
): void {
  const { households } = state;
  const residents = state.scenario.parameters.residents;
  // Adopted items marked by their place among the community's items (a household's needs are its community's).
  const firstItem = state.itemStart[community] as number;
  const isAdopted = new Uint8Array((state.itemStart[community + 1] as number) - firstItem);
  for (const item of adoptedItems) if (item >= firstItem && item - firstItem < isAdopted.length) isAdopted[item - firstItem] = 1;
  const adoptedAnywhere = (item: number) =>
    item >= firstItem && item - firstItem < isAdopted.length ? isAdopted[item - firstItem] === 1 : adoptedItems.has(item);
  const { suggestionsMade, needStart, needItem } = households;
  const end = state.householdStart[community + 1] as number;
  for (let household = state.householdStart[community] as number; household < end; household++) {
    const made = suggestionsMade[household] as number;
    if (made === 0) continue;
    let adopted = false;
    const start = needStart[household] as number;
    let answeredBefore = false;
    for (let index = start; index < start + made; index++) {
      const item = needItem[index] as number;
      if (adoptedAnywhere(item)) adopted = true;
      // A suggestion built, or taken up, in an earlier cycle was answered then: it is not a suggestion left out now.
      else if ((state.items.met[item] as number) > 0 || answeredEarlier.has(item)) answeredBefore = true;
    }
    if (!adopted && answeredBefore) continue;
    const efficacy = households.efficacy[household] as number;
    const trust = households.trust[household] as number;
    if (adopted) {
      respondTo(state, household);
      setEfficacy(state, household, efficacy + residents.efficacyGain * (1 - efficacy));
      setTrust(state, household, trust + residents.trustGain * (1 - trust));
    } else {
      setEfficacy(state, household, efficacy - (residents.efficacyGain / 2) * efficacy);
    }
  }
}

/** Copies of each proposal in the pool: 2 where a duplicate slipped through as a separate proposal. */
function proposalCopies(participation: ParticipationProgress): Map<number, number> {
  const copies = new Map<number, number>();
  for (const [item, proposal] of participation.proposals) copies.set(item, proposal.copies);
  return copies;
}

/** The week the community's current budget year began: when, with participation off, its catalogues are listed. */
function budgetYearStartWeek(state: SimulationState, community: number): number {
  const week = renewalWeek(state, community);
  return state.week - (week - 1) + (budgetYearsBegun(week) - 1) * budgetYearWeeks;
}

/** A plan adopted this week is implemented from the next. */
function markPlanAdopted(state: SimulationState): void {
  markMilestone(state, 'planAdopted');
  markMilestone(state, 'implementationStart', state.week + 1);
}

/** Lists and plans the projects due this week in every community. */
export function planProjects(state: SimulationState, random: RandomSource): void {
  if (state.mode.renewal === 'paused') return;
  const stream = random.stream('planning');
  const schedule = state.mode.participation ? participationSchedule(state.scenario.parameters) : null;
  const matchingWeeks = state.scenario.parameters.deliberation.matchingWeeks;
  for (const progress of state.progress) {
    const community = progress.community;
    if (!hasJoined(state, community)) continue;
    if (!state.mode.participation) {
      // Departments list from their catalogues once a budget year, against that year's targets.
      if (!progress.catalogueListed || progress.catalogueYear < budgetYearsBegun(renewalWeek(state, community))) {
        listDepartmentCatalogues(state, community, random.stream('catalogue'));
        if (state.mode.integration) progress.integratedPlanAdopted = false;
      }
      // The catalogues are pooled into a plan over the matching weeks from integration's start or from their listing,
      // whichever is later: a later budget year's, or the first after participation stops while integration stays on.
      // (Found only while a plan is awaited: the listing's week takes a pass over the community's projects.)
      if (state.mode.integration && !progress.integratedPlanAdopted) {
        const poolingFrom = Math.max(
          progress.integrationStartWeek,
          budgetYearStartWeek(state, community),
          latestCatalogueListing(state, community),
        );
        if (state.week >= poolingFrom + matchingWeeks - 1) {
          adoptPlanFromCatalogues(state, community, stream);
          progress.integratedPlanAdopted = true;
          markPlanAdopted(state);
        }
      }
      continue;
    }
    const participation = progress.participation;
    if (participation === null || schedule === null) continue;
    if (participation.planAdopted) {
      // Integration switched on after the cycle's priorities became projects (taken up by the departments while it was
      // off, or listed in a week without participation): projects outside a plan would wait for next year's. They are
      // pooled into one over the matching weeks from integration's start, as the departments' catalogues are.
      if (
        state.mode.integration &&
        !progress.integratedPlanAdopted &&
        state.week >= progress.integrationStartWeek + matchingWeeks - 1 &&
        liveProjects(state, community).some((project) => !project.integrated)
      ) {
        adoptPlanFromCatalogues(state, community, stream);
        progress.integratedPlanAdopted = true;
        markPlanAdopted(state);
      }
      continue;
    }
    // From the adoption week on, not at it alone: integration switched on or off at that week would otherwise leave
    // the cycle without a plan, and the community without a later cycle, to the end of the run.
    const offset = state.week - participation.startWeek;
    if (state.mode.integration && offset >= schedule.planAdoption) {
      adoptPlanFromPriorities(state, community, participation.priorityOrder, proposalCopies(participation), stream);
      participation.planAdopted = true;
      progress.integratedPlanAdopted = true;
      markPlanAdopted(state);
    } else if (!state.mode.integration && offset >= schedule.planAdoption + 1) {
      departmentsTakeUpPriorities(state, community, participation.priorityOrder, proposalCopies(participation), stream);
      participation.planAdopted = true;
      markPlanAdopted(state);
    }
  }
}
