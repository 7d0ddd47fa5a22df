/**
 * Bookkeeping that keeps a week's cost to what changed in it.
 *
 * - Households: the mechanisms change a household's awareness, engagement,
 *   trust and efficacy through the functions here, which keep the counts of
 *   aware and engaged households, mark whose satisfaction must be recomputed,
 *   and note the first household whose value changed in each household sum
 *   (an {@link OrderedSum}), so the weekly record adds again only from there.
 * - Projects: each community's projects are listed in an index (caught up
 *   lazily, so projects appended to `state.projects` by hand are indexed too),
 *   so a mechanism working on one community never scans the whole street.
 *
 * Every count and sum here equals, to the last bit, what a pass over all
 * households or projects would give; code that changes households outside
 * the mechanisms (an extension's phase) calls {@link resynchroniseLedger}
 * afterwards, as `stepWeek` does for every phase that is not built in.
 */
import {
  type HouseholdLedger,
  type OrderedSum,
  orderedSumBlock,
  type Project,
  type ProjectIndex,
  type SimulationState,
} from './state.js';

function emptyOrderedSum(count: number): OrderedSum {
  return { total: 0, checkpoints: new Float64Array(Math.ceil(count / orderedSumBlock)), firstChanged: 0 };
}

/** A ledger for `householdCount` households in `communityCount` communities, to be brought up to date on first use. */
export function createHouseholdLedger(householdCount: number, communityCount: number): HouseholdLedger {
  return {
    awareCount: 0,
    engagedCount: 0,
    engagedByCommunity: new Uint32Array(communityCount),
    suggestionTotal: 0,
    changedItems: [],
    staleHouseholds: [],
    stale: new Uint8Array(householdCount),
    recomputeAll: true,
    satisfaction: emptyOrderedSum(householdCount),
    perceivedSatisfaction: emptyOrderedSum(householdCount),
    trust: emptyOrderedSum(householdCount),
    efficacy: emptyOrderedSum(householdCount),
  };
}

/** An empty project index for `communityCount` communities. */
export function createProjectIndex(communityCount: number): ProjectIndex {
  return {
    indexed: 0,
    byCommunity: Array.from({ length: communityCount }, () => []),
    sitesWithinCommunity: true,
    pairsCounted: 0,
    duplicatePairs: 0,
    conflictPairs: 0,
  };
}

/**
 * Gives a state without a ledger or a project index (one restored from an
 * older snapshot) both, counted from the state itself.
 */
export function ensureBookkeeping(state: SimulationState): void {
  const writable = state as { householdLedger?: HouseholdLedger; projectIndex?: ProjectIndex };
  if (writable.projectIndex === undefined) writable.projectIndex = createProjectIndex(state.progress.length);
  if (writable.householdLedger === undefined) {
    writable.householdLedger = createHouseholdLedger(state.households.count, state.progress.length);
    resynchroniseLedger(state);
  }
}

/**
 * Brings the ledger in line with the households after changes made outside
 * the mechanisms: recounts aware and engaged households and suggestions,
 * adds every household sum again, and recomputes every household's
 * satisfaction next time when awareness or a met degree moved (as a full
 * recomputation would).
 */
export function resynchroniseLedger(state: SimulationState): void {
  const { households, items } = state;
  const ledger = state.householdLedger;
  let aware = 0;
  let engaged = 0;
  ledger.engagedByCommunity.fill(0);
  for (let household = 0; household < households.count; household++) {
    aware += households.aware[household] as number;
    if (households.engaged[household] === 1) {
      engaged++;
      const community = households.community[household] as number;
      ledger.engagedByCommunity[community] = (ledger.engagedByCommunity[community] as number) + 1;
    }
  }
  if (aware !== ledger.awareCount || state.metChanged) ledger.recomputeAll = true;
  ledger.awareCount = aware;
  ledger.engagedCount = engaged;
  let suggestions = 0;
  for (let item = 0; item < items.count; item++) suggestions += items.suggestions[item] as number;
  ledger.suggestionTotal = suggestions;
  ledger.satisfaction.firstChanged = 0;
  ledger.perceivedSatisfaction.firstChanged = 0;
  ledger.trust.firstChanged = 0;
  ledger.efficacy.firstChanged = 0;
}

/** Notes that household `household`'s value in `sum` changed. */
export function noteChanged(sum: OrderedSum, household: number): void {
  if (household < sum.firstChanged) sum.firstChanged = household;
}

/**
 * The sum of `values` in index order (exactly what `for (…) total += values[i]`
 * from zero gives), adding again only from the block of the first changed value.
 */
export function orderedTotal(values: Float64Array, sum: OrderedSum): number {
  const count = values.length;
  if (sum.firstChanged >= count) return sum.total;
  const checkpoints = sum.checkpoints;
  let block = Math.floor(sum.firstChanged / orderedSumBlock);
  let total = block === 0 ? 0 : (checkpoints[block - 1] as number);
  for (let index = block * orderedSumBlock; index < count; block++) {
    const end = Math.min(count, index + orderedSumBlock);
    for (; index < end; index++) total += values[index] as number;
    checkpoints[block] = total;
  }
  sum.total = total;
  sum.firstChanged = count;
  return total;
}

function markStale(ledger: HouseholdLedger, household: number): void {
  if (ledger.stale[household] === 1) return;
  ledger.stale[household] = 1;
  ledger.staleHouseholds.push(household);
}

/** Makes a household aware of the renewal (if it was not): counted, and its perceived satisfaction recomputed. */
export function makeAware(state: SimulationState, household: number): void {
  if (state.households.aware[household] === 1) return;
  state.households.aware[household] = 1;
  const ledger = state.householdLedger;
  ledger.awareCount++;
  markStale(ledger, household);
}

/** Sets whether a household is engaged, keeping the counts. */
export function setEngaged(state: SimulationState, household: number, engaged: boolean): void {
  const { households } = state;
  const flag = engaged ? 1 : 0;
  if (households.engaged[household] === flag) return;
  households.engaged[household] = flag;
  const ledger = state.householdLedger;
  const community = households.community[household] as number;
  const change = engaged ? 1 : -1;
  ledger.engagedCount += change;
  ledger.engagedByCommunity[community] = (ledger.engagedByCommunity[community] as number) + change;
}

/** Sets a household's trust. */
export function setTrust(state: SimulationState, household: number, trust: number): void {
  state.households.trust[household] = trust;
  noteChanged(state.householdLedger.trust, household);
}

/** Sets a household's efficacy. */
export function setEfficacy(state: SimulationState, household: number, efficacy: number): void {
  state.households.efficacy[household] = efficacy;
  noteChanged(state.householdLedger.efficacy, household);
}

/** Records one suggestion for a need item. */
export function addSuggestion(state: SimulationState, item: number): void {
  state.items.suggestions[item] = (state.items.suggestions[item] as number) + 1;
  state.householdLedger.suggestionTotal++;
}

/** Notes that a need item's met degree changed: its households' satisfaction is recomputed next. */
export function noteNeedMetChanged(state: SimulationState, item: number): void {
  state.metChanged = true;
  state.householdLedger.changedItems.push(item);
}

/**
 * Households whose satisfaction must be recomputed, or null when every
 * household's must: those made aware and those with a need item whose met
 * degree changed since the last call, each once. Clears what it returns.
 */
export function takeStaleHouseholds(state: SimulationState): number[] | null {
  const ledger = state.householdLedger;
  const { itemHouseholdStart, itemHouseholds } = state.items;
  if (ledger.recomputeAll) {
    for (const household of ledger.staleHouseholds) ledger.stale[household] = 0;
    ledger.staleHouseholds.length = 0;
    ledger.changedItems.length = 0;
    ledger.recomputeAll = false;
    return null;
  }
  for (const item of ledger.changedItems) {
    for (let index = itemHouseholdStart[item] as number; index < (itemHouseholdStart[item + 1] as number); index++)
      markStale(ledger, itemHouseholds[index] as number);
  }
  ledger.changedItems.length = 0;
  const stale = ledger.staleHouseholds;
  for (const household of stale) ledger.stale[household] = 0;
  ledger.staleHouseholds = [];
  return stale;
}

function catchUpProjects(state: SimulationState): void {
  const index = state.projectIndex;
  const { projects, sites, items } = state;
  for (let id = index.indexed; id < projects.length; id++) {
    const project = projects[id] as Project;
    let list = index.byCommunity[project.community];
    if (list === undefined) {
      list = [];
      index.byCommunity[project.community] = list;
    }
    list.push(id);
    if (sites.community[project.site] !== project.community || items.site[project.item] !== project.site)
      index.sitesWithinCommunity = false;
  }
  index.indexed = projects.length;
}

const noProjects: readonly number[] = Object.freeze([]);

/** Ids of the projects of `community`, in the order they were listed. */
export function projectsOfCommunity(state: SimulationState, community: number): readonly number[] {
  if (state.projectIndex.indexed < state.projects.length) catchUpProjects(state);
  return state.projectIndex.byCommunity[community] ?? noProjects;
}

/**
 * Ids of a list of projects that holds every project at `site` (in the order
 * they were listed): the site's community's projects, or all of them.
 */
export function projectsAroundSite(state: SimulationState, site: number): readonly number[] | null {
  if (state.projectIndex.indexed < state.projects.length) catchUpProjects(state);
  if (!state.projectIndex.sitesWithinCommunity) return null;
  return state.projectIndex.byCommunity[state.sites.community[site] as number] ?? noProjects;
}

/** Duplicate and conflict pairs formed so far (pairs are only ever added). */
export function pairCounts(state: SimulationState): { duplicate: number; conflict: number } {
  const index = state.projectIndex;
  const pairs = state.pairs;
  for (let pairIndex = index.pairsCounted; pairIndex < pairs.length; pairIndex++) {
    const kind = pairs[pairIndex]?.kind;
    if (kind === 'duplicate') index.duplicatePairs++;
    else if (kind === 'conflict') index.conflictPairs++;
  }
  index.pairsCounted = pairs.length;
  return { duplicate: index.duplicatePairs, conflict: index.conflictPairs };
}
