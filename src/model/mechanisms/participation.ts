/**
 * Expression and integration of residents' views (居民意见的表达与整合): the
 * co-production sub-phases, counted in weeks from the start of participation.
 *
 *   offset 0 .. mobilisation.weeks−1   mobilisation through six channels
 *   offset < max(mobilisation.weeks, selection + 1 + siteWalkWeeks)
 *                                      suggestions collected
 *   offset selectionOffsetWeeks        deliberators selected (nomination, self, random)
 *   the next siteWalkWeeks weeks       site walks with student volunteers
 *   max(mobilisation.weeks, selection + 1) + k·interval
 *                                      council meetings k = 0 .. councilMeetings−1
 *   then matchingWeeks                 matching into one plan (planning.ts)
 *
 * With the defaults and participation from week 22: mobilisation 22–29,
 * selection 27, site walks 28–29, council 30, 32, 34, 36, matching 37–40.
 */
import type { RandomSource, RandomStream } from '../../core/index.js';
import type { Parameters } from '../../scenario/index.js';
import { addSuggestion, makeAware } from '../ledger.js';
import { renewalWeek } from '../rollout.js';
import { DeliberatorRoute, type ParticipationProgress, type SimulationState } from '../state.js';
import { newBudgetYear } from './planning.js';
import { engage, respondTo } from './residents.js';

/** Week offsets of the sub-phases, derived from the parameters. */
export interface ParticipationSchedule {
  mobilisationEnd: number;
  selection: number;
  siteWalkStart: number;
  siteWalkEnd: number;
  councilMeetings: readonly number[];
  matchingStart: number;
  /** Offset of the last matching week: the plan is adopted at its end. */
  planAdoption: number;
}

/** Schedules of frozen parameters (a parsed scenario's), worked out once: the phases ask every week. */
const schedules = new WeakMap<Parameters, Readonly<ParticipationSchedule>>();

/** The sub-phases' week offsets for `parameters` (the same object each time for a parsed scenario's frozen parameters). */
export function participationSchedule(parameters: Parameters): Readonly<ParticipationSchedule> {
  const frozen =
    Object.isFrozen(parameters) && Object.isFrozen(parameters.mobilisation) && Object.isFrozen(parameters.deliberation);
  if (!frozen) return scheduleOf(parameters);
  let schedule = schedules.get(parameters);
  if (schedule === undefined) {
    schedule = Object.freeze(scheduleOf(parameters));
    schedules.set(parameters, schedule);
  }
  return schedule;
}

function scheduleOf(parameters: Parameters): ParticipationSchedule {
  const { mobilisation, deliberation } = parameters;
  const councilMeetings: readonly number[] = Array.from(
    { length: deliberation.councilMeetings },
    (_, index) => Math.max(mobilisation.weeks, deliberation.selectionOffsetWeeks + 1) + index * deliberation.councilIntervalWeeks,
  );
  const lastCouncil = councilMeetings[councilMeetings.length - 1] as number;
  return {
    mobilisationEnd: mobilisation.weeks,
    selection: deliberation.selectionOffsetWeeks,
    siteWalkStart: deliberation.selectionOffsetWeeks + 1,
    siteWalkEnd: deliberation.selectionOffsetWeeks + 1 + deliberation.siteWalkWeeks,
    councilMeetings,
    matchingStart: lastCouncil + 1,
    planAdoption: lastCouncil + deliberation.matchingWeeks,
  };
}

/** Fresh participation progress for a community whose co-production starts this week. */
export function startParticipation(state: SimulationState): ParticipationProgress {
  return {
    startWeek: state.week,
    deliberatorsSelected: false,
    deliberators: [],
    walkOrder: [],
    sitesWalked: 0,
    councilMeetingsHeld: 0,
    proposals: new Map(),
    priorityOrder: [],
    planAdopted: false,
    lastMeetingAttendance: 0,
  };
}

/**
 * Room for the households mobilisation missed in a week, the elderly and the others (reused: scratch buffers, not
 * state; a week's lists are views of their first entries).
 */
let unawareElderlyRoom = new Uint32Array(0);
let unawareOthersRoom = new Uint32Array(0);

/** Mobilisation: each channel reaches the households it can reach at its weekly rate. */
export function mobiliseHouseholds(state: SimulationState, community: number, stream: RandomStream): void {
  const { households } = state;
  const parameters = state.scenario.parameters.mobilisation;
  const first = state.householdStart[community] as number;
  const end = state.householdStart[community + 1] as number;
  const missAll = (1 - parameters.openLetterReach) * (1 - parameters.buildingLeaderReach);
  const missWeChat = (1 - parameters.weChatAccountReach) * (1 - parameters.weChatGroupReach);
  const missParty = 1 - parameters.partyBranchReach;
  // The households the channels missed, the elderly apart: the first `elderlyCount` and `othersCount` entries.
  if (unawareElderlyRoom.length < end - first) {
    unawareElderlyRoom = new Uint32Array(end - first);
    unawareOthersRoom = new Uint32Array(end - first);
  }
  let elderlyCount = 0;
  let othersCount = 0;
  const { aware, usesWeChat, partyMember, elderly } = households;
  // Once every household knows, as within weeks of mobilisation, no channel has anyone left to reach.
  const someoneUnaware = state.householdLedger.awareCount < households.count;
  for (let household = someoneUnaware ? first : end; household < end; household++) {
    if (aware[household] === 1) continue;
    let miss = missAll;
    if (usesWeChat[household] === 1) miss *= missWeChat;
    if (partyMember[household] === 1) miss *= missParty;
    if (stream.chance(1 - miss)) {
      makeAware(state, household);
    } else if (elderly[household] === 1) {
      unawareElderlyRoom[elderlyCount++] = household;
    } else {
      unawareOthersRoom[othersCount++] = household;
    }
  }
  const unawareElderly = unawareElderlyRoom.subarray(0, elderlyCount);
  const unawareOthers = unawareOthersRoom.subarray(0, othersCount);
  // Door-to-door visits (居委会人员上门) go to those the other channels missed, the elderly first.
  const visits = Math.floor(parameters.doorToDoorStaffHoursPerWeek / parameters.doorToDoorHoursPerVisit);
  stream.shuffle(unawareElderly);
  stream.shuffle(unawareOthers);
  // The first `visits` of the elderly, then of the others: what slicing the two lists joined, up to `visits`, gives.
  const unaware = unawareElderly.length + unawareOthers.length;
  const wholeVisits = Number.isNaN(visits) ? 0 : Math.trunc(visits);
  const visited = wholeVisits < 0 ? Math.max(unaware + wholeVisits, 0) : Math.min(wholeVisits, unaware);
  const visitedElderly = Math.min(unawareElderly.length, visited);
  const visitedOthers = visited - visitedElderly;
  // Staff spend hours only on the visits there are still households to make.
  state.extraHours.staff[community] =
    (state.extraHours.staff[community] as number) + (visitedElderly + visitedOthers) * parameters.doorToDoorHoursPerVisit;
  for (let index = 0; index < visitedElderly; index++) visit(state, unawareElderly[index] as number);
  for (let index = 0; index < visitedOthers; index++) visit(state, unawareOthers[index] as number);
}

/** A door-to-door visit: the household learns of the renewal, and staff can take down what it suggests. */
function visit(state: SimulationState, household: number): void {
  state.households.visited[household] = 1;
  makeAware(state, household);
}

/**
 * Aware households make suggestions, heaviest need first, with a weekly
 * chance rising with trust, efficacy and the weight of the need:
 *
 *   chance = suggestionChance × (0.5 + trust)(0.5 + efficacy) ÷ reference × (0.5 + weight) × voice,
 *
 * where the reference is the same product at the initial trust and efficacy,
 * and voice is 1 for a household on WeChat (the residents' group takes
 * suggestions), visited door to door or chosen as a deliberator, and
 * `offlineVoiceShare` for any other: what is voiced is a biased sample of
 * what is needed.
 */
export function collectSuggestions(state: SimulationState, community: number, stream: RandomStream): void {
  const { households } = state;
  const { mobilisation, residents } = state.scenario.parameters;
  const reference = (0.5 + residents.initialTrust) * (0.5 + residents.initialEfficacy);
  const first = state.householdStart[community] as number;
  const end = state.householdStart[community + 1] as number;
  const { aware, suggestionsMade, needStart, needWeight, needItem, trust, efficacy, usesWeChat, visited, deliberatorRoute } =
    households;
  const channelChance = mobilisation.suggestionChance;
  const offlineChance = channelChance * mobilisation.offlineVoiceShare;
  for (let household = first; household < end; household++) {
    if (aware[household] === 0) continue;
    const made = suggestionsMade[household] as number;
    const needIndex = (needStart[household] as number) + made;
    if (needIndex >= (needStart[household + 1] as number)) continue;
    const weight = needWeight[needIndex] as number;
    const propensity =
      (((0.5 + (trust[household] as number)) * (0.5 + (efficacy[household] as number))) / reference) * (0.5 + weight);
    // Any of the three channels, without a branch for each.
    const hasChannel =
      ((usesWeChat[household] as number) | (visited[household] as number) | (deliberatorRoute[household] as number)) !== 0;
    if (stream.chance(Math.min(1, (hasChannel ? channelChance : offlineChance) * propensity))) {
      addSuggestion(state, needItem[needIndex] as number);
      suggestionsMade[household] = made + 1;
      engage(state, household);
    }
  }
}

/**
 * Draws one of the first `count` candidates with chance proportional to its
 * weight and returns it, removing it from both lists (the others keep their
 * order): the caller's count goes down by one.
 */
function pickWeighted(stream: RandomStream, candidates: Uint32Array, weights: Float64Array, count: number): number {
  const index = stream.weightedIndex(weights.subarray(0, count));
  const chosen = candidates[index] as number;
  candidates.copyWithin(index, index + 1, count);
  weights.copyWithin(index, index + 1, count);
  return chosen;
}

/**
 * Selection of deliberators (协商议事员): nominated (leaning to building
 * leaders and Party members), self-recommended (leaning to high efficacy,
 * among the aware), and randomly invited, stratified by building, of whom
 * a share accept.
 */
export function selectDeliberators(
  state: SimulationState,
  community: number,
  progress: ParticipationProgress,
  stream: RandomStream,
): void {
  const { households } = state;
  const parameters = state.scenario.parameters.deliberation;
  const first = state.householdStart[community] as number;
  const end = state.householdStart[community + 1] as number;
  const choose = (household: number, route: number) => {
    households.deliberatorRoute[household] = route;
    makeAware(state, household);
    engage(state, household);
    progress.deliberators.push(household);
  };

  // Candidates and their weights, the first `candidateCount` of them still in the running (nominees, then the self-recommended).
  const candidates = new Uint32Array(end - first);
  const weights = new Float64Array(end - first);
  let candidateCount = 0;
  for (let household = first; household < end; household++) {
    const leaning =
      0.2 + 3 * (households.buildingLeader[household] as number) + 2 * (households.partyMember[household] as number);
    candidates[candidateCount] = household;
    weights[candidateCount++] = leaning * (households.aware[household] === 1 ? 2 : 1);
  }
  for (let count = 0; count < parameters.nominated && candidateCount > 0; count++) {
    choose(pickWeighted(stream, candidates, weights, candidateCount--), DeliberatorRoute.nominated);
  }

  candidateCount = 0;
  for (let household = first; household < end; household++) {
    if (households.aware[household] === 0 || households.deliberatorRoute[household] !== 0) continue;
    const efficacy = households.efficacy[household] as number;
    candidates[candidateCount] = household;
    weights[candidateCount++] = efficacy * efficacy * (households.engaged[household] === 1 ? 2 : 1);
  }
  for (let count = 0; count < parameters.selfRecommended && candidateCount > 0; count++) {
    choose(pickWeighted(stream, candidates, weights, candidateCount--), DeliberatorRoute.selfRecommended);
  }

  const buildings = state.scenario.world.communities[community]?.buildings ?? 1;
  const byBuilding: number[][] = Array.from({ length: buildings }, () => []);
  for (let household = first; household < end; household++) {
    if (households.deliberatorRoute[household] === 0) byBuilding[households.building[household] as number]?.push(household);
  }
  const buildingOrder = stream.shuffle(Array.from({ length: buildings }, (_, index) => index));
  let accepted = 0;
  for (
    let invitation = 0;
    accepted < parameters.randomlySelected && invitation < 50 * Math.max(1, parameters.randomlySelected);
    invitation++
  ) {
    const pool = byBuilding[buildingOrder[invitation % buildings] as number] as number[];
    if (pool.length === 0) continue;
    const household = pool.splice(stream.integer(pool.length), 1)[0] as number;
    if (stream.chance(parameters.randomAcceptance)) {
      choose(household, DeliberatorRoute.randomlySelected);
      accepted++;
    }
  }
  progress.deliberatorsSelected = true;
  progress.walkOrder = stream.shuffle(
    Array.from(
      { length: (state.siteStart[community + 1] as number) - (state.siteStart[community] as number) },
      (_, index) => (state.siteStart[community] as number) + index,
    ),
  );
}

/**
 * Site walks: volunteers and deliberators cover the sites; at each walked
 * site the deliberators' needs there, and the site's worst problem, are
 * recorded with some fidelity.
 */
export function walkSites(
  state: SimulationState,
  community: number,
  progress: ParticipationProgress,
  stream: RandomStream,
): void {
  const { households, items } = state;
  const parameters = state.scenario.parameters.deliberation;
  const sitesThisWeek = Math.round(parameters.volunteers * parameters.sitesPerVolunteerWeek);
  const categoryCount = state.categoryCount;
  for (let walked = 0; walked < sitesThisWeek && progress.sitesWalked < progress.walkOrder.length; walked++) {
    const site = progress.walkOrder[progress.sitesWalked++] as number;
    for (const deliberator of progress.deliberators) {
      for (
        let index = households.needStart[deliberator] as number;
        index < (households.needStart[deliberator + 1] as number);
        index++
      ) {
        const item = households.needItem[index] as number;
        if (items.site[item] === site && stream.chance(parameters.walkFidelity)) addSuggestion(state, item);
      }
    }
    const firstItem = (state.itemStart[community] as number) + (site - (state.siteStart[community] as number)) * categoryCount;
    let worst = firstItem;
    for (let item = firstItem; item < firstItem + categoryCount; item++) {
      if ((items.communityNeed[item] as number) > (items.communityNeed[worst] as number)) worst = item;
    }
    if ((items.communityNeed[worst] as number) > 0 && stream.chance(parameters.walkFidelity)) addSuggestion(state, worst);
  }
}

type Proposal = ParticipationProgress['proposals'] extends Map<number, infer Value> ? Value : never;

/** Up to `count` items of proposals not yet discussed, the most suggested first (ties to the lower item). */
function mostSuggested(proposals: ReadonlyMap<number, Proposal>, suggestions: Uint32Array, count: number): number[] {
  // One number per proposal orders both ways at once, (2²⁰ − suggestions) · 2³² + item, exact below 2⁵³ and
  // distinct: the `count` smallest keys, kept in order as they come (an agenda is short), are the agenda.
  const packable = Number.isSafeInteger(count) && count <= 64;
  if (packable) {
    const best: number[] = [];
    let fits = true;
    for (const [item, proposal] of proposals) {
      if (proposal.scorings !== 0) continue;
      const suggested = suggestions[item] as number;
      if (suggested >= 2 ** 20 || item >= 2 ** 32) {
        fits = false;
        break;
      }
      const key = (2 ** 20 - suggested) * 2 ** 32 + item;
      let position = best.length;
      while (position > 0 && (best[position - 1] as number) > key) position--;
      if (position >= count) continue;
      // Insert at `position`, dropping the last key when the agenda is full.
      let last = best.length < count ? best.length : count - 1;
      if (last === best.length) best.push(key);
      for (; last > position; last--) best[last] = best[last - 1] as number;
      best[position] = key;
    }
    if (fits) {
      for (let index = 0; index < best.length; index++) best[index] = (best[index] as number) % 2 ** 32;
      return best;
    }
  }
  const waiting: number[] = [];
  proposals.forEach((proposal, item) => {
    if (proposal.scorings === 0) waiting.push(item);
  });
  return waiting
    .sort((left, right) => (suggestions[right] as number) - (suggestions[left] as number) || left - right)
    .slice(0, count);
}

/** The proposals discussed so far, by priority (mean urgency × mean importance; ties to the lower item). */
function priorityOrderOf(proposals: ReadonlyMap<number, Proposal>): number[] {
  const scored: number[] = [];
  const priorities: number[] = [];
  proposals.forEach((proposal, item) => {
    if (!(proposal.scorings > 0)) return;
    scored.push(item);
    priorities.push((proposal.urgency / proposal.scorings) * (proposal.importance / proposal.scorings));
  });
  const order = scored.map((_, index) => index);
  order.sort(
    (left, right) =>
      (priorities[right] as number) - (priorities[left] as number) || (scored[left] as number) - (scored[right] as number),
  );
  return order.map((index) => scored[index] as number);
}

/**
 * The weight each attendee gives its own need for each agenda item (0 when
 * it has no such need), agenda item by agenda item: entry
 * `agendaIndex × attendees + attendeeIndex`. Found from the attendees' few
 * needs, rather than by looking through them for every item.
 */
function attendeesOwnWeights(
  state: SimulationState,
  community: number,
  agenda: readonly number[],
  attendees: readonly number[],
): Float64Array {
  const { needStart, needItem, needWeight } = state.households;
  // Each of the community's items' place on the agenda (by item − its first item), −1 when it is not on it; the
  // attendees' needs are all the community's items.
  const firstItem = state.itemStart[community] as number;
  const agendaPlaces = new Int32Array((state.itemStart[community + 1] as number) - firstItem).fill(-1);
  for (let agendaIndex = 0; agendaIndex < agenda.length; agendaIndex++)
    agendaPlaces[(agenda[agendaIndex] as number) - firstItem] = agendaIndex;
  const attendeeCount = attendees.length;
  const weights = new Float64Array(agenda.length * attendeeCount);
  for (let attendeeIndex = 0; attendeeIndex < attendeeCount; attendeeIndex++) {
    const deliberator = attendees[attendeeIndex] as number;
    const end = needStart[deliberator + 1] as number;
    for (let index = needStart[deliberator] as number; index < end; index++) {
      const place = agendaPlaces[(needItem[index] as number) - firstItem] as number;
      // A later need for the same item would win, as in a pass through the needs for each item.
      if (place >= 0) weights[place * attendeeCount + attendeeIndex] = needWeight[index] as number;
    }
  }
  return weights;
}

/**
 * A council meeting (议事会): suggested items join the project pool (merged
 * when recognised as the same; with no expert, some duplicates slip through
 * as separate proposals); the meeting takes up the `proposalsPerMeeting`
 * most supported proposals not yet discussed; attending deliberators score
 * each one's urgency and importance; priority = mean urgency × mean
 * importance. The priority order lists the proposals discussed so far.
 */
export function holdCouncilMeeting(
  state: SimulationState,
  community: number,
  progress: ParticipationProgress,
  stream: RandomStream,
): void {
  const { households, items } = state;
  const parameters = state.scenario.parameters.deliberation;
  const firstItem = state.itemStart[community] as number;
  const endItem = state.itemStart[community + 1] as number;
  let maxSuggestions = 0;
  for (let item = firstItem; item < endItem; item++) {
    const suggestions = items.suggestions[item] as number;
    if (suggestions > maxSuggestions) maxSuggestions = suggestions;
    // What has been built already is not proposed again.
    if (suggestions > 0 && !progress.proposals.has(item) && (items.met[item] as number) === 0) {
      const merged = parameters.expertsPresent || suggestions === 1 || stream.chance(parameters.mergeRecallWithoutExperts);
      progress.proposals.set(item, { urgency: 0, importance: 0, scorings: 0, copies: merged ? 1 : 2 });
    }
  }
  const attendees: number[] = [];
  for (const deliberator of progress.deliberators) if (stream.chance(parameters.attendance)) attendees.push(deliberator);
  progress.lastMeetingAttendance = attendees.length;
  const agenda = mostSuggested(progress.proposals, items.suggestions, parameters.proposalsPerMeeting);
  const { needStart, needItem, suggestionsMade } = households;
  const noise = parameters.scoringNoise;
  const ownWeights = attendeesOwnWeights(state, community, agenda, attendees);
  const attendeeCount = attendees.length;
  for (let agendaIndex = 0; agendaIndex < agenda.length; agendaIndex++) {
    const item = agenda[agendaIndex] as number;
    const proposal = progress.proposals.get(item) as Proposal;
    const communitySignal = maxSuggestions > 0 ? (items.suggestions[item] as number) / maxSuggestions : 0;
    // Added in the same order as one attendee at a time into the proposal: the same sums.
    let urgency = proposal.urgency;
    let importance = proposal.importance;
    const weightsStart = agendaIndex * attendeeCount;
    for (let attendeeIndex = 0; attendeeIndex < attendeeCount; attendeeIndex++) {
      const ownWeight = ownWeights[weightsStart + attendeeIndex] as number;
      urgency += Math.max(0, communitySignal + ownWeight + noise * stream.normal());
      importance += Math.max(0, communitySignal + noise * stream.normal());
    }
    proposal.urgency = urgency;
    proposal.importance = importance;
    proposal.scorings += attendees.length;
  }
  progress.priorityOrder = priorityOrderOf(progress.proposals);
  // Proposals taken up are a visible response to the households that made them (a household's suggestions are its
  // first `suggestionsMade` needs), found through the items' lists of who needs them, and to the deliberators
  // present. A response only marks the household's week (a second one in the week changes nothing), so the order
  // they are answered in does not matter.
  const firstHousehold = state.householdStart[community] as number;
  const endHousehold = state.householdStart[community + 1] as number;
  const { itemHouseholdStart, itemHouseholds } = items;
  for (let agendaIndex = 0; agendaIndex < agenda.length; agendaIndex++) {
    const item = agenda[agendaIndex] as number;
    const end = itemHouseholdStart[item + 1] as number;
    for (let index = itemHouseholdStart[item] as number; index < end; index++) {
      const household = itemHouseholds[index] as number;
      const made = suggestionsMade[household] as number;
      if (made === 0 || household < firstHousehold || household >= endHousehold) continue;
      const start = needStart[household] as number;
      for (let need = start; need < start + made; need++) {
        if (needItem[need] === item) {
          respondTo(state, household);
          break;
        }
      }
    }
  }
  for (const deliberator of attendees) respondTo(state, deliberator);
  progress.councilMeetingsHeld++;
  state.weekTally.councilMeetingHeld = true;
  state.runTally.councilMeetings++;
  if (parameters.expertsPresent) state.runTally.expertHours += parameters.expertHoursPerMeeting;
  const meetingHours = state.scenario.parameters.jointMeetings.hoursPerMeeting;
  state.extraHours.staff[community] = (state.extraHours.staff[community] as number) + 2 * meetingHours;
}

/**
 * A new planning cycle (suggestions → council → plan update) when a budget
 * year begins after a plan was adopted: the sub-phases run again from this
 * week, with the deliberators already chosen and the households already
 * aware; the council takes up what is still unmet.
 */
export function startPlanningCycle(state: SimulationState, previous: ParticipationProgress): ParticipationProgress {
  return {
    ...startParticipation(state),
    deliberatorsSelected: previous.deliberatorsSelected,
    deliberators: previous.deliberators,
    walkOrder: previous.walkOrder,
    sitesWalked: previous.walkOrder.length,
    // The latest council meeting is the previous cycle's until this cycle's council meets.
    lastMeetingAttendance: previous.lastMeetingAttendance,
  };
}

/**
 * Runs the participation sub-phases due this week in every community where participation is on. Their clock counts
 * the weeks they run: in a week without them (a pause, or a mode without participation) a cycle under way waits,
 * its start a week later, so that it goes on where it stopped — no selection, council meeting or plan adoption is
 * skipped for falling in such a week. A budget year that begins then still starts the next cycle, which waits the
 * same way until participation runs again.
 */
export function advanceParticipation(state: SimulationState, random: RandomSource): void {
  const running = state.mode.participation && state.mode.renewal !== 'paused';
  const schedule = running ? participationSchedule(state.scenario.parameters) : null;
  for (const communityProgress of state.progress) {
    if (communityProgress.participation?.planAdopted === true && newBudgetYear(renewalWeek(state, communityProgress.community))) {
      communityProgress.participation = startPlanningCycle(state, communityProgress.participation);
      communityProgress.integratedPlanAdopted = false;
    }
    const progress = communityProgress.participation;
    if (progress === null) continue;
    if (schedule === null) {
      if (!progress.planAdopted) progress.startWeek++;
      continue;
    }
    const community = communityProgress.community;
    const offset = state.week - progress.startWeek;
    if (offset < schedule.mobilisationEnd) mobiliseHouseholds(state, community, random.stream('mobilisation'));
    if (offset < schedule.siteWalkEnd || offset < schedule.mobilisationEnd) {
      collectSuggestions(state, community, random.stream('suggestions'));
    }
    if (offset === schedule.selection && !progress.deliberatorsSelected) {
      selectDeliberators(state, community, progress, random.stream('selection'));
    }
    if (progress.deliberatorsSelected && offset >= schedule.siteWalkStart && offset < schedule.siteWalkEnd) {
      walkSites(state, community, progress, random.stream('site-walks'));
    }
    if (progress.deliberatorsSelected && schedule.councilMeetings.includes(offset)) {
      holdCouncilMeeting(state, community, progress, random.stream('council'));
    }
  }
}
