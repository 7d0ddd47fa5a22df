/**
 * Applying the week's governance mode. The engine reads the mode's
 * mechanism settings, never its name. When a mechanism switches on, its
 * clock starts: participation's sub-phases count from the first week it is
 * on in a community, the weeks they run (later planning cycles start with
 * budget years, and a cycle waits through weeks without participation, in
 * participation.ts, not here); integration's plan and meeting schedule count
 * from each week it switches on, again after a pause. The Promotion Office has
 * no setting of its own: it is a coordinator while integration is on
 * (planning.ts, joint-meetings.ts) and an evaluator while pressure is high
 * (audits.ts), both at once in a mode with both. A community takes part from
 * its join week (rollout.ts): the clocks start for it then.
 */
import type { ModeSettings } from '../../scenario/index.js';
import { joinWeekOf } from '../rollout.js';
import { markMilestone, type SimulationState } from '../state.js';
import { startParticipation } from './participation.js';

/** Sets the mode for the coming week and starts the clocks of mechanisms switched on. */
export function applyMode(state: SimulationState, mode: ModeSettings, previous: ModeSettings | null): void {
  state.mode = mode;
  const starting = state.startingMode;
  if (
    mode.participation !== starting.participation ||
    mode.integration !== starting.integration ||
    mode.pressure !== starting.pressure ||
    mode.renewal !== starting.renewal
  )
    markMilestone(state, 'modeChange');
  if (mode.renewal === 'active' && mode.participation) markMilestone(state, 'participationStart');
  if (mode.renewal === 'active' && mode.integration) markMilestone(state, 'integrationStart');
  const active = mode.renewal === 'active';
  const wasActive = previous !== null && previous.renewal === 'active';
  for (const progress of state.progress) {
    const joinWeek = joinWeekOf(state, progress.community);
    if (state.week < joinWeek) continue;
    // A community joining this week had no renewal the week before: the mechanisms on now start their clocks for it.
    const wasOn = (mechanism: 'participation' | 'integration') =>
      state.week > joinWeek && wasActive && previous?.[mechanism] === true;
    if (active && mode.participation && !wasOn('participation') && progress.participation === null) {
      progress.participation = startParticipation(state);
    }
    if (active && mode.integration && !wasOn('integration')) {
      progress.integrationStartWeek = state.week;
      progress.integratedPlanAdopted = false;
    }
  }
}
