/**
 * What a run is expected to cost, from its scenario alone, before it runs:
 * so that a design too large for the machine is refused at once instead of
 * hanging or running out of memory hours later.
 *
 * A week costs something for every household (awareness, engagement,
 * satisfaction), something for every community whatever its size (its staff,
 * its departments' catalogue projects, docking threads and the pairs of
 * projects at its sites; a little more in a street of many, whose departments
 * carry all their projects), and, where residents take part, each council
 * meeting costs every deliberator's scoring of every proposal. The figures are
 * medians measured on a 2-core AMD EPYC machine under Node 20, rounded up:
 * 12 to 28 ns a household-week in a community of 50,000 households; 18 to
 * 53 µs a community-week (Y-sized communities in a street of the city, and
 * streets of many one-household communities, their projects at one site); about
 * 120 ns a score. A Y run (2,253 households, 104 weeks) took 5 to 8 ms. A run
 * of 8 million households held about 1.6 GB, about 200 bytes per household.
 * Estimates are rounded up, not promises: a slower machine takes longer.
 */
import type { City } from '../generators/index.js';
import { resolveMode, type Scenario, totalHouseholds } from '../scenario/index.js';
import { checkArgumentWith } from './arguments.js';
import { checkCity } from './city.js';

/** Seconds per household-week, rounded up from the measured 12–28 ns. */
export const secondsPerHouseholdWeek = 30e-9;
/**
 * Seconds per community-week whatever the community's size, in a street of few communities, rounded up from the
 * measured 18–53 µs. It grows with the street ({@link communityWeekGrowth}).
 */
export const secondsPerCommunityWeek = 40e-6;
/**
 * Communities in one street over which a community-week costs twice {@link secondsPerCommunityWeek}: the street's
 * departments carry every community's projects, so each week's work on them grows a little faster than the
 * communities. Measured in streets of one-household communities over 104 weeks: 35 µs a community-week with 250
 * communities, 41–44 µs with 1,000, 49–60 µs with 2,000; 40 µs × (1 + communities ÷ 4,000) is above each.
 */
export const communityWeekGrowth = 4_000;
/** Seconds per proposal a deliberator scores at a council meeting, rounded up from the measured ~120 ns. */
export const secondsPerProposalScore = 200e-9;
/** Seconds of fixed cost per run (building the world's departments and sites, the summary). */
export const secondsPerRun = 0.5e-3;
/** Bytes of memory per household while a run is in progress. */
export const bytesPerHousehold = 250;
/** Bytes of memory per recorded week of a run. */
export const bytesPerWeek = 2_000;

/** The estimated cost of one run ({@link estimatedRunCost}). */
export interface RunCost {
  /** Estimated CPU seconds of one run. */
  seconds: number;
  /** Estimated peak memory of one run, in bytes. */
  bytes: number;
}

/**
 * The estimated cost of one run of `scenario` over `weeks` (default: the scenario's).
 * @throws ScenarioError naming the argument (`scenario`, `weeks`) and the field when `scenario` is not a scenario
 *   (what parseScenario returns) or `weeks` not a whole number from 1
 */
export function estimatedRunCost(scenario: Scenario, weeks?: number): RunCost {
  checkArgumentWith('scenario', (check) => {
    if (!check.object(scenario, '(top level)', 'a scenario (what parseScenario returns)')) return;
    if (check.object(scenario.world, 'world', 'the scenario’s world') && !Array.isArray(scenario.world.communities))
      check.add('world.communities', `expected a list of communities, got ${typeof scenario.world.communities}`);
    check.wholeNumber(scenario.weeks, 'weeks', 1);
  });
  checkArgumentWith('weeks', (check) => check.wholeNumber(weeks, '(top level)', 1, true), 'number of weeks');
  return runCostOf(scenario, weeks);
}

/** Whether residents may take part at some week of the run: its starting mode, a timeline entry or a switch. */
function mayParticipate(scenario: Scenario): boolean {
  const modes = [scenario.mode, ...scenario.timeline.map((entry) => entry.mode)];
  if (scenario.switchRule !== undefined) modes.push(scenario.switchRule.to);
  return modes.some((mode) => resolveMode(mode).participation);
}

/** {@link estimatedRunCost} of a scenario already checked (a plan's point, a city's street). */
export function runCostOf(scenario: Scenario, weeks = scenario.weeks): RunCost {
  const { communities } = scenario.world;
  const households = totalHouseholds(communities);
  let councilScores = 0;
  if (mayParticipate(scenario)) {
    const { nominated, selfRecommended, randomlySelected, councilMeetings, proposalsPerMeeting } =
      scenario.parameters.deliberation;
    // A planning cycle a budget year, each community's council meeting councilMeetings times in it.
    const meetings = councilMeetings * Math.ceil(weeks / 52);
    for (const community of communities)
      councilScores +=
        meetings * Math.min(nominated + selfRecommended + randomlySelected, community.households) * proposalsPerMeeting;
  }
  return {
    seconds:
      secondsPerRun +
      weeks *
        (households * secondsPerHouseholdWeek +
          communities.length * secondsPerCommunityWeek * (1 + communities.length / communityWeekGrowth)) +
      councilScores * secondsPerProposalScore,
    bytes: households * bytesPerHousehold + weeks * bytesPerWeek,
  };
}

/**
 * The estimated cost of one city run: its streets run one after another, so
 * their seconds add up, and only one street is in memory at a time (the
 * largest street's bytes).
 * @throws ScenarioError naming the field (`streets`, `streets[3].scenario`) when `city` is not what `parseCity` returns
 */
export function estimatedCityRunCost(city: City): RunCost {
  checkCity(city);
  let seconds = 0;
  let bytes = 0;
  for (const street of city.streets) {
    const cost = runCostOf(street.scenario);
    seconds += cost.seconds;
    bytes = Math.max(bytes, cost.bytes);
  }
  return { seconds, bytes };
}
