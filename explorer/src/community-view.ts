/**
 * What the community picture shows, read from a model's state each week:
 * every household (grouped by community and building) with its awareness,
 * engagement, satisfaction and trust; every site with the status of the works
 * there; the departments and community staff with their load and the docking
 * threads between them — separate threads when each department docks on its
 * own, one interface through the plan under integration; and the meetings of
 * the week. Plain data (typed arrays), posted from the worker to the page.
 */
import type { SimulationState, WeekRecord } from 'govsim';

/** What does not change during a run: who lives where. */
export interface CommunityLayout {
  communities: Array<{ name: string; households: number; buildings: number; sites: number; staffMembers: number }>;
  departments: number;
  /** Households ordered by community, then building, then index. */
  householdOrder: Uint32Array;
  /** Buildings in that order: building g holds householdOrder[buildingStart[g] .. buildingStart[g + 1]). */
  buildingStart: Uint32Array;
  /** The community of each building in that order. */
  buildingCommunity: Uint16Array;
  /** The community of each site. */
  siteCommunity: Uint16Array;
}

/** What a site shows: the most telling status of the projects there. */
export const SiteStatus = { none: 0, done: 1, listed: 2, docking: 3, works: 4, idle: 5 } as const;

/** One week's picture. */
export interface CommunityFrame {
  week: number;
  aware: Uint8Array;
  engaged: Uint8Array;
  /** Need-weighted share of each household's needs met. */
  satisfaction: Float32Array;
  trust: Float32Array;
  /** Per site, a {@link SiteStatus} code. */
  siteStatus: Uint8Array;
  /** Per department, hours demanded ÷ hours available this week. */
  departmentLoad: Float32Array;
  /** Per community staff team, its load this week. */
  staffLoad: Float32Array;
  /** Per community × department (`community * departments + department`), unconfirmed threads of projects docking separately. */
  separateThreads: Uint16Array;
  /** Per community × department, unconfirmed threads of projects in an integrated plan (dealt with through the plan). */
  planThreads: Uint16Array;
  /** Per community, projects of an integrated plan still docking: one interface each, whatever their departments. */
  planInterfaces: Uint16Array;
  /** The mechanisms on this week. */
  mode: { participation: boolean; integration: boolean; pressure: 'high' | 'low'; renewal: 'active' | 'paused' };
  meetings: { joint: boolean; onSite: number; council: boolean; audit: boolean };
}

/** The layout of a model's community. */
export function communityLayout(state: SimulationState): CommunityLayout {
  const households = state.households;
  const keys = new Map<number, number[]>();
  for (let household = 0; household < households.count; household++) {
    const key = (households.community[household] as number) * 65_536 + (households.building[household] as number);
    let members = keys.get(key);
    if (members === undefined) {
      members = [];
      keys.set(key, members);
    }
    members.push(household);
  }
  const ordered = [...keys.keys()].sort((left, right) => left - right);
  const householdOrder = new Uint32Array(households.count);
  const buildingStart = new Uint32Array(ordered.length + 1);
  const buildingCommunity = new Uint16Array(ordered.length);
  let position = 0;
  ordered.forEach((key, building) => {
    buildingStart[building] = position;
    buildingCommunity[building] = Math.floor(key / 65_536);
    for (const household of keys.get(key) as number[]) householdOrder[position++] = household;
  });
  buildingStart[ordered.length] = position;
  return {
    communities: state.scenario.world.communities.map((community, index) => ({
      name: community.name,
      households: (state.householdStart[index + 1] as number) - (state.householdStart[index] as number),
      buildings: ordered.filter((key) => Math.floor(key / 65_536) === index).length,
      sites: (state.siteStart[index + 1] as number) - (state.siteStart[index] as number),
      staffMembers: state.staff[index]?.members ?? 0,
    })),
    departments: state.departments.length,
    householdOrder,
    buildingStart,
    buildingCommunity,
    siteCommunity: state.sites.community.slice(),
  };
}

const statusRank: Readonly<Record<string, number>> = {
  done: SiteStatus.done,
  listed: SiteStatus.listed,
  docking: SiteStatus.docking,
  ready: SiteStatus.works,
  active: SiteStatus.works,
  idle: SiteStatus.idle,
  cancelled: SiteStatus.none,
};

/** This week's picture of a model's community; `record` is the week's record (for the meetings). */
export function communityFrame(state: SimulationState, record: WeekRecord | undefined): CommunityFrame {
  const households = state.households;
  const departmentCount = state.departments.length;
  const communityCount = state.scenario.world.communities.length;
  const siteStatus = new Uint8Array(state.sites.count);
  const separateThreads = new Uint16Array(communityCount * departmentCount);
  const planThreads = new Uint16Array(communityCount * departmentCount);
  const planInterfaces = new Uint16Array(communityCount);
  for (const project of state.projects) {
    const rank = statusRank[project.status] ?? SiteStatus.none;
    if (rank > (siteStatus[project.site] as number)) siteStatus[project.site] = rank;
    if (project.status !== 'docking') continue;
    let open = 0;
    for (const thread of project.threads) {
      if (thread.confirmed) continue;
      open++;
      const index = project.community * departmentCount + thread.department;
      if (project.integrated) planThreads[index] = (planThreads[index] as number) + 1;
      else separateThreads[index] = (separateThreads[index] as number) + 1;
    }
    if (project.integrated && open > 0) planInterfaces[project.community] = (planInterfaces[project.community] as number) + 1;
  }
  const capacity = state.scenario.world.departmentHoursPerWeek;
  return {
    week: state.week,
    aware: households.aware.slice(),
    engaged: households.engaged.slice(),
    satisfaction: Float32Array.from(households.satisfaction),
    trust: Float32Array.from(households.trust),
    siteStatus,
    departmentLoad: Float32Array.from(state.departments, (department) => department.demandHours / capacity),
    staffLoad: Float32Array.from(state.staff, (team) => team.load),
    separateThreads,
    planThreads,
    planInterfaces,
    mode: { ...state.mode },
    meetings: {
      joint: (record?.jointMeeting ?? 0) > 0,
      onSite: record?.onSiteMeetings ?? 0,
      council: (record?.councilMeeting ?? 0) > 0,
      audit: (record?.audit ?? 0) > 0,
    },
  };
}
