/**
 * Building the initial state of a street from a scenario: communities,
 * households with sparse needs, sites, departments and staff teams. All draws
 * come from the `world` stream, so every governance mode run on the same
 * seed starts from the same world (common random numbers).
 */
import { finishSteps, indicesOfLargest, type RandomSource, type RandomStream, type Steps } from '../core/index.js';
import { resolveMode, type Scenario } from '../scenario/index.js';
import { conflictMatrix } from './categories.js';
import { createHouseholdLedger, createProjectIndex } from './ledger.js';
import {
  type CommunityProgress,
  type CommunityStaffTeam,
  type Department,
  emptyWeekTally,
  type HouseholdArrays,
  type NeedItemArrays,
  type SimulationState,
  type SiteArrays,
} from './state.js';

function clampUnit(value: number): number {
  return Math.min(0.99, Math.max(0.01, value));
}

/** Index i with cumulative[i-1] <= target < cumulative[i] (binary search). */
export function searchCumulative(cumulative: Float64Array, start: number, end: number, target: number): number {
  let low = start;
  let high = end - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] as number) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where a search of `cumulative[start, end)` for a target a fraction f of the
 * way through its range should start: entry g is the index the target at
 * f = g ÷ (end − start) falls on. Null when the values are not finite and
 * non-decreasing (then only the binary search is sure to give its index).
 */
export function cumulativeGuide(cumulative: Float64Array, start: number, end: number): Uint32Array | null {
  const base = start > 0 ? (cumulative[start - 1] as number) : 0;
  let previous = base;
  for (let index = start; index < end; index++) {
    const value = cumulative[index] as number;
    if (!Number.isFinite(value) || value < previous) return null;
    previous = value;
  }
  const buckets = end - start;
  const total = previous - base;
  const guide = new Uint32Array(buckets);
  for (let bucket = 0; bucket < buckets; bucket++)
    guide[bucket] = searchCumulative(cumulative, start, end, base + (bucket / buckets) * total);
  return guide;
}

/**
 * What {@link searchCumulative} gives, found by stepping from `guess` (any
 * index in [start, end)) rather than by halving: the first index whose value
 * exceeds the target, or the last. The values must be non-decreasing and the
 * target not NaN.
 */
export function searchCumulativeFrom(
  cumulative: Float64Array,
  start: number,
  end: number,
  target: number,
  guess: number,
): number {
  let index = guess;
  while (index > start && (cumulative[index - 1] as number) > target) index--;
  while (index < end - 1 && (cumulative[index] as number) <= target) index++;
  return index;
}

/**
 * Compressed rows from counts: `start` holds each key's count at key + 1 on
 * entry, the running offsets on return; the returned cursor (each key's next
 * free slot) starts at each key's offset.
 */
function offsetsFromCounts(start: Uint32Array): Uint32Array {
  const keyCount = start.length - 1;
  for (let key = 0; key < keyCount; key++) start[key + 1] = (start[key + 1] as number) + (start[key] as number);
  return start.slice(0, keyCount);
}

/** Households under each need item, in household order (compressed rows). */
function householdsByItem(
  itemCount: number,
  needStart: Uint32Array,
  needItem: Uint32Array,
): { start: Uint32Array; members: Uint32Array } {
  const start = new Uint32Array(itemCount + 1);
  for (let index = 0; index < needItem.length; index++) {
    const item = needItem[index] as number;
    start[item + 1] = (start[item + 1] as number) + 1;
  }
  const cursor = offsetsFromCounts(start);
  const members = new Uint32Array(needItem.length);
  const householdCount = needStart.length - 1;
  for (let household = 0; household < householdCount; household++) {
    const end = needStart[household + 1] as number;
    for (let index = needStart[household] as number; index < end; index++) {
      const item = needItem[index] as number;
      members[cursor[item] as number] = household;
      cursor[item] = (cursor[item] as number) + 1;
    }
  }
  return { start, members };
}

/** Households with a need at each site, once each, in household order (compressed rows). */
function householdsBySite(
  siteCount: number,
  needStart: Uint32Array,
  needItem: Uint32Array,
  itemSite: Uint32Array,
): { start: Uint32Array; members: Uint32Array } {
  const householdCount = needStart.length - 1;
  const start = new Uint32Array(siteCount + 1);
  // The site of each need that is the household's first at its site, else siteCount: worked out once, used twice.
  const firstSite = new Uint32Array(needItem.length);
  // The last household seen with a need at each site (household + 1; 0 for none yet).
  const lastSeen = new Uint32Array(siteCount);
  for (let household = 0; household < householdCount; household++) {
    const end = needStart[household + 1] as number;
    for (let index = needStart[household] as number; index < end; index++) {
      const site = itemSite[needItem[index] as number] as number;
      if (lastSeen[site] === household + 1) {
        firstSite[index] = siteCount;
        continue;
      }
      lastSeen[site] = household + 1;
      firstSite[index] = site;
      start[site + 1] = (start[site + 1] as number) + 1;
    }
  }
  const cursor = offsetsFromCounts(start);
  const members = new Uint32Array(start[siteCount] as number);
  for (let household = 0; household < householdCount; household++) {
    const end = needStart[household + 1] as number;
    for (let index = needStart[household] as number; index < end; index++) {
      const site = firstSite[index] as number;
      if (site === siteCount) continue;
      members[cursor[site] as number] = household;
      cursor[site] = (cursor[site] as number) + 1;
    }
  }
  return { start, members };
}

/** The departments of the street; each line covers a primary and a secondary category. */
function buildDepartments(count: number, categoryCount: number, communityCount: number): Department[] {
  return Array.from({ length: count }, (_, id) => {
    const primary = id % categoryCount;
    const secondary = (id + 3) % categoryCount;
    return {
      id,
      categories: primary === secondary ? [primary] : [primary, secondary],
      pressure: 0,
      demandHours: 0,
      paperworkHours: 0,
      serviceRatio: 1,
      worksServiceRatio: 1,
      backlogHours: 0,
      spentByCommunity: new Float64Array(communityCount),
    };
  });
}

/**
 * The department that leads works of a category: the first whose primary category it is, else the first whose line
 * covers it, else one by turn.
 */
export function leadDepartmentFor(departments: readonly Department[], category: number): number {
  for (const department of departments) {
    if (department.categories[0] === category) return department.id;
  }
  for (const department of departments) {
    if (department.categories.includes(category)) return department.id;
  }
  return category % departments.length;
}

/**
 * Draws a household's need items into `chosen` (at most 10) and returns how
 * many: near its building (among `localItems`, whose saliences sum to
 * `localTotal`) with chance `localNeedShare`, else anywhere in its community
 * by salience (the search started from `guide`, the community's
 * {@link cumulativeGuide}, when there is one).
 */
function drawHouseholdNeeds(
  stream: RandomStream,
  scenario: Scenario,
  localItems: readonly number[],
  localTotal: number,
  cumulativeSalience: Float64Array,
  itemStart: number,
  itemEnd: number,
  salience: Float64Array,
  chosen: Uint32Array,
  guide: Uint32Array | null,
): number {
  const { needItemsPerHousehold, localNeedShare } = scenario.world;
  const wanted = Math.min(itemEnd - itemStart, 10, 1 + stream.poisson(needItemsPerHousehold - 1));
  const totalSalience =
    (cumulativeSalience[itemEnd - 1] as number) - (itemStart > 0 ? (cumulativeSalience[itemStart - 1] as number) : 0);
  const base = itemStart > 0 ? (cumulativeSalience[itemStart - 1] as number) : 0;
  let attempts = 0;
  let count = 0;
  while (count < wanted && attempts < wanted * 8) {
    attempts++;
    let item: number;
    if (localItems.length > 0 && stream.chance(localNeedShare)) {
      let target = stream.next() * localTotal;
      item = localItems[localItems.length - 1] as number;
      for (let index = 0; index < localItems.length; index++) {
        const local = localItems[index] as number;
        target -= salience[local] as number;
        if (target < 0) {
          item = local;
          break;
        }
      }
    } else {
      const fraction = stream.next();
      const target = base + fraction * totalSalience;
      item =
        guide === null || Number.isNaN(target)
          ? searchCumulative(cumulativeSalience, itemStart, itemEnd, target)
          : searchCumulativeFrom(
              cumulativeSalience,
              itemStart,
              itemEnd,
              target,
              guide[Math.min(guide.length - 1, Math.floor(fraction * guide.length))] as number,
            );
    }
    let known = false;
    for (let index = 0; index < count; index++) if (chosen[index] === item) known = true;
    if (!known) chosen[count++] = item;
  }
  return count;
}

/**
 * The `k` items of [start, end) with the largest values, largest first, ties
 * to the lower item — what `indicesOfLargest` gives, found in one pass
 * rather than by sorting every item.
 */
function largestItems(values: Float64Array, start: number, end: number, k: number): Uint32Array {
  const chosen: number[] = [];
  for (let item = start; item < end; item++) {
    const value = values[item] as number;
    if (Number.isNaN(value)) {
      // NaN has no place in the order a sort gives it only by accident: leave it to the sort.
      return Uint32Array.from(indicesOfLargest(values.subarray(start, end), k), (local) => local + start);
    }
    // Later items lose ties, so an item enters only above a strictly smaller value.
    let position = chosen.length;
    while (position > 0 && (values[chosen[position - 1] as number] as number) < value) position--;
    if (position >= k) continue;
    chosen.splice(position, 0, item);
    if (chosen.length > k) chosen.length = k;
  }
  return Uint32Array.from(chosen);
}

/**
 * The first `length` values of `values`, as an array of that exact length:
 * a view of the same storage when little of it is unused (no copy, so a
 * large world is not held twice), else a copy.
 */
function exactLength<Values extends Uint32Array | Float64Array>(values: Values, length: number): Values {
  if (values.length - length <= values.length / 16) return values.subarray(0, length) as Values;
  return values.slice(0, length) as Values;
}

/**
 * What building a world draws from its `world` stream, and what follows
 * from it: the households with their attributes and needs, the sites and the
 * need items, and where each community's start in each. The rest of the
 * initial state follows from the scenario alone ({@link assembleWorld}).
 */
export interface DrawnWorld {
  categoryCount: number;
  householdStart: Uint32Array;
  siteStart: Uint32Array;
  itemStart: Uint32Array;
  households: HouseholdArrays;
  items: NeedItemArrays;
  sites: SiteArrays;
}

/** Builds the initial state of the street described by `scenario`. */
export function buildWorld(scenario: Scenario, random: RandomSource): SimulationState {
  return assembleWorld(scenario, drawWorld(scenario, random));
}

/** A copy of a drawn world that shares no array with it, in the same shapes as a freshly drawn one. */
export function copyDrawnWorld(drawn: DrawnWorld): DrawnWorld {
  const { households, items, sites } = drawn;
  return {
    categoryCount: drawn.categoryCount,
    householdStart: drawn.householdStart.slice(),
    siteStart: drawn.siteStart.slice(),
    itemStart: drawn.itemStart.slice(),
    households: {
      count: households.count,
      community: households.community.slice(),
      building: households.building.slice(),
      elderly: households.elderly.slice(),
      usesWeChat: households.usesWeChat.slice(),
      partyMember: households.partyMember.slice(),
      buildingLeader: households.buildingLeader.slice(),
      needStart: households.needStart.slice(),
      needItem: households.needItem.slice(),
      needWeight: households.needWeight.slice(),
      aware: households.aware.slice(),
      engaged: households.engaged.slice(),
      lastResponseWeek: households.lastResponseWeek.slice(),
      trust: households.trust.slice(),
      efficacy: households.efficacy.slice(),
      suggestionsMade: households.suggestionsMade.slice(),
      visited: households.visited.slice(),
      deliberatorRoute: households.deliberatorRoute.slice(),
      satisfaction: households.satisfaction.slice(),
      perceivedSatisfaction: households.perceivedSatisfaction.slice(),
    },
    items: {
      count: items.count,
      community: items.community.slice(),
      site: items.site.slice(),
      category: items.category.slice(),
      communityNeed: items.communityNeed.slice(),
      met: items.met.slice(),
      topPainPoints: items.topPainPoints.map((points) => points.slice()),
      suggestions: items.suggestions.slice(),
      itemHouseholdStart: items.itemHouseholdStart.slice(),
      itemHouseholds: items.itemHouseholds.slice(),
    },
    sites: {
      count: sites.count,
      community: sites.community.slice(),
      visibility: sites.visibility.slice(),
      siteHouseholdStart: sites.siteHouseholdStart.slice(),
      siteHouseholds: sites.siteHouseholds.slice(),
    },
  };
}

/**
 * Draws the households' attributes and needs (community by community, in
 * household order) into `households`, whose arrays are allocated and whose
 * need lists are set here, yielding after each community (a city-sized
 * street takes seconds). A function of its own, so that the draws it makes
 * for every household are compiled inline.
 */
function* drawHouseholds(
  scenario: Scenario,
  stream: RandomStream,
  households: HouseholdArrays,
  householdStart: Uint32Array,
  itemStart: Uint32Array,
  salience: Float64Array,
  cumulativeSalience: Float64Array,
  categoryCount: number,
): Steps<void> {
  const { world } = scenario;
  const communityCount = world.communities.length;
  const householdCount = households.count;
  const residents = scenario.parameters.residents;
  const weChatElderly = world.weChatShare * 0.5;
  const weChatOthers = Math.min(
    1,
    (world.weChatShare - world.elderlyShare * weChatElderly) / Math.max(1e-9, 1 - world.elderlyShare),
  );
  // A household has about needItemsPerHousehold needs: start the lists just above that, they grow if need be.
  const expectedNeeds = Math.ceil(householdCount * Math.min(10, Math.max(1, world.needItemsPerHousehold)) * 1.02) + 64;
  // The needs of every household, appended household by household (at most 10 each): the first `needCount` entries.
  let needItems = new Uint32Array(expectedNeeds);
  let needWeights = new Float64Array(expectedNeeds);
  let needCount = 0;
  const chosen = new Uint32Array(10);
  const localItems: number[] = [];
  let localTotal = 0;

  for (let community = 0; community < communityCount; community++) {
    const spec = world.communities[community] as Scenario['world']['communities'][number];
    const first = householdStart[community] as number;
    const end = householdStart[community + 1] as number;
    const communityItemStart = itemStart[community] as number;
    const communityItemEnd = itemStart[community + 1] as number;
    const communitySites = spec.sites;
    const guide =
      communityItemEnd > communityItemStart ? cumulativeGuide(cumulativeSalience, communityItemStart, communityItemEnd) : null;
    let previousBuilding = -1;
    for (let household = first; household < end; household++) {
      const building = Math.floor(((household - first) * spec.buildings) / spec.households);
      households.community[household] = community;
      households.building[household] = building;
      households.buildingLeader[household] = building !== previousBuilding ? 1 : 0;
      if (building !== previousBuilding) {
        // Sites next to the household's building: those whose position maps to it (the same for the whole building).
        const firstLocalSite = Math.floor((building * communitySites) / spec.buildings);
        const lastLocalSite = Math.max(firstLocalSite + 1, Math.floor(((building + 1) * communitySites) / spec.buildings));
        localItems.length = 0;
        for (let localSite = firstLocalSite; localSite < Math.min(lastLocalSite, communitySites); localSite++) {
          for (let category = 0; category < categoryCount; category++) {
            localItems.push(communityItemStart + localSite * categoryCount + category);
          }
        }
        localTotal = 0;
        for (const local of localItems) localTotal += salience[local] as number;
      }
      previousBuilding = building;
      const elderly = stream.chance(world.elderlyShare);
      households.elderly[household] = elderly ? 1 : 0;
      households.usesWeChat[household] = stream.chance(elderly ? weChatElderly : weChatOthers) ? 1 : 0;
      households.partyMember[household] = stream.chance(world.partyMemberShare) ? 1 : 0;
      households.trust[household] = clampUnit(residents.initialTrust + 0.1 * stream.normal());
      households.efficacy[household] = clampUnit(residents.initialEfficacy + 0.1 * stream.normal());

      const chosenCount = drawHouseholdNeeds(
        stream,
        scenario,
        localItems,
        localTotal,
        cumulativeSalience,
        communityItemStart,
        communityItemEnd,
        salience,
        chosen,
        guide,
      );
      if (needCount + chosenCount > needItems.length) {
        const capacity = Math.max(needCount + chosenCount, Math.ceil(1.5 * needItems.length));
        const largerItems = new Uint32Array(capacity);
        largerItems.set(needItems);
        needItems = largerItems;
        const largerWeights = new Float64Array(capacity);
        largerWeights.set(needWeights);
        needWeights = largerWeights;
      }
      let weightTotal = 0;
      const weightsStart = needCount;
      for (let index = 0; index < chosenCount; index++) {
        const item = chosen[index] as number;
        const weight = stream.logNormalWithMean(1, 0.5);
        needItems[needCount] = item;
        needWeights[needCount++] = weight;
        weightTotal += weight;
      }
      // Keep each household's needs heaviest first (insertion sort: a few items): its first need is its top one.
      const weightValues = needWeights;
      const itemValues = needItems;
      for (let index = weightsStart; index < needCount; index++) {
        const weight = (weightValues[index] as number) / weightTotal;
        const item = itemValues[index] as number;
        let position = index;
        while (position > weightsStart && (weightValues[position - 1] as number) < weight) {
          weightValues[position] = weightValues[position - 1] as number;
          itemValues[position] = itemValues[position - 1] as number;
          position--;
        }
        weightValues[position] = weight;
        itemValues[position] = item;
      }
      households.needStart[household + 1] = needCount;
    }
    yield;
  }
  households.needItem = exactLength(needItems, needCount);
  households.needWeight = exactLength(needWeights, needCount);
}

/** Draws the households, sites and need items of `scenario`'s world from the `world` stream. */
export function drawWorld(scenario: Scenario, random: RandomSource): DrawnWorld {
  return finishSteps(drawWorldSteps(scenario, random));
}

/**
 * {@link drawWorld} in steps, yielding after each community's households: run with `finishStepsPausing` to let the
 * event loop in while a city-sized street is built; the same world, byte for byte.
 */
export function* drawWorldSteps(scenario: Scenario, random: RandomSource): Steps<DrawnWorld> {
  const { world } = scenario;
  const stream = random.stream('world');
  const categoryCount = world.needCategories;
  const communityCount = world.communities.length;

  const householdStart = new Uint32Array(communityCount + 1);
  const siteStart = new Uint32Array(communityCount + 1);
  const itemStart = new Uint32Array(communityCount + 1);
  world.communities.forEach((community, index) => {
    householdStart[index + 1] = (householdStart[index] as number) + community.households;
    siteStart[index + 1] = (siteStart[index] as number) + community.sites;
    itemStart[index + 1] = (itemStart[index] as number) + community.sites * categoryCount;
  });
  const householdCount = householdStart[communityCount] as number;
  const siteCount = siteStart[communityCount] as number;
  const itemCount = itemStart[communityCount] as number;

  const sites: SiteArrays = {
    count: siteCount,
    community: new Uint16Array(siteCount),
    visibility: new Float64Array(siteCount),
    siteHouseholdStart: new Uint32Array(siteCount + 1),
    siteHouseholds: new Uint32Array(0),
  };
  const salience = new Float64Array(itemCount);
  const items: NeedItemArrays = {
    count: itemCount,
    community: new Uint16Array(itemCount),
    site: new Uint32Array(itemCount),
    category: new Uint8Array(itemCount),
    communityNeed: new Float64Array(itemCount),
    met: new Float64Array(itemCount),
    topPainPoints: [],
    suggestions: new Uint32Array(itemCount),
    itemHouseholdStart: new Uint32Array(itemCount + 1),
    itemHouseholds: new Uint32Array(0),
  };
  for (let community = 0; community < communityCount; community++) {
    for (let site = siteStart[community] as number; site < (siteStart[community + 1] as number); site++) {
      sites.community[site] = community;
      sites.visibility[site] = stream.logNormalWithMean(1, scenario.parameters.departments.siteVisibilitySpread);
      const localSite = site - (siteStart[community] as number);
      for (let category = 0; category < categoryCount; category++) {
        const item = (itemStart[community] as number) + localSite * categoryCount + category;
        items.community[item] = community;
        items.site[item] = site;
        items.category[item] = category;
        salience[item] = stream.logNormalWithMean(1, world.needSalienceSpread);
      }
    }
  }
  const cumulativeSalience = new Float64Array(itemCount);
  let running = 0;
  for (let item = 0; item < itemCount; item++) {
    running += salience[item] as number;
    cumulativeSalience[item] = running;
  }

  const households: HouseholdArrays = {
    count: householdCount,
    community: new Uint16Array(householdCount),
    building: new Uint16Array(householdCount),
    elderly: new Uint8Array(householdCount),
    usesWeChat: new Uint8Array(householdCount),
    partyMember: new Uint8Array(householdCount),
    buildingLeader: new Uint8Array(householdCount),
    needStart: new Uint32Array(householdCount + 1),
    needItem: new Uint32Array(0),
    needWeight: new Float64Array(0),
    aware: new Uint8Array(householdCount),
    engaged: new Uint8Array(householdCount),
    lastResponseWeek: new Int32Array(householdCount).fill(-1_000_000),
    trust: new Float64Array(householdCount),
    efficacy: new Float64Array(householdCount),
    suggestionsMade: new Uint16Array(householdCount),
    visited: new Uint8Array(householdCount),
    deliberatorRoute: new Uint8Array(householdCount),
    satisfaction: new Float64Array(householdCount),
    perceivedSatisfaction: new Float64Array(householdCount),
  };
  yield* drawHouseholds(scenario, stream, households, householdStart, itemStart, salience, cumulativeSalience, categoryCount);

  const needItem = households.needItem;
  const needWeight = households.needWeight;
  const needStart = households.needStart;
  for (let index = 0; index < needItem.length; index++) {
    const item = needItem[index] as number;
    items.communityNeed[item] = (items.communityNeed[item] as number) + (needWeight[index] as number);
  }
  for (let community = 0; community < communityCount; community++) {
    items.topPainPoints.push(
      largestItems(items.communityNeed, itemStart[community] as number, itemStart[community + 1] as number, 5),
    );
  }
  const byItem = householdsByItem(itemCount, needStart, needItem);
  items.itemHouseholdStart = byItem.start;
  items.itemHouseholds = byItem.members;
  const bySite = householdsBySite(siteCount, needStart, needItem, items.site);
  sites.siteHouseholdStart = bySite.start;
  sites.siteHouseholds = bySite.members;
  return { categoryCount, householdStart, siteStart, itemStart, households, items, sites };
}

/** The initial state of `scenario`'s street around its drawn world (taken, not copied). */
export function assembleWorld(scenario: Scenario, drawn: DrawnWorld): SimulationState {
  const { world } = scenario;
  const { categoryCount, householdStart, siteStart, itemStart, households, items, sites } = drawn;
  const communityCount = world.communities.length;
  const householdCount = households.count;

  const staff: CommunityStaffTeam[] = world.communities.map((community, index) => ({
    community: index,
    members: community.communityStaff,
    capacityHours: community.communityStaff * world.staffHoursPerWeek,
    backlogHours: 0,
    fatigue: 0,
    demandHours: 0,
    renewalDemandHours: 0,
    renewalDoneHours: 0,
    serviceRatio: 1,
    worksServiceRatio: 1,
    load: 0,
  }));
  const progress: CommunityProgress[] = world.communities.map((_, index) => ({
    community: index,
    catalogueListed: false,
    catalogueYear: 0,
    integrationStartWeek: -1,
    integratedPlanAdopted: false,
    participation: null,
  }));

  return {
    scenario,
    week: 0,
    mode: resolveMode(scenario.mode),
    startingMode: resolveMode(scenario.mode),
    categoryCount,
    conflicts: conflictMatrix(categoryCount),
    householdStart,
    siteStart,
    itemStart,
    households,
    items,
    sites,
    departments: buildDepartments(world.departments, categoryCount, communityCount),
    staff,
    projects: [],
    statusChanges: [],
    pairs: [],
    progress,
    leadership: { switchWeek: -1, expertPresent: false, reframedWeek: -1, dilemma: 0, hazard: 0, events: [] },
    weekTally: emptyWeekTally(),
    metChanged: true,
    awareCountAtLastUpdate: -1,
    householdLedger: createHouseholdLedger(householdCount, communityCount),
    projectIndex: createProjectIndex(communityCount),
    extraHours: { staff: new Float64Array(communityCount), department: new Float64Array(world.departments) },
    pairsByProject: [],
    milestones: {},
    extensions: {},
    runTally: {
      spent: 0,
      wasted: 0,
      renewalHours: 0,
      pipelineWeeks: 0,
      idleWeeks: 0,
      settledQuestions: 0,
      settleWeeksTotal: 0,
      expertHours: 0,
      councilMeetings: 0,
      jointMeetings: 0,
      onSiteMeetings: 0,
      audits: 0,
    },
  };
}
