/**
 * The week's workload of community staff and departments, and how they
 * spend the hours they have.
 *
 * Demand comes in three tiers, served in this order by one rule for every
 * mode (a team does first what it is held to account for):
 *
 *  1. routine       the daily work of the office (residents' committee duties,
 *                   other line work): never skipped;
 *  2. assessed      what the street checks: reports to audits and paperwork
 *                   (文字工作), preparation pushed down by departments, meetings
 *                   and visits already called, carried-over backlog of these;
 *  3. coordination  docking threads and the coordination of works on site:
 *                   the part of the work that turns into implementation.
 *
 * A team works at capacity × efficiency, efficiency falling with fatigue
 * accumulated from load above 1 (overload cascades). Coordination gets what
 * the first two tiers leave: its service ratio, the share of coordination
 * demand met, gates docking and works this week. So pressure does not stop
 * effort — reports are written, forms filled — but it crowds out the work
 * that implements (悬浮, 空转). Undone assessed work carries over in part;
 * coordination is asked again next week by the projects still waiting, so
 * it does not pile up as backlog (overloaded staff triage: set-aside threads
 * wait rather than multiply).
 *
 * Load = (routine + assessed + coordination demand) ÷ capacity, for staff and
 * for departments alike.
 */
import type { RandomSource } from '../../core/index.js';
import { isInPipeline } from '../project-status.js';
import type { SimulationState } from '../state.js';
import { pushdownShare } from './audits.js';

/** Efficiency of a team with the given fatigue: 1 / (1 + steepness · fatigue). */
export function efficiencyFromFatigue(fatigue: number, steepness: number): number {
  return 1 / (1 + steepness * fatigue);
}

/** Hours served in each tier, in order, out of `available`, and the share of each tier met. */
export function serveInPriorityOrder(available: number, tiers: readonly number[]): { served: number[]; shares: number[] } {
  let left = Math.max(0, available);
  const served: number[] = [];
  const shares: number[] = [];
  for (const demand of tiers) {
    const hours = Math.min(left, Math.max(0, demand));
    left -= hours;
    served.push(hours);
    shares.push(demand > 0 ? hours / demand : 1);
  }
  return { served, shares };
}

export function computeWorkload(state: SimulationState, _random: RandomSource): void {
  const { staff: staffParameters, departments: departmentParameters, docking, pressure } = state.scenario.parameters;
  const departmentCapacity = state.scenario.world.departmentHoursPerWeek;
  const communityCount = state.staff.length;
  const departmentCount = state.departments.length;
  const paused = state.mode.renewal === 'paused';

  const staffAssessed = new Float64Array(communityCount);
  const staffCoordination = new Float64Array(communityCount);
  const departmentPaperwork = new Float64Array(departmentCount);
  const departmentCoordination = new Float64Array(departmentCount);
  const shares = state.departments.map((department) => pushdownShare(state, department.pressure));

  // The pause freezes all renewal work, paperwork included.
  if (!paused) {
    for (const project of state.projects) {
      const status = project.status;
      if (status === 'done' || status === 'cancelled') continue;
      // Paperwork and preparation per interface: each department separately, or once under the plan's one interface.
      const interfaceDepartments = project.integrated ? project.departments.slice(0, 1) : project.departments;
      for (const department of interfaceDepartments) {
        departmentPaperwork[department] =
          (departmentPaperwork[department] as number) +
          departmentParameters.paperworkHoursPerProject * (1 + (state.departments[department]?.pressure ?? 0));
      }
      if (!isInPipeline(status)) continue;
      for (const department of interfaceDepartments) {
        const pushed = shares[department] as number;
        staffAssessed[project.community] =
          (staffAssessed[project.community] as number) + pressure.preparationHoursPerProject * pushed;
        departmentCoordination[department] =
          (departmentCoordination[department] as number) + pressure.preparationHoursPerProject * (1 - pushed);
      }
      if (status === 'docking') {
        for (const thread of project.threads) {
          if (thread.confirmed) continue;
          staffCoordination[project.community] = (staffCoordination[project.community] as number) + docking.staffHoursPerThreadWeek;
          departmentCoordination[thread.department] =
            (departmentCoordination[thread.department] as number) + docking.departmentHoursPerThreadWeek;
        }
      } else {
        const lead = project.departments[0] as number;
        staffCoordination[project.community] = (staffCoordination[project.community] as number) + staffParameters.hoursPerWorksWeek;
        departmentCoordination[lead] = (departmentCoordination[lead] as number) + departmentParameters.supervisionHoursPerProject;
      }
    }
  }

  for (const team of state.staff) {
    const routine = staffParameters.routineLoad * team.capacityHours;
    // While renewal is paused, carried-over work waits: it is neither done nor dropped.
    const carried = paused ? 0 : team.backlogHours;
    const assessed = (staffAssessed[team.community] as number) + (state.extraHours.staff[team.community] as number) + carried;
    const coordination = staffCoordination[team.community] as number;
    const effectiveCapacity = team.capacityHours * efficiencyFromFatigue(team.fatigue, staffParameters.fatigueSteepness);
    const { served, shares: met } = serveInPriorityOrder(effectiveCapacity, [routine, assessed + coordination]);
    served.push((served[1] as number) * (coordination / Math.max(1e-12, assessed + coordination)));
    served[1] = (served[1] as number) - (served[2] as number);
    met.push(met[1] as number);
    const renewalDemand = assessed + coordination;
    const renewalDone = (served[1] as number) + (served[2] as number);
    team.demandHours = routine + renewalDemand;
    team.renewalDemandHours = renewalDemand;
    team.renewalDoneHours = renewalDone;
    team.serviceRatio = met[2] as number;
    team.load = team.demandHours / team.capacityHours;
    if (!paused) team.backlogHours = staffParameters.backlogCarryShare * (assessed - (served[1] as number));
    team.fatigue =
      staffParameters.fatigueMemory * team.fatigue + (1 - staffParameters.fatigueMemory) * Math.max(0, team.load - 1);
    state.runTally.renewalHours += renewalDone;
  }

  for (const department of state.departments) {
    const id = department.id;
    const routine = departmentParameters.routineLoad * departmentCapacity;
    const carried = paused ? 0 : department.backlogHours;
    const paperwork = departmentPaperwork[id] as number;
    const assessed = paperwork + (state.extraHours.department[id] as number) + carried;
    const coordination = departmentCoordination[id] as number;
    const { served, shares: met } = serveInPriorityOrder(departmentCapacity, [routine, assessed + coordination]);
    served.push((served[1] as number) * (coordination / Math.max(1e-12, assessed + coordination)));
    served[1] = (served[1] as number) - (served[2] as number);
    met.push(met[1] as number);
    if (!paused) department.backlogHours = departmentParameters.backlogCarryShare * (assessed - (served[1] as number));
    department.paperworkHours = paperwork;
    department.demandHours = routine + assessed + coordination;
    department.serviceRatio = met[2] as number;
    state.runTally.renewalHours += (served[1] as number) + (served[2] as number);
  }
}
