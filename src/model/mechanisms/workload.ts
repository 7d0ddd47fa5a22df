/**
 * The week's workload of community staff and departments.
 *
 * Staff demand = routine + open docking threads × hours per thread + work
 * pushed down by departments + meetings, visits and reports + carried
 * backlog. Staff work at capacity × efficiency, efficiency falling with
 * fatigue accumulated from load above 1 (overload cascades). When demand
 * exceeds what they can do, every task gets the same share of it — renewal
 * is the street's central task (中心工作), so it is not simply dropped — and
 * that share, the service ratio, gates docking and site coordination this
 * week. Part of the renewal work left undone carries over; the rest lapses.
 *
 * Department demand = routine + paperwork (per project and interface,
 * rising with pressure: 文字工作) + docking threads + the preparation not
 * pushed down + meetings and reports + supervision of works + carried
 * backlog. Their service ratio, capacity ÷ demand capped at 1, gates the
 * supervision of works; part of the renewal work left undone carries over.
 */
import type { RandomSource } from '../../core/index.js';
import { isInPipeline } from '../project-status.js';
import type { SimulationState } from '../state.js';
import { pushdownShare } from './audits.js';

/** Efficiency of a team with the given fatigue: 1 / (1 + steepness · fatigue). */
export function efficiencyFromFatigue(fatigue: number, steepness: number): number {
  return 1 / (1 + steepness * fatigue);
}

export function computeWorkload(state: SimulationState, _random: RandomSource): void {
  const { staff: staffParameters, departments: departmentParameters, docking, pressure } = state.scenario.parameters;
  const departmentCapacity = state.scenario.world.departmentHoursPerWeek;
  const communityCount = state.staff.length;
  const departmentCount = state.departments.length;

  const staffRenewal = new Float64Array(communityCount);
  const departmentPaperwork = new Float64Array(departmentCount);
  const departmentOther = new Float64Array(departmentCount);
  const departmentSupervision = new Float64Array(departmentCount);
  const shares = state.departments.map((department) => pushdownShare(state, department.pressure));

  for (const project of state.projects) {
    const status = project.status;
    if (status === 'done' || status === 'cancelled') continue;
    // Paperwork and preparation per interface: each department separately, or once under the plan's one interface.
    const interfaceDepartments = project.integrated ? project.departments.slice(0, 1) : project.departments;
    // The pause freezes all renewal work, paperwork included.
    for (const department of state.mode.renewal === 'paused' ? [] : interfaceDepartments) {
      departmentPaperwork[department] =
        (departmentPaperwork[department] as number) +
        departmentParameters.paperworkHoursPerProject * (1 + (state.departments[department]?.pressure ?? 0));
    }
    if (state.mode.renewal === 'paused' || !isInPipeline(status)) continue;
    for (const department of interfaceDepartments) {
      const pushed = shares[department] as number;
      staffRenewal[project.community] =
        (staffRenewal[project.community] as number) + pressure.preparationHoursPerProject * pushed;
      departmentOther[department] = (departmentOther[department] as number) + pressure.preparationHoursPerProject * (1 - pushed);
    }
    if (status === 'docking') {
      for (const thread of project.threads) {
        if (thread.confirmed) continue;
        staffRenewal[project.community] = (staffRenewal[project.community] as number) + docking.staffHoursPerThreadWeek;
        departmentOther[thread.department] =
          (departmentOther[thread.department] as number) + docking.departmentHoursPerThreadWeek;
      }
    } else {
      const lead = project.departments[0] as number;
      departmentSupervision[lead] = (departmentSupervision[lead] as number) + departmentParameters.supervisionHoursPerProject;
    }
  }

  for (const team of state.staff) {
    const routine = staffParameters.routineLoad * team.capacityHours;
    // While renewal is paused, carried-over work waits: it is neither done nor dropped.
    const paused = state.mode.renewal === 'paused';
    const carried = paused ? 0 : team.backlogHours;
    const renewalDemand = (staffRenewal[team.community] as number) + (state.extraHours.staff[team.community] as number) + carried;
    const demand = routine + renewalDemand;
    const effectiveCapacity = team.capacityHours * efficiencyFromFatigue(team.fatigue, staffParameters.fatigueSteepness);
    const serviceRatio = demand > 0 ? Math.min(1, effectiveCapacity / demand) : 1;
    const renewalDone = renewalDemand * serviceRatio;
    team.demandHours = demand;
    team.renewalDemandHours = renewalDemand;
    team.renewalDoneHours = renewalDone;
    team.serviceRatio = serviceRatio;
    team.load = demand / team.capacityHours;
    if (!paused) team.backlogHours = staffParameters.backlogCarryShare * (renewalDemand - renewalDone);
    team.fatigue =
      staffParameters.fatigueMemory * team.fatigue + (1 - staffParameters.fatigueMemory) * Math.max(0, team.load - 1);
    state.runTally.renewalHours += renewalDone;
  }

  for (const department of state.departments) {
    const id = department.id;
    const routine = departmentParameters.routineLoad * departmentCapacity;
    const paperwork = departmentPaperwork[id] as number;
    const demand =
      routine +
      paperwork +
      (departmentOther[id] as number) +
      (state.extraHours.department[id] as number) +
      (departmentSupervision[id] as number) +
      (state.mode.renewal === 'paused' ? 0 : department.backlogHours);
    const serviceRatio = demand > 0 ? Math.min(1, departmentCapacity / demand) : 1;
    if (state.mode.renewal !== 'paused')
      department.backlogHours = departmentParameters.backlogCarryShare * (demand - routine) * (1 - serviceRatio);
    department.paperworkHours = paperwork;
    department.demandHours = demand;
    department.serviceRatio = serviceRatio;
    state.runTally.renewalHours += (demand - routine) * serviceRatio;
  }
}
