/**
 * Rollout in batches: a community takes part in the renewal from its join
 * week (`joinsWeek` in the scenario, week 1 when absent, never when null). Before it, the
 * community's staff do their routine work only; it has no catalogue, no
 * participation, no docking threads, no projects and no meetings. From it, the
 * street's mode of the week applies to it as to every community that joined
 * earlier, and the clocks of the mechanisms switched on start for it then —
 * so a community joining after the pilot switched starts under co-production.
 *
 * The gate sits where a community's renewal starts (mode.ts, planning.ts and
 * the audit reports in audits.ts); everything else follows from the community
 * having no projects and no participation. With every community joining at
 * week 1 nothing changes: no draw is made or skipped.
 */
import type { SimulationState } from './state.js';

/** The week community `community` joins the renewal: its `joinsWeek`, 1 when absent, infinity when it never does (null). */
export function joinWeekOf(state: SimulationState, community: number): number {
  const joinsWeek = state.scenario.world.communities[community]?.joinsWeek;
  if (joinsWeek === null) return Number.POSITIVE_INFINITY;
  return joinsWeek ?? 1;
}

/** Whether community `community` takes part in the renewal in the current week. */
export function hasJoined(state: SimulationState, community: number): boolean {
  return state.week >= joinWeekOf(state, community);
}

/**
 * The current week counted from the community's join week (1 in the week it
 * joins): its budget years and planning cycles run on this clock. The
 * street's week for a community in from week 1.
 */
export function renewalWeek(state: SimulationState, community: number): number {
  return state.week - joinWeekOf(state, community) + 1;
}

/** Communities that take part in the renewal in the current week. */
export function joinedCommunities(state: SimulationState): number {
  let joined = 0;
  for (let community = 0; community < state.staff.length; community++) if (hasJoined(state, community)) joined++;
  return joined;
}
