/**
 * Observing a street community by community, and the street as communities
 * join (docs/scale.md: under administrative-led rollout the departments'
 * projects, docking channels and pressure multiply across communities, while
 * a unified plan keeps one interface per community).
 *
 * A {@link CommunityTracker} is an observer: fed the state after each week
 * (through `runScenario`'s `observe`), it keeps per community what only the
 * weeks show (staff load, open docking threads) and per week a
 * {@link RolloutWeek} of the street; at the end it gives one
 * {@link CommunitySummary} per community, read from the final state. Every
 * value is one of the metric definitions of this folder applied to one
 * community's households, items and projects; the tracker only reads.
 */
import type { Project, SimulationState } from '../model/index.js';
import { projectsOfCommunity } from '../model/ledger.js';
import { hasJoined, joinWeekOf } from '../model/rollout.js';
import { wasteShare } from './duplication.js';
import { dockingChannels, fragmentationIndex, interfacesPerProject, openThreadsOf, unintegratedShare } from './fragmentation.js';
import { idleShare } from './idling.js';
import { flaggedShare, meanOf } from './participation.js';
import type { WeekRecord } from './record.js';
import { needMatch, topPainPointCoverage } from './satisfaction.js';

/** One community at the end of a run. Loads and threads are over the weeks it took part (NaN if it never did). */
export interface CommunitySummary {
  /** The community's index in the scenario's `world.communities`. */
  community: number;
  name: string;
  households: number;
  residents: number;
  /** Its join week (NaN: never joins). */
  joinsWeek: number;
  /** Weeks it took part in the renewal. */
  weeksJoined: number;
  /** Mean and peak of its staff's weekly load (demand ÷ capacity) over the weeks it took part. */
  staffLoadMean: number;
  staffLoadPeak: number;
  /** Weeks it took part with staff load above 1 ÷ weeks it took part. */
  staffOverloadedWeekShare: number;
  /** Mean and peak of its open docking threads over the weeks it took part. */
  openDockingThreadsMean: number;
  openDockingThreadsPeak: number;
  projectsTakenOn: number;
  projectsDone: number;
  projectsCancelled: number;
  /** Over its projects approved (in docking or beyond, or in a plan) and not cancelled, as in the run summary. */
  interfacesPerProject: number;
  unintegratedShare: number;
  fragmentationIndex: number;
  /** Pairs whose first project is the community's. */
  duplicatePairs: number;
  conflictPairs: number;
  /** Money spent in the community by every department; money wasted on its projects; their ratio. */
  spent: number;
  wasted: number;
  wasteShare: number;
  /** Its projects' idle weeks ÷ their weeks in the pipeline. */
  idleShare: number;
  /** Means and shares over its households at the end. */
  satisfaction: number;
  perceivedSatisfaction: number;
  topFiveCoverage: number;
  needMatch: number;
  awareShare: number;
  engagedShare: number;
  trust: number;
}

/** Column order of communities.csv: the key order of {@link CommunitySummary}. */
export const communitySummaryColumns: ReadonlyArray<keyof CommunitySummary> = [
  'community',
  'name',
  'households',
  'residents',
  'joinsWeek',
  'weeksJoined',
  'staffLoadMean',
  'staffLoadPeak',
  'staffOverloadedWeekShare',
  'openDockingThreadsMean',
  'openDockingThreadsPeak',
  'projectsTakenOn',
  'projectsDone',
  'projectsCancelled',
  'interfacesPerProject',
  'unintegratedShare',
  'fragmentationIndex',
  'duplicatePairs',
  'conflictPairs',
  'spent',
  'wasted',
  'wasteShare',
  'idleShare',
  'satisfaction',
  'perceivedSatisfaction',
  'topFiveCoverage',
  'needMatch',
  'awareShare',
  'engagedShare',
  'trust',
];

/** The street in one week of a rollout: how many communities take part, and what the departments carry. */
export interface RolloutWeek {
  week: number;
  communitiesJoined: number;
  householdsJoined: number;
  /** Department load, pressure, paperwork and open docking threads of the week (as in the weekly series). */
  departmentLoad: number;
  departmentPressure: number;
  departmentPaperworkHours: number;
  openDockingThreads: number;
  /** Open docking threads ÷ communities joined: the channels each community's staff deal with. */
  openDockingThreadsPerCommunity: number;
  /** Interfaces per project and fragmentation index so far (as in the weekly series). */
  interfacesPerProject: number;
  fragmentationIndex: number;
  /** Separate channels between the street's departments and its communities this week (see {@link dockingChannels}). */
  dockingChannels: number;
  /** Load of the staff of the communities joined: their demand ÷ their capacity. */
  staffLoadJoined: number;
  projectsInPipeline: number;
}

/** Measures of a rollout stage, averaged over its weeks (and, in a comparison, over replicates). */
export const rolloutStageMeasures = [
  'departmentLoad',
  'departmentPressure',
  'departmentPaperworkHours',
  'openDockingThreads',
  'openDockingThreadsPerCommunity',
  'interfacesPerProject',
  'fragmentationIndex',
  'dockingChannels',
  'staffLoadJoined',
] as const satisfies ReadonlyArray<keyof RolloutWeek>;
/** The name of a measure of a rollout stage: one of {@link rolloutStageMeasures}, a key of {@link RolloutWeek}. */
export type RolloutStageMeasure = (typeof rolloutStageMeasures)[number];

/** Column order of rollout.csv: the key order of {@link RolloutWeek}. */
export const rolloutWeekColumns: ReadonlyArray<keyof RolloutWeek> = [
  'week',
  'communitiesJoined',
  'householdsJoined',
  ...rolloutStageMeasures,
  'projectsInPipeline',
];

/** Follows a run week by week; see the file header. */
export class CommunityTracker {
  private state: SimulationState | null = null;
  private weeksJoined = new Float64Array(0);
  private staffLoadTotal = new Float64Array(0);
  private staffLoadPeak = new Float64Array(0);
  private overloadedWeeks = new Float64Array(0);
  private threadsTotal = new Float64Array(0);
  private threadsPeak = new Float64Array(0);
  /** The street week by week. */
  readonly weeks: RolloutWeek[] = [];

  /** Reads the week just run; pass it as `runScenario`'s `observe`. */
  observe(state: SimulationState, record: WeekRecord): void {
    const communities = state.staff.length;
    if (this.state === null) {
      this.weeksJoined = new Float64Array(communities);
      this.staffLoadTotal = new Float64Array(communities);
      this.staffLoadPeak = new Float64Array(communities).fill(Number.NaN);
      this.overloadedWeeks = new Float64Array(communities);
      this.threadsTotal = new Float64Array(communities);
      this.threadsPeak = new Float64Array(communities).fill(Number.NaN);
    }
    this.state = state;
    let joined = 0;
    let householdsJoined = 0;
    let demand = 0;
    let capacity = 0;
    let threadsJoined = 0;
    for (let community = 0; community < communities; community++) {
      if (!hasJoined(state, community)) continue;
      const team = state.staff[community] as SimulationState['staff'][number];
      joined++;
      householdsJoined += (state.householdStart[community + 1] as number) - (state.householdStart[community] as number);
      demand += team.demandHours;
      capacity += team.capacityHours;
      const staffLoad = team.demandHours / team.capacityHours;
      let threads = 0;
      for (const id of projectsOfCommunity(state, community)) threads += openThreadsOf(state.projects[id] as Project);
      threadsJoined += threads;
      this.weeksJoined[community] = (this.weeksJoined[community] as number) + 1;
      this.staffLoadTotal[community] = (this.staffLoadTotal[community] as number) + staffLoad;
      this.staffLoadPeak[community] = largerOf(this.staffLoadPeak[community] as number, staffLoad);
      if (staffLoad > 1) this.overloadedWeeks[community] = (this.overloadedWeeks[community] as number) + 1;
      this.threadsTotal[community] = (this.threadsTotal[community] as number) + threads;
      this.threadsPeak[community] = largerOf(this.threadsPeak[community] as number, threads);
    }
    this.weeks.push({
      week: record.week,
      communitiesJoined: joined,
      householdsJoined,
      departmentLoad: record.departmentLoad,
      departmentPressure: record.departmentPressure,
      departmentPaperworkHours: record.departmentPaperworkHours,
      openDockingThreads: record.openDockingThreads,
      openDockingThreadsPerCommunity: joined > 0 ? threadsJoined / joined : Number.NaN,
      interfacesPerProject: record.interfacesPerProject,
      fragmentationIndex: record.fragmentationIndex,
      dockingChannels: dockingChannels(state.projects, state.departments.length),
      staffLoadJoined: capacity > 0 ? demand / capacity : Number.NaN,
      projectsInPipeline: record.projectsDocking + record.projectsInWorks,
    });
  }

  /** One summary per community, from the last state observed. */
  summaries(): CommunitySummary[] {
    const state = this.state;
    if (state === null) return [];
    // Pairs counted by community in one pass over them: a pass per community cost communities × pairs.
    const pairs = {
      duplicate: new Float64Array(state.staff.length),
      conflict: new Float64Array(state.staff.length),
    };
    for (const pair of state.pairs) {
      const community = state.projects[pair.first]?.community;
      if (community !== undefined) pairs[pair.kind][community] = (pairs[pair.kind][community] as number) + 1;
    }
    return state.scenario.world.communities.map((_, community) =>
      this.summaryOf(state, community, {
        duplicate: pairs.duplicate[community] as number,
        conflict: pairs.conflict[community] as number,
      }),
    );
  }

  private summaryOf(state: SimulationState, community: number, pairs: { duplicate: number; conflict: number }): CommunitySummary {
    const spec = state.scenario.world.communities[community] as SimulationState['scenario']['world']['communities'][number];
    const weeksJoined = this.weeksJoined[community] as number;
    const perWeek = (total: number) => (weeksJoined > 0 ? total / weeksJoined : Number.NaN);
    const counts = { done: 0, cancelled: 0, idle: 0, pipeline: 0 };
    const approved: Project[] = [];
    let wasted = 0;
    const ids = projectsOfCommunity(state, community);
    for (const id of ids) {
      const project = state.projects[id] as Project;
      if (project.status === 'done') counts.done++;
      if (project.status === 'cancelled') counts.cancelled++;
      wasted += project.wasted;
      counts.idle += project.idleWeeks;
      counts.pipeline += project.pipelineWeeks;
      // Approved as the run summary counts them: docking started, in a plan, or done; not cancelled.
      if ((project.dockingStartWeek >= 0 || project.integrated || project.status === 'done') && project.status !== 'cancelled')
        approved.push(project);
    }
    let spent = 0;
    for (const department of state.departments) spent += department.spentByCommunity[community] as number;
    const { households, items } = state;
    const first = state.householdStart[community] as number;
    const end = state.householdStart[community + 1] as number;
    const firstItem = state.itemStart[community] as number;
    const endItem = state.itemStart[community + 1] as number;
    const joinWeek = joinWeekOf(state, community);
    return {
      community,
      name: spec.name,
      households: end - first,
      residents: spec.residents,
      joinsWeek: Number.isFinite(joinWeek) ? joinWeek : Number.NaN,
      weeksJoined,
      staffLoadMean: perWeek(this.staffLoadTotal[community] as number),
      staffLoadPeak: this.staffLoadPeak[community] as number,
      staffOverloadedWeekShare: perWeek(this.overloadedWeeks[community] as number),
      openDockingThreadsMean: perWeek(this.threadsTotal[community] as number),
      openDockingThreadsPeak: this.threadsPeak[community] as number,
      projectsTakenOn: ids.length,
      projectsDone: counts.done,
      projectsCancelled: counts.cancelled,
      interfacesPerProject: interfacesPerProject(approved),
      unintegratedShare: unintegratedShare(approved),
      fragmentationIndex: fragmentationIndex(approved),
      duplicatePairs: pairs.duplicate,
      conflictPairs: pairs.conflict,
      spent,
      wasted,
      wasteShare: wasteShare(wasted, spent),
      idleShare: idleShare(counts.idle, counts.pipeline),
      satisfaction: meanOf(households.satisfaction.subarray(first, end)),
      perceivedSatisfaction: meanOf(households.perceivedSatisfaction.subarray(first, end)),
      topFiveCoverage: topPainPointCoverage(items.topPainPoints[community] ?? new Uint32Array(0), items.met),
      needMatch: needMatch(items.communityNeed.subarray(firstItem, endItem), items.met.subarray(firstItem, endItem)),
      awareShare: flaggedShare(households.aware.subarray(first, end)),
      engagedShare: flaggedShare(households.engaged.subarray(first, end)),
      trust: meanOf(households.trust.subarray(first, end)),
    };
  }
}

function largerOf(current: number, value: number): number {
  return Number.isNaN(current) || value > current ? value : current;
}
