/**
 * Stage-target control (目标阶段控制) and pressure passed down (压力向下传导).
 *
 * Under high pressure the Promotion Office, as evaluator, audits every
 * department each `auditIntervalWeeks`: the gap between the stage target
 * (for each listed project, a straight line from its listing to its being
 * done `stageTargetWeeks` later, so next year's catalogue or a community
 * joining the renewal later starts on time) and the
 * department's actual share done sets its pressure to at least
 * `auditBasePressure + gainPerAudit × gap` (an audit does not stack pressure
 * on pressure), and the audit adds report work to the department and to the
 * community staff. Pressure fades by `decayPerWeek` each week, so under low
 * pressure it dies away.
 */
import type { RandomSource } from '../../core/index.js';
import { hasJoined } from '../rollout.js';
import type { SimulationState } from '../state.js';

/** Pressure an audit leaves a department with even when it is on target. */
export const auditBasePressure = 0.2;

/** Runs this week's pressure decay and audits; audit reports add to the week's hours. */
export function runStageTargetAudits(state: SimulationState, _random: RandomSource): void {
  const parameters = state.scenario.parameters.pressure;
  const reportHours = state.extraHours;
  for (const department of state.departments) department.pressure *= 1 - parameters.decayPerWeek;

  const auditing =
    state.mode.pressure === 'high' &&
    state.mode.renewal === 'active' &&
    state.week % parameters.auditIntervalWeeks === 0 &&
    state.week > 0;
  if (!auditing) return;

  state.weekTally.auditHeld = true;
  state.runTally.audits++;
  const listed = new Float64Array(state.departments.length);
  const done = new Float64Array(state.departments.length);
  const due = new Float64Array(state.departments.length);
  for (const project of state.projects) {
    if (project.status === 'cancelled') continue;
    const lead = project.departments[0] as number;
    listed[lead] = (listed[lead] as number) + 1;
    if (project.status === 'done') done[lead] = (done[lead] as number) + 1;
    // Each project's deadline runs from its listing: a straight line to done by `stageTargetWeeks` after it.
    due[lead] = (due[lead] as number) + Math.min(1, Math.max(0, state.week - project.listedWeek) / parameters.stageTargetWeeks);
  }
  let pressureTotal = 0;
  for (const department of state.departments) {
    const departmentListed = listed[department.id] as number;
    const targetShare = departmentListed > 0 ? (due[department.id] as number) / departmentListed : 0;
    const actualShare = departmentListed > 0 ? (done[department.id] as number) / departmentListed : 0;
    const gap = Math.max(0, targetShare - actualShare);
    department.pressure = Math.max(department.pressure, auditBasePressure + parameters.gainPerAudit * gap);
    reportHours.department[department.id] =
      (reportHours.department[department.id] as number) + parameters.reportHoursPerAudit * department.pressure;
    pressureTotal += department.pressure;
  }
  const meanPressure = pressureTotal / Math.max(1, state.departments.length);
  for (let team = 0; team < state.staff.length; team++) {
    // Staff of a community not yet in the renewal have nothing to report on.
    if (!hasJoined(state, team)) continue;
    reportHours.staff[team] = (reportHours.staff[team] as number) + parameters.reportHoursPerAudit * meanPressure;
  }
}

/** Share of a department's preparation work it pushes down to community staff. */
export function pushdownShare(state: SimulationState, pressure: number): number {
  return Math.min(0.9, state.scenario.parameters.pressure.pushdownShare * pressure);
}
