/**
 * Runs of a street community by community, and how the street changes as its
 * communities join: per-community summaries (communities.csv), the street week
 * by week (rollout.csv) and the rollout's stages — the runs of weeks with the
 * same communities taking part — compared between two scenarios on common
 * seeds, so a reader sees how department load and fragmentation grow with the
 * communities joined under each mode.
 */
import { csvTable, finishSteps, type Steps, wholeNumberText } from '../core/index.js';
import { givenValue } from '../core/problems.js';
import {
  type CommunitySummary,
  CommunityTracker,
  communitySummaryColumns,
  type RolloutStageMeasure,
  type RolloutWeek,
  rolloutStageMeasures,
  rolloutWeekColumns,
} from '../metrics/index.js';
import { type Scenario, ScenarioError } from '../scenario/index.js';
import {
  type ComparedReplicate,
  type CompareOptions,
  type Comparison,
  comparedPairsSteps,
  comparedScenarios,
  compareReplicateSteps,
  comparisonOfReplicates,
} from './compare.js';
import type { HeadlineMetric } from './headline.js';
import { checkRunOptions, type RunOptions, type RunResult, runScenarioSteps } from './run.js';

/** A run with its per-community summaries and the street week by week. */
export interface CommunityRun {
  result: RunResult;
  communities: CommunitySummary[];
  rollout: RolloutWeek[];
}

/**
 * Runs a scenario as {@link runScenario} does, following every community.
 * @example
 * const { communities } = runWithCommunities(parseScenario({ name: 's', mode: 'co-production', world: { communities: [{ name: 'A' }, { name: 'B', joinsWeek: 30 }] } }));
 * communities[1]?.weeksJoined; // 75
 */
export function runWithCommunities(scenario: Scenario, options: RunOptions = {}): CommunityRun {
  return finishSteps(runWithCommunitiesSteps(scenario, options));
}

/**
 * {@link runWithCommunities} in steps, yielding after each week: run with `finishStepsPausing` to let the event loop
 * in during a long run of a large street; the same result, byte for byte.
 */
export function* runWithCommunitiesSteps(scenario: Scenario, options: RunOptions = {}): Steps<CommunityRun> {
  // Checked before its observer is wrapped in the tracker's: a wrong one is named, not called in week 1.
  checkRunOptions(options);
  const tracker = new CommunityTracker();
  const observe = options.observe;
  const result = yield* runScenarioSteps(scenario, {
    ...options,
    observe: (state, record) => {
      tracker.observe(state, record);
      observe?.(state, record);
    },
  });
  return { result, communities: tracker.summaries(), rollout: tracker.weeks };
}

/** A run of consecutive weeks with the same number of communities joined. */
export interface RolloutStage {
  firstWeek: number;
  lastWeek: number;
  communitiesJoined: number;
  householdsJoined: number;
  /** Each measure's mean over the stage's weeks where it is defined (NaN where it never is). */
  means: Record<RolloutStageMeasure, number>;
}

function finiteMean(values: readonly number[]): number {
  let total = 0;
  let count = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    total += value;
    count++;
  }
  return count > 0 ? total / count : Number.NaN;
}

/**
 * The stages of a rollout: consecutive weeks grouped by the communities
 * joined, each measure averaged over the stage's weeks.
 * @example rolloutStages(weeks).map((stage) => stage.communitiesJoined) // [1, 8, 14, 20] for the shipped z-street-rollout scenarios
 */
export function rolloutStages(weeks: readonly RolloutWeek[]): RolloutStage[] {
  const stages: RolloutStage[] = [];
  let start = 0;
  for (let index = 1; index <= weeks.length; index++) {
    const first = weeks[start] as RolloutWeek;
    if (index < weeks.length && (weeks[index] as RolloutWeek).communitiesJoined === first.communitiesJoined) continue;
    const stageWeeks = weeks.slice(start, index);
    const means = {} as Record<RolloutStageMeasure, number>;
    for (const measure of rolloutStageMeasures) means[measure] = finiteMean(stageWeeks.map((week) => week[measure]));
    stages.push({
      firstWeek: first.week,
      lastWeek: (stageWeeks[stageWeeks.length - 1] as RolloutWeek).week,
      communitiesJoined: first.communitiesJoined,
      householdsJoined: first.householdsJoined,
      means,
    });
    start = index;
  }
  return stages;
}

/** Per-community summaries as CSV (communities.csv), with `leading` columns (e.g. the scenario) first. */
export function communitiesToCsv(
  rows: readonly CommunitySummary[],
  leading: { columns: readonly string[]; values: (row: CommunitySummary, index: number) => Array<string | number> } = {
    columns: [],
    values: () => [],
  },
): string {
  return csvTable(
    [...leading.columns, ...communitySummaryColumns],
    rows.map((row, index) => [...leading.values(row, index), ...communitySummaryColumns.map((column) => row[column])]),
  );
}

/** The street week by week as CSV (rollout.csv). */
export function rolloutToCsv(weeks: readonly RolloutWeek[]): string {
  return csvTable(
    [...rolloutWeekColumns],
    weeks.map((week) => rolloutWeekColumns.map((column) => week[column])),
  );
}

/** Two scenarios' rollouts on common seeds: their stages and per-community summaries, averaged over replicates. */
export interface RolloutComparison {
  comparison: Comparison;
  /** The stages of a's rollout, with each measure's mean over replicates under a and under b (same weeks). */
  stages: Array<Omit<RolloutStage, 'means'> & { a: Record<RolloutStageMeasure, number>; b: Record<RolloutStageMeasure, number> }>;
  /** Per community, each value's mean over replicates, under a and under b. */
  communities: { a: CommunitySummary[]; b: CommunitySummary[] };
}

/** Per field, the mean over replicates of the values that are defined; text fields from the first replicate. */
function meanSummaries(replicates: ReadonlyArray<readonly CommunitySummary[]>): CommunitySummary[] {
  const first = replicates[0] ?? [];
  return first.map((row, community) => {
    const averaged: Record<string, string | number> = { ...row };
    for (const column of communitySummaryColumns) {
      if (typeof row[column] !== 'number') continue;
      averaged[column] = finiteMean(replicates.map((summaries) => summaries[community]?.[column] as number));
    }
    return averaged as unknown as CommunitySummary;
  });
}

/**
 * {@link compareScenarios} of two street scenarios, following every
 * community in every run: besides the headline comparison, the rollout's
 * stages (by a's join weeks) with each measure under a and b, and the
 * per-community summaries, each averaged over the paired replicates.
 * Scenarios as written are validated first and compared as their parsed
 * forms, as {@link compareScenarios} does.
 * @throws ScenarioError as {@link compareScenarios} does
 */
export function compareRollouts(a: Scenario, b: Scenario, options: CompareOptions = {}): RolloutComparison {
  return finishSteps(compareRolloutsSteps(a, b, options));
}

/**
 * {@link compareRollouts} in steps, yielding after each week of each run: run with `finishStepsPausing` to let the
 * event loop in during a long comparison of streets; the same result, byte for byte.
 * @throws ScenarioError as {@link compareScenarios} does, at the first step
 */
export function* compareRolloutsSteps(a: Scenario, b: Scenario, options: CompareOptions = {}): Steps<RolloutComparison> {
  const compared = comparedScenarios(a, b, options);
  const pairs = yield* comparedPairsSteps(compared, options, compareRolloutReplicateSteps);
  return rolloutComparisonOfReplicates(compared.a, compared.b, pairs, compared.metrics);
}

/** A run followed community by community: the street week by week and each community's summary. */
export interface FollowedRun {
  weeks: RolloutWeek[];
  communities: CommunitySummary[];
}

/** One paired replicate of a rollout comparison: the pair's summaries and both runs followed community by community. */
export interface ComparedRolloutReplicate extends ComparedReplicate {
  followed: { a: FollowedRun; b: FollowedRun };
}

/**
 * Replicate `replicate` of a rollout comparison of the parsed scenarios a and b, as {@link compareReplicateSteps}
 * runs it, each run followed community by community (and by the observer `options.observer` gives it).
 * @throws ScenarioError (source "compare options") when the observer returns something other than a function or
 *   nothing
 */
export function* compareRolloutReplicateSteps(
  a: Scenario,
  b: Scenario,
  replicate: number,
  options: Pick<CompareOptions, 'weeks' | 'model' | 'observer'> = {},
): Steps<ComparedRolloutReplicate> {
  const trackers = { a: new CommunityTracker(), b: new CommunityTracker() };
  const pair = yield* compareReplicateSteps(a, b, replicate, {
    ...options,
    observer: (side, observed) => {
      const tracker = trackers[side];
      const given = options.observer?.(side, observed);
      if (given !== undefined && typeof given !== 'function')
        throw new ScenarioError(
          'compare options',
          [
            {
              path: 'observer',
              message: `expected it to return a function of (state, record) or nothing, got ${givenValue(given)}`,
            },
          ],
          'compare options',
        );
      return (state, record) => {
        tracker.observe(state, record);
        given?.(state, record);
      };
    },
  });
  const followed = (tracker: CommunityTracker): FollowedRun => ({ weeks: tracker.weeks, communities: tracker.summaries() });
  return { ...pair, followed: { a: followed(trackers.a), b: followed(trackers.b) } };
}

/**
 * The rollout comparison of a and b from their paired replicates, in replicate order from 0: the headline
 * comparison ({@link comparisonOfReplicates}), the stages of replicate 0's rollout of a with each measure averaged
 * over the replicates under a and under b, and each community's summary averaged over the replicates.
 * @throws ScenarioError as {@link comparisonOfReplicates} does
 */
export function rolloutComparisonOfReplicates(
  a: Scenario,
  b: Scenario,
  pairs: readonly ComparedRolloutReplicate[],
  metrics: readonly HeadlineMetric[],
): RolloutComparison {
  const comparison = comparisonOfReplicates(a, b, pairs, metrics);
  const runs = { a: pairs.map((pair) => pair.followed.a), b: pairs.map((pair) => pair.followed.b) };
  const template = runs.a[0] === undefined ? [] : rolloutStages(runs.a[0].weeks);
  const averaged = (replicates: readonly FollowedRun[], firstWeek: number, lastWeek: number) => {
    const means = {} as Record<RolloutStageMeasure, number>;
    for (const measure of rolloutStageMeasures) {
      // Each replicate's mean over the stage's weeks, whatever stages its own rollout has (b may join at other weeks).
      means[measure] = finiteMean(
        replicates.map((run) =>
          finiteMean(run.weeks.filter((week) => week.week >= firstWeek && week.week <= lastWeek).map((week) => week[measure])),
        ),
      );
    }
    return means;
  };
  return {
    comparison,
    stages: template.map((stage) => ({
      firstWeek: stage.firstWeek,
      lastWeek: stage.lastWeek,
      communitiesJoined: stage.communitiesJoined,
      householdsJoined: stage.householdsJoined,
      a: averaged(runs.a, stage.firstWeek, stage.lastWeek),
      b: averaged(runs.b, stage.firstWeek, stage.lastWeek),
    })),
    communities: {
      a: meanSummaries(runs.a.map((run) => run.communities)),
      b: meanSummaries(runs.b.map((run) => run.communities)),
    },
  };
}

/** The stages of a rollout comparison as CSV: one row per stage, each measure under a and b. */
export function rolloutStagesToCsv(stages: RolloutComparison['stages']): string {
  return csvTable(
    [
      'firstWeek',
      'lastWeek',
      'communitiesJoined',
      'householdsJoined',
      ...rolloutStageMeasures.flatMap((measure) => [`${measure}.a`, `${measure}.b`]),
    ],
    stages.map((stage) => [
      stage.firstWeek,
      stage.lastWeek,
      stage.communitiesJoined,
      stage.householdsJoined,
      ...rolloutStageMeasures.flatMap((measure) => [stage.a[measure], stage.b[measure]]),
    ]),
  );
}

/** Labels of the stage measures in the terminal table. */
const stageMeasureLabels: Readonly<Record<RolloutStageMeasure, string>> = {
  departmentLoad: 'department load',
  departmentPressure: 'department pressure',
  departmentPaperworkHours: 'department paperwork hours/week',
  openDockingThreads: 'open docking threads',
  openDockingThreadsPerCommunity: 'open docking threads per community',
  interfacesPerProject: 'interfaces per project',
  fragmentationIndex: 'fragmentation index',
  dockingChannels: 'docking channels (department × community)',
  staffLoadJoined: 'staff load (communities joined)',
};

function cell(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/**
 * The stages as a plain-text table: one block per measure, a row per stage
 * (weeks, communities joined) with the measure under a and under b.
 */
export function rolloutTable(rollout: RolloutComparison, labels: { a: string; b: string } = { a: 'a', b: 'b' }): string {
  const lines = [
    `How the street carries the rollout: each measure's mean over a stage's weeks and ${rollout.comparison.replicates} paired replicates`,
    `(a = ${rollout.comparison.a.name}, b = ${rollout.comparison.b.name})`,
    '',
  ];
  for (const measure of rolloutStageMeasures) {
    lines.push(`${stageMeasureLabels[measure]}`);
    lines.push(
      `  ${'weeks'.padEnd(9)} ${'communities'.padStart(11)} ${'households'.padStart(11)} ${labels.a.padStart(9)} ${labels.b.padStart(9)}`,
    );
    for (const stage of rollout.stages)
      lines.push(
        `  ${`${stage.firstWeek}–${stage.lastWeek}`.padEnd(9)} ${String(stage.communitiesJoined).padStart(11)} ${wholeNumberText(stage.householdsJoined).padStart(11)} ${cell(stage.a[measure]).padStart(9)} ${cell(stage.b[measure]).padStart(9)}`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
