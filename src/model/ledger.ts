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
    unanswered: [],
    waitEnds: new Map(),
    waitFlags: new Uint8Array(householdCount),
    waitEndsTakenThrough: 0,
    rebuildUnanswered: true,
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
  ledger.rebuildUnanswered = true;
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

/**
 * Brings several sums over arrays of one length up to date at once, as
 * {@link orderedTotal} would one by one: from the earliest block any of them
 * changed in, in one pass, so their additions overlap.
 */
export function orderedTotals(values: readonly Float64Array[], sums: readonly OrderedSum[]): void {
  if (values.length !== 4 || sums.length !== 4) {
    for (let index = 0; index < values.length; index++) orderedTotal(values[index] as Float64Array, sums[index] as OrderedSum);
    return;
  }
  const [first, second, third, fourth] = values as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [firstSum, secondSum, thirdSum, fourthSum] = sums as [OrderedSum, OrderedSum, OrderedSum, OrderedSum];
  const count = first.length;
  if (second.length !== count || third.length !== count || fourth.length !== count) {
    for (let index = 0; index < 4; index++) orderedTotal(values[index] as Float64Array, sums[index] as OrderedSum);
    return;
  }
  const changed = Math.min(firstSum.firstChanged, secondSum.firstChanged, thirdSum.firstChanged, fourthSum.firstChanged);
  if (changed >= count) return;
  // One sum changed alone (as efficacy often does): it is added again by itself, one chain of additions rather than four.
  let changedSums = 0;
  let changedIndex = 0;
  for (let index = 0; index < 4; index++) {
    if ((sums[index] as OrderedSum).firstChanged < count) {
      changedSums++;
      changedIndex = index;
    }
  }
  if (changedSums === 1) {
    orderedTotal(values[changedIndex] as Float64Array, sums[changedIndex] as OrderedSum);
    return;
  }
  // Sums already up to date are added again from `changed` too: the same additions give the same checkpoints.
  let block = Math.floor(changed / orderedSumBlock);
  let a = block === 0 ? 0 : (firstSum.checkpoints[block - 1] as number);
  let b = block === 0 ? 0 : (secondSum.checkpoints[block - 1] as number);
  let c = block === 0 ? 0 : (thirdSum.checkpoints[block - 1] as number);
  let d = block === 0 ? 0 : (fourthSum.checkpoints[block - 1] as number);
  for (let index = block * orderedSumBlock; index < count; block++) {
    const end = Math.min(count, index + orderedSumBlock);
    for (; index < end; index++) {
      a += first[index] as number;
      b += second[index] as number;
      c += third[index] as number;
      d += fourth[index] as number;
    }
    firstSum.checkpoints[block] = a;
    secondSum.checkpoints[block] = b;
    thirdSum.checkpoints[block] = c;
    fourthSum.checkpoints[block] = d;
  }
  firstSum.total = a;
  secondSum.total = b;
  thirdSum.total = c;
  fourthSum.total = d;
  firstSum.firstChanged = count;
  secondSum.firstChanged = count;
  thirdSum.firstChanged = count;
  fourthSum.firstChanged = count;
}

function markStale(ledger: HouseholdLedger, household: number): void {
  if (ledger.recomputeAll || ledger.stale[household] === 1) return;
  // Past a quarter of the households, recomputing them all costs about as much as a list, which would only grow.
  if (ledger.staleHouseholds.length >= ledger.stale.length / 4) {
    ledger.recomputeAll = true;
    return;
  }
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
  for (const item of ledger.changedItems) {
    if (ledger.recomputeAll) break;
    for (let index = itemHouseholdStart[item] as number; index < (itemHouseholdStart[item + 1] as number); index++)
      markStale(ledger, itemHouseholds[index] as number);
  }
  ledger.changedItems.length = 0;
  if (ledger.recomputeAll) {
    for (const household of ledger.staleHouseholds) ledger.stale[household] = 0;
    ledger.staleHouseholds = [];
    ledger.recomputeAll = false;
    return null;
  }
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

/**
 * Whether `memory` (responseMemoryWeeks) lets households waiting for a
 * response be followed week by week: a whole number of weeks, not negative.
 * Otherwise every engaged household is looked at each week.
 */
export function followsWaits(memory: number): boolean {
  return Number.isSafeInteger(memory) && memory >= 0;
}

/** Room for the households taken into `unanswered` in a week (reused: a scratch buffer, not state). */
let newcomers = new Uint32Array(1024);

function scheduleWaitEnd(ledger: HouseholdLedger, household: number, week: number): void {
  ledger.waitFlags[household] = (ledger.waitFlags[household] as number) | 1;
  let households = ledger.waitEnds.get(week);
  if (households === undefined) {
    households = [];
    ledger.waitEnds.set(week, households);
  }
  households.push(household);
}

/**
 * Notes that a household saw a response this week (its `lastResponseWeek` set)
 * or was engaged: an engaged household is looked at again when its wait may
 * run out (one not engaged has no wait; it is noted when it engages). A
 * household listed already keeps its place; it is moved on when that week comes.
 */
export function noteResponse(state: SimulationState, household: number): void {
  if (state.households.engaged[household] === 0) return;
  const ledger = state.householdLedger;
  if (((ledger.waitFlags[household] as number) & 1) === 1) return;
  const memory = state.scenario.parameters.residents.responseMemoryWeeks;
  if (followsWaits(memory)) scheduleWaitEnd(ledger, household, state.week + memory + 1);
}

/**
 * The engaged households unanswered for longer than `memory` weeks this week,
 * ascending — with, possibly, some answered since (the caller drops them from
 * `unanswered` as it walks it): exactly the households a pass over every
 * household would find, without the pass. `memory` must pass {@link followsWaits}.
 */
export function unansweredHouseholds(state: SimulationState, memory: number): number[] {
  const ledger = state.householdLedger;
  const { engaged, lastResponseWeek } = state.households;
  const flags = ledger.waitFlags;
  const week = state.week;
  if (ledger.rebuildUnanswered) {
    ledger.rebuildUnanswered = false;
    ledger.waitEnds = new Map();
    ledger.unanswered = [];
    flags.fill(0);
    for (let household = 0; household < state.households.count; household++) {
      const last = lastResponseWeek[household] as number;
      if (engaged[household] === 1 && week - last > memory) {
        flags[household] = 2;
        ledger.unanswered.push(household);
      } else if (engaged[household] === 1 && last + memory + 1 > week) {
        scheduleWaitEnd(ledger, household, last + memory + 1);
      }
    }
    ledger.waitEndsTakenThrough = week;
    return ledger.unanswered;
  }
  let newcomerCount = 0;
  for (let due = ledger.waitEndsTakenThrough + 1; due <= week; due++) {
    const households = ledger.waitEnds.get(due);
    if (households === undefined) continue;
    ledger.waitEnds.delete(due);
    for (const household of households) {
      const flag = (flags[household] as number) & ~1;
      flags[household] = flag;
      const last = lastResponseWeek[household] as number;
      if (engaged[household] === 1 && week - last > memory) {
        if ((flag & 2) === 0) {
          flags[household] = flag | 2;
          if (newcomerCount === newcomers.length) {
            const larger = new Uint32Array(2 * newcomers.length);
            larger.set(newcomers);
            newcomers = larger;
          }
          newcomers[newcomerCount++] = household;
        }
      } else if (engaged[household] === 1 && last + memory + 1 > week) {
        // Answered since it was listed: its wait now ends later.
        scheduleWaitEnd(ledger, household, last + memory + 1);
      }
    }
  }
  ledger.waitEndsTakenThrough = week;
  if (newcomerCount > 0) {
    const sorted = newcomers.subarray(0, newcomerCount).sort();
    // Merged in place from the back: the list grows by the newcomers and nothing is copied twice.
    const list = ledger.unanswered;
    let left = list.length - 1;
    let right = sorted.length - 1;
    for (let added = 0; added < sorted.length; added++) list.push(0);
    for (let index = list.length - 1; right >= 0; index--) {
      if (left >= 0 && (list[left] as number) > (sorted[right] as number)) list[index] = list[left--] as number;
      else list[index] = sorted[right--] as number;
    }
  }
  return ledger.unanswered;
}
