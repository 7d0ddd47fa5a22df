/**
 * One week of the model: the fixed order of phases. Every phase reads and
 * writes the state; none knows which governance mode is running, only the
 * mechanism settings. The order is part of the model's definition (docs/odd.md,
 * "Process overview and scheduling"):
 *
 *  1. mode                the week's mode (timeline or switch rule); clocks of switched-on mechanisms start
 *  2. stage-target audits pressure decays; audits raise it and add reports
 *  3. participation       mobilisation, suggestions, selection, site walks, council
 *  4. planning            catalogues listed, or priorities matched into a plan
 *  5. docking opens       listed projects start docking
 *  6. joint meetings      biweekly review of the plan; duplicates and conflicts caught
 *  7. workload            staff and department demand, fatigue, service ratio
 *  8. docking advances    office loop or on-site meetings
 *  9. works               progress, spending, idling, completion, late discovery
 * 10. residents           awareness from works, engagement, satisfaction
 * 11. leadership observes  the operational dilemma that drives a switch rule
 */
import type { RandomSource } from '../core/index.js';
import type { ModeSettings } from '../scenario/index.js';
import { ensureBookkeeping, resynchroniseLedger } from './ledger.js';
import { runStageTargetAudits } from './mechanisms/audits.js';
import { advanceDocking, openDockingThreads } from './mechanisms/docking.js';
import { decideMode, observeDilemma } from './mechanisms/governance.js';
import { holdJointMeetings } from './mechanisms/joint-meetings.js';
import { applyMode } from './mechanisms/mode.js';
import { advanceParticipation } from './mechanisms/participation.js';
import { planProjects } from './mechanisms/planning.js';
import { updateResidents } from './mechanisms/residents.js';
import { computeWorkload } from './mechanisms/workload.js';
import { advanceWorks } from './mechanisms/works.js';
import { emptyWeekTally, type SimulationState } from './state.js';

/** A phase of the week: a named function over the state. */
export interface WeeklyPhase {
  readonly name: string;
  readonly run: (state: SimulationState, random: RandomSource) => void;
}

/** The phases after the mode is applied, in the order they run each week. */
export const weeklyPhases: readonly WeeklyPhase[] = Object.freeze([
  { name: 'stage-target audits', run: runStageTargetAudits },
  { name: 'participation', run: advanceParticipation },
  { name: 'planning', run: planProjects },
  { name: 'docking opens', run: openDockingThreads },
  { name: 'joint meetings', run: holdJointMeetings },
  { name: 'workload', run: computeWorkload },
  { name: 'docking advances', run: advanceDocking },
  { name: 'works', run: advanceWorks },
  { name: 'residents', run: updateResidents },
  { name: 'leadership observes', run: observeDilemma },
]);

const builtInPhases: ReadonlySet<WeeklyPhase> = new Set(weeklyPhases);

/** Names of the built-in phases, in order: the anchors extension phases are placed by. */
export const weeklyPhaseNames: readonly string[] = Object.freeze(weeklyPhases.map((phase) => phase.name));

/**
 * Advances the state by one week: under the mode the scenario's timeline or
 * switch rule gives for the week, or under `modeOverride` when given; then
 * runs `phases` in order (the built-in {@link weeklyPhases} unless a model
 * definition adds its own).
 */
export function stepWeek(
  state: SimulationState,
  random: RandomSource,
  modeOverride?: ModeSettings,
  phases: readonly WeeklyPhase[] = weeklyPhases,
): void {
  ensureBookkeeping(state);
  const previous = state.week === 0 ? null : state.mode;
  state.week++;
  const mode = modeOverride ?? decideMode(state, random);
  state.weekTally = emptyWeekTally();
  state.extraHours.staff.fill(0);
  state.extraHours.department.fill(0);
  applyMode(state, mode, previous);
  for (const phase of phases) {
    phase.run(state, random);
    // A phase from outside the model may change households behind the ledger's back: recount after it.
    if (!builtInPhases.has(phase)) resynchroniseLedger(state);
  }
}
