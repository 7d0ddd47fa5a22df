/**
 * Residents' side of the week: what they see, what they feel.
 *
 * - Awareness: without mobilisation, households learn of the renewal only
 *   from works: by seeing works at a site they care about (each week of
 *   works, with `visibleWorksAwareness`), and — in works.ts — from a
 *   completed project that meets one of their needs, or a dispute over works
 *   at their site that they were never told of.
 * - Engagement: aware households near a project settled at an on-site
 *   meeting take part with `onSiteEngagement`; under participation, what
 *   else they need at the site is recorded (`voiceNeedsAtSite`): suggestions
 *   the next planning cycle takes up. Engagement lasts while it is
 *   answered: a household with no visible response (its suggestion taken up
 *   or adopted, works meeting its needs, an on-site meeting settling a plan
 *   project at its site) for `responseMemoryWeeks` disengages with
 *   `disengagementChance` a week, and its efficacy falls; its trust falls by
 *   `disengagementTrustLoss` of a negative trust event (none at the default).
 * - Trust: a positive event adds gain × (1 − trust), a negative one removes
 *   loss × trust (losses weigh more than gains).
 * - Design revision: where a project is discussed at its site with the
 *   households who need it, those who know of the renewal say what they need
 *   and its coverage rises (`reviseDesignWithResidents`).
 * - Satisfaction: each need item is met to 1 − Π(1 − coverage) over its
 *   completed works; a household's satisfaction is its need-weighted sum.
 */
import type { RandomSource, RandomStream } from '../../core/index.js';
import {
  addSuggestion,
  followsWaits,
  makeAware,
  noteChanged,
  noteNeedMetChanged,
  noteResponse,
  projectsAroundSite,
  setEfficacy,
  setEngaged,
  setTrust,
  takeStaleHouseholds,
  unansweredHouseholds,
} from '../ledger.js';
import type { Project, SimulationState } from '../state.js';

/**
 * Perceived satisfaction = 1 ÷ (1 + exp(−steepness × (met − expected))):
 * what a household feels, given what it expected. Range (0, 1) in exact arithmetic; in floating point a steep
 * logistic reaches 0 or 1 (steepness × |met − expected| past about 37 gives 1, past about 745 gives 0).
 * @example perceivedSatisfaction(0.3, 0.3, 8) // 0.5
 */
export function perceivedSatisfaction(met: number, expected: number, steepness: number): number {
  return 1 / (1 + Math.exp(-steepness * (met - expected)));
}

/** Applies a trust event to one household. */
export function applyTrustEvent(state: SimulationState, household: number, positive: boolean): void {
  const { trustGain, trustLoss } = state.scenario.parameters.residents;
  const trust = state.households.trust[household] as number;
  setTrust(state, household, positive ? trust + trustGain * (1 - trust) : trust - trustLoss * trust);
}

/** Marks a visible response to a household (its engagement answered). */
export function respondTo(state: SimulationState, household: number): void {
  if (state.households.lastResponseWeek[household] === state.week) return;
  state.households.lastResponseWeek[household] = state.week;
  noteResponse(state, household);
}

/** Engages a household: from now its engagement waits for responses. */
export function engage(state: SimulationState, household: number): void {
  if (state.households.engaged[household] === 1) return;
  setEngaged(state, household, true);
  state.households.lastResponseWeek[household] = state.week;
  noteResponse(state, household);
}

/**
 * Engaged households left without a response for too long disengage: their efficacy falls (as when a suggestion is
 * left out), and their trust by `disengagementTrustLoss` × trustLoss × trust.
 */
function disengageUnanswered(state: SimulationState, stream: RandomStream): void {
  const { households } = state;
  const { responseMemoryWeeks, disengagementChance, disengagementTrustLoss, trustLoss } = state.scenario.parameters.residents;
  const { engaged, lastResponseWeek } = households;
  const disengage = (household: number) => {
    setEngaged(state, household, false);
    const efficacy = households.efficacy[household] as number;
    setEfficacy(state, household, efficacy - (state.scenario.parameters.residents.efficacyGain / 2) * efficacy);
    // Being left unanswered as a grievance: a share of a negative trust event.
    if (disengagementTrustLoss > 0) {
      const trust = households.trust[household] as number;
      setTrust(state, household, trust - disengagementTrustLoss * trustLoss * trust);
    }
  };
  if (!followsWaits(responseMemoryWeeks)) {
    for (let household = 0; household < households.count; household++) {
      if (engaged[household] === 0) continue;
      if (state.week - (lastResponseWeek[household] as number) <= responseMemoryWeeks) continue;
      if (stream.chance(disengagementChance)) disengage(household);
    }
    return;
  }
  // The households a pass over all would draw for, in the same (ascending) order.
  const unanswered = unansweredHouseholds(state, responseMemoryWeeks);
  const flags = state.householdLedger.waitFlags;
  let kept = 0;
  for (let index = 0; index < unanswered.length; index++) {
    const household = unanswered[index] as number;
    if (engaged[household] === 1 && state.week - (lastResponseWeek[household] as number) > responseMemoryWeeks) {
      if (!stream.chance(disengagementChance)) {
        unanswered[kept++] = household;
        continue;
      }
      disengage(household);
    }
    flags[household] = (flags[household] as number) & ~2;
  }
  unanswered.length = kept;
}

/**
 * Design revised with the site's residents (现场 contact): when a project is
 * discussed at its site with the households who need it there — at an
 * on-site meeting, or in a dispute over works they were never told of —
 * those who know of the renewal say what they need, and the design moves
 * towards it. One rule, whatever the mode:
 *
 *   coverage = projectCoverage + designRevision × voiced × (1 − projectCoverage),
 *   voiced   = households needing the item who are aware ÷ households needing it.
 *
 * Coverage only rises, and a finished project is not revised. Under
 * participation the households have been told before works reach them; an
 * office meeting has no residents in the room.
 * @example designCoverage(0.8, 0.5, 1) // 0.9
 */
export function designCoverage(projectCoverage: number, designRevision: number, voiced: number): number {
  return projectCoverage + designRevision * voiced * (1 - projectCoverage);
}

/** Revises a project's design with the aware households who need its item (see designCoverage). */
export function reviseDesignWithResidents(state: SimulationState, project: Project, designRevision: number): void {
  if (project.status === 'done' || project.status === 'cancelled' || designRevision === 0) return;
  const { itemHouseholdStart, itemHouseholds } = state.items;
  const start = itemHouseholdStart[project.item] as number;
  const end = itemHouseholdStart[project.item + 1] as number;
  if (end === start) return;
  let aware = 0;
  for (let index = start; index < end; index++) aware += state.households.aware[itemHouseholds[index] as number] as number;
  const revised = designCoverage(state.scenario.world.projectCoverage, designRevision, aware / (end - start));
  if (revised > project.effectiveCoverage) project.effectiveCoverage = revised;
}

/**
 * A household taking part in an on-site meeting says what else it needs at
 * the site: each of its needs there not yet met at all, other than the
 * project's own, is recorded as a suggestion — what the next planning
 * cycle's council takes up (participation.ts). Needs are heard first-hand,
 * at the stage the works are at.
 */
export function voiceNeedsAtSite(state: SimulationState, household: number, project: Project): void {
  const { households, items } = state;
  const end = households.needStart[household + 1] as number;
  for (let index = households.needStart[household] as number; index < end; index++) {
    const item = households.needItem[index] as number;
    if (item !== project.item && items.site[item] === project.site && items.met[item] === 0) addSuggestion(state, item);
  }
}

/** Recomputes how far a need item is met from the works done on it. */
export function recomputeNeedMet(state: SimulationState, item: number): void {
  let unmet = 1;
  const around = projectsAroundSite(state, state.items.site[item] as number);
  if (around === null) {
    for (const project of state.projects) {
      if (project.item === item && project.status === 'done') unmet *= 1 - project.effectiveCoverage;
    }
  } else {
    for (const id of around) {
      const project = state.projects[id] as Project;
      if (project.item === item && project.status === 'done') unmet *= 1 - project.effectiveCoverage;
    }
  }
  state.items.met[item] = 1 - unmet;
  noteNeedMetChanged(state, item);
}

/** Recomputes one household's satisfaction and perceived satisfaction. */
function recomputeHousehold(state: SimulationState, household: number, expectationWhenAware: number, steepness: number): void {
  const { households, items } = state;
  let satisfied = 0;
  const end = households.needStart[household + 1] as number;
  for (let index = households.needStart[household] as number; index < end; index++) {
    satisfied += (households.needWeight[index] as number) * (items.met[households.needItem[index] as number] as number);
  }
  households.satisfaction[household] = satisfied;
  const expected = households.aware[household] === 1 ? expectationWhenAware : 0;
  households.perceivedSatisfaction[household] = perceivedSatisfaction(satisfied, expected, steepness);
}

/**
 * Recomputes every household's need-weighted satisfaction from the items'
 * met degrees, and its perceived satisfaction: aware households expect
 * `expectationWhenAware` of their needs met, the unaware nothing.
 */
export function recomputeSatisfaction(state: SimulationState): void {
  const { expectationWhenAware, perceivedSteepness } = state.scenario.parameters.residents;
  for (let household = 0; household < state.households.count; household++)
    recomputeHousehold(state, household, expectationWhenAware, perceivedSteepness);
  const ledger = state.householdLedger;
  ledger.satisfaction.firstChanged = 0;
  ledger.perceivedSatisfaction.firstChanged = 0;
}

/**
 * Brings satisfaction up to date: recomputes the households whose inputs
 * changed since the last time (made aware, or with a need item whose met
 * degree changed) — the same values a recomputation of every household gives.
 */
function refreshSatisfaction(state: SimulationState): void {
  const stale = takeStaleHouseholds(state);
  if (stale === null) {
    recomputeSatisfaction(state);
    return;
  }
  const { expectationWhenAware, perceivedSteepness } = state.scenario.parameters.residents;
  const ledger = state.householdLedger;
  for (const household of stale) {
    recomputeHousehold(state, household, expectationWhenAware, perceivedSteepness);
    noteChanged(ledger.satisfaction, household);
    noteChanged(ledger.perceivedSatisfaction, household);
  }
}

export function updateResidents(state: SimulationState, random: RandomSource): void {
  const { households, sites } = state;
  const parameters = state.scenario.parameters.residents;
  const awareness = random.stream('awareness');
  const engagement = random.stream('engagement');
  const { siteHouseholdStart, siteHouseholds } = sites;
  const { aware, engaged } = households;
  for (const project of state.projects) {
    const worked = project.status === 'active' || (project.status === 'done' && project.doneWeek === state.week);
    const settledOnSite = project.integrated && project.questionSettledWeek === state.week;
    if (!worked && !settledOnSite) continue;
    const end = siteHouseholdStart[project.site + 1] as number;
    for (let index = siteHouseholdStart[project.site] as number; index < end; index++) {
      const household = siteHouseholds[index] as number;
      if (worked && aware[household] === 0 && awareness.chance(parameters.visibleWorksAwareness)) {
        makeAware(state, household);
      }
      // Works going ahead at a site where it has needs answer an engaged household.
      if (worked && engaged[household] === 1) respondTo(state, household);
      if (settledOnSite && aware[household] === 1) {
        if (engaged[household] === 1) respondTo(state, household);
        else if (engagement.chance(parameters.onSiteEngagement)) {
          engage(state, household);
          // Under participation what is said there is recorded for the council; without it there is no council to take it up.
          if (state.mode.participation) voiceNeedsAtSite(state, household, project);
        }
      }
    }
  }
  disengageUnanswered(state, random.stream('disengagement'));
  // Satisfaction depends only on met degrees and awareness, and awareness only grows: recompute when either moved.
  const awareCount = state.householdLedger.awareCount;
  if (state.metChanged || awareCount !== state.awareCountAtLastUpdate) {
    refreshSatisfaction(state);
    state.metChanged = false;
    state.awareCountAtLastUpdate = awareCount;
  }
}
