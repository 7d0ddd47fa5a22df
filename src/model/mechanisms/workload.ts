/**
 * The week's workload of community staff and departments, and how they
 * spend the hours they have.
 *
 * A team can work capacity × efficiency hours this week, efficiency falling
 * with fatigue accumulated from load above 1 (overload cascades). Routine
 * work (residents' committee duties, other line work) takes `routineLoad` of
 * those hours whatever else is asked; renewal work gets the rest. Renewal
 * demand is of two kinds:
 *
 * - assessed work: what the street checks — reports to audits, paperwork
 *   (文字工作), preparation pushed down by departments, meetings and visits
 *   already called, and the carried-over backlog of these;
 * - coordination: docking threads and the coordination of works on site —
 *   the part that turns into implementation.
 *
 * When renewal demand exceeds the renewal hours, every task gets the same
 * share of it, the service ratio, which gates docking and works this week.
 * So pressure does not stop effort — reports are written, forms filled — but
 * the work pushed down crowds out the work that implements (悬浮, 空转).
 * Overloaded teams triage rather than collapse: what they cannot do of the
 * assessed work carries over in part and lapses in part; coordination is
 * asked again next week by the projects still waiting, so it does not pile up.
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

function openThreads(project: { threads: ReadonlyArray<{ confirmed: boolean }> }): number {
  let open = 0;
  for (const thread of project.threads) if (!thread.confirmed) open++;
  return open;
}

/**
 * Renewal service ratio: the share of renewal demand that the hours left after
 * routine work can meet, min(1, workable × (1 − routineShare) ÷ renewalDemand); 1 with no demand.
 * @example renewalServiceRatio(40, 0.5, 40) // 0.5
 */
export function renewalServiceRatio(workableHours: number, routineShare: number, renewalDemand: number): number {
  if (renewalDemand <= 0) return 1;
  return Math.min(1, (workableHours * (1 - routineShare)) / renewalDemand);
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
      // A department reports on the projects it holds: its own catalogue's, and those of a plan it has taken up.
      // Projects queued in a plan are the coordinator's, written up once in the plan itself.
      const held = !project.integrated || isInPipeline(status);
      for (const department of held ? interfaceDepartments : []) {
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
        // Staff deal with each department's thread separately, or with the plan's one interface.
        const staffChannels = project.integrated ? Math.min(1, openThreads(project)) : openThreads(project);
        staffCoordination[project.community] =
          (staffCoordination[project.community] as number) + docking.staffHoursPerThreadWeek * staffChannels;
        for (const thread of project.threads) {
          if (thread.confirmed) continue;
          departmentCoordination[thread.department] =
            (departmentCoordination[thread.department] as number) + docking.departmentHoursPerThreadWeek;
        }
      } else {
        const lead = project.departments[0] as number;
        staffCoordination[project.community] =
          (staffCoordination[project.community] as number) + staffParameters.hoursPerWorksWeek;
        departmentCoordination[lead] = (departmentCoordination[lead] as number) + departmentParameters.supervisionHoursPerProject;
      }
    }
  }

  for (const team of state.staff) {
    const routine = staffParameters.routineLoad * team.capacityHours;
    // While renewal is paused, carried-over work waits: it is neither done nor dropped.
    const carried = paused ? 0 : team.backlogHours;
    const assessed = (staffAssessed[team.community] as number) + (state.extraHours.staff[team.community] as number) + carried;
    const renewalDemand = assessed + (staffCoordination[team.community] as number);
    const workable = team.capacityHours * efficiencyFromFatigue(team.fatigue, staffParameters.fatigueSteepness);
    const serviceRatio = renewalServiceRatio(workable, staffParameters.routineLoad, renewalDemand);
    team.demandHours = routine + renewalDemand;
    team.renewalDemandHours = renewalDemand;
    team.renewalDoneHours = renewalDemand * serviceRatio;
    team.serviceRatio = serviceRatio;
    team.load = team.demandHours / team.capacityHours;
    if (!paused) team.backlogHours = staffParameters.backlogCarryShare * assessed * (1 - serviceRatio);
    team.fatigue =
      staffParameters.fatigueMemory * team.fatigue + (1 - staffParameters.fatigueMemory) * Math.max(0, team.load - 1);
    state.runTally.renewalHours += team.renewalDoneHours;
  }

  for (const department of state.departments) {
    const id = department.id;
    const routine = departmentParameters.routineLoad * departmentCapacity;
    const carried = paused ? 0 : department.backlogHours;
    const paperwork = departmentPaperwork[id] as number;
    const assessed = paperwork + (state.extraHours.department[id] as number) + carried;
    const renewalDemand = assessed + (departmentCoordination[id] as number);
    const serviceRatio = renewalServiceRatio(departmentCapacity, departmentParameters.routineLoad, renewalDemand);
    if (!paused) department.backlogHours = departmentParameters.backlogCarryShare * assessed * (1 - serviceRatio);
    department.paperworkHours = paperwork;
    department.demandHours = routine + renewalDemand;
    department.serviceRatio = serviceRatio;
    state.runTally.renewalHours += renewalDemand * serviceRatio;
  }
}
