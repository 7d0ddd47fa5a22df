/**
 * The state of a simulated street: plain data, no behaviour. Mechanisms
 * (mechanisms/) change it, metrics (../metrics) only read it.
 *
 * Households, need items and sites are many, so they live in typed arrays
 * indexed by a global integer id (struct of arrays). Departments, community
 * staff teams and projects are few and kept as plain objects.
 *
 * Indexing: the street has communities 0..C-1; community c owns households
 * [householdStart[c], householdStart[c+1]), sites [siteStart[c], siteStart[c+1])
 * and need items [itemStart[c], itemStart[c+1]); need item = site × category,
 * `item = itemStart[c] + localSite * categoryCount + category`.
 */
import type { ModeSettings, Scenario } from '../scenario/index.js';
import type { ProjectStatus } from './project-status.js';

/** How a deliberator was chosen (0 = not a deliberator). */
export const DeliberatorRoute = { none: 0, nominated: 1, selfRecommended: 2, randomlySelected: 3 } as const;

/**
 * The households of the street as parallel typed arrays indexed by household id (0 .. count − 1), grouped by
 * community; flags are 1 (yes) or 0 (no), trust, efficacy and satisfactions lie in [0, 1].
 */
export interface HouseholdArrays {
  /** Number of households in the street. */
  count: number;
  /** Community index of each household. */
  community: Uint16Array;
  /** Building of each household, numbered within its community (0 .. buildings − 1). */
  building: Uint16Array;
  /** 1 where the household is headed by an elderly resident. */
  elderly: Uint8Array;
  /** 1 where the household is reachable on WeChat. */
  usesWeChat: Uint8Array;
  /** 1 where the household has a Party member. */
  partyMember: Uint8Array;
  /** 1 for the building leader (楼组长): the first household of each building. */
  buildingLeader: Uint8Array;
  /** Need items of household h: needItem[needStart[h] .. needStart[h+1]), weights summing to 1. */
  needStart: Uint32Array;
  /** Global need-item id of each need, each household's needs heaviest first. */
  needItem: Uint32Array;
  /** Weight of each need in its household's satisfaction, aligned with `needItem`. */
  needWeight: Float64Array;
  /** 1 once the household knows of the renewal (awareness is never lost). */
  aware: Uint8Array;
  /**
   * 1 while the household is engaged: it made a suggestion, became a deliberator or took part in an on-site
   * meeting, and has not disengaged since.
   */
  engaged: Uint8Array;
  /** Week the household last saw a response to its engagement (or engaged), or a large negative number. */
  lastResponseWeek: Int32Array;
  /** Trust in the street and community, in [0, 1]. */
  trust: Float64Array;
  /** Political efficacy (belief that speaking up changes things), in [0, 1]. */
  efficacy: Float64Array;
  /** Suggestions the household has made: they are its first `suggestionsMade` needs. */
  suggestionsMade: Uint16Array;
  /** 1 once community staff have visited the household door to door (居委会人员上门). */
  visited: Uint8Array;
  /** How the household was chosen as a deliberator: a {@link DeliberatorRoute} value, 0 if it is not one. */
  deliberatorRoute: Uint8Array;
  /** Need-weighted share of the household's needs met, in [0, 1]. */
  satisfaction: Float64Array;
  /** What the household feels, given what it expects (see metrics/satisfaction.ts). */
  perceivedSatisfaction: Float64Array;
}

/** The need items of the street (one per site and need category) as parallel typed arrays indexed by global item id. */
export interface NeedItemArrays {
  /** Number of need items: sites × need categories. */
  count: number;
  /** Community index of each item. */
  community: Uint16Array;
  /** Global site id of each item. */
  site: Uint32Array;
  /** Need category of each item (0 .. needCategories − 1). */
  category: Uint8Array;
  /** Σ over households of their need weight on the item. */
  communityNeed: Float64Array;
  /** Degree to which the need is met, 1 − Π(1 − coverage) over completed works. */
  met: Float64Array;
  /** The five most needed items of each community (by summed need weight), fixed at the start. */
  topPainPoints: Uint32Array[];
  /** Suggestions recorded for the item (mobilisation, site walks, needs voiced at on-site meetings), over all planning cycles. */
  suggestions: Uint32Array;
  /** Households with the item among their needs, as CSR: itemHouseholds[itemHouseholdStart[i] ..]. */
  itemHouseholdStart: Uint32Array;
  itemHouseholds: Uint32Array;
}

/** The sites of the street (where works can happen) as parallel typed arrays indexed by global site id. */
export interface SiteArrays {
  /** Number of sites over all communities. */
  count: number;
  /** Community index of each site. */
  community: Uint16Array;
  /** How visible the site is; departments favour visible sites. */
  visibility: Float64Array;
  /** Households with any need at the site, as CSR. */
  siteHouseholdStart: Uint32Array;
  siteHouseholds: Uint32Array;
}

/** A functional (line) department of the street, serving every community; hours are per week. */
export interface Department {
  /** Index of the department in `SimulationState.departments`. */
  id: number;
  /** Categories in the department's line (条线): primary first. */
  categories: number[];
  /** Pressure from stage-target audits (and, under a switch rule, the administrative frame), ≥ 0. */
  pressure: number;
  /** Hours demanded this week, by kind (for load and paperwork share). */
  demandHours: number;
  /** Paperwork hours asked this week (lists, work plans, implementation plans), part of `demandHours`. */
  paperworkHours: number;
  /** Share of this week's docking coordination the department can meet, in [0, 1]. */
  serviceRatio: number;
  /** Share of this week's supervision of works the department can meet, in [0, 1]; gates its works. */
  worksServiceRatio: number;
  /** Undone assessed hours (paperwork, reports, meetings; not implementation plans, which stay asked) carried into next week. */
  backlogHours: number;
  /** Money spent by the department, per community (fragmented budgets). */
  spentByCommunity: Float64Array;
}

/** The residents' committee staff of one community; hours are per week. */
export interface CommunityStaffTeam {
  /** Index of the community. */
  community: number;
  /** Staff members (the community's `communityStaff`). */
  members: number;
  /** Working hours a week: members × `staffHoursPerWeek`. */
  capacityHours: number;
  /** Undone assessed hours (reports, pushed-down preparation, meetings, visits) carried into next week. */
  backlogHours: number;
  /** Accumulated fatigue, ≥ 0: a moving average of overload (load above 1) kept with `fatigueMemory`; lowers efficiency. */
  fatigue: number;
  /** Hours asked this week: routine work plus renewal demand. */
  demandHours: number;
  /** Renewal hours asked this week: assessed work (backlog included), coordination of works and docking. */
  renewalDemandHours: number;
  /** Renewal hours done this week. */
  renewalDoneHours: number;
  /** Share of this week's docking coordination done, in [0, 1]; gates docking and the staff's attention to reviews. */
  serviceRatio: number;
  /** Share of this week's coordination of works under way done, in [0, 1]; gates works. */
  worksServiceRatio: number;
  /** This week's load: `demandHours` ÷ `capacityHours` (above 1: overloaded). */
  load: number;
}

/** One docking thread: a department confirming a project, each of its departments one (in a plan too: staff then deal with one interface). */
export interface DockingThread {
  department: number;
  weeksIntoRound: number;
  confirmed: boolean;
}

/** Where a project came from: a department's own catalogue (项目清单), or the residents' prioritised proposals. */
export type ProjectOrigin = 'department-catalogue' | 'resident-pool';

/**
 * A renewal project: one piece of works on one need item, from listing to done or cancelled. Weeks are simulation
 * weeks (1-based), −1 while not reached; money is in budget units.
 */
export interface Project {
  /** Index of the project in `SimulationState.projects`. */
  id: number;
  /** Index of its community. */
  community: number;
  origin: ProjectOrigin;
  /** Global site and need-item indices. */
  site: number;
  item: number;
  category: number;
  /** Departments needed, lead first. */
  departments: number[];
  /** Cost in budget units (log-normal with mean `projectCostMean`), spent evenly over its weeks of works. */
  cost: number;
  /** Weeks of works it needs (Poisson with mean `projectDurationWeeks`, at least 2). */
  durationWeeks: number;
  status: ProjectStatus;
  /** Part of one integrated plan cross-checked at a joint forum. */
  integrated: boolean;
  /** Channels through which staff must deal with it: its departments, or 1 under a unified plan. */
  interfaces: number;
  /** Position in the council's priority order (0 = first), or −1. */
  priorityRank: number;
  /** Docking threads, one per department needed, while it docks. */
  threads: DockingThread[];
  /** Weeks in which its works progressed. */
  progressWeeks: number;
  /** Budget units spent so far. */
  spent: number;
  /** Part of `spent` wasted: spent before cancellation, a duplicate built again, or works dug up by a conflicting project. */
  wasted: number;
  /** Coverage the project gives its need item once done (reduced by rework). */
  effectiveCoverage: number;
  /** Week it was listed. */
  listedWeek: number;
  /** Week docking began, or −1 (a pause closes docking and sets it back to −1). */
  dockingStartWeek: number;
  /** Week every department needed had confirmed its part (the project became ready), or −1. */
  questionSettledWeek: number;
  /** Week its works were completed, or −1. */
  doneWeek: number;
  /** Week it was cancelled, or −1. */
  cancelledWeek: number;
  /** Parties (bit 0 = community staff, bit d+1 = department d) that met about it in a joint or on-site forum. */
  forumParties: number;
  /** Weeks in the pipeline without progress (docking, or works due but held up). */
  idleWeeks: number;
  /** Weeks in the pipeline: docking, ready, active or idle. */
  pipelineWeeks: number;
  /** Week the project entered an integrated plan, or −1; a plan is implemented from the week after. */
  adoptedWeek: number;
  /** Whether the lead department's check before first spending has been made. */
  checkedBeforeSpend: boolean;
  /**
   * Hours of implementation plan (实施方案) each of its departments must still write before the project can
   * dock, aligned with `departments`; all zero for a project in an integrated plan (the plan is its document).
   */
  implementationPlanHoursLeft: number[];
}

/**
 * Milestones of a run, each recorded at the first week it is reached:
 *
 * - `modeChange`           the first week whose mode differs from the starting mode (a pause, a timeline
 *                           entry or a switch: in the Z Street case, the expert consultation)
 * - `participationStart`   the first week participation is on while renewal is active
 * - `integrationStart`     the first week integration is on while renewal is active
 * - `planAdopted`          the first week a community's priorities or catalogue became a plan
 *                           (adopted by the Promotion Office, or taken up by the departments)
 * - `implementationStart`  the first week projects of such a plan could be implemented (the week after adoption)
 */
export const milestoneNames = [
  'modeChange',
  'participationStart',
  'integrationStart',
  'planAdopted',
  'implementationStart',
] as const;
/** The name of a milestone of a run (see {@link milestoneNames}). */
export type MilestoneName = (typeof milestoneNames)[number];

/** Records `name` at the current week unless it was reached before. */
export function markMilestone(state: SimulationState, name: MilestoneName, week = state.week): void {
  if (state.milestones[name] === undefined) state.milestones[name] = week;
}

/** One change of a project's status. */
export interface StatusChange {
  project: number;
  week: number;
  from: ProjectStatus;
  to: ProjectStatus;
}

/** How two projects at one site clash: `duplicate` (the same need item) or `conflict` (incompatible categories). */
export type PairKind = 'duplicate' | 'conflict';

/** Two projects at one site that duplicate or conflict with each other. */
export interface ProjectPair {
  kind: PairKind;
  first: number;
  second: number;
  formedWeek: number;
  /** Week caught by a forum or check, or −1. */
  caughtWeek: number;
  caughtBeforeSpend: boolean;
  /** Week the damage happened (duplicate built, conflicting work built over), or −1. */
  realisedWeek: number;
}

/** Where a community stands in the co-production sub-phases (weeks counted from their start). */
export interface ParticipationProgress {
  startWeek: number;
  deliberatorsSelected: boolean;
  /** Households chosen as deliberators, in order of selection. */
  deliberators: number[];
  /** Sites in the order the volunteers walk them, and how many are walked. */
  walkOrder: number[];
  sitesWalked: number;
  councilMeetingsHeld: number;
  /** Proposal items in the pool, with accumulated urgency and importance scores. */
  proposals: Map<number, { urgency: number; importance: number; scorings: number; copies: number }>;
  priorityOrder: number[];
  planAdopted: boolean;
  lastMeetingAttendance: number;
}

/** Where one community stands in planning: catalogues listed, integration's plan, and participation's sub-phases. */
export interface CommunityProgress {
  /** Index of the community. */
  community: number;
  /** Whether departments have listed their catalogues for the community (as they do while participation is off). */
  catalogueListed: boolean;
  /** Budget year in which the catalogues were last listed. */
  catalogueYear: number;
  /** Week integration last switched on for the community (its plan and meeting schedule count from it), or −1. */
  integrationStartWeek: number;
  /** Whether the current cycle's integrated plan has been adopted. */
  integratedPlanAdopted: boolean;
  /** The current planning cycle's participation sub-phases, or null until participation first starts in the community. */
  participation: ParticipationProgress | null;
}

/** The street leadership's side of a run: the events reached, and what drives an endogenous switch of mode. */
export interface Leadership {
  /** Week the leadership decided to switch (switch rule), or −1. */
  switchWeek: number;
  /** Whether the switch rule's expert team is present this week (from `expertFromWeek`). */
  expertPresent: boolean;
  /** Week the dilemma was reframed as a problem of the approach (by an expert or alone), or −1. */
  reframedWeek: number;
  /** Operational dilemma observed at the end of the last week, in [0, 1]. */
  dilemma: number;
  /** Switching hazard of the current week. */
  hazard: number;
  /** Events of the run (timeline entries reached, switch decided), in order. */
  events: Array<{ week: number; event: string }>;
}

/** Per-week tallies that metrics read; reset at the start of each week. */
export interface WeekTally {
  progressedProjects: number;
  idleProjects: number;
  settledQuestions: number;
  settleWeeksTotal: number;
  jointMeetingHeld: boolean;
  onSiteMeetings: number;
  councilMeetingHeld: boolean;
  auditHeld: boolean;
  pairsCaughtBeforeSpend: number;
  pairsCaughtAfterSpend: number;
}

/** Run-long tallies that the summary reads. */
export interface RunTally {
  spent: number;
  wasted: number;
  renewalHours: number;
  pipelineWeeks: number;
  idleWeeks: number;
  settledQuestions: number;
  settleWeeksTotal: number;
  expertHours: number;
  councilMeetings: number;
  jointMeetings: number;
  onSiteMeetings: number;
  audits: number;
}

/**
 * A sum of a household array taken in household order, as a plain loop
 * `total += values[h]` from 0 would take it, kept between weeks: the running
 * total at the end of every block of {@link orderedSumBlock} households is kept,
 * so after a change only the blocks from the first changed household on are
 * added again — giving the very same floating-point total as a loop over all.
 */
export interface OrderedSum {
  /** The total over all households, valid when `firstChanged` is the household count. */
  total: number;
  /** Running total at the end of each block of households. */
  checkpoints: Float64Array;
  /** The lowest household whose value may have changed since `total` was taken (the count when none). */
  firstChanged: number;
}

/** Households per checkpoint of an {@link OrderedSum}. */
export const orderedSumBlock = 64;

/**
 * Counts and sums over households kept up to date where households change
 * (model/ledger.ts), so that a week costs what changed in it rather than a
 * pass over every household.
 */
export interface HouseholdLedger {
  /** Households aware of the renewal. */
  awareCount: number;
  /** Households engaged, in all and per community. */
  engagedCount: number;
  engagedByCommunity: Uint32Array;
  /** Suggestions recorded over all need items. */
  suggestionTotal: number;
  /** Need items whose met degree changed since satisfaction was last brought up to date. */
  changedItems: number[];
  /** Households whose satisfaction must be recomputed (each listed once; `stale` marks them). */
  staleHouseholds: number[];
  stale: Uint8Array;
  /**
   * Whether every household's satisfaction must be recomputed: at the start, after changes made outside the
   * mechanisms, or when more than a quarter of the households are stale (the list then stops growing).
   */
  recomputeAll: boolean;
  /**
   * Engaged households left without a response for longer than `responseMemoryWeeks`, ascending (a superset:
   * those answered since are dropped as the list is walked each week).
   */
  unanswered: number[];
  /** Households to look at again in a week when their wait for a response may have run out: week → households. */
  waitEnds: Map<number, number[]>;
  /** Per household: bit 0 set while it is listed in `waitEnds`, bit 1 while it is in `unanswered`. */
  waitFlags: Uint8Array;
  /** The last week whose `waitEnds` were taken into `unanswered`. */
  waitEndsTakenThrough: number;
  /** Whether `unanswered` and `waitEnds` must be rebuilt from every household (at the start, after outside changes). */
  rebuildUnanswered: boolean;
  satisfaction: OrderedSum;
  perceivedSatisfaction: OrderedSum;
  trust: OrderedSum;
  efficacy: OrderedSum;
}

/** Projects by community, and pair counts, kept up to date as projects and pairs are added (model/ledger.ts). */
export interface ProjectIndex {
  /** Projects `projects[0 .. indexed)` are in the index. */
  indexed: number;
  /** Ids of each community's projects, in the order they were listed. */
  byCommunity: number[][];
  /**
   * Whether every indexed project lies at a site of its own community, at its need item's site: then the
   * projects at a site, or on a need item, are all in the list of the site's community.
   */
  sitesWithinCommunity: boolean;
  /** Pairs `pairs[0 .. pairsCounted)` are in the counts. */
  pairsCounted: number;
  duplicatePairs: number;
  conflictPairs: number;
}

/** The whole state of a simulated street at the end of a week: plain data that mechanisms change and metrics read. */
export interface SimulationState {
  /** The parsed scenario being run. */
  readonly scenario: Scenario;
  /** The current week (1-based); 0 before the first week. */
  week: number;
  /** The mode of the current week. */
  mode: ModeSettings;
  /** The scenario's mode in week 1, before any timeline entry or switch. */
  readonly startingMode: ModeSettings;
  /** Need categories (`world.needCategories`). */
  readonly categoryCount: number;
  /** Conflicts between need categories: `conflicts[a * categoryCount + b]` is 1 where works of categories a and b clash. */
  readonly conflicts: Uint8Array;
  /** First household of each community, and the household count last (length communities + 1). */
  readonly householdStart: Uint32Array;
  /** First site of each community, and the site count last. */
  readonly siteStart: Uint32Array;
  /** First need item of each community, and the item count last. */
  readonly itemStart: Uint32Array;
  readonly households: HouseholdArrays;
  readonly items: NeedItemArrays;
  readonly sites: SiteArrays;
  readonly departments: Department[];
  /** Staff teams, one per community, in community order. */
  readonly staff: CommunityStaffTeam[];
  /** Every project listed so far, by id. */
  readonly projects: Project[];
  /** Every status change of every project, in order (a few per project). */
  readonly statusChanges: StatusChange[];
  /** Every duplicate or conflicting pair of projects formed so far. */
  readonly pairs: ProjectPair[];
  /** Planning progress, one per community, in community order. */
  readonly progress: CommunityProgress[];
  /** Street leadership (街道党工委): events of the timeline, the switch decision and what drives it. */
  readonly leadership: Leadership;
  /** Tallies of the current week. */
  weekTally: WeekTally;
  /** Set when a need item's met degree changes; residents recompute satisfaction then. */
  metChanged: boolean;
  /** Aware households when satisfaction was last recomputed (awareness only ever grows). */
  awareCountAtLastUpdate: number;
  /** Running counts and sums over households (see {@link HouseholdLedger}). */
  readonly householdLedger: HouseholdLedger;
  /** Projects by community and pair counts (see {@link ProjectIndex}). */
  readonly projectIndex: ProjectIndex;
  /** Hours the week's meetings, visits and reports add, per staff team and per department. */
  readonly extraHours: { staff: Float64Array; department: Float64Array };
  /** Indices into `pairs` of each project's pairs. */
  readonly pairsByProject: number[][];
  /** Tallies over the run so far. */
  readonly runTally: RunTally;
  /**
   * First week each milestone of the run was reached (see {@link milestoneNames}):
   * facts and reports place their windows by these, not by fixed week numbers.
   */
  readonly milestones: Partial<Record<MilestoneName, number>>;
  /**
   * State owned by model extensions, by extension name (plain data: numbers,
   * text, arrays, typed arrays, maps and objects of them, so snapshots can hold it).
   */
  readonly extensions: Record<string, unknown>;
}

export function emptyWeekTally(): WeekTally {
  return {
    progressedProjects: 0,
    idleProjects: 0,
    settledQuestions: 0,
    settleWeeksTotal: 0,
    jointMeetingHeld: false,
    onSiteMeetings: 0,
    councilMeetingHeld: false,
    auditHeld: false,
    pairsCaughtBeforeSpend: 0,
    pairsCaughtAfterSpend: 0,
  };
}
