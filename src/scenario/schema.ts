/**
 * The scenario schema: the one definition of what a scenario file may hold.
 * Types are inferred from it; parsing fills every default; unknown keys are
 * errors. Parameters carry their basis tag and plausible range (see
 * parameter.ts and docs/parameters.md, generated from this file).
 */
import * as z from 'zod';
import { wholeNumberText } from '../core/index.js';
import { resolveMode } from './modes.js';
import { amountParameter, countParameter, numberParameter, probabilityParameter } from './parameter.js';

/**
 * Text that goes into tables, file names and reports as it is: one line, no
 * control characters, line or paragraph separators or text-direction overrides
 * (which would reorder what a terminal or a page shows), at most 200 characters.
 */
export const oneLineText = z
  .string()
  .min(1)
  .max(200, 'expected at most 200 characters')
  .regex(
    /^[^\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]*$/u,
    'expected one line of text without control characters (no line breaks, tabs or text-direction overrides)',
  );

/** Most households in one community: the scenario schema's limit on a community's `households`. */
export const maximumCommunityHouseholds = 100_000;

/** Y's resident population (常住人口), the default of a community's residents. */
const yResidents = 6759;

/** A community of the street: its households, sites and residents' committee staff. */
export const communitySchema = z
  .object({
    name: oneLineText.meta({ description: 'Name used in outputs: one line, at most 200 characters.' }),
    households: numberParameter(2253, {
      description: 'Households (户) living in the community; Y has 2253.',
      basis: 'P',
      unit: 'households',
      integer: true,
      hardMinimum: 1,
      hardMaximum: maximumCommunityHouseholds,
    }),
    residents: countParameter(yResidents, {
      description:
        'Resident population (常住人口), at least one per household; Y has 6759, i.e. 3.0 per household. Reported only.',
      basis: 'P',
      unit: 'persons',
      hardMaximum: 1_000_000,
    }),
    buildings: numberParameter(40, {
      description: 'Residential buildings, each with a building leader (楼组长).',
      basis: 'A',
      range: [20, 80],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 5_000,
    }),
    sites: numberParameter(60, {
      description: 'Sites where works can happen (courtyards, paths, facades, corners).',
      basis: 'A',
      range: [30, 120],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 5_000,
    }),
    communityStaff: numberParameter(8, {
      description: "Residents' committee staff (社区工作人员).",
      basis: 'A',
      range: [5, 12],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 1_000,
    }),
    joinsWeek: z.number().int().min(1).max(5200).nullable().optional().meta({
      description:
        'Week the community joins the renewal (a rollout in batches): before it the community does no renewal — no catalogue, participation, docking, projects or meetings; from it, it works under the street’s mode of the week. Absent: week 1, from the start. null: never (a community outside the renewal programme, such as a newer estate); its staff and households are still simulated.',
    }),
  })
  .strict()
  .superRefine((community, context) => {
    if (community.residents < community.households)
      context.addIssue({
        code: 'custom',
        path: ['residents'],
        message: `expected at least one resident per household (${community.households} households), got ${community.residents}${community.residents === yResidents ? ', the default (Y’s residents) where a community gives none: give its residents' : ''}; Y has 3.0 per household`,
      });
  })
  .meta({ description: 'A community: its households and residents, buildings, sites, staff and the week it joins the renewal.' });

/**
 * Whether two scenarios have one world (compared whole, defaults filled in): paired replicates of scenarios of
 * different worlds share seeds but draw other households, needs and projects, so their differences measure more
 * than the mode.
 */
export function sameWorld(a: { world: unknown }, b: { world: unknown }): boolean {
  return JSON.stringify(a.world) === JSON.stringify(b.world);
}

/** Households of a world over all its communities. */
export function totalHouseholds(communities: ReadonlyArray<{ households: number }>): number {
  let total = 0;
  for (const community of communities) total += community.households;
  return total;
}

/** Most communities in one world: Shanghai has about 6,000 (see docs); more is no longer a city. */
export const maximumCommunities = 10_000;
/** Most households in one world, over all its communities: Shanghai has about 8 million. */
export const maximumHouseholds = 10_000_000;

/**
 * The world of a scenario: its communities; their need items and households; the street's departments and weekly
 * working hours; each community's yearly renewal budget (budget units); and the cost, duration and coverage of projects.
 */
export const worldSchema = z
  .object({
    communities: z
      .array(communitySchema)
      .min(1)
      .max(maximumCommunities, `expected at most ${maximumCommunities} communities (a whole city has about 6,000)`)
      .prefault([{ name: 'Y' }])
      .meta({ description: 'Communities of the street; departments serve all of them.' })
      .superRefine((communities, context) => {
        // A community is known by its name in communities.csv and the rollout, and in a city by <street>/<name>.
        const named = new Map<string, number>();
        communities.forEach((community, index) => {
          const earlier = named.get(community.name);
          if (earlier === undefined) named.set(community.name, index);
          else
            context.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `${JSON.stringify(community.name)} is also the name of world.communities[${earlier}]: give each community of a street a name of its own`,
            });
        });
        const households = totalHouseholds(communities);
        if (households > maximumHouseholds)
          context.addIssue({
            code: 'custom',
            message: `expected at most ${wholeNumberText(maximumHouseholds)} households over all communities (a whole city has about 8 million), got ${wholeNumberText(households)}`,
          });
      }),
    needCategories: numberParameter(8, {
      description: 'Need categories (facades, greening, parking, drainage, lighting, elderly facilities, public space, waste).',
      basis: 'A',
      range: [5, 10],
      integer: true,
      hardMinimum: 2,
      hardMaximum: 10,
    }),
    needItemsPerHousehold: numberParameter(3, {
      description: 'Mean number of need items (site × category) a household cares about.',
      basis: 'A',
      range: [2, 5],
      hardMinimum: 1,
      hardMaximum: 10,
    }),
    needSalienceSpread: amountParameter(1.2, {
      description: 'Log-scale spread of how widely felt each need item is; larger means a few pain points dominate.',
      basis: 'A',
      range: [0.6, 1.8],
      hardMaximum: 10,
    }),
    localNeedShare: probabilityParameter(0.6, {
      description: "Share of a household's need items at sites next to its own building.",
      basis: 'A',
      range: [0.4, 0.8],
    }),
    elderlyShare: probabilityParameter(0.35, {
      description: 'Share of households headed by an elderly resident (old neighbourhoods age fast).',
      basis: 'A',
      range: [0.2, 0.5],
    }),
    weChatShare: probabilityParameter(0.7, {
      description: 'Share of households reachable on WeChat; lower among the elderly.',
      basis: 'A',
      range: [0.5, 0.9],
    }),
    partyMemberShare: probabilityParameter(0.08, {
      description: 'Share of households with a Party member (reached by party-branch meetings).',
      basis: 'A',
      range: [0.04, 0.15],
    }),
    departments: numberParameter(8, {
      description: 'Functional (line) departments (职能部门) of the street working on renewal.',
      basis: 'A',
      range: [5, 15],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 30,
    }),
    departmentHoursPerWeek: amountParameter(40, {
      description:
        'Working hours a week of each department for this street; its other work (parameters.departments.routineLoad) takes a share, the rest goes to the renewal.',
      basis: 'A',
      unit: 'hours/week',
      range: [20, 80],
      hardMinimum: 1,
      hardMaximum: 10_000,
    }),
    staffHoursPerWeek: amountParameter(40, {
      description: 'Working hours of one community staff member.',
      basis: 'A',
      unit: 'hours/week',
      range: [40, 50],
      hardMinimum: 1,
      hardMaximum: 168,
    }),
    budget: amountParameter(1, {
      description:
        'Renewal budget of each community per budget year (52 weeks, counted from the week it joins), in budget units (one unit = the pilot’s first-year budget); unspent money carries over. When a budget year begins, departments list new catalogue projects (participation off), or a new planning cycle starts once a plan has been adopted or priorities taken up (participation on: co-production or participation only).',
      basis: 'A',
      unit: 'budget units',
      hardMaximum: 1_000_000,
    }),
    projectCostMean: amountParameter(0.04, {
      description: 'Mean cost of one project (log-normal).',
      basis: 'A',
      unit: 'budget units',
      range: [0.02, 0.08],
      hardMaximum: 1_000,
    }),
    projectCostSpread: amountParameter(0.5, {
      description: 'Log-scale spread of project costs.',
      basis: 'A',
      range: [0.2, 0.8],
      hardMaximum: 10,
    }),
    projectDurationWeeks: amountParameter(8, {
      description: 'Mean weeks of works a project needs once under way (Poisson, at least 2).',
      basis: 'A',
      unit: 'weeks',
      range: [4, 16],
      hardMaximum: 520,
    }),
    projectCoverage: probabilityParameter(0.8, {
      description: 'How fully a completed project meets the need item it addresses.',
      basis: 'A',
      range: [0.6, 1],
    }),
  })
  .strict();

/**
 * A governance mode spelt out as its mechanisms: participation and integration on or off, stage-target pressure
 * high or low, and renewal active or paused (default active).
 */
export const modeSettingsSchema = z
  .object({
    participation: z.boolean().meta({
      description: 'Residents mobilised, deliberative council, needs-based priorities (居民意见的表达与整合).',
    }),
    integration: z.boolean().meta({
      description: 'One integrated plan with one interface, joint and on-site meetings (部门协同与流程再造).',
    }),
    pressure: z.enum(['high', 'low']).meta({
      description: 'Stage-target audits pushing work down (目标阶段控制, 压力向下传导) when high.',
    }),
    renewal: z
      .enum(['active', 'paused'])
      .default('active')
      .meta({ description: 'paused: all renewal work frozen and docking threads closed (暂停).' }),
  })
  .strict()
  .meta({
    description:
      'The mechanisms spelt out: participation and integration on or off, pressure high or low, renewal active or paused.',
  });

/** The names of the mode presets (see `modePresets` for the settings each stands for). */
export const presetNames = ['administrative-led', 'co-production', 'pause', 'participation-only', 'integration-only'] as const;

/** A mode as a scenario may give it: a preset name from `presetNames`, or explicit `modeSettingsSchema` settings. */
export const modeSchema = z.union([z.enum(presetNames), modeSettingsSchema]).meta({
  description: `A preset name (${presetNames.join(', ')}) or an explicit setting of the mechanisms.`,
});

export const staffParametersSchema = z
  .object({
    routineLoad: probabilityParameter(0.8, {
      description:
        'Routine (non-renewal) work as a share of staff capacity (residents’ committees carry many daily tasks and meetings).',
      basis: 'A',
      range: [0.6, 0.95],
    }),
    fatigueSteepness: amountParameter(1, {
      description: 'How fast efficiency falls as fatigue accumulates from load above 1 (overload cascades).',
      basis: 'L',
      range: [0.5, 2],
      hardMaximum: 1_000,
    }),
    backlogCarryShare: probabilityParameter(0.5, {
      description:
        'Share of undone assessed hours (reports, pushed-down preparation, meetings, door-to-door visits, carried backlog) carried into next week; the rest lapses (inactive cases).',
      basis: 'L',
      range: [0.3, 0.8],
    }),
    hoursPerWorksWeek: amountParameter(1, {
      description:
        'Community staff hours a week of works in progress needs on site (notices, residents’ questions, access), in the coordination tier.',
      basis: 'A',
      unit: 'hours/week',
      range: [0.5, 3],
      hardMaximum: 168,
    }),
    fatigueMemory: probabilityParameter(0.7, {
      description: 'Share of last week’s fatigue that carries into this week.',
      basis: 'A',
      range: [0.5, 0.9],
    }),
  })
  .strict();

export const departmentParametersSchema = z
  .object({
    routineLoad: probabilityParameter(0.55, {
      description: "Departments' other work (other communities, line duties) as a share of their working hours for the street.",
      basis: 'A',
      range: [0.4, 0.7],
    }),
    backlogCarryShare: probabilityParameter(0.5, {
      description:
        'Share of the undone assessed hours of a department (paperwork other than implementation plans, reports, meetings, carried backlog) carried into next week; the rest lapses. Implementation plans stay asked until written.',
      basis: 'A',
      range: [0.3, 0.8],
    }),
    paperworkHoursPerProject: amountParameter(1.5, {
      description:
        'Weekly paperwork (lists, work plans) at pressure 0 for each interface department of an open project outside a plan, and of a plan project in docking or works (a plan project still listed asks none); implementation plans are implementationPlanHours.',
      basis: 'A',
      unit: 'hours/week',
      range: [0.5, 3],
      hardMaximum: 1_000,
    }),
    implementationPlanHours: amountParameter(16, {
      description:
        'Hours of implementation plan (实施方案) each department writes for a project of its own before it can dock it; a project in an integrated plan has the plan as its document.',
      basis: 'A',
      unit: 'hours',
      range: [8, 40],
      hardMaximum: 1_000,
    }),
    supervisionHoursPerProject: amountParameter(3, {
      description: 'Weekly hours the lead department spends supervising a project in works (ready, active or idle).',
      basis: 'A',
      unit: 'hours/week',
      range: [2, 6],
      hardMaximum: 1_000,
    }),
    projectsPerDepartment: numberParameter(3, {
      description: 'Projects each department lists from its own catalogue (项目清单).',
      basis: 'A',
      range: [2, 5],
      integer: true,
      hardMinimum: 0,
      hardMaximum: 20,
    }),
    crossDepartmentShare: probabilityParameter(0.3, {
      description: 'Share of projects that need more than one department.',
      basis: 'A',
      range: [0.1, 0.5],
    }),
    catalogueNeedCorrelation: probabilityParameter(0.2, {
      description: "How far departments' catalogues follow residents' needs (0: not at all).",
      basis: 'A',
      range: [0, 0.4],
    }),
    siteVisibilitySpread: amountParameter(1, {
      description: 'Log-scale spread of site visibility; departments favour visible sites (showcase logic).',
      basis: 'I',
      range: [0.5, 1.5],
      hardMaximum: 10,
    }),
  })
  .strict();

export const dockingParametersSchema = z
  .object({
    staffHoursPerThreadWeek: amountParameter(3, {
      description: 'Community staff hours one open docking thread costs a week (对接).',
      basis: 'A',
      unit: 'hours/week',
      range: [1, 6],
      hardMaximum: 168,
    }),
    departmentHoursPerThreadWeek: amountParameter(2, {
      description: 'Department hours one open docking thread costs a week.',
      basis: 'A',
      unit: 'hours/week',
      range: [1, 4],
      hardMaximum: 168,
    }),
    officeLoopWeeksPerRound: numberParameter(3, {
      description:
        'Weeks per round of office meeting → separate confirmation in the community → office meeting, through which a project outside a plan is confirmed one department at a time (a plan project is taken up at an on-site meeting each week the staff can organise one).',
      basis: 'I',
      unit: 'weeks',
      range: [2, 4],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 12,
    }),
    confirmationChance: probabilityParameter(0.6, {
      description:
        'Chance that a department at a meeting about a project confirms its part, when the positions of all the departments the project needs are in hand; scaled by the share that is (those present, or already confirmed). One rule for office meetings and on-site meetings.',
      basis: 'A',
      range: [0.4, 0.8],
    }),
    concurrentProjectsPerDepartment: numberParameter(2, {
      description:
        'Projects a lead department takes into docking or works at once (counted over all communities), in the order they were listed, when no stage-target pressure makes it start everything at once; a plan lists its new projects in the council’s priority order.',
      basis: 'A',
      range: [1, 4],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 50,
    }),
  })
  .strict();

export const pressureParametersSchema = z
  .object({
    auditIntervalWeeks: numberParameter(4, {
      description: 'Weeks between stage-target audits by the Promotion Office as evaluator (督查考核).',
      basis: 'A',
      unit: 'weeks',
      range: [2, 8],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 52,
    }),
    stageTargetWeeks: numberParameter(26, {
      description: 'Weeks by which the stage targets expect every listed project done (倒排工作进度).',
      basis: 'A',
      unit: 'weeks',
      range: [16, 52],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 520,
    }),
    gainPerAudit: amountParameter(1, {
      description:
        'How an audit raises pressure: to at least 0.2 + this × the gap between target and actual progress (pressure already higher is kept).',
      basis: 'A',
      range: [0.5, 2],
      hardMaximum: 1_000,
    }),
    decayPerWeek: probabilityParameter(0.1, {
      description: 'Share of department pressure that fades each week.',
      basis: 'A',
      unit: 'share per week',
      range: [0.05, 0.3],
    }),
    pushdownShare: probabilityParameter(0.3, {
      description: 'Share of department preparation work pushed down to community staff per unit of pressure (capped at 0.9).',
      basis: 'I',
      range: [0.1, 0.5],
    }),
    preparationHoursPerProject: amountParameter(6, {
      description:
        'Weekly preparation work (surveys, notices, forms) per department of a project in docking or works (a project outside a plan needing three departments asks three times this).',
      basis: 'A',
      unit: 'hours/week',
      range: [3, 12],
      hardMaximum: 1_000,
    }),
    reportHoursPerAudit: amountParameter(4, {
      description:
        'Report hours an audit adds per unit of pressure: to each department times its own pressure, and to each staff team of a community in the renewal times the departments’ mean pressure.',
      basis: 'A',
      unit: 'hours',
      range: [2, 8],
      hardMaximum: 1_000,
    }),
  })
  .strict();

export const detectionParametersSchema = z
  .object({
    reviewRecall: probabilityParameter(0.7, {
      description:
        'Chance that a reviewer who knows both of two clashing projects, giving the review full attention, notices the clash. The same for every reviewer: a department over its own list, community staff over what they have docked at the site, a joint forum over the pooled lists, residents over the works they can see.',
      basis: 'A',
      range: [0.5, 0.9],
    }),
    conflictReworkShare: probabilityParameter(0.5, {
      description: 'Share of the earlier project undone (and its spend wasted) when a conflicting one is built over it.',
      basis: 'A',
      range: [0.3, 1],
    }),
  })
  .strict();

export const jointMeetingParametersSchema = z
  .object({
    intervalWeeks: numberParameter(2, {
      description: 'Weeks between joint meetings of all related departments (每两周).',
      basis: 'P',
      unit: 'weeks',
      integer: true,
      hardMinimum: 1,
      hardMaximum: 52,
    }),
    leadersAttendChance: probabilityParameter(0.9, {
      description: 'Chance the street leaders attend, making the meeting’s decisions binding (基本每次).',
      basis: 'P',
      range: [0.8, 1],
    }),
    departmentAttendance: probabilityParameter(0.85, {
      description:
        'Chance each department sends someone to a joint meeting, and each department a project needs other than its lead (always there) to its on-site meeting.',
      basis: 'A',
      range: [0.7, 0.95],
    }),
    hoursPerMeeting: amountParameter(2, {
      description:
        'Hours a joint meeting costs each attending department and the community staff; a council meeting costs the community staff twice this.',
      basis: 'A',
      unit: 'hours',
      range: [1, 4],
      hardMaximum: 168,
    }),
  })
  .strict();

export const channelSchema = (reachPerWeek: number, description: string) =>
  probabilityParameter(reachPerWeek, {
    description: `Weekly chance that ${description} reaches a household it can reach.`,
    basis: 'A',
    range: [Math.max(0, reachPerWeek / 2), Math.min(1, reachPerWeek * 2)],
  });

export const mobilisationParametersSchema = z
  .object({
    weeks: numberParameter(8, {
      description: 'Length of the mobilisation sub-phase.',
      basis: 'A',
      unit: 'weeks',
      range: [4, 12],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 52,
    }),
    openLetterReach: channelSchema(0.12, 'an open letter (公开信)'),
    buildingLeaderReach: channelSchema(0.08, 'a building-leader meeting (楼组长会议), via the leader of its building,'),
    partyBranchReach: channelSchema(0.3, 'a party-branch meeting (党支部会议), for households with a Party member,'),
    weChatAccountReach: channelSchema(0.08, 'the community WeChat account (社区公众号), for WeChat users,'),
    weChatGroupReach: channelSchema(0.1, 'a residents’ WeChat group (居民微信群), for WeChat users,'),
    doorToDoorStaffHoursPerWeek: amountParameter(40, {
      description:
        'Staff hours a week a community’s staff give at most to door-to-door visits (居委会人员上门) during mobilisation; only the visits made, to households the other channels missed that week, are charged.',
      basis: 'A',
      unit: 'hours/week',
      range: [20, 80],
      hardMaximum: 10_000,
    }),
    doorToDoorHoursPerVisit: numberParameter(0.5, {
      description: 'Staff hours per door-to-door visit; visits go to households not yet aware, the elderly first.',
      basis: 'A',
      unit: 'hours',
      range: [0.25, 1],
      hardMinimum: 0.01,
      hardMaximum: 168,
    }),
    offlineVoiceShare: probabilityParameter(0.5, {
      description:
        'Weekly chance of a suggestion from an aware household off WeChat that staff have not visited door to door, relative to one on WeChat or visited: the residents’ WeChat group and the visit are where suggestions are taken down, so the elderly and households off WeChat are under-voiced unless visited (1: no difference).',
      basis: 'A',
      range: [0.25, 1],
    }),
    suggestionChance: probabilityParameter(0.12, {
      description:
        'Weekly chance an aware household with a channel (WeChat, a visit or a deliberator), the starting trust and efficacy, and a need of weight 0.5 makes a suggestion.',
      basis: 'A',
      range: [0.05, 0.25],
    }),
  })
  .strict();

export const deliberationParametersSchema = z
  .object({
    selectionOffsetWeeks: numberParameter(5, {
      description:
        'Week of deliberator selection counted from the start of participation (0-based); later planning cycles keep the same deliberators.',
      basis: 'A',
      unit: 'weeks',
      range: [3, 8],
      integer: true,
      hardMinimum: 0,
      hardMaximum: 52,
    }),
    nominated: countParameter(14, {
      description: 'Deliberators nominated by the community (社区推选), leaning to Party members and building leaders.',
      basis: 'P',
      range: [12, 17],
      hardMaximum: 10_000,
    }),
    selfRecommended: countParameter(14, {
      description: 'Deliberators by self-recommendation (自我举荐), leaning to high efficacy.',
      basis: 'P',
      range: [12, 17],
      hardMaximum: 10_000,
    }),
    randomlySelected: countParameter(14, {
      description: 'Deliberators by random selection (随机选择), stratified by building.',
      basis: 'P',
      range: [12, 17],
      hardMaximum: 10_000,
    }),
    randomAcceptance: probabilityParameter(0.3, {
      description:
        'Chance a randomly invited household accepts; far above the 1.7% of national sortition invitations, since the invitation comes from the community itself.',
      basis: 'A',
      range: [0.1, 0.5],
    }),
    attendance: probabilityParameter(0.85, {
      description: 'Chance a deliberator attends a council meeting.',
      basis: 'A',
      range: [0.7, 0.95],
    }),
    siteWalkWeeks: numberParameter(2, {
      description: 'Weeks of site walks right after selection.',
      basis: 'A',
      unit: 'weeks',
      integer: true,
      hardMinimum: 0,
      hardMaximum: 12,
      range: [1, 4],
    }),
    volunteers: countParameter(8, {
      description: 'Student volunteers (学生志愿者) walking the sites with deliberators.',
      basis: 'A',
      range: [5, 20],
      hardMaximum: 10_000,
    }),
    sitesPerVolunteerWeek: amountParameter(4, {
      description: 'Sites one volunteer covers in a week of site walks.',
      basis: 'A',
      unit: 'sites per volunteer-week',
      range: [2, 8],
      hardMaximum: 1_000,
    }),
    walkFidelity: probabilityParameter(0.8, {
      description: 'Chance a deliberator’s need at a walked site, and the site’s most-needed item, is recorded as a suggestion.',
      basis: 'A',
      range: [0.6, 1],
    }),
    councilMeetings: numberParameter(4, {
      description:
        'Council meetings (数次议事会) in a planning cycle, councilIntervalWeeks apart, the first at the end of mobilisation (or the week after selection, if later).',
      basis: 'P',
      range: [3, 6],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 20,
    }),
    councilIntervalWeeks: numberParameter(2, {
      description: 'Weeks between council meetings.',
      basis: 'A',
      unit: 'weeks',
      integer: true,
      hardMinimum: 1,
      hardMaximum: 8,
    }),
    proposalsPerMeeting: numberParameter(30, {
      description: 'Proposals one council meeting can take up; the most supported not yet discussed come first.',
      basis: 'A',
      range: [15, 60],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 1000,
    }),
    scoringNoise: amountParameter(0.3, {
      description: 'Spread of a deliberator’s urgency and importance scores around what the item means to the community.',
      basis: 'A',
      range: [0.1, 0.6],
      hardMaximum: 10,
    }),
    matchingWeeks: numberParameter(4, {
      description: 'Weeks the Promotion Office needs to match priorities to pooled resources into one plan.',
      basis: 'A',
      unit: 'weeks',
      range: [2, 8],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 26,
    }),
    expertsPresent: z.boolean().default(true).meta({
      description:
        'Experts (专家团队) facilitate the council: merging of duplicate proposals is complete with them, partial without.',
      basis: 'P',
    }),
    mergeRecallWithoutExperts: probabilityParameter(0.6, {
      description: 'Chance a duplicate proposal is recognised and merged when no expert facilitates.',
      basis: 'A',
      range: [0.4, 0.8],
    }),
    expertHoursPerMeeting: amountParameter(6, {
      description: 'Expert facilitation hours per council meeting (reported).',
      basis: 'A',
      unit: 'hours',
      hardMaximum: 168,
    }),
  })
  .strict();

export const residentParametersSchema = z
  .object({
    initialTrust: probabilityParameter(0.4, {
      description: 'Mean initial trust in the street and community.',
      basis: 'A',
      range: [0.3, 0.5],
    }),
    trustGain: probabilityParameter(0.03, {
      description: 'Share of the distance to full trust that a positive event closes.',
      basis: 'L',
      range: [0.01, 0.05],
    }),
    trustLoss: probabilityParameter(0.09, {
      description: 'Share of trust a negative event removes; losses weigh more than gains (loss/gain 1.5–5).',
      basis: 'L',
      range: [0.045, 0.15],
    }),
    initialEfficacy: probabilityParameter(0.3, {
      description: 'Mean initial political efficacy (belief that speaking up changes things).',
      basis: 'A',
      range: [0.2, 0.4],
    }),
    efficacyGain: probabilityParameter(0.15, {
      description:
        'Share of the distance to full efficacy that an adopted suggestion closes; half of it, as a share of the household’s efficacy, is what a household loses when none of its suggestions is adopted or taken up, and when it disengages for want of a response.',
      basis: 'A',
      range: [0.05, 0.3],
    }),
    visibleWorksAwareness: probabilityParameter(0.05, {
      description: 'Weekly chance that works at a site a household cares about make it aware of the renewal.',
      basis: 'I',
      range: [0.02, 0.1],
    }),
    objectionChance: probabilityParameter(0.5, {
      description:
        'Weekly chance that works are held up by objections where every household with needs at the site was never told, scaled by the share never told; also the chance that a never-told household is drawn into the dispute and so learns of the renewal, a negative trust event.',
      basis: 'I',
      range: [0.2, 0.8],
    }),
    responseMemoryWeeks: numberParameter(12, {
      description:
        'Weeks an engaged household stays engaged without a visible response (its suggestion taken up or adopted, works at a site where it has a need, an on-site meeting settling a project at its site).',
      basis: 'A',
      unit: 'weeks',
      range: [6, 26],
      integer: true,
      hardMinimum: 1,
      hardMaximum: 520,
    }),
    disengagementChance: probabilityParameter(0.1, {
      description:
        'Weekly chance that an engaged household past its response memory without a response disengages; its efficacy falls as when a suggestion is left out.',
      basis: 'A',
      range: [0.05, 0.2],
    }),
    disengagementTrustLoss: probabilityParameter(0, {
      description:
        'Share of a negative trust event (trustLoss × trust) a household suffers when it disengages for want of a response: 0, being left unanswered costs efficacy only (the model up to 0.8.0; the paper tells of no resident losing trust while waiting); 1, it weighs as much as a dispute over works.',
      basis: 'A',
      range: [0, 1],
    }),
    designRevision: probabilityParameter(0.5, {
      description:
        "Share of the gap between a project's coverage and full coverage closed when its design is discussed at its site with the households who need it there (an on-site meeting, or a dispute over works they were never told of), if every one of them knows of the renewal; scaled by the share who do (现场 contact: residents' real needs heard first-hand).",
      basis: 'A',
      range: [0.2, 0.8],
    }),
    onSiteEngagement: probabilityParameter(0.1, {
      description:
        'Chance an aware household with a need at the site takes part in an on-site meeting that settles a project there.',
      basis: 'A',
      range: [0.05, 0.2],
    }),
    expectationWhenAware: probabilityParameter(0.3, {
      description: 'Share of its needs an aware household expects met (unaware households expect nothing).',
      basis: 'A',
      range: [0.1, 0.5],
    }),
    perceivedSteepness: amountParameter(8, {
      description: 'Steepness of perceived satisfaction, logistic in (met − expected).',
      basis: 'A',
      range: [4, 16],
      hardMaximum: 1_000,
    }),
  })
  .strict();

/** A group of a scenario's parameters, with what it holds for editors: left out, each of its parameters takes its default. */
function parameterGroup<Group extends z.ZodObject>(group: Group, description: string) {
  return group.prefault({} as z.input<Group>).meta({ description });
}

/**
 * The behavioural parameters of a scenario in groups: community staff, departments, docking, stage-target pressure,
 * detection, joint meetings, mobilisation, deliberation and residents; an omitted group or parameter takes its default.
 */
export const parametersSchema = z
  .object({
    staff: parameterGroup(
      staffParametersSchema,
      'Community staff (社区工作人员): routine load, fatigue, backlog carried over, hours on works.',
    ),
    departments: parameterGroup(
      departmentParametersSchema,
      'Street departments (部门): routine load, backlog, paperwork, implementation plans, supervision, their catalogues of projects.',
    ),
    docking: parameterGroup(
      dockingParametersSchema,
      'Docking (对接): the hours an open thread costs staff and departments, the office-meeting loop and its confirmations, projects a department docks at once.',
    ),
    pressure: parameterGroup(
      pressureParametersSchema,
      'Stage-target pressure (目标阶段控制): audits, their targets, how pressure rises and decays, work pushed down to the community.',
    ),
    detection: parameterGroup(
      detectionParametersSchema,
      'Catching duplicates and conflicts before money is spent: how often a review that knows both projects finds them, and the rework of one missed.',
    ),
    jointMeetings: parameterGroup(jointMeetingParametersSchema, 'Joint meetings (工作推进会): how often, who attends, how long.'),
    mobilisation: parameterGroup(
      mobilisationParametersSchema,
      'Mobilising residents (居民动员): weeks, the reach of each channel, door-to-door visits, how readily households voice a need.',
    ),
    deliberation: parameterGroup(
      deliberationParametersSchema,
      'The deliberative council (议事会): selection of deliberators, site walks, council meetings and their scoring, matching into a plan, the experts.',
    ),
    residents: parameterGroup(
      residentParametersSchema,
      'Households: trust and efficacy and how responses move them, awareness from visible works, objections, disengagement, design revision on site, perceived satisfaction.',
    ),
  })
  .strict();

/** A change of governance mode at a given week (an event of the case, such as a promotion meeting). */
export const timelineEntrySchema = z
  .object({
    week: z.number().int().min(2).meta({
      description:
        "Week from which the mode applies (1-based), from week 2: the mode of week 1 is the scenario's mode, which an entry at week 1 would replace.",
    }),
    mode: modeSchema,
    event: oneLineText.optional().meta({ description: 'What happened, for reports (e.g. "expert consultation"): one line.' }),
  })
  .strict()
  .meta({ description: 'A change of mode: from `week` on, `mode`.' });

/**
 * The switch from the starting mode as an endogenous decision: once the
 * leadership has reframed the operational dilemma as a problem of the approach
 * (an expert consultation does; alone it is rare), each week it switches with
 * hazard 1 − exp(−rate × (driveWeight × performanceDrive + dilemmaWeight ×
 * dilemma) × (1 − inertia)); before that it answers the dilemma with more
 * pressure. A switch starts a pause, then the target mode.
 */
export const switchRuleSchema = z
  .object({
    to: modeSchema.default('co-production'),
    event: oneLineText.default('switch decided').meta({ description: 'Label of the switch in reports: one line.' }),
    weeklyRate: amountParameter(0.05, {
      description: 'Scale of the weekly switching hazard.',
      basis: 'A',
      range: [0.02, 0.1],
      hardMaximum: 1_000,
    }),
    dilemmaWeight: amountParameter(1, {
      description:
        'Weight of the operational dilemma (overload, idling, absent residents) in the hazard once it has been reframed (运作困境推动).',
      basis: 'I',
      range: [0.5, 2],
      hardMaximum: 1_000,
    }),
    performanceDrive: probabilityParameter(0.5, {
      description: 'The street’s political-performance drive towards governance innovation (政绩逻辑驱动).',
      basis: 'I',
      range: [0.2, 0.8],
    }),
    driveWeight: amountParameter(1, {
      description: 'Weight of the performance drive in the hazard.',
      basis: 'I',
      range: [0.5, 2],
      hardMaximum: 1_000,
    }),
    inertia: probabilityParameter(0.6, {
      description: 'Path dependence (路径依赖): the share by which it damps the hazard.',
      basis: 'I',
      range: [0.4, 0.8],
    }),
    expertPresent: z
      .boolean()
      .default(true)
      .meta({ description: 'Whether an expert team is consulted (专家介入催化).', basis: 'P' }),
    expertFromWeek: numberParameter(18, {
      description: 'Week from which the expert is present (the May 2018 consultation is week 18).',
      basis: 'P',
      unit: 'week',
      integer: true,
      hardMinimum: 1,
      hardMaximum: 5200,
    }),
    frameResponse: amountParameter(0.1, {
      description:
        'Until the dilemma is reframed (by an expert, or by the leadership alone), the pressure the leadership adds to every department each week per unit of operational dilemma (the administrative frame: more pressure), while stage-target pressure is on.',
      basis: 'I',
      range: [0, 0.3],
      hardMaximum: 1_000,
    }),
    selfReframingChance: probabilityParameter(0.02, {
      description:
        'Weekly chance, per unit of operational dilemma, that the leadership reframes the dilemma as a problem of the approach without an outside diagnosis (path dependence makes it rare).',
      basis: 'A',
      range: [0, 0.05],
    }),
    pauseWeeks: numberParameter(4, {
      description: 'Weeks of pause (暂停) between the switch and the target mode.',
      basis: 'A',
      unit: 'weeks',
      range: [2, 8],
      integer: true,
      hardMinimum: 0,
      hardMaximum: 52,
    }),
  })
  .strict();

/**
 * The scenario schema: name, weeks to simulate, base seed, starting mode, then either a timeline of mode changes or
 * an endogenous switch rule, the world, the parameters and any extensions' parameters. Unknown keys are errors.
 */
export const scenarioSchema = z
  .object({
    $schema: z.string().optional().meta({ description: 'Path or URL of the JSON Schema (for editors); ignored.' }),
    name: oneLineText.meta({ description: 'Short name of the scenario: one line, at most 200 characters.' }),
    description: z.string().default('').meta({ description: 'What the scenario represents.' }),
    weeks: numberParameter(104, {
      description: 'Weeks to simulate; 104 covers 2018–2019.',
      basis: 'P',
      integer: true,
      hardMinimum: 1,
      hardMaximum: 5200,
      unit: 'weeks',
    }),
    seed: z
      .union([z.number().int().nonnegative(), z.string()])
      .default(0)
      .meta({ description: 'Base seed; run seeds derive from it, the world and the replicate number.' }),
    mode: modeSchema.meta({ description: 'The mode from week 1, until the timeline or the switch rule changes it.' }),
    timeline: z
      .array(timelineEntrySchema)
      .default([])
      .meta({ description: 'Mode changes at given weeks, in increasing week order.' })
      .superRefine((entries, context) => {
        entries.forEach((entry, index) => {
          const previous = entries[index - 1];
          if (previous !== undefined && entry.week <= previous.week) {
            context.addIssue({
              code: 'custom',
              path: [index, 'week'],
              message: `expected a week after ${previous.week} (the entry before)`,
            });
          }
        });
      }),
    switchRule: switchRuleSchema
      .optional()
      .meta({ description: 'An endogenous switch from the starting mode (instead of a fixed timeline).' }),
    world: worldSchema.prefault({}).meta({
      description:
        'The world: its communities, need items, departments and their hours, the yearly budget, and projects’ cost, duration and coverage (defaults: the Y community of Z Street).',
    }),
    parameters: parametersSchema.prefault({}).meta({
      description:
        'Behavioural parameters in groups; an omitted group or parameter takes its default (docs/parameters.md lists each with its basis and plausible range).',
    }),
    extensions: z.record(z.string(), z.unknown()).optional().meta({
      description:
        'Parameters of model extensions, by extension name; validated by the model that defines them (`--model`), refused without it.',
    }),
  })
  .strict()
  .superRefine((scenario, context) => {
    for (const name of Object.keys(scenario.extensions ?? {}))
      context.addIssue({
        code: 'custom',
        path: ['extensions', name],
        message: `parameters of an extension "${name}" that this model does not have: run with the model that defines it (in code, parseExtendedScenario with its extensions or the model option of runScenario and the other runners; on the command line, --model of run, compare, validate, reproduce and robustness, or an experiment's model)`,
      });
    if (scenario.switchRule !== undefined && scenario.timeline.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['switchRule'],
        message: 'expected either a timeline or a switch rule, not both',
      });
    }
    scenario.world.communities.forEach((community, index) => {
      if (typeof community.joinsWeek === 'number' && community.joinsWeek > scenario.weeks)
        context.addIssue({
          code: 'custom',
          path: ['world', 'communities', index, 'joinsWeek'],
          message: `expected a week within the scenario's ${scenario.weeks} weeks: a community joining at week ${community.joinsWeek} would never take part`,
        });
    });
    scenario.timeline.forEach((entry, index) => {
      if (entry.week > scenario.weeks)
        context.addIssue({
          code: 'custom',
          path: ['timeline', index, 'week'],
          message: `expected a week within the scenario's ${scenario.weeks} weeks: a change at week ${entry.week} would never happen`,
        });
    });
    const rule = scenario.switchRule;
    if (rule !== undefined) {
      if (sameMode(rule.to, scenario.mode))
        context.addIssue({
          code: 'custom',
          path: ['switchRule', 'to'],
          message: 'expected a mode other than the starting mode: switching to the same mechanisms changes nothing',
        });
      if (rule.expertPresent && rule.expertFromWeek > scenario.weeks)
        context.addIssue({
          code: 'custom',
          path: ['switchRule', 'expertFromWeek'],
          message: `expected a week within the scenario's ${scenario.weeks} weeks (for no expert at all, set expertPresent to false)`,
        });
    }
  });

function sameMode(left: ModeInput, right: ModeInput): boolean {
  const [a, b] = [resolveMode(left), resolveMode(right)];
  return (
    a.participation === b.participation && a.integration === b.integration && a.pressure === b.pressure && a.renewal === b.renewal
  );
}

/** A scenario as written in a file (defaults may be omitted). */
export interface ScenarioInput extends z.input<typeof scenarioSchema> {}
/** A value and everything in it read-only, as a parsed scenario is frozen all the way down. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer Item)[]
    ? ReadonlyArray<DeepReadonly<Item>>
    : T extends object
      ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
      : T;

/** A parsed scenario: every default filled in, frozen all the way down (its type read-only too). */
export interface Scenario extends DeepReadonly<z.output<typeof scenarioSchema>> {}
/** The mechanism settings of a governance mode (a parsed `modeSettingsSchema`, `renewal` filled in). */
export interface ModeSettings extends z.output<typeof modeSettingsSchema> {}
/** A mode as written in a scenario: a preset name, or explicit settings in which `renewal` may be omitted. */
export type ModeInput = z.input<typeof modeSchema>;
/** One of the mode presets: administrative-led, co-production, pause, participation-only or integration-only. */
export type PresetName = (typeof presetNames)[number];
/** A parsed world (`worldSchema`): the communities and the street-wide figures, every default filled in. */
export interface World extends DeepReadonly<z.output<typeof worldSchema>> {}
/** A parsed timeline entry: the mode that applies from `week` (1-based) and, if given, what happened then (for reports). */
export interface TimelineEntry extends DeepReadonly<z.output<typeof timelineEntrySchema>> {}
/** A parsed switch rule (`switchRuleSchema`): the target mode and the terms of the weekly switching hazard. */
export interface SwitchRule extends DeepReadonly<z.output<typeof switchRuleSchema>> {}
/** A parsed community (`communitySchema`): households, residents, buildings, sites, staff and the week it joins. */
export interface Community extends DeepReadonly<z.output<typeof communitySchema>> {}
/** The parsed behavioural parameters of a scenario (`parametersSchema`), every default filled in. */
export interface Parameters extends DeepReadonly<z.output<typeof parametersSchema>> {}
